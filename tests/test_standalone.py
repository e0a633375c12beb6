"""Shown sentences stand alone (issue 24) and the lede is among the key sentences (issue 29)."""

import pytest
from test_summarise import document

from briefing.analysis.summarise import Length, candidates_of, key_sentences
from briefing.analysis.summarise.standalone import RULES, description_phrase, faults, mended
from briefing.analysis.summarise.standalone import score as standalone_rating


@pytest.mark.parametrize("text, before, found", [
    ("She denied every charge put to her by the tribunal.", "", ["pronoun"]),
    ("Their new album tops the download chart this week.", "", ["pronoun"]),
    ("Those figures were revised in March by the statistics office.", "", ["demonstrative"]),
    ("Both men denied the charge at the city magistrates court.", "", ["demonstrative"]),
    ("This week the council voted to close three libraries.", "", []),
    ("The survey found that rents rose faster than wages.", "", ["description"]),
    ("The survey found that rents rose faster than wages.", "A housing survey was published.", []),
    ("The owners of the mill said it would close in June.", "", []),
    ("Still, the club kept its manager for another season.", "", ["connective"]),
    ("So far the airline has cut 2,000 jobs across Europe.", "", []),
    ("and the rest of the crew, .", "", ["fragment"]),
    ("Rents rose to four hundred pounds a month in May", "", ["fragment"]),
    ("Police found a van at the side . of the road on Friday.", "", ["fragment"]),
    ("3) Keep the receipt until the parcel arrives safely.", "", ["list residue"]),
    ("Runners finish at the old stone bridge on Bridge Road5.", "", ["list residue"]),
    ("Fans gather outside the ground (pictured) before kick-off on Sunday.", "", ["caption"]),
    ("Click here to see the full list of closures this winter.", "", ["link prompt"]),
    ("so we will go ahead with the whole building work.'", "", ["fragment", "half quote"]),
    ('Mr Okafor said: "We will go ahead with the building work.', "", ["half quote"]),
    ("Councillors will go ahead with the building work. '", "", ["fragment", "half quote"]),
])
def test_each_class_of_sentence_that_cannot_stand_alone_is_named(text, before, found):
    assert faults(text, before) == found


def test_every_rule_has_an_id_and_a_line_saying_what_it_finds():
    assert len({rule.id for rule in RULES}) == len(RULES) == 9
    assert all(rule.description for rule in RULES)


@pytest.mark.parametrize("text, shown", [
    ("Police said the driver had caused harm . being driven at speed.",
     "Police said the driver had caused harm being driven at speed."),
    ("Their coach Ann Leigh said the cup was theirs next year. '", "Their coach Ann Leigh said the cup was theirs next year."),
    ('Ms Adeyemi said: "We are proud of every one of the volunteers.',
     'Ms Adeyemi said: "We are proud of every one of the volunteers."'),
])
def test_marks_left_by_the_source_layout_are_mended(text, shown):
    assert mended(text) == shown
    assert not {"fragment", "half quote"} & set(faults(shown))


def test_a_fragment_caption_link_prompt_or_half_quote_is_never_a_key_sentence():
    broken = ["Click here to read the railway line closure notice for the two cities.",
              "Railway line between the two cities closed (pictured) on Monday morning by floods.",
              "railway line closed by floods between the two cities on Monday morning",
              "the railway line between the two cities would stay closed.'"]
    doc = document([*broken, "Floods closed the main railway line between the two cities on Monday morning."],
                   title="Floods close railway line")
    assert [u.text for u in candidates_of(doc).units] == [doc.sentences[-1].text]
    assert [s.text for s in key_sentences(doc, Length(sentences=3))] == [doc.sentences[-1].text]


def test_the_company_is_named_as_the_article_names_it(parse):
    doc = parse("Shares in Northwind Traders rose sharply on Monday after its results were published.\n\n"
                "Northwind Traders reported a profit of four million pounds for the year.\n\n"
                "Overall, the company's debt is close to twelve million pounds and is falling only slowly.",
                title="Shares rise after results")
    texts = [s.text for s in key_sentences(doc, Length(sentences=3))]
    assert "Northwind Traders's debt is close to twelve million pounds and is falling only slowly." in texts


def test_a_person_described_by_role_is_named(parse):
    doc = parse("Magic Johnson opened a chain of cinemas in Harlem on Tuesday with a charity screening.\n\n"
                "The former Los Angeles Lakers player said the cinemas would employ two hundred people.",
                title="Cinemas open in Harlem")
    texts = [s.text for s in key_sentences(doc, Length(sentences=2))]
    assert "Magic Johnson said the cinemas would employ two hundred people." in texts


def test_a_possessive_opener_is_named(parse):
    doc = parse("Maria Lopez was elected mayor of the city on Sunday with sixty percent of the vote.\n\n"
                "Her first act was to freeze the fares on every bus route for a year.", title="New mayor")
    texts = [s.text for s in key_sentences(doc, Length(sentences=2))]
    assert "Maria Lopez's first act was to freeze the fares on every bus route for a year." in texts


LEDE = "Floods closed the main railway line between the two cities on Monday morning."
DETAILS = ["Engineers from Network Rail said 40 bridges would be checked by 3 March at a cost of £2m.",
           "Transport minister Ann Leigh said 12,000 commuters were affected and promised £5m in aid.",
           "Rail managers at Northern Trains apologised and promised refunds to 8,000 ticket holders."]


def test_the_lede_is_among_the_key_sentences_when_it_stands_alone():
    doc = document([LEDE, *DETAILS, "A local bakery gave free coffee to stranded commuters."],
                   title="Thousands of commuters stranded")
    assert doc.sentences[0].text in [s.text for s in key_sentences(doc, Length(sentences=2))]


def test_a_lede_that_repeats_the_headline_is_not_put_first():
    shown = document([LEDE, *DETAILS], title="Thousands of commuters stranded")
    repeated = document([LEDE, *DETAILS], title="Floods close main railway line")
    assert [s.text for s in key_sentences(shown, Length(sentences=1))] == [LEDE]
    assert [s.text for s in key_sentences(repeated, Length(sentences=1))] != [LEDE]


def test_a_lede_that_points_back_is_not_forced_in():
    lede = "It closed the main railway line between the two cities on Monday morning."
    doc = document([lede, *DETAILS], title="Floods close railway line")
    assert lede not in [s.text for s in key_sentences(doc, Length(sentences=2))]


def test_the_company_is_the_ledes_subject_when_the_tagger_misses_it(parse):
    doc = parse("Brixby, the Danish food group at the centre of a pricing row, has reported a doubling of "
                "its profits.\n\nSales rose in every one of its markets last year, led by Germany.\n\n"
                "Overall, the company's debt is close to two billion kroner and is falling only slowly.",
                title="Food group doubles profits")
    assert "Brixby's debt is close to two billion kroner and is falling only slowly." in \
        [s.text for s in key_sentences(doc, Length(sentences=3))]


@pytest.mark.parametrize("text", ["My mother was always mad about sport, my father less so.",
                                  "Your vote decides who runs the council next year."])
def test_a_first_or_second_person_opener_points_back_to_a_writer_the_reader_never_meets(text):
    assert faults(text) == ["pronoun"]


def test_a_description_the_lede_introduced_is_not_avoided():
    lede = "A survey of 2,000 tenants found rents rose faster than wages in every region."
    doc = document([lede, "The survey was carried out by the housing charity in 12 cities."],
                   title="Tenants feel the squeeze")
    assert [s.text for s in key_sentences(doc, Length(sentences=2))] == [lede, doc.sentences[1].text]
    assert standalone_rating(candidates_of(doc)).tolist() == [0.0, 0.0]


def test_a_description_ends_where_another_noun_phrase_begins():
    assert description_phrase("The minister warned the council company on Monday.") == ["minister", "warned"]
