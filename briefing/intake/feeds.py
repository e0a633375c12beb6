"""RSS and Atom feeds (through feedparser): one article per entry, read from the page the
entry links to; the entry's own title, date and summary stand in where the page gives none (the
summary also where the page holds no article text, if it is an article's length itself). The
entry's date comes first (`dating`); where the page's differs from it by more than a day, the
page's is kept beside it (`Article.page_published`) for the brief to say so."""

from __future__ import annotations

import calendar
import io
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

import feedparser
import lxml.etree
import lxml.html
from lxml.etree import ParserError

from ..errors import SourceError
from ..isolation import bounded
from ..models import Article, LeftOut, Skipped
from .furniture import too_little
from .html import PAGE_MEMORY_MB, NoArticleText, page_article
from .state import Seen
from .web import PARALLEL_FETCHES, Fetcher, Response, joined

#: Entries read from one feed, at most.
MAX_ENTRIES = 500
#: Feeds read from one OPML file, at most.
MAX_FEEDS = 1000
#: Pages read (each in its own child process) at once, however many feeds are read at once.
READING = threading.Semaphore(PARALLEL_FETCHES)
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json"}
PAGE_TYPES = {"text/html", "application/xhtml+xml", ""}
#: Days the page's date and the entry's may differ before the brief says so.
DATE_TOLERANCE_DAYS = 1
#: Elements that end a line of text.
BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "td", "th", "pre")


@dataclass(frozen=True)
class Entry:
    """What a feed says of one entry; the summary as plain text."""

    title: str | None
    link: str
    author: str | None
    summary: str
    published: datetime | None


def looks_like_feed(media_type: str, body: bytes) -> bool:
    """Whether a response is a feed rather than a page, by its media type or its first tag."""
    if media_type in FEED_TYPES:
        return True
    head = body[:1000].lstrip().lower()
    return head.startswith((b"<rss", b"<feed", b"<rdf")) or (head.startswith(b"<?xml") and b"<html" not in head)


@dataclass(frozen=True)
class Window:
    """The entries a day's brief takes: published before `end` (the end of the brief's day) and,
    with `window_hours`, not before `start`; an entry without a date is always taken."""

    start: datetime | None
    end: datetime

    @classmethod
    def of(cls, day: date, hours: float | None, now: datetime) -> Window:
        """The window of `day`'s brief: `hours` back from the end of that day (local time), or
        from `now` when that is earlier (today's brief)."""
        try:
            end = datetime.combine(day + timedelta(days=1), time())
        except OverflowError:  # the calendar's last day
            end = datetime.max
        try:
            end = end.astimezone()
        except (OverflowError, OSError, ValueError):  # a time the system's clock cannot place
            end = end.replace(tzinfo=UTC)
        try:
            return cls(min(now, end) - timedelta(hours=hours) if hours else None, end)
        except OverflowError:  # a window reaching before the calendar's first day
            return cls(None, end)

    def outside(self, published: datetime | None) -> Literal["too old", "after the day"] | None:
        if published is None:
            return None
        if published >= self.end:
            return "after the day"
        return "too old" if self.start and published < self.start else None


@dataclass(frozen=True)
class FeedRead:
    """What a feed gave: its articles, entries that could not be read and notes, in feed
    order, and the entries left out without being fetched."""

    items: list[Article | Skipped]
    left_out: list[LeftOut]


def read_feed(body: bytes, origin: str, fetcher: Fetcher, window: Window, seen: Seen | None = None,
              name: str | None = None) -> FeedRead:
    """The articles of a feed's entries in the window whose links no earlier brief covered
    (`seen`), the entries that could not be read, and those left out. The feed is parsed in a
    child process bounded like a page (feedparser is slow on some hostile feeds, such as a long
    author); `name` is the feed's display name, the source of articles whose page names none."""
    feed_title, entries = bounded(feed_entries, body, seconds=fetcher.settings.page_seconds,
                                  memory_mb=PAGE_MEMORY_MB, what="reading the feed", error=SourceError)
    base = origin if origin.startswith(("http://", "https://")) else ""
    taken, left_out = [], []
    for entry in entries:
        link = joined(base, entry.link) if base and entry.link else entry.link
        reason = window.outside(entry.published) or ("covered" if seen and seen.covered(link) else None)
        if reason:
            left_out.append(LeftOut(origin=link or f"{origin}: {entry.title or 'an entry'}", title=entry.title,
                                    published=entry.published.isoformat() if entry.published else None, reason=reason))
        else:
            taken.append((entry, link))
    # several at once; each page is read in its own child process (lxml is not thread-safe)
    read = fetcher.each(lambda pair: _entry_article(*pair, origin, name or feed_title, fetcher), taken)
    return FeedRead([item for items in read for item in items], left_out)


def feed_entries(body: bytes) -> tuple[str | None, list[Entry]]:
    """The feed's title and its first entries (`MAX_ENTRIES`)."""
    # in a stream: feedparser takes bare bytes for a file name first
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        raise SourceError("not a readable feed" + (f" ({problem})" if problem else " (no entries)"))
    return parsed.feed.get("title") or None, [
        Entry(title=entry.get("title") or None, link=(entry.get("link") or "").strip(),
              author=entry.get("author") or None, summary=_summary(entry),
              published=_published(entry))
        for entry in parsed.entries[:MAX_ENTRIES]]


def opml_feeds(body: bytes, seconds: float) -> list[tuple[str, str | None]]:
    """The feeds an OPML subscription list gives (its first `MAX_FEEDS`), each address with its
    outline's title, read in a child process bounded like a feed."""
    return bounded(_opml_outlines, body, seconds=seconds, memory_mb=PAGE_MEMORY_MB, what="reading the OPML file",
                   error=SourceError)


def _opml_outlines(body: bytes) -> list[tuple[str, str | None]]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise SourceError(f"not a readable OPML file ({exc})") from None
    if root.tag != "opml":
        raise SourceError(f"not an OPML file (its root is <{str(root.tag)[:40]}>)")
    feeds = [(outline.get("xmlUrl", "").strip(), " ".join((outline.get("title") or outline.get("text") or "").split())
              or None) for outline in root.iter("outline") if outline.get("xmlUrl", "").strip()]
    if not feeds:
        raise SourceError("the OPML file lists no feeds (no outline with an xmlUrl)")
    return [(url, title[:200] if title else None) for url, title in feeds[:MAX_FEEDS]]


def plain_text(markup: str) -> str:
    """The text of an HTML fragment on one line: markup removed (blocks and line breaks kept
    apart by a space), entities decoded."""
    if not markup.strip():
        return ""
    try:
        tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in tree.iter(*BLOCKS):
        element.tail = " " + (element.tail or "")
    return " ".join(tree.text_content().split())


def _summary(entry) -> str:
    summary = entry.get("summary") or ""
    if "html" in (entry.get("summary_detail") or {}).get("type", "html"):
        return plain_text(summary)
    return " ".join(summary.split())


def _entry_article(entry: Entry, link: str, feed_origin: str, feed_title: str | None,
                   fetcher: Fetcher) -> list[Article | Skipped]:
    """The article of the page an entry links to, with the entry's metadata where the page has none."""
    if not link:
        return [Skipped(origin=f"{feed_origin}: {entry.title or 'an entry'}", reason="entry has no link")]
    try:
        article = read_page(link, fetcher)
    except NoArticleText as exc:
        if too_little(len(entry.summary.split()), 0):
            return [Skipped(origin=link, reason=str(exc))]
        article = Article(id=link, text="", url=link, origin=link)
    except SourceError as exc:
        return [Skipped(origin=link, reason=str(exc))]
    dates: dict[str, str | None] = {}
    page_day = article.published_day
    if entry.published:
        dates = {"published": entry.published.isoformat(), "dated_by": "feed"}
        if page_day and abs((page_day - entry.published.date()).days) > DATE_TOLERANCE_DAYS:
            dates["page_published"] = article.published
    return [article.model_copy(update={
        "title": article.title or entry.title,
        "source": article.source or feed_title,
        "author": article.author or entry.author,
        "text": article.text if len(article.text) >= len(entry.summary) else entry.summary,
        **dates,
    })]


def read_page(url: str, fetcher: Fetcher) -> Article:
    """The article of the page at `url` (fetched through the day's cache)."""
    return page_of(fetcher.fetch(url, cached=True), url, fetcher.settings.page_seconds)


def page_of(response: Response, url: str, page_seconds: float) -> Article:
    """The article of a fetched page; `url` is the address asked for."""
    if response.media_type not in PAGE_TYPES:
        raise SourceError(f"not an HTML page ({response.media_type})")
    if b"\x00" in response.body[:4096]:
        raise SourceError("binary content, not an HTML page")
    with READING:
        return page_article(response.body, origin=url, id=url, url=response.url, seconds=page_seconds,
                            charset=response.charset)


def _published(entry: Mapping[str, Any]) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None
    except (TypeError, ValueError, OverflowError):
        return None
