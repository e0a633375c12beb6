"""Clean-up: an entity mention as a name (honorifics, titles, possessives and descriptors
taken off) with the type the text gives it, or nothing when it is no actor (a fragment, a
figure, a work, a heading)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...intake.words import NAME_PARTICLES, QUOTES_OR_BACKTICK
from ...models import ActorType
from ..document import Document, Mention
from ..names import NameData

LABEL_TYPES: dict[str, ActorType] = {"PERSON": "person", "ORG": "organisation", "GPE": "place",
                                     "LOC": "place", "FAC": "place", "NORP": "group"}
JUNK_PREFIX = re.compile(r"^(?:post|pre|pro|anti|non|ex|neo|mid|self|so-called)-", re.I)
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'’-]*")
#: A score or result glued to a name by the tagger ("Cleveland 5-3").
SCORE = re.compile(r"\d{1,3}[-:–]\d{1,3}")
#: A name and, in lower case, what it is: "Interfax news agency", "Ryanair airline".
BODY_AFTER = re.compile(r"([A-Z][^\s]{0,60}+(?: [A-Z][^\s]{0,60}+){0,4})(?: [a-z][a-z-]{0,30}+){0,2}"
                        r" ([a-z][a-z-]{0,30})")
#: A possessive inside a name: the owner, then the name it owns ("BBC2's Newsnight").
OWNED = re.compile(r"([^'’\s]{1,60}+(?:\s[^'’\s]{1,60}+){0,3})['’]s\s+([A-Z].{0,200})$")
#: Where a name ends inside a mention: a comma, a spaced dash or a bracket ("Islamic State (ISIS").
NAME_END = re.compile(r",| [-–—] | ?\(")
#: A hyphen and a lower-case letter after a name: the name is the first half of a compound ("State-owned").
COMPOUND_TAIL = re.compile(r"-[a-z]")
PEOPLE_ENDINGS = ("ers", "ians", "ans", "ns", "ese", "is", "ites", "s")
#: The most words of a name, not counting the lower-case particles of a long body's name
#: ("Organisation for Security and Cooperation in Europe" is four).
MAX_NAME_WORDS = 6
#: A surname naming a whole family.
FAMILY = re.compile(r"\s(?:family|families|household|clan)\b")
#: Words that end a company's name only.
COMPANY_ENDINGS = {"inc", "corp", "ltd", "plc", "co", "llc", "ag", "sa", "nv", "bv", "spa", "gmbh"}


@dataclass
class Surface:
    """One mention after clean-up: the name it gives and what it says about the actor."""

    name: str
    form: str
    """The surface form as written (possessive and quotes removed), kept as an alias."""
    type: ActorType
    mention: Mention
    title: str | None = None
    canonical: bool = False
    """True when the name data fixed the name and type."""
    honorific: str | None = None
    """"Sir", "Mr"... written with this mention of a person."""
    stated: bool = False
    """True when the words, not the tagger's label alone, gave the type (a body word in the name,
    a title, a role, a cue around it): such mentions outvote the tagger's."""

    @property
    def styled(self) -> str:
        """The name as the article styles it: "Sir Keir Starmer", "Mr Trump"."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


def clean(mention: Mention, document: Document, data: NameData) -> Surface | None:
    """The mention as a name, or None when it is not an actor (heading, fragment, prefix...)."""
    if document.sentences[mention.sentence].kind in ("heading", "boilerplate"):
        return None
    text = mention.text.strip()
    if "\n" in text:
        return None
    text = text.strip(QUOTES_OR_BACKTICK + " ")
    text = POSSESSIVE.sub("", text).strip(QUOTES_OR_BACKTICK + " ")
    owned = OWNED.match(text)
    if owned and _an_owner(owned.group(1), document, data):
        text = owned.group(2)  # "BBC2's Newsnight", "Britain's Prince Charles": the name after the owner
    known = data.lookup(text)  # "The Hague", "The Telegraph" keep their article
    if text.lower().startswith("the ") and not known:
        text = text[4:]
    form = text
    title = None
    before = document.context(mention)[0].split()
    honorific = before[-1] if before and before[-1].rstrip(".").lower() in data.honorifics else None
    words = text.split()
    while len(words) > 1:
        head = words[0].rstrip(".").lower()
        # a title opens a person's name only ("President Macron", not "Premier League")
        matched = data.leading_title(" ".join(words)) if mention.label == "PERSON" else None
        if head in data.honorifics:
            honorific = words[0]
            words = words[1:]
        elif matched and len(words) > len(matched.split()):
            title = matched if title is None else title
            words = words[len(matched.split()):]
        elif mention.label == "PERSON" and len(words) > 2 and (head in data.nationalities or head in data.role_nouns):
            if head in data.role_nouns and title is None:
                title = words[0]  # a role: "Defender Hassan Abbas", "Coroner Gerald Cvitanovich"
            words = words[1:]  # a descriptor glued to the name: "Russian Igor Kolyvanov", "Defender Hassan Abbas"
        else:
            break
    name = NAME_END.split(" ".join(words))[0].strip().rstrip(":;/")  # "Islamic State (ISIS": the name
    if name.endswith(".") and len(name.rsplit(" ", 1)[-1]) > 5:
        name = name[:-1]  # the full stop of a sentence the tagger took in ("Lyric Theatre."), not "Corp."
    while " " in name and (name.rsplit(" ", 1)[1].lower() in NAME_PARTICLES or SCORE.fullmatch(name.rsplit(" ", 1)[1])):
        name = name.rsplit(" ", 1)[0]  # "Special Forces to", "Cleveland 5-3": cut where the name ends
    described = BODY_AFTER.match(name)
    if described and described.group(2).lower() in data.body_nouns:
        name = described.group(1)  # "Interfax news agency": a body, named before what it is
    if not name or name.lower() in data.not_actors or _junk(name, mention, document, data):
        return None
    known = data.lookup(name) or known
    role_head = _role_head(mention.role) if mention.role else ""
    person_role = role_head in data.role_nouns and role_head not in data.body_nouns
    if (mention.competes and mention.label in ("GPE", "LOC", "FAC", "ORG") and name.lower() not in data.nationalities
            and not person_role):  # "Sweden's Carolina Kluft, the Olympic heptathlon champion": a person
        # a side named after its town ("Cleveland beat Texas", "a lead over Seattle"); a country stays a place
        return Surface(known.name if known else name, form, "organisation", mention, stated=True)
    if known:
        return Surface(known.name, form, known.type, mention, title, canonical=True)
    kind = LABEL_TYPES[mention.label]
    words = name.split()
    place = _place_of_adjective(name, document) if len(words) == 1 and not name.endswith("s") else None
    if place is not None and place != name:
        return Surface(place, form, "place", mention)  # "Ugandan" women: Uganda
    stated = True
    if described and name == described.group(1):
        kind = "organisation"
    elif title or honorific:
        kind = "person"
    elif len(words) > 1 and {words[0].lower(), words[-1].lower()} & data.organisation_words:
        kind = "organisation"  # "University of Cambridge", whatever the tagger said
    elif len(words) > 1 and words[-1].lower() in data.team_words:
        kind = "organisation"  # "Manchester United": a side, not a person or a place
    elif len(words) > 1 and mention.label == "PERSON" and words[0].lower() in data.place_words:
        kind = "place"  # "County Durham", "Lake Geneva"
    elif len(words) > 1 and words[-1].lower() in data.street_words:
        kind = "place"  # "Dresden Drive", "Peachtree Road"
    elif len(words) == 1 and mention.label == "PERSON" and name.endswith("shire"):
        # a county ("Born in Luton, Bedfordshire"), or its side where it plays ("Yorkshire beat Kent")
        kind = "organisation" if mention.competes else "place"
    elif role_head in data.body_nouns:
        # "German music publisher Bertelsmann": the text says what it is, whatever the tagger said
        return Surface(name, form, "organisation", mention, canonical=True)
    elif mention.role and mention.label in ("PERSON", "ORG", "GPE") and len(words) > 1:
        kind = "person"  # "Dariusz Rosati, the foreign minister": a role is a person's
    elif len(words) == 1 and (cued := _cued(mention, document.article.text)):
        kind = cued
    elif _dateline(mention, document.article.text):
        kind = "place"  # "AUSTIN, Texas — Voters...": where the story was filed
    elif _speaks_for_self(mention, document):
        kind = "person"  # '"I kept on the pace," said Cragg': a body says "we"
    else:
        stated = False
    if kind == "group" and not name.endswith("s"):
        return None  # an adjective of no known country ("Euro-Atlantic", "pro-European")
    if kind != "person" and _is_people(name, document, data):
        kind = "group"
    return Surface(name, form, kind, mention, title, honorific=honorific if kind == "person" else None,
                   stated=stated)


#: Where a role phrase's head noun ends: "economist" in "deputy chief economist at BMO Financial Group".
ROLE_TAIL = re.compile(r"\s(?:of|at|for|to|in|with|from|on)\s")


def _role_head(role: str) -> str:
    """The role's head noun, lower-cased: the last word before any "of"/"at" phrase."""
    words = ROLE_TAIL.split(role, maxsplit=1)[0].split()
    return words[-1].lower() if words else ""


@lru_cache(maxsize=4)
def _lower_case_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case (once per article, however many names it has)."""
    return frozenset(LOWER_WORD.findall(text))


def _an_owner(owner: str, document: Document, data: NameData) -> bool:
    """Whether the words before a possessive inside a name name an actor of their own (a known
    name, an acronym, a name the article tags alone), not part of one ("St Mary's Stadium",
    "McDonald's Corp")."""
    return (data.lookup(owner) is not None or owner.isupper() or any(c.isdigit() for c in owner)
            or any(m.text == owner for m in document.mentions))


def _junk(name: str, mention: Mention, document: Document, data: NameData) -> bool:
    words = name.split()
    if words[-1].rstrip(".").lower() in data.honorifics:
        return True  # cut before the name it styles ("Tory Treasurer Lord")
    if name.lower() in data.role_nouns or data.trailing_title(name) == name.lower():
        return True  # a role without its holder ("Secretary", "General Secretary")
    if (sum(w not in NAME_PARTICLES for w in words) > MAX_NAME_WORDS or len(words) > 2 * MAX_NAME_WORDS
            or JUNK_PREFIX.match(name) or _a_figure(words)):
        return True
    if len(words) > 1 and words[-1].lower() in data.not_actor_endings:
        return True  # an event, a document or a work ("Athens Olympics", "White Paper")
    if ": " in name:
        return True  # a work's title ("My Own: The Life of Mary Queen of Scots")
    if any(w.rstrip(".").lower() in COMPANY_ENDINGS and n == "and" for w, n in zip(words, words[1:], strict=False)):
        return True  # two companies, not one name ("First Bank System Inc. and Norwest Corp.")
    if name.endswith("-") or name.startswith("-") or all(w.lower() in NAME_PARTICLES for w in words):
        return True  # a fragment ("Bureau of Re-", "The")
    if any(w[0].islower() and w.lower() not in NAME_PARTICLES for w in words):
        return True  # a phrase, not a name ("Starmer builds defence alliance")
    text = document.article.text
    if _quoted(mention, text, data):
        return True  # a quoted title or nickname ('Mr Nasty'), not a mention of an actor
    if COMPOUND_TAIL.match(text[mention.end:mention.end + 2]):
        return True  # the first half of a compound ("State-owned")
    if mention.label == "PERSON" and len(words) == 1 and FAMILY.match(text, mention.end):
        return True  # "the Anderson family": which Anderson, it does not say
    starts_sentence = not text[document.sentences[mention.sentence].start:mention.start].strip(QUOTES_OR_BACKTICK + " ")
    # a common word capitalised only by its place ("State", "Group")
    return len(words) == 1 and starts_sentence and name.lower() in _lower_case_words(text)


#: Words before a name that make it a body ("shares in Ryanair") or a place ("buried in Worcester",
#: "a trip to Auschwitz", "will visit Auschwitz").
BODY_CUE = re.compile(r"\b(?:shares|stake|shareholders|investors|stakes)\s{1,3}in\s{1,3}$", re.I)
PLACE_CUE = re.compile(r"\b(?:in|near|outside|across|(?:travel\w{0,4}|fl(?:ew|y|ies|ying)|trip|journey|visit\w{0,3})"
                       r"(?:\s{1,3}to)?)\s{1,3}$")
#: "from X" where it says where someone lives or comes from ("Eric Saunders, 61, from Worcester",
#: "she is from Leeds"), not what came from whom ("a donation from Armstrong").
FROM_CUE = re.compile(r"(?:[,.]|\b(?:is|are|was|were|come|comes|came|hails|hailed|originally|moved|fled|flew|"
                      r"travelled|traveled|returned|arrived|escaped|emigrated))\s{1,3}from\s{1,3}$")


#: A possessive or a lower-case word right after a name.
MODIFIES = re.compile(r"['’]s\b| ([a-z]{1,20})\b")
#: Words that may follow a place ("in London on Monday", "in Texas last year"); another lower-case
#: word after "in X" makes X the modifier of a noun ("in Amazon packaging", "in Apple stores").
AFTER_PLACE = {"on", "in", "at", "and", "or", "but", "last", "this", "next", "yesterday", "today", "tonight",
               "since", "for", "where", "after", "before", "when", "while", "with", "to", "from", "by", "as",
               "is", "was", "are", "were", "has", "had", "have", "will", "would", "until", "during", "earlier",
               "later", "over", "who", "which", "that", "than", "of", "the", "a", "an", "alone", "itself"}


def _cued(mention: Mention, text: str) -> ActorType | None:
    """The type the words around a one-word name give it: "shares in X" a body; "in X", "near X"
    a place (not "in X's view"). ("X-based" names a place too, but only as a descriptor: such a
    mention is no actor, see `_junk`.)"""
    before = text[max(0, mention.start - 30):mention.start]
    after = text[mention.end:mention.end + 20]
    if BODY_CUE.search(before):
        return "organisation"
    modifies = MODIFIES.match(after)  # "in X's view", "in Amazon packaging": X is no place there
    if PLACE_CUE.search(before) and not (modifies and modifies.group(1) not in AFTER_PLACE):
        return "place"
    if mention.label == "PERSON" and FROM_CUE.search(before):
        return "place"  # "Eric Saunders, 61, from Worcester": no one lives in a person
    return None


#: Speech attributed right before or after a name, and a speaker who says "I" or "my".
SAID_BEFORE = re.compile(r"\b(?:said|says|added|adds|explained|insisted|admitted)\s{1,3}$")
SAID_AFTER = re.compile(r"\s{0,3}(?:said|says|added|adds|explained|insisted|admitted)\b")
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|myself)\b")


def _speaks_for_self(mention: Mention, document: Document) -> bool:
    """Whether the name is the speaker of a quotation in the first person singular."""
    before, after = document.context(mention)
    if not (SAID_BEFORE.search(before[-40:]) or SAID_AFTER.match(after)):
        return False
    quoted = before if SAID_BEFORE.search(before[-40:]) else before + after
    return any(q in quoted for q in "\"“”") and FIRST_PERSON.search(quoted) is not None


#: What follows the place of a dateline: a region, the agency, a dash ("AUSTIN, Texas —",
#: "CAVITE CITY, Philippines (CNN) --").
DATELINE = re.compile(r"(?:,\s{1,3}[A-Z][\w.]{0,30}(?:\s[A-Z][\w.]{0,30}){0,3})?\s{0,3}(?:\([^()\n]{1,40}\)\s{0,3})?"
                      r"(?:--?|—|–)\s")


def _dateline(mention: Mention, text: str) -> bool:
    """Whether the mention opens a line as the place of a dateline."""
    before = text[max(0, mention.start - 20):mention.start].rstrip(" \t")
    opens = before.endswith("\n") or (not before and mention.start <= 20)
    return opens and DATELINE.match(text, mention.end) is not None


def _quoted(mention: Mention, text: str, data: NameData) -> bool:
    """True when the mention ends a quoted title of capitalised words ('No More Mr Nasty', 'Mr
    Grumpy'): a programme, a book or a nickname, not a mention of an actor."""
    if text[mention.end:mention.end + 1] not in tuple(QUOTES_OR_BACKTICK):
        return False
    before = text[max(0, mention.start - 40):mention.start]
    opening = max(before.rfind(q) for q in QUOTES_OR_BACKTICK)
    if opening < 0:
        return False
    words = before[opening + 1:].split()
    return all(w[:1].isupper() or w.rstrip(".").lower() in data.honorifics for w in words)


def _a_figure(words: list[str]) -> bool:
    """A date, sum, count or number rather than a name: a year or count ("2005", "1,000"), money,
    a share or a phone number ("£5m", "10%", "+353"), a quantity ("10bn"), an ordinal that opens
    no name ("182nd", "Durie 75th"). Digits inside a name stay: G7, BBC2, Radio 4, 2nd Battalion."""
    for position, word in enumerate(words):
        if not any(c.isdigit() for c in word):
            continue
        if any(c in "£$€¥%,.+" for c in word) or (word.isdigit() and (len(word) >= 3 or position == 0)):
            return True
        ordinal = word.lstrip("0123456789").lower() in ("st", "nd", "rd", "th")
        if word[0].isdigit() and not (ordinal and position == 0 and len(words) > 1):
            return True  # "5m", "10bn", "182nd", "Durie 75th"
    return False


ADJECTIVE_ENDINGS = (("ian", ""), ("ian", "ia"), ("ian", "a"), ("an", "a"), ("an", ""), ("n", ""), ("i", ""),
                     ("ese", ""), ("ish", ""))


def _place_of_adjective(name: str, document: Document) -> str | None:
    """The place the article names whose adjective `name` is ("Ugandan" -> "Uganda", "Iraqi" ->
    "Iraq", "Brazilian" -> "Brazil"), if it names one."""
    places = {m.text: m.text for m in document.mentions if m.label in ("GPE", "LOC")}
    for ending, restored in ADJECTIVE_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            place = places.get(name[:len(name) - len(ending)] + restored)
            if place:
                return place
    return None


def _is_people(name: str, document: Document, data: NameData) -> bool:
    """A plural naming a people ("Greenlanders", "Americans"): a group, not a place or body."""
    if " " in name:
        return False
    places = {m.text.lower() for m in document.mentions if m.label in ("GPE", "LOC")} | data.place_forms
    lowered = name.lower()
    stems = (lowered[: -len(ending)] for ending in PEOPLE_ENDINGS if lowered.endswith(ending))
    return any(len(stem) > 3 and stem in places for stem in stems)
