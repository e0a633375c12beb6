"""The package's layout is the pipeline's: the frame at the top, one package per stage, and no
import running back up the stages (a later stage may use an earlier one, never the reverse)."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).parent
#: The stages in the order the data flows; the frame (top-level modules) is usable by all.
STAGES = ["intake", "analysis", "editorial", "presentation", "publish"]
#: Top-level modules that only the command line and the pipeline sit above.
FRAME = {"config", "errors", "models", "isolation", "safe_yaml", "versions"}


def imports(path: Path) -> set[str]:
    """The briefing modules `path` imports, as dotted names below `briefing` (relative imports
    resolved; imports inside functions included)."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    package = module[:-1] if module[-1] != "__init__" else module[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[:len(package) - node.level + 1])
                target = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").startswith("briefing"):
                target = node.module.removeprefix("briefing").lstrip(".")
            else:
                continue
            found.update(f"{target}.{alias.name}".strip(".") for alias in node.names)
            found.add(target)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("briefing.") for a in node.names if a.name.startswith("briefing."))
    return found


def level(dotted: str) -> int | None:
    """The stage index of a dotted module (None for the frame and the package root)."""
    head = dotted.split(".")[0]
    return STAGES.index(head) if head in STAGES else None


def test_the_top_level_is_the_frame_and_the_stages():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert modules == FRAME | {"cli", "pipeline"}
    assert len(modules) + 2 <= 10
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} == set(STAGES)


def backwards(path: Path, target: str) -> bool:
    """Whether `path` importing `target` runs back up the stages."""
    head, own = target.split(".")[0], level(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if path.parent == PACKAGE and path.stem in FRAME:
        return level(target) is not None or head in ("cli", "pipeline")
    return own is not None and (head in ("cli", "pipeline") or (level(target) or -1) > own)


def test_no_import_runs_back_up_a_stage():
    found = [f"{path.relative_to(PACKAGE)} -> {target}" for path in PACKAGE.rglob("*.py")
             for target in sorted(imports(path)) if backwards(path, target)]
    assert found == []
