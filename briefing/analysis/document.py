"""An article after language processing, as plain data: its sentences and entity mentions.

`nlp.parse` builds these from spaCy; the summariser and the actor extractor read only these,
so tests can build documents by hand.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from ..models import Article

SentenceKind = Literal["body", "heading", "caption", "boilerplate", "row"]
"""`row`: a line of a list or a table (one of several short unpunctuated lines in a row): no
sentence to summarise, but the actors it names count."""


@dataclass(frozen=True)
class Unit:
    """One sentence of the article text, with offsets into `Article.text`."""

    text: str
    start: int
    end: int
    paragraph: int
    terms: tuple[str, ...] = ()
    """Content-word lemmas, lower-cased: what similarity and overlap are computed on."""
    kind: SentenceKind = "body"
    """Only body sentences may become key sentences."""
    verb: bool = True
    """False when the parse finds no verb: a picture's caption or a label ("Anders Tegnell at one
    of the daily briefings."), never a key sentence."""
    headline: tuple[tuple[int, int], ...] = ()
    """Where its main clause is, as character ranges into `Article.text`: the headline it would
    make (`headline.core`); empty for a sentence without a verb or not of the body."""
    demonstrative: bool = False
    """True when it opens with "This"/"These"/"That"/"Those" before a noun ("These events..."),
    as the parse says (not the pronoun of "This is ...")."""


@dataclass(frozen=True)
class Evidence:
    """What one actor rule says about a mention: `claim` is a type ("type:place"), a name
    boundary ("name:..."), a merge, a role ("role:...") or "not an actor"."""

    rule: str
    claim: str
    weight: float = 1.0


@dataclass(frozen=True)
class Mention:
    """One named-entity mention, with offsets into `Article.text`."""

    text: str
    label: str
    start: int
    end: int
    sentence: int
    role: str | None = None
    """The role the dependency parse states for a person ("producer" in "producer Jon Thoday")."""
    competes: bool = False
    """The parse says the name plays or wins as a side does ("Cleveland beat Texas", "a lead over
    Seattle"): a team, whatever place it is named after."""
    work: bool = False
    """The parse says the name is a work's, a product's or a character's ("the Cell processor",
    "hit show Jerry Springer", "depicted him as Fagin"), not an actor's."""
    evidence: tuple[Evidence, ...] = ()
    """What the parse rules said of the tagger's entity (re-typed, extended, joined)."""


Tense = Literal["past", "present", "future"]


@dataclass(frozen=True)
class Clause:
    """A verb and its subject as the parse gives them, with offsets into `Article.text`: who says
    ("said Mr Hopkins", "the Bishop said") and when something happens ("the vote will be held")."""

    verb: str
    """The verb's lemma, lower-cased ("say")."""
    start: int
    end: int
    """Where the verb is."""
    sentence: int
    """Index of its sentence in `Document.sentences`."""
    tense: Tense = "present"
    """"future" with will, shall, would, may, could, "is to" or "is due/set/expected to"."""
    subject: tuple[int, int] | None = None
    """The subject phrase (its whole extent: "Curt Hopkins, director of the Committee,"), if any."""
    head: tuple[int, int] | None = None
    """The subject's head word ("Hopkins", "he", "spokesman")."""
    name: tuple[int, int] | None = None
    """The proper name the subject is, or stands in apposition with ("Sarah Mukasa" in "the play's
    organiser, Sarah Mukasa,"), if any."""
    passive: bool = False
    """The subject undergoes the verb ("she was told")."""


@dataclass(frozen=True)
class Document:
    article: Article
    sentences: tuple[Unit, ...]
    mentions: tuple[Mention, ...] = ()
    clauses: tuple[Clause, ...] = ()
    """Verbs with their subjects, in text order."""
    verbs: frozenset[int] = frozenset()
    """Where the parse finds a verb or an auxiliary: each one's first character offset."""

    @cached_property
    def _starts(self) -> list[int]:
        return [unit.start for unit in self.sentences]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that holds `offset` (or the last one before it)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def context(self, mention: Mention) -> tuple[str, str]:
        """The text of the mention's sentence before and after it."""
        unit = self.sentences[mention.sentence]
        text = self.article.text
        return text[unit.start:mention.start], text[mention.end:unit.end]
