"""The curated name data (data/names.yaml), loaded once, and spaCy patterns built from it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from ..models import ActorType


@dataclass(frozen=True)
class Known:
    """A name the data knows: its canonical form and type."""

    name: str
    type: ActorType


@dataclass(frozen=True)
class NameData:
    honorifics: frozenset[str]
    styles: frozenset[str]
    role_honorifics: frozenset[str]
    """Lower-cased honorifics that name an office ("Sen", "Rabbi"): a role when none is stated."""
    """Lower-cased honorifics that are part of how a full name is styled ("Sir Keir Starmer")."""
    titles: tuple[str, ...]
    """Longest first, so "Prime Minister" is tried before "Minister"."""
    role_nouns: frozenset[str]
    body_nouns: frozenset[str]
    """Nouns that, as a role, make the named actor a body ("publisher", "retailer")."""
    organisation_words: frozenset[str]
    """Lower-cased words that make a name of two or more words a body when they open or end it."""
    company_words: frozenset[str]
    """Lower-cased words of companies' names and legal forms ("Partners", "Ltd"): no surname's."""
    team_words: frozenset[str]
    """Lower-cased last words that make a name of two or more words a side ("United")."""
    place_words: frozenset[str]
    """Lower-cased first words that make a name the tagger took for a person's a place ("County")."""
    street_words: frozenset[str]
    """Lower-cased last words that make a name of two or more words a place ("Road")."""
    not_actor_endings: frozenset[str]
    """Lower-cased last words of names that are events, documents or works, not actors."""
    work_nouns: frozenset[str]
    """Lower-cased nouns that say the name before or after them is a work or a product."""
    table_words: frozenset[str]
    """Lower-cased words that open or end a heading inside a table ("Division 2")."""
    likeness_words: frozenset[str]
    """Lemmas of words after which "as X" names a character someone is shown as."""
    known: dict[str, Known]
    """Lower-cased form -> canonical name and type."""
    nationalities: frozenset[str]
    """Lower-cased nationality adjectives and country short forms (Danish, US, British)."""
    not_actors: frozenset[str]
    """Lower-cased names the tagger takes for actors that are not (time zones, days, months...)."""
    title_start: re.Pattern[str]
    title_end: re.Pattern[str]
    genders: dict[str, str] = field(default_factory=dict)
    """Lower-cased honorific or family word -> "man" or "woman"."""

    def gender(self, words: Iterable[str]) -> set[str]:
        """The genders the words state ("Miss" -> woman, "father of Melissa" -> man)."""
        return {g for w in words if (g := self.genders.get(w.lower().rstrip(".")))}

    @cached_property
    def place_forms(self) -> frozenset[str]:
        """Every lower-cased form of a known place."""
        return frozenset(form for form, known in self.known.items() if known.type == "place")

    def lookup(self, name: str) -> Known | None:
        return self.known.get(name.lower())

    def leading_title(self, text: str) -> str | None:
        """The title that opens `text` ("Prime Minister" in "Prime Minister Mette Frederiksen")."""
        match = self.title_start.match(text)
        return match.group(1) if match else None

    def trailing_title(self, text: str) -> str | None:
        """The title that ends `text`, lower-cased ("prime minister" in "Danish Prime Minister")."""
        match = self.title_end.search(text)
        return match.group(1).lower() if match else None


@cache
def _raw() -> dict[str, Any]:
    """data/names.yaml as read, once."""
    raw: dict[str, Any] = yaml.safe_load(resources.files("briefing").joinpath("data/names.yaml").read_text(encoding="utf-8"))
    return raw


def _words(entries: dict[str, list[str]]) -> list[str]:
    """A list's words, every class of it (each grouped under the class it stands for)."""
    return [w for group in entries.values() for w in group]


@cache
def _lexicons() -> dict[str, dict[str, list[str]]]:
    """data/actors.yaml as read, once: list -> the class of words an entry stands for -> its words."""
    raw: dict[str, dict[str, list[str]]] = yaml.safe_load(
        resources.files("briefing").joinpath("data/actors.yaml").read_text(encoding="utf-8"))
    return raw


def entries(key: str) -> list[str]:
    """The entries of one list of data/actors.yaml, every class of it, as written and in order."""
    return [word for words in _lexicons()[key].values() for word in words]


def lexicon(key: str) -> frozenset[str]:
    """The words of one list of data/actors.yaml, every class of it, as written."""
    return frozenset(entries(key))


def alternatives(key: str) -> str:
    """The words of a list of data/actors.yaml as a regex alternation, longest first; a space
    inside an entry ("has been") matches one to three white-space characters."""
    words = sorted(lexicon(key), key=lambda w: (-len(w), w))
    return "|".join(re.escape(word).replace(r"\ ", r"\s{1,3}") for word in words)


@cache
def familiar_forms() -> dict[str, str]:
    """Familiar form of a given name -> its full form ("Bill" -> "William"), from the classes of
    data/actors.yaml's familiar_forms ("familiar forms of William")."""
    return {form: why.rsplit(" ", 1)[-1] for why, forms in _lexicons()["familiar_forms"].items() for form in forms}


@cache
def calendar() -> frozenset[str]:
    """Days and months (data/names.yaml), lower-cased."""
    return frozenset(word.lower() for word in _words(_raw()["calendar"]))


@cache
def name_data() -> NameData:
    raw = _raw()
    known: dict[str, Known] = {}
    nationalities: set[str] = set()
    groups: tuple[tuple[str, ActorType], ...] = (("places", "place"), ("organisations", "organisation"),
                                                  ("agencies", "organisation"))
    for group, kind in groups:
        for name, aliases in raw[group].items():
            for form in [name, *(aliases or [])]:
                known[form.lower()] = Known(name, kind)
            if group == "places":
                nationalities.update(form.lower() for form in [name, *(aliases or [])])
    for city in _words(raw["cities"]):
        known.setdefault(city.lower(), Known(city, "place"))
    titles = tuple(sorted(_words(raw["titles"]), key=lambda t: -len(t)))
    modifiers = "|".join(re.escape(m) for m in _words(raw["title_modifiers"]))
    alternatives = rf"(?:(?:{modifiers})[\s-]+)?(?:{'|'.join(re.escape(t) for t in titles)})"
    return NameData(
        honorifics=frozenset(h.lower().rstrip(".") for h in _words(raw["honorifics"])),
        styles=frozenset(h.lower() for h in _words(raw["styles"])),
        role_honorifics=frozenset(h.lower() for h in _words(raw["role_honorifics"])),
        titles=titles,
        not_actors=frozenset(n.lower() for n in [*raw["not_actors"], *_words(raw["calendar"])]),
        title_start=re.compile(rf"({alternatives})(?=\s)", re.I),
        title_end=re.compile(rf"(?:^|\s)({alternatives})$", re.I),
        role_nouns=frozenset(r.lower() for r in _words(raw["role_nouns"])),
        body_nouns=frozenset(r.lower() for r in _words(raw["body_nouns"])),
        organisation_words=frozenset(w.lower() for w in _words(raw["organisation_words"])),
        company_words=frozenset(w.lower() for group in ("words of companies' names", "companies' legal forms")
                                for w in raw["organisation_words"][group]),
        team_words=frozenset(w.lower() for w in _words(raw["team_words"])),
        place_words=frozenset(w.lower() for w in _words(raw["place_words"])),
        street_words=frozenset(w.lower() for w in _words(raw["street_words"])),
        not_actor_endings=frozenset(w.lower() for w in _words(raw["not_actor_endings"])),
        work_nouns=frozenset(w.lower() for w in _words(raw["work_nouns"])),
        likeness_words=frozenset(w.lower() for w in _words(raw["likeness_words"])),
        table_words=frozenset(w.lower() for w in _words(raw["table_words"])),
        known=known,
        nationalities=frozenset(nationalities),
        genders={w.lower(): kind for key, kind in (("men", "man"), ("women", "woman")) for w in _words(raw[key])},
    )


#: Where an office's name ends and its scope begins ("of Durham", "to the United States").
OFFICE_SCOPE = re.compile(rf" (?:{alternatives('office_scope_prepositions')}) ")
#: A possessive ending a qualifier ("Britain's" of "Britain's ambassador").
POSSESSIVE_END = re.compile(r"['’]s$")
#: Titles that name the same office -> its one name, from the classes of data/actors.yaml's same_offices.
SAME_OFFICE = {title: why.removeprefix("other names of the office ")
               for why, titles in _lexicons()["same_offices"].items() for title in titles}


def office(title: str, data: NameData | None = None) -> tuple[str | None, str]:
    """A role split into its qualifier and the office it names, lower-cased:
    "Danish Prime Minister" -> ("danish", "pm"), "NATO boss" -> ("nato", "boss"),
    "Bishop of Durham" -> (None, "bishop"), "Iraqi ambassador to the US" -> ("iraqi", "ambassador")."""
    data = data or name_data()
    lowered = title.lower()
    if not data.trailing_title(lowered):
        # "Bishop of Durham" holds the office "the Bishop" names, "ambassador to the US" "the ambassador"
        lowered = OFFICE_SCOPE.split(lowered, maxsplit=1)[0]
    head = data.trailing_title(lowered) or lowered.split()[-1]
    qualifier = lowered[: len(lowered) - len(head)].strip()
    qualifier = POSSESSIVE_END.sub("", qualifier).strip()
    return qualifier or None, SAME_OFFICE.get(head, head)


def ruler_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns: known organisations (names of more than one word; news agencies
    in every form), and a title followed by a proper name."""
    raw = _raw()
    calendar = [word.lower() for word in _words(raw["calendar"])]
    patterns: list[dict[str, Any]] = []
    for group in ("organisations", "agencies"):
        for name, aliases in raw[group].items():
            for form in [name, *(aliases or [])]:
                if " " in form or group == "agencies":
                    patterns.append({"label": "ORG", "pattern": form})
    for title in _words(raw["titles"]):
        tokens = [{"ORTH": word} for word in title.split()]
        patterns.append({"label": "PERSON", "pattern": tokens + [
            {"POS": "PROPN", "IS_TITLE": True, "LOWER": {"NOT_IN": calendar}, "OP": "+"}]})
    return patterns
