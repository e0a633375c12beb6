"""HTML pages: the article's main text, headline, date, author and site name.

The main text comes from trafilatura (which leaves out navigation, related stories, comment
policies and author boxes); a page that keeps its article only in JSON-LD (`articleBody`) is
read from there. The headline is the page's `<h1>` when the page's own metadata (og:title,
`<title>`, JSON-LD headline) agrees with it, else that metadata without the site name around it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict

import lxml.html
import trafilatura
from lxml.etree import ParserError

from ..errors import SourceError
from ..isolation import bounded
from ..models import Article
from .words import PLAIN_PUNCTUATION

#: Longest time and most memory reading one page may take (local files; web pages: fetch.page_seconds).
PAGE_SECONDS = 20
PAGE_MEMORY_MB = 1024
#: Shortest main text taken from trafilatura before JSON-LD is preferred (characters).
MIN_TEXT = 400
#: Largest JSON-LD block read.
MAX_JSON_LD = 2_000_000
#: Separators between a headline and the site's name in a page title.
TITLE_SEPARATORS = re.compile(r"\s{1,5}[|\-–—·•]\s{1,5}")


class PageMetadata(TypedDict):
    """What a page says of itself, beside its main text (see `_page_metadata`)."""

    titles: list[str | None]
    h1: list[str]
    site: str | None
    url: str | None
    published: str | None
    author: str | None
    article_body: str


def read(path: Path, content: str) -> list[Article]:
    return [page_article(content, origin=str(path), id=path.name)]


def page_article(content: str | bytes, *, origin: str, id: str, url: str | None = None,
                 seconds: float = PAGE_SECONDS, charset: str | None = None) -> Article:
    """The article of one HTML page, read in a child process bounded in time and memory (lxml
    and trafilatura are slow on some hostile pages, such as one tag with 100,000 attributes).
    `charset` (a Python codec's name, from the Content-Type header) wins over the page's own
    `<meta charset>` and lxml's guess, as in browsers."""
    return bounded(_page_article, content, origin, id, url, charset, seconds=seconds, memory_mb=PAGE_MEMORY_MB,
                   what="reading the page", error=SourceError)


def _page_article(content: str | bytes, origin: str, id: str, url: str | None, charset: str | None) -> Article:
    parser = None
    if charset and isinstance(content, bytes):  # decoded by Python, which knows more codecs than libxml2
        content, parser = content.decode(charset, "replace").encode("utf-8"), lxml.html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml.html.document_fromstring(content, parser=parser)
    except (ParserError, ValueError) as exc:
        raise SourceError(f"not a readable HTML page ({exc})") from None
    metadata = _page_metadata(tree)
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, include_images=False, favor_precision=True)
    extracted = None if isinstance(found, dict) else found  # a Document or None: as_dict is off
    text = (extracted.text or "") if extracted else ""
    body = metadata["article_body"]
    if len(text) < MIN_TEXT and len(body) > len(text):
        text = body
    paragraphs = (" ".join(line.split()) for line in text.splitlines())
    text = "\n\n".join(p for p in paragraphs if p and not furniture(p))
    if not text:
        raise SourceError("no article text in the page")
    site = metadata["site"] or (extracted.sitename if extracted else None)
    return Article(id=id, title=headline(metadata, site) or (extracted.title if extracted else None), text=text,
                   source=site or None, url=url or metadata["url"] or (extracted.url if extracted else None),
                   published=(extracted.date if extracted else None) or metadata["published"],
                   author=(extracted.author if extracted else None) or metadata["author"], origin=origin)


def furniture(paragraph: str) -> bool:
    """A line that carries no content of its own: a label whose value was left out ("Release
    Date:", "Photo credit:") or a bare site address ("EXAMPLENEWS.COM")."""
    words = paragraph.split()
    if len(words) <= 3 and paragraph.endswith(":"):
        return True
    host, _, suffix = paragraph.lower().removeprefix("www.").rpartition(".")
    return len(words) == 1 and bool(host) and suffix.isalpha() and 2 <= len(suffix) <= 6 and "/" not in host


def headline(metadata: PageMetadata, site: str | None) -> str | None:
    """The page's headline: a visible `<h1>` that the page's titles agree with; else the
    article's own metadata title (og:title, twitter:title, JSON-LD), else a visible `<h1>` of
    three words or more, else `<title>`; site names around a title are removed."""
    titles = [t for t in metadata["titles"] if t]
    for h1 in metadata["h1"]:
        if len(h1.split()) >= 3 and any(_same(t).startswith(_same(h1)) for t in titles):
            return h1
    article_titles = [t for t in metadata["titles"][:-1] if t]
    if article_titles:
        return _without_site(article_titles[0], site)
    long_h1 = [h1 for h1 in metadata["h1"] if len(h1.split()) >= 3]
    if long_h1 or not titles:
        return next(iter(long_h1 or metadata["h1"]), None)
    return _without_site(titles[0], site)


def _same(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(PLAIN_PUNCTUATION).casefold().split())


def _without_site(title: str, site: str | None) -> str:
    """"Headline | Section | Site" -> "Headline": parts naming the site are dropped from either
    end, and short parts (three words or fewer) from the end while a headline remains."""
    separators = list(TITLE_SEPARATORS.finditer(title))
    parts = list(zip([0] + [m.end() for m in separators], [m.start() for m in separators] + [len(title)],
                     strict=True))
    site_words = _same(site or "")

    def is_site(part: tuple[int, int]) -> bool:
        same = _same(title[part[0]:part[1]])
        return bool(site_words) and (same in site_words or site_words in same)

    def words(part: tuple[int, int]) -> int:
        return len(title[part[0]:part[1]].split())

    while len(parts) > 1 and (is_site(parts[-1]) or words(parts[-1]) <= 3 and sum(map(words, parts[:-1])) >= 4):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    return title[parts[0][0]:parts[-1][1]]


def _page_metadata(tree: lxml.html.HtmlElement) -> PageMetadata:
    """Titles (og:title, twitter:title, JSON-LD headline, `<title>`), visible `<h1>`s, the site
    name, and what JSON-LD says of the article."""
    def meta(*names: str) -> str | None:
        for name in names:
            for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
                if value.strip():
                    return " ".join(value.split())
        return None

    ld = _json_ld_article(tree)
    head_title = tree.xpath("//head/title")
    h1 = [" ".join(h.text_content().split()) for h in tree.xpath("//body//h1")]
    return {
        "titles": [meta("og:title"), meta("twitter:title"), ld.get("headline"),
                   " ".join(head_title[0].text_content().split()) if head_title else None],
        "h1": [h for h in h1 if h],
        "site": meta("og:site_name", "application-name"),
        "url": meta("og:url"),
        "published": meta("article:published_time") or ld.get("datePublished"),
        "author": meta("author", "article:author") or ld.get("author"),
        "article_body": ld.get("articleBody") or "",
    }


def _json_ld_article(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """`headline`, `articleBody`, `datePublished` and `author` of the longest article object in
    the page's JSON-LD blocks (strings only)."""
    best: dict[str, str] = {}
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        if len(block) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for item in _objects(data):
            body = item.get("articleBody")
            longer = isinstance(body, str) and len(body) > len(best.get("articleBody", ""))
            if longer or (not best and "headline" in item):
                author = item.get("author")
                author = author.get("name") if isinstance(author, dict) else author
                best = {key: value for key, value in (("headline", item.get("headline")), ("articleBody", body),
                                                      ("datePublished", item.get("datePublished")),
                                                      ("author", author)) if isinstance(value, str)}
    return best


def _objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every mapping in a JSON-LD document (lists and `@graph` included), not too deep."""
    if depth > 6:
        return
    if isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            yield from _objects(data.get(key), depth + 1)
    elif isinstance(data, list):
        for item in data[:200]:
            yield from _objects(item, depth + 1)
