"""Mentions from the tagger's entities: the parse rules that re-type, extend and join its spans
(each a registered rule that leaves evidence on the mention), the entries of table lines, and
the parse cues a mention carries (a person's role, a side in a game, a work's name).

Each rule is a registered spaCy component (`ACTOR_PIPES`, added after `ner`) that declares what it
reads and sets: the spans on `doc._.actor_spans`, their evidence on `doc._.actor_evidence`, and at
the end the mentions on `doc._.actor_mentions`, which `nlp.build_document` places in sentences
(`entity_mentions`). Everything here reads the spaCy parse only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from ..spacy_import import spacy  # noqa: F401  (first: spaCy without its command line; isort: skip)
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...intake.words import QUOTES
from ..document import Evidence, Mention
from ..names import NameData, alternatives, calendar, lexicon, name_data
from . import tables
from .clean import ROMAN, SURNAME_PARTICLES
from .parsed_roles import OF_BODY, PARSED_ROLE, named_together, names_a_role, parsed_role
from .rules import Rule, rule

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
#: Labels whose parsed role is read: a person's role, or what says a name is a body ("publisher X").
ROLE_LABELS = {"PERSON", "ORG", "GPE"}
#: Longer entity spans are parser accidents, not names.
MAX_ENTITY_CHARS = 120
LABEL_CLAIMS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
                "NORP": "group"}

HYPHENATED = rule("parse.hyphenated-surname", "A person's name runs on over a hyphen the tagger cut at.",
                  "Judge Ana Ortiz-Bell ruled: Ortiz-Bell, not Ortiz.",
                  "PERSON span + '-' + capitalised word, no spaces", "parse")
PARTICLE = rule("parse.surname-particle", "A person's name runs on over a lower-case surname particle the tagger"
                " cut at.", "Mayor Ana de Souza said: Ana de Souza, not Ana.",
                "PERSON span + de/des/du/van/von/der/da/di... + capitalised untagged word", "parse")
NUMBERED = rule("parse.regnal-numeral", "A person's name runs on over the Roman numeral of a monarch or pope the"
                " tagger cut at: never 'I' (the pronoun), 'V' or 'X' only after a title.", "Queen Ana II met Pope"
                " Tomas XVI: Ana II, Tomas XVI.", "PERSON span + II|III|IV|VI...|XXXIX; TITLE PERSON span + V|X",
                "parse")
OWNER_ONLY = rule("parse.possessive-owner-only", "A person's span that runs on past a possessive into words that"
                  " are no name is the owner alone.", "Tom Hale's Calder-area seat: Tom Hale.",
                  "PERSON span with 's followed by a lower-case word or a hyphen", "parse")
EMPLOYER = rule("parse.employer", "A 'person' after 'X of/at' a person is where that person works: a body.",
                "Lena Park of Harwood Lisle said: Harwood Lisle is a body.",
                "PERSON(pobj) <- of/at <- PERSON before it", "parse")
ACTING = rule("parse.acting-work", "A 'work' that says, reports or finds, or employs a role, is a body.",
              "The Ledger Weekly reported the sale: a body.",
              "WORK_OF_ART as nsubj of a saying verb, or compound of a role noun", "parse")
A_SIDE = rule("parse.side-before-role", "A one-word 'person' before a player's role or after 'played for' is a side.",
              "Calder striker Tom Hill scored: Calder is a team.",
              "PERSON(1 word) compound of a side role; pobj of 'for' under a playing verb", "parse")
PLACED = rule("parse.place-noun", "A name after a place noun ('the town of X', 'the capital X') is a place.",
              "the port of Veldra reopened: Veldra is a place.",
              "pobj of 'of' under a place noun, appos of one, or compound after one", "parse")
ACRONYM = rule("parse.spelt-out-acronym", "A name spelt out before its acronym in brackets is one entity.",
               "the Northern Ferry Workers Union (NFWU): one name, and NFWU its acronym.",
               "capitalised words whose initials spell '(ACRONYM)' right after them", "parse")
JOINED = rule("parse.joined-at-and", "A body's name cut at 'and'/'&' is joined again.",
              "the Office for Roads and Rail: one body, not two.",
              "ORG/GPE/FAC 'and'|'&' Capitalised, with a body word at either edge", "parse")
TABLE_ENTRY = rule("parse.table-entry", "In a table line, runs of capitalised words before figures are entries.",
                   "'Calder 3 Wexley 1': two sides.", "capitalised run + figure in a line of figures", "parse")
IN_A_TITLE = rule("parse.inside-a-title", "Words inside an office ('Secretary of State') are no name.",
                  "Trade Secretary Ann Lee: 'Trade' is no body.", "span inside a known title or before Secretary/Minister",
                  "parse")
WORD_NOT_NAME = rule("parse.word-not-name", "A one-word entity the parse reads as an adjective, verb, adverb or noun.",
                     "Draconian cuts: 'Draconian' is no actor.", "1-token span tagged ADJ/VERB/ADV/NOUN", "parse")
HYPHEN_MODIFIER = rule("parse.hyphenated-modifier", "A hyphenated entity before a noun modifies it.",
                       "Euro-Atlantic talks: no actor.", "span with '-' as compound/amod of a NOUN", "parse")
WORK = rule("parse.names-a-work", "A name before, after or in apposition to a work noun, or what a work is called.",
            "the Orbit console; a film called Red Harbour: works, not actors.",
            "compound/appos of a work noun; oprd/attr of a naming verb; 'as X' after a likeness verb", "parse")
SIDE = rule("parse.side-in-a-game", "A name that wins, loses or leads as a team does is a side, not a place.",
            "Calder beat Wexley: both teams.", "nsubj/dobj of a competing verb, pobj of over/against, appos of rival",
            "parse")

STATE = rule("parse.nationality-state", "A nationality adjective and a state noun after it name one state, often a"
             " former one.", "the Veldran Empire fell in 1870: one place, not a person 'Empire'.",
             "NORP + capitalised Reich/Empire/Kingdom/Republic... (tagged or not)", "parse")

DAY_NAME = rule("parse.day-name", "A name that modifies a day's or a month's name names the day, an event.",
                "Calder votes on Super Tuesday: 'Super' is no actor.", "1-word non-PERSON span, compound/amod of a"
                " capitalised day or month right after it", "parse")

SPOKEN_TO = rule("parse.spoken-to", "A 'building' or 'place' that is told, spoken to or quoted as a source, or"
                 " that says or reports, is a body (a newspaper, a broadcaster).",
                 "Speaking to Le Veldra, the minister said: a body.",
                 "FAC/LOC as dobj of tell, pobj of to/with under speak/talk/interview/according, nsubj of say",
                 "parse")

PRIZE = rule("parse.prize-won", "'The X' won or received is a prize or a contest, not an actor.",
             "Red Harbour won the Golden Veldra: no actor.",
             "'the' + span as dobj of win/receive/collect/clinch..., no body word, not known", "parse")

SYSTEM = rule("parse.name-of-a-system", "A name no gazetteer knows that modifies a noun of a system or a scheme"
              " names that thing, not an actor.", "the 'Work for Rent' (WFR) scheme ended: no actor.",
              "span (+ closing quote, + '(ACRONYM)') + system/scheme noun; not a person, a group or a known name",
              "parse")

HYPHEN_JOINED = rule("parse.joined-at-hyphen", "A body's name the tagger cut at or just after a hyphenated word"
                     " is one name again, with the words between.",
                     "the Agency of Re-education Through Farming: one body, not 'Agency of Re-education' and"
                     " 'Farming'.", "ORG span ending in or just after a hyphen + up to 4 words (the rest of the"
                     " word, capitalised words, particles) + ORG span", "parse")


ROLE_BEFORE_NAME = rule("parse.person-after-role", "A name of two or three capitalised words right after a"
                        " lower-case role noun is a person's, whatever other label the tagger gave it.",
                        "Harwood chief executive Lars Pemberly said: a person (the tagger: a product).",
                        "role noun (lower case) + PRODUCT|WORK_OF_ART|EVENT span of 2-3 title-case words", "parse")

Step = Callable[[Span], Span]

#: What the actor components read of the parse.
PARSE = ["token.dep", "token.head", "token.tag", "token.lemma", "token.ent_type"]
for _name in ("actor_spans", "actor_evidence", "table_sides", "actor_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _span_component(name: str, step_rule: Rule, step: Callable[[Span, NameData], Span]) -> str:
    """Register a pipeline component that applies `step` to each entity span (those an earlier
    span was extended over dropped), leaving `step_rule`'s evidence where it changed one."""
    def component(doc: Doc) -> Doc:
        if not step_rule.on:
            return doc
        trail, data = doc._.actor_evidence, name_data()
        spans: list[Span] = []
        for ent in doc._.actor_spans:
            evidence = trail.pop((ent.start, ent.end), [])
            if spans and ent.start < spans[-1].end:
                continue  # the rest of a name an earlier one was extended over
            spans.append(_traced(step_rule, step(ent, data), ent, evidence))
            trail[(spans[-1].start, spans[-1].end)] = evidence
        doc._.actor_spans = spans
        return doc

    Language.component(name, requires=["doc._.actor_spans", *PARSE], assigns=["doc._.actor_spans",
                                                                              "doc._.actor_evidence"], func=component)
    return name


def _list_component(name: str, step_rule: Rule, step: Callable[[list[Span], NameData], list[Span]]) -> str:
    """Register a pipeline component that re-cuts the list of entity spans with `step` (joining,
    splitting or adding spans), each new span given `step_rule`'s evidence and that of the spans it covers."""
    def component(doc: Doc) -> Doc:
        if step_rule.on:
            doc._.actor_spans = _listed(step_rule, step(doc._.actor_spans, name_data()), doc._.actor_spans,
                                        doc._.actor_evidence)
        return doc

    Language.component(name, requires=["doc._.actor_spans", *PARSE], assigns=["doc._.actor_spans",
                                                                              "doc._.actor_evidence"], func=component)
    return name


@Language.component("actor_entities", requires=["doc.ents"], assigns=["doc._.actor_spans", "doc._.actor_evidence"])
def actor_entities(doc: Doc) -> Doc:
    """The tagger's entities, as the spans the actor components re-type, extend and join."""
    doc._.actor_spans, doc._.actor_evidence = list(doc.ents), {}
    return doc


@Language.component("actor_table_entries", requires=["doc._.actor_spans", "token.ent_type"],
                    assigns=["doc._.actor_spans", "doc._.actor_evidence", "doc._.table_sides"])
def actor_table_entries(doc: Doc) -> Doc:
    """In table lines, the entries replace the tagger's spans they overlap (`TABLE_ENTRY`)."""
    data = name_data()
    in_tables = [e for line in tables.table_lines(doc) for e in tables.entries(line, data)] if TABLE_ENTRY.on else []
    doc._.actor_spans = _listed(TABLE_ENTRY, _with_table_entries(doc._.actor_spans, in_tables, data),
                                doc._.actor_spans, doc._.actor_evidence)
    doc._.table_sides = tables.sides(in_tables)
    return doc


@Language.component("actor_mentions", requires=["doc._.actor_spans", "doc._.actor_evidence", "doc._.table_sides",
                                                *PARSE], assigns=["doc._.actor_mentions"])
def actor_mentions(doc: Doc) -> Doc:
    """The spans that name actors as mentions, with the parse cues they carry (a person's role,
    a side in a game, a work's name) and all their evidence; their sentences are set later."""
    data, ents, trail = name_data(), doc._.actor_spans, doc._.actor_evidence
    acting = {e.text for e in ents if _acts(e)}
    groups = named_together(doc)
    mentions = []
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS or len(ent.text) > MAX_ENTITY_CHARS or _not_a_name(ent, data):
            continue
        evidence = list(trail.get((ent.start, ent.end), []))
        by, stated = (parsed_role(ent, data, groups) if ent.label_ in ROLE_LABELS and PARSED_ROLE.on else None) or (None, None)
        role = None if by is OF_BODY else stated  # a body's name says whom they work for, not what they are
        work = WORK.on and ent.text not in acting and _names_a_work(ent, data)
        prize = PRIZE.on and not work and _a_prize(ent, data)
        system = SYSTEM.on and not work and not prize and _names_a_system(ent, data)
        thing = work or prize or system
        competes = SIDE.on and (ent.start in doc._.table_sides or _competes(ent))
        evidence += [r.evidence(claim) for r, claim, fired in (
            (by or PARSED_ROLE, f"role {stated}", stated), (WORK, "not an actor (a work)", work),
            (PRIZE, "not an actor (a prize)", prize), (SYSTEM, "not an actor (names a system)", system),
            (SIDE, "type organisation (a side)", competes)) if fired]
        mentions.append(Mention(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char,
                                sentence=0, role=role, competes=competes, work=thing, evidence=tuple(evidence)))
    doc._.actor_mentions = mentions
    return doc


def entity_mentions(doc: Doc, starts: list[int]) -> list[Mention]:
    """The mentions the actor components left on `doc`, each in its sentence (`starts`: the
    sentences' start offsets)."""
    if doc._.actor_mentions is None:
        raise ValueError("the document was not parsed with the actor components (nlp.load adds them)")
    return [replace(m, sentence=max(0, bisect_right(starts, m.start) - 1)) for m in doc._.actor_mentions]


def _traced(step_rule: Rule, new: Span, old: Span, evidence: list[Evidence]) -> Span:
    """`new`, with `step_rule`'s evidence added when it changed the span's extent or label."""
    if (new.start, new.end) != (old.start, old.end):
        evidence.append(step_rule.evidence(f"name {new.text}"))
    if new.label_ != old.label_:
        evidence.append(step_rule.evidence(f"type {LABEL_CLAIMS.get(new.label_, new.label_)}"))
    return new


def _listed(step_rule: Rule, new: list[Span], old: list[Span],
            trail: dict[tuple[int, int], list[Evidence]]) -> list[Span]:
    """`new`, each span not in `old` given `step_rule`'s evidence and that of the spans it covers."""
    before = {(e.start, e.end, e.label_) for e in old}
    for ent in new:
        if (ent.start, ent.end, ent.label_) in before:
            continue
        covered = [ev for (s, e), evs in trail.items() if s < ent.end and e > ent.start for ev in evs]
        trail[(ent.start, ent.end)] = [*covered, step_rule.evidence(
            f"name {ent.text}, type {LABEL_CLAIMS.get(ent.label_, ent.label_)}")]
    return new


#: Prepositions after a person that make the name after them the person's employer.
EMPLOYER_PREPOSITIONS = lexicon("employer_prepositions")
#: Words that join two halves of a body's name, or two names ("Marks and Spencer").
NAME_CONJUNCTIONS = lexicon("name_conjunctions")
ORDINAL = re.compile(rf"\d{{1,3}}(?:{alternatives('ordinal_suffixes')})")
#: Words a name spelt out before its acronym may hold that give the acronym no letter
#: ("Islamic State in Iraq and Syria (ISIS)").
ACRONYM_PARTICLES = lexicon("acronym_particles")
#: Verbs whose subject speaks or acts as a body does ("Newsnight asked", "Technorati tracks").
ACTING_VERBS = lexicon("acting_verbs")


def _with_table_entries(ents: list[Span], entries: list[Span], data: NameData) -> list[Span]:
    """The tagger's entities, where a table line's entries replace those they overlap (the tagger
    reads tables poorly) unless the name data knows the tagger's name."""
    if not entries:
        return ents
    in_entries = {i for t in entries for i in range(t.start, t.end)}
    kept = [e for e in ents if data.lookup(e.text) or in_entries.isdisjoint(range(e.start, e.end))]
    in_kept = {i for e in kept for i in range(e.start, e.end)}
    entries = [t for t in entries if in_kept.isdisjoint(range(t.start, t.end))]
    return sorted(kept + entries, key=lambda e: e.start)


def _acting(ent: Span, data: NameData) -> Span:
    """A name the tagger took for a title of a work that acts as a body: the subject of a verb of
    saying or finding ("Technorati tracks ... and says"), or the employer in "Newsnight journalist
    Andrew McFadyen". Titles that are only shown or spoken on stay works."""
    if ent.label_ != "WORK_OF_ART":
        return ent
    root = ent.root
    if _acts(ent) or (root.dep_ == "compound" and root.head.lower_ in data.role_nouns
                      and root.head.lower_ not in data.body_nouns):
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


def _employer(ent: Span) -> Span:
    """A name the tagger took for a person's that follows a person as "of"/"at" it: where they
    work ("Mike Powell of Dresdner Kleinwort Wasserstein"), a body."""
    root = ent.root
    if ent.label_ == "PERSON" and root.dep_ == "pobj" and root.head.lower_ in EMPLOYER_PREPOSITIONS \
            and root.head.head.ent_type_ == "PERSON" and root.head.head.i < ent.start:
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


def _acts(ent: Span) -> bool:
    """The name is the subject of a verb of saying or finding (or of one joined to such a verb)."""
    root = ent.root
    return root.dep_ == "nsubj" and any(v.lemma_ in ACTING_VERBS for v in (root.head, *root.head.conjuncts))


NAMING_VERBS = lexicon("naming_verbs")
#: Verbs whose subject or object is a side in a game ("Cleveland beat Texas", "drew with Everton").
COMPETING_VERBS = lexicon("competing_verbs")
#: Prepositions before a side's name hung on a verb or noun of competing ("a lead over Seattle").
OPPONENT_PREPOSITIONS = lexicon("opponent_prepositions")
#: Nouns a side leads, wins or loses by ("a lead over Seattle", "victory against Leeds").
COMPETING_NOUNS = lexicon("competing_nouns")
#: Nouns a side is named after in apposition ("rivals Leicestershire", "leaders Chelsea").
SIDE_NOUNS = lexicon("side_nouns")
#: Roles in a side: a town before one names the side ("Newcastle striker Les Ferdinand").
SIDE_ROLES = lexicon("side_roles")
#: Verbs after which "for X" names the side someone plays for ("scored for Everton").
PLAYING_VERBS = lexicon("playing_verbs")


#: Nouns that say the name after them is a place ("the capital Grozny", "the town of Goma").
PLACE_NOUNS = lexicon("place_nouns")


def _placed(ent: Span) -> Span:
    """A name the words before it say is a place, whatever the tagger took it for: after a place
    noun in apposition ("the capital Grozny") or with "of" ("the border town of Goma", "the island
    of Spitzbergen")."""
    root = ent.root
    head = root.head
    if ent.label_ in ("GPE", "LOC"):
        return ent
    nouns = [head.head] if root.dep_ == "pobj" and head.lower_ == "of" else [head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "compound" and c.i < ent.start]  # "capital" of "capital Grozny"
    if any(n.pos_ == "NOUN" and n.lemma_.lower() in PLACE_NOUNS and n.i < ent.start for n in nouns):
        span = ent.doc[ent.start:ent.end]
        span.label_ = "GPE"
        return span
    return ent


def _after_a_role(ent: Span, data: NameData) -> Span:
    """A name the tagger took for a product or a work that follows a person's role noun ("chief
    executive Lars Pemberly"): a person."""
    doc = ent.doc
    if ent.label_ not in ("PRODUCT", "WORK_OF_ART", "EVENT") or not 2 <= len(ent) <= 3 or ent.start == 0 \
            or not all(t.is_title and t.is_alpha for t in ent):
        return ent
    role = doc[ent.start - 1]
    if not (role.is_lower and names_a_role(role, data)):
        return ent
    span = doc[ent.start:ent.end]
    span.label_ = "PERSON"
    return span


def _a_side(ent: Span) -> Span:
    """A one-word name the tagger took for a person where only a side can stand: before a role in
    a side ("Everton striker Duncan Ferguson") or after "played for", "scored for"."""
    root = ent.root
    if ent.label_ != "PERSON" or len(ent) != 1:
        return ent
    if (root.dep_ == "compound" and root.head.lemma_.lower() in SIDE_ROLES) or (
            root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.head.lemma_ in PLAYING_VERBS):
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


def _competes(ent: Span) -> bool:
    """The parse says the name is a side in a game: subject or object of a verb of winning or
    losing ("Cleveland beat Texas"), after "over", "against", "with", "to" or "v" hung on such a
    verb or noun ("a lead over Seattle", "lost to Leeds"), owning such a noun ("Texas's lead"), in
    apposition to a side ("rivals Leicestershire"), before a role in a side ("Newcastle striker
    Les Ferdinand"), or what someone plays for ("scored for Everton")."""
    root = ent.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    head = root.head
    if root.dep_ in ("nsubj", "dobj") and head.pos_ == "VERB" and head.lemma_ in COMPETING_VERBS:
        return True
    if (root.dep_ == "poss" and head.lemma_ in COMPETING_NOUNS) or (root.dep_ == "appos" and head.lemma_ in SIDE_NOUNS):
        return True
    if root.dep_ in ("compound", "poss") and head.lemma_.lower() in SIDE_ROLES:
        return True
    if root.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in PLAYING_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_.rstrip(".") in OPPONENT_PREPOSITIONS:
        owner = head.head
        return owner.lemma_ in COMPETING_NOUNS or (owner.pos_ == "VERB" and owner.lemma_ in COMPETING_VERBS)
    return False


def _names_a_work(ent: Span, data: NameData) -> bool:
    """The parse says the name is a work's, a product's or a character's: it stands right before
    a work noun ("the Cell processor", "the Focus on Africa programme") or in apposition to one
    ("hit show Jerry Springer"), it is what a work is called ("a documentary called 'No More Mr
    Nasty'"), what works are said to include ("whose films include Michael Collins"), what someone
    is shown as ("depicted Michael Howard as Fagin"), or the first word of a quoted phrase ("a
    'Brownie camp'"). Acronyms and names the data knows are bodies whose work it is ("a BBC
    documentary")."""
    if ent.text.isupper() or data.lookup(ent.text):
        return False
    doc, root = ent.doc, ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lemma_.lower() in data.likeness_words:
        return True
    if ent.start > 0 and doc[ent.start - 1].is_quote and ent.end + 1 < len(doc) and doc[ent.end].pos_ == "NOUN" \
            and doc[ent.end].is_lower and doc[ent.end + 1].is_quote:
        return True
    after = next((t for t in doc[ent.end:ent.end + 2] if not t.is_quote), None)
    before = next((t for t in reversed(doc[max(0, ent.start - 2):ent.start]) if not t.is_quote), None)
    if any(t is not None and t.pos_ == "NOUN" and t.lemma_.lower() in data.work_nouns for t in (after, before)) \
            and root.dep_ not in ("nsubj", "nsubjpass"):
        return True
    while root.dep_ == "conj" and root.head != root:  # "flops Alexander and Catwoman": as the first one
        root = root.head
    head = root.head
    if root.dep_ in ("compound", "appos") and head.pos_ == "NOUN" and head.lemma_.lower() in data.work_nouns:
        return True
    if _included_in_works(root, data):
        return True
    named = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    named += [head.head] if head.dep_ == "acl" else []  # "a documentary called ..."
    return root.dep_ in ("oprd", "attr") and head.lemma_ in NAMING_VERBS and any(
        t.lemma_.lower() in data.work_nouns for t in named)


def _included_in_works(token: Token, data: NameData) -> bool:
    """What works are said to include: "whose films include Michael Collins and Star Wars: The
    Phantom Menace"."""
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token.dep_ == "dobj" and token.head.lemma_ == "include" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in data.work_nouns for c in token.head.children)


def _expanded_acronyms(ents: list[Span]) -> list[Span]:
    """A name spelt out before its acronym in brackets is one entity, however the tagger cut it,
    and so is the acronym: "the Islamic State in Iraq and Syria (ISIS)", "European Low-fare
    Airlines Association (ELAA)" (initials of the capitalised words; particles and hyphenated
    tails skipped). The type is the acronym's, else the one the tagger gave inside the name."""
    if not ents:
        return ents
    doc = ents[0].doc
    for token in doc[1:-1]:
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if not (token.text.isupper() and token.is_alpha and 2 <= len(token) <= 8 and doc[token.i - 1].text == "("
                and after is not None and after.text == ")"):
            continue
        start = _spelt_out(doc, token.i - 1, token.text)
        if start is None:
            continue
        tagged = next((e for e in ents if e.start == token.i and e.end == token.i + 1), None)
        inside = [e for e in ents if e.start < token.i - 1 and e.end > start]
        label = tagged.label_ if tagged is not None else next((e.label_ for e in inside if e.label_ == "ORG"), None)
        if label is None and SYSTEM.on and token.i + 2 < len(doc) and doc[token.i + 2].lemma_.lower() in SYSTEM_NOUNS:
            label = "ORG"  # untagged, yet a name: of the system after it, which `_names_a_system` then drops
        if label is None:
            continue
        end = token.i - 2 if doc[token.i - 2].text in QUOTES else token.i - 1
        name, acronym = doc[start:end], doc[token.i:token.i + 1]
        name.label_ = acronym.label_ = label
        ents = sorted([e for e in ents if e.end <= start or e.start >= token.i + 1] + [name, acronym],
                      key=lambda e: e.start)
    return ents


def _spelt_out(doc: Doc, bracket: int, acronym: str) -> int | None:
    """The token where the words before `bracket` spell `acronym`, if they do."""
    letters: list[str] = []
    index = bracket - 1
    if index >= 0 and doc[index].text in QUOTES:
        index -= 1  # a name in quotation marks: '"Work for Rent" (WFR)'
    while index >= 0 and len(letters) < len(acronym) and bracket - index <= 3 * len(acronym):
        token = doc[index]
        if token.is_title or token.is_upper:
            letters.insert(0, token.text[0].upper())
            if "".join(letters) == acronym:
                return index
        elif not (token.lower_ in ACRONYM_PARTICLES or token.text in "-–" or (token.is_lower and doc[index - 1].text == "-")):
            return None
        index -= 1
    return None


def _joined(ents: list[Span], data: NameData) -> list[Span]:
    """Entities with a body's name cut at "and" or "&" joined again: "Department for Education"
    and "Skills" in "the Department for Education and Skills" are one organisation, and so is
    "Daily Mail & General Trust" when the tagger saw only "Daily Mail". A name that opens with
    "The" after the "and" is one of its own ("The Independent and The Times")."""
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        if previous is not None and previous.label_ in ("ORG", "GPE", "FAC") and ent.start == previous.end + 1 \
                and ent.doc[previous.end].lower_ in NAME_CONJUNCTIONS and ent[0].is_title and ent[0].text != "The" \
                and any(t.lower_ in data.organisation_words for t in (*previous[:2], ent[-1])) \
                and not (data.lookup(previous.text) or data.lookup(ent.text)):  # "The Independent and The Times"
            start = previous.start
            if start > 0 and ORDINAL.fullmatch(ent.doc[start - 1].text):
                start -= 1  # "2nd Battalion York and Lancaster Regiment"
            joined[-1] = _as_organisation(ent.doc[start:ent.end])
        else:
            joined.append(ent)
    return joined


def _joined_at_hyphen(ents: list[Span], data: NameData) -> list[Span]:
    """Two spans of a body's name the tagger cut at or just after a hyphenated word joined again,
    with the words between: "the Bureau of Re-" and "Labor" of "the Bureau of Re-education Through
    Labor", "the Agency of Re-education" and "Farming" of "... Through Farming"."""
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        between = ent.doc[previous.end:ent.start] if previous is not None else None
        if previous is not None and between is not None and previous.label_ == ent.label_ == "ORG" \
                and any(t.text == "-" and not t.whitespace_ for t in previous[-3:]) and 0 < len(between) <= 4 \
                and all(t.is_alpha and (t.is_title or t.lower_ in ACRONYM_PARTICLES
                                        or (t.i == previous.end and previous[-1].text == "-")) for t in between):
            joined[-1] = _as_organisation(ent.doc[previous.start:ent.end])
        else:
            joined.append(ent)
    return joined


def _hyphenated(ent: Span) -> Span:
    """A person's name with the rest of a hyphenated surname the tagger cut off ("Judge
    Montoya" of "Judge Montoya-Lewis")."""
    doc, end = ent.doc, ent.end
    while (ent.label_ == "PERSON" and end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_title and doc[end + 1].is_alpha):
        end += 2
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


def _owner_only(ent: Span) -> Span:
    """A person's span that swallowed what the person owns ("Walker's Greensboro-area district",
    "Hale's Calder" of "Hale's Calder-based firm"): the owner, when what follows the possessive
    holds a lower-case word or a hyphen, or a hyphen follows the span."""
    doc = ent.doc
    if ent.label_ != "PERSON":
        return ent
    for token in ent[1:-1]:
        if token.tag_ != "POS":
            continue
        rest = doc[token.i + 1:ent.end]
        if any(t.is_lower and t.is_alpha for t in rest) or "-" in rest.text or (
                ent.end < len(doc) and doc[ent.end].text == "-" and not doc[ent.end - 1].whitespace_):
            return Span(doc, ent.start, token.i, label=ent.label_)
    return ent


#: The most particles in a row ("van der", "de la").
MAX_PARTICLES = 2


def _particled(ent: Span) -> Span:
    """A person's name with the particle and the rest of the surname the tagger cut off
    ("Mayor Bill" of "Mayor Bill de Blasio"): up to two lower-case particles, then capitalised
    words no other entity holds but the tagger's person for the rest ("Merwe" of "Pieter van der
    Merwe"), which the extended name replaces."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON":
        return ent
    while end < len(doc) and end - ent.end < MAX_PARTICLES and doc[end].text in SURNAME_PARTICLES:
        end += 1
    if end == ent.end:
        return ent
    rest = end
    while rest < len(doc) and doc[rest].is_title and doc[rest].is_alpha and doc[rest].ent_type_ in ("", "PERSON"):
        rest += 1
    return ent if rest == end else Span(doc, ent.start, rest, label=ent.label_)


def _numbered(ent: Span, data: NameData) -> Span:
    """A person's name with the monarch's or pope's numeral the tagger cut off ("Queen Elizabeth"
    of "Queen Elizabeth II"); never "I", which the parse cannot tell from the pronoun ("When I met
    King Charles I was shaking"), and "V" or "X" only after a title ("Lee V Hale": versus)."""
    doc, end = ent.doc, ent.end
    word = doc[end].text if end < len(doc) else ""
    if ent.label_ != "PERSON" or word == "I" or not ROMAN.fullmatch(word) or doc[end].ent_type_:
        return ent
    if len(word) == 1 and data.leading_title(ent.text + " ") is None:
        return ent
    return Span(doc, ent.start, end + 1, label=ent.label_)


def _as_organisation(span: Span) -> Span:
    span.label_ = "ORG"
    return span


def _not_a_name(ent: Span, data: NameData) -> bool:
    """An entity the parser reads as a word, not a name: one word read as an adjective, verb,
    adverb or common noun ("Draconian", "Blogging", "Historic"), a hyphenated word before a
    noun ("Euro-Atlantic security"), or part of an office. Names the data knows are names;
    nationality words ("Danish") are read elsewhere."""
    if ent.label_ == "NORP" or data.lookup(ent.text):
        return False
    fired: Rule | None = None
    if IN_A_TITLE.on and _in_a_title(ent, data):
        fired = IN_A_TITLE
    elif DAY_NAME.on and _names_a_day(ent):
        fired = DAY_NAME
    elif len(ent) == 1:
        fired = WORD_NOT_NAME if WORD_NOT_NAME.on and ent[0].pos_ in ("ADJ", "VERB", "ADV", "NOUN") else None
    else:
        fired = HYPHEN_MODIFIER if HYPHEN_MODIFIER.on and "-" in ent.text and ent.root.dep_ in (
            "compound", "amod") and ent.root.head.pos_ == "NOUN" else None
    if fired is not None:
        fired.evidence("not an actor")  # counted: the mention it drops carries nothing
    return fired is not None


#: Days and months, lower-cased.
CALENDAR = calendar()


def _names_a_day(ent: Span) -> bool:
    """The one-word name, no person's, modifies the capitalised day or month right after it
    ("Super Tuesday", "Black Friday"), unlike a name the day only follows ("told CNBC Friday")."""
    doc, root = ent.doc, ent.root
    return len(ent) == 1 and ent.label_ != "PERSON" and ent.end < len(doc) and doc[ent.end].is_title \
        and doc[ent.end].lower_ in CALENDAR and root.dep_ in ("compound", "amod") and root.head.i == ent.end


#: Titles a portfolio opens ("Trade and Industry Secretary", "Europe Minister").
PORTFOLIO_TITLES = lexicon("portfolio_titles")


def _in_a_title(ent: Span, data: NameData) -> bool:
    """The words are part of an office, not a name: inside a title ("Secretary of State",
    "Shadow Secretary") or the portfolio before one ("Trade and Industry Secretary")."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text in PORTFOLIO_TITLES and ent.label_ != "PERSON":
        return True
    for start in range(max(0, ent.start - 3), ent.start + 1):
        title = data.leading_title(doc[start:min(len(doc), ent.end + 3)].text + " ")
        if title and doc[start].idx + len(title) >= ent.end_char:
            return True
    return False


#: Lemmas that make the name they govern someone spoken to or quoted ("told", "according to").
ADDRESSING_WORDS = lexicon("addressing_words")
#: Prepositions whose object, hung on an addressing word, is spoken to ("speaking to Radio Calder").
ADDRESSING_PREPOSITIONS = lexicon("addressing_prepositions")


def _spoken_to(ent: Span, data: NameData) -> Span:
    """A name the tagger took for a building or a place that is spoken to ("told Le Monde",
    "speaking to Radio Calder", "according to Veldra Today") or that says or reports, as a
    source does: a body. Names the data knows keep their type."""
    if ent.label_ not in ("FAC", "LOC") or data.lookup(ent.text):
        return ent
    root = ent.root
    head = root.head
    if _acts(ent) or (root.dep_ == "dobj" and head.lemma_ in ADDRESSING_WORDS) or (
            root.dep_ == "pobj" and head.lower_ in ADDRESSING_PREPOSITIONS and head.head.lemma_.lower() in ADDRESSING_WORDS):
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


#: Lemmas of verbs whose object "the X" is a prize or a contest won.
WINNING_VERBS = lexicon("winning_verbs")


def _a_prize(ent: Span, data: NameData) -> bool:
    """The name, after "the", is what someone wins or receives ("won the Golden Bear"): a prize
    or a contest. Names the data knows and names with a body word ("the Calder Council") are bodies."""
    doc, root = ent.doc, ent.root
    return root.dep_ == "dobj" and root.head.lemma_ in WINNING_VERBS and ent.label_ != "PERSON" \
        and ((ent.start > 0 and doc[ent.start - 1].lower_ == "the") or ent[0].lower_ == "the") \
        and not data.lookup(ent.text) and not {w.lower() for w in ent.text.split()} & data.organisation_words


#: Lemmas of nouns of a system, a scheme or a rule that a name before them names.
SYSTEM_NOUNS = lexicon("system_nouns")


def _names_a_system(ent: Span, data: NameData) -> bool:
    """The name modifies a noun of a system or a scheme ("the Calder scheme", "the 'Work for Rent'
    (WFR) system"), passing a closing quotation mark and an acronym in brackets: it names that
    thing. A person's name, a nationality and a name the data knows never do ("the Hale doctrine"
    is Hale's, "the EU scheme" the EU's)."""
    doc, i = ent.doc, ent.end
    if ent.label_ in ("PERSON", "NORP") or data.lookup(ent.text):
        return False
    while i < len(doc) and (doc[i].text in QUOTES or doc[i].text in "()" or (
            doc[i].is_upper and i > 0 and doc[i - 1].text == "(")):
        i += 1
    return i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() in SYSTEM_NOUNS


#: Nouns that, after a nationality adjective, name a state ("German Reich", "Ottoman Empire").
STATE_NOUNS = lexicon("state_nouns")


def _named_states(ents: list[Span], data: NameData) -> list[Span]:
    """A nationality adjective and the state noun after it as one place ("German Reich"), whether
    the tagger took the noun for a name of its own ("Reich", a person) or left it out."""
    out: list[Span] = []
    for i, ent in enumerate(ents):
        doc = ent.doc
        if out and ent.start < out[-1].end:
            continue  # the state noun joined to the adjective before it
        if ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].text in STATE_NOUNS:
            after = ents[i + 1] if i + 1 < len(ents) and ents[i + 1].start == ent.end else None
            out.append(Span(doc, ent.start, after.end if after is not None else ent.end + 1, label="GPE"))
        else:
            out.append(ent)
    return out


#: The actor components, in pipeline order after the tagger's `ner` (`nlp.load` adds them): each
#: states in `nlp.analyze_pipes()` what it reads and what it sets.
ACTOR_PIPES = (
    "actor_entities",
    _span_component("actor_owner_only", OWNER_ONLY, lambda ent, data: _owner_only(ent)),
    _span_component("actor_hyphenated_surname", HYPHENATED, lambda ent, data: _hyphenated(ent)),
    _span_component("actor_surname_particle", PARTICLE, lambda ent, data: _particled(ent)),
    _span_component("actor_regnal_numeral", NUMBERED, _numbered),
    _span_component("actor_employer", EMPLOYER, lambda ent, data: _employer(ent)),
    _span_component("actor_acting_work", ACTING, _acting),
    _span_component("actor_side_before_role", A_SIDE, lambda ent, data: _a_side(ent)),
    _span_component("actor_person_after_role", ROLE_BEFORE_NAME, _after_a_role),
    _span_component("actor_place_noun", PLACED, lambda ent, data: _placed(ent)),
    _span_component("actor_spoken_to", SPOKEN_TO, _spoken_to),
    _list_component("actor_nationality_state", STATE, _named_states),
    _list_component("actor_spelt_out_acronym", ACRONYM, lambda ents, data: _expanded_acronyms(ents)),
    _list_component("actor_joined_at_hyphen", HYPHEN_JOINED, _joined_at_hyphen),
    _list_component("actor_joined_at_and", JOINED, _joined),
    "actor_table_entries",
    "actor_mentions",
)
