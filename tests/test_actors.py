"""Actor rules, each on a small text of its own, through the real spaCy pipeline."""

import pytest

from briefing.actors import extract_actors


@pytest.fixture(scope="module")
def actors_of(parse):
    def run(text, title=None):
        return {a.name: a for a in extract_actors(parse(text, title=title))}
    return run


def find(actors, form):
    """The actor reported under `form` as its name or one of its aliases."""
    matches = [a for a in actors.values() if form == a.name or form in a.aliases]
    assert len(matches) == 1, f"{form!r} reported {len(matches)} times in {list(actors)}"
    return matches[0]


def test_honorific_first_and_last_name_merge_into_one_person(actors_of):
    actors = actors_of("Sir Keir Starmer spoke in London on Monday. Sir Keir said the plan was sound. "
                       "Starmer later met union leaders. Keir Starmer's office confirmed the meeting.")
    person = find(actors, "Keir Starmer")
    assert person.type == "person" and person.mentions == 4
    assert find(actors, "Starmer") is person and find(actors, "Sir Keir") is person
    assert person.name == "Sir Keir Starmer"


def test_possessives_and_quotes_do_not_split_an_actor(actors_of):
    actors = actors_of("Angela Merkel's government fell. Critics said 'Merkel' had lost control. "
                       "Angela Merkel denied it.")
    assert find(actors, "Angela Merkel").mentions == 3
    assert not any("'" in name for name in actors)


def test_acronym_and_expansion_merge(actors_of):
    actors = actors_of("The World Health Organization warned of a new wave. The WHO said hospitals "
                       "should prepare. Officials at the WHO met on Friday.")
    body = find(actors, "WHO")
    assert find(actors, "World Health Organization") is body and body.type == "organisation"


def test_country_names_and_adjectives_merge(actors_of):
    actors = actors_of("The US imposed tariffs. American officials said the United States would not back down. "
                       "British ministers met in Britain. The UK objected.")
    us, uk = find(actors, "United States"), find(actors, "United Kingdom")
    assert us.type == uk.type == "place"
    assert us.mentions == 3 and uk.mentions == 3
    assert {"US", "American"} <= set(us.aliases) and {"British", "Britain", "UK"} <= set(uk.aliases)


def test_a_people_is_a_group(actors_of):
    actors = actors_of("The island of Greenland votes next year. Many Greenlanders want independence.")
    assert find(actors, "Greenlanders").type == "group"
    assert find(actors, "Greenland").type == "place"


def test_known_city_is_a_place_even_when_tagged_as_an_organisation(actors_of):
    actors = actors_of("The Copenhagen meeting ended early. Leaders left Copenhagen on Friday.")
    assert find(actors, "Copenhagen").type == "place"


def test_type_follows_the_majority_of_mentions(actors_of):
    actors = actors_of("Jacinda Ardern won the vote. Ardern thanked voters. Ardern said she would govern "
                       "for everyone. Ardern's deputy agreed.")
    assert find(actors, "Jacinda Ardern").type == "person"


@pytest.mark.parametrize("text, junk", [
    ("Trade has suffered in the years of post-Brexit tensions, exporters in Kent said.", "post-Brexit"),
    ("The pact strengthens Euro-Atlantic security, officials in Brussels said.", "Euro-Atlantic"),
    ("Talks went well.\n\nStrengthening the NATO Backbone\n\nNATO leaders met.", "the NATO Backbone"),
])
def test_prefixes_adjectives_and_headings_are_not_actors(actors_of, text, junk):
    actors = actors_of(text)
    names = {n.lower() for a in actors.values() for n in [a.name, *a.aliases]}
    assert junk.lower() not in names and junk.lower().removeprefix("the ") not in names


@pytest.mark.parametrize("text, person, role", [
    ("The talks included Danish PM Mette Frederiksen and others.", "Mette Frederiksen", "Danish PM"),
    ("The call was followed by NATO boss Mark Rutte on Friday.", "Mark Rutte", "NATO boss"),
    ("He later spoke with German Chancellor Friedrich Merz by phone.", "Friedrich Merz", "German Chancellor"),
    ("In Leeds, Labour leader Sir Keir Starmer made a speech.", "Keir Starmer", "Labour leader"),
    ("Vicki Score, the project manager, said the find was rare.", "Vicki Score", "project manager"),
])
def test_roles_stated_next_to_the_name(actors_of, text, person, role):
    actor = find(actors_of(text), person)
    assert actor.role == role
    assert actor.roles[0].sentence == text


def test_the_prime_minister_is_resolved_to_the_person_the_text_means(actors_of):
    actors = actors_of("The Prime Minister is said to back the plan. Sir Keir Starmer spoke to Danish PM "
                       "Mette Frederiksen and US President Donald Trump on Friday. Mr Trump agreed.")
    assert [r.title for r in find(actors, "Keir Starmer").roles] == ["Prime Minister"]
    assert find(actors, "Mette Frederiksen").role == "Danish PM"
    assert find(actors, "Donald Trump").role == "US President"


def test_actors_in_the_headline_and_lead_are_key_and_ranked_first(actors_of):
    actors = list(actors_of("Pedro Sanchez met Emmanuel Macron in Paris. Later, officials from Italy "
                            "joined the talks in Paris.", title="Sanchez visits Paris").values())
    assert actors[0].name in ("Pedro Sanchez", "Paris") and actors[0].key
    assert all(a.key for a in actors if a.name in ("Pedro Sanchez", "Paris", "Emmanuel Macron"))
    assert not next(a for a in actors if a.name == "Italy").key


def test_spellings_of_one_name_merge(actors_of):
    actors = actors_of("Time Warner reported higher profits. TimeWarner said sales rose. "
                       "Analysts said Time Warner had done well.")
    assert find(actors, "Time Warner") is find(actors, "TimeWarner")


def test_a_country_in_front_of_an_organisation_merges(actors_of):
    actors = actors_of("The US Federal Reserve raised rates on Tuesday. The Federal Reserve said "
                       "inflation was rising. Economists expected the Federal Reserve to act.")
    fed = find(actors, "Federal Reserve")
    assert find(actors, "US Federal Reserve") is fed and fed.type == "organisation"


def test_an_organisation_named_by_its_first_word_merges(actors_of):
    actors = actors_of("Pernod Ricard agreed to buy Allied Domecq for $14bn. Allied Domecq shares rose. "
                       "Allied said the deal was fair.")
    assert find(actors, "Allied") is find(actors, "Allied Domecq")


def test_compound_modifiers_and_time_zones_are_not_actors(actors_of):
    actors = actors_of("State-owned Rosneft bought the unit at 10:00 GMT on Friday, Reuters reported.")
    names = {n.lower() for a in actors.values() for n in [a.name, *a.aliases]}
    assert "state" not in names and "gmt" not in names
    assert find(actors, "Rosneft").type == "organisation"


def test_a_bare_noun_after_the_is_not_a_role(actors_of):
    actors = actors_of("Zemir Begic was attacked on Sunday. He was hit on the head with a hammer.")
    assert find(actors, "Zemir Begic").roles == []


def test_role_with_possessive_owner_and_lower_case_modifier(actors_of):
    actors = actors_of("Menatep Group's managing director Tim Osborne said the claim would be pursued.")
    assert find(actors, "Tim Osborne").role == "Menatep Group's managing director"


def test_the_same_person_with_and_without_a_middle_name_merges(actors_of):
    actors = actors_of("David Lee Collins, 18, was stabbed. David Collins had served in Cyprus. "
                       "Mr Collins died in hospital.")
    person = find(actors, "David Lee Collins")
    assert find(actors, "David Collins") is person and find(actors, "Mr Collins") is person


def test_a_city_is_not_taken_for_its_people(actors_of):
    actors = actors_of("The plane overflew Minneapolis by 150 miles. It later landed in Minneapolis safely.")
    assert find(actors, "Minneapolis").type == "place"


def test_a_body_is_not_a_role(actors_of):
    actors = actors_of("Deng Xiaoping released prisoners. The Ministry of Justice ran the camps until then.")
    assert find(actors, "Deng Xiaoping").roles == []


def test_the_end_of_a_longer_name_merges_into_it(actors_of):
    actors = actors_of("Hans Christian Andersen wrote fairy tales. Christian Andersen was born in Odense. "
                       "Andersen died in 1875.")
    writer = find(actors, "Hans Christian Andersen")
    assert find(actors, "Christian Andersen") is writer and find(actors, "Andersen") is writer


def test_a_preposition_is_not_part_of_a_role(actors_of):
    actors = actors_of("The cast features several stars, including actress Barbara Windsor, in the new show.")
    assert find(actors, "Barbara Windsor").role == "actress"


def test_apposition_with_a_role_first(actors_of):
    actors = actors_of('"The view is sanguine," said Robert Sinche, head of currency strategy at Bank of America '
                       "in New York.")
    assert find(actors, "Robert Sinche").role == "head of currency strategy at Bank of America"


def test_the_head_of_a_body_is_its_chairman(actors_of):
    actors = actors_of("Federal Reserve chairman Alan Greenspan spoke in London. The dollar rose after the "
                       "Federal Reserve head said the deficit would stabilise. Analyst Tom Lee agreed.")
    assert "Federal Reserve head" in [r.title for r in find(actors, "Alan Greenspan").roles]


@pytest.mark.parametrize("text, person, role", [
    ("Meanwhile Lib Dem leader Charles Kennedy said the plan was wrong.", "Charles Kennedy", "Lib Dem leader"),
    ("The show is now replacing actor Dallas Roberts with a new star.", "Dallas Roberts", "actor"),
    ("Edward Leigh, who is chairman of the public accounts committee, spoke.", "Edward Leigh",
     "chairman of the public accounts committee"),
])
def test_role_phrases_stop_where_the_role_does(actors_of, text, person, role):
    assert find(actors_of(text), person).role == role


@pytest.mark.parametrize("text", [
    "Tony Blair spoke to Gordon Brown on Monday. The prime minister's spokesman said talks went well.",
    "Harriet Harman won her seat. Turnout fell after the 1997 general election.",
])
def test_other_offices_and_figures_are_not_roles(actors_of, text):
    assert all(a.roles == [] for a in actors_of(text).values())


def test_a_name_closing_a_quoted_headline_counts_as_in_the_headline(actors_of):
    text = ("Officials met in Oslo on Monday. Later that week Donald Trump spoke to reporters. "
            "Norway said the talks went well.")
    quoted = {a.name: a for a in actors_of(text, title="Troops 'could guard the Arctic for Donald Trump'").values()}
    plain = {a.name: a for a in actors_of(text, title="Talks in Oslo").values()}
    assert quoted["Donald Trump"].key and not plain["Donald Trump"].key
    assert quoted["Donald Trump"].weight > plain["Donald Trump"].weight


def test_a_role_in_the_possessive_is_still_the_role(actors_of):
    actors = actors_of("Labour leader Sir Keir Starmer flew to Copenhagen. The opposition leader's mission "
                       "was a success.")
    assert [r.title for r in find(actors, "Keir Starmer").roles] == ["Labour leader", "opposition leader"]
