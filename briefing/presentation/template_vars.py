"""The variables a template can use, read from the models themselves: every field and property
of `Briefing` and of the models it holds, with its type and the first line of its docstring.
`briefing templates vars` prints them; the README's variable table is checked against them."""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import types
import typing
from datetime import date

from pydantic import BaseModel

from ..models import Briefing

SIMPLE: dict[object, str] = {str: "text", int: "integer", float: "number", bool: "true/false", date: "date", type(None): "none"}


def variables(root: type[BaseModel] = Briefing) -> list[tuple[str, str, str]]:
    """(`Model.field`, type, meaning) for every field and property of `root` and of each model
    reachable from it, models in the order first met."""
    rows: list[tuple[str, str, str]] = []
    queue, seen = [root], {root}
    while queue:
        model = queue.pop(0)
        hints = typing.get_type_hints(model)
        docs = _field_docs(model)
        members = [(name, hints[name], docs.get(name)) for name in model.model_fields]
        members += [(name, typing.get_type_hints(member.fget).get("return"), inspect.getdoc(member))
                    for name, member in vars(model).items() if isinstance(member, property)]
        for name, hint, doc in members:
            rows.append((f"{model.__name__}.{name}", describe(hint), (doc or "").split("\n\n")[0].replace("\n", " ")))
            for found in _models_in(hint):
                if found not in seen:
                    seen.add(found)
                    queue.append(found)
    return rows


def _field_docs(model: type) -> dict[str, str]:
    """The docstring written under each field of `model` and of the models it inherits from
    (read here, from the source, rather than by pydantic on every import)."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        body = typing.cast(ast.ClassDef, ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]).body  # a class's source
        for node, after in itertools.pairwise(body):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(after, ast.Expr) \
                    and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str):
                docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def describe(hint: object) -> str:
    """A type as a reader says it: "list of Story", "text or none"."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return describe(args[0])
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe(a) for a in args)
    if origin is tuple and len(args) == 2 and args[1] is not Ellipsis:
        return f"pair of {describe(args[0])} and {describe(args[1])}"
    if origin in (list, tuple):
        return f"list of {describe(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping of {describe(args[0])} to {describe(args[1])}"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return hint.__name__
    name: str = getattr(hint, "__name__", str(hint))
    return SIMPLE.get(hint, name)


def _models_in(hint: object) -> list[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    return [m for arg in typing.get_args(hint) for m in _models_in(arg)]


def table() -> str:
    """The variables as a Markdown table (the README's)."""
    lines = ["| variable | type | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in variables()]
    return "\n".join(lines)
