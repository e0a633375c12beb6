"""Roles the dependency parse states for a person, where nearness alone would guess:

- an apposition after the name: "Jacques Barrot, vice president of the European Commission";
- a name in apposition to a role: "its chairman, Sir Anthony Greener", "one of their lawyers,
  Michalis Dimitrakopoulos", or a role after it: "Ann Lee, one of the organisers";
- a role noun compounded before the name: "producer Jon Thoday", "US playwright Eve Ensler";
- a copula: "Michael Cockerell is a documentary maker";
- a predicate of office: "Tom Hale was later named high commissioner", "Ann Lee became finance
  minister", "Ann Lee served as ambassador to Spain", also in a relative clause ("who was elected
  mayor");
- a relation to a named owner: "his Spanish counterpart Jose Ruiz" after "Paul Roux met" is
  the Spanish counterpart of Paul Roux;
- a body the person is "of": "Cara Dent of IT firm Harwood Data said";
- a plural title before names joined by "and": "Senators Ann Lee and Tom Hale";
- names given as examples of a plural role: "artists including Ann Lee and Tom Hale";
- any singular noun compounded right before a person's name: "referee Tom Hale", "fullback Ann
  Lee" (the one place where the noun need not be a known role: news puts only what someone is
  there).

Elsewhere a phrase is kept only when its head noun names what a person is (a role noun of the
name data, or an agent noun: producer, blogger, playwright) or what a body is ("publisher", which
makes a name the tagger took for a person an organisation); when unsure, no role beats a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..names import NameData, lexicon
from .clean import POSSESSIVE
from .rules import rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .rules import Rule

PARSED_ROLE = rule("role.parsed", "The role the dependency parse states next to a name.",
                   "producer Ann Lee; Ann Lee, the producer; Ann Lee is a producer.",
                   "appos either side, compound/amod before, copula attr", "role")
PREDICATE = rule("role.predicate", "A verb of taking or holding office gives its subject the office it names.",
                 "Tom Hale was later named high commissioner: high commissioner.",
                 "NAME (who) be|become|remain ROLE; NAME (who) was named|appointed|elected ROLE; "
                 "NAME served|works as ROLE", "role")
RELATION_OWNER = rule("role.relation-owner", "A role owned by 'his', 'her' or 'its' is the role of the clause's"
                      " named subject.", "Paul Roux met his Spanish counterpart Jose Ruiz: Spanish counterpart"
                      " of Paul Roux.", "SUBJECT-NAME verb his|her|its ROLE NAME", "role")
OF_BODY = rule("role.of-body", "A person 'of' a named body speaks or works for it.",
               "Cara Dent of IT firm Harwood Data said: Harwood Data.", "NAME of [the] [description] ORG", "role")
LONG_ROLE = rule("role.long-apposition", "A long apposition's role is cut at its last prepositional phrases until"
                 " it is short.", "Tom Hale, an Australian professor of climate change at the University"
                 " of Calder, said: Australian professor of climate change.",
                 "NAME, [a] ROLE of X at Y in Z (over 8 words): ROLE of X [at Y]", "role")
EXAMPLE_OF = rule("role.example-of", "Names given as examples of a plural role noun hold that role, each in the"
                  " singular.", "Postcards by artists including Ann Lee and Tom Hale sold; the contenders include"
                  " Ann Lee: artist, each; contender.", "ROLE-NOUN(NNS) including|such as NAME (and NAME); ROLE-NOUN(NNS)"
                  " include NAME", "role")
#: Words between a plural role noun and the names of some who hold it.
EXAMPLE_OPENERS = lexicon("example_openers")
#: Verbs whose plural role-noun subject their object's names are examples of ("the contenders include").
INCLUDING = lexicon("including_verbs")
DESCRIPTOR = rule("role.descriptor-compound", "A lower-case singular noun compounded right before a person's name"
                  " says who the person is, whatever the noun.", "Welsh referee Tom Hale waved play on: Welsh"
                  " referee.", "[qualifier] noun(NN, compound) PERSON-NAME", "role")
PLURAL_TITLE = rule("role.plural-title", "A capitalised title in the plural before names joined by 'and' is each"
                    " one's title.", "Senators Ann Lee and Tom Hale voted no: Senator, each.",
                    "Titles NAME and NAME (a title or role noun in the plural, capitalised)", "role")
ONE_OF_AFTER = rule("role.one-of-after", "'one of the' and a plural role noun in apposition after a name is the"
                    " person's role, in the singular.", "Ann Lee, one of the organisers, said ...: organiser.",
                    "NAME, one(appos) of [the|POSS] ROLE-NOUN(NNS)", "role")
AFFILIATED = rule("role.affiliated-apposition", "A person's apposition headed by a common noun with a named body"
                  " after it is a role, whatever the noun.", "Tilde Baum, a senior fellow at the Calder Policy"
                  " Forum, said: senior fellow at the Calder Policy Forum.",
                  "PERSON, [det] [amod] NOUN (appos) + at|of|for|with + ORG", "role")
AS_OFFICE = rule("role.as-office", "An office after 'as' is the subject's: a clause opened by 'As ROLE,', a verb"
                 " of appointing or of leaving office with 'as'.", "As treasurer, Ann Lee cut costs; Tom Hale was"
                 " elected as mayor; Ann Lee resigned as chair.", "As ROLE, NAME verb; NAME (who) was elected|named"
                 " ... as ROLE; NAME resigned|stepped down|was sacked as ROLE", "role")
SUBJECT_APPOSITION = rule("role.subject-apposition", "A name set off by commas between the role phrase that is"
                          " the subject and its verb holds that role, however the parse attached it.",
                          "Calder's envoy to Veldra, Tom Hale, was recalled: Calder's envoy to Veldra.",
                          "ROLE (of|to|at ...) PLACE, NAME, [aux] VERB-of-ROLE", "role")
OBJECT_AS_OFFICE = rule("role.object-as-office", "An office after 'as' that follows the object of a verb of appointing"
                        " is the object's.", "The trust named Ann Lee as its chair in May: its chair; the club hired"
                        " Tom Hale as coach: coach.", "VERB-of-appointing NAME (dobj) ... as ROLE", "role")
#: What joins the names of people named together.
JOINERS = lexicon("name_conjunctions") | {","}
#: Verbs whose subject holds the office named by their complement ("Hale became mayor").
HOLDING = lexicon("holding_verbs")
#: Verbs whose passive subject is given the office their complement names ("Hale was named mayor").
NAMING = lexicon("appointing_verbs")
#: Verbs that take an office after "as" ("served as ambassador", "works as a nurse").
AS_VERBS = lexicon("serving_verbs")
#: Verbs whose subject held the office they name after "as" ("resigned as mayor", "was sacked as coach").
LEAVING = lexicon("leaving_verbs")
#: Possessives that point back to the clause's subject, and the kind of subject each may point to.
OWNERS = {word: "PERSON" for word in lexicon("person_possessives")} | {word: "ORG" for word in lexicon("body_possessives")}
#: Endings of nouns that name what someone does ("producer", "novelist", "librarian").
AGENT_ENDINGS = tuple(sorted(lexicon("agent_endings")))
#: Words a role phrase does not start with.
LEADING = lexicon("role_openers")
#: Dependents that end a role phrase (a clause or a second apposition is no part of the role).
CLAUSES = {"relcl", "acl", "appos", "advcl", "conj", "cc", "punct", "ccomp", "parataxis"}
MAX_WORDS = 8
#: Prepositions that tie a person's noun to a body ("fellow at", "member of", "adviser to").
AFFILIATING = {"at", "of", "for", "with", "to"}
#: Dependents of a role's head that may only say when ("mayor in May", "chair last year").
TIMED = {"prep", "npadvmod"}
#: Parts of speech a role phrase does not end with.
TRAILING = {"CCONJ", "ADV", "ADP", "SCONJ"}


def parsed_role(ent: Span, data: NameData, groups: dict[int, Together]) -> tuple[Rule, str] | None:
    """The role the parse gives the person named by `ent`, if one is clear, with the rule that
    found it. A name joined to an earlier one by "and" with no role of its own shares its role
    ("sprinters Costas Kenteris and Katerina Thanou": each a sprinter), unless the list gives each
    name its own ("actress Barbara Windsor, comic Graham Norton and Sir Richard Attenborough") and
    the role is not plural; people named together (`groups`: the document's `named_together`)
    share a plural title or a counted role before them."""
    root, start = ent.root, ent.start
    person = ent.label_ == "PERSON"
    own = _role_of(root, start, ent.end, data) or (  # a team "became champion", a body "of" another: no one's role
        _predicate(root, data) or _of_body(root, ent.end) or _subject_apposition(ent, data) if person else None)
    if own or root.dep_ != "conj":
        return own or (_shared(ent, data, groups) if person else None)
    later = [t for t in root.conjuncts if t.dep_ == "conj"]
    individual = any(c.dep_ in ("compound", "amod") and c.is_lower and c.i < t.i for t in later for c in t.children)
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
        start = root.i
        while start > 0 and root.doc[start - 1].head == root and root.doc[start - 1].tag_ == "NNP":
            start -= 1  # the first name's own words ("Nikos" of "Nikos Pappas")
    if individual and not (start > 0 and root.doc[start - 1].tag_ == "NNS"):
        return None  # "actress Barbara Windsor, comic Graham Norton and Sir Richard Attenborough": no shared role
    shared = _role_of(root, start, max(ent.end, root.i + 1), data)
    if shared and shared[0] is DESCRIPTOR:
        return None  # "absentee Ann Lee and Tom Hale": a noun in the singular says who the first is
    return shared or (_shared(ent, data, groups) if person else None)


def _subject_apposition(ent: Span, data: NameData) -> tuple[Rule, str] | None:
    """"The director of Calder's office in Veldra, Luo Min, said": the role phrase the name is in
    apposition to when the parse hung the name on the phrase's last noun ("Veldra") instead; the
    phrase's head is the subject of the verb right after the name's closing comma."""
    doc, start, end = ent.doc, ent.start, ent.end
    if not SUBJECT_APPOSITION.on or start < 3 or end >= len(doc) or doc[start - 1].text != "," \
            or doc[end].text != ",":
        return None
    verb = next((t for t in doc[end + 1:min(end + 4, len(doc))] if t.pos_ not in ("AUX", "PART")), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb else None
    if subject is None or not subject.i < start - 1 <= subject.right_edge.i or not names_a_role(subject, data):
        return None
    phrase = _phrase(subject, stop=start - 1)
    return (SUBJECT_APPOSITION, phrase) if phrase else None


def _shared(ent: Span, data: NameData, groups: dict[int, Together]) -> tuple[Rule, str] | None:
    """The role people named together share, read from the words as the tagger spans the names
    (the parse often does not join them): a plural title right before them ("Prime Ministers
    Ann Lee and Tom Hale")."""
    group = groups.get(ent.start)
    if group and not group.known:
        group.role, group.known = _plural_title(group, data), True
    return group.role if group else None


@dataclass
class Together:
    """People's names joined by commas and "and" in one sentence ("Ann Lee, Tom Hale and Eve
    Ensler"), and the role they share once it is worked out (`known`)."""

    names: list[Span]
    sentence: Span
    role: tuple[Rule, str] | None = None
    known: bool = False


def named_together(doc: Doc) -> dict[int, Together]:
    """Where each name of a group of people named together starts, its group; worked out once a
    document, so a roster of thousands of names costs time in proportion to its length."""
    groups: dict[int, Together] = {}
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    sentences = iter(doc.sents if people else ())
    run = None
    for name in people:
        sentence = run.sentence if run else next(sentences)
        while sentence.end <= name.start:
            sentence = next(sentences)
        gap = doc[run.names[-1].end:name.start] if run else doc[0:0]
        if run is None or run.sentence.start != sentence.start or not 1 <= len(gap) <= 2 \
                or any(t.lower_ not in JOINERS for t in gap):
            run = Together([], sentence)
        run.names.append(name)
        if len(run.names) > 1:
            groups.update((n.start, run) for n in run.names[-2:])
    return groups


def _plural_title(group: Together, data: NameData) -> tuple[Rule, str] | None:
    """A capitalised title in the plural right before the names, in the singular ("Presidents":
    "President"); not a side's plural that only ends like a doer ("Rangers")."""
    doc, start, opening = group.sentence.doc, group.names[0].start, group.sentence.start
    if not PLURAL_TITLE.on or start == opening:
        return None
    last = doc[start - 1]
    if not last.text[:1].isupper() or last.tag_ not in ("NNS", "NNPS", "NNP") or not last.lower_.endswith("s"):
        return None
    for singular in dict.fromkeys((_singular(last), last.text[:-1], last.text[:-3] + "y")):
        words = [t.text for t in doc[max(start - 3, opening):start - 1]] + [singular]
        title = data.trailing_title(" ".join(words))
        if title or singular.lower() in data.role_nouns:
            return PLURAL_TITLE, " ".join(words[-len(title.split()):]) if title else singular
    return None


def _role_of(root: Token, start: int, end: int, data: NameData) -> tuple[Rule, str] | None:
    """The role stated for the name from `start` to `end` whose head is `root`."""
    if root.dep_ == "appos" and root.head.i < start and names_a_role(root.head, data):
        return _owned((root.head,), _phrase(root.head, stop=start))
    if root.dep_ == "appos" and root.head.lower_ == "one" and root.head.i < start \
            and (found := _one_of(root.head, data)):
        return found  # "one of their lawyers, Michalis Dimitrakopoulos": a lawyer
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end and child.lower_ == "one" and ONE_OF_AFTER.on \
                and (found := _one_of(child, data, ONE_OF_AFTER)):
            return found  # "Ann Lee, one of the organisers,": an organiser
        if child.dep_ == "appos" and child.i >= end and names_a_role(child, data):
            return _found(child)
        if child.dep_ == "appos" and child.i >= end and root.ent_type_ == "PERSON" and _affiliated(child):
            found = _found(child)
            return (AFFILIATED, found[1]) if found else None
    if (example := _example_of(root, data)) is not None:
        return example
    before = [t for t in root.children if t.dep_ in ("compound", "amod", "nmod") and t.i < start]
    last = before[-1] if before and start - 1 == before[-1].i and before[-1].is_lower else None
    if last is not None and names_a_role(last, data):
        return _owned((root, last), _clean(root.doc[min(t.left_edge.i for t in before):start], last))
    if last is not None and _describes(last, root):
        left = min(t.left_edge.i for t in before)
        verb = next((t.i for t in reversed(root.doc[left:start]) if t.tag_ in ("VBN", "VBD", "VB")), left - 1)
        role = _clean(root.doc[verb + 1:start], last)  # "injured neighbour Tom Hale": a neighbour
        return (DESCRIPTOR, role) if role else None
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        attribute = next((c for c in head.children if c.dep_ == "attr" and c.i > root.i), None)
        if attribute is not None and names_a_role(attribute, data):
            return _found(attribute)
    return None


def _describes(noun: Token, root: Token) -> bool:
    """Whether a singular common noun compounded right before a person's name says who the person
    is ("referee Derek Hale", "fullback Tom Hale"), whatever the noun."""
    return DESCRIPTOR.on and root.ent_type_ == "PERSON" and noun.dep_ == "compound" and noun.tag_ == "NN"


def _example_of(root: Token, data: NameData) -> tuple[Rule, str] | None:
    """"artists including Ann Lee", "lawmakers such as Ann Lee", "the contenders include Ann Lee": the
    plural role noun the name is an example of, in the singular."""
    opener = root.head
    if not EXAMPLE_OF.on or opener.i < 1:
        return None
    words = f"{root.doc[opener.i - 1].lower_} {opener.lower_}" if opener.lower_ == "as" else opener.lower_
    if root.dep_ == "dobj" and opener.lemma_.lower() in INCLUDING:  # "the contenders include Ann Lee"
        group = next((c for c in opener.children if c.dep_ == "nsubj"), None)
    elif root.dep_ == "pobj" and opener.dep_ == "prep" and words in EXAMPLE_OPENERS:
        group = opener.head
    else:
        return None
    lower = group is not None and (group.is_lower or group.is_sent_start and group.text[1:].islower())
    if group is None or group.tag_ != "NNS" or not lower or not names_a_role(group, data) \
            or group.lemma_.lower() in AGENT_ENDINGS:
        return None  # "women such as Ann Lee": what everyone is, no role
    return EXAMPLE_OF, group.lemma_


def _one_of(one: Token, data: NameData, by: Rule = PARSED_ROLE) -> tuple[Rule, str] | None:
    """"one of the organisers": the role of each of them, in the singular."""
    group = [t for p in one.children if p.lower_ == "of" for t in p.children if t.dep_ == "pobj"]
    return (by, group[0].lemma_) if group and group[0].tag_ == "NNS" and names_a_role(group[0], data) else None


def _affiliated(noun: Token) -> bool:
    """A singular common noun with a named body in a phrase after it ("fellow at the Calder Policy
    Forum", "expert in diseases at Lindow University"): what someone is at that body."""
    return AFFILIATED.on and noun.tag_ == "NN" and not noun.ent_type_ and any(
        p.dep_ == "prep" and p.lower_ in AFFILIATING and any(t.ent_type_ == "ORG" for t in p.subtree)
        for p in noun.children)


def _found(head: Token) -> tuple[Rule, str] | None:
    """The phrase `head` heads; when it is long (`LONG_ROLE`), without its last prepositional
    phrases but "of" ("at the University of Calder") until it is short enough, and no date in it
    ("a winner two weeks ago in ...")."""
    whole = _phrase(head)
    if whole or not LONG_ROLE.on:
        return (PARSED_ROLE, whole) if whole else None
    cuts = [t.i for t in head.subtree if t.dep_ == "prep" and t.i > head.i and t.lower_ != "of" and not t.ent_type_]
    at, cut = next(((i, p) for i in reversed(cuts) if (p := _phrase(head, stop=i))), (0, None))  # the last first
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in head.subtree if t.i < at)
    return (LONG_ROLE, cut) if cut and not dated else None


def _owned(holders: tuple[Token, ...], phrase: str | None) -> tuple[Rule, str] | None:
    """A role owned by "his"/"her"/"its" ("his Spanish counterpart") as the role of the clause's
    named subject ("Spanish counterpart of Paul Roux"), or of the name it is joined to ("Tom Hale
    and his lawyer"), when that is a name of the kind the possessive stands for; else the role as
    it is."""
    if not phrase:
        return None
    owner = next((c.lower_ for t in holders for c in t.children if c.dep_ == "poss" and c.lower_ in OWNERS), None)
    if owner is None or not RELATION_OWNER.on:
        return PARSED_ROLE, phrase
    holder, node, subject = holders[0], holders[0], None
    while subject is None and node.head != node:  # up the tree to the clause's subject
        if node.dep_ == "conj":
            subject = node.head
            break
        node = node.head
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < holder.i
                        and not c.left_edge.i <= holder.i <= c.right_edge.i), None)
    named = [t for t in (subject, *subject.children) if (t == subject or t.dep_ == "appos")
             and t.ent_type_ == OWNERS[owner]] if subject is not None else []
    if not named:
        return PARSED_ROLE, phrase
    name = next(e for e in holder.doc.ents if e.start <= named[0].i < e.end)
    return RELATION_OWNER, f"{phrase} of {POSSESSIVE.sub('', name.text)}"


def _predicate(root: Token, data: NameData) -> tuple[Rule, str] | None:
    """The office a predicate gives the name's subject: "Hale was named high commissioner",
    "Lee became finance minister", "Lee served as ambassador", "Dent, who was elected mayor";
    not when denied or only possible ("was not named", "could become")."""
    if not PREDICATE.on:
        return None
    clauses = [(root.head, root.dep_)] if root.dep_ in ("nsubj", "nsubjpass") or root.dep_ in ("dobj", "oprd") \
        and OBJECT_AS_OFFICE.on and root.head.lemma_.lower() in NAMING else []
    clauses += [(c, s.dep_) for c in root.children if c.dep_ == "relcl" for s in c.children
                if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in ("who", "that")]
    for verb, subject in clauses:
        if any(c.dep_ == "neg" or c.tag_ == "MD" for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        wanted = ("attr",) if lemma in HOLDING else ("oprd", "attr") if lemma in NAMING and subject == "nsubjpass" \
            else ()  # the one named, not the one naming ("Lee chose lawyer Tom Hale")
        complements = [c for c in verb.children if c.dep_ in wanted and c.i > root.i]
        if lemma in AS_VERBS:  # "served as mayor", "served two terms as mayor", "worked for years as a nurse"
            holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "npadvmod"))]
            complements = [t for h in holders for p in h.children if p.lower_ == "as" and p.dep_ == "prep"
                           for t in p.children if t.dep_ == "pobj"]
        elif subject in ("dobj", "oprd"):  # "named Ann Lee as its chair": the one named, not the one naming
            complements = [t for p in verb.children if p.lower_ == "as" and p.dep_ == "prep" and p.i > root.i
                           for t in p.children if t.dep_ == "pobj"]
        elif AS_OFFICE.on and (named := lemma in NAMING and subject == "nsubjpass" or lemma in LEAVING
                               or subject == "nsubj" and verb == root.head):
            # "was elected in 2019 as mayor", "resigned as chair"; "As mayor, Ann Lee cut taxes": opening the clause
            complements += [t for p in verb.children if p.lower_ == "as" and p.dep_ == "prep"
                            and (named or p.i == verb.left_edge.i < root.i)
                            for t in p.children if t.dep_ == "pobj"]
        for complement in complements:
            if any(c.tag_ == "JJS" for c in complement.children):
                continue  # "was named best director": an award, not an office
            if names_a_role(complement, data) and (found := _found(complement)):
                return (OBJECT_AS_OFFICE if subject in ("dobj", "oprd") else AS_OFFICE
                        if complement.head.lower_ == "as" and lemma not in AS_VERBS else PREDICATE), found[1]
    return None


def _of_body(root: Token, end: int) -> tuple[Rule, str] | None:
    """The named body after "of" right after the name ("Cara Dent of IT firm Harwood Data")."""
    if not OF_BODY.on:
        return None
    doc = root.doc
    if end >= len(doc) or doc[end].lower_ != "of" or doc[end].head != root:
        return None
    body = next((e for e in doc.ents if e.start > end and e.label_ == "ORG"), None)
    if body is None or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in doc[end + 1:body.start]):
        return None
    words = [t for t in body if t.lower_ != "the"]
    return (OF_BODY, doc[words[0].i:body.end].text) if words and body.start - end <= 4 else None


def names_a_role(token: Token, data: NameData) -> bool:
    """Whether the noun names what someone is (its singular, for "sprinters"); a body noun only
    in lower case ("publisher X"), not ending a body's name ("Ann Lee, Calder Rowing Club,")."""
    word = token.lemma_.lower() if token.tag_ == "NNS" else token.text.lower()
    return token.pos_ in ("NOUN", "PROPN") and not token.ent_type_ and (
        word in data.role_nouns or (word in data.body_nouns and token.is_lower)
        or data.trailing_title(word) is not None
        or word.endswith(AGENT_ENDINGS))


def _phrase(head: Token, stop: int | None = None) -> str | None:
    """The noun phrase `head` heads: its left modifiers and "of ..."/"at ..." after it, without
    clauses, appositions or anything from `stop` on."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in CLAUSES or (stop is not None and child.i >= stop) or (
                child.dep_ in TIMED and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)):
            continue  # "mayor in May", "governor since 2019": when, not what
        tokens.extend(t for t in child.subtree if stop is None or t.i < stop)
    tokens.sort(key=lambda t: t.i)
    first = tokens[0].i
    run = [t for t in tokens if t.i - first == tokens.index(t)]  # contiguous from the left
    return _clean(head.doc[run[0].i:run[-1].i + 1], head)


def _clean(span: Span, head: Token) -> str | None:
    """The phrase without leading determiners, possessives or a count and trailing punctuation, its head
    in the singular ("sprinters" of two names: each a sprinter), a hyphenated word whole ("Tory
    co-chairman", "son-in-law", which the parser may cut at a hyphen); none if it is no short phrase."""
    doc, start = span.doc, span.start
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start = min(doc[start - 2].left_edge.i, start - 2)
    end = span.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2  # "son-in-law", which the parser may cut at the hyphen
    span = doc[start:end]
    words = [t for t in span if not t.is_space]
    plural = head.tag_ in ("NNS", "NNPS")
    while words and (words[0].lower_ in LEADING or words[0].is_punct or words[0].tag_ == "POS"
                     or plural and (words[0].like_num or words[0].tag_ in ("DT", "PDT"))):
        words = words[1:]  # ... and a plural's count ("the two ministers", "both judges"): each is one
    given = [i for i, t in enumerate(words) if t.tag_ == "VBN" and t.lemma_.lower() in NAMING and t != head]
    if given and given[-1] + 1 < len(words):
        words = words[given[-1] + 1:]  # "re-elected mayor", "newly appointed chairman": the office given
    while words and (words[-1].is_punct or words[-1].lower_ in LEADING or words[-1].pos_ in TRAILING):
        words = words[:-1]  # "best actress for Suddenly Last Summer and", "Olympic gold medallist now"
    if not words or len(words) > MAX_WORDS or any(t.text in ",;:()" for t in words):
        return None
    return "".join((_singular(t) if t == head and t.tag_ in ("NNS", "NNPS") else t.text) + t.whitespace_
                   for t in span.doc[words[0].i:words[-1].i + 1]).strip()


def _singular(token: Token) -> str:
    """A plural noun in the singular, its capital kept ("Presidents": "President")."""
    lemma = token.lemma_
    return lemma[:1].upper() + lemma[1:] if token.text[:1].isupper() else lemma
