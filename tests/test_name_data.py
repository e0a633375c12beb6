"""The name data (data/names.yaml) and the word classes of the actor rules (data/actors.yaml) as
validated data: no word twice in a list, no word in two lists that contradict each other unless
`shared_words` says how the uses are told apart, one canonical name per form, and a reason for
every curated entry that is no closed class."""

from importlib import resources

import yaml

RAW = yaml.safe_load(resources.files("briefing").joinpath("data/names.yaml").read_text(encoding="utf-8"))
LEXICONS = yaml.safe_load(resources.files("briefing").joinpath("data/actors.yaml").read_text(encoding="utf-8"))

#: Lists whose meanings exclude each other: a word in both would make one rule undo another.
EXCLUSIVE = {
    "not_actors": ("titles", "role_nouns", "honorifics", "organisation_words", "team_words", "body_nouns"),
    "role_nouns": ("body_nouns", "work_nouns", "honorifics", "not_actor_endings"),
    "body_nouns": ("work_nouns",),
    "organisation_words": ("place_words", "street_words", "not_actor_endings", "table_words"),
    "team_words": ("place_words", "street_words", "not_actor_endings", "table_words"),
    "table_words": ("body_nouns", "role_nouns"),
    "place_words": ("street_words", "not_actor_endings"),
    "place_nouns": ("body_nouns", "organisation_words", "side_nouns", "side_roles", "work_nouns", "role_nouns"),
    "side_nouns": ("work_nouns",),
    "side_roles": ("body_nouns", "work_nouns"),
    "acting_verbs": ("naming_verbs",),
    "company_endings": ("place_words", "street_words", "team_words", "not_actors"),
    "surname_particles": ("after_place",),
    "state_nouns": ("organisation_words", "team_words", "not_actor_endings"),
    "party_members": ("role_nouns", "body_nouns"),
    "person_possessives": ("body_possessives",),
    "people_endings": ("short_people_endings",),
}
#: Lists that narrow another: every word of the first is in the second.
NARROWER = {"portfolio_titles": "titles", "scheduled": "scheduling_verbs", "company_endings": "organisation_words",
            "body_name_joins": "name_particles", "role_object_prepositions": "office_scope_prepositions"}


#: Lists of names.yaml that map a name to its other forms, and lists that give each entry its own reason.
GAZETTEERS = ("places", "organisations", "agencies")
REASONED = ("not_actors", "shared_words")
#: Every other list of names.yaml groups its words under the class each group stands for.
GROUPED = tuple(key for key in RAW if key not in GAZETTEERS + REASONED)


def words(key: str) -> list[str]:
    value = RAW[key] if key in RAW else LEXICONS[key]
    entries = [w for group in value.values() for w in group] if key in GROUPED or key in LEXICONS else list(value)
    return [w.lower().rstrip(".") for w in entries]


def test_no_list_holds_a_word_twice():
    for key in GROUPED:
        assert len(set(words(key))) == len(words(key)), f"{key}: {sorted(w for w in words(key) if words(key).count(w) > 1)}"


def test_each_class_of_words_says_why_and_holds_words():
    for key, classes in [*LEXICONS.items(), *((k, RAW[k]) for k in GROUPED)]:
        assert isinstance(classes, dict) and classes, f"{key}: a mapping of why -> words"
        for why, entries in classes.items():
            assert isinstance(why, str) and len(why.split()) >= 2, f"{key}: {why!r} says no why"
            # YAML reads a bare on/off/yes/no as a truth value: such a word must be quoted
            assert entries and all(isinstance(w, str) and w for w in entries), f"{key}: {why}: {entries}"
        assert len(set(words(key))) == len(words(key)), f"{key}: {sorted(w for w in words(key) if words(key).count(w) > 1)}"
    assert not LEXICONS.keys() & RAW.keys(), "a list is in names.yaml and actors.yaml"


def test_narrower_lists_stay_inside_the_lists_they_narrow():
    for narrow, wide in NARROWER.items():
        assert set(words(narrow)) <= set(words(wide)), f"{narrow} not in {wide}: {set(words(narrow)) - set(words(wide))}"


def test_lists_that_exclude_each_other_share_only_the_explained_words():
    shared = {w.lower() for w in RAW["shared_words"]}
    for key, others in EXCLUSIVE.items():
        for other in others:
            both = set(words(key)) & set(words(other)) - shared
            assert not both, f"{key} and {other} both hold {sorted(both)}"
    assert all(isinstance(why, str) and why for why in RAW["shared_words"].values())


def test_each_form_names_one_actor():
    owner: dict[str, str] = {}
    for group in ("places", "organisations", "agencies"):
        for name, aliases in RAW[group].items():
            for form in [name, *(aliases or [])]:
                assert owner.setdefault(form.lower(), name) == name, f"{form!r}: {owner[form.lower()]} and {name}"
    known_again = [c for c in words("cities") if c in owner]
    assert not known_again, f"cities already known as places: {known_again}"
    assert not set(map(str.lower, RAW["not_actors"])) & owner.keys()


def test_every_curated_entry_says_why():
    """An entry of names.yaml is in a class that says why (a group), gives its own reason, or is
    a gazetteer's name; a new flat list fails here."""
    assert set(RAW) >= set(GAZETTEERS + REASONED)
    for key in REASONED:
        assert isinstance(RAW[key], dict), f"{key}: a mapping of entry -> why"
        assert all(isinstance(why, str) and len(why.split()) >= 2 for why in RAW[key].values()), key
    for key in GROUPED:
        assert isinstance(RAW[key], dict) and all(isinstance(g, list) for g in RAW[key].values()), \
            f"{key}: a mapping of why -> entries"



def test_each_class_of_same_offices_names_its_office():
    """A class of same_offices is named after the one office its titles name; a class named
    otherwise would make its whole name the office."""
    for why in LEXICONS["same_offices"]:
        assert why.startswith("other names of the office "), f"same_offices: {why!r} names no office"
