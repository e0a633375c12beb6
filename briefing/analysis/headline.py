"""A headline written from a sentence's parse, for an article that has no title.

A sub-editor's headline is the sentence's main clause: who did what, without the opening
subordinate clause ("As the crew readied for New Year, authorities revealed plans..." ->
"Authorities revealed plans..."), an attribution that follows the news ("X will visit Y, it has
been announced" or "..., police said" -> "X will visit Y"; "Police said they found the car" stays),
appositions, relative clauses, parentheticals and trailing circumstances, cut only at the end of
a phrase, never inside one, to about `WORDS` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..intake.words import QUOTES
from ..models import Sentence
from .document import Document
from .summarise.standalone import points_back

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Words a written headline aims at; phrases are dropped from the end until it fits.
WORDS = 13
#: Tokens of a sentence a headline is written from, at most.
MAX_TOKENS = 80
#: Words a cut never leaves a headline below.
FLOOR = 6
#: Verbs that report: with a clause as their object, the reported clause is the news.
REPORTING = frozenset("say tell announce report reveal confirm claim state add insist admit warn "
                      "believe think allege disclose suggest indicate conclude predict find".split())
#: Dependents never kept: a second clause, a circumstance clause, a relative clause, an
#: apposition, a parenthetical, an interjection or the subordinator of the clause itself.
DROPPED = frozenset("advcl relcl appos parataxis intj mark meta dep punct cc conj".split())
#: Dependents kept before the main verb: its subject and auxiliaries.
BEFORE_VERB = frozenset("nsubj nsubjpass expl aux auxpass neg".split())
#: Dependents of the main verb also dropped: time and manner adverbials ("on Tuesday", "also").
DROPPED_AT_VERB = frozenset("npadvmod advmod".split())
#: Subjects that make no headline: a column's writer or readers ("I discovered...", "We all know...").
FIRST_PERSON = frozenset("i we you".split())
#: Dependents that may be cut from the end when the headline is too long, in this order.
TRIMMED = ("prep", "acl", "advmod", "npadvmod")


def lead_headline(document: Document, sentences: Sequence[Sentence]) -> str:
    """The headline of an article without a title: written from its lead, the first key sentence
    in text order that stands alone and is not a quotation (else the first with a main clause);
    "" when none has one."""
    units = [document.sentences[document.sentence_at(s.start)] for s in sorted(sentences, key=lambda s: s.start)]
    units = [unit for unit in units if unit.headline]
    lead = next((u for u in units if not points_back(u.text) and u.text[:1] not in QUOTES), units[0] if units else None)
    return written(document.article.text, lead.headline) if lead else ""


def core(span: Span, text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges (into the text) of the sentence's main clause, shortened as the module
    says; empty when the sentence has no verb to build one on, when that verb has no subject
    ("To think that...") or its subject is the writer or the reader (a column's "I discovered..."
    is no headline), or when it is too long to be a lead
    (`MAX_TOKENS`: the cutting takes time that grows with the cube of its length). `text`: the
    sentence's, spared the search for brackets and dashes when it has none."""
    head = span.root
    if head.pos_ not in ("VERB", "AUX") or len(span) > MAX_TOKENS:
        return ()
    reported = next((c for c in head.children if c.dep_ == "ccomp"), None)
    if head.lemma_.lower() in REPORTING and reported is not None and _reports(head, reported):
        theirs, own = _subject(reported), _subject(head)
        if theirs is not None and theirs.pos_ != "PRON" and (reported.i < head.i or own is None or own.dep_ == "expl"
                                                             or own.lower_ == "it"):
            head = reported
    subject = _subject(head)
    if subject is None or subject.lower_ in FIRST_PERSON:
        return ()
    aside = _parenthetical(span) if PARENTHESIS_MARKS.search(text) else set()
    kept = {t for t in _clause(head) if t.i not in aside}
    while _words(kept) > WORDS and (cut := _last_phrase(kept, head)):
        kept -= cut
    while stranded := _stranded(kept, head):
        kept -= stranded
    return _ranges(sorted(kept, key=lambda t: t.i))


def _stranded(kept: set[Token], head: Token) -> set[Token]:
    """A participle or adjective left last without the phrase it led ("terrorists bent" of
    "terrorists bent on destruction" once "on destruction" is cut): the word goes too."""
    last = max(kept, key=lambda t: t.i, default=head)
    if last is head or last.pos_ not in ("VERB", "ADJ") \
            or not any(c.dep_ in TRIMMED and c not in kept for c in last.children if c.i > last.i) \
            or any(c.dep_ in ("aux", "auxpass", "neg") and c in kept for c in last.children):
        return set()  # not stranded, or a verb with its auxiliaries ("were getting married")
    return {last}


def _reports(verb: Token, clause: Token) -> bool:
    """The clause is what the verb reports: a finite clause, bare or after "that", and the verb
    has no object of its own ("revealed plans" reports no clause)."""
    return clause.pos_ in ("VERB", "AUX") and not any(c.dep_ == "dobj" for c in verb.children) \
        and all(c.lower_ == "that" for c in clause.children if c.dep_ == "mark")


def _words(tokens: set[Token]) -> int:
    """Words as a reader counts them ("6-year-old" is one)."""
    return sum(1 for t in tokens if t.whitespace_ or t.i + 1 == len(t.doc) or t.nbor() not in tokens)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _clause(head: Token) -> set[Token]:
    """The head verb with its arguments: before it only its subject and auxiliaries (an opening
    "In a statement," or "At 16," is a circumstance), after it what `_phrase` keeps."""
    kept = {head}
    for child in head.children:
        if child.dep_ in DROPPED_AT_VERB and child.lower_ not in ("not", "n't", "never") \
                or child.i < head.i and child.dep_ not in BEFORE_VERB:
            continue
        kept |= _phrase(child, head)
    return kept


def _phrase(token: Token, parent: Token) -> set[Token]:
    """The token's subtree without what `DROPPED` names (a noun's own "and" kept: "Smith and
    Jones") and without a modifier set off by a comma (", stabbed and stuffed in a bin")."""
    if token.dep_ in DROPPED and not _inside_word(token) \
            and not (token.dep_ in ("cc", "conj") and parent.pos_ in ("NOUN", "PROPN")) \
            or token.i > parent.i and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ",":
        return set()
    kept = {token}
    for child in token.children:
        kept |= _phrase(child, token)
    return kept


def _inside_word(token: Token) -> bool:
    """A hyphen or other mark with no space either side ("third-largest")."""
    return token.dep_ == "punct" and not token.whitespace_ and 0 < token.i < len(token.doc) - 1 \
        and not token.nbor(-1).whitespace_ and not token.nbor().is_punct


#: What may open a parenthesis `_parenthetical` looks inside: a bracket or a dash.
PARENTHESIS_MARKS = re.compile(r"[(—–]|--")


def _parenthetical(span: Span) -> set[int]:
    """Indices of the tokens inside brackets or a pair of dashes."""
    inside: set[int] = set()
    brackets, dashes = 0, False
    for token in span:
        if token.text == ")":
            brackets = max(0, brackets - 1)
        elif token.text in ("--", "—", "–"):
            dashes = not dashes
        elif brackets or dashes:
            inside.add(token.i)
        brackets += token.text == "("
    return inside


def _last_phrase(kept: set[Token], head: Token) -> set[Token]:
    """The kept phrase ending last whose dependency `TRIMMED` allows cutting, with its subtree,
    among those that leave at least `FLOOR` words (a shorter headline says too little)."""
    for dep in TRIMMED:
        cuts = [{s for s in t.subtree if s in kept} for t in sorted(kept, key=lambda t: t.i, reverse=True)
                if t.dep_ == dep and t is not head and t.head in kept and t.whitespace_]
        cuts = [cut for cut in cuts if _words(kept - cut) >= FLOOR]
        if cuts:
            return max(cuts, key=lambda cut: max(t.i for t in cut))
    return set()


def _ranges(tokens: list[Token]) -> tuple[tuple[int, int], ...]:
    """Runs of adjacent tokens as character ranges."""
    ranges: list[tuple[int, int]] = []
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if previous is not None and previous.i == token.i - 1:
            ranges[-1] = (ranges[-1][0], token.idx + len(token))
        else:
            ranges.append((token.idx, token.idx + len(token)))
    return tuple(ranges)


def written(text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """The headline the ranges of `text` make: pieces joined by a space, first letter capital,
    no closing punctuation."""
    words = " ".join(" ".join(text[start:end].split()) for start, end in ranges).rstrip(" .!?,;:")
    return words[:1].upper() + words[1:]
