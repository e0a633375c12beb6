"""RSS and Atom feeds (through feedparser): one article per entry, read from the page the
entry links to; the entry's own title, date and summary stand in where the page gives none."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import feedparser

from ..errors import SourceError
from ..models import Article, Skipped
from .html import page_article
from .web import Fetcher, Response

#: Entries read from one feed, at most.
MAX_ENTRIES = 500
#: Pages fetched at once.
PARALLEL_FETCHES = 8
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json"}
PAGE_TYPES = {"text/html", "application/xhtml+xml", ""}


def looks_like_feed(media_type: str, body: bytes) -> bool:
    """Whether a response is a feed rather than a page, by its media type or its first tag."""
    if media_type in FEED_TYPES:
        return True
    head = body[:1000].lstrip().lower()
    return head.startswith((b"<rss", b"<feed", b"<rdf")) or (head.startswith(b"<?xml") and b"<html" not in head)


def read_feed(body: bytes, origin: str, fetcher: Fetcher, window_hours: float | None,
              now: datetime) -> list[Article | Skipped]:
    """The articles of a feed's entries (in feed order), the entries that could not be read,
    and nothing for entries published before the window."""
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        raise SourceError("not a readable feed" + (f" ({problem})" if problem else " (no entries)"))
    feed_title = parsed.feed.get("title") or None
    oldest = now - timedelta(hours=window_hours) if window_hours else None
    entries = [e for e in parsed.entries[:MAX_ENTRIES] if not (oldest and (_published(e) or now) < oldest)]
    base = origin if origin.startswith(("http://", "https://")) else ""
    links = [urljoin(base, link) if base and link else link
             for link in ((entry.get("link") or "").strip() for entry in entries)]
    with ThreadPoolExecutor(PARALLEL_FETCHES) as pool:  # fetch at once; parse one by one (lxml is not thread-safe)
        responses = list(pool.map(lambda link: _fetched(link, fetcher), links))
    return [_entry_article(entry, link, response, origin, feed_title, fetcher.settings.page_seconds)
            for entry, link, response in zip(entries, links, responses, strict=True)]


def _fetched(link: str, fetcher: Fetcher) -> Response | SourceError | None:
    if not link:
        return None
    try:
        return fetcher.fetch(link, cached=True)
    except SourceError as exc:
        return exc


def _entry_article(entry: Mapping[str, Any], link: str, response: Response | SourceError | None, feed_origin: str,
                   feed_title: str | None, page_seconds: float) -> Article | Skipped:
    if response is None:
        return Skipped(origin=f"{feed_origin}: {entry.get('title') or 'an entry'}", reason="entry has no link")
    summary = " ".join((entry.get("summary") or "").split())
    try:
        if isinstance(response, SourceError):
            raise response
        article = page_of(response, link, page_seconds)
    except SourceError as exc:
        return Skipped(origin=link, reason=str(exc))
    published = _published(entry)
    return article.model_copy(update={
        "title": article.title or entry.get("title") or None,
        "published": article.published or (published.isoformat() if published else None),
        "source": article.source or feed_title,
        "author": article.author or entry.get("author") or None,
        "text": article.text if len(article.text) >= len(summary) else summary,
    })


def read_page(url: str, fetcher: Fetcher) -> Article:
    """The article of the page at `url` (fetched through the day's cache)."""
    return page_of(fetcher.fetch(url, cached=True), url, fetcher.settings.page_seconds)


def page_of(response: Response, url: str, page_seconds: float) -> Article:
    """The article of a fetched page; `url` is the address asked for."""
    if response.media_type not in PAGE_TYPES:
        raise SourceError(f"not an HTML page ({response.media_type})")
    if b"\x00" in response.body[:4096]:
        raise SourceError("binary content, not an HTML page")
    return page_article(response.body, origin=url, id=url, url=response.url, seconds=page_seconds)


def _published(entry: Mapping[str, Any]) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None
    except (TypeError, ValueError, OverflowError):
        return None

