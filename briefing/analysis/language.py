"""The language an article is written in, told from the share of its words that are stop words
of each language spaCy ships (its `spacy/lang/*/stop_words.py` lists, read once): no model,
nothing downloaded. A text is taken to be in the expected language unless another language's
stop words clearly outnumber that language's."""

from __future__ import annotations

import functools
import importlib.util
import itertools
from collections import Counter
from pathlib import Path

from ..intake.words import WORD

#: Words read of a text, at most (the opening is enough to tell its language).
MAX_WORDS = 2000
#: Fewer words than this are too few to tell: the text is taken to be in the expected language.
MIN_WORDS = 20
#: How much larger (in share of the words) another language's stop words must be than the
#: expected language's for the text to count as written in it.
MARGIN = 0.15
#: The least share of a language's stop words in prose written in it (English news: 0.36 and
#: more); below it, a text is not in that language, even when no other language's list fits
#: (a script whose words spaCy's lists hardly hold, such as Chinese or Korean).
FLOOR = 0.15


@functools.cache
def stop_words() -> dict[str, frozenset[str]]:
    """The stop words of every language spaCy ships, by language code, read from its lists
    without importing the languages (each list is a module that only builds a set)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return {}
    lists: dict[str, frozenset[str]] = {}
    for path in sorted(Path(next(iter(spec.submodule_search_locations))).glob("lang/*/stop_words.py")):
        module_spec = importlib.util.spec_from_file_location(f"_stop_words_{path.parent.name}", path)
        if module_spec is None or module_spec.loader is None:
            continue
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        lists[path.parent.name] = frozenset(getattr(module, "STOP_WORDS", ()))
    return lists


def stop_word_shares(text: str) -> dict[str, float]:
    """For each language, the share of the text's first `MAX_WORDS` words (of two letters or
    more: figures say nothing of a language, and a single letter, an initial or what is left of
    "'s", is a stop word of many) that are its stop words; empty below `MIN_WORDS` words."""
    words = Counter(word for word in (match.group().lower() for match in
                                      itertools.islice(WORD.finditer(text), MAX_WORDS))
                    if len(word) > 1 and word.isalpha())
    total = sum(words.values())
    if total < MIN_WORDS:
        return {}
    counts = dict.fromkeys(stop_words(), 0)
    lists = languages_listing()
    for word, count in words.items():
        for language in lists.get(word, ()):
            counts[language] += count
    return {language: count / total for language, count in counts.items()}


@functools.cache
def languages_listing() -> dict[str, tuple[str, ...]]:
    """For each stop word, the languages that list it: a text's words are looked up once, not
    once a language (70-odd lists)."""
    listing: dict[str, list[str]] = {}
    for language, listed in stop_words().items():
        for word in listed:
            listing.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in listing.items()}


def language_of(text: str, expected: str = "en") -> str | None:
    """The language `text` is written in: `expected`, unless its stop words make up less than
    `FLOOR` of the words or another language's make up a share larger by `MARGIN`; then the
    language whose stop words make up most. When no language's reach `FLOOR` (a list of names,
    codes or figures, or a language whose words spaCy's lists hardly hold), `expected` if the
    text is written in its script, else none: it cannot be told."""
    shares = stop_word_shares(text)
    if not shares:
        return expected
    best = max(shares, key=lambda language: shares[language])
    if shares.get(expected, 0.0) < FLOOR:
        if shares[best] >= FLOOR:
            return best
        return expected if _same_script(text, expected) else None
    return best if shares[best] >= shares[expected] + MARGIN else expected


def _same_script(text: str, language: str) -> bool:
    """Whether most of the text's words are in the script of `language`'s stop words (told by
    whether each is ASCII: Latin-script English against Korean, Russian or Chinese)."""
    listed = stop_words().get(language, frozenset())
    words = [m.group() for m in itertools.islice(WORD.finditer(text), MAX_WORDS)]
    latin = sum(w.isascii() for w in listed) * 2 >= len(listed)
    return bool(words) and (sum(w.isascii() for w in words) * 2 >= len(words)) == latin
