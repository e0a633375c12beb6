"""An article without a title gets a headline a sub-editor would write from its lead: the main
clause, parsed, cut only at the end of a phrase, never an id."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.analysis.headline import core, lead_headline, written
from briefing.analysis.summarise import Length, key_sentences
from briefing.editorial.compose import compose
from briefing.models import ArticleBrief


@pytest.mark.parametrize(("sentence", "headline"), [
    # an opening subordinate clause or phrase is a circumstance
    ("After weeks of calm, fighting broke out near the border town on Sunday.",
     "Fighting broke out near the border town on Sunday"),
    ("Returning from the summit, the premier said talks had failed.", "The premier said talks had failed"),
    # relative clauses, appositions and parentheticals go
    ("The mayor, who took office in May, opened the new bridge over the river on Saturday.",
     "The mayor opened the new bridge over the river on Saturday"),
    ("Police arrested two men -- both from Leeds -- on Sunday.", "Police arrested two men on Sunday"),
    ("Two rival gangs clashed in the port city (home to about 200,000 people) overnight, officials said.",
     "Two rival gangs clashed in the port city"),
    # an attribution after the news goes; one before it stays
    ("Ministers will sign the agreement, the government announced on Friday.", "Ministers will sign the agreement"),
    # a conclusion after the news is an attribution too
    ("Terrorists will attack a city within five years, a panel assembled by Congress has concluded.",
     "Terrorists will attack a city within five years"),
    # a word with a hyphen is one word, never cut inside
    ("The country's second-largest bank reported a loss.", "The country's second-largest bank reported a loss"),
])
def test_a_written_headline_is_the_parsed_main_clause(pipeline, sentence, headline):
    assert written(sentence, core(pipeline(sentence)[:], sentence)) == headline


def test_a_long_lead_is_cut_at_the_end_of_a_phrase_to_about_a_dozen_words(pipeline):
    sentence = ("The regional health authority has opened an inquiry into the deaths of three patients at a "
                "hospital in the north of the county after a routine inspection.")
    headline = written(sentence, core(pipeline(sentence)[:], sentence))
    assert 5 <= len(headline.split()) <= 13 and headline.startswith("The regional health authority has opened")
    assert headline.split()[-1] not in {"a", "the", "of", "in", "at", "into", "after"}


def test_a_cut_never_strands_the_word_that_led_the_phrase_cut(pipeline):
    sentence = ("The gangs running riot across the city could recruit hundreds of young men bent on revenge "
                "against the police, the mayor warned on Friday.")
    headline = "The gangs running riot across the city could recruit hundreds"
    assert written(sentence, core(pipeline(sentence)[:], sentence)) == headline


def test_an_untitled_article_gets_a_headline_from_its_lead_never_its_id(parse):
    document = parse("As shares fell across Asia, the carmaker warned on Monday that its profits would halve this "
                     "year, according to a statement. Analysts were surprised. They had expected growth.",
                     id="3f9a" * 10)
    sentences = key_sentences(document, Length(sentences=2))
    brief = ArticleBrief(number=1, article=document.article, key_sentences=sentences, actors=[],
                         headline=lead_headline(document, sentences))
    (story,) = compose([brief], [], title="Brief", day=date(2026, 11, 21)).stories
    assert story.headline == "The carmaker warned on Monday its profits would halve this year"


@pytest.mark.parametrize("sentence", [
    "Returning home from the games, I discovered how little of them the networks had shown.",
    "We all know the feeling of a Monday morning commute in the rain.",
    "You may not have heard of the town, but it has a famous bridge.",
    "To think that we have hundreds of athletes and most people never heard of them.",
])
def test_the_writer_or_the_reader_or_no_subject_makes_no_headline(pipeline, sentence):
    assert core(pipeline(sentence)[:], sentence) == ()


def test_a_column_is_headed_by_its_first_sentence_about_someone_else(parse):
    document = parse("Returning home from the games, I discovered how little of them the networks had shown. "
                     "The broadcaster aired five hours of the Paralympic events in ten days of competition.",
                     id="7c1e" * 10)
    sentences = key_sentences(document, Length(sentences=2))
    assert lead_headline(document, sentences) == "The broadcaster aired five hours of the Paralympic events in ten days"


def test_a_sentence_too_long_to_be_a_lead_gives_no_headline(pipeline):
    """Cutting a 400-token chain phrase by phrase took 0.2 s a sentence, for every sentence parsed."""
    chained = "The man walked " + " ".join(f"to the shop {i} in the town" for i in range(60)) + "."
    assert core(pipeline(chained)[:], chained) == ()
