"""Hostile texts for what an analyst adds (quotes, figures, what is to come): each one's time is
linear in the article's length whatever its marks, numbers and dates, and a day at the ends of the
calendar never breaks a run. Documents are built by hand (as the parse would give them) so the
analyses are timed alone."""

from __future__ import annotations

import time

import pytest

from briefing.analysis.document import Clause, Document, Unit
from briefing.analysis.figures import key_figures
from briefing.analysis.quotes import direct_quotes
from briefing.analysis.upcoming import upcoming
from briefing.models import Article

pytestmark = pytest.mark.timeout(60)
#: An article as long as `max_article_chars` lets one be.
SIZE = 200_000


def one_sentence(text: str, published: str | None = None, said: str = "said") -> Document:
    """The whole text as one sentence (no punctuation the parser would cut at), with a clause for
    every `said` whose subject is the word before it."""
    clauses, at = [], text.find(said)
    while at > 1:
        subject = text.rfind(" ", 0, at - 1) + 1
        clauses.append(Clause(verb="say", start=at, end=at + len(said), sentence=0, tense="past",
                              subject=(subject, at - 1), head=(subject, at - 1)))
        at = text.find(said, at + 1)
    return Document(article=Article(id="hostile", text=text, published=published),
                    sentences=(Unit(text=text, start=0, end=len(text), paragraph=0),), clauses=tuple(clauses))


def timed(work) -> float:
    """CPU seconds of this thread that `work` takes, the least of three tries (so other processes
    on a busy machine do not count)."""
    spent = []
    for _ in range(3):
        start = time.thread_time()
        work()
        spent.append(time.thread_time() - start)
    return min(spent)


@pytest.mark.parametrize("piece", [
    '"Word word word word," he said ',  # thousands of quotations in one sentence
    "\"a 'b \"c 'd ",  # marks opened and never closed, nested as deep as they go
    "'s' ' '' \"\"\" '",  # marks with nothing to pair
    '"He said, \'yes I will come,\' he said, \'and so will you,\'" she said ',  # quotations inside quotations
    "according to according to \"",
])
def test_quotation_marks_in_any_number_cost_linear_time(piece):
    small, large = (one_sentence(piece * (size // len(piece))) for size in (SIZE // 10, SIZE))
    assert timed(lambda: direct_quotes(large, [])) < 20 * max(timed(lambda: direct_quotes(small, [])), 0.05)


@pytest.mark.parametrize("piece", ["£1,000,000m 40% drop in profits ", "1999 2000 14 January 9 ", "9" * 5000 + " "])
def test_numbers_in_any_number_cost_linear_time(piece):
    small, large = (one_sentence(piece * (size // len(piece))) for size in (SIZE // 10, SIZE))
    assert timed(lambda: key_figures(large)) < 20 * max(timed(lambda: key_figures(small)), 0.05)


@pytest.mark.parametrize("piece", ["next Thursday on 14 January in two weeks ", "in 999 years by Friday "])
def test_dates_in_any_number_cost_linear_time(piece):
    small, large = (one_sentence(piece * (size // len(piece)), published="2026-12-03")
                    for size in (SIZE // 10, SIZE))
    assert timed(lambda: upcoming(large)) < 20 * max(timed(lambda: upcoming(small)), 0.05)


@pytest.mark.parametrize("published", ["9999-12-31", "9999-12-28T23:00:00Z", "0001-01-01", "2028-02-29"])
@pytest.mark.parametrize("text", [
    "Peers will debate the bill next Thursday.", "The vote will take place on 1 January.",
    "The verdict is expected in 999 years.", "Talks resume tomorrow.", "The band plays this weekend.",
    "The rules will change on 29 February.", "The trial opens on 14 January 0000 and on 31 February 2027.",
])
def test_a_day_at_the_ends_of_the_calendar_never_breaks_a_run(published, text):
    document = one_sentence(text, published=published)
    for item in upcoming(document):
        assert item.date is None or item.date > published[:10]
