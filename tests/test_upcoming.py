"""What is still to come: dates resolved against the article's day, past events never listed.
Sentences of our own through the real parse; the rule that a past day is never listed, over
generated days without it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.document import Document, Unit
from briefing.analysis.upcoming import MONTH_NAMES, upcoming
from briefing.models import Article

PUBLISHED = "2026-12-03T07:30:00Z"  # a Thursday


@pytest.fixture(scope="module")
def coming(pipeline):
    from briefing.analysis import nlp

    def run(text, published=PUBLISHED):
        document = next(nlp.parse(pipeline, [Article(id="t", text=text, published=published)]))
        return [(item.date, item.when) for item in upcoming(document)]
    return run


@pytest.mark.parametrize("text, day, when", [
    ("Peers will debate the bill next Thursday.", "2026-12-10", "next Thursday"),
    ("The vote will take place on 14 January.", "2027-01-14", "14 January"),
    ("The verdict is expected in two weeks.", "2026-12-17", "in two weeks"),
    ("Talks resume tomorrow in Brussels.", "2026-12-04", "tomorrow"),
    ("The band plays in Leeds this weekend.", "2026-12-05", "this weekend"),
    ("The company will report its results on Tuesday.", "2026-12-08", "Tuesday"),
    ("The hearing was adjourned until Thursday.", "2026-12-10", "until Thursday"),
    ("Applications must be submitted by Friday.", "2026-12-04", "by Friday"),
    ("The trial opens on 14 January 2027 at the Old Bailey.", "2027-01-14", "14 January 2027"),
    ("Voting closes at midnight on 10 December.", "2026-12-10", "10 December"),
    # a participle that looks forward dates what is still to come
    ("There is a vote expected on Tuesday in the chamber.", "2026-12-08", "Tuesday"),
    ("Voters go to the polls in a referendum called for Sunday.", "2026-12-06", "Sunday"),
    ("The government will publish its response next week.", None, "next week"),
    ("The inquiry is due to report in March.", None, "in March"),
    ("The summit will be held later this month.", None, "later this month"),
    ("The firm must repay the loan by the end of next month.", "2027-01-31", "by the end of next month"),
    ("Ministers hope to sign the treaty by the end of the year.", "2026-12-31", "by the end of the year"),
    ("She has been given until the end of the week to appeal.", "2026-12-06", "until the end of the week"),
    ("A ruling is expected in the coming weeks.", None, "in the coming weeks"),
    ("The bill will return to the Commons in the spring.", None, "in the spring"),
    ("The final, scheduled for Saturday, will be shown live.", "2026-12-05", "Saturday"),
])
def test_a_dated_thing_to_come_is_listed_with_its_day(coming, text, day, when):
    assert coming(text) == [(day, when)]


@pytest.mark.parametrize("text, earliest", [
    ("The government will publish its response next week.", "2026-12-07"),
    ("The inquiry is due to report in March.", "2027-03-01"),
    ("The new line will open early next year.", "2027-01-01"),
    ("The summit will be held later this month.", "2026-12-04"),
    ("The bill will return to the Commons in the spring.", "2027-03-01"),
])
def test_words_with_no_day_give_the_first_day_they_allow(pipeline, text, earliest):
    """Read against Thursday 3 December 2026: what orders them among the dated items."""
    from briefing.analysis import nlp
    (item,) = upcoming(next(nlp.parse(pipeline, [Article(id="t", text=text, published=PUBLISHED)])))
    assert (item.date, item.earliest) == (None, earliest)


@pytest.mark.parametrize("text", [
    "The minister visited Paris last Thursday.",
    "MPs voted on Thursday to approve the plan.",
    "The factory closed on 1 December after 40 years.",
    "The law took effect on 1 January.",
    "Two weeks ago the talks collapsed.",
    "The report was published in March.",
    "The exhibition has been open since 19 November.",
    "He was born on 14 January 1970.",
    "Shares rose this year on strong demand.",
    "She broke the record by clearing 4.89 metres in Lievin on Saturday.",
    "The Sunday Telegraph is axing 90 jobs.",
    "The bins in the street are emptied on Tuesday mornings.",  # a routine, no one day
    "Sales of ice cream always rise in the summer.",  # a season that comes every year
    "House prices fell sharply at the end of the year.",
    "The Greens wanted a clause that would have forced ministers to review the law in November.",  # did not happen
    "Results of the rugby matches played on Thursday.",  # a participle of the past
    "The bond was trading at 97.18, down 0.20 from Thursday's closing price.",  # a comparison
    '"I think we played very well tonight," the captain said.',
])
def test_a_past_event_is_never_listed(coming, text):
    assert coming(text) == []


def test_without_a_publication_day_only_full_dates_to_come_count(coming):
    text = ("The trial opens on 14 January 2027 at the Old Bailey. The plant opened on 3 March 2025. "
            "Peers will debate the bill next Thursday. The vote will take place on 14 January.")
    assert coming(text, published=None) == [("2027-01-14", "14 January 2027")]


@settings(max_examples=200, deadline=None)
@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       back=st.integers(min_value=1, max_value=3000), template=st.sampled_from([
           "The vote will take place on {d} {m} {y}.", "The hearing is due on {m} {d}, {y}.",
           "Officials expect the report on {d} {m} {y} at the latest.", "It opened on {d} {m} {y}."]))
def test_a_day_before_the_articles_is_never_listed(published, back, template):
    day = published - timedelta(days=back)
    text = template.format(d=day.day, m=MONTH_NAMES[day.month - 1], y=day.year)
    document = Document(article=Article(id="t", text=text, published=published.isoformat()),
                        sentences=(Unit(text=text, start=0, end=len(text), paragraph=0),))
    assert upcoming(document) == []


@settings(max_examples=200, deadline=None)
@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       ahead=st.integers(min_value=1, max_value=3000))
def test_a_full_date_after_the_articles_is_listed_with_that_day(published, ahead):
    day = published + timedelta(days=ahead)
    text = f"The vote will take place on {day.day} {MONTH_NAMES[day.month - 1]} {day.year}."
    document = Document(article=Article(id="t", text=text, published=published.isoformat()),
                        sentences=(Unit(text=text, start=0, end=len(text), paragraph=0),))
    assert [item.date for item in upcoming(document)] == [day.isoformat()]
