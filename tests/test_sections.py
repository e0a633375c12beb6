"""Sections a story is filed under, from what the whole article says: the act its headline and
lead report, its institutions and the roles of its people, its sums of money, the cues of
human-interest news, and ties resolved by the desk's priority (articles written for these tests)."""

from __future__ import annotations

from briefing.editorial.stories import section_of
from briefing.models import Actor, Article, ArticleBrief, Figure, Role, Sentence


def story(title: str | None, paragraphs: list[str], actors: list[Actor] = ()) -> list[ArticleBrief]:
    """A one-article story whose key sentences are its paragraphs' first sentences."""
    text = "\n\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    sentences = [Sentence(text=p.split(". ")[0], paragraph=i, start=s, end=s + len(p.split(". ")[0]))
                 for i, (p, s) in enumerate(zip(paragraphs, starts, strict=True))]
    return [ArticleBrief(number=1, article=Article(id="1.txt", title=title, text=text), key_sentences=sentences,
                         actors=list(actors))]


def key(name: str, kind: str = "person", *roles: str) -> Actor:
    """A key actor of the article, prominent as its main actor is."""
    return Actor(name=name, type=kind, mentions=6, key=True, weight=9.0,
                 roles=[Role(title=r, sentence="...") for r in roles])


def test_the_act_a_headline_and_lead_report_files_the_story():
    club = ["Football club treasurer charged over missing funds",
            ["The former treasurer of Eastmoor Rovers football club has been charged with taking money from "
             "the club over three seasons.",
             "The club said the money had been meant for the players' travel and that its supporters had been "
             "let down."]]
    assert section_of(story(club[0], club[1]), []) == "Crime and justice"


def test_an_institution_among_the_actors_tips_the_story_into_its_section():
    bridge = ["Harbour bridge shut overnight",
              ["The harbour bridge in Kelby was shut overnight while officers examined the scene.",
               "Northshire Constabulary asked drivers to avoid the area until the morning. A spokesman said "
               "the road would reopen once the work was done.",
               "Drivers were sent along the coast road instead."]]
    found = section_of(story(*bridge, actors=[key("Northshire Constabulary", "organisation")]), [])
    assert found == "Crime and justice"
    assert section_of(story(*bridge), []) == "Other news"


def test_the_roles_of_its_people_decide_between_sections_its_words_share():
    visit = ["Whitfield visits flooded towns",
             ["Dana Whitfield visited three towns on Monday, spoke at a stadium and a campaign event, and "
              "promised help for homes and shops.",
              "She met residents at the stadium and at the campaign office, and said more help would follow."]]
    assert section_of(story(*visit, actors=[key("Dana Whitfield", "person", "Home Secretary")]), []) == "Politics"
    assert section_of(story(*visit, actors=[key("Dana Whitfield", "person", "striker")]), []) == "Sport"
    assert section_of(story(*visit, actors=[key("Dana Whitfield")]), []) == "Other news"


def test_sums_of_money_among_its_figures_are_evidence_for_the_economy():
    yard = ["Kelby boatyard goes to a family firm",
            ["The old boatyard at Kelby has changed hands after forty years.",
             "A family firm from Aldby paid £2.1m for the yard and will spend £300,000 on its slipway."]]
    sums = [Figure(text=text, start=0, end=1) for text in ("paid £2.1m for the yard", "£300,000 on its slipway")]
    assert section_of([story(*yard)[0].model_copy(update={"figures": sums})], []) == "Economy and business"
    assert section_of(story(*yard), []) == "Other news"


def test_human_interest_cues_keep_a_feature_out_of_a_hard_news_section():
    dog = ["Family dog rescued from quarry after three days",
           ["A family's dog was rescued from a flooded quarry after three days, and a study of the water "
            "by researchers from a college was put off.",
            "The dog, a ten-year-old spaniel, was found by volunteers from the village. The rescue team "
            "said the dog was cold but well.",
            "The researchers will return to the quarry next week."]]
    assert section_of(story(*dog), []) == "Other news"


def test_words_count_in_the_possessive_too():
    kit = ["The striker's boots go on show",
           ["The striker's boots and the goalkeeper's gloves go on show at the club's museum in Kelby."]]
    assert section_of(story(*kit), []) == "Sport"


def test_a_tie_goes_to_the_section_the_desk_reads_first():
    tie = ["Government sends troops", ["The government and parliament said the army would send troops."]]
    assert section_of(story(*tie), []) == "Conflict and security"


def test_one_passing_word_is_not_enough_for_a_section():
    fair = ["Autumn fair and a tug-of-war match on the green",
            ["The autumn fair opened on the green with stalls, a bake-off and a tug-of-war match judged by "
             "children."]]
    assert section_of(story(*fair), []) == "Other news"
