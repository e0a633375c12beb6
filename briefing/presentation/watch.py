"""`briefing render --watch`: render a saved brief again on every save of a template, a stylesheet
or the config, so a template edit shows in the PDF within a second.

WeasyPrint is loaded once, here, so each render's forked child starts with it; a failed render
(a template error, a broken config) is reported with its file and line and the watch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import BriefingError

if TYPE_CHECKING:  # loaded when the watch starts
    from watchfiles import Change

#: Milliseconds of quiet after a save before rendering (editors write a file in several steps).
DEBOUNCE_MS = 150


@dataclass(frozen=True)
class Rendered:
    """One render: the files written and how long it took, or the error it met."""

    written: list[Path]
    seconds: float
    error: str | None = None


#: Renders a saved brief with a config and gives the files written (the pipeline's `rerender`).
Render = Callable[[Path, Config], list[Path]]


def render_once(saved: Path, load: Callable[[], Config], render: Render) -> Rendered:
    """Render `saved` with `render` and the config `load` gives now."""
    start = time.perf_counter()
    try:
        written = render(saved, load())
    except BriefingError as exc:
        return Rendered([], time.perf_counter() - start, str(exc))
    return Rendered(written, time.perf_counter() - start)


def watched(config: Config) -> list[Path]:
    """What a render depends on that a user edits: the template folder and the config file."""
    paths = [config.resolve(config.templates).resolve()] if config.templates else []
    if config.config_file is not None:
        paths.append(config.config_file.resolve())
    return paths


def _changes(paths: list[Path], stop: Event | None) -> Iterator[set[tuple[Change, str]]]:
    """Batches of changes to `paths`. Folders are watched rather than files (an editor often
    saves by writing a new file and renaming it over the old one), and only changes to `paths`
    count: the outputs a render writes beside the config never set off another render."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as changes

    editors = DefaultFilter()

    def relevant(change: Change, name: str) -> bool:
        path = Path(name).resolve()
        return editors(change, name) and any(path == p or p in path.parents for p in paths)

    folders = sorted({p if p.is_dir() else p.parent for p in paths})
    return changes(*folders, watch_filter=relevant, debounce=DEBOUNCE_MS, step=20, stop_event=stop,
                   raise_interrupt=False)


def watch(saved: Path, load: Callable[[], Config], render: Render, report: Callable[[Rendered], None],
          stop: Event | None = None) -> None:
    """Render `saved` now and again after every change to what `watched` names, until `stop` is
    set (or Ctrl-C); each render is reported."""
    from . import pdf  # noqa: F401 - loaded once here, so every render's child has it

    report(render_once(saved, load, render))
    config = load()
    paths = watched(config)
    if not paths:
        raise BriefingError("nothing to watch: set templates: (a folder, see `briefing templates init`) "
                            "or give --config")
    for _ in _changes(paths, stop):
        report(render_once(saved, load, render))
