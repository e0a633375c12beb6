"""Names in table lines: standings, results, scores and line-ups ("Stoke 4 3 1 0 7 4 10",
"Harlequins 75 Gloucester 19", "Somerset 83 (P. Simmons 4-38)", "France - 1 - Bernard Lama;"),
which the tagger, trained on sentences, mostly leaves untagged.

A line is a table line when it holds two figures or more and hardly a lower-case word. In it,
a run of capitalised words (initials, particles and hyphens inside) is an entry when a figure
follows it or a line-up number stands before it: a person when it opens with an initial or
follows a line-up number, a place when a colon follows (a venue, "Leicester:"), else a side in
the game (a team; a country stays a place).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..names import NameData, lexicon

#: At most this share of a table line's words are lower-case (prose has well over half).
LOWER_SHARE = 1 / 3
INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)?")
FIGURE = re.compile(r"\d")
LINE = re.compile(r"[^\n]+")
#: Lower-case words inside a name in a table line ("Edwin van der Sar").
TABLE_NAME_PARTICLES = lexicon("table_name_particles")


def table_lines(doc: Doc) -> list[Span]:
    """The lines of the text that are lines of a table rather than prose (judged by line: the
    parser cuts a table line into odd sentences)."""
    lines = []
    for match in LINE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        words = [t for t in span if t.is_alpha]
        figures = sum(1 for t in span if FIGURE.search(t.text))
        lower = sum(1 for t in words if t.is_lower)
        if figures >= 2 and words and lower <= max(1, LOWER_SHARE * len(words)):
            lines.append(span)
    return lines


def entries(line: Span, data: NameData) -> list[Span]:
    """The names of one table line, each labelled PERSON, GPE or ORG (a side)."""
    found = []
    i, end = line.start, line.end
    doc = line.doc
    while i < end:
        j = _run_end(doc, i, end)
        if j == i:
            i += 1
            continue
        label = _label(doc, i, j, line, data)
        if label:
            span = Span(doc, i, j, label=label)
            found.append(span)
        i = j
    return found


def sides(spans: list[Span]) -> set[int]:
    """Token starts of the entries that are sides in a game (labelled ORG here)."""
    return {s.start for s in spans if s.label_ == "ORG"}


def _run_end(doc: Doc, start: int, end: int) -> int:
    """Where the run of name words opening at `start` ends (`start` if none opens there)."""
    i = start
    while i < end:
        token = doc[i]
        if _name_word(token) or i > start and i + 1 < end and _name_word(doc[i + 1]) and (
                token.lower_ in TABLE_NAME_PARTICLES or token.text in ("-", "'s", "’s")):
            i += 1
        elif i > start and token.text == "-" and i + 3 < end and doc[i + 1].is_lower and doc[i + 2].text == "-" \
                and _name_word(doc[i + 3]):
            i += 3  # "Chester-le-Street"
        else:
            break
    return i


def _name_word(token: Token) -> bool:
    return (token.is_title and token.is_alpha) or bool(INITIAL.fullmatch(token.text)) or (
        token.is_upper and token.is_alpha and len(token) > 1) or (token.is_title and "'" in token.text)


def _label(doc: Doc, start: int, end: int, line: Span, data: NameData) -> str | None:
    words = [t.text for t in doc[start:end]]
    if words[-1].lower() in data.table_words or words[0].lower() in data.table_words:
        return None  # "Division 2", "Group B": a heading of the table
    after = doc[end] if end < line.end else None
    numbered = start - 2 >= line.start and FIGURE.search(doc[start - 2].text) and doc[start - 1].text == "-"
    if INITIAL.fullmatch(words[0]) or numbered:
        return "PERSON"
    if after is not None and after.text == ":":
        return "GPE"
    figure_after = after is not None and (FIGURE.search(after.text) or (
        after.text == "(" and end + 1 < line.end and FIGURE.search(doc[end + 1].text)))
    if not figure_after and not (after is not None and after.text == "-" and end + 1 < line.end
                                 and FIGURE.search(doc[end + 1].text)):
        return None
    name = " ".join(words)
    return "GPE" if name.lower() in data.nationalities else "ORG"
