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
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from ..errors import SourceError
from ..isolation import bounded
from ..models import Article, Skipped
from .furniture import too_little
from .html import PAGE_MEMORY_MB, NoArticleText, page_article
from .web import PARALLEL_FETCHES, Fetcher, Response, joined

#: Entries read from one feed, at most.
MAX_ENTRIES = 500
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


def read_feed(body: bytes, origin: str, fetcher: Fetcher, window_hours: float | None,
              now: datetime) -> list[Article | Skipped]:
    """The articles of a feed's entries (in feed order), the entries that could not be read,
    and nothing for entries published before the window. The feed is parsed in a child process
    bounded like a page (feedparser is slow on some hostile feeds, such as a long author)."""
    feed_title, entries = bounded(feed_entries, body, seconds=fetcher.settings.page_seconds,
                                  memory_mb=PAGE_MEMORY_MB, what="reading the feed", error=SourceError)
    oldest = now - timedelta(hours=window_hours) if window_hours else None
    entries = [e for e in entries if not (oldest and (e.published or now) < oldest)]
    base = origin if origin.startswith(("http://", "https://")) else ""
    links = [joined(base, entry.link) if base and entry.link else entry.link for entry in entries]
    # several at once; each page is read in its own child process (lxml is not thread-safe)
    read = fetcher.each(lambda pair: _entry_article(*pair, origin, feed_title, fetcher), zip(entries, links, strict=True))
    return [item for items in read for item in items]


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
