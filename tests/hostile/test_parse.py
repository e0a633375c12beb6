"""Hostile text for the parser: runs of symbols and words that spaCy's tokenizer takes quadratic
time over are shortened where the article is read, and each article's parse is bounded in time,
so one such article costs seconds, or only itself, never the day's brief."""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from conftest import run_cli, snapshot
from test_inputs import SEED, brief, desk  # noqa: F401 - the fixture, shared

from briefing.errors import ModelError
from briefing.intake.hygiene import MAX_SYMBOL_RUN, MAX_WORD_CHARS, parseable
from briefing.isolation import Failure, bounded_each, start_server

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


@pytest.mark.timeout(40)
def test_an_article_whose_parse_overruns_the_bound_is_skipped_by_name_and_the_rest_briefed(desk):
    config = desk / "config.yaml"
    config.write_text(config.read_text().replace("max_article_chars: 20000", "max_article_chars: 200000")
                      + "limits:\n  parse_seconds: 3\n")
    # linear once read, but 140,000 tokens ("bcd,,,,,,,,,,"): longer than 3 s on any machine
    dense = " ".join("".join(chr(97 + int(d)) for d in str(i)) + "," * 10 for i in range(13_000))
    (desk / "in" / "dense.txt").write_text(LEAD + dense)
    start = time.monotonic()
    outcome, md = brief(desk)
    assert outcome.status == 10, outcome.stderr
    assert outcome.lines == ["skipped in/dense.txt: parse took longer than 3 s and was stopped"]
    assert SEED.read_text().splitlines()[0] in md and "Council approves" not in md
    assert "## Skipped inputs" in md and time.monotonic() - start < 20
    (desk / "in" / "good.txt").unlink()  # nothing left to brief: an error, and the brief written stays
    written = snapshot(desk / "out")
    outcome = run_cli("run", "--config", desk / "config.yaml", "--date", "2026-11-21")
    assert outcome.status == 3 and outcome.lines == [
        "error: no article could be parsed; skipped in/dense.txt: parse took longer than 3 s and was stopped"]
    assert snapshot(desk / "out") == written


def _work(item):
    if item == "dies":
        os._exit(1)
    if item == "hangs":
        time.sleep(60)
    return 1 / item


@pytest.mark.parametrize("server", [False, True])
def test_each_item_is_bounded_alone_and_the_rest_of_its_batch_goes_on(server):
    if server:  # started and ready: the time asserted is the items'
        start_server(["briefing.pipeline"])
        assert list(bounded_each(_work, [[[1]]], seconds=60, processes=1, server=True)) == [1.0]
    start = time.monotonic()
    outcomes = list(bounded_each(_work, [[[1, "dies", 2]], [["hangs", 4]], [[0, 5]]], seconds=1, processes=2,
                                 server=server))
    assert outcomes == [1.0, Failure("failed: the worker process died"), 0.5,
                        Failure("took longer than 1 s and was stopped"), 0.25,
                        Failure("failed: ZeroDivisionError: division by zero"), 0.2]
    assert time.monotonic() - start < 5


def _together(items):
    """The items' outcomes at once, negated so the test tells them apart from `_work`'s: a
    batch that dies, hangs or raises does so before its first outcome, as a batched parse does."""
    for item in items:
        if item in ("dies", "hangs", 0):
            _work(item)
    yield from (-1 / item for item in items)


def test_a_batch_worked_on_together_that_fails_goes_on_item_by_item_and_fails_only_the_item_at_fault():
    start = time.monotonic()
    outcomes = list(bounded_each(_work, [[[1, "dies", 2]], [["hangs", 4]], [[0, 5], [8, 10]]], seconds=1,
                                 processes=2, together=_together))
    assert outcomes == [1.0, Failure("failed: the worker process died"), 0.5,
                        Failure("took longer than 1 s and was stopped"), 0.25,
                        Failure("failed: ZeroDivisionError: division by zero"), 0.2, -0.125, -0.1]
    assert time.monotonic() - start < 8


def _slow_together(items):
    """`_together`'s outcomes, after 0.2 s of work for each item, all before the first."""
    time.sleep(0.2 * len(items))
    yield from (-1 / item for item in items)


def test_a_batch_has_the_time_of_all_its_items_and_is_not_worked_on_again_item_by_item():
    # each item's 0.2 s is within its 0.5 s; the batch of four needs 0.8 s, over one item's 0.5 s
    outcomes = list(bounded_each(_work, [[[1, 2, 4, 5], [8]]], seconds=0.5, processes=1, together=_slow_together))
    assert outcomes == [-1.0, -0.5, -0.25, -0.2, -0.125]  # all worked on together, none again alone


def _cannot_prepare():
    raise ModelError("spaCy model 'xx_missing' is not installed: pip install xx_missing")


@pytest.mark.parametrize("server", [False, True])
def test_work_that_cannot_be_prepared_is_one_error_for_the_caller_not_a_failure_for_each_item(server):
    with pytest.raises(ModelError, match="'xx_missing' is not installed"):
        list(bounded_each(_work, [[[1, 2]], [[4]]], seconds=5, processes=2, prepare=_cannot_prepare, server=server))


def _peak_mb(item):
    """This worker's own peak resident memory (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads Linux's /proc")
def test_a_worker_holds_none_of_the_memory_the_main_process_takes_for_the_day():
    start_server(["briefing.pipeline"])
    before = next(bounded_each(_peak_mb, [[[0]]], seconds=30, processes=1, server=True))
    day = b"x" * (200 << 20)  # the day read after the workers' server started, every page written
    after = next(bounded_each(_peak_mb, [[[0]]], seconds=30, processes=1, server=True))
    assert len(day) and after - before < 50, (before, after)


@pytest.mark.parametrize("text", [
    "B**** lupita is the new face of Lancôme!! SHE WINS!!", "----- oOo-----", "U.S. (AP) -- \"Why?!\" ...",
    "https://www.bbc.co.uk/news/world-europe-12345678?at_medium=RSS&at_campaign=rss", "हिन्दी 中文，中文。",
])
def test_ordinary_text_is_left_as_it_is(text):
    assert parseable(text) == (text, 0)


def test_a_roster_of_thousands_of_names_joined_by_commas_costs_time_in_proportion_to_its_length():
    from spacy.tokens import Doc, Span

    from briefing.analysis import nlp
    from briefing.analysis.actors.parsed_roles import PLURAL_TITLE, named_together, parsed_role
    from briefing.analysis.names import name_data

    words = ["Senators"]
    for n in range(2000):  # "Senators Ann0 Lee0, Ann1 Lee1, ... and Ann1999 Lee1999 voted."
        words += ([","] if 0 < n < 1999 else ["and"] if n else []) + [f"Ann{n}", f"Lee{n}"]
    tags = ["NNS", *("NNP" if w[0].isupper() else "," if w == "," else "CC" for w in words[1:]), "VBD", "."]
    doc = Doc(nlp.load("en_core_web_sm").vocab, words=[*words, "voted", "."], tags=tags,
              sent_starts=[True] + [False] * (len(words) + 1))
    doc.ents = [Span(doc, i, i + 2, label="PERSON") for i in range(1, len(words), 3)]
    data, start = name_data(), time.monotonic()
    groups = named_together(doc)
    roles = {parsed_role(ent, data, groups) for ent in doc.ents}
    assert time.monotonic() - start < 1  # each name once, not every name of the roster again for each
    assert roles == {(PLURAL_TITLE, "Senator")}  # each of the 2,000 a senator
