"""Turn the configured sources into articles: local folders, globs and files (reader chosen by
extension), RSS/Atom feeds, web pages and lists of page addresses.

Everything is read before anything is written. A source that cannot be read becomes a
`Skipped` entry with its origin and the reason, and the rest are still briefed; every article
is cleaned and bounded (`hygiene`) on its way in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, FeedSource, PageSource, SourceEntry, UrlListSource
from ..errors import SourceError
from ..models import Article, Note, Skipped
from .dating import dated
from .files import FEED_SUFFIXES, MISSING, READERS, decode, expand, read_bytes, read_file, shown_path
from .hygiene import bounded_article

if TYPE_CHECKING:  # loaded when a source first needs the web
    from .web import Fetcher

__all__ = ["Intake", "read_inputs", "read_sources", "expand", "read_articles", "read_bytes", "decode", "READERS"]

#: Addresses read from one `urls:` list, at most.
MAX_LISTED_URLS = 1000


@dataclass
class Intake:
    """What reading the sources gave: the articles, the sources skipped, notes on articles read."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    max_chars: int = 1_000_000

    def add(self, items: Iterable[Article | Skipped]) -> None:
        """Keep each article, cleaned, bounded (with a note when it was cut) and dated (`dating`),
        and each skip."""
        for item in items:
            if isinstance(item, Skipped):
                self.skipped.append(item)
                continue
            article, note = bounded_article(item, self.max_chars)
            self.articles.append(dated(article))
            if note:
                self.notes.append(Note(origin=article.origin, text=note))


def read_articles(files: Iterable[Path], max_bytes: int, max_chars: int = 1_000_000) -> Intake:
    """The articles of local files (no feeds), each cleaned and bounded."""
    intake = Intake(max_chars=max_chars)
    for path in files:
        intake.add(read_file(path, max_bytes))
    return intake


def read_inputs(config: Config, inputs: list[str] | None = None, day: date | None = None) -> Intake:
    """Every article of the config's sources, or of `inputs` (paths and addresses given on the
    command line, relative to the working folder), those skipped, and notes."""
    base = config.base_dir if inputs is None else Path.cwd()
    return read_sources(inputs or config.source_entries, base, config, (day or date.today()).isoformat())


def read_sources(entries: Iterable[SourceEntry], base_dir: Path, config: Config, day: str,
                 now: datetime | None = None) -> Intake:
    """The articles of every source entry: paths (relative ones against `base_dir`), `http(s)://`
    addresses (a page or a feed), and the config's `feed:`, `url:` and `urls:` entries."""
    intake = Intake(max_chars=config.max_article_chars)
    web = _Web(config, day)
    now = now or datetime.now(UTC)
    entries = list(entries)
    read = partial(_read_entry, base_dir=base_dir, config=config, web=web, now=now)
    try:
        remote = [entry for entry in entries if _on_the_web(entry)]  # pages and feeds, several at once
        fetched = dict(zip(map(id, remote), web.fetcher.each(read, remote), strict=True)) if remote else {}
        for entry in entries:
            intake.add(fetched[id(entry)] if id(entry) in fetched else read(entry))
    finally:
        web.close()
    return intake


def _on_the_web(entry: SourceEntry) -> bool:
    """Whether an entry is a page or a feed at a web address."""
    address = entry if isinstance(entry, str) else entry.url if isinstance(entry, PageSource) else \
        entry.feed if isinstance(entry, FeedSource) else ""
    return address.startswith(("http://", "https://"))


class _Web:
    """The run's fetcher, made (with its libraries loaded) when a source first needs the web."""

    def __init__(self, config: Config, day: str) -> None:
        self.config, self.day = config, day
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from .web import Fetcher, day_cache

            cache = day_cache(self.config.resolve(self.config.state).parent / "pages", self.day)
            self._fetcher = Fetcher(self.config.fetch, self.config.allow_private_addresses, cache)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def _read_entry(entry: SourceEntry, base_dir: Path, config: Config, web: _Web,
                now: datetime) -> list[Article | Skipped]:
    if isinstance(entry, str) and entry.startswith(("http://", "https://")):
        return _read_address(entry, config, web, now)
    if isinstance(entry, PageSource):
        return _read_address(entry.url, config, web, now, page_only=True)
    if isinstance(entry, FeedSource):
        if entry.feed.startswith(("http://", "https://")):
            return _read_address(entry.feed, config, web, now, feed_only=True)
        return _read_local_feed(_local(entry.feed, base_dir), config, web, now)
    if isinstance(entry, UrlListSource):
        return _read_url_list(_local(entry.urls, base_dir), config, web, now)
    try:
        files, unmatched = expand([entry], base_dir)
    except SourceError as exc:  # a folder gone missing is one source unavailable, as a dead feed is
        if not str(exc).endswith(MISSING):
            raise
        return [Skipped(origin=str(entry), reason=MISSING)]
    items: list[Article | Skipped] = list(unmatched)
    for path in files:
        if path.suffix.lower() in FEED_SUFFIXES:
            items += _read_local_feed(path, config, web, now)
        else:
            items += read_file(path, config.max_file_bytes)
    return items


def missing_sources(config: Config) -> list[str]:
    """The configured folders, globs and files that name nothing, as a run would find them."""
    missing = []
    for entry in config.sources or config.inputs or []:
        if isinstance(entry, str) and not entry.startswith(("http://", "https://")):
            try:
                expand([entry], config.base_dir)
            except SourceError as exc:
                if str(exc).endswith(MISSING):
                    missing.append(entry)
    return missing


def _local(path: str, base_dir: Path) -> Path:
    candidate = Path(path).expanduser()
    return shown_path(candidate if candidate.is_absolute() else base_dir / candidate)


def _read_address(url: str, config: Config, web: _Web, now: datetime, *,
                  page_only: bool = False, feed_only: bool = False) -> list[Article | Skipped]:
    """A page, or the entries of a feed, found at `url`."""
    from .feeds import looks_like_feed, page_of, read_feed, read_page

    try:
        if page_only:
            return [read_page(url, web.fetcher)]
        response = web.fetcher.fetch(url)
        if looks_like_feed(response.media_type, response.body):
            return read_feed(response.body, url, web.fetcher, config.window_hours, now)
        if feed_only:
            raise SourceError(f"not a feed ({response.media_type or 'no media type'})")
        return [page_of(response, url, config.fetch.page_seconds)]
    except SourceError as exc:
        return [Skipped(origin=url, reason=str(exc))]


def _read_local_feed(path: Path, config: Config, web: _Web, now: datetime) -> list[Article | Skipped]:
    from .feeds import read_feed

    try:
        body = read_bytes(path, config.max_file_bytes)
        return read_feed(body, str(path), web.fetcher, config.window_hours, now)
    except SourceError as exc:
        return [Skipped(origin=str(path), reason=str(exc))]


def _read_url_list(path: Path, config: Config, web: _Web, now: datetime) -> list[Article | Skipped]:
    """The pages listed in a file, one address a line (blank lines and `#` comments skipped), read
    several at once."""
    from .feeds import read_page

    try:
        lines = decode(path, config.max_file_bytes).splitlines()
    except SourceError as exc:
        return [Skipped(origin=str(path), reason=str(exc))]
    listed = [(number, url) for number, line in enumerate(lines, start=1) if (url := line.split("#", 1)[0].strip())]

    def page(entry: tuple[int, str]) -> Article | Skipped:
        number, url = entry
        try:
            return read_page(url, web.fetcher)
        except SourceError as exc:
            return Skipped(origin=f"{path}:{number}", reason=f"{url}: {exc}")

    over = [Skipped(origin=f"{path}:{number}", reason=f"more than {MAX_LISTED_URLS} addresses")
            for number, _ in listed[MAX_LISTED_URLS:MAX_LISTED_URLS + 1]]
    return [*web.fetcher.each(page, listed[:MAX_LISTED_URLS]), *over]
