"""Every regular expression the package compiles runs in linear time: searched over long
generated texts built from the characters and words the pattern itself names, none may take
longer than a linear pass allows. A backtracking pattern (quadratic or worse) fails here."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing
from briefing.analysis.cleaning import BLANKED, SENTENCE_RULES
from briefing.intake.furniture import RULES

#: Characters that drive backtracking: white space, word characters, quotes, brackets, markup.
ALPHABET = list(" \t\n\n.,;:-–—'’\"“”()[]<>*_#|!?@&/\\aZ9\x1b")
SIZE = 40_000
#: Seconds a pattern may take over SIZE characters; linear patterns take milliseconds.
BUDGET = 0.25


def compiled_patterns() -> dict[str, re.Pattern]:
    """Every module-level pattern, boilerplate rule and page furniture rule of the package, by name."""
    found = {f"cleaning.{rule.name}": rule.pattern for rule in BLANKED + SENTENCE_RULES}
    found.update({f"furniture.{rule.name}": rule.pattern for rule in RULES})
    for module_info in pkgutil.walk_packages(briefing.__path__, "briefing."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module_info.name}.{name}"] = value
    return found


PATTERNS = compiled_patterns()


def words_of(pattern: re.Pattern) -> list[str]:
    """The literal words and symbols a pattern looks for, to build texts it half-matches."""
    return sorted(set(re.findall(r"[A-Za-z]{2,}", pattern.pattern))) or ["a"]


def elapsed(pattern: re.Pattern, text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def test_the_audit_sees_the_patterns_that_read_article_text():
    assert {"cleaning.time stamp", "cleaning.dateline", "briefing.analysis.nlp.CLOSING_QUOTE",
            "briefing.presentation.render.MARKDOWN_SPECIAL", "briefing.intake.hygiene.ESCAPE_SEQUENCE"} <= set(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_pattern_is_linear_on_repetitions(name):
    pattern = PATTERNS[name]
    pieces = ALPHABET + [w + sep for w in words_of(pattern) for sep in (" ", ": ", " . ", "")]
    for piece in pieces:
        text = piece * (SIZE // len(piece))
        assert elapsed(pattern, text) < BUDGET, f"{name} is slow on {piece!r} repeated"
        tail = "a" + " " * SIZE + piece  # long runs before a near-match
        assert elapsed(pattern, tail) < BUDGET, f"{name} is slow on a long run of spaces before {piece!r}"


@pytest.mark.timeout(120)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(PATTERNS)), data=st.data())
def test_each_pattern_is_linear_on_generated_texts(name, data):
    pattern = PATTERNS[name]
    vocabulary = ALPHABET + words_of(pattern)
    unit = "".join(data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=8)))
    text = unit * (SIZE // len(unit))
    assert elapsed(pattern, text) < BUDGET, f"{name} is slow on {unit!r} repeated"
