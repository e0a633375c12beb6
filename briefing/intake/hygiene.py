"""Text from any source made safe to process and show: no control characters or terminal escape
sequences, no run of symbols or word that the parser takes quadratic time over, single-line
metadata, and every field bounded in size."""

from __future__ import annotations

import re

from ..models import Article

#: Terminal escape sequences (CSI, OSC and two-character ones), then any other control character
#: but tab and newline. Both patterns are linear: no nested or overlapping repetition.
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)|[@-_])")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: spaCy's tokenizer splits punctuation, symbols, emoji and affixes such as "'s" or "US$" off the
#: ends of a word one at a time, searching what is left each time, so a word costs the square of
#: its length (20,000 `*`: 76 s). A run of symbols (any character but letters, digits and white
#: space) keeps its first `MAX_SYMBOL_RUN`, and a longer word is cut to `MAX_WORD_CHARS` (an
#: ellipsis marks the cut). Both patterns start only where a run or a word starts: linear.
MAX_SYMBOL_RUN = 10
MAX_WORD_CHARS = 100
_SYMBOL = r"(?:[^\w\s]|_)"
SYMBOL_RUN = re.compile(rf"(?<!{_SYMBOL})({_SYMBOL}{{{MAX_SYMBOL_RUN}}}){_SYMBOL}+")
LONG_WORD = re.compile(rf"(?<!\S)(\S{{{MAX_WORD_CHARS - 1}}})\S{{2,}}")
#: Longest metadata fields, in characters.
FIELD_LIMITS = {"id": 300, "title": 500, "source": 200, "url": 2000, "published": 100, "author": 300,
                "origin": 4096}


def clean_text(text: str) -> str:
    """Text with Unix newlines and without control characters or escape sequences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", ESCAPE_SEQUENCE.sub("", text))


def parseable(text: str) -> tuple[str, int]:
    """The text with runs of symbols shortened and long words cut, and how many words were cut."""
    return LONG_WORD.subn("\\1…", SYMBOL_RUN.sub("\\1", text))


def one_line(text: str, limit: int) -> str:
    """Metadata as one line of at most `limit` characters (an ellipsis marks a cut)."""
    line = " ".join(clean_text(text[:limit * 4]).split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def bounded_article(article: Article, max_chars: int) -> tuple[Article, str | None]:
    """The article with clean, bounded fields and its text `parseable` and cut to `max_chars` at
    the last paragraph or sentence end before it; the second value says what was cut, if anything."""
    fields = {name: one_line(value, limit) for name, limit in FIELD_LIMITS.items()
              if (value := getattr(article, name)) is not None}
    text, long_words = parseable(clean_text(article.text))
    notes = [f"{long_words:,} word{'s' if long_words > 1 else ''} longer than {MAX_WORD_CHARS} characters cut"] \
        if long_words else []
    if len(text) > max_chars:
        cut = max(text.rfind("\n\n", 0, max_chars), text.rfind(". ", 0, max_chars) + 1)
        cut = cut if cut > max_chars // 2 else max_chars
        notes.insert(0, f"text cut to its first {cut:,} of {len(text):,} characters")
        text = text[:cut].rstrip()
    return article.model_copy(update={**fields, "text": text}), "; ".join(notes) or None

