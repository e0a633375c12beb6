"""The actor rule registry: every rule described and switchable, and the evidence an actor
carries with `--explain`."""

import pytest

from briefing.analysis.actors import extract_actors
from briefing.analysis.actors.roles import office_verbs
from briefing.analysis.actors.rules import RULES, switched_off
from briefing.analysis.names import name_data


def test_every_rule_has_an_id_a_line_an_example_and_its_pattern():
    assert len(RULES) >= 60
    for rule in RULES.values():
        assert rule.id.count(".") == 1 and rule.description.endswith(".") and rule.pattern, rule.id
        assert rule.stage in ("parse", "text", "merge", "type", "role"), rule.id
    assert all(r.example for r in RULES.values() if r.id != "type.vote-all")


def test_switching_a_rule_off_undoes_what_it_decides(parse):
    document = parse("The crash closed Calder Road for an hour, police said.")
    assert {a.name: a.type for a in extract_actors(document)}.get("Calder Road") == "place"
    with switched_off("type.street-word"):
        assert {a.name: a.type for a in extract_actors(document)}.get("Calder Road") != "place"
    with pytest.raises(KeyError), switched_off("no.such-rule"):
        pass


def test_an_explained_actor_names_the_rules_behind_its_name_type_and_role(parse):
    document = parse("Dr Ann Pell, the treasurer of the Calder Rowing Club, resigned on Monday. "
                     "The Calder Rowing Club said Dr Pell had served for ten years.")
    actors = {a.name: a for a in extract_actors(document, explain=True)}
    person = next(a for a in actors.values() if "Ann Pell" in a.name)
    assert person.why is not None and "type.styled-person" in person.why["type"]
    assert person.why["roles"] and person.role.startswith("treasurer")
    assert "text.honorific: honorific Dr" in person.why["evidence"]
    club = actors["Calder Rowing Club"]
    assert club.type == "organisation" and "type.body-word" in club.why["type"]
    assert all(a.why is None for a in extract_actors(document))


def test_parse_rules_are_pipeline_components_that_say_what_they_read_and_set(pipeline):
    analysis = pipeline.analyze_pipes()
    names = pipeline.pipe_names
    assert names.index("actor_entities") == names.index("ner") + 1 and names[-1] == "actor_mentions"
    parse_rules = [name for name in names if name.startswith("actor_")]
    assert len(parse_rules) >= 12
    for name in parse_rules:
        meta = analysis["summary"][name]
        assert meta["requires"] and meta["assigns"], name
    assert not any(analysis["problems"].values()), analysis["problems"]


def test_a_parse_rule_switched_off_leaves_the_tagger_s_span(pipeline):
    text = "Mayor Ana de Souza opened the bridge."
    with switched_off("parse.surname-particle"):
        cut = [m.text for m in pipeline(text)._.actor_mentions]
    whole = [m.text for m in pipeline(text)._.actor_mentions]
    assert [w for w in whole if w.endswith("Ana de Souza")] and not [c for c in cut if c.endswith("de Souza")]


def test_each_office_verb_states_a_role_noun_of_the_name_data():
    verbs = office_verbs()
    assert verbs and all(noun.lower() in name_data().role_nouns for noun in verbs.values()), verbs


@pytest.mark.parametrize("text, person, role", [
    ("Tom Hale, who was re-elected mayor in May, opened the bridge.", "Tom Hale", "mayor"),
    ("Ann Lee was re-elected governor last year and vetoed the bill.", "Ann Lee", "governor"),
    ("Eve Moss, the newly appointed treasurer, signed the cheque.", "Eve Moss", "treasurer"),
])
def test_a_role_given_by_election_is_the_office_without_the_verb_or_the_date(parse, text, person, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[person].role == role


@pytest.mark.parametrize("text, name, role", [
    ("At the weekly briefings, Osterlund, the county epidemiologist at Calder's Health Agency, has defended the"
     " approach. Critics say Osterlund is too calm.", "Osterlund", "county epidemiologist"),
    ("Giving daily updates, Varga, the senior economist at Calder's National Bank, has urged calm.", "Varga",
     "senior economist"),
])
def test_one_word_taken_for_a_body_with_a_person_s_noun_for_its_role_is_that_person(parse, text, name, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[name].type == "person" and actors[name].role.startswith(role)


@pytest.mark.parametrize("text, name, role", [
    ("Tilde Baum, a senior fellow at the Calder Policy Forum, warned of a recession.", "Tilde Baum",
     "senior fellow at the Calder Policy Forum"),
    ("Dr Paulo Mendes, an expert in tropical diseases at Lindow University, said the risk was low.", "Paulo Mendes",
     "expert in tropical diseases at Lindow University"),
])
def test_an_apposition_tying_a_person_to_a_named_body_is_their_role(parse, text, name, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[name].role == role


def test_a_name_after_a_role_noun_is_a_person_whatever_the_tagger_said(parse):
    actors = {a.name: a for a in extract_actors(parse("Harwood Foods chief executive Lars Pemberly said sales fell."))}
    assert actors["Lars Pemberly"].type == "person" and actors["Lars Pemberly"].role == "Harwood Foods chief executive"


def test_a_title_opening_a_name_the_text_calls_a_magazine_or_firm_is_part_of_the_body_s_name(parse):
    actors = {a.name: a for a in extract_actors(parse(
        "The weekly magazine Colonel Quill printed the letter on Friday. Colonel Ann Pell led the parade."))}
    assert actors["Colonel Quill"].type == "organisation" and actors["Colonel Quill"].role is None
    assert actors["Ann Pell"].type == "person" and actors["Ann Pell"].role == "Colonel"


@pytest.mark.parametrize("text, name, role", [
    ("Ann Pelham, one of the organisers, said the march would go ahead.", "Ann Pelham", "organiser"),
    ("Tom Hale, one of Calder's lawyers, said the appeal would be heard in May.", "Tom Hale", "lawyer"),
    # a "one of" that names no role leaves the name's other apposition its role
    ("One of them, Ann Lee, a nurse from Leeds, said the boat sank fast.", "Ann Lee", "nurse from Leeds"),
    ("Ann Lee, one of those who stayed, a nurse from Leeds, said the boat sank fast.", "Ann Lee", "nurse from Leeds"),
])
def test_one_of_a_plural_role_in_apposition_is_the_role_in_the_singular_and_one_naming_no_role_is_passed_over(
        parse, text, name, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[name].role == role


@pytest.mark.parametrize("text, name, role", [
    ("Ann Pelham was dropped in May because the defender had lost her form.", "Ann Pelham", "defender"),
    ("Tom Hale missed the match. The striker's knee has not healed.", "Tom Hale", "striker"),
    ("Tom Hale spoke to reporters on Monday. On Friday the senator resigned.", "Tom Hale", "senator"),
    # a part someone else plays beside the person named: a judge, a doctor, a prosecutor
    ("Tom Hale appeared at Calder Crown Court on Monday. The judge adjourned the case until June.", "Tom Hale",
     None),
    ("Tom Hale was sacked after the chairman lost patience.", "Tom Hale", None),
    # the subject of a verb between is someone else than the one the verb's clause speaks of
    ("Ann Lee said the president would veto the bill.", "Ann Lee", None),
    # two people named before: no telling which is meant
    ("Ann Lee met Tom Hale in Calder. The president said little.", "Ann Lee", None),
    # someone with a stated role keeps it alone
    ("Ann Lee, a nurse, spoke first. The president said little.", "Ann Lee", "nurse"),
    # "a lawyer" met before is the one "the lawyer" means
    ("Ann Lee hired a lawyer in May. The lawyer said little.", "Ann Lee", None),
    # not the subject itself, nor a subject: no one pointed back to
    ("Tom Hale left in May. The striker position is still open.", "Tom Hale", None),
    ("Tom Hale was there. Fans cheered the striker.", "Tom Hale", None),
    # one of many, or a relation with an owner
    ("Tom Hale was there. The official said little.", "Tom Hale", None),
])
def test_the_role_noun_alone_as_a_subject_is_the_role_of_the_one_person_named_just_before(parse, text, name, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[name].role == role


@pytest.mark.parametrize("text, name, role", [
    # role.example-of: names given as examples of a plural role noun
    ("Postcards by artists including Ann Lee and Tom Hale have sold.", "Tom Hale", "artist"),
    ("Lawmakers such as Ann Lee voted no.", "Ann Lee", "lawmaker"),
    ("The other contenders include Ann Lee for her first novel.", "Ann Lee", "contender"),
    # role.descriptor-compound: any singular noun compounded before a person's name
    ("Welsh referee Tom Hale waved play on.", "Tom Hale", "Welsh referee"),
    ("Veldran fullback Ann Lee scored twice.", "Ann Lee", "Veldran fullback"),
    # a noun in the singular says who the first of names joined by "and" is, not the others
    ("The club thanked Veldran fullback Ann Lee and Tom Hale.", "Tom Hale", None),
])
def test_names_given_as_examples_of_a_role_and_any_noun_compounded_before_a_person_s_name_are_roles(
        parse, text, name, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[name].role == role


def test_a_monarch_s_numeral_is_part_of_the_name_and_a_lone_i_or_dash_is_not(parse):
    actors = {a.name: a for a in extract_actors(parse("Queen Ana II met Pope Tomas XVI in Calder on Monday."))}
    assert actors["Ana II"].role == "Queen" and actors["Tomas XVI"].role == "Pope"
    actors = {a.name: a for a in extract_actors(parse("1934 - Veldran King Tomas IV was born in Calder."))}
    assert actors["Tomas IV"].role == "Veldran King"
    # "I" is the pronoun as often as a numeral; a numeral is no surname to count mentions by
    assert "Tomas" in {a.name for a in extract_actors(parse("'When I met King Tomas I was shaking,' she said."))}
    actors = {a.name: a for a in extract_actors(parse("Queen Ana II served as a driver in World War II."))}
    assert actors["Ana II"].mentions == 1 and "II" not in actors["Ana II"].aliases


def test_a_surname_opened_by_a_particle_is_the_person_whatever_the_tagger_took_it_for(parse):
    actors = extract_actors(parse("Scrum-half Joost van der Westhuizen was in form. The referee allowed Van der"
                                  " Westhuizen to score under the posts. A penalty from Van der Westhuizen set up"
                                  " the third try."))
    people = [a for a in actors if "Westhuizen" in a.name]
    assert [(a.name, a.type) for a in people] == [("Joost van der Westhuizen", "person")]
    assert "Van der Westhuizen" in people[0].aliases


@pytest.mark.parametrize("text, merged", [
    ("Tennis star Ann Washington reached the final. Washington, who climbed back from a 1-5 deficit, looked"
     " poised for a comeback.", True),
    ("Tennis star Ann Washington reached the final. 'I was lucky,' said Washington after the match.", True),
    # "Washington said" is as often the government speaking; a place named alone stays the place
    ("Actor Ann Washington was there. Washington said it would impose sanctions on Veldra.", False),
    ("Ann Washington met the mayor. The talks in Washington went well.", False),
    # "said Washington would": the place is the subject of what was said
    ("Senator Ann Washington spoke. Officials said Washington would reopen the embassy.", False),
])
def test_a_known_place_s_name_with_a_person_s_words_is_the_surname_of_the_person_named_in_full(parse, text, merged):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert ("Washington" in actors["Ann Washington"].aliases) is merged
    assert ("Washington" in actors) is not merged


@pytest.mark.parametrize("text, name, role", [
    ("Tom Hale, the new director of the central government's liaison office in Veldra, praised the plan.",
     "Tom Hale", "new director"),
    # a participle's clause is no role, however long
    ("Critics wrote to Ann Lee, seen here together with her brother at a gala dinner in Calder last year.",
     "Ann Lee", None),
    ("Tom Hale, who became director of the regional council of Calder in a close vote in 2019, said no.",
     "Tom Hale", "director of the regional council of Calder"),
    # an apposition is closed: this is the sentence's subject
    ("According to Tom Hale, the number of people waiting for treatment in the Calder region has doubled.",
     "Tom Hale", None),
])
def test_an_apposition_too_long_to_show_is_the_role_its_head_names(parse, text, name, role):
    actors = {a.name: a for a in extract_actors(parse(text))}
    assert actors[name].role == role


def test_a_speaking_place_s_other_mentions_stay_the_place(parse):
    actors = {a.name: a for a in extract_actors(parse(
        "Singer Ann Washington opened the festival. 'It was lovely,' said Washington. She flies back to Washington"
        " on Friday."))}
    assert "Washington" in actors["Ann Washington"].aliases and actors["Washington"].type == "place"


def test_a_role_noun_given_back_to_one_person_is_no_one_else_s_and_women_or_men_are_no_role(parse):
    actors = {a.name: a for a in extract_actors(parse(
        "Ann Lee was dropped on Monday. The defender was upset. Tom Hale was also left out. The defender has a knee"
        " injury."))}
    assert actors["Ann Lee"].role == "defender" and actors["Tom Hale"].role is None
    assert extract_actors(parse("Women such as Ann Lee have led the campaign."))[0].role is None
    actors = {a.name: a for a in extract_actors(parse("The fire killed grandmother Ann Lee and injured neighbour"
                                                      " Tom Hale."))}
    assert actors["Tom Hale"].role == "neighbour"
