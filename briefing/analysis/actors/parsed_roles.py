"""Roles the dependency parse states for a person, where nearness alone would guess:

- an apposition after the name: "Jacques Barrot, vice president of the European Commission";
- a name in apposition to a role: "its chairman, Sir Anthony Greener", "one of their lawyers,
  Michalis Dimitrakopoulos";
- a role noun compounded before the name: "producer Jon Thoday", "US playwright Eve Ensler";
- a copula: "Michael Cockerell is a documentary maker".

A phrase is kept only when its head noun names what a person is (a role noun of the name data,
or an agent noun: producer, blogger, playwright) or what a body is ("publisher", which makes a
name the tagger took for a person an organisation); when unsure, no role beats a wrong one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..names import NameData
from .rules import rule

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PARSED_ROLE = rule("role.parsed", "The role the dependency parse states next to a name.",
                   "producer Ann Lee; Ann Lee, the producer; Ann Lee is a producer.",
                   "appos either side, compound/amod before, copula attr", "role")
#: Endings of nouns that name what someone does ("producer", "novelist", "librarian").
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "wright", "man", "woman", "smith")
#: Words a role phrase does not start with.
LEADING = {"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that"}
#: Dependents that end a role phrase (a clause or a second apposition is no part of the role).
CLAUSES = {"relcl", "acl", "appos", "advcl", "conj", "cc", "punct", "ccomp", "parataxis"}
MAX_WORDS = 8
#: Parts of speech a role phrase does not end with.
TRAILING = {"CCONJ", "ADV", "ADP", "SCONJ"}


def parsed_role(ent: Span, data: NameData) -> str | None:
    """The role the parse gives the person named by `ent`, if one is clear. A name joined to an
    earlier one by "and" with no role of its own shares its role ("sprinters Costas Kenteris and
    Katerina Thanou": each a sprinter), unless the list gives each name its own ("actress Barbara
    Windsor, comic Graham Norton and Sir Richard Attenborough") and the role is not plural."""
    root, start = ent.root, ent.start
    own = _role_of(root, start, ent.end, data)
    if own or root.dep_ != "conj":
        return own
    later = [t for t in root.conjuncts if t.dep_ == "conj"]
    individual = any(c.dep_ in ("compound", "amod") and c.is_lower and c.i < t.i for t in later for c in t.children)
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
        start = root.i
        while start > 0 and root.doc[start - 1].head == root and root.doc[start - 1].tag_ == "NNP":
            start -= 1  # the first name's own words ("Nikos" of "Nikos Pappas")
    if individual and not (start > 0 and root.doc[start - 1].tag_ == "NNS"):
        return None  # "actress Barbara Windsor, comic Graham Norton and Sir Richard Attenborough": no shared role
    return _role_of(root, start, max(ent.end, root.i + 1), data)


def _role_of(root: Token, start: int, end: int, data: NameData) -> str | None:
    """The role stated for the name from `start` to `end` whose head is `root`."""
    if root.dep_ == "appos" and root.head.i < start and _names_a_role(root.head, data):
        return _phrase(root.head, stop=start)
    if root.dep_ == "appos" and root.head.lower_ == "one" and root.head.i < start:
        # "one of their lawyers, Michalis Dimitrakopoulos": a lawyer
        group = [t for p in root.head.children if p.lower_ == "of" for t in p.children if t.dep_ == "pobj"]
        if group and group[0].tag_ == "NNS" and _names_a_role(group[0], data):
            return group[0].lemma_
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end and _names_a_role(child, data):
            return _phrase(child)
    before = [t for t in root.children if t.dep_ in ("compound", "amod", "nmod") and t.i < start]
    if before and start - 1 == before[-1].i and _names_a_role(before[-1], data) and before[-1].is_lower:
        return _clean(root.doc[min(t.left_edge.i for t in before):start], before[-1])
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        attribute = next((c for c in head.children if c.dep_ == "attr" and c.i > root.i), None)
        if attribute is not None and _names_a_role(attribute, data):
            return _phrase(attribute)
    return None


def _names_a_role(token: Token, data: NameData) -> bool:
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
        if child.dep_ in CLAUSES or (stop is not None and child.i >= stop):
            continue
        tokens.extend(t for t in child.subtree if stop is None or t.i < stop)
    tokens.sort(key=lambda t: t.i)
    first = tokens[0].i
    run = [t for t in tokens if t.i - first == tokens.index(t)]  # contiguous from the left
    return _clean(head.doc[run[0].i:run[-1].i + 1], head)


def _clean(span: Span, head: Token) -> str | None:
    """The phrase without leading determiners or possessives and trailing punctuation, its head
    in the singular ("sprinters" of two names: each a sprinter), a hyphenated word whole ("Tory
    co-chairman", which the parser may cut at the hyphen); none if it is no short phrase."""
    doc, start = span.doc, span.start
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start = min(doc[start - 2].left_edge.i, start - 2)
    span = doc[start:span.end]
    words = [t for t in span if not t.is_space]
    while words and (words[0].lower_ in LEADING or words[0].is_punct or words[0].tag_ == "POS"):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].lower_ in LEADING or words[-1].pos_ in TRAILING):
        words = words[:-1]  # "best actress for Suddenly Last Summer and", "Olympic gold medallist now"
    if not words or len(words) > MAX_WORDS or any(t.text in ",;:()" for t in words):
        return None
    return "".join((t.lemma_ if t == head and t.tag_ == "NNS" else t.text) + t.whitespace_
                   for t in span.doc[words[0].i:words[-1].i + 1]).strip()
