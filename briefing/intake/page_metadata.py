"""What a page says of its article, checked: the outlet, the author and the date.

Pages label themselves carelessly: `og:site_name` is often a section ("U.S.", "World"), an
author field holds a profile address, "No Author" or a byline's date, and a page holds many
dates (the sidebar's stories, the copyright line). Each value is taken from the most specific
place that gives one, and only if it looks like what it claims to be:

- the outlet: the publisher named in the article's JSON-LD; else `og:site_name` if it names the
  site's domain and is not the article's section; else the part of `<title>` that names the
  domain; else the domain itself;
- the author: the first name given (JSON-LD, the page's byline, `<meta name="author">`) that
  reads as a person's or a body's name once "By" and a trailing date are cut;
- the date: htmldate without its opportunistic text search (which falls back on a copyright
  year or any year in the text as 1 January) over the page's head, its JSON-LD and the article
  around its headline with the article's paragraphs left out (the original date first); else the
  first date written in full in the lines before the article's first paragraph (its byline). So
  never a sidebar, a footer or a date the story mentions.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from .dating import full_date

#: Largest JSON-LD block read.
MAX_JSON_LD = 2_000_000
#: JSON-LD objects read from one page, at most.
MAX_OBJECTS = 2000
#: Separators between a headline and the site's name in a page title.
TITLE_SEPARATORS = re.compile(r"\s{1,5}(?:[|\-–—·•]|::)\s{1,5}")
#: Text an article's container holds beyond its headline (characters), or it is an `<article>`.
MIN_CONTAINER_CHARS = 500
#: An element whose own text is longer than this (words) is prose, not a byline or a date line.
MAX_DATELINE_WORDS = 25
#: A byline's line that gives the date of a later change, not of publication.
UPDATED = re.compile(r"\b(?:updated|modified|edited|revised)\b", re.I)
#: Earliest date believed.
MIN_DATE = "1995-01-01"

#: What a byline says before a name ("By", "Article by", "Words by").
BYLINE_PREFIX = re.compile(r"^(?:(?:article|story|words|text|report|written|posted|published|compiled)[ \t]{1,3})?by\b"
                           r"[ \t:]{0,3}", re.I)
#: A byline's date after the name: a month and a day, a day and a month, a bare year or time.
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]{1,3})?"
TRAILING_DATE = re.compile(rf"(?<![ \t,|/·•-])[ \t,|/·•-]{{1,4}}(?:{WEEKDAY}(?:{MONTHS})\.?[ \t]{{1,3}}\d{{1,2}}\b|"
                           rf"{WEEKDAY}\d{{1,2}}[ \t]{{1,3}}(?:{MONTHS})\b|\d{{1,2}}[:.]\d{{2}}\b|\d{{4}}\b|"
                           r"\d{1,2}/\d{1,2}/\d{2,4}).*$", re.I | re.S)
#: Month names that are not people's names, left at the end of a byline whose day was cut.
TRAILING_MONTH = re.compile(r"[ \t,]{1,3}(?:January|February|September|October|November|December)$")
#: Author values that name nobody.
NOBODY = {"no author", "admin", "administrator", "author", "unknown", "anonymous", "staff", "editor", "guest", "user",
          "null", "none", "n/a", "by"}
#: A web or e-mail address.
ADDRESS = re.compile(r"https?:|www\.|\.(?:com|org|net|co\.uk)\b|@", re.I)


@dataclass(frozen=True)
class LinkedData:
    """The article object of a page's JSON-LD, and every object there by its `@id`."""

    article: dict[str, Any] = field(default_factory=dict)
    index: dict[str, dict[str, Any]] = field(default_factory=dict)

    def text(self, key: str) -> str | None:
        return _text(self.article.get(key))

    def names(self, key: str) -> list[str]:
        """The names the article's `key` gives: a string, an object's `name`, an `@id`
        reference to an object, or a list of these."""
        return _names(self.article.get(key), self.index)


def json_ld(tree: HtmlElement) -> LinkedData:
    """The page's JSON-LD: its article object is the one with the longest `articleBody`, else
    the first with a headline."""
    objects: list[dict[str, Any]] = []
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        if len(block) > MAX_JSON_LD:
            continue
        try:
            objects.extend(_objects(json.loads(block)))
        except (ValueError, RecursionError):
            continue
        if len(objects) > MAX_OBJECTS:
            break
    index = {item["@id"]: item for item in objects if isinstance(item.get("@id"), str)}
    articles = [item for item in objects if "headline" in item or isinstance(item.get("articleBody"), str)]
    article = max(articles, key=lambda item: len(_text(item.get("articleBody")) or ""), default={})
    return LinkedData(article, index)


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


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _names(value: Any, index: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, list):
        return [name for item in value[:20] for name in _names(item, index)]
    if isinstance(value, dict):
        reference = value.get("@id")
        value = (index.get(reference, value) if isinstance(reference, str) else value).get("name")
    name = _text(value)
    return [name] if name else []


def outlet(ld: LinkedData, site_name: str | None, sections: list[str], title: str | None,
           address: str | None) -> str | None:
    """The outlet's name: JSON-LD publisher, a checked site name, the title's site part, the domain."""
    for name in ld.names("publisher"):
        if not _address(name):
            return name
    host = _host(address)
    labels = [label for label in host.split(".")[:-1] if label != "www"] if host else []
    if site_name and not _address(site_name) and _same(site_name) not in {_same(s) for s in sections} \
            and (not labels or names_domain(site_name, labels)):
        return site_name
    parts = TITLE_SEPARATORS.split(title or "")
    for part in (parts[-1], parts[0]) if len(parts) > 1 and labels else ():
        if names_domain(part, labels):
            return part.strip()
    return host.removeprefix("www.") if host and labels else None


#: What a site name is compared by: its letters and digits, and its words.
NOT_ALNUM = re.compile(r"[^0-9a-z]")
ALNUM_RUN = re.compile(r"[0-9a-z]+")
#: What separates two names in a byline.
NAME_SEPARATOR = re.compile(r"[;|/]")


def names_domain(name: str, labels: list[str]) -> bool:
    """Whether a name is the site's: its letters hold a label of the domain or a label holds
    them ("The Local Sweden", thelocal.se), or its initials are one ("South China Morning Post", scmp)."""
    letters = NOT_ALNUM.sub("", name.casefold())
    initials = "".join(word[0] for word in ALNUM_RUN.findall(name.casefold()) if word != "the")
    return bool(letters) and any(
        len(label) >= 3 and (label in letters or label == initials
                             or len(letters.removeprefix("the")) >= 4 and letters.removeprefix("the") in label)
        for label in (NOT_ALNUM.sub("", label.casefold()) for label in labels))


def _host(address: str | None) -> str | None:
    """The address's host name, if it is a name (not an IP address or a single label)."""
    try:
        host = (urlsplit(address or "").hostname or "").rstrip(".")
    except ValueError:
        return None
    if "." not in host or host.replace(".", "").isdigit() or ":" in host:
        return None
    return host


def _address(text: str) -> bool:
    return bool(ADDRESS.search(text))


def _same(text: str) -> str:
    return " ".join(text.casefold().split())


def author(candidates: list[str | None]) -> str | None:
    """The first candidate that names people or bodies, each name cleaned ("By Jane Roe
    December 3" -> "Jane Roe"), several kept apart by "; "."""
    for candidate in candidates:
        if not candidate or _address(candidate):
            continue
        cleaned = BYLINE_PREFIX.sub("", " ".join(candidate.split()))
        cleaned = TRAILING_MONTH.sub("", TRAILING_DATE.sub("", cleaned)).strip(" ,;|/-")
        names = [name for part in NAME_SEPARATOR.split(cleaned) if (name := part.strip(" ,")) and _a_name(name)]
        if names:
            return "; ".join(names)
    return None


def _a_name(name: str) -> bool:
    """Whether a byline part reads as a name: at most ten words, capitalised but for short
    particles (de, van, and), no figures, and not a placeholder ("No Author", "Admin")."""
    words = name.split()
    return 0 < len(words) <= 10 and name.casefold() not in NOBODY and words[0][:1].isupper() and all(
        word == "&" or all(c.isalpha() or c in "'’.-" for c in word) and (word[0].isupper() or len(word) <= 4)
        for word in words)


def published(tree: HtmlElement, headline: HtmlElement | None, today: date | None = None) -> str | None:
    """The article's date (YYYY-MM-DD) as htmldate finds it in the page's head, its JSON-LD and
    the article's own lines around its headline (the original date before an update), else the
    date its byline writes in full."""
    import htmldate

    page = lxml.html.fromstring("<html><head></head><body></body></html>")
    head = tree.find("head")
    if head is not None:
        page.replace(page[0], copy.deepcopy(head))
    body = page.find("body")
    for script in tree.xpath('//body//script[@type="application/ld+json"]'):
        body.append(copy.deepcopy(script))
    around = _container(headline)
    if around is not None:
        lines = copy.deepcopy(around)
        for element in list(lines.iter(etree.Element)):
            own = " ".join([element.text or ""] + [child.tail or "" for child in element])
            if element is not lines and element.getparent() is not None and len(own.split()) > MAX_DATELINE_WORDS:
                element.drop_tree()
        body.append(lines)
    latest = (today or date.today()) + timedelta(days=1)
    try:
        found = htmldate.find_date(page, extensive_search=False, original_date=True, min_date=MIN_DATE,
                                   max_date=latest.isoformat())
    except (ValueError, TypeError):
        found = None
    written = full_date(_before_prose(around)) if around is not None else None
    return found or (written.isoformat() if written and MIN_DATE <= written.isoformat() <= latest.isoformat()
                     else None)


def _before_prose(around: HtmlElement) -> str:
    """The text of the article's lines before its first paragraph of prose (headline, byline),
    but for lines that give a later date ("Updated December 5, 2026")."""
    lines = []
    for element in around.iter(etree.Element):
        own = " ".join([element.text or ""] + [child.tail or "" for child in element])
        if len(own.split()) > MAX_DATELINE_WORDS:
            break
        if element.tag not in ("script", "style") and not UPDATED.search(element.text or ""):
            lines.append(" ".join((element.text or "").split()))
    return " | ".join(line for line in lines if line)


def _container(headline: HtmlElement | None) -> HtmlElement | None:
    """The element around the headline that holds the article: an `<article>` or `<main>`, or
    the first that holds some text beyond the headline."""
    if headline is None:
        return None
    size = len(headline.text_content())
    for element in headline.iterancestors():
        if element.tag in ("article", "main") or len(element.text_content()) - size >= MIN_CONTAINER_CHARS:
            return None if element.tag in ("body", "html") else element
    return None
