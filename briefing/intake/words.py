"""The text primitives every stage shares: what counts as a word, the particles inside names,
the quote marks. They sit in the first stage so that every later one may use them; where two
stages mean different things, each meaning has its own name here."""

from __future__ import annotations

import re

#: A run of word characters: what copies and content hashes compare.
WORD = re.compile(r"\w+")
#: Word characters joined inside by apostrophes or hyphens, straight or curly ("o’neill", "well-known").
COMPOUND_WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: A run of word characters, straight apostrophes and hyphens, the marks anywhere in it ("'80s", "ex-").
LOOSE_WORD = re.compile(r"[\w'-]+")
#: In lower-cased text, two or more ASCII letters, straight apostrophes and hyphens, opening on a letter.
ASCII_WORD = re.compile(r"[a-z][a-z'-]+")

#: Lower-case words a name may hold ("Organisation for Security and Cooperation in Europe", "Ludwig
#: van Beethoven"); they give its initials no letter.
NAME_PARTICLES = {"of", "the", "and", "for", "de", "del", "der", "van", "von", "al", "bin", "la", "le",
                  "da", "du", "di", "y", "on", "upon", "in", "to", "&"}
#: Words a name spelt out before its acronym may hold that give the acronym no letter
#: ("Islamic State in Iraq and Syria (ISIS)").
ACRONYM_PARTICLES = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "&"}
#: Lower-case words inside a name in a table line ("Edwin van der Sar").
TABLE_NAME_PARTICLES = {"de", "van", "der", "von", "le", "la", "del", "di", "da", "du", "dos", "den", "ter",
                        "of", "the"}

#: Quote marks, straight and curly.
QUOTES = "'\"‘’“”"
#: Quote marks and the backtick that plain text opens a quote with (``so'').
QUOTES_OR_BACKTICK = QUOTES + "`"
#: Marks that open a quotation.
OPENING_QUOTES = ("'", '"', "‘", "“")
#: Curly quotes, dashes and the no-break space as their plain forms (a `str.translate` table).
PLAIN_PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
