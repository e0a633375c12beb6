"""The text primitives every stage shares: what counts as a word, the quote marks. They sit in
the first stage so that every later one may use them; where two stages mean different things,
each meaning has its own name here. (The particles inside names are the actor rules' own, in
data/actors.yaml.)"""

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

#: Quote marks, straight and curly.
QUOTES = "'\"‘’“”"
#: Quote marks and the backtick that plain text opens a quote with (``so'').
QUOTES_OR_BACKTICK = QUOTES + "`"
#: Marks that open a quotation.
OPENING_QUOTES = ("'", '"', "‘", "“")
#: Curly quotes, dashes and the no-break space as their plain forms (a `str.translate` table).
PLAIN_PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
