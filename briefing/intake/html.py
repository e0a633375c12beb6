"""HTML pages: the article's main text, headline, date, author and outlet, as a reader sees them.

The page's markup is first made to read as a browser shows it and cleared of embedded posts,
consent banners, offer, app and share boxes and contact lists (`page_body`); trafilatura then
finds the main text (its own fallbacks, readability and jusText, on when it finds too little),
and paragraphs that are still furniture are left out (`furniture`). A page that keeps its article
only in JSON-LD (`articleBody`) is read from there. A page with too little article text left is
skipped. The headline is the page's `<h1>` when the page's own metadata (og:title, `<title>`,
JSON-LD headline) agrees with it, else that metadata without the site name around it; outlet,
author and date are checked (`page_metadata`).
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TypedDict

import lxml.html
import trafilatura
from lxml.etree import ParserError
from lxml.html import HtmlElement

from ..errors import SourceError
from ..isolation import bounded
from ..models import Article
from .furniture import article_paragraphs, too_little
from .page_body import prepare
from .page_metadata import NOBODY, TITLE_SEPARATORS, LinkedData, author, json_ld, outlet, published
from .words import PLAIN_PUNCTUATION

#: Longest time and most memory reading one page may take (local files; web pages: fetch.page_seconds).
PAGE_SECONDS = 20
PAGE_MEMORY_MB = 1024
#: Shortest main text taken from trafilatura before JSON-LD is preferred (characters).
MIN_TEXT = 400
#: A space a link or tag left before punctuation ("the crisis , fuelled").
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\w) (?=[,;:!?]|\.(?:\s|$))")
#: A page of our own read once in the reading process (`warm`).
WARM_PAGE = ("<html><head><title>Budget agreed</title></head><body><article><h1>Budget agreed</h1>"
             + "".join(f"<p>The council met on {day} to agree the {part} of the budget for roads, schools and the "
                       "library, and the mayor said the vote was close.</p>"
                       for day, part in zip(("Monday", "Tuesday", "Wednesday", "Thursday"),
                                            ("first part", "second part", "rest", "whole"), strict=True))
             + "</article></body></html>")


class NoArticleText(SourceError):
    """A page that holds too little article text to be briefed."""


class PageMetadata(TypedDict):
    """What a page says of itself, beside its main text (see `_page_metadata`)."""

    titles: list[str | None]
    h1: list[str]
    headline_element: HtmlElement | None
    page_title: str | None
    site: str | None
    sections: list[str]
    url: str | None
    authors: list[str]
    ld: LinkedData


def read(path: Path, content: str) -> list[Article]:
    """The article of a local HTML file (files are read in the reading thread: see `warm`)."""
    warm()
    return [page_article(content, origin=str(path), id=path.name)]


def page_article(content: str | bytes, *, origin: str, id: str, url: str | None = None,
                 seconds: float = PAGE_SECONDS, charset: str | None = None) -> Article:
    """The article of one HTML page, read in a child process bounded in time and memory (lxml
    and trafilatura are slow on some hostile pages, such as one tag with 100,000 attributes).
    `charset` (a Python codec's name, from the Content-Type header) wins over the page's own
    `<meta charset>` and lxml's guess, as in browsers."""
    return bounded(_page_article, content, origin, id, url, charset, seconds=seconds, memory_mb=PAGE_MEMORY_MB,
                   what="reading the page", error=SourceError)


@cache
def warm() -> None:
    """Read `WARM_PAGE` in this process, once: what trafilatura loads on first use (its regular
    expressions, and the public suffix list courlan reads an address by) is then inherited by
    every page's child instead of loaded in each (about 140 ms of a child's 150). Call it before
    threads that read pages start: a child forked while another thread is in the middle of this
    would inherit the locks it holds. Only time hangs on it: a reader that finds no article in it
    (another trafilatura) costs no page."""
    with suppress(SourceError):
        _page_article(WARM_PAGE.encode(), "warm-up", "warm-up", "https://www.abc.example/budget", "utf-8")


def _page_article(content: str | bytes, origin: str, id: str, url: str | None, charset: str | None) -> Article:
    parser = None
    if charset and isinstance(content, bytes):  # decoded by Python, which knows more codecs than libxml2
        content, parser = content.decode(charset, "replace").encode("utf-8"), lxml.html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml.html.document_fromstring(content, parser=parser)
    except (ParserError, ValueError) as exc:
        raise SourceError(f"not a readable HTML page ({exc})") from None
    metadata = _page_metadata(tree)
    found = trafilatura.extract_metadata(tree, default_url=url, extensive=False, author_blacklist=NOBODY)
    title = headline(metadata, metadata["site"]) or found.title
    address = metadata["url"] or url
    source = outlet(metadata["ld"], metadata["site"], metadata["sections"], metadata["page_title"], address)
    date = published(tree, metadata["headline_element"])
    prepare(tree)
    text = trafilatura.extract(tree, url=url, include_comments=False, include_tables=True, include_images=False,
                               favor_precision=True) or ""
    body = metadata["ld"].text("articleBody") or ""
    if len(text) < MIN_TEXT and len(body) > len(text):
        text = body
    lines = [SPACE_BEFORE_PUNCTUATION.sub("", " ".join(line.split())) for line in text.splitlines()]
    paragraphs, furniture_words = article_paragraphs([line for line in lines if line], title)
    reason = too_little(sum(len(p.split()) for p in paragraphs), furniture_words)
    if reason:
        raise NoArticleText(reason)
    return Article(id=id, title=title, text="\n\n".join(paragraphs), source=source,
                   url=url or metadata["url"] or found.url, published=date, dated_by="page" if date else None,
                   author=author([*metadata["ld"].names("author"), found.author, *metadata["authors"]]),
                   origin=origin)


def headline(metadata: PageMetadata, site: str | None) -> str | None:
    """The page's headline: a visible `<h1>` that the page's titles agree with; else the
    article's own metadata title (og:title, twitter:title, JSON-LD), else a visible `<h1>` of
    three words or more, else `<title>`; site names around a title are removed."""
    titles: list[str] = [t for t in metadata["titles"] if t]
    visible: list[str] = metadata["h1"]
    for h1 in visible:
        if len(h1.split()) >= 3 and any(_same(t).startswith(_same(h1)) for t in titles):
            return h1
    article_titles = [t for t in metadata["titles"][:-1] if t]
    if article_titles:
        return _without_site(article_titles[0], site)
    long_h1 = [h1 for h1 in visible if len(h1.split()) >= 3]
    if long_h1 or not titles:
        return (long_h1 or visible)[0] if long_h1 or visible else None
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


def _page_metadata(tree: HtmlElement) -> PageMetadata:
    """Titles (og:title, twitter:title, JSON-LD headline, `<title>`), visible `<h1>`s, the site
    name, the article's sections, address and authors, and its JSON-LD."""
    def meta(*names: str) -> list[str]:
        return [" ".join(value.split()) for name in names
                for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content') if value.strip()]

    ld = json_ld(tree)
    head_title = tree.xpath("//head/title")
    page_title = " ".join(head_title[0].text_content().split()) if head_title else None
    h1 = [(" ".join(h.text_content().split()), h) for h in tree.xpath("//body//h1")]
    h1 = [(text, element) for text, element in h1 if text]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    return {
        "titles": [next(iter(meta("og:title")), None), next(iter(meta("twitter:title")), None), ld.text("headline"),
                   page_title],
        "h1": [text for text, _ in h1],
        "headline_element": next((e for text, e in h1 if len(text.split()) >= 3), h1[0][1] if h1 else None),
        "page_title": page_title,
        "site": next(iter(meta("og:site_name", "application-name")), None),
        "sections": meta("article:section") + ld.names("articleSection"),
        "url": next(iter(meta("og:url") + [c.strip() for c in canonical]), None),
        "authors": meta("author", "article:author", "sailthru.author", "parsely-author"),
        "ld": ld,
    }
