"""The template sets shipped with the package, and copying one into a folder for editing."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from ..errors import TemplateError

#: Each set shipped, with what it is for.
SETS = {
    "default": "the daily brief: bottom line, stories by section with key sentences and actors, actor table, "
               "sources",
    "one-page": "one A4 page: the bottom line, the top stories a line each, the key actors",
    "note": "a formal briefing note: purpose, summary, background per story, key actors and roles, "
            "points of disagreement, sources",
}


def shipped(name: str = "default") -> Path:
    """The packaged folder of a template set, or of the shared `fonts`."""
    return Path(str(resources.files("briefing").joinpath("templates", name)))


def set_folder(name: str) -> Path:
    """The packaged folder of the set `name`."""
    if name not in SETS:
        raise TemplateError(f"no template set {name!r}; the sets are: {', '.join(SETS)}")
    return shipped(name)


def init(folder: Path, name: str = "default") -> list[Path]:
    """Copy the set `name` into `folder` (which must not hold any of its files yet)."""
    source = set_folder(name)
    files = sorted(p for p in source.iterdir() if p.is_file())
    taken = [folder / p.name for p in files if (folder / p.name).exists()]
    if taken:
        raise TemplateError(f"{taken[0]} exists already; choose an empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copy(p, folder / p.name)) for p in files]
    except OSError as exc:
        raise TemplateError(f"{folder}: cannot copy the templates: {exc.strerror or exc}") from None
