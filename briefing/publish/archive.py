"""The archive: `<output>/index.html`, headed with the config's title, lists every brief by
date, newest first, with its title and marking, bottom line, key actors, the inputs it had to
skip (an unavailable feed) and links to its files (the JSON too); rebuilt after every run from the saved
briefing.json files (a damaged one is listed as such). Optionally, briefs older than
`retention_days` are removed after a successful run, never the newest ones."""

from __future__ import annotations

import shutil
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..isolation import Bounded
from ..presentation.render import ARCHIVE_TEMPLATE, Renderer, streamed_data
from .outputs import MAX_SAVED_BYTES, dated_folders, read_saved, replace_files

FILES = {"pdf": "briefing.pdf", "html": "briefing.html", "md": "briefing.md", "json": "briefing.json"}


#: Time to read one saved briefing.json for the archive page (200 MB, `MAX_SAVED_BYTES`, in a few seconds).
READ_SECONDS = 30


def rebuild_index(output: Path, renderer: Renderer, title: str = "Briefs",
                  prepared: Bounded[list[str]] | None = None) -> Path:
    """Write `<output>/index.html`, headed `title`, from the briefs found there (read in the
    rendering child, the `prepared` one if given: a 10,000-article brief never enters this
    process); returns its path."""
    page = renderer.render_with(ARCHIVE_TEMPLATE, partial(_archive, output, title),
                                READ_SECONDS * len(dated_folders(output)), prepared).encode("utf-8")
    return replace_files(output, {"index.html": page})[0]


def prepare_index(output: Path, renderer: Renderer) -> Bounded[list[str]]:
    """A child for `rebuild_index`, started now (before a run reads its day, so the child holds
    the saved briefs only), with time for the briefs in `output` and the one the run adds."""
    return renderer.prepare_render_with(ARCHIVE_TEMPLATE, READ_SECONDS * (len(dated_folders(output)) + 1))


def _archive(output: Path, title: str) -> dict[str, Any]:
    """The archive page's data: `archive` (an entry for each day folder, newest first) and `title`."""
    entries = []
    for folder in reversed(dated_folders(output)):
        try:
            briefing, problem = _saved_data(folder / "briefing.json"), None
        except SourceError as exc:
            briefing, problem = None, str(exc).removeprefix(f"{folder / 'briefing.json'}: ")
        entries.append({"date": date.fromisoformat(folder.name), "folder": folder.name, "briefing": briefing,
                        "files": {kind: f"{folder.name}/{name}" for kind, name in FILES.items()
                                  if (folder / name).is_file()}, "problem": problem})
    return {"archive": entries, "title": title}


def _saved_data(path: Path) -> Any:
    """A saved brief's template data, read a line at a time (`streamed_data`: one article's models
    at a time); a brief saved in another shape (an older version's) or damaged is read whole by
    `read_saved`, which says what is wrong with it."""
    try:
        if path.stat().st_size <= MAX_SAVED_BYTES:
            return streamed_data(path)
    except (OSError, ValueError):
        pass
    return read_saved(path)


def remove_old(output: Path, day: date, today: date, retention_days: int) -> list[Path]:
    """Remove the day folders dated more than `retention_days` before `day`, or before `today` if
    that is earlier, except the `retention_days` newest: a wrong date or clock never empties the
    archive, and `day`'s folder always stays."""
    oldest = min(day, today).toordinal() - retention_days
    removed = []
    for folder in dated_folders(output)[:-retention_days]:
        if date.fromisoformat(folder.name).toordinal() < oldest:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
