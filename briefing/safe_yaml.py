"""YAML read safely: the safe loader, with aliases bounded by what they expand to, so a small
file cannot become a huge document (an alias bomb) or a recursive one."""

from __future__ import annotations

from typing import Any

import yaml

#: Nodes a document may have once every alias is expanded.
MAX_NODES = 10_000


class YamlProblem(ValueError):
    """A document that is not valid YAML or is too large once expanded; `line` is 1-based."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """The document in `text` and its node tree (for line numbers); `(None, None)` if empty."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_expanded_size(root)
        return loader.construct_document(root), root
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(str(exc.problem or exc.context or "not valid YAML"),
                          mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(str(exc)) from None
    except RecursionError:
        raise YamlProblem("nested too deeply") from None
    except ValueError:  # an integer with more digits than Python converts
        raise YamlProblem("a number has too many digits") from None
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases expand past `MAX_NODES` nodes, or refer to themselves."""
    size: dict[int, int] = {}
    on_path = {id(root)}
    stack = [(root, iter(_children(root)))]
    while stack:
        node, pending = stack[-1]
        child = next(pending, None)
        if child is None:
            stack.pop()
            on_path.discard(id(node))
            size[id(node)] = 1 + sum(size[id(c)] for c in _children(node))
            if size[id(node)] > MAX_NODES:
                raise YamlProblem(f"too large once its aliases are expanded (over {MAX_NODES:,} values)",
                                  node.start_mark.line + 1)
        elif id(child) in on_path:
            raise YamlProblem("an alias refers to the value that contains it", child.start_mark.line + 1)
        elif id(child) not in size:
            on_path.add(id(child))
            stack.append((child, iter(_children(child))))
