"""Text from any source made safe to process and show: no control characters or terminal escape
sequences, single-line metadata, and every field bounded in size; the day a date field gives."""

from __future__ import annotations

import re
from datetime import date

from ..models import Article

#: Terminal escape sequences (CSI, OSC and two-character ones), then any other control character
#: but tab and newline. Both patterns are linear: no nested or overlapping repetition.
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)|[@-_])")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Longest metadata fields, in characters.
FIELD_LIMITS = {"id": 300, "title": 500, "source": 200, "url": 2000, "published": 100, "author": 300,
                "origin": 4096}


def clean_text(text: str) -> str:
    """Text with Unix newlines and without control characters or escape sequences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str, limit: int) -> str:
    """Metadata as one line of at most `limit` characters (an ellipsis marks a cut)."""
    line = " ".join(clean_text(text[:limit * 4]).split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def bounded_article(article: Article, max_chars: int) -> tuple[Article, str | None]:
    """The article with clean, bounded fields and its text cut to `max_chars` at the last
    paragraph or sentence end before it; the second value says what was cut, if anything."""
    fields = {name: one_line(value, limit) for name, limit in FIELD_LIMITS.items()
              if (value := getattr(article, name)) is not None}
    text = clean_text(article.text)
    note = None
    if len(text) > max_chars:
        cut = max(text.rfind("\n\n", 0, max_chars), text.rfind(". ", 0, max_chars) + 1)
        cut = cut if cut > max_chars // 2 else max_chars
        note = f"text cut to its first {cut:,} of {len(text):,} characters"
        text = text[:cut].rstrip()
    return article.model_copy(update={**fields, "text": text}), note


def published_day(article: Article) -> date | None:
    """The day of the article's `published`, when it starts with an ISO 8601 date."""
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None
