"""The archive: `<output>/index.html` lists every brief by date, newest first, with its title,
bottom line, key actors and links to its files; rebuilt after every run from the saved
briefing.json files (a damaged one is listed as such). Optionally, briefs older than
`retention_days` are removed after a successful run."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from ..errors import SourceError
from ..presentation.render import ARCHIVE_TEMPLATE, Renderer
from .outputs import dated_folders, read_saved, replace_file

FILES = {"pdf": "briefing.pdf", "html": "briefing.html", "md": "briefing.md"}


def rebuild_index(output: Path, renderer: Renderer) -> Path:
    """Write `<output>/index.html` from the briefs found there; returns its path."""
    entries = []
    for folder in reversed(dated_folders(output)):
        try:
            briefing, problem = read_saved(folder / "briefing.json"), None
        except SourceError as exc:
            briefing, problem = None, str(exc).removeprefix(f"{folder / 'briefing.json'}: ")
        entries.append({"date": date.fromisoformat(folder.name), "folder": folder.name, "briefing": briefing,
                        "files": {kind: f"{folder.name}/{name}" for kind, name in FILES.items()
                                  if (folder / name).is_file()}, "problem": problem})
    index = output / "index.html"
    replace_file(index, renderer.render(ARCHIVE_TEMPLATE, archive=entries).encode("utf-8"))
    return index


def remove_old(output: Path, today: date, retention_days: int) -> list[Path]:
    """Remove day folders older than `retention_days` before `today` (never `today`'s)."""
    oldest = today - timedelta(days=retention_days)
    removed = []
    for folder in dated_folders(output):
        if date.fromisoformat(folder.name) < oldest and folder.name != today.isoformat():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
