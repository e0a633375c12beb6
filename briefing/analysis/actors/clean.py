"""Clean-up: an entity mention as a name (honorifics, titles, possessives and descriptors
taken off) with the type the text gives it, or nothing when it is no actor (a fragment, a
figure, a work, a heading)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ...intake.words import QUOTES_OR_BACKTICK
from ...models import ActorType
from ..document import Document, Evidence, Mention
from ..names import NameData, alternatives, entries, lexicon
from .rules import Rule, rule

LABEL_TYPES: dict[str, ActorType] = {"PERSON": "person", "ORG": "organisation", "GPE": "place",
                                     "LOC": "place", "FAC": "place", "NORP": "group"}
JUNK_PREFIX = re.compile(rf"^(?:{alternatives('adjective_prefixes')})-", re.I)
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
#: Compounds whose first half is where someone comes from or an area ("Leeds-born", "the Calder-area
#: seat"). "-based" is left a descriptor: in CoNLL's convention "London-based" names no place, and
#: our figures there are the check (see the rules benchmark).
PLACE_COMPOUND = re.compile(rf"-(?:{alternatives('place_compound_suffixes')})\b")
#: Endings that make a people of a place's name ("Greenlanders", "Kenyans").
PEOPLE_ENDINGS = lexicon("people_endings") | lexicon("short_people_endings")
#: The most words of a name, not counting the lower-case particles of a long body's name
#: ("Organisation for Security and Cooperation in Europe" is four).
MAX_NAME_WORDS = 6
#: Lower-case words a name may hold ("Organisation for Security and Cooperation in Europe", "Ludwig van
#: Beethoven"); they give its initials no letter.
NAME_PARTICLES = lexicon("name_particles")
#: A surname naming a whole family.
FAMILY = re.compile(rf"\s(?:{alternatives('family_words')})\b")
#: Words that end a company's name only.
COMPANY_ENDINGS = lexicon("company_endings")


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
    evidence: list[Evidence] = field(default_factory=list)
    """What the rules said of this mention, in the order they said it."""

    @property
    def styled(self) -> str:
        """The name as the article styles it: "Sir Keir Starmer", "Mr Trump"."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


OWNER = rule("text.possessive-owner", "A possessive inside a name names an owner: the name is what follows.",
             "Harwood's Ella Moss said: Ella Moss.", "Owner's Name where the owner is an actor of its own", "text")
HONORIFIC = rule("text.honorific", "An honorific before a name is taken off the name (and says a person).",
                 "Dr Ann Lee: Ann Lee, a person.", "honorific list word before the name", "text")
TITLE = rule("text.leading-title", "A title opening a person's name is taken off as the title, unless the rest"
             " ends in a word of a company's name (a firm named with a rank: 'Private Harbour Partners').",
             "Governor Ann Lee: Ann Lee, governor.", "known title at the start of a PERSON span", "text")
TITLED_BODY = rule("text.titled-body", "A title opening a name the text calls a body is part of the name: a"
                   " magazine, a firm or a club named with a rank.", "the weekly magazine Colonel Quill: Colonel"
                   " Quill, a body.", "body noun (role) + known title + word(s)", "text")
DESCRIPTOR = rule("text.descriptor", "A nationality or role noun glued before a person's full name is no part of it.",
                  "Welsh singer ... Welsh Ann Lee: Ann Lee.", "PERSON of 3+ words opening with a nationality/role noun",
                  "text")
NAME_END_RULE = rule("text.name-end", "A name ends at a comma, a spaced dash or a bracket, a sentence's full stop,"
                     " a trailing particle or a score.", "Lyric Hall. / Calder 3-1: Lyric Hall, Calder.",
                     "punctuation or particle at the end of a span", "text")
SENTENCE_STOP = rule("text.sentence-stop-after-numeral", "A person's name ending in a numeral or a letter and a"
                     " full stop leaves the stop out: no initial ends a name.", "The crown passed to Henri IV.: Henri IV.",
                     "PERSON ... [A-Z]{1,4}. at the name's end", "text")
#: Lower-case particles inside a surname ("Bill de Blasio", "Otto von Bismarck", "Ana de la Cruz").
SURNAME_PARTICLES = lexicon("surname_particles")
#: A Roman numeral from I to XXXIX, as a monarch's or pope's ("II", "XVI").
ROMAN = re.compile(r"X{0,3}(?:IX|IV|VI{0,3}|I{1,3})|X{1,3}")
#: A person's name ending in a capital letter or a Roman numeral and a full stop ("Francois I.").
ENDING_LETTER = re.compile(r" [A-Z]{1,4}\.$")
BODY_AFTER_RULE = rule("text.body-noun-after", "A name followed by what it is in lower case ('X news agency') is a"
                       " body named X.", "Tass news agency: Tass, a body.", "Name + (mod) + body noun", "text")
NOT_ACTORS = rule("data.not-actor", "A name the data lists as no actor (time zones, platforms).",
                  "at 9 GMT: no actor.", "lexicon not_actors", "text")
KNOWN = rule("data.known-name", "A name the data knows keeps its canonical form and type.",
             "the UK: United Kingdom, a place.", "lexicon places/organisations/agencies/cities", "text")
SIDE_TYPE = rule("text.side-is-a-body", "A place that plays as a side is a team (a country stays a place).",
                 "Calder beat Wexley: teams.", "mention.competes on a GPE/LOC/FAC/ORG", "type")
ADJECTIVE_PLACE = rule("text.adjective-of-place", "An adjective of a place the article names is that place.",
                       "Veldran farmers ... Veldra: Veldra.", "one word = place + -an/-ian/-i/-ese/-ish", "text")
PERSON_STYLED = rule("type.styled-person", "A name with a title or an honorific is a person's.",
                     "Mr Calder: a person.", "title or honorific on the mention", "type")
BODY_WORD = rule("type.body-word", "A name opening or ending with a body word is a body.",
                 "Calder College: a body.", "first/last word in organisation_words", "type")
TEAM_WORD = rule("type.team-word", "A name ending with a side's word is a team.",
                 "Calder Rovers: a team.", "last word in team_words", "type")
PLACE_WORD = rule("type.place-word", "A 'person' opening with a place word is a place.",
                  "Lake Veldra: a place.", "PERSON whose first word is in place_words", "type")
STREET_WORD = rule("type.street-word", "A name ending with a street word is a place.",
                   "Calder Road: a place.", "last word in street_words", "type")
ROLE_BODY = rule("type.body-role", "A name whose parsed role is a body noun is a body.",
                 "publisher Harwood: a body.", "parsed role head in body_nouns", "type")
ROLE_PERSON = rule("type.person-role", "A name of two words or more with a parsed role is a person, and so is one"
                   " word whose role is a person's noun.",
                   "Ann Lee, the treasurer: a person.", "parsed role on PERSON/ORG/GPE, 2+ words", "type")
CUE = rule("type.context-cue", "Words before a one-word name say a body ('shares in X') or a place ('in X', "
           "'a trip to X', 'from X').", "shares in Harwood; a trip to Veldra.", "regex over 30 chars before", "type")
DATELINE_RULE = rule("type.dateline", "A name opening a line before a dash is the dateline's place.",
                     "VELDRA, Calder -- Voters ...: a place.", "line start + NAME(, Region)(Agency) --", "type")
SPEAKER = rule("type.first-person-speaker", "A name that says 'I' or 'my' in a quotation is a person.",
               "'I ran well,' said Calder: a person.", "said + NAME with a first-person quotation", "type")
PEOPLE = rule("type.people-plural", "A plural of a place's name ('Veldrans') is a people, a group.",
              "Veldrans voted: a group.", "one word = place + -ers/-ians/-ans/-ese/-ites", "type")
STATE_WORD = rule("type.state-word", "A name ending with a state noun is a state, a place.",
                  "the Veldran Empire: a place.", "2+ words, last in state_nouns (Empire, Reich, Kingdom...)", "type")
PARTY = rule("type.party-members", "In an article about politics, a party's members named in the plural are the party.",
             "Republicans blocked the bill in the Senate: the party, a body.",
             "NORP plural of a party member's name + a political lemma in the article", "type")
UNKNOWN_ADJECTIVE = rule("text.unknown-adjective", "A NORP word of no known country that is no plural is no actor.",
                         "Euro-Atlantic: none.", "NORP not ending in s", "text")


def clean(mention: Mention, document: Document, data: NameData) -> Surface | None:
    """The mention as a name, or None when it is not an actor (heading, fragment, prefix...)."""
    if document.sentences[mention.sentence].kind in ("heading", "boilerplate"):
        return None
    text = mention.text.strip()
    if "\n" in text:
        return None
    if BYLINE.on and _signs_the_story(mention, document.article.text):
        BYLINE.evidence("not an actor")
        return None
    if AUTHOR_NOTE.on and _in_author_note(mention, document):
        AUTHOR_NOTE.evidence("not an actor")
        return None
    if DATELINE_ONLY.on and _dateline(mention, document.article.text) and \
            DATELINE_TAIL.match(document.article.text, mention.end) and \
            document.article.text.lower().count(text.strip(QUOTES_OR_BACKTICK + " ").lower()) == 1:
        DATELINE_ONLY.evidence("not an actor")
        return None  # "AUSTIN, Texas —": where the story was filed, not who is in it
    evidence = list(mention.evidence)
    text = text.strip(QUOTES_OR_BACKTICK + " ")
    text = POSSESSIVE.sub("", text).strip(QUOTES_OR_BACKTICK + " ")
    owned = OWNED.match(text)
    if OWNER.on and owned and _an_owner(owned.group(1), document, data):
        text = owned.group(2)  # "BBC2's Newsnight", "Britain's Prince Charles": the name after the owner
        evidence.append(OWNER.evidence(f"name {text}"))
    known = data.lookup(text)  # "The Hague", "The Telegraph" keep their article
    if text.lower().startswith("the ") and not known:
        text = text[4:]
    form = text
    title = None
    before = document.context(mention)[0].split()
    honorific = before[-1] if HONORIFIC.on and before and before[-1].rstrip(".").lower() in data.honorifics else None
    words = text.split()
    while len(words) > 1:
        head = words[0].rstrip(".").lower()
        # a title opens a person's name only ("President Macron", not "Premier League")
        matched = data.leading_title(" ".join(words)) if mention.label == "PERSON" and TITLE.on else None
        if matched and TITLED_BODY.on and mention.role and _role_head(mention.role) in data.body_nouns:
            evidence.append(TITLED_BODY.evidence(f"name {' '.join(words)}"))
            matched = None  # "the weekly magazine Colonel Quill": a body, its title word its own
        if HONORIFIC.on and head in data.honorifics:
            honorific = words[0]
            words = words[1:]
        elif matched and len(words) > len(matched.split()) and words[-1].lower() not in data.company_words:
            title = matched if title is None else title
            words = words[len(matched.split()):]
            evidence.append(TITLE.evidence(f"role {matched}"))
        elif DESCRIPTOR.on and mention.label == "PERSON" and len(words) > 2 and (
                head in data.nationalities or head in data.role_nouns):
            if head in data.role_nouns and title is None:
                title = words[0]  # a role: "Defender Hassan Abbas", "Coroner Gerald Cvitanovich"
            words = words[1:]  # a descriptor glued to the name: "Russian Igor Kolyvanov", "Defender Hassan Abbas"
            evidence.append(DESCRIPTOR.evidence(f"name {' '.join(words)}"))
        else:
            break
    if honorific:
        evidence.append(HONORIFIC.evidence(f"honorific {honorific}"))
    name = _name_end(" ".join(words))
    if SENTENCE_STOP.on and mention.label == "PERSON" and ENDING_LETTER.search(name):
        name = name[:-1]  # "Francois I.": the full stop is the sentence's, or stray (no initial ends a name)
    if name != " ".join(words):
        evidence.append(NAME_END_RULE.evidence(f"name {name}"))
    described = BODY_AFTER.match(name) if BODY_AFTER_RULE.on else None
    if described and described.group(2).lower() in data.body_nouns:
        name = described.group(1)  # "Interfax news agency": a body, named before what it is
        evidence.append(BODY_AFTER_RULE.evidence(f"name {name}, type organisation"))
    if NOT_ACTORS.on and name.lower() in data.not_actors:
        NOT_ACTORS.evidence("not an actor")  # counted: the mention it drops carries nothing
        return None
    if not name or _junk(name, mention, document, data):
        return None
    known = (data.lookup(name) or known) if KNOWN.on else None
    role_head = _role_head(mention.role) if mention.role else ""
    person_role = role_head in data.role_nouns and role_head not in data.body_nouns
    if (SIDE_TYPE.on and mention.competes and mention.label in ("GPE", "LOC", "FAC", "ORG")
            and name.lower() not in data.nationalities and not person_role):
        # "Sweden's Carolina Kluft, the Olympic heptathlon champion": a person, not a side.
        # A side named after its town ("Cleveland beat Texas", "a lead over Seattle"); a country stays a place
        return Surface(known.name if known else name, form, "organisation", mention, stated=True,
                       evidence=[*evidence, SIDE_TYPE.evidence("type organisation")])
    if known:
        return Surface(known.name, form, known.type, mention, title, canonical=True,
                       evidence=[*evidence, KNOWN.evidence(f"name {known.name}, type {known.type}")])
    kind = LABEL_TYPES[mention.label]
    words = name.split()
    place = _place_of_adjective(name, document) if ADJECTIVE_PLACE.on and len(words) == 1 \
        and not name.endswith("s") else None
    if place is not None and place != name:
        return Surface(place, form, "place", mention,  # "Ugandan" women: Uganda
                       evidence=[*evidence, ADJECTIVE_PLACE.evidence(f"name {place}, type place")])
    decided = _stated_type(name, mention, document, data, role_head, bool(described and name == described.group(1)),
                           bool(title or honorific))
    if decided is not None and decided[0] is ROLE_BODY:
        # "German music publisher Bertelsmann": the text says what it is, whatever the tagger said
        return Surface(name, form, "organisation", mention, canonical=True,
                       evidence=[*evidence, ROLE_BODY.evidence("type organisation")])
    if decided is not None:
        kind = decided[1]
        if decided[0] is not None:
            evidence.append(decided[0].evidence(f"type {kind}"))
    if kind == "group" and not name.endswith("s") and UNKNOWN_ADJECTIVE.on:
        UNKNOWN_ADJECTIVE.evidence("not an actor")
        return None  # an adjective of no known country ("Euro-Atlantic", "pro-European")
    if kind != "person" and PEOPLE.on and _is_people(name, document, data):
        kind = "group"
        evidence.append(PEOPLE.evidence("type group"))
    return Surface(name, form, kind, mention, title, honorific=honorific if kind == "person" else None,
                   stated=decided is not None, evidence=evidence)


def _name_end(text: str) -> str:
    """The name where it ends inside the words: before a comma, spaced dash or bracket ("Islamic
    State (ISIS"), without a sentence's full stop ("Lyric Theatre.", not "Corp.") and without a
    trailing particle or score ("Special Forces to", "Cleveland 5-3")."""
    if not NAME_END_RULE.on:
        return text.strip()
    name = NAME_END.split(text)[0].strip().rstrip(":;/")
    if name.endswith(".") and len(name.rsplit(" ", 1)[-1]) > 5:
        name = name[:-1]
    while " " in name and (name.rsplit(" ", 1)[1].lower() in NAME_PARTICLES or SCORE.fullmatch(name.rsplit(" ", 1)[1])):
        name = name.rsplit(" ", 1)[0]
    return name


def _stated_type(name: str, mention: Mention, document: Document, data: NameData, role_head: str,
                 described: bool, styled: bool) -> tuple[Rule | None, ActorType] | None:
    """The type the words give the name, with the rule that says so (None: the body noun after it),
    or None when only the tagger's label does; the first rule in this order that applies wins."""
    words = name.split()
    first, last = words[0].lower(), words[-1].lower()
    # "Lund, the state epidemiologist at ...": one word (tagged a body) with a person's noun for its role
    personal = role_head in data.role_nouns and role_head not in data.body_nouns or role_head.endswith(PERSON_ENDINGS)
    if described:
        return None, "organisation"
    checks: tuple[tuple[Rule, bool, ActorType], ...] = (
        (PERSON_STYLED, styled, "person"),
        (BODY_WORD, len(words) > 1 and bool({first, last} & data.organisation_words), "organisation"),
        (TEAM_WORD, len(words) > 1 and last in data.team_words, "organisation"),  # "Manchester United"
        (PLACE_WORD, len(words) > 1 and mention.label == "PERSON" and first in data.place_words, "place"),
        (STREET_WORD, len(words) > 1 and last in data.street_words, "place"),  # "Peachtree Road"
        (STATE_WORD, len(words) > 1 and words[-1] in STATE_NOUNS, "place"),  # "Mughal Empire"
        (PARTY, mention.label == "NORP" and len(words) == 1 and _party_members(last, document), "organisation"),
        (ROLE_BODY, role_head in data.body_nouns, "organisation"),
        # "Dariusz Rosati, the foreign minister": a role is a person's
        (ROLE_PERSON, bool(mention.role) and mention.label in ("PERSON", "ORG", "GPE") and (len(words) > 1 or (
            personal and mention.label == "ORG" and not mention.competes)), "person"))
    for check_rule, applies, kind in checks:
        if check_rule.on and applies:
            return check_rule, kind
    text = document.article.text
    if CUE.on and len(words) == 1 and (cued := _cued(mention, text)):
        return CUE, cued
    if DATELINE_RULE.on and _dateline(mention, text):
        return DATELINE_RULE, "place"  # "AUSTIN, Texas — Voters...": where the story was filed
    if SPEAKER.on and _speaks_for_self(mention, document):
        return SPEAKER, "person"  # '"I kept on the pace," said Cragg': a body says "we"
    return None


#: Nouns that end a state's name ("Empire", "Reich"), as written.
STATE_NOUNS = lexicon("state_nouns")
#: Endings of nouns that name people only ("epidemiologist", "historian").
PERSON_ENDINGS = tuple(sorted(lexicon("person_endings")))
#: Singulars of the names party members go by, and the lemmas of an article about politics.
PARTY_MEMBERS = lexicon("party_members")
POLITICAL_WORDS = lexicon("political_words")


def _party_members(word: str, document: Document) -> bool:
    """Whether the lower-cased word is a party's members in the plural ("democrats", "tories") in
    an article about politics."""
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else ""
    return singular in PARTY_MEMBERS and any(not POLITICAL_WORDS.isdisjoint(u.terms) for u in document.sentences)


#: Where a role phrase's head noun ends: "economist" in "deputy chief economist at BMO Financial Group".
ROLE_TAIL = re.compile(rf"\s(?:{alternatives('role_tail_prepositions')})\s")


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


PLACE_COMPOUND_RULE = rule("text.place-compound", "A place before -born, -raised, -area names the place, not half"
                           " a word.", "a Veldra-born singer: Veldra, a place.", "GPE/LOC + -born|-bred|-raised|-area",
                           "text")
AUTHOR_NOTE = rule("text.author-note", "A closing sentence that opens with a person not named before, who 'is a'"
                   " something or 'contributed', is a note on the author: its names are no actors.",
                   "... last sentence: 'Ann Lee is a consultant at Calder Group.'",
                   "last sentence: NAME (is|was) (a|an|the) | contributed", "text")
#: A region or an agency after a dateline's place ("AUSTIN, Texas —", "Paris (AFP) -"); a bare
#: "FRANCE - " heads a section of a roundup, whose place the section is about.
DATELINE_TAIL = re.compile(r",\s|\s?\(")
DATELINE_ONLY = rule("text.dateline-only", "A dateline's place the story names nowhere else is where it was filed,"
                     " not an actor.", "VELDRA, Calder -- Voters ...: no actor, unless Veldra is named again.",
                     "line start + NAME(, Region)(Agency) -- and no other occurrence", "text")
BYLINE = rule("text.byline", "Names in a byline or in a dateline's brackets sign the story; they are not in it.",
              "By Ann Lee, Calder Post / VELDRA (Calder Wire) - ...: neither is an actor there.",
              "short line opening 'By NAME'; NAME line over a journalist's role line; line start + PLACE ("
              " NAME ) + dash", "text")
#: A byline: a short line opening with "By" and a capitalised word ("By Ann Lee, Calder Post").
BYLINE_LINE = re.compile(r"\s{0,3}(?:By|BY)\s{1,3}[A-Z][^\n]{0,80}$")
#: A dateline up to an agency's opening bracket ("WASHINGTON (", "Paris, France (").
AGENCY_OPEN = re.compile(r"\s{0,3}[A-Z][^\s(]{0,30}(?:,?\s[A-Z][^\s(]{0,30}){0,3}\s?\($")
#: An agency's closing bracket and the dateline's dash.
AGENCY_CLOSE = re.compile(r"\s?\)\s{0,3}(?:--?|—|–)\s")
#: How a sentence ends, which a byline does not.
SENTENCE_ENDS = (".", "!", "?", '"', "”")
#: Roles that, on the line under a name alone, make the two lines a byline ("Political correspondent").
JOURNALIST_ROLES = lexicon("journalist_roles")
#: The most words of a journalist's role on a line of its own.
MAX_ROLE_LINE_WORDS = 4
#: The most words a byline holds.
MAX_BYLINE_WORDS = 12
#: The fewest body sentences before which a closing sentence can be a note on the author.
MIN_STORY_SENTENCES = 3
#: What follows the name opening an author's note ("Ann Lee is a consultant", "Tom Hale contributed").
AUTHOR_VERBS = re.compile(rf"\s{{1,3}}(?:{alternatives('author_note_openings')})\b")
JUNK_RULES = {key: rule(f"junk.{key}", description, example, pattern, "text") for key, description, example, pattern in (
    ("honorific-end", "A span ending in an honorific was cut before the name it styles.", "Party Treasurer Lord",
     "last word in honorifics"),
    ("too-long", "More than six name words (particles aside) are a phrase, not a name.",
     "Calder Wexley Veldra Harwood Lisle Moss Park", "word count"),
    ("figure", "A date, sum, count or share is no name.", "£5m, 2005, 182nd", "digits outside a name's number"),
    ("event-ending", "A name ending in an event, document or work word is none of an actor's.",
     "Veldra Summit, Calder Report", "last word in not_actor_endings"),
    ("two-companies", "Two companies joined by 'and' are no one name.", "Calder Inc. and Wexley Corp.",
     "company ending + 'and'"),
    ("lower-case-word", "A lower-case word (particles aside), or an adjective's prefix and a hyphen opening the name,"
     " makes a phrase or an adjective, not a name.", "Calder builds bridge; Anti-Calder, ex-Harwood",
     "lower-case non-particle, or post-/pre-/anti-/ex-... and a hyphen at the start"),
    ("quoted-title", "A quoted run of capitalised words is a title or a nickname.", "'Mr Grumpy'",
     "quote + capitalised words + quote"),
    ("compound-half", "A name followed by '-lowercase' is the first half of a compound.", "State-owned",
     "-[a-z] right after"),
    ("family", "A surname alone before 'family' says no one person.", "the Moss family", "PERSON + family/clan"),
    ("common-word", "A word capitalised only by opening a sentence, written in lower case elsewhere.",
     "Group ... the group", "1 word, sentence start, seen lower-case"))}


def _junk(name: str, mention: Mention, document: Document, data: NameData) -> bool:
    """Whether the name is no actor by one of the junk rules (its evidence counted)."""
    fired = next((key for key, applies in _junk_checks(name, mention, document, data)
                  if JUNK_RULES[key].on and applies()), None)
    if fired is not None:
        JUNK_RULES[fired].evidence("not an actor")
    return fired is not None


def _junk_checks(name: str, mention: Mention, document: Document,
                 data: NameData) -> Iterator[tuple[str, Callable[[], bool]]]:
    """(junk rule key, its test), in the order they are tried."""
    words = name.split()
    text = document.article.text
    yield "honorific-end", lambda: words[-1].rstrip(".").lower() in data.honorifics
    yield "too-long", lambda: (sum(w not in NAME_PARTICLES for w in words) > MAX_NAME_WORDS
                               or len(words) > 2 * MAX_NAME_WORDS)
    yield "figure", lambda: _a_figure(words)
    yield "event-ending", lambda: len(words) > 1 and words[-1].lower() in data.not_actor_endings
    yield "two-companies", lambda: any(w.rstrip(".").lower() in COMPANY_ENDINGS and n == "and"
                                       for w, n in zip(words, words[1:], strict=False))
    yield "lower-case-word", lambda: JUNK_PREFIX.match(name) is not None or any(
        w[0].islower() and w.lower() not in NAME_PARTICLES for w in words)
    yield "quoted-title", lambda: _quoted(mention, text, data)
    yield "compound-half", lambda: COMPOUND_TAIL.match(text[mention.end:mention.end + 2]) is not None and not (
        _place_compound(mention, text))
    yield "family", lambda: mention.label == "PERSON" and len(words) == 1 and FAMILY.match(text, mention.end) is not None
    yield "common-word", lambda: len(words) == 1 and _opens_sentence(mention, document) \
        and name.lower() in _lower_case_words(text)


def _signs_the_story(mention: Mention, text: str) -> bool:
    """Whether the mention is in a byline ("By Ann Lee and Tom Hale", a short line that ends no
    sentence; a name alone on a line over a journalist's role) or is the agency in a dateline's
    brackets ("PARIS (AFP) -")."""
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    line = text[start:end if end >= 0 else len(text)]
    if BYLINE_LINE.match(line) and len(line.split()) <= MAX_BYLINE_WORDS and not line.rstrip().endswith(SENTENCE_ENDS):
        return True  # "By Friday, Ann Lee had quit." is a sentence
    if line.strip() == mention.text.strip() and end >= 0:  # a name on a line of its own, over its role
        role = text[end:end + 200].strip().split("\n", 1)[0].split()
        if 0 < len(role) <= MAX_ROLE_LINE_WORDS and role[-1].lower() in JOURNALIST_ROLES:
            return True
    return AGENCY_OPEN.match(text[start:mention.start]) is not None and AGENCY_CLOSE.match(text, mention.end) is not None


def _in_author_note(mention: Mention, document: Document) -> bool:
    """Whether the mention is in the article's last sentence, after a story of a few sentences,
    when that sentence opens with a person the article has not named before, followed by "is a
    ..." or "contributed"."""
    body = [i for i, u in enumerate(document.sentences) if u.kind == "body"]
    if len(body) < MIN_STORY_SENTENCES or mention.sentence != body[-1]:
        return False
    last = document.sentences[body[-1]]
    opener = min((m for m in document.mentions if m.sentence == body[-1]), key=lambda m: m.start)
    text = document.article.text
    return (opener.label == "PERSON" and not text[last.start:opener.start].strip()
            and AUTHOR_VERBS.match(text, opener.end) is not None and opener.text not in text[:last.start])


def _place_compound(mention: Mention, text: str) -> bool:
    """A place before "-born", "-area"...: the place is mentioned (its evidence counted)."""
    if PLACE_COMPOUND_RULE.on and mention.label in ("GPE", "LOC") and PLACE_COMPOUND.match(text, mention.end):
        PLACE_COMPOUND_RULE.evidence("type place")
        return True
    return False


def _opens_sentence(mention: Mention, document: Document) -> bool:
    sentence = document.sentences[mention.sentence]
    return not document.article.text[sentence.start:mention.start].strip(QUOTES_OR_BACKTICK + " ")


#: Words before a name that make it a body ("shares in Ryanair") or a place ("buried in Worcester",
#: "a trip to Auschwitz", "will visit Auschwitz").
BODY_CUE = re.compile(rf"\b(?:{alternatives('holding_nouns')})\s{{1,3}}in\s{{1,3}}$", re.I)
PLACE_CUE = re.compile(rf"\b(?:{alternatives('place_prepositions')}|"
                       rf"(?:{alternatives('movement_words')})(?:\s{{1,3}}to)?)\s{{1,3}}$")
#: "from X" where it says where someone lives or comes from ("Eric Saunders, 61, from Worcester",
#: "she is from Leeds"), not what came from whom ("a donation from Armstrong").
FROM_CUE = re.compile(rf"(?:[,.]|\b(?:{alternatives('origin_words')}))\s{{1,3}}from\s{{1,3}}$")


#: A possessive or a lower-case word right after a name.
MODIFIES = re.compile(r"['’]s\b| ([a-z]{1,20})\b")
#: Words that may follow a place ("in London on Monday", "in Texas last year"); another lower-case
#: word after "in X" makes X the modifier of a noun ("in Amazon packaging", "in Apple stores").
AFTER_PLACE = lexicon("after_place")


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
SAID_BEFORE = re.compile(rf"\b(?:{alternatives('speech_verb_forms')})\s{{1,3}}$")
SAID_AFTER = re.compile(rf"\s{{0,3}}(?:{alternatives('speech_verb_forms')})\b")
FIRST_PERSON = re.compile(rf"\b(?:{alternatives('first_person_forms')})\b")


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


#: What follows the digits of an ordinal ("182nd").
ORDINAL_SUFFIXES = lexicon("ordinal_suffixes")


def _a_figure(words: list[str]) -> bool:
    """A date, sum, count or number rather than a name: a year or count ("2005", "1,000"), money,
    a share or a phone number ("£5m", "10%", "+353"), a quantity ("10bn"), an ordinal that opens
    no name ("182nd", "Durie 75th"). Digits inside a name stay: G7, BBC2, Radio 4, 2nd Battalion."""
    for position, word in enumerate(words):
        if not any(c.isdigit() for c in word):
            continue
        if any(c in "£$€¥%,.+" for c in word) or (word.isdigit() and (len(word) >= 3 or position == 0)):
            return True
        ordinal = word.lstrip("0123456789").lower() in ORDINAL_SUFFIXES
        if word[0].isdigit() and not (ordinal and position == 0 and len(words) > 1):
            return True  # "5m", "10bn", "182nd", "Durie 75th"
    return False


#: How an adjective of a place ends and what the place's name ends in instead ("Bolivian": "ian", "ia").
ADJECTIVE_ENDINGS = tuple(tuple(part.strip() for part in entry.split("->")) for entry in entries("adjective_endings"))


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
