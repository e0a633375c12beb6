import re

import numpy as np
import pytest

from briefing.analysis.document import Document, Unit
from briefing.analysis.summarise import Length, candidates_of, key_sentences
from briefing.analysis.summarise.selection import near_duplicate, select
from briefing.models import Article

STOP = {"the", "a", "of", "to", "in", "on", "and", "was", "is", "at", "for", "by", "it", "its", "with", "has"}


def document(sentences, title=None, kinds=None):
    """A Document built by hand: one sentence a paragraph, crude terms."""
    text = "\n".join(sentences)
    units, start = [], 0
    for i, sentence in enumerate(sentences):
        terms = tuple(w for w in re.findall(r"[a-z0-9]+", sentence.lower()) if w not in STOP)
        units.append(Unit(text=sentence, start=start, end=start + len(sentence), paragraph=i, terms=terms,
                          kind=(kinds or {}).get(i, "body")))
        start += len(sentence) + 1
    return Document(article=Article(id="t", title=title, text=text), sentences=tuple(units))


STORY = [
    "Floods closed the main railway line between the two cities on Monday morning.",
    "Engineers said the railway line would stay closed for repairs until Friday at the earliest.",
    "The weather office issued new flood warnings for the river valley towns.",
    "Commuters queued for replacement buses outside the central station for hours.",
    "A local bakery gave free coffee to the stranded commuters waiting in the rain.",
    "Rail managers apologised and promised refunds for every cancelled journey this week.",
]


def test_returns_the_requested_number_in_document_order_with_offsets():
    doc = document(STORY, title="Floods close railway line")
    chosen = key_sentences(doc, Length(sentences=3))
    assert len(chosen) == 3
    assert [s.start for s in chosen] == sorted(s.start for s in chosen)
    for sentence in chosen:
        assert doc.article.text[sentence.start:sentence.end] == sentence.text
        assert sentence.paragraph == STORY.index(sentence.text)


def test_lead_sentence_of_a_news_story_is_chosen():
    chosen = key_sentences(document(STORY, title="Floods close railway line"), Length(sentences=2))
    assert chosen[0].text == STORY[0]


def test_headings_captions_and_boilerplate_are_never_chosen():
    sentences = ["Rail chaos", *STORY[:3], "Stranded commuters queue for buses outside the station (pictured)",
                 "Read more about the railway floods and the railway line closure"]
    doc = document(sentences, kinds={0: "heading", 4: "caption", 5: "boilerplate"})
    chosen = {s.text for s in key_sentences(doc, Length(sentences=5))}
    assert chosen == set(STORY[:3])


def test_a_sentence_that_introduces_what_follows_is_never_chosen():
    sentences = ["The council gave three reasons for closing the railway line on Monday:", *STORY[:3]]
    chosen = {s.text for s in key_sentences(document(sentences), Length(sentences=4))}
    assert chosen == set(STORY[:3])


def test_near_duplicates_are_never_both_chosen():
    caption = "Floods closed the main railway line between the two cities on Monday."
    doc = document([STORY[0], caption, *STORY[1:]], title="Floods close railway line")
    chosen = [s.text for s in key_sentences(doc, Length(sentences=4))]
    assert not (STORY[0] in chosen and caption in chosen)
    candidates = candidates_of(doc)
    assert near_duplicate(candidates, 0, 1)
    assert not near_duplicate(candidates, 0, 4)


def test_word_budget_is_respected():
    chosen = key_sentences(document(STORY), Length(words=30))
    assert 0 < sum(len(s.text.split()) for s in chosen) <= 30


def test_ratio_keeps_a_share_of_the_sentences():
    assert len(key_sentences(document(STORY), Length(ratio=0.5))) == 3


def test_selection_is_deterministic():
    doc = document(STORY, title="Floods close railway line")
    assert key_sentences(doc) == key_sentences(doc)


def test_select_takes_highest_scores_when_nothing_overlaps():
    doc = document(STORY)
    candidates = candidates_of(doc)
    scores = np.array([0.1, 0.2, 0.9, 0.3, 0.8, 0.0])
    assert select(candidates, scores, Length(sentences=2)) == [2, 4]


def test_empty_article_has_no_key_sentences():
    assert key_sentences(document(["Short.", "Too short too."])) == []


def test_seed_key_sentences_are_clean(parse):
    """On the seeds: no caption, heading or byline, no two near-duplicates, whole sentences."""
    from pathlib import Path

    from briefing.intake import read_articles

    seeds = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
    articles = read_articles(seeds, 10**6).articles
    for article in articles:
        doc = parse(article.text, title=article.title, id=article.id)
        chosen = key_sentences(doc, Length(sentences=4))
        assert len(chosen) == 4
        by_start = {u.start: u for u in doc.sentences}
        assert all(by_start[s.start].kind == "body" for s in chosen)
        candidates = candidates_of(doc)
        index = {u.start: i for i, u in enumerate(candidates.units)}
        picked = [index[s.start] for s in chosen]
        assert not any(near_duplicate(candidates, a, b) for a in picked for b in picked if a < b)
        for sentence in chosen:
            assert sentence.text[0].isupper() or sentence.text[0] in "'\"‘“"
            assert sentence.text.rstrip("'\"’”").endswith((".", "!", "?"))


@pytest.mark.parametrize("text, first", [
    ("Mr. Smith met Dr. Jones in Washington on Monday. They talked for hours.",
     "Mr. Smith met Dr. Jones in Washington on Monday."),
    ("The U.S. Senate voted on Friday. The bill passed easily.", "The U.S. Senate voted on Friday."),
    ("Some fruit, e.g. apples and pears, were cheaper. Prices fell again in May.",
     "Some fruit, e.g. apples and pears, were cheaper."),
    ('He said: "We will fight. We will win." The crowd cheered loudly.', 'He said: "We will fight. We will win."'),
    ("She wrote 'It is over. Nothing is left.' Then she left the city.",
     "She wrote 'It is over. Nothing is left.'"),
    ("The Greenlanders' view is clear. They want a say.", "The Greenlanders' view is clear."),
    ('"He\'s taking a longer-term view, laying out a set of conditions under which the deficit can improve this '
     'year and next."\n\nWorries about the deficit remain.',
     '"He\'s taking a longer-term view, laying out a set of conditions under which the deficit can improve this '
     'year and next."'),
    ("Dame Judi Dench was best supporting actress for the RSC's All's Well That Ends Well and Samuel Barnett "
     "was best supporting actor. The awards were given on Monday.",
     "Dame Judi Dench was best supporting actress for the RSC's All's Well That Ends Well and Samuel Barnett "
     "was best supporting actor."),
    ("Richard McLuckie, 48, and his friend Stuart Mackenzie-Walker, 51, dreamt up a series of board games "
     "including Love It Or Hate It and Who Wants To Be A Millionaire. They sold well.",
     "Richard McLuckie, 48, and his friend Stuart Mackenzie-Walker, 51, dreamt up a series of board games "
     "including Love It Or Hate It and Who Wants To Be A Millionaire."),
    ("Experts warned people not to enter the water after . two killer whales were spotted off the coast. "
     "Nobody was hurt.",
     "Experts warned people not to enter the water after . two killer whales were spotted off the coast."),
    ("Strengthening the NATO Backbone\n\nCentral to their discussions was reinforcing the alliance.",
     "Strengthening the NATO Backbone"),
])
def test_sentences_are_whole(parse, text, first):
    assert [u.text for u in parse(text).sentences][0] == first


def test_a_key_sentence_that_points_back_is_repaired_to_stand_alone(parse):
    doc = parse("Shares in Acme rose sharply on Monday after the results were published.\n\n"
                "Chief executive Maria Lopez said the year had been the best in the firm's history.\n\n"
                "She said the company would hire two hundred engineers in the coming year.\n\n"
                "However, analysts warned that the gains could fade if orders slowed next spring.\n\n"
                "It was the third rise in a row.", title="Acme shares rise")
    texts = [s.text for s in key_sentences(doc, Length(sentences=5))]
    assert "Maria Lopez said the company would hire two hundred engineers in the coming year." in texts
    assert "Analysts warned that the gains could fade if orders slowed next spring." in texts
    assert "It was the third rise in a row." in texts  # no safe repair: kept as written


def test_a_pronoun_is_left_alone_when_two_people_were_named_just_before(parse):
    doc = parse("Maria Lopez met John Smith in Paris on Monday to discuss the merger of their two firms.\n\n"
                "He said the talks had gone well and that a deal could follow within weeks.", title="Merger talks")
    texts = [s.text for s in key_sentences(doc, Length(sentences=2))]
    assert texts[1].startswith("He said the talks")


@pytest.mark.parametrize("text, shown", [
    ("So far the airline has cut 2,000 jobs across its European routes.",
     "So far the airline has cut 2,000 jobs across its European routes."),
    ("Meanwhile the airline cut 2,000 jobs across its European routes.",
     "The airline cut 2,000 jobs across its European routes."),
    ("Yet another airline cut 2,000 jobs across its European routes.",
     "Yet another airline cut 2,000 jobs across its European routes."),
])
def test_only_a_connective_is_dropped(text, shown):
    assert key_sentences(document([text]), Length(sentences=1))[0].text == shown


@pytest.mark.parametrize("text, shown", [
    ("These delays may have cost the airline more than two million pounds last year.",
     "The delays may have cost the airline more than two million pounds last year."),
    ("This is the third time the airline has cut jobs across its routes.",
     "This is the third time the airline has cut jobs across its routes."),
    ("Those who left the airline last year were paid a full year's salary.",
     "Those who left the airline last year were paid a full year's salary."),
    ("That brought to 49 the number of airlines the regulator has fined this year.",
     "That brought to 49 the number of airlines the regulator has fined this year."),
])
def test_a_demonstrative_before_a_noun_reads_as_the(parse, text, shown):
    assert key_sentences(parse(text), Length(sentences=1))[0].text == shown


def test_a_sentence_that_still_points_back_once_repaired_is_rated_lower(parse):
    from briefing.analysis.summarise import standalone

    doc = parse("Maria Lopez met John Smith in Paris on Monday to discuss the merger of their two firms.\n\n"
                "She said the talks had gone well and that a deal could follow within weeks.\n\n"
                "It was the third meeting of the two chief executives this year.\n\n"
                "However, Acme said orders rose by five percent in May.\n\n"
                "Carlos Diaz, the finance chief, left the company on Friday after ten years.\n\n"
                "He said he would join a rival bank in Madrid next spring.")
    candidates = candidates_of(doc)
    rated = dict(zip((u.text[:12] for u in candidates.units), standalone.score(candidates), strict=True))
    assert rated == {"Maria Lopez ": 0.0, "She said the": -1.0, "It was the t": -1.0, "However, Acm": 0.0,
                     "Carlos Diaz,": 0.0, "He said he w": 0.0}


@pytest.mark.parametrize("text, hook", [
    ("Customers trying to get through to call centres are getting impatient, a survey suggests.", False),
    ("A national body to tackle skills shortages should be set up, a committee of MPs has said.", False),
    ("The dog that attacked a boy has been put down, it has been claimed.", False),
    ("Prices will keep rising through the winter, according to the industry's own forecasts.", False),
    ("With divorce fast becoming the norm it seems true love is harder to find these days.", True),
    ("It is one of the key bonding experiences for a mother and child, she said, and it matters.", True),
])
def test_a_sentence_that_names_nothing_but_cites_its_source_is_not_a_hook(text, hook):
    from briefing.analysis.summarise import specificity

    rated = specificity.score(candidates_of(document([text])))
    assert rated.tolist() == [-1.0 if hook else 0.0]


def test_a_sentence_without_a_verb_is_a_caption_never_a_key_sentence(parse):
    caption = "The state epidemiologist Anders Tegnell at one of the Public Health Agency's daily briefings."
    doc = parse("Sweden's state epidemiologist Anders Tegnell has become a national celebrity this year.\n\n"
                f"{caption}\n\n"
                "Tegnell gives the Public Health Agency's daily briefings on the epidemic in Stockholm.\n\n"
                "A fan of the epidemiologist had his face tattooed on his arm last week.")
    assert caption not in [s.text for s in key_sentences(doc, Length(sentences=4))]
