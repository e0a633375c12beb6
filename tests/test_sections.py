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



def test_an_untitled_article_is_filed_by_the_headline_written_from_its_lead():
    """sections.written-headline: without a title, the main clause of the lead (the headline the
    parse wrote) weighs as a headline does, so the event it names outweighs the body's words."""
    text = ("Kelby, Monday. Beneath a grey sky and after a long night in the hills, rebel troops crossed the "
            "river into the valley at dawn and took the old mill town of Aldby.\n\n"
            "Shops and banks stayed shut; traders said prices had doubled, and firms said their factories "
            "would close.")
    brief = ArticleBrief(number=1, article=Article(id="1.txt", text=text), key_sentences=[], actors=[],
                         headline="Rebel troops crossed the river into the valley")
    assert section_of([brief], []) == "Conflict and security"
    assert section_of([brief.model_copy(update={"headline": ""})], []) == "Economy and business"


def test_people_named_by_their_family_ties_make_a_human_interest_story():
    """other.kin: a story whose main people are a grandmother and her granddaughter is about private
    lives, even when it talks of a hospital and doctors."""
    twins = ["Sisters share a birthday and a ward",
             ["Rosa and Lena Marsh were born on the same day forty years apart, and both came into the world "
              "in the same hospital ward in Kelby.",
              "Their doctors at the hospital said the patient records matched by chance. The treatment room is "
              "now a store."]]
    family = [key("Rosa Marsh", "person", "grandmother"), key("Lena Marsh", "person", "granddaughter")]
    assert section_of(story(*twins, actors=family), []) == "Other news"
    assert section_of(story(*twins, actors=[key("Rosa Marsh"), key("Lena Marsh")]), []) == "Health and science"


def test_a_retired_person_is_a_private_person_whatever_the_old_trade():
    """other.retired: a pensioner's quarrel with a shop is human interest, not business news."""
    sofa = ["Shop will not mend sofa",
            ["A furniture company refused to mend the sofa Joan Pell was given for her 80th birthday, saying "
             "the stain was her fault.",
             "The company's staff told her to clean her furniture."]]
    assert section_of(story(*sofa, actors=[key("Joan Pell", "person", "retired postwoman")]), []) == "Other news"
    assert section_of(story(*sofa, actors=[key("Joan Pell", "person", "postwoman")]), []) == "Economy and business"


def test_a_war_a_century_gone_is_history_not_security_news():
    """other.past-war: historians and a soldier's descendant naming the dead of the First World War."""
    fallen = ["Soldier of the First World War may be named at last",
              ["Historians hope to name a soldier who fell in the First World War, after a descendant gave a "
               "sample of her DNA.",
               "Private Tom Hale was 19 when he was killed in 1915. His remains were found with those of 14 "
               "other soldiers in a field near Aldby."]]
    assert section_of(story(*fallen), []) == "Other news"
