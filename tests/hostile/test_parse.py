"""Hostile text for the parser: runs of symbols and words that spaCy's tokenizer takes quadratic
time over are shortened where the article is read, so one such article costs seconds, never the
day's brief."""

from __future__ import annotations

import json
import re

import pytest

from briefing.sources.hygiene import MAX_SYMBOL_RUN, MAX_WORD_CHARS, parseable
from conftest import run_cli
from test_inputs import SEED, brief, desk  # noqa: F401 - the fixture, shared

pytestmark = pytest.mark.timeout(20)

N = 20_000
#: Each shape at 20,000 characters; spaCy took 40 s to minutes over those marked slow (before).
SHAPES = {
    "stars": "*" * N,  # slow
    "hyphens": "-" * N,
    "dots": "." * N,
    "exclamations": "!" * N,  # slow
    "mixed dashes": "*-_=~" * (N // 5),
    "mixed punctuation": "!?,;:%$" * (N // 7),  # slow
    "underscores": "_" * N,  # slow
    "quotes": "\"'" * (N // 2),  # slow
    "emoji": "😀" * N,  # slow
    "flags": "🇬🇧" * (N // 2),  # slow
    "combining marks": "a" + "\u0301" * N,
    "nested brackets": "(" * (N // 2) + "a" + ")" * (N // 2),  # slow
    "repeated 's": "a" + "'s" * (N // 2),  # slow
    "repeated US$": "US$" * (N // 3),  # slow
    "long URL": "https://example.com/" + "a/" * (N // 2),
    "1 MB token": "a" * 1_000_000,
}
LEAD = "Council approves the budget\n\nThe council approved the budget on Monday after a long debate. "
SYMBOL_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_SYMBOL_RUN + 1}}}")


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_a_hostile_shape_is_read_bounded_and_briefed_in_seconds(desk, name):
    (desk / "in" / f"{name}.txt").write_text(LEAD + SHAPES[name] + " The vote was close.\n", encoding="utf-8")
    read = run_cli("read", "--config", desk / "config.yaml", f"in/{name}.txt")
    text = json.loads(read.stdout)["text"]
    assert not SYMBOL_RUN.search(text) and max(len(word) for word in text.split()) <= MAX_WORD_CHARS
    outcome, md = brief(desk)
    assert outcome.status == 0, outcome.stderr
    assert set(outcome.lines) <= {f"note in/{name}.txt: 1 word longer than {MAX_WORD_CHARS} characters cut"}
    assert SEED.read_text().splitlines()[0] in md and "Council approves the budget" in md


@pytest.mark.parametrize("text", [
    "B**** lupita is the new face of Lancôme!! SHE WINS!!", "----- oOo-----", "U.S. (AP) -- \"Why?!\" ...",
    "https://www.bbc.co.uk/news/world-europe-12345678?at_medium=RSS&at_campaign=rss", "हिन्दी 中文，中文。",
])
def test_ordinary_text_is_left_as_it_is(text):
    assert parseable(text) == (text, 0)
