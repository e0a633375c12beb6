"""Figures with what they count, as written; years, dates, ages, times, labels and page furniture
are not figures. Sentences of our own, through the real parse."""

from __future__ import annotations

import pytest

from briefing.analysis.figures import key_figures
from briefing.models import Sentence


@pytest.fixture(scope="module")
def figures_of(parse):
    def run(text, key=()):
        document = parse(text)
        sentences = [Sentence(text=u.text, paragraph=u.paragraph, start=u.start, end=u.end)
                     for i, u in enumerate(document.sentences) if i in key]
        return [f.text for f in key_figures(document, sentences)]
    return run


@pytest.mark.parametrize("text, figure", [
    ("British Airways has blamed high fuel prices for a 40% drop in profits.", "40% drop in profits"),
    ("The airline made a pre-tax profit of £75m in the three months to December.", "pre-tax profit of £75m"),
    ("The new plant will make 15 million phones a year when it opens.", "15 million phones a year"),
    ("Fuel costs rose by £106m or 47.3% in the quarter.", "Fuel costs rose by £106m or 47.3%"),
    ("The group has cut 13,000 jobs since the crash.", "13,000 jobs"),
    ("Revenue was expected to grow by 3% to 3.5% over the year.", "Revenue was expected to grow by 3% to 3.5%"),
    ("The council approved a £2.5bn budget for the city on Tuesday.", "£2.5bn budget"),
    ("Sony has recalled 14 million power cables after 30 reports of minor burns.", "14 million power cables"),
])
def test_a_figure_is_given_with_what_it_counts(figures_of, text, figure):
    assert figures_of(text)[0] == figure


def test_a_figure_keeps_its_conversion_and_the_noun_it_is_put_on(figures_of):
    assert figures_of("The deal is worth $1.2bn (£640m) to the firm.") == ["deal is worth $1.2bn (£640m)"]


@pytest.mark.parametrize("text", [
    "The bridge opened in 1998 and was closed by the council in 2004.",  # years
    "The hearing was adjourned until 14 January and then to February 3.",  # dates
    "John Smith, 28, was charged with theft on Monday.",  # an age between commas
    "A 28-year-old man was arrested and a woman aged 77 was released.",  # ages
    "The train left at 10am and arrived at 14:30 after a long delay.",  # clock times
    "She finished in the top 10 on the Channel 4 show, and he scored 3.",  # labels, a name's number, a bare number
    "He came back in the 70s and played 2/1 favourite.",  # a decade, odds
    "The plan would replace all 11-16 qualifications with one certificate.",  # an age band
    "Today, children ranging from ages 4 to 12 crowd into the hall every Sunday.",  # a range of ages
    "She won the 800m gold in Rome and is the reigning 60m hurdles champion.",  # events named by distance
    "The coach said he was 100% confident and 100 per cent behind the players.",  # emphasis
    "She is the 800 metres favourite and won the 100 metres world title last year.",  # events in words
    "Leeds won 3-1 thanks to two late goals and held a 1-0 lead at half-time.",  # scores
    "He played in the under-21 match against Spain on Friday.",  # an age group
])
def test_what_is_not_a_figure(figures_of, text):
    assert figures_of(text) == []


def test_page_furniture_is_not_read(figures_of):
    """Only body sentences: a heading, a caption or a list line gives no figure."""
    assert figures_of("Updated 12 comments\n\nShare 450 times\n\nThe council met on Monday to set its budget.") == []


def test_key_sentences_come_first_and_figures_are_bounded(figures_of):
    text = ("The town has 4,000 homes. The storm damaged 300 homes and 40 shops. The repairs will cost £12m, the "
            "council said. Insurers expect 2,000 claims. The council has 90 staff on call. Volunteers gave 500 hours.")
    assert figures_of(text, key={2}) == ["repairs will cost £12m", "4,000 homes", "300 homes", "40 shops",
                                         "2,000 claims"]


@pytest.mark.parametrize("text, figure", [
    ("The club suffered a 1-0 home defeat on Saturday.", "1-0 home defeat"),  # a score that is the result
    ("The court ruled in a 2-1 decision that the law was valid.", "2-1 decision"),
    ("The firm has a market capitalisation of £5.7bn ($10.7bn, 8.2bn euros) after the deal.",
     "market capitalisation of £5.7bn"),  # no half bracket
])
def test_a_result_is_a_figure_and_a_figure_never_ends_in_half_a_bracket(figures_of, text, figure):
    assert figures_of(text)[0] == figure


def test_a_range_of_counts_is_a_figure_and_a_figure_is_listed_once(figures_of):
    """A range above the ages of schooling counts ("30-40 people"); the same words twice are one figure."""
    text = ("Between 30-40 people were hurt in the first 10 minutes of the riot. Police arrived after 10 minutes "
            "and made 12 arrests.")
    assert figures_of(text) == ["30-40 people", "10 minutes", "12 arrests"]
