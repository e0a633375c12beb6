"""Turn the configured sources into articles: local folders, globs and files (reader chosen by
extension), RSS/Atom feeds, web pages and lists of page addresses.

Everything is read before anything is written. A source that cannot be read becomes a
`Skipped` entry with its origin and the reason, and the rest are still briefed; every article
is cleaned and bounded (`hygiene`) on its way in.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..config import Config, FeedSource, OpmlSource, PageSource, SourceEntry, UrlListSource
from ..errors import SourceError
from ..models import Article, LeftOut, Note, Skipped, SourceOutcome
from .dating import dated
from .files import FEED_SUFFIXES, MISSING, READERS, decode, expand, read_bytes, read_file, shown_path
from .hygiene import bounded_article
from .state import Seen

if TYPE_CHECKING:  # loaded when a source first needs the web
    from .web import Fetcher, Response, Validators

__all__ = ["Intake", "read_inputs", "read_sources", "expand", "read_articles", "read_bytes", "decode", "READERS"]

#: Addresses read from one `urls:` list, at most.
MAX_LISTED_URLS = 1000


@dataclass
class Intake:
    """What reading the sources gave: the articles, the sources skipped, notes on articles read,
    feed entries left out unfetched, and what became of each configured source (with the index
    of each article's source, and the validators of the feeds read for conditional requests)."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    max_chars: int = 1_000_000
    left_out: list[LeftOut] = field(default_factory=list)
    sources: list[SourceOutcome] = field(default_factory=list)
    source_of: list[int | None] = field(default_factory=list)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def add(self, items: Iterable[Article | Skipped], source: int | None = None) -> None:
        """Keep each article, cleaned, bounded (with a note when it was cut) and dated (`dating`),
        with the index of its `source`, and each skip."""
        for item in items:
            if isinstance(item, Skipped):
                self.skipped.append(item)
                continue
            article, note = bounded_article(item, self.max_chars)
            self.articles.append(dated(article))
            self.source_of.append(source)
            if note:
                self.notes.append(Note(origin=article.origin, text=note))

    def add_source(self, name: str, origin: str, read: SourceRead | SourceError) -> None:
        """Keep what one configured source gave, and its outcome; a source that could not be read
        is also skipped, with its reason."""
        if isinstance(read, SourceError):
            self.skipped.append(Skipped(origin=shown_source(name, origin), reason=str(read)))
            self.sources.append(SourceOutcome(name=name, origin=origin, status="unavailable", reason=str(read)))
            return
        before = len(self.articles)
        self.add(read.items, len(self.sources))
        self.left_out += read.left_out
        reasons = Counter(entry.reason for entry in read.left_out)
        self.sources.append(SourceOutcome(
            name=name, origin=origin, status="unchanged" if read.unchanged else "read",
            read=len(self.articles) - before, too_old=reasons["too old"], after_day=reasons["after the day"],
            covered=reasons["covered"]))
        if read.validators and not reasons["after the day"] and not any(isinstance(i, Skipped) for i in read.items):
            # kept only for a feed read whole: a 304 tomorrow must not hide an entry left unread today
            self.validators[origin] = (read.validators.etag, read.validators.modified)

    def with_covered(self, covered: list[bool]) -> list[SourceOutcome]:
        """The sources' outcomes counting, as covered too, the articles read that `covered` marks
        (none for articles given whole, as records are)."""
        if not self.sources:
            return []
        counts = Counter(source for source, old in zip(self.source_of, covered, strict=True) if old)
        return [outcome.model_copy(update={"covered": outcome.covered + counts[index]}) if counts[index] else outcome
                for index, outcome in enumerate(self.sources)]


@dataclass(frozen=True)
class SourceRead:
    """What one source gave: its items, the feed entries left out, and for a feed, whether it
    was unchanged (HTTP 304) and the validators to ask with next time."""

    items: list[Article | Skipped]
    left_out: list[LeftOut] = field(default_factory=list)
    unchanged: bool = False
    validators: Validators | None = None


def shown_source(name: str, origin: str) -> str:
    """A source as messages show it: "Gazette (https://...)", or its address or path alone."""
    return origin if name == origin else f"{name} ({origin})"


def read_articles(files: Iterable[Path], max_bytes: int, max_chars: int = 1_000_000) -> Intake:
    """The articles of local files (no feeds), each cleaned and bounded."""
    intake = Intake(max_chars=max_chars)
    for path in files:
        intake.add(read_file(path, max_bytes))
    return intake


def read_inputs(config: Config, inputs: list[str] | None = None, day: date | None = None,
                seen: Seen | None = None) -> Intake:
    """Every article of the config's sources, or of `inputs` (paths and addresses given on the
    command line, relative to the working folder), those skipped, and notes; `seen`: what
    earlier days covered, not fetched again."""
    base = config.base_dir if inputs is None else Path.cwd()
    return read_sources(inputs or config.source_entries, base, config, (day or date.today()).isoformat(), seen=seen)


def read_sources(entries: Iterable[SourceEntry], base_dir: Path, config: Config, day: str,
                 now: datetime | None = None, seen: Seen | None = None) -> Intake:
    """The articles of every source entry: paths (relative ones against `base_dir`), `http(s)://`
    addresses (a page or a feed), and the config's `feed:`, `url:`, `urls:` and `opml:` entries
    (each feed of an OPML file a source of its own). Feed entries outside `day`'s window, or
    whose links `seen` says an earlier day covered, are left out without being fetched."""
    intake = Intake(max_chars=config.max_article_chars)
    web = _Web(config, day, now or datetime.now(UTC), seen)

    def read(item: Listed) -> SourceRead | SourceError:
        source = item[2]
        return source if isinstance(source, SourceError) else _read_source(source, base_dir, config, web)

    try:
        listed = [item for entry in entries for item in _listed(entry, base_dir, config, web)]
        remote = [item for item in listed if _on_the_web(item[2])]  # pages and feeds, several at once
        fetched = dict(zip(map(id, remote), web.fetcher.each(read, remote), strict=True)) if remote else {}
        for item in listed:
            intake.add_source(item[0], item[1], fetched[id(item)] if id(item) in fetched else read(item))
    finally:
        web.close()
    return intake


Listed = tuple[str, str, "str | FeedSource | PageSource | UrlListSource | SourceError"]


def _on_the_web(source: str | FeedSource | PageSource | UrlListSource | SourceError) -> bool:
    """Whether a source is a page or a feed at a web address."""
    address = source if isinstance(source, str) else source.url if isinstance(source, PageSource) else \
        source.feed if isinstance(source, FeedSource) else ""
    return address.startswith(("http://", "https://"))


def _listed(entry: SourceEntry, base_dir: Path, config: Config, web: _Web) -> list[Listed]:
    """The sources an entry names, each with its display name and address or path: the entry
    itself, or each feed of an OPML file (web addresses only: an OPML file must not name a local
    file); an OPML file or an outline that cannot be read is a source that could not be."""
    if not isinstance(entry, OpmlSource):
        return [(*_names(entry), entry)]
    try:
        where = entry.opml if entry.opml.startswith(("http://", "https://")) else _where(entry.opml, base_dir)
        listed = _opml_feeds(where, config, web)
    except SourceError as exc:
        return [(entry.opml, entry.opml, exc)]
    sources: list[Listed] = []
    for url, title in listed:
        if not url.startswith(("http://", "https://")):
            sources.append((title or url, url, SourceError(f"{entry.opml}: only http and https feeds are read")))
            continue
        try:
            sources.append((title or url, url, FeedSource(feed=url, name=title)))
        except ValidationError as exc:
            problem = exc.errors()[0]["msg"].removeprefix("Value error, ")
            sources.append((title or url, url, SourceError(f"{entry.opml}: not a feed address ({problem})")))
    return sources


def _names(entry: str | FeedSource | PageSource | UrlListSource) -> tuple[str, str]:
    """A source's display name and its address or path."""
    if isinstance(entry, FeedSource):
        return entry.name or entry.feed, entry.feed
    origin = entry if isinstance(entry, str) else entry.url if isinstance(entry, PageSource) else entry.urls
    return origin, origin


class _Web:
    """The run's fetcher, made (with its libraries loaded) when a source first needs the web,
    the day's feed window, and what earlier days covered."""

    def __init__(self, config: Config, day: str, now: datetime, seen: Seen | None) -> None:
        self.config, self.day, self.now, self.seen = config, day, now, seen
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        """The fetcher, made on first use (in the reading thread, before any fetch thread starts),
        with the page reader warmed for the pages it will fetch (`html.warm`)."""
        if self._fetcher is None:
            from .html import warm
            from .web import Fetcher, day_cache

            warm()

            cache = day_cache(self.config.resolve(self.config.state).parent / "pages", self.day)
            self._fetcher = Fetcher(self.config.fetch, self.config.allow_private_addresses, cache)
        return self._fetcher

    def feed(self, body: bytes, origin: str, name: str | None = None, response: Response | None = None) -> SourceRead:
        """The articles and left-out entries of a feed's body."""
        from .feeds import Window, read_feed

        window = Window.of(date.fromisoformat(self.day), self.config.window_hours, self.now)
        read = read_feed(body, origin, self.fetcher, window, self.seen, name)
        return SourceRead(read.items, read.left_out, validators=response.validators if response else None)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def _read_source(entry: str | FeedSource | PageSource | UrlListSource, base_dir: Path, config: Config,
                 web: _Web) -> SourceRead | SourceError:
    """What one source gave, or why it could not be read; a path that cannot name a file (a NUL
    byte) stays an error."""
    if isinstance(entry, str) and not entry.startswith(("http://", "https://")):
        return _read_paths(entry, base_dir, config, web)
    try:
        if isinstance(entry, str):  # an address
            return _read_address(entry, config, web)
        if isinstance(entry, PageSource):
            from .feeds import read_page

            return SourceRead([read_page(entry.url, web.fetcher)])
        if isinstance(entry, FeedSource):
            if entry.feed.startswith(("http://", "https://")):
                return _read_address(entry.feed, config, web, feed_only=True, name=entry.name)
            return web.feed(read_bytes(_where(entry.feed, base_dir), config.max_file_bytes), entry.feed, entry.name)
        return SourceRead(_read_url_list(_where(entry.urls, base_dir), config, web))
    except SourceError as exc:
        return exc


def _read_paths(entry: str, base_dir: Path, config: Config, web: _Web) -> SourceRead | SourceError:
    """The articles of a folder, glob or file (a feed file among them read as a feed)."""
    try:
        files, unmatched = expand([entry], base_dir)
    except SourceError as exc:  # a folder gone missing is one source unavailable, as a dead feed is
        if str(exc).endswith(MISSING):
            return SourceError(MISSING)
        raise
    items: list[Article | Skipped] = list(unmatched)
    left_out: list[LeftOut] = []
    for path in files:
        if path.suffix.lower() not in FEED_SUFFIXES:
            items += read_file(path, config.max_file_bytes)
            continue
        try:
            feed = web.feed(read_bytes(path, config.max_file_bytes), str(path))
        except SourceError as exc:
            items.append(Skipped(origin=str(path), reason=str(exc)))
            continue
        items += feed.items
        left_out += feed.left_out
    return SourceRead(items, left_out)


def missing_sources(config: Config) -> list[str]:
    """The configured folders, globs and files (feed, URL list and OPML files too) that name
    nothing, as a run would find them."""
    missing = []
    for entry in config.sources or config.inputs or []:
        if isinstance(entry, str) and not entry.startswith(("http://", "https://")):
            try:
                expand([entry], config.base_dir)
            except SourceError as exc:
                if str(exc).endswith(MISSING):
                    missing.append(entry)
        elif isinstance(entry, FeedSource | UrlListSource | OpmlSource):
            path = entry.feed if isinstance(entry, FeedSource) else entry.urls if isinstance(entry, UrlListSource) \
                else entry.opml
            if not path.startswith(("http://", "https://")) and not os.path.lexists(_where(path, config.base_dir)):
                missing.append(path)
    return missing


def _where(path: str, base_dir: Path) -> Path:
    candidate = Path(path).expanduser()
    return shown_path(candidate if candidate.is_absolute() else base_dir / candidate)


def _read_address(url: str, config: Config, web: _Web, *, feed_only: bool = False,
                  name: str | None = None) -> SourceRead:
    """A page, or the entries of a feed, found at `url`; a feed read on an earlier day is asked
    for conditionally, and one that has not changed gives nothing."""
    from .feeds import looks_like_feed, page_of
    from .web import Validators

    known = web.seen.validators.get(url) if web.seen else None
    sent = Validators(*known) if known else None
    response = web.fetcher.fetch(url, validators=sent)
    if response.unchanged:
        return SourceRead([], unchanged=True, validators=sent)
    if looks_like_feed(response.media_type, response.body):
        return web.feed(response.body, url, name, response)
    if feed_only:
        raise SourceError(f"not a feed ({response.media_type or 'no media type'})")
    return SourceRead([page_of(response, url, config.fetch.page_seconds)])


def _opml_feeds(where: str | Path, config: Config, web: _Web) -> list[tuple[str, str | None]]:
    """The feeds an OPML file (a path or an address) lists, with their titles, read with a feed's limits."""
    from .feeds import opml_feeds

    body = read_bytes(where, config.max_file_bytes) if isinstance(where, Path) else web.fetcher.fetch(where).body
    return opml_feeds(body, config.fetch.page_seconds)


def _read_url_list(path: Path, config: Config, web: _Web) -> list[Article | Skipped]:
    """The pages listed in a file, one address a line (blank lines and `#` comments skipped), read
    several at once."""
    from .feeds import read_page

    lines = decode(path, config.max_file_bytes).splitlines()
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
