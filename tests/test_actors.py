"""Actor rules, each on a small text of its own, through the real spaCy pipeline."""

import pytest
from spacy.tokens import Span

from briefing.analysis import nlp
from briefing.analysis.actors import extract_actors
from briefing.analysis.actors.mentions import ACTOR_PIPES
from briefing.analysis.actors.merge import names_written
from briefing.analysis.actors.rules import switched_off
from briefing.models import Article


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


@pytest.mark.parametrize("text, forms", [
    ("The World Health Organization warned of a new wave. The WHO said hospitals should prepare. "
     "Officials at the WHO met on Friday.", ["World Health Organization", "WHO"]),
    ("Time Warner reported higher profits. TimeWarner said sales rose. Analysts said Time Warner had done well.",
     ["Time Warner", "TimeWarner"]),
    ("The US Federal Reserve raised rates on Tuesday. The Federal Reserve said inflation was rising. "
     "Economists expected the Federal Reserve to act.", ["Federal Reserve", "US Federal Reserve"]),
    ("Pernod Ricard agreed to buy Allied Domecq for $14bn. Allied Domecq shares rose. Allied said the deal was fair.",
     ["Allied Domecq", "Allied"]),
    ("David Lee Collins, 18, was stabbed. David Collins had served in Cyprus. Mr Collins died in hospital.",
     ["David Lee Collins", "David Collins", "Mr Collins"]),
    ("Hans Christian Andersen wrote fairy tales. Christian Andersen was born in Odense. Andersen died in 1875.",
     ["Hans Christian Andersen", "Christian Andersen", "Andersen"]),
    ("Protests spread across Eritrea on Monday. Eritrean officials met in Asmara. The Eritrean Media Council "
     "banned the play. The Media Council said it would review the ban.",
     ["Eritrean Media Council", "Media Council"]),
])
def test_forms_of_one_name_merge(actors_of, text, forms):
    """Acronyms, spacing, a country in front (a known one, or the adjective of a place the article
    names), first word, middle name, end of a longer name."""
    actors = actors_of(text)
    assert len({id(find(actors, form)) for form in forms}) == 1


def test_possessives_and_quotes_do_not_split_an_actor(actors_of):
    actors = actors_of("Angela Merkel's government fell. Critics said 'Merkel' had lost control. "
                       "Angela Merkel denied it.")
    assert find(actors, "Angela Merkel").mentions == 3
    assert not any("'" in name for name in actors)


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


def test_a_name_written_again_is_found_as_a_whole_word_the_longest_name_first():
    text = "Ann Lee met Lee-Smith, Leeds fans and Greenlanders; Ann Lee's aide, Lee, and Greenland."
    found = names_written(text, ["Lee", "Ann Lee"], ["Greenland"])
    assert [text[start:end] for start, end in found or []] == ["Ann Lee", "Greenlanders", "Ann Lee", "Lee"]


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


def test_compound_modifiers_and_time_zones_are_not_actors(actors_of):
    actors = actors_of("State-owned Rosneft bought the unit at 10:00 GMT on Friday, Reuters reported.")
    names = {n.lower() for a in actors.values() for n in [a.name, *a.aliases]}
    assert "state" not in names and "gmt" not in names
    assert find(actors, "Rosneft").type == "organisation"


def test_a_city_is_not_taken_for_its_people(actors_of):
    actors = actors_of("The plane overflew Minneapolis by 150 miles. It later landed in Minneapolis safely.")
    assert find(actors, "Minneapolis").type == "place"


def test_the_head_of_a_body_is_its_chairman(actors_of):
    actors = actors_of("Federal Reserve chairman Alan Greenspan spoke in London. The dollar rose after the "
                       "Federal Reserve head said the deficit would stabilise. Analyst Tom Lee agreed.")
    assert "Federal Reserve head" in [r.title for r in find(actors, "Alan Greenspan").roles]


@pytest.mark.parametrize("text, person, role", [
    ("Meanwhile Lib Dem leader Charles Kennedy said the plan was wrong.", "Charles Kennedy", "Lib Dem leader"),
    ("The show is now replacing actor Dallas Roberts with a new star.", "Dallas Roberts", "actor"),
    ("Edward Leigh, who is chairman of the public accounts committee, spoke.", "Edward Leigh",
     "chairman of the public accounts committee"),
    ("Menatep Group's managing director Tim Osborne said the claim would be pursued.", "Tim Osborne",
     "Menatep Group's managing director"),
    ("The cast features several stars, including actress Barbara Windsor, in the new show.", "Barbara Windsor",
     "actress"),
    ('"The view is sanguine," said Robert Sinche, head of currency strategy at Bank of America in New York.',
     "Robert Sinche", "head of currency strategy at Bank of America"),
    ("She had two wounds to the abdomen, Jefferson Parish Coroner Gerald Cvitanovich said.", "Gerald Cvitanovich",
     "Jefferson Parish Coroner"),
    ("The catch was poor this year, Fisherman Zyg Gregorek said.", "Zyg Gregorek", "Fisherman"),
    ("He had a knife on him, Sheriff's Col. John Fortunato said.", "John Fortunato", "Col."),  # his rank
    ("I spoke to the Honourable Deputy Premier Natalio Wheatley on Thursday.", "Natalio Wheatley", "Deputy Premier"),
])
def test_role_phrases_stop_where_the_role_does(actors_of, text, person, role):
    assert find(actors_of(text), person).role == role


@pytest.mark.parametrize("text", [
    "Zemir Begic was attacked on Sunday. He was hit on the head with a hammer.",
    "Deng Xiaoping released prisoners. The Ministry of Justice ran the camps until then.",
    "Tony Blair spoke to Gordon Brown on Monday. The prime minister's spokesman said talks went well.",
    "Harriet Harman won her seat. Turnout fell after the 1997 general election.",
])
def test_bare_nouns_bodies_other_offices_and_figures_are_not_roles(actors_of, text):
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


def test_digits_that_belong_to_a_name_stay_and_figures_go(actors_of):
    actors = actors_of("Finance ministers of the G7 met in Paris on Friday. The G7 said growth was slowing. "
                       "The BBC said BBC2 would show the talks, which cost £5m, in 2005 style. "
                       "Call the Dublin Newsroom +353 1 6603377. Gordon Durie 75th scored.")
    assert find(actors, "G7").type == "organisation"
    assert find(actors, "BBC2") is find(actors, "BBC")
    assert not any(any(c.isdigit() for c in name) and name not in ("G7", "BBC2") for a in actors.values()
                   for name in [a.name, *a.aliases])


@pytest.mark.parametrize("text, shown", [
    ("Mr Hargreaves said the plan would fail. Peter Hargreaves, a former minister, agreed with the critics. "
     "Mr Hargreaves spoke again on Tuesday, and Mr Hargreaves left early.", "Peter Hargreaves"),
    ("Dame Judith Wells opened the gallery on Friday. Dame Judith said art belonged to everyone.",
     "Dame Judith Wells"),
    ("Mr Okafor said the deal was done. Mr Okafor then left the building.", "Mr Okafor"),
])
def test_the_shown_name_is_the_fullest_the_article_gives(actors_of, text, shown):
    """An honorific form is shown only when the article gives no fuller name."""
    assert shown in actors_of(text)


@pytest.mark.parametrize("text, person, role", [
    ("The ruling was welcomed by Marie Dubois, vice president of the European Court, on Monday.",
     "Marie Dubois", "vice president of the European Court"),
    ("Its chairman, Sir Henry Blake, said the school would stay open.", "Henry Blake", "chairman"),
    ("The show was made by producer Tom Ellery for the channel.", "Tom Ellery", "producer"),
    ("The award went to US playwright Nora Quinn for her new drama.", "Nora Quinn", "US playwright"),
    ("Paul Grant is a documentary maker who has filmed in twelve countries.", "Paul Grant", "documentary maker"),
    ("Ruth Vale, Tory co-chairman, said the plan was a mistake.", "Ruth Vale", "Tory co-chairman"),
    ("The Producers was named best musical, Victoria Hamilton was best actress for Suddenly Last Summer and "
     "Festen's Rufus Norris was named best director.", "Victoria Hamilton", "best actress for Suddenly Last Summer"),
    ("Jason Gardener, the Olympic gold medallist now, will run in Birmingham.", "Jason Gardener",
     "Olympic gold medallist"),
])
def test_roles_from_the_parse_appositions_compounds_and_copulas(actors_of, text, person, role):
    assert find(actors_of(text), person).role == role


def test_a_role_that_names_a_body_makes_the_name_an_organisation(actors_of):
    actors = actors_of("Sales fell at German music publisher Vandermark last year. Vandermark said costs rose.")
    body = find(actors, "Vandermark")
    assert body.type == "organisation" and body.role is None


def test_an_adjective_of_a_place_the_article_names_is_that_place(actors_of):
    actors = actors_of("Protests spread across Eritrea on Monday. Eritrean officials said the army would stay "
                       "in its barracks.")
    place = find(actors, "Eritrea")
    assert place.type == "place" and "Eritrean" in place.aliases and "Eritrean" not in actors


def test_a_military_rank_is_a_title_not_part_of_the_name(actors_of):
    actors = actors_of("Private Arthur Bellingham was killed in 1916. Arthur Bellingham was 19.")
    soldier = find(actors, "Arthur Bellingham")
    assert soldier.name == "Arthur Bellingham" and soldier.role == "Private"


def test_a_name_opening_or_ending_with_a_body_word_is_an_organisation(actors_of):
    actors = actors_of("She studied at the University of Glenmore before joining the Harbour Planning Commission.")
    assert find(actors, "University of Glenmore").type == "organisation"
    assert find(actors, "Harbour Planning Commission").type == "organisation"


def test_the_lines_of_a_results_table_name_actors(parse):
    from briefing.analysis.actors import extract_actors

    table = ("Leading results in the Tour de France:\n\nMiguel Indurain ( Spain ) Banesto\n\n"
             "Tony Rominger ( Switzerland ) Mapei\n\nBjarne Riis ( Denmark ) Telekom\n\n"
             "The race ends in Paris on Sunday.")
    names = {a.name for a in extract_actors(parse(table))}
    assert {"Miguel Indurain", "Spain", "Switzerland"} <= names


@pytest.mark.parametrize("line, expected", [
    ("Ashworth 4 3 1 0 7 4 10", {"Ashworth": "organisation"}),
    ("Kestrels 75 Harbury Vale 19", {"Kestrels": "organisation", "Harbury Vale": "organisation"}),
    ("Dunmore-on-Sea: Wexley 259 and 207 (A. Dalby 69, H. Morrow 69), Brackton 114 (S. Watkiss 4-28).",
     {"Dunmore-on-Sea": "place", "Wexley": "organisation", "A. Dalby": "person", "H. Morrow": "person",
      "Brackton": "organisation", "S. Watkiss": "person"}),
    ("France - 1 - Bernd Lammers; 2 - Lior Tamsin (14 - Sami Lahouz 87th), 5 - Lars Bleck.",
     {"France": "place", "Bernd Lammers": "person", "Lior Tamsin": "person", "Sami Lahouz": "person"}),
])
def test_the_entries_of_a_scores_or_standings_table_are_actors(actors_of, line, expected):
    actors = actors_of(f"Results of the matches played on Saturday:\n\nDivision 2\n\n{line}")
    assert {name: find(actors, name).type for name in expected} == expected
    assert "Division" not in actors


@pytest.mark.parametrize("text, junk", [
    ("Athletes arrived for the Commonwealth Games in Glasgow on Monday.", "Commonwealth Games"),
    ("Leaders met at the Brussels Summit on Monday to discuss trade.", "Brussels Summit"),
    ("The government published its Schools White Paper on Tuesday.", "Schools White Paper"),
    ("Voters called the candidate 'Mr Grumpy' after the debate on Friday.", "Mr Grumpy"),
    ("His comments come in a documentary called 'No More Mr Grumpy'. Viewers liked it.", "Mr Grumpy"),
    ("Engineers at Velmont spent three years on the Quasar processor. Quasar could power televisions.", "Quasar"),
    ("The singer told the BBC's Morning Beat programme she would tour in June.", "Morning Beat"),
    ("He produced the hit show Harry Lime - The Musical last year.", "Harry Lime"),
    ("Ed Balls said the Budget next month would not be a spree.", "Budget"),
])
def test_events_documents_and_quoted_titles_are_not_actors(actors_of, text, junk):
    assert not any(junk in a.name or a.name in junk.split() for a in actors_of(text).values())


def test_the_body_whose_work_it_is_stays_an_actor(actors_of):
    actors = actors_of("Engineers at Velmont spent three years on the Quasar processor, Velmont said. "
                       "A BBC documentary about the strike aired on Monday.")
    assert find(actors, "Velmont").type == "organisation" and find(actors, "BBC").type == "organisation"


@pytest.mark.parametrize("text, name, acronym", [
    ("A challenge came from the Northern Low-cost Ferries Association (NLFA) on Monday. The NLFA said fares "
     "would rise.", "Northern Low-cost Ferries Association", "NLFA"),
    ("Fighters of the Popular Front in Arden and Morrow (PFAM) took the town. PFAM later left.",
     "Popular Front in Arden and Morrow", "PFAM"),
])
def test_a_name_spelt_out_before_its_acronym_is_whole_and_shown_in_full(actors_of, text, name, acronym):
    actor = find(actors_of(text), acronym)
    assert actor.name == name and actor.type == "organisation"


def test_an_acronym_is_not_merged_into_a_longer_name_it_opens(actors_of):
    actors = actors_of("Fewer users joined AOL this year. The sale of AOL Europe Ltd to Bertelsmann was agreed.")
    assert find(actors, "AOL") is not find(actors, "AOL Europe Ltd")


@pytest.mark.parametrize("text, name", [
    ("Mr Reed sent the e-mail by mistake to BBC2's Nightline after it asked about his role.", "Nightline"),
    ("Britain's Prince Charles visited Leeds on Monday.", "Prince Charles"),
    ("Shares in McDonald's Corp rose on Monday.", "McDonald's Corp"),
    ("United won at St Mary's Stadium on Monday.", "St Mary's Stadium"),
])
def test_an_owner_in_the_possessive_is_not_part_of_the_name_it_owns(actors_of, text, name):
    assert find(actors_of(text), name)


@pytest.mark.parametrize("text, title, acts", [
    ("Blogorati, a search engine, tracks six million blogs and says 12,000 are added daily.", "Blogorati", True),
    ("The e-mail was sent by mistake to Latenight journalist Andrew Parr.", "Latenight", True),
    ("The novel Blue Harbour sold a million copies in its first year.", "Blue Harbour", False),
])
def test_a_title_the_tagger_gave_a_work_is_a_body_when_it_acts(pipeline, text, title, acts):
    doc = pipeline(text)
    start = next(t.i for t in doc if t.idx == text.index(title))
    doc.ents = [Span(doc, start, start + len(title.split()), label="WORK_OF_ART")]  # the tagger's mistake
    for name in ACTOR_PIPES:  # the actor components read the tagger's entities again
        doc = pipeline.get_pipe(name)(doc)
    actors = extract_actors(nlp.build_document(Article(id="t.txt", text=text), doc))
    assert [(a.name, a.type) for a in actors] == ([(title, "organisation")] if acts else [])


def test_an_honorific_goes_to_the_person_of_its_gender(actors_of):
    actors = actors_of("Melissa Reid, 20, was arrested in Lima. Her father William Reid, 53, spoke on Monday. "
                       "Miss Reid said she was sorry.")
    assert find(actors, "Miss Reid") is find(actors, "Melissa Reid") is not find(actors, "William Reid")


def test_a_bodys_name_in_the_singular_and_the_plural_is_one_body(actors_of):
    actors = actors_of("Since 2003 the Commonwealth War Graves Commission has dealt with 18 cases a year. "
                       "Historians from the Commonwealth War Grave Commission hope to name them.")
    assert find(actors, "Commonwealth War Grave Commission") is find(actors, "Commonwealth War Graves Commission")


@pytest.mark.parametrize("text, names, joint", [
    ("Talks between North and South Korea resumed in June. North Korea said it wanted aid.",
     {"North Korea", "South Korea"}, "North and South Korea"),
    ("The Daily and Sunday Herald newspapers are cutting 90 jobs. The Daily Herald said costs rose.",
     {"Daily Herald", "Sunday Herald"}, None),
])
def test_two_names_sharing_their_last_word_are_two_actors(actors_of, text, names, joint):
    actors = actors_of(text)
    assert names <= set(actors) and joint not in actors
    assert all(find(actors, name).key for name in names)  # both named in the lead


def test_a_body_word_the_tagger_left_out_belongs_to_the_name(actors_of):
    assert "Guardian Group" in actors_of("The Guardian Group says the cuts are needed to fund new presses.")


def test_a_body_is_shown_by_its_full_name_not_its_short_form(actors_of):
    actors = actors_of("The Committee to Protect Reporters is asking bloggers to join. The Committee has named "
                       "Tuesday a day of action. Curt Lane, director of the Committee, said so.")
    assert find(actors, "Committee").name == "Committee to Protect Reporters"


@pytest.mark.parametrize("text, junk", [
    ("Cartoons depicted Tory leader Michael Hart as Shylock, critics said. Mr Hart laughed at an impression of "
     "him as Nosferatu.", {"Shylock", "Nosferatu"}),
    ("Miss Reid has compared the jail to a 'Brownie camp', her lawyer said.", {"Brownie"}),
    ("Its film arm lost money on the box-office flops Alexandra and Nightcat last year.", {"Alexandra", "Nightcat"}),
])
def test_characters_and_quoted_phrases_are_not_actors(actors_of, text, junk):
    assert not {n for a in actors_of(text).values() for n in (a.name, *a.name.split(" and "))} & junk


def test_a_town_that_plays_is_a_team_and_a_country_stays_a_place(actors_of):
    actors = actors_of("Juan Gonzalez homered twice as Texas defeated Cleveland 5-3. Texas's lead over Seattle "
                       "increased to six. Italy beat England 2-1 in Rome on Saturday.")
    assert {name: find(actors, name).type for name in ("Texas", "Cleveland", "Seattle", "Italy", "Rome")} == {
        "Texas": "organisation", "Cleveland": "organisation", "Seattle": "organisation", "Italy": "place",
        "Rome": "place"}


@pytest.mark.parametrize("text, name, kind", [
    ("Newcastle striker Les Ferdinand scored twice on Saturday.", "Newcastle", "organisation"),
    ("Newcastle striker Les Ferdinand scored twice on Saturday.", "Les Ferdinand", "person"),
    ("Duncan Ferguson, who scored for Everton on Saturday, was booked.", "Everton", "organisation"),
    ("Israeli troops entered the West Bank town of Hebron on Monday.", "West Bank", "place"),
    ("Rebels withdrew from the capital Grozny on Saturday.", "Grozny", "place"),
    ("Refugees fled camps around the eastern border town of Goma.", "Goma", "place"),
])
def test_sides_their_players_and_places_named_like_bodies(actors_of, text, name, kind):
    assert find(actors_of(text), name).type == kind


@pytest.mark.parametrize("text, name", [
    ("Shares in Pirelli SpA rose 3 percent in Milan on Monday.", "Pirelli SpA"),
    ("The Sueddeutsche Zeitung reported the talks on Monday.", "Sueddeutsche Zeitung"),
    ('Writing his Christmas message in the Northern Echo, the Bishop said: "Conspiracy theories are fun."',
     "Northern Echo"),
    ("Microsoft has bought Sybari Software, an anti-virus software maker, for an undisclosed sum.",
     "Sybari Software"),
    ("Team GB won four medals.", "Team GB"),
])
def test_company_suffixes_and_newspaper_words_make_a_body(actors_of, text, name):
    assert find(actors_of(text), name).type == "organisation"


def test_a_type_the_words_state_outvotes_the_taggers_label(actors_of):
    actors = actors_of("Caltex Petroleum Corp plans to build a blender in Tianjin. Firms including Mobil, Shell and "
                       "Caltex were attracted to Tianjin.")
    assert find(actors, "Caltex").type == "organisation"


@pytest.mark.parametrize("text, name, kind", [
    ("Fletcher left Manchester United in January after 12 years.", "Manchester United", "organisation"),
    ("Fans travelling to see Wolverhampton Wanderers should allow extra time.", "Wolverhampton Wanderers",
     "organisation"),
    ("Her father was born in Wingate, County Durham, in 1898.", "County Durham", "place"),
    ("Dresden Drive is closed between Ellijay Drive and Apple Valley Road due to a gas leak.", "Dresden Drive",
     "place"),
    ("Dresden Drive is closed between Ellijay Drive and Apple Valley Road due to a gas leak.", "Apple Valley Road",
     "place"),
    ("Broadway star Nathan Lane will host the awards in June.", "Nathan Lane", "person"),
    ("MPs in the Commons voted for the bill on Tuesday.", "House of Commons", "organisation"),
])
def test_a_side_or_a_place_is_not_taken_for_a_person(actors_of, text, name, kind):
    assert find(actors_of(text), name).type == kind


@pytest.mark.parametrize("text, name, kind", [
    ("Lance Armstrong won the Tour seven times. The UCI accepted a $100,000 donation from Armstrong in 2002.",
     "Lance Armstrong", "person"),
    ("His great-nephew Eric Saunders, 61, from Worcester, has submitted a DNA sample.", "Worcester", "place"),
    ("Her husband moved from Kent to Spain in 2010.", "Kent", "place"),
    ("Foreign Secretary Jack Straw will visit Auschwitz for the 60th anniversary.", "Auschwitz", "place"),
    ("Amazon stored the battery and shipped it in Amazon packaging to her. Amazon said it would appeal.", "Amazon",
     "organisation"),
])
def test_from_in_and_visit_name_a_place_only_where_someone_is_or_goes(actors_of, text, name, kind):
    assert find(actors_of(text), name).type == kind


def test_sanctions_against_a_country_do_not_make_it_a_team(actors_of):
    assert find(actors_of("The US imposed sanctions against Iraq on Monday."), "Iraq").type == "place"


@pytest.mark.parametrize("text, name", [
    ("Interfax news agency said 12 people died in the blast.", "Interfax"),
    ("Tanjug news agency said Serbia would respond.", "Tanjug"),
    ("Itar-Tass said the toll was higher.", "Itar-Tass"),
])
def test_news_agencies_are_bodies(actors_of, text, name):
    assert find(actors_of(text), name).type == "organisation"


def test_a_body_that_ends_a_sentence_with_an_abbreviation_is_known_without_its_full_stop(actors_of):
    assert "Norwest Corp" in find(actors_of("The deal was led by Norwest Corp."), "Norwest Corp.").aliases


def test_a_bodys_name_with_and_in_it_is_one_actor(actors_of):
    actors = actors_of("The plan came from the Department for Culture and Sport on Monday. The Department for "
                       "Culture and Sport said it would cost less.")
    assert find(actors, "Department for Culture and Sport").type == "organisation" and "Sport" not in actors


def test_a_role_without_its_holder_is_not_an_actor(actors_of):
    actors = actors_of("The union's General Secretary said talks would resume. The Secretary gave no date.")
    assert not {"Secretary", "General Secretary"} & set(actors)


def test_a_plural_role_before_two_names_is_each_ones_role(actors_of):
    actors = actors_of("The panel postponed its ruling on sprinters Nikos Pappas and Elena Marou for a week.")
    assert find(actors, "Nikos Pappas").role == "sprinter" and find(actors, "Elena Marou").role == "sprinter"


def test_a_capitalised_plural_title_before_names_is_each_ones_title(actors_of):
    text = "Senators Ann Lee and Tom Hale voted against the budget on Monday."
    actors = actors_of(text)
    assert find(actors, "Ann Lee").role == "Senator" and find(actors, "Tom Hale").role == "Senator"
    with switched_off("role.plural-title"):
        assert find(actors_of(text), "Tom Hale").role is None
    leaders = actors_of("Prime Ministers John Clark and Peter Hill signed the treaty in Calder.")
    assert find(leaders, "John Clark").role == "Prime Minister" and find(leaders, "Peter Hill").role == "Prime Minister"
    sides = actors_of("Rangers Tom Hale and Ann Lee scored twice against Calder on Saturday.")
    assert not any(a.role for a in sides.values())  # a side's plural, not a title


@pytest.mark.parametrize("text", ["The two ministers, John Clark and Peter Hill, resigned on Friday.",
                                  "Both ministers, John Clark and Peter Hill, resigned on Friday."])
def test_a_plural_role_s_count_is_no_part_of_each_ones_role(actors_of, text):
    actors = actors_of(text)
    assert find(actors, "John Clark").role == "minister" and find(actors, "Peter Hill").role == "minister"


@pytest.mark.parametrize("text, name, role", [
    ("The head of Calder's trade mission in Veldra, Mira Osei, said the harvest was late.", "Mira Osei",
     "head of Calder's trade mission in Veldra"),
    ("Calder's envoy to Veldra, Tom Hale, was recalled on Monday.", "Tom Hale", "Calder's envoy to Veldra"),
])
def test_a_name_between_the_subject_s_role_and_its_verb_holds_that_role(actors_of, text, name, role):
    assert find(actors_of(text), name).role == role
    with switched_off("role.subject-apposition"):
        assert find(actors_of(text), name).role != role
    assert find(actors_of("The talks in Veldra, Tom Hale, were long and tiring."), "Tom Hale").role is None


@pytest.mark.parametrize("text, name, role", [
    ("Tom Hale, appointed chief judge in 2019, retired on Monday.", "Tom Hale", "chief judge"),
    ("Tom Hale, elected mayor in 2019, retired on Monday.", "Tom Hale", "mayor"),
    ("Ann Lee, named finance minister last year, resigned on Monday.", "Ann Lee", "finance minister"),
])
def test_a_participle_of_taking_office_after_the_name_states_the_role(actors_of, text, name, role):
    assert find(actors_of(text), name).role == role
    assert find(actors_of("Ann Lee, named in the report, resigned on Monday."), "Ann Lee").role is None


@pytest.mark.parametrize("text, name, role", [
    ("Paul Dent, who was recently appointed chief judge, opened the bridge.", "Paul Dent", "chief judge"),
    ("Tom Hale, made captain last year, scored twice on Monday.", "Tom Hale", "captain"),
    ("Ann Lee, newly promoted to finance minister, resigned on Monday.", "Ann Lee", "finance minister"),
])
def test_after_a_comma_or_who_was_the_same_participles_and_adverbs_of_taking_office_give_the_office(
        actors_of, text, name, role):
    assert find(actors_of(text), name).role == role


@pytest.mark.parametrize("text, name, role", [
    ("Calder water board engineer Ann Lee said the pipes were old.", "Ann Lee", "Calder water board engineer"),
    ("Calder trade mission director Mira Osei said the harvest was late.", "Mira Osei",
     "Calder trade mission director"),
])
def test_a_role_of_several_nouns_before_the_name_is_kept_whole(actors_of, text, name, role):
    assert find(actors_of(text), name).role == role


def test_a_government_level_before_an_abbreviated_title_stays_with_it(actors_of):
    actors = actors_of("At the fair, state Sen. Ann Lee handed out the prizes. Sen. Tom Hale judged the pies.")
    assert find(actors, "Ann Lee").role == "state Sen." and find(actors, "Tom Hale").role == "Sen."


@pytest.mark.parametrize("text, name, kind", [
    ("The remains were found in Beaucamps-Ligny, France, last year.", "Beaucamps-Ligny", "place"),
    ("Investors bought shares in Vantrex after the results were published.", "Vantrex", "organisation"),
])
def test_the_words_around_a_name_tell_its_type(actors_of, text, name, kind):
    assert find(actors_of(text), name).type == kind


@pytest.mark.parametrize("text, forms", [
    ("The Islamic State (ISIS) seized the town on Monday. ISIS later retreated from the area.",
     ["Islamic State", "ISIS"]),
    ("Police arrested Omar Haddad, also known as Abu Layla, in Leeds. Abu Layla denied the charges.",
     ["Omar Haddad", "Abu Layla"]),
])
def test_names_the_text_says_are_one_are_one_actor(actors_of, text, forms):
    actors = actors_of(text)
    assert len({id(find(actors, form)) for form in forms}) == 1


@pytest.mark.parametrize("text, name", [
    ("Russian Igor Kolyvanov scored twice on Sunday. Kolyvanov was named man of the match.", "Igor Kolyvanov"),
    ("Defender Hassan Abbas was sent off in the second half. Abbas will miss the next game.", "Hassan Abbas"),
])
def test_a_descriptor_glued_to_a_name_is_no_part_of_it(actors_of, text, name):
    assert find(actors_of(text), name).name == name


def test_a_bodys_name_the_tagger_cut_at_an_ampersand_is_whole(actors_of):
    actors = actors_of("The company was sold to Daily Mail & General Trust last year.")
    assert "Daily Mail & General Trust" in actors and "Daily Mail" not in actors


def test_a_numbered_unit_cut_by_the_tagger_is_one_body(actors_of):
    actors = actors_of("He served with the 2nd Battalion York and Lancaster Regiment in France.")
    assert find(actors, "2nd Battalion York and Lancaster Regiment").type == "organisation"
    assert "Lancaster Regiment" not in actors


def test_a_word_the_parser_reads_as_an_adjective_is_not_a_name(actors_of):
    assert "Draconian" not in actors_of("It was, she said, very Draconian.")
    assert not actors_of("Leaders discussed Euro-Atlantic security on Monday.")


@pytest.mark.parametrize("text, person, role", [
    ("The case will be heard in March, said one of their lawyers, Nikos Andreou.", "Nikos Andreou", "lawyer"),
    ("The plan was criticised by Professor Ann Hale of the medical school.", "Ann Hale", "Professor"),
    ("Omar Saleh, the Jordanian ambassador to the United Nations, warned of a crisis.", "Omar Saleh",
     "Jordanian ambassador to the United Nations"),
])
def test_roles_of_one_of_a_group_and_academic_titles(actors_of, text, person, role):
    assert find(actors_of(text), person).role == role


@pytest.mark.parametrize("text, person, junk", [
    ("The Shadow Secretary of State for Health, Andrew Lansley, said: \"These plans were announced by Gordon "
     "Brown in December.\"", "Gordon Brown", {"Shadow", "State"}),
    ("Maternity pay is to rise under proposals announced by the Trade and Industry Secretary Patricia Hewitt.",
     "Patricia Hewitt", {"Trade and Industry", "the Trade and Industry"}),
])
def test_words_of_an_office_are_not_actors(actors_of, text, person, junk):
    actors = actors_of(text)
    assert find(actors, person).type == "person"
    assert not junk & set(actors)


def test_a_party_named_in_short_is_the_party_not_a_person(actors_of):
    actors = actors_of("On Monday Lib Dem committee chairman Alan Beith warned that deleting e-mails could be a "
                       "crime. He said there was clear guidance in a code from the lord chancellor. The Lib Dems "
                       "will raise the matter in Parliament.")
    party = find(actors, "Lib Dem")
    assert party.type == "organisation" and party is find(actors, "Lib Dems")
    assert party.role is None


def test_a_shadow_office_is_not_the_office(actors_of):
    actors = actors_of("Shadow Home Secretary David Davis said the bill was flawed. The Home Secretary defended "
                       "the bill in the Commons on Tuesday.")
    assert find(actors, "David Davis").role == "Shadow Home Secretary"
    assert all(r.title != "Home Secretary" for r in find(actors, "David Davis").roles)


def test_a_surname_with_a_womans_and_a_mans_honorific_names_two_people(actors_of):
    actors = actors_of("Tory leader Michael Howard's wife will play a leading role in the election campaign. "
                       "Mrs Howard will make solo visits to target seats. Mr Howard will host a news conference "
                       "every morning. Mrs Howard made her first speech at the party conference.")
    wife = find(actors, "Mrs Howard")
    assert wife.type == "person" and wife.name != "Michael Howard"
    assert "Mrs Howard" not in find(actors, "Michael Howard").aliases


@pytest.mark.parametrize("text, name, kind, role", [
    ("Rick Egelton, deputy chief economist at BMO Financial Group, said the figures were weak.",
     "Rick Egelton", "person", "deputy chief economist at BMO Financial Group"),
    ("Japanese carmaker Mitsubishi Motors said it would cut 1,000 jobs. Mitsubishi shares fell.",
     "Mitsubishi Motors", "organisation", None),
])
def test_the_head_of_a_stated_role_says_person_or_body(actors_of, text, name, kind, role):
    actor = find(actors_of(text), name)
    assert (actor.type, actor.role) == (kind, role)


def test_a_full_name_tagged_a_person_outweighs_its_surname_tagged_a_body(actors_of):
    actors = actors_of("Novelist Arthur Hailey has died at the age of 84. Hailey was born in Luton in 1920. Hailey "
                       "wrote his first screenplay on a flight to Toronto. Hailey later recalled the flight. The book "
                       "made Hailey famous.")
    assert find(actors, "Arthur Hailey").type == "person"


def test_a_clause_after_a_comma_is_not_a_role(actors_of):
    actors = actors_of("It's very disappointing for me and also for Paddy, but I had to because as a manager, I'm "
                       "responsible to win. Paddy McNair was substituted.")
    assert find(actors, "Paddy McNair").role is None


def test_an_office_goes_to_its_holder_of_somewhere(actors_of):
    actors = actors_of("Dr Tom Wright, the Bishop of Durham, said the plot was laughable. Novelist Dan Brown's "
                       "book has sold millions. Alan Clarke, a reader, liked it. The Bishop said the evidence was "
                       "good.")
    assert [r.title for r in find(actors, "Alan Clarke").roles] == ["reader"]
    assert [r.title for r in find(actors, "Tom Wright").roles][0] == "Bishop of Durham"
    assert all(r.title != "Bishop" for r in find(actors, "Dan Brown").roles)


def test_an_office_named_in_passing_is_not_given_to_someone_named_in_passing(actors_of):
    actors = actors_of("Richard Thomas, the information commissioner, condemned the deletions. Tory leader Michael "
                       "Howard wrote to Tony Blair. Mr Thomas said guidance came in a code from the lord chancellor.")
    assert find(actors, "Tony Blair").roles == []


def test_a_name_in_a_list_with_a_word_of_its_own_does_not_take_the_first_ones_role(actors_of):
    actors = actors_of("A number of celebrities turned out for the premiere, including actress Barbara Windsor, "
                       "comic Graham Norton and Sir Richard Attenborough.")
    assert find(actors, "Barbara Windsor").role == "actress"
    assert find(actors, "Graham Norton").role == "comic"
    assert find(actors, "Richard Attenborough").role is None


def test_what_works_are_said_to_include_are_works(actors_of):
    actors = actors_of("The actor, whose films include Schindler's List and Michael Collins, said the theatre "
                       "mattered. Liam Neeson spoke in New York.")
    assert "Michael Collins" not in actors and "Schindler" not in actors
    assert find(actors, "Liam Neeson").type == "person"


def test_a_plural_role_is_shared_though_later_names_have_their_own(actors_of):
    actors = actors_of("A panel of literary experts, including novelists Hari Kunzru and Ali Smith, director Sir "
                       "Richard Eyre and comedian Alexei Sayle chose the winner.")
    assert [find(actors, n).role for n in ("Hari Kunzru", "Ali Smith", "Richard Eyre", "Alexei Sayle")] == [
        "novelist", "novelist", "director", "comedian"]


def test_an_office_before_a_thing_it_names_refers_to_no_one(actors_of):
    actors = actors_of("Pam Ferris and Kelly Reilly are nominated. Richard Griffiths will battle it out for the best "
                       "actor award with Douglas Hodge.")
    assert all(a.role is None for a in actors.values())


def test_an_acronym_the_tagger_once_calls_a_body_is_a_body(actors_of):
    actors = actors_of("UK telco BT is serious about the idea and has launched its Connected World initiative. The "
                       "art world is rich, said Frank Stone, head of BT's business sector programmes. BT wants to get "
                       "in with artists. BT's own engine has been in development since 2001.")
    assert find(actors, "BT").type == "organisation"
    assert find(actors, "UK").type == "place"


def test_a_full_stop_the_tagger_took_in_is_no_part_of_the_name(actors_of):
    actors = actors_of("Hollywood film star Liam Neeson has held a dinner party in New York to promote Belfast's "
                       "Lyric Theatre.\n\nThe Ballymena-born actor said that the theatre was in a poor condition.")
    assert "Lyric Theatre" in actors and "Lyric Theatre." not in actors


def test_a_qualified_office_is_not_guessed_for_someone_with_no_role(actors_of):
    actors = actors_of("Barack Obama met Hillary Clinton in Washington. Hillary Clinton said the talks went well. "
                       "The Russian legislative leader said sanctions would fail.")
    assert find(actors, "Hillary Clinton").roles == [] and find(actors, "Barack Obama").roles == []


def test_an_office_with_its_scope_is_the_office_named_alone(actors_of):
    actors = actors_of("Lukman Faily, the Iraqi ambassador to the United States, spoke in Washington. Osama bin "
                       "Laden was named in the report. The Iraqi ambassador said more help was needed.")
    assert find(actors, "Osama bin Laden").roles == []
    assert [r.title for r in find(actors, "Lukman Faily").roles] == ["Iraqi ambassador to the United States",
                                                                    "Iraqi ambassador"]


def test_a_title_takes_neither_the_day_after_the_name_nor_leaves_half_a_hyphenated_surname(actors_of):
    actors = actors_of("The state has sworn in Raquel Montoya-Lewis. \"Because Judge Montoya-Lewis is Native "
                       "American, many will focus on it,\" the governor said. Governor John Rankin Thursday called "
                       "for calm. I will call the Acting Premier Honourable Natalio Wheatley tomorrow.")
    judge = find(actors, "Raquel Montoya-Lewis")
    assert judge.mentions == 2 and "Montoya" not in actors
    assert find(actors, "John Rankin").role == "Governor" and not any("Thursday" in n for n in actors)
    assert find(actors, "Natalio Wheatley").role == "Acting Premier"


def test_a_rank_opening_a_firms_name_stays_in_it(actors_of):
    actors = actors_of("Private Harbour Partners bought the mill, Colonel Ann Lee said. The deal was led by General "
                       "Calder Holdings, and Captain Tom Hale stayed out. Senator Emily Post voted against.")
    assert find(actors, "Private Harbour Partners").type == find(actors, "General Calder Holdings").type == "organisation"
    assert find(actors, "Ann Lee").role == "Colonel" and find(actors, "Tom Hale").role == "Captain"
    assert find(actors, "Emily Post").role == "Senator"  # a newspaper's word is a surname too
    assert not {"Harbour Partners", "Calder Holdings"} & set(actors)


def test_a_name_after_a_person_of_or_at_it_is_where_they_work(actors_of):
    actors = actors_of("Yet aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein says the revenues will be "
                       "short.")
    assert find(actors, "Dresdner Kleinwort Wasserstein").type == "organisation"
    assert find(actors, "Mike Powell").role == "aviation analyst"


def test_a_day_or_month_the_tagger_calls_a_name_is_no_actor():
    from briefing.analysis.document import Document, Mention, Unit

    text = "The justice was sworn in on January 6 by Jay Inslee."
    mentions = tuple(Mention(text=name, label=label, start=text.index(name), end=text.index(name) + len(name),
                             sentence=0) for name, label in (("January", "ORG"), ("Jay Inslee", "PERSON")))
    document = Document(article=Article(id="x", text=text), mentions=mentions,
                        sentences=(Unit(text=text, start=0, end=len(text), paragraph=0),))
    assert [a.name for a in extract_actors(document)] == ["Jay Inslee"]


@pytest.mark.parametrize("text, form, name", [
    ("Dencia said Lancome was wrong. Fans wrote: 'She is the new face of Lancôme!' Lancome declined to comment.",
     "Lancôme", "Lancome"),
    ("The Economic and Social Research Council funded the study. The Economic Social Research Council said it "
     "would publish more.", "Economic Social Research Council", "Economic and Social Research Council"),
])
def test_a_name_written_with_and_without_accents_or_its_and_is_one_actor(actors_of, text, form, name):
    assert find(actors_of(text), form).name == name


@pytest.mark.parametrize("text, shown, junk", [
    ("Davis told the Palm Beach Post: 'They handcuffed me.'", "Palm Beach Post", "Palm Beach Post:"),
    ("Dad was a teacher, she said. He was awarded an MBE in 2010.", None, "Dad"),
    ("Dad was a teacher, she said. He was awarded an MBE in 2010.", None, "MBE"),
    ("His Honour Judge Neil Ford QC sentenced Hartley to three years.", "Neil Ford", "QC"),
])
def test_family_words_honours_and_punctuation_are_not_names(actors_of, text, shown, junk):
    actors = actors_of(text)
    assert junk not in actors
    assert shown is None or shown in actors


def test_a_surname_two_people_share_goes_with_the_one_honorific_given(actors_of):
    """Two brothers, Dmitri and Andrei Petrenko, then "Mr Petrenko" and "Petrenko" alone: one
    actor, not "Mr Petrenko" and "Petrenko" side by side (the shape of a CNN/DM report)."""
    names = list(actors_of(
        "A New Zealand engineer has spent eighteen months in a Peruvian jail without trial over a shipment of "
        "coca tea, and could be sentenced to twelve years if he is convicted. Dmitri Petrenko, whose wife and young "
        "son live in Auckland, was arrested at Lima airport in May last year. 'The authorities have refused every "
        "request to let Mr Petrenko see a doctor,' the Foreign Minister, Helen Ashby, wrote to the Petrenko "
        "family's local MP. Mr Petrenko had moved to Lima two years before his arrest to help his uncle run a tea "
        "import business. One of the charges brought against Petrenko and his uncle by Peru's anti-drug police is "
        "the import of nine tonnes of narcotics, although the tea is sold openly in Peruvian shops. Andrei "
        "Petrenko, Mr Petrenko's brother, who also lives in Auckland, said the family was losing hope. 'He has "
        "done nothing wrong and he has been locked away from the first day,' he said."))
    assert "Mr Petrenko" in names and "Petrenko" not in names


def test_a_long_body_name_with_lower_case_particles_is_whole(actors_of):
    actors = actors_of("The Organisation for Security and Cooperation in Europe (OSCE) postponed municipal "
                       "elections as a result of the irregularities.")
    assert find(actors, "OSCE").name == "Organisation for Security and Cooperation in Europe"


@pytest.mark.parametrize("text", [
    "Shares in First Bank System Inc. and Norwest Corp. rose on Monday.",
    "Her book My Own: The Life of Mary Queen of Scots won the prize.",
])
def test_two_companies_joined_and_a_works_title_are_not_one_name(actors_of, text):
    assert not [name for name in actors_of(text) if " and " in name or ":" in name]


def test_a_surname_alone_is_the_person_the_article_names_first(actors_of):
    """Sen. Paul Whitcombe is named first, then his wife Linda Whitcombe, a Martin Whitcombe and
    Sen. Paul Ostrander; "Whitcombe" and "Paul" alone are the senator (the shape of a Politico page)."""
    actors = actors_of(
        "State Sen. Paul Whitcombe's decision to step down, announced just two days before the filing deadline, "
        "has angered fellow Democrats who suspect he timed it to help a family friend.\n\n"
        "Whitcombe, who has held the seat since 2012, told a local radio station on Tuesday morning that he would "
        "not seek a fourth term.\n\n"
        "Hours later, Karen Doyle, a school board member who is close to Linda Whitcombe, the senator's wife, filed "
        "to run for the seat. Records show that her campaign website was registered in October by a Martin "
        "Whitcombe, who appears to be the senator's cousin.\n\n"
        '"It was planned, and everyone knows it," said Joe Farris, a county commissioner. "Whitcombe owed it to '
        'the party to give people a fair chance."\n\n'
        '"Paul has always done things his own way," said Anne Kirby, the county party chair.\n\n'
        "Some legislators said that, had they known Whitcombe was leaving, they could have found a seat for Sen. "
        "Paul Ostrander, whose district was split up in redistricting last year. Ostrander said on Wednesday that "
        "he would not run.", title="Whitcombe accused of timing his exit to help a family friend")
    assert {"Whitcombe", "Paul"} <= set(find(actors, "Paul Whitcombe").aliases)
    assert "Whitcombe" not in find(actors, "Linda Whitcombe").aliases
    assert "Whitcombe" not in find(actors, "Martin Whitcombe").aliases
    assert "Paul" not in find(actors, "Paul Ostrander").aliases


@pytest.mark.parametrize("marker, name", [
    ("Carolina Kluft", "Alistair Cragg"),  # speaks in the first person: '"So I kept on the pace," said Cragg'
    ("Carolina Kluft", "Carolina Kluft"),  # "the Olympic heptathlon champion", though she wins
    ("believes Phillips Idowu", "Phillips Idowu"),  # called "Idowu", as a person is, not a body
])
def test_athletes_the_tagger_calls_bodies_are_people_by_their_words(parse, marker, name):
    """Real BBC reports whose athletes the tagger calls organisations."""
    import json

    from conftest import DATA

    record = next(r for r in map(json.loads, (DATA / "bbc-dev.jsonl").read_text().splitlines())
                  if marker in r["text"])
    assert find({a.name: a for a in extract_actors(parse(record["text"]))}, name).type == "person"


def test_a_family_named_by_its_surname_is_none_of_its_members(actors_of):
    actors = actors_of("Zoe Anderson, 24, died at the home of her father, publisher Chris Anderson. The judge "
                       "said the suffering of the Anderson family was great.")
    assert "Anderson" not in find(actors, "Zoe Anderson").aliases + find(actors, "Chris Anderson").aliases


def test_a_surname_alone_joins_the_one_honorific_form_given_it(actors_of):
    actors = actors_of("Mrs Patel was elected on Thursday. Voters said Patel had won easily. Patel thanked them.")
    assert list(actors) == ["Mrs Patel"]


# Error classes seen on news the rules were not written for; each sentence is our own.

@pytest.mark.parametrize("text, name", [
    ("Mayor Ana de Souza opened the bridge on Monday. De Souza said it was late.", "Ana de Souza"),
    ("The court heard from Judge Pieter van der Merwe, who led the inquiry.", "Pieter van der Merwe"),
])
def test_a_name_is_not_cut_at_a_surname_particle(actors_of, text, name):
    actors = actors_of(text)
    assert find(actors, name).type == "person"
    assert not {"Ana", "Pieter", "Merwe"} & set(actors)


def test_a_place_before_born_or_area_is_a_place(actors_of):
    assert find(actors_of("The Lisbon-born singer toured Spain."), "Lisbon").type == "place"


def test_a_closing_note_on_the_author_names_no_actors(actors_of):
    actors = actors_of("Calder Group said on Monday it would close the mill in Leeds.\n\n"
                       "Tom Hale, the mayor, said the town would miss it.\n\n"
                       "Ann Moss is a consultant and a former director of the Veldra Media Network at UCLA.")
    assert {"Calder Group", "Leeds", "Tom Hale"} <= set(actors)
    assert not {"Ann Moss", "UCLA"} & set(actors)
    closing = actors_of("Calder Group said on Monday it would close the mill.\n\n"
                        "Ann Moss, a consultant who advised the owners, said it was a sad day.")
    assert "Ann Moss" in closing  # a last word from someone new is the story's
    again = actors_of("Ann Moss advised Calder Group on the sale.\n\nAnn Moss is a consultant in Leeds.")
    assert "Ann Moss" in again  # the story named her before


def test_a_vice_title_is_the_role_whole(actors_of):
    assert find(actors_of("Vice-President Ann Lee visited the plant on Monday."), "Ann Lee").role == "Vice-President"


def test_a_full_name_shows_a_knighthood_but_no_other_honorific(actors_of):
    actors = actors_of("Dr Ann Lee and Sen. Tom Hale met Sir Ian Moss in Leeds. Mr Hale left early.")
    assert {"Ann Lee", "Tom Hale", "Sir Ian Moss"} <= set(actors)


@pytest.mark.parametrize("text, role", [
    ("Clashes erupted between supporters of ousted President Ann Hale and the police.", "ousted President"),
    ("Mourners gathered for the late Prime Minister Tom Vale on Sunday.", "late Prime Minister"),
])
def test_a_title_s_standing_in_lower_case_stays_with_it(actors_of, text, role):
    (actor,) = actors_of(text).values()
    assert [r.title for r in actor.roles] == [role]


@pytest.mark.parametrize("text, person, role", [
    ("Colin Hart, Calder Hotel Association, said the town was busy.", "Colin Hart", "Calder Hotel Association"),
    ("Ann Lee, Calder Rowing Club, told reporters she was happy.", "Ann Lee", "Calder Rowing Club"),
    # any verb of saying the speaker rules know: "insisted" and "admitted" as well as "said"
    ("Hotels were full. \"We have never been busier,\" insisted Ed Moss, Calder Hotel Association.", "Ed Moss",
     "Calder Hotel Association"),
    ("Ann Vale, Calder Chamber of Commerce, admitted the season had been long.", "Ann Vale",
     "Calder Chamber of Commerce"),
    ("Greek minister Nikos Papas met his Spanish counterpart Jose Ruiz in Madrid.", "Jose Ruiz",
     "Spanish counterpart of Nikos Papas"),
    ("Debbie Moss, the senator's wife, declined to comment.", "Debbie Moss", "senator's wife"),
    ("Ines Varga, now a senator, opened the fair.", "Ines Varga", "senator"),
    ("Sen. Jim Dale voted against the bill on Tuesday.", "Jim Dale", "Sen."),
    ("Rabbi Ezra Cohen led the prayers.", "Ezra Cohen", "Rabbi"),
    ("Prof Ines Varga said the samples were clean.", "Ines Varga", "Prof"),
])
def test_affiliations_and_relations_are_roles(actors_of, text, person, role):
    actor = find(actors_of(text), person)
    assert actor.type == "person" and actor.role == role


@pytest.mark.parametrize("text, person, role", [
    # an apposition whose place of work makes it long keeps the role and what it is of
    ("Tom Hale, an Australian professor of climate change at the University of Calder, said the ice was thin.",
     "Tom Hale", "Australian professor of climate change"),
    # a relative clause ends the apposition
    ("Wayne Hale, the mayor's deputy chief of staff and district director who has been eyeing the seat, "
     "did not know.", "Wayne Hale", "mayor's deputy chief of staff and district director"),
    # a relative clause of being, taking or holding office
    ("Paul Dent, who was elected mayor in May, opened the bridge.", "Paul Dent", "mayor"),
    ("Jim Dale, who served as ambassador to Spain, died on Monday.", "Jim Dale", "ambassador to Spain"),
    ("Lena Ford, who heads the nurses' union, said the offer was poor.", "Lena Ford", "head of the nurses' union"),
    ("Lena Ford, 52, who owns a bakery in Calder, said flour cost more.", "Lena Ford", "owner of a bakery in Calder"),
    # a predicate of office
    ("Tom Hale was later named high commissioner to Kenya.", "Tom Hale", "high commissioner"),
    ("Ann Lee became finance minister in 2019.", "Ann Lee", "finance minister"),
    ("Jim Dale was appointed chairman of the board last year.", "Jim Dale", "chairman of the board"),
    ("Ann Lee has served as ambassador to Spain since 2019.", "Ann Lee", "ambassador to Spain"),
    # ... with how long between the verb and "as"
    ("Tom Hale, who served two terms as mayor of Calder, died on Monday.", "Tom Hale", "mayor of Calder"),
    # ... after "as": opening the clause, or after a verb of appointing
    ("As treasurer, Ann Pell cut the club's costs.", "Ann Pell", "treasurer"),
    ("Tom Hale, who was elected in 2019 as mayor, opened the bridge.", "Tom Hale", "mayor"),
    ("Jim Dale was appointed as chairman of the board.", "Jim Dale", "chairman of the board"),
    ("Ann Lee resigned as chairman of the club on Monday.", "Ann Lee", "chairman of the club"),
    ("Tom Hale, who stepped down as manager in May, said he had no regrets.", "Tom Hale", "manager"),
    ("Ann Pell was sacked as coach after six defeats.", "Ann Pell", "coach"),
    ("Tom Hale was sworn in as mayor on Monday.", "Tom Hale", "mayor"),
    ("Tom Hale, who retired as a judge last year, said the ruling was wrong.", "Tom Hale", "judge"),
    # ... the object of a verb of appointing, its office after "as"
    ("The trust named Mia Stroud as chair on Monday.", "Mia Stroud", "chair"),
    ("The club hired Ruth Abelow as its new finance director in March.", "Ruth Abelow", "new finance director"),
    # a relation owned by the clause's named subject
    ("The French minister Paul Roux met his Spanish counterpart Jose Ruiz in Madrid.", "Jose Ruiz",
     "Spanish counterpart of Paul Roux"),
    ("Harwood Foods said its chief executive Ann Lee would leave.", "Ann Lee", "chief executive of Harwood Foods"),
    ("Tom Hale and his lawyer Mira Patel left the court.", "Mira Patel", "lawyer of Tom Hale"),
    # an affiliation: a body's name in apposition, or the body a person is "of"
    ("Ann Lee, Harwood Chamber of Commerce, said trade was slow.", "Ann Lee", "Harwood Chamber of Commerce"),
    ("Tom Hale, of the Calder Institute, said the figures were grim.", "Tom Hale", "Calder Institute"),
    ("Cara Dent of IT firm Harwood Data said customers were impatient.", "Cara Dent", "Harwood Data"),
    # a title whole: cut at neither hyphen, nor its "then-"
    ("The campaign is run by Tom Hale, her son-in-law and chief of staff.", "Tom Hale", "son-in-law"),
    ("He won the seat in 2012 when then-Rep. Heath Moss retired.", "Heath Moss", "then-Rep."),
])
def test_roles_stated_in_appositions_clauses_predicates_and_relations(actors_of, text, person, role):
    assert find(actors_of(text), person).role == role


@pytest.mark.parametrize("text", ["Ann Lee was not named finance minister.",
                                  "Ann Lee could become finance minister next year.",
                                  "Tom Hale, who runs marathons, said he was tired.",
                                  "As a child, Ann Lee lived in Calder."])
def test_an_office_denied_only_possible_or_no_office_is_no_role(actors_of, text):
    assert all(a.roles == [] for a in actors_of(text).values())


def test_a_name_ending_in_a_numeral_and_a_stray_full_stop_drops_the_stop(actors_of):
    actors = actors_of("The king Francois I. was crowned in Reims.")
    assert "Francois I" in actors and "Francois I." not in actors


def test_a_dateline_place_named_nowhere_else_is_no_actor(actors_of):
    assert "Austin" not in actors_of("AUSTIN, Texas -- The council met on Monday to vote on the budget.")
    # below the article's opening lines, where cleaning leaves a dateline be (a roundup's second dispatch)
    roundup = actors_of("Teachers' pensions: the week's votes.\nRetired teachers won a raise in two states.\n"
                        "AUSTIN, Texas — Texas voters passed the increase for retired teachers on Tuesday.")
    assert "Texas" in roundup and not {"AUSTIN", "Austin"} & set(roundup)
    assert "Austin" in actors_of("AUSTIN, Texas -- The council met on Monday. Austin has grown fast since 2000.")


@pytest.mark.parametrize("text, event", [
    ("Calder Prize judges said the shortlist was strong.", "Calder Prize"),
    ("The Calder Tournament said ticket sales were up.", "Calder Tournament"),
    ("Sales rose on Cyber Monday, Harwood Ceremony officials said.", "Harwood Ceremony"),
])
def test_prizes_tournaments_and_ceremonies_are_no_actors(actors_of, text, event):
    assert event not in actors_of(text)


@pytest.mark.parametrize("text, body", [
    ("The Harwood Guild voted to strike.", "Harwood Guild"),
    ("Ann Lee sold the painting through Harwood Auctioneers last year.", "Harwood Auctioneers"),
    ("Tom Hale Gallery said the show would open.", "Tom Hale Gallery"),
])
def test_bodies_named_by_their_kind_are_organisations(actors_of, text, body):
    assert find(actors_of(text), body).type == "organisation"


def test_a_name_ending_its_sentence_in_a_numeral_leaves_the_full_stop(actors_of):
    actors = actors_of("The crown passed to Francois I. He ruled for decades.")
    assert "Francois I" in actors and "Francois I." not in actors


def test_a_possessive_does_not_swallow_what_the_person_owns(actors_of):
    assert find(actors_of("Later, Tom Hale’s Calder-based firm was sold. Hale declined to comment."),
                "Tom Hale").type == "person"
    actors = actors_of("Rep. Mark Walker said the map was unfair. Walker’s Calder-area district was redrawn.")
    assert find(actors, "Mark Walker").mentions == 2


@pytest.mark.parametrize("text, state", [
    ("Historians say the German Reich annexed Austria in 1938 after months of pressure.", "German Reich"),
    ("The Mughal Empire ruled most of India by 1700, the curator said.", "Mughal Empire"),
])
def test_a_nationality_and_a_state_noun_name_one_state_a_place(actors_of, text, state):
    actors = actors_of(text)
    assert find(actors, state).type == "place"
    assert not [name for name, a in actors.items() if a.type == "person"]


def test_a_word_that_modifies_a_day_s_name_is_no_actor(actors_of):
    actors = actors_of("Voters in fourteen states went to the polls on Super Tuesday, and Senator Ann Tate "
                       "won in Texas. Her rivals hope to do better after Super Tuesday.")
    assert "Super" not in actors and find(actors, "Ann Tate").type == "person"
    told = actors_of("In an interview on the cable network CNBC Friday, Governor Ann Lee said the plan was sound.")
    assert find(told, "CNBC").type == "organisation"


def test_a_party_s_members_in_the_plural_are_the_party_in_an_article_about_politics(actors_of):
    actors = actors_of("Democrats in the Senate blocked the bill on Thursday, and Republicans vowed to bring it "
                       "back before the election.")
    assert find(actors, "Democrats").type == "organisation" and find(actors, "Republicans").type == "organisation"
    assert find(actors_of("Greens and Socialists formed a coalition after the election."), "Greens").type == "organisation"
    assert find(actors_of("Greens and Socialists share a flat in Leeds, the landlord said."), "Greens").type == "group"


@pytest.mark.parametrize("text, name", [
    ("Astronomers mapped a billion stars across the Milky Way, the team said.", "Milky Way"),
    ("The probe will leave the Solar System in 2030, Ann Lee of the Calder Space Agency said.", "Solar System"),
])
def test_the_galaxy_and_the_solar_system_are_no_actors(actors_of, text, name):
    assert name not in actors_of(text)


@pytest.mark.parametrize("text, signers, kept", [
    ("Calder council votes to close library\n\nBy Jane Holt and Omar Said, Calder Post\n\n"
     "The council voted on Tuesday to close the library, Councillor Tom Reed said. The vote was close.",
     ["Jane Holt", "Omar Said", "Calder Post"], "Tom Reed"),
    ("VELDRA (Harwood Wire) - The Veldran senate passed the budget on Friday, Senator Anne Roux said. "
     "The vote was close.", ["Harwood Wire"], "Anne Roux"),
    ("By Friday, Ann Lee had quit the board of Calder Mills.\n\nShe said the vote was close.", [], "Ann Lee"),
    ("Council votes to close library\n\nJane Holt\nPolitical correspondent\n\nThe council voted on Tuesday to "
     "close the library, Councillor Tom Reed said. The vote was close.", ["Jane Holt"], "Tom Reed"),
])
def test_a_byline_and_a_dateline_s_agency_sign_the_story_and_are_no_actors(actors_of, text, signers, kept):
    actors = actors_of(text)
    assert not [s for s in signers if s in actors] and find(actors, kept).type == "person"


def test_a_byline_s_outlet_named_in_the_story_is_an_actor(actors_of):
    actors = actors_of("By Jane Holt, Calder Post\n\nThe mayor resigned on Monday. She told the Calder Post the "
                       "decision was hers alone.")
    assert "Jane Holt" not in actors and find(actors, "Calder Post").type == "organisation"


@pytest.mark.parametrize("text, shown, hidden", [
    ("Michael Bloomberg spent heavily in the race. Rivals called him Mini Mike at a rally, and Mini Mike hit "
     "back on Friday.", "Michael Bloomberg", "Mini Mike"),
    ("Mayor Ann Lee opened the bridge on Monday. Bill told the crowd it was a proud day for the town.",
     "Ann Lee", "Bill"),
])
def test_a_nickname_or_a_familiar_first_name_alone_is_no_actor(actors_of, text, shown, hidden):
    actors = actors_of(text)
    assert hidden not in actors and find(actors, shown).type == "person"


def test_a_familiar_first_name_with_its_full_name_is_that_person(actors_of):
    actors = actors_of("Bill Harmon chairs the council. Bill said he would not stand again.")
    assert find(actors, "Bill Harmon").mentions == 2


@pytest.mark.parametrize("text, outlet", [
    ("Speaking to Le Monde, the minister said the plan would go ahead.", "Le Monde"),
    ("The minister told Le Monde on Monday that the plan would go ahead.", "Le Monde"),
])
def test_an_outlet_spoken_to_is_a_body_not_a_place(actors_of, text, outlet):
    assert find(actors_of(text), outlet).type == "organisation"


def test_a_prize_won_is_no_actor(actors_of):
    actors = actors_of("The film Red Harbour won the Golden Bear at the festival, and director Tom Vale thanked "
                       "the cast. The Calder Council received the Silver Anchor last year.")
    assert "Golden Bear" not in actors and "Silver Anchor" not in actors
    assert find(actors, "Tom Vale").type == "person" and find(actors, "Calder Council").type == "organisation"


def test_a_name_of_a_system_or_a_scheme_is_no_actor(actors_of):
    actors = actors_of('The city of Harwood has begun ending the country\'s reviled "Work For Rent" (WFR) system, '
                       "officials said. The WFR system was set up in 1957. The minister also defended the Calder "
                       "scheme, and Calder Council said it would appeal.")
    assert not {"Work For Rent", "WFR", "Calder"} & set(actors)
    assert find(actors, "Harwood").type == "place" and find(actors, "Calder Council").type == "organisation"
    assert find(actors_of("The EU scheme sets compensation for delayed flights."), "EU").type == "organisation"
    assert "QRE" not in actors_of('Officials began ending the "Quiet Rest Exile" (QRE) system. Courts stopped hearing '
                                  "QRE cases in March.")


@pytest.mark.parametrize("text, body", [
    ("A spokesman for the Agency of Re-education Through Farming declined to comment.",
     "Agency of Re-education Through Farming"),
    ("There are no figures from the Bureau of Re-education Through Labor under the Ministry of Justice.",
     "Bureau of Re-education Through Labor"),
])
def test_a_body_s_name_cut_at_a_hyphenated_word_is_one_body(actors_of, text, body):
    actors = actors_of(text)
    assert find(actors, body).type == "organisation" and not {"Farming", "Labor"} & set(actors)


@pytest.mark.parametrize("text, body", [
    ("Astronomers at the Calder Observatory mapped a billion stars, the team said.", "Calder Observatory"),
    ("Researchers at the Veldra AI Lab said the model had been trained on public data.", "Veldra AI Lab"),
])
def test_an_observatory_or_a_lab_is_a_body(actors_of, text, body):
    assert find(actors_of(text), body).type == "organisation"
