"""Plain-text articles: an optional headline line, then blank-line separated paragraphs."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..models import Article

MAX_HEADLINE_WORDS = 20


def read(path: Path, content: str) -> list[Article]:
    title, body = split_headline(content)
    if not body.strip():
        raise SourceError("no article text after the headline")
    return [Article(id=path.name, title=title, text=body, origin=str(path))]


def split_headline(content: str) -> tuple[str | None, str]:
    """The headline and the body: the first line is a headline when a blank line follows it
    or it reads as one (short, no closing full stop)."""
    content = content.strip("\n")
    first, _, rest = content.partition("\n")
    if not rest.strip():
        return None, content
    if rest.startswith("\n") or looks_like_headline(first):
        return first.strip(), rest.strip("\n")
    return None, content


def looks_like_headline(line: str) -> bool:
    """Short and without the full stop that ends a sentence of body text."""
    line = line.strip()
    return 0 < len(line.split()) <= MAX_HEADLINE_WORDS and not line.endswith((".", ":", ";", ","))
