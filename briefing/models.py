"""The plain data that flows between stages; `Briefing` is the contract with the templates.

Every model is frozen and serialises to JSON, so a saved briefing.json can be rendered
again after a template edit without parsing the articles again.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

ActorType = Literal["person", "organisation", "place", "group"]
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """One line with every control character shown as an escape (`\\n`, `\\x1b`), so a file name
    or a reason cannot forge output lines or drive a terminal."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


Printable = Annotated[str, AfterValidator(printable)]
"""Text shown on one line: paths, reasons and notes."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(Frozen):
    """One input article as read from its source, before any language processing."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    origin: Printable = ""
    """Where it was read from: a file path, or `path:line` for a JSONL record."""


class Skipped(Frozen):
    """An input that could not be briefed, and why."""

    origin: Printable
    reason: Printable


class Note(Frozen):
    """Something a reader should know about an input that was briefed (cut short, a repeat)."""

    origin: Printable
    text: Printable


class Sentence(Frozen):
    """A key sentence with its place in the article text."""

    text: str
    paragraph: int
    start: int
    end: int
    score: float = 0.0


class Role(Frozen):
    """A role the text gives an actor, with the sentence that states it."""

    title: str
    sentence: str


class Actor(Frozen):
    """One real-world actor of an article, all its mentions merged."""

    name: str
    type: ActorType
    mentions: int
    aliases: list[str] = []
    roles: list[Role] = []
    key: bool = False
    weight: float = 0.0

    @property
    def role(self) -> str | None:
        """The first role the article states, if any."""
        return self.roles[0].title if self.roles else None


class ArticleBrief(Frozen):
    """What the briefing says of one article; `number` is its source number."""

    number: int
    article: Article
    key_sentences: list[Sentence]
    actors: list[Actor]
    also_in: list[int] = []
    """Source numbers of the copies of this article (the same text elsewhere), briefed here once."""


class Copy(Frozen):
    """A copy of a briefed article (syndicated or re-published text), listed as a source."""

    number: int
    article: Article
    copy_of: int
    """Source number of the article it copies."""


class RoleCitation(Frozen):
    """A role of an actor and the source numbers that give it."""

    title: str
    sources: list[int]


class ActorRow(Frozen):
    """One line of the briefing's actor table: an actor merged across articles."""

    name: str
    type: ActorType
    roles: list[RoleCitation]
    mentions: list[int]
    """Mentions in each article, in source order (0 where absent)."""
    key: bool
    weight: float = 0.0
    """Prominence across articles: in each article its weight relative to the heaviest actor, summed."""
    roles_differ: bool = False
    """True when sources give this actor different roles."""

    @property
    def mentions_by_source(self) -> list[tuple[int, int]]:
        """(source number, mentions) for each source that names the actor."""
        return [(number, count) for number, count in enumerate(self.mentions, start=1) if count]


class Point(Frozen):
    """A sentence of the overview, with the source number it comes from."""

    text: str
    source: int


class Briefing(Frozen):
    """The whole briefing: everything a template can show."""

    title: str
    date: date
    marking: str | None = None
    overview: list[Point]
    articles: list[ArticleBrief]
    actors: list[ActorRow]
    key_actors: list[str]
    copies: list[Copy] = []
    """Copies of briefed articles, numbered after them."""
    already_covered: int = 0
    """Articles left out because an earlier day's brief covered them."""
    skipped: list[Skipped] = []
    notes: list[Note] = []
