"""Direct quotations and their speakers: the gold of tests/data/quotes-gold.yaml, then each pattern
news uses and each kind of quoted text that is not a quotation, on sentences of our own."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from conftest import ROOT, run_cli

from briefing.analysis.actors import extract_actors
from briefing.analysis.quotes import direct_quotes, quoted_spans
from briefing.models import Actor, ArticleBrief


@pytest.fixture(scope="module")
def quotes_of(parse):
    def run(text):
        document = parse(text)
        return direct_quotes(document, extract_actors(document))
    return run


def benchmark():
    spec = importlib.util.spec_from_file_location("quotes_benchmark", ROOT / "benchmarks" / "quotes.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.timeout(120)
def test_the_gold_quotations_are_found_with_their_speakers(pipeline):
    bench = benchmark()
    texts, wanted = bench.gold(bench.GOLD)
    figures = bench.score(bench.briefing_quotes(pipeline, texts), wanted)
    assert figures["recall"] >= 0.85 and figures["precision"] >= 0.9 and figures["speaker"] >= 0.9, figures


def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("text, words, speaker, role", [
    ('"The budget will balance within two years," Maria Lopez said.',
     "The budget will balance within two years,", "Maria Lopez", None),
    ('Finance minister Maria Lopez said: "We will not raise taxes this year."',
     "We will not raise taxes this year.", "Maria Lopez", "Finance minister"),
    ('"The river has never been this high," said Tom Reilly, the mayor of Ashford.',
     "The river has never been this high,", "Tom Reilly", "mayor of Ashford"),
    ('Anna Berg won the final in Oslo on Sunday. "I have waited ten years for this day," she said.',
     "I have waited ten years for this day,", "Anna Berg", None),
    ('Defence Minister Carl Jensen visited the base on Monday. "Our troops are ready for anything," the '
     'minister said.', "Our troops are ready for anything,", "Carl Jensen", "Defence Minister"),
    ("Club chairman Peter Hale told reporters: 'We are deeply disappointed by the decision.'",
     "We are deeply disappointed by the decision.", "Peter Hale", "Club chairman"),
    ('Lena Ford, the head of the union, said the offer was "an insult to every nurse in the country".',
     "an insult to every nurse in the country", "Lena Ford", "head of the union"),
    ('Finance minister Maria Lopez voiced "deep concern about the state of the public finances".',
     "deep concern about the state of the public finances", "Maria Lopez", "Finance minister"),
])
def test_a_quotation_is_given_to_the_person_the_article_names(quotes_of, text, words, speaker, role):
    """"...," X said; X said: "..."; "...," said X, the Y of Z; "he said" and "the minister said"
    after the name; single marks; a fragment woven into the sentence."""
    quote = only(quotes_of(text))
    assert (quote.text, quote.speaker, quote.role) == (words, speaker, role)


@pytest.mark.parametrize("text, speaker, role", [
    ('"The ice is thinning faster than we feared," said Ann Lee, an Australian professor of climate change at '
     'the University of Calder.', "Ann Lee", "Australian professor of climate change"),
    ('"The town is full of visitors this week," said Colin Hart, Calder Hotel Association.', "Colin Hart",
     "Calder Hotel Association"),
    ('"It is a dark day for the whole town," said Jim Dale, who chairs the council.', "Jim Dale",
     "chair of the council"),
    ('Mira Patel was named chief executive of Harwood Foods in May. "We will grow again next year," she said.',
     "Mira Patel", "chief executive of Harwood Foods"),
])
def test_a_speaker_has_the_role_the_article_states_in_the_attribution_or_before(quotes_of, text, speaker, role):
    quote = only(quotes_of(text))
    assert (quote.speaker, quote.role) == (speaker, role)


def test_a_quotation_split_around_its_attribution_is_one_quotation(quotes_of):
    text = '"We were outplayed from the first minute," said coach Dan Price. "Nobody can hide from that."'
    quote = only(quotes_of(text))
    assert quote.text == "We were outplayed from the first minute. Nobody can hide from that."  # a new sentence
    went_on = only(quotes_of('"If we lose this vote," Sara Hale said, "Calder will pay for it."')).text
    assert went_on == "If we lose this vote, Calder will pay for it."  # the attribution goes on: so does the sentence
    ended = only(quotes_of('"We waited a year," said Sara Hale. "A deal is overdue."')).text
    assert ended == "We waited a year. A deal is overdue."
    assert quote.speaker == "Dan Price"
    assert text[quote.start:quote.end].startswith("We were") and text[quote.start:quote.end].endswith("that.")


def test_an_abbreviated_title_in_the_attribution_keeps_the_quotation_whole(quotes_of):
    """ "Gov." ends no sentence: the span before '," Sen. Ruth Hale said. "' is hers and joins the next."""
    text = ('"The dam must be repaired before winter," Sen. Ruth Hale said. "Every month of delay '
            'raises the cost."')
    quote = only(quotes_of(text))
    assert quote.text == "The dam must be repaired before winter. Every month of delay raises the cost."
    assert quote.speaker == "Ruth Hale"


def test_an_attribution_with_two_verbs_keeps_the_quotation_whole(quotes_of):
    """'"...," said Ann Lee, a reporter for X, told Y. "..."': both spans are hers, one quotation."""
    text = ('The crew are holding up well. "The group on this ship is incredibly friendly," said Ann Lee, a '
            'science reporter for The Daily Courier, told Radio Five. "There are many skills people are sharing '
            'with each other."')
    quote = only(quotes_of(text))
    assert quote.text.endswith("sharing with each other.") and quote.speaker == "Ann Lee"


def test_an_inner_quotation_before_the_attribution_keeps_the_quotation_whole(quotes_of):
    text = ('"My grandmother always told me \'keep going, whatever happens,\'" Nora Quill said. "I still '
            'hear her voice every morning."')
    outer = [q for q in quotes_of(text) if q.text.startswith("My grandmother")]
    assert [(q.text.endswith("I still hear her voice every morning."), q.speaker) for q in outer] == [(True, "Nora Quill")]


def test_a_sentence_that_introduces_the_next_span_after_a_question_ends_the_quotation(quotes_of):
    """ '"...?" Tom Reed said: "..."': the colon opens another quotation, his."""
    text = ('Mrs Hale said she was hurt. "Why would anyone think that of me?" The shop manager Tom Reed said: "We '
            'cannot repair the chairs because they are contaminated."')
    assert [(q.text[:9], q.speaker) for q in quotes_of(text)] == [("Why would", "Hale"), ("We cannot", "Tom Reed")]


def test_a_question_and_its_reply_are_two_quotations(quotes_of):
    """Spans with only white space between them are one quotation, unless the first is introduced
    by its own verb of saying and the second has its own attribution."""
    text = ('At the hearing, a reporter asked Tom Reilly, "When will the bridge reopen to traffic?" '
            '"We expect to reopen it by the end of the month," he replied.')
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["When will the bridge reopen to traffic?",
                                        "We expect to reopen it by the end of the month,"]
    assert quotes[0].speaker is None and quotes[0].role == "a reporter"


def test_a_reply_is_given_to_whom_the_question_was_asked_of(quotes_of):
    text = ('Mayor Dan Cole said the repairs were on schedule. At the hearing, a reporter asked engineer Tom '
            'Reilly, "When will the bridge reopen to traffic?" "By the end of the month, if the weather holds," '
            'he replied.')
    assert [q.speaker for q in quotes_of(text)] == [None, "Tom Reilly"]


def test_he_after_an_unnamed_spokesman_is_the_spokesman(quotes_of):
    """A pronoun after an unnamed source who spoke stands for that source, not the person named before."""
    text = ('Union leader Ann Cole said the plan would cost jobs. But a spokesman for the water company '
            'said the plan was sound. "We have consulted every town along the river for two years," he said.')
    quote = only(quotes_of(text))
    assert quote.speaker is None and quote.role == "a spokesman for the water company"


def test_a_speaker_known_only_by_surname_is_named_in_full_as_the_article_does(parse):
    """The actors given know her only as "Okafor-Reyes" (as when the tagger takes her full name for
    a place); the article names her in full once, so the quotation does too."""
    text = ('Oregon has sworn in its first appeals judge from the tribe, Talia Okafor-Reyes, who also writes '
            'poetry. "The most important thing is that I am not the last one," Okafor-Reyes said.')
    quote = only(direct_quotes(parse(text), [Actor(name="Okafor-Reyes", type="person", mentions=2)]))
    assert quote.speaker == "Talia Okafor-Reyes"


def test_a_speaker_the_tagger_took_for_a_place_is_a_person_for_a_pronoun(parse):
    """The actors give "Okafor" as a place (a tagger's mistake no gazetteer backs); she speaks, so
    "she says" after her is hers, named in full as the article names her once (in a possessive),
    not as a "Watch Okafor" link names her."""
    text = ("It was Maria Okafor's idea to open a school in the slums. \"Nobody chose this life for the children,\" says "
            "Okafor. Today the school has 300 pupils. \"They need books more than anything else,\" she says.\n\n"
            "Watch Okafor and her pupils at work » .")
    quotes = direct_quotes(parse(text), [Actor(name="Okafor", type="place", mentions=4)])
    assert [q.speaker for q in quotes] == ["Maria Okafor", "Maria Okafor"]


def test_an_initial_in_the_speakers_name_ends_no_sentence(quotes_of):
    text = "'The driver was not at fault in any way,' Coroner Mary T. Okoro said in a statement."
    assert [(q.text, q.speaker) for q in quotes_of(text)] == [("The driver was not at fault in any way,",
                                                               "Mary T. Okoro")]


def test_narration_in_a_paragraph_of_its_own_is_no_attribution(quotes_of):
    """'"...," X said.' then a new paragraph where Y speaks: two quotations, each its speaker's."""
    text = ('"We will rebuild the pier before the summer season," Mayor Anna Lind said.\n\n'
            'Opposition leader Carl Berg said he was "not convinced that the money is really there."')
    assert [q.speaker for q in quotes_of(text)] == ["Anna Lind", "Carl Berg"]


def test_a_caption_ends_a_quotation_left_open(quotes_of):
    """Daily Mail style: a quotation left open, then a photo caption, then narration: the caption is
    not part of the quotation, and the narration after it still names the next speaker."""
    text = ("'It was a complete surprise to win the award,' said Mr Hale. 'I never expected it at all. "
            "Mr Hale, pictured with his pupils, has taught at the school for twenty years . "
            "His colleague Jo Park said: 'Nobody deserves the honour more than he does.'")
    quotes = quotes_of(text)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Hale", "It was a complete surprise to win the award. I never expected it at all."),
        ("Jo Park", "Nobody deserves the honour more than he does.")]


def test_a_participle_of_saying_gives_the_words_to_the_main_subject(quotes_of):
    text = "Head teacher Wendy Cole praised the pupils, saying: 'They have worked harder than any class I have taught.'"
    assert [(q.speaker, q.role) for q in quotes_of(text)] == [("Wendy Cole", "Head teacher")]


def test_a_quotation_over_paragraphs_is_one_quotation(quotes_of):
    """Each paragraph reopens the quotation and only the last one closes it."""
    text = ("Council leader Ruth Moss said: 'The library will stay open.\n\n"
            "'We have found the money to keep every branch running next year.'\n\nThe vote is on Monday.")
    quote = only(quotes_of(text))
    assert quote.text == ("The library will stay open. We have found the money to keep every branch running "
                          "next year.")
    assert quote.speaker == "Ruth Moss"


def test_quotations_with_no_verb_of_saying_go_to_the_speaker_before(quotes_of):
    """A quotation standing as a sentence of its own belongs to the subject of the sentence before,
    or to the speaker of the quotation just before."""
    quotes = quotes_of('Sprinter Jo Hart believes she lost the race at the start. "I was far too slow out '
                       'of the blocks." The crowd booed the result. "It will not happen again."')
    assert [q.speaker for q in quotes] == ["Jo Hart", "Jo Hart"]


@pytest.mark.parametrize("text, speaker", [
    ("Mayor Tom Reid opened the new bridge over the Severn. 'This will change the town for good,' the "
     "61-year-old said.", "Tom Reid"),
    ("Mrs Lane and her neighbour Mr Hood watched the water rise. 'We lost every photograph we had,' the "
     "mother-of-three told reporters.", "Lane"),
])
def test_an_epithet_names_the_person_named_before(quotes_of, text, speaker):
    """Daily Mail style names someone a second time by age or family ("the 61-year-old", "the
    mother-of-three": a woman)."""
    assert only(quotes_of(text)).speaker == speaker


def test_a_family_or_office_word_ending_a_name_is_a_surname(quotes_of):
    """ "Carol King" is no king: "she said" may stand for her."""
    quote = only(quotes_of('Economist Carol King expects rates to fall. "Inflation is coming down faster than '
                           'anyone thought," she said.'))
    assert quote.speaker == "Carol King"


@pytest.mark.parametrize("text, speaker, role", [
    ("The plan was attacked by council leader Ruth Moss, who said: 'It takes money from the poorest streets.'",
     "Ruth Moss", "council leader"),
    ("The kitchen was praised by inspectors who said it was 'one of the cleanest in the whole city'.",
     None, "inspectors"),
])
def test_who_said_is_whom_the_relative_clause_hangs_on(quotes_of, text, speaker, role):
    quote = only(quotes_of(text))
    assert (quote.speaker, quote.role) == (speaker, role)


@pytest.mark.parametrize("text, speaker", [
    ("'It is a disgrace to the whole town,' she said of the closure. Jane Cole, 58, added that she would "
     "appeal.", "Jane Cole"),
    ('The council shut the library in March.\n\n"Nobody asked what we wanted for our children." Parent Lucy '
     'Hart said the decision had been taken in secret.', "Lucy Hart"),
    ('"It was the worst day of my life so far," he said. His wife, Ann, said she had slept through it.', None),
])
def test_a_speaker_named_only_in_the_next_sentence(quotes_of, text, speaker):
    """A quotation opening a paragraph, or "she said" with no one named before, is the named speaker
    of the next sentence's verb of saying, when the pronoun fits (Ann, "his wife", is no "he")."""
    assert only(quotes_of(text)).speaker == speaker


def test_a_quotation_reopened_after_a_caption_is_the_same_speakers(quotes_of):
    """Daily Mail style: a caption that names someone else stands between two paragraphs of one
    person's words; the caption says nothing of who speaks."""
    text = ("Mrs Ann Cole, 52, said: 'We had no warning at all from the council.\n\n'We lost everything in the "
            "kitchen.\n\nCouncil leader Tom Hale, pictured at the flood defences, said they had held . \n\n"
            "'I do not know how we will ever afford to put it right.'")
    assert [q.speaker for q in quotes_of(text)] == ["Ann Cole", "Ann Cole"]


def test_he_after_a_person_described_and_not_named_stays_unnamed(quotes_of):
    text = ("Mayor Tom Hale opened the bridge. A shop owner in the high street was clearing up on Sunday. She said: "
            "'The water came in so fast we could not save anything at all.'")
    quote = only(quotes_of(text))
    assert (quote.speaker, quote.role) == (None, "A shop owner in the high street")


def test_the_one_heard_saying_the_words_is_their_speaker(quotes_of):
    text = ("Witness Tom Lake filmed the row on his phone, and the driver can be heard saying: 'Get off my bus "
            "before I call the police.'")
    quote = only(quotes_of(text))
    assert (quote.speaker, quote.role) == (None, "the driver")


@pytest.mark.parametrize("text, role", [
    ('The licensing board banned taxi driver Tom Reed for a year, saying his driving had been "a danger to every '
     'passenger he ever carried".', "The licensing board"),
    ('While even the bank\'s own staff have stopped short of criticising the plan, saying it was "a sensible step '
     'in difficult times for everyone", investors are worried.', "the bank's own staff"),
])
def test_words_woven_after_a_participle_of_saying_are_the_main_subjects(quotes_of, text, role):
    """Not the object's ("Tom Reed"), whatever the parse makes the participle's subject."""
    quote = only(quotes_of(text))
    assert (quote.speaker, quote.role) == (None, role)


def test_a_quotation_after_one_no_one_said_is_not_given_to_an_earlier_speaker(quotes_of):
    """A banner's words stand between: the next quotation with no verb of saying has no speaker."""
    text = ('Council leader Jane Hill said: "This is a great day for the whole town." On one banner "Finally a '
            'bridge for all of us at last" was painted in red. "It has taken far too long to get here."')
    assert [q.text for q in quotes_of(text)] == ["This is a great day for the whole town."]


@pytest.mark.parametrize("text, speaker, role", [
    ('On Monday the 2nd Circuit Court of Appeals in Denver ruled that the airline must pay damages to the family. '
     'The Federal Court had dismissed the claim last year. "The airline had a duty to every passenger on board '
     'that flight," the court wrote.', "2nd Circuit Court of Appeals", None),
    ('The European Commission opened an inquiry into the deal on Monday. Acme Foods said on Tuesday that its '
     'profits rose by a fifth. "The merger raises serious concerns about prices for shoppers," the commission '
     'said.', "European Commission", None),
    ('Acme Foods said on Tuesday that its profits rose by a fifth. "The merger raises serious concerns about '
     'prices for shoppers," the commission said.', None, "the commission"),
])
def test_the_court_or_the_commission_is_the_body_named_before_with_that_head(quotes_of, text, speaker, role):
    """The body named in full before, not a later description of it ("the Federal Court") nor another
    body named since; unnamed, with its description, when the article names no such body."""
    quote = only(quotes_of(text))
    assert (quote.speaker, quote.role) == (speaker, role)


def test_words_after_a_stray_full_stop_are_no_speaker(quotes_of):
    """A line break of the source left as " . " inside a sentence: the subject is the one before it."""
    quote = only(quotes_of("Dom Clarke watched the whales from the cliff. Fisherman Zyg Gregorek, who has travelled "
                           "the world hunting . fearsome sea predators, said: 'All sea predators present a danger "
                           "to swimmers and boats.'"))
    assert (quote.speaker, quote.role) == ("Zyg Gregorek", "Fisherman")
    quote = only(quotes_of("Tom Reilly stood on the cliff on Sunday. The whales swam past the headland . he said: "
                           "'It was one of the most special things I have seen.'"))
    assert quote.speaker == "Tom Reilly"  # a pronoun after the stop is still whom it stands for


def test_he_after_an_office_no_role_states_is_the_person_named_before_not_the_addressee(quotes_of):
    """'the first minister said ... He told Ms Berg: "..."': he is the first minister (the man named
    before with no other office), not the woman he speaks to nor the editor quoted before."""
    text = ('The first minister\'s remark that it was fine to get drunk now and then has caused a row. David Holt '
            'made the remark to pupils on Monday.\n\nNewspaper editor Tom Reilly said: "This was a very foolish '
            'remark by the first minister and he knows it."\n\nGreen leader Anna Berg wrote to Mr Holt on Tuesday '
            'accusing him of an error of judgement. In a furious response, the first minister said his comments '
            'had been distorted. He told Ms Berg: "It is disappointing that you have added to this distortion of '
            'my words."')
    assert [q.speaker for q in quotes_of(text)] == ["Tom Reilly", "David Holt"]


def test_a_title_in_quotation_marks_stays_whole_in_a_speakers_description(quotes_of):
    quote = only(quotes_of("The star of 'The Long Walk Home' said she was 'heartbroken by the news of his death'."))
    assert (quote.speaker, quote.role) == (None, "The star of 'The Long Walk Home'")


@pytest.mark.parametrize("text, role", [
    ('A senior government source said: "The deal is dead in the water."', "A senior government source"),
    ('"We will appeal against the ruling," a spokesman for the club said.', "a spokesman for the club"),
    ('A note left with the flowers read: "We will never forget you, our brave boy."', "A note left with the flowers"),
])
def test_an_unnamed_speaker_stays_unnamed(quotes_of, text, role):
    """Even when the article names someone else before: the source is not given a name."""
    quote = only(quotes_of("Prime Minister Helen Clark met the unions on Monday. " + text))
    assert (quote.speaker, quote.role) == (None, role)


@pytest.mark.parametrize("text", [
    'The company called the results "disappointing" and blamed the wet summer.',  # a scare quote
    'She starred in "The Long Walk Home" and "Winter Comes Early" last year.',  # titles of works
    'The report "Whose Streets are These, anyway" was published on Monday by the council.',  # a titled study
    'The striker, nicknamed "the flying postman of Leeds", retired on Friday.',  # a nickname
    'Ministers "could raise taxes to pay for the new hospital" within a year, it has emerged.',  # a claim
    "The players' union said the clubs' offer was not enough for the members' families.",  # apostrophes
])
def test_quoted_words_that_are_not_a_quotation(quotes_of, text):
    assert quotes_of(text) == []


def test_a_quotation_inside_a_quotation_is_the_speakers_own_words(quotes_of):
    text = ("Former minister Jane Hill remembered how a colleague called her names. \"When I said, 'Please "
            "use my real name for once', he laughed at me.\"")
    quotes = quotes_of(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("When I said, 'Please use my real name for once', he laughed at me.", "Jane Hill"),
        ("Please use my real name for once", "Jane Hill")]


@pytest.mark.parametrize("text, spans", [
    ("He said 'yes' and 'no'.", ["yes", "no"]),
    ('"Open" "and shut"', ["Open", "and shut"]),
    ("'It is the Greenlanders' view that counts,' she said.", ["It is the Greenlanders' view that counts,"]),
    ("It isn't the players' fault.", []),
    ("In the '90s they played rock 'n' roll 'til dawn, he said 'never again'.", ["never again"]),
])
def test_quotation_marks_are_paired_and_apostrophes_are_not_marks(text, spans):
    assert [text[s.start:s.end] for s in sorted(quoted_spans(text), key=lambda s: s.start)] == spans


def test_extract_prints_quotes_figures_and_what_is_to_come_and_the_cache_keeps_them(tmp_path):
    article = {"id": "budget", "published": "2026-12-03", "title": "Council sets budget",
               "text": "The council approved a £2.5bn budget on Thursday. \"We have protected every library in the "
                       "city,\" council leader Ruth Moss said. Councillors will vote on the final plan next Thursday."}
    (tmp_path / "day.jsonl").write_text(json.dumps(article) + "\n")
    (tmp_path / "config.yaml").write_text("cache: cache.sqlite\n")
    runs = [run_cli("extract", tmp_path / "day.jsonl", "--config", tmp_path / "config.yaml") for _ in range(2)]
    assert runs[0].status == 0 and runs[0].stdout == runs[1].stdout, runs[0].stderr  # the second from the cache
    record = json.loads(runs[0].stdout)
    text = article["text"]
    assert record["quotes"] == [{"text": "We have protected every library in the city,", "speaker": "Ruth Moss",
                                 "role": "council leader", "start": text.index("We have"),
                                 "end": text.index("city,") + 5}]
    assert record["figures"] == ["£2.5bn budget"]
    assert record["upcoming"] == [{"date": "2026-12-10", "when": "next Thursday",
                                   "text": "Councillors will vote on the final plan next Thursday."}]
    records = run_cli("extract", tmp_path / "day.jsonl", "--config", tmp_path / "config.yaml", "--format", "records")
    brief = ArticleBrief.model_validate_json(records.stdout)
    assert [q.speaker for q in brief.quotes] == ["Ruth Moss"] and brief.upcoming[0].date == "2026-12-10"
