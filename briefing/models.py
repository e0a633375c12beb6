"""The plain data that flows between stages; `Briefing` is the contract with the templates.

Every model is frozen and serialises to JSON, so a saved briefing.json can be rendered
again after a template edit without parsing the articles again.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

ActorType = Literal["person", "organisation", "place", "group"]
DateSource = Literal["feed", "page", "dateline", "record"]
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"'`\x00-\x1f\x7f]+$", re.IGNORECASE)
ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """One line with every control character shown as an escape (`\\n`, `\\x1b`), so a file name
    or a reason cannot forge output lines or drive a terminal."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


Printable = Annotated[str, AfterValidator(printable)]
"""Text shown on one line: paths, reasons and notes."""


#: The one set of given field names that every unpickled model given the same fields shares.
_GIVEN_FIELDS: dict[frozenset[str], set[str]] = {}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_post_init(self, context: Any, /) -> None:
        """Validated (a record read from JSON), the model shares its set of given field names as an
        unpickled one does (`__setstate__`)."""
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _GIVEN_FIELDS.setdefault(frozenset(given), given))

    def __setstate__(self, state: dict[Any, Any]) -> None:
        """Unpickled (a parse worker's results), the model shares its set of given field names with
        the others given the same: a set of its own was half the memory of a day's actors, roles
        and sentences. Frozen, the set is never changed in place (`model_copy` copies it)."""
        given = state.get("__pydantic_fields_set__")
        if given is not None:
            state["__pydantic_fields_set__"] = _GIVEN_FIELDS.setdefault(frozenset(given), given)
        super().__setstate__(state)


class Article(Frozen):
    """One input article as read from its source, before any language processing."""

    id: str
    """Its name: the file name, or the JSONL record's id."""
    text: str
    """The article text, paragraphs separated by blank lines."""
    title: str | None = None
    """Headline."""
    source: str | None = None
    """Publication or site that published it."""
    url: str | None = None
    """Address it was read from or points to, as given."""
    published: str | None = None
    """Publication date (ISO 8601 where known); None when no source of it gives one (never guessed)."""
    dated_by: DateSource | None = None
    """Where `published` comes from: `feed` (the feed's entry), `page` (the page's own metadata: JSON-LD,
    meta tags, the byline's time), `dateline` (the article's opening line), `record` (the input's
    own field: a JSONL key, Markdown front matter)."""
    page_published: str | None = None
    """The date the page itself gives, where the feed's entry (`published`) gives one more than a
    day apart; else None."""
    place: str | None = None
    """Where the article was filed, as its dateline names it ("LAGOS, Nigeria"); None without one."""
    author: str | None = None
    """Byline."""
    origin: Printable = ""
    """Where it was read from: a file path, or `path:line` for a JSONL record."""

    @property
    def link(self) -> str | None:
        """`url` when it is a web address (http or https) a reader can follow, else none."""
        url = (self.url or "").strip()
        return url if WEB_ADDRESS.match(url) else None

    @property
    def published_day(self) -> date | None:
        """The day of `published` when it opens with an ISO date (2026-12-03T08:00Z), else none."""
        match = ISO_DAY.match((self.published or "").strip())
        try:
            return date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:  # "2026-02-30"
            return None


class Skipped(Frozen):
    """An input that could not be briefed, and why."""

    origin: Printable
    """The input (path, path:line or address)."""
    reason: Printable
    """Why it was not briefed."""


class Note(Frozen):
    """Something a reader should know about an input that was briefed (cut short, a repeat)."""

    origin: Printable
    """The input (path, path:line or address)."""
    text: Printable
    """What the reader should know."""


class LeftOut(Frozen):
    """A feed entry not fetched: outside the brief's window, or covered by an earlier day's brief."""

    origin: Printable
    """The entry's link (or the feed's address and the entry's title where it has no link)."""
    title: Printable | None = None
    """The entry's title, if it has one."""
    published: str | None = None
    """When the feed says it was published (ISO), if it says."""
    reason: Literal["too old", "after the day", "covered"]
    """too old: published before the window; after the day: published after the brief's day;
    covered: an earlier day's brief covered its address."""


class SourceOutcome(Frozen):
    """What became of one configured source (a folder, file, page, URL list or feed) in a run."""

    name: Printable
    """The source as messages name it: its display name, else its address or path."""
    origin: Printable
    """Its address or path."""
    status: Literal["read", "unchanged", "unavailable"]
    """read: it was read; unchanged: a feed that has not changed since an earlier day's run
    (HTTP 304); unavailable: it could not be read (see `reason`)."""
    reason: Printable | None = None
    """Why it was unavailable."""
    read: int = 0
    """Articles read from it."""
    too_old: int = 0
    """Feed entries left out as published before the window (`window_hours` before the end of the brief's day)."""
    after_day: int = 0
    """Feed entries left out as published after the brief's day."""
    covered: int = 0
    """Its entries and articles left out because an earlier day's brief covered them."""


class Sentence(Frozen):
    """A key sentence with its place in the article text."""

    text: str
    """The sentence as shown (opening connective dropped, "He"/"Her"/"Its"/"the company" named, "These" as "The")."""
    paragraph: int
    """Paragraph number in the article, from 0."""
    start: int
    """Character offset in `Article.text` where it starts."""
    end: int
    """Character offset in `Article.text` where it ends."""
    score: float = 0.0
    """The summariser's rating (higher: more central)."""


class Role(Frozen):
    """A role the text gives an actor, with the sentence that states it."""

    title: str
    """The role as the text words it ("Danish Prime Minister")."""
    sentence: str
    """The sentence that states it."""


class Actor(Frozen):
    """One real-world actor of an article, all its mentions merged."""

    name: str
    """The fullest name the article gives."""
    type: ActorType
    """person, organisation, place or group."""
    mentions: int
    """Times the article names it."""
    aliases: list[str] = []
    """Other names the article uses for it."""
    roles: list[Role] = []
    """Roles the article states, in order."""
    key: bool = False
    """True for the article's key actors."""
    weight: float = 0.0
    """Prominence in the article (mentions, where and how it is named)."""
    why: dict[str, list[str]] | None = Field(default=None, exclude=True)
    """With `extract --explain` only: the rules that decided its name, type and roles, and the
    evidence behind them (never saved, so the cache and records keep their size)."""

    @property
    def role(self) -> str | None:
        """The first role the article states, if any."""
        return self.roles[0].title if self.roles else None


class Title(NamedTuple):
    """A role of an `Unshown` actor: its title, without the sentence that states it."""

    title: str


class Unshown(NamedTuple):
    """An actor a run holds past the `actors.per_article` its article shows, with only what
    composing reads of it (an `Actor` without its roles' sentences, `why` and a model's overhead:
    under a third of its memory, and most of a day's actors are not shown)."""

    name: str
    type: ActorType
    mentions: int
    aliases: tuple[str, ...]
    roles: tuple[Title, ...]
    key: bool
    weight: float

    @property
    def role(self) -> str | None:
        """The first role the article states, if any."""
        return self.roles[0].title if self.roles else None

    @classmethod
    def of(cls, actor: Actor | Unshown) -> Unshown:
        """The actor as composing reads it."""
        if isinstance(actor, Unshown):
            return actor
        return cls(actor.name, actor.type, actor.mentions, tuple(actor.aliases),
                   tuple(Title(role.title) for role in actor.roles), actor.key, actor.weight)


class Quote(Frozen):
    """A direct quotation with the speaker the article gives it to."""

    text: str
    """The quoted words; a quotation in several spans (split around "he said", or over paragraphs)
    has its spans joined by one space."""
    speaker: str | None
    """Who said or wrote it, named in full as the article names them (no honorific); None for a
    speaker the article does not name ("a Government source")."""
    role: str | None = None
    """The speaker's role as the article states it ("Foreign Secretary"); for an unnamed speaker,
    the article's words for them ("a Government source")."""
    start: int
    """Character offset in `Article.text` where the quotation starts (inside its first mark)."""
    end: int
    """Character offset in `Article.text` where it ends (inside its last mark)."""


class Figure(Frozen):
    """A figure an article gives, with what it counts, as written ("a 40% drop in profits")."""

    text: str
    """The figure and what it counts, as the article words them."""
    start: int
    """Character offset in `Article.text` where it starts."""
    end: int
    """Character offset in `Article.text` where it ends."""


class Upcoming(Frozen):
    """A sentence announcing something dated still to come (a vote, a hearing, a deadline)."""

    text: str
    """The sentence."""
    date: str | None
    """When: an ISO date (2026-12-10) where the text allows one, else None ("later this year")."""
    when: str
    """The words that date it, as written ("next Thursday", "14 January", "in two weeks")."""
    earliest: str | None = None
    """With no date, the first day the words allow (ISO: "in June" from 2026-12-03 is 2027-06-01,
    "next week" 2026-12-07), which orders it among the dated; else None."""
    event: str | None = None
    """What is dated, as the subject of its clause names it ("vote" in "The vote will be held on 14
    January"), where the words are a date written with its day and month and the subject a common
    noun; else None."""
    start: int
    """Character offset in `Article.text` where the sentence starts."""
    end: int
    """Character offset in `Article.text` where it ends."""


class ArticleBrief(Frozen):
    """What the briefing says of one article; `number` is its source number."""

    number: int
    """Source number, which citations use."""
    article: Article
    """The article as read."""
    key_sentences: list[Sentence]
    """Its key sentences in text order."""
    actors: list[Actor]
    """Its actors, key ones first."""
    also_in: list[int] = []
    """Source numbers of the copies of this article (the same text elsewhere), briefed here once."""
    quotes: list[Quote] = []
    """Its direct quotations with their speakers, in text order."""
    figures: list[Figure] = []
    """The figures that matter, key sentences' first."""
    upcoming: list[Upcoming] = []
    """What it announces still to come after its publication date, in text order."""
    headline: str = ""
    """Its title, or where it has none a headline written from its lead sentence (never an id)."""
    old: str | None = None
    """A flag ("from 14 March 2020") when it was published more than 30 days before the brief's day, else None."""

    def lean(self, shown: int) -> ArticleBrief:
        """The brief as a run holds it until composed: its actors past the first `shown` (which
        the brief shows whole) as `Unshown`. Not to be saved: only the shown are an `Actor`."""
        if len(self.actors) <= shown:
            return self
        return self.model_copy(update={"actors": [*self.actors[:shown], *map(Unshown.of, self.actors[shown:])]})


class Copy(Frozen):
    """A copy of a briefed article (syndicated or re-published text), listed as a source."""

    number: int
    """Source number of the copy."""
    article: Article
    """The copy as read."""
    copy_of: int
    """Source number of the article it copies."""
    headline: str = ""
    """Its title, or else the headline of the article it copies."""
    old: str | None = None
    """A flag ("from 14 March 2020") when it was published more than 30 days before the brief's day, else None."""


class RoleCitation(Frozen):
    """A role of an actor and the source numbers that give it."""

    title: str
    """The role as a source words it."""
    sources: list[int]
    """Source numbers that give it."""


class ShownQuote(Frozen):
    """A quotation a story or the actor table shows, with its speaker and the sources that carry it."""

    text: str
    """The quoted words."""
    speaker: str | None
    """Who said it, named in full; None for a speaker the article does not name."""
    role: str | None = None
    """The speaker's role as the article states it (for an unnamed speaker, the article's words for them)."""
    sources: list[int]
    """Source numbers of the articles that carry it."""


class ActorRow(Frozen):
    """One line of the briefing's actor table: an actor merged across articles."""

    name: str
    """The name most sources use."""
    type: ActorType
    """person, organisation, place or group (the type most sources give)."""
    roles: list[RoleCitation]
    """Every role a source states, with the sources."""
    mentions: list[int]
    """Mentions in each article, in source order (0 where absent)."""
    key: bool
    """True when it is a key actor of some article."""
    weight: float = 0.0
    """Prominence across articles: in each article its weight relative to the heaviest actor, summed."""
    roles_differ: bool = False
    """True when two sources give this actor roles with no office in common."""
    stories: list[int] = []
    """Numbers of the stories that name the actor, in reading order."""
    quotes: list[ShownQuote] = []
    """What the actor said across sources (two quotations at most, whole sentences first), each
    with the sources that carry it: who said what."""

    @property
    def mentions_by_source(self) -> list[tuple[int, int]]:
        """(source number, mentions) for each source that names the actor."""
        return [(number, count) for number, count in enumerate(self.mentions, start=1) if count]


class Point(Frozen):
    """A sentence of the brief, with every source that gives it."""

    text: str
    """The sentence."""
    sources: list[int]
    """Source numbers: the articles that give it and their copies."""
    story: int | None = None
    """Number of the story it belongs to."""


class StoryActor(Frozen):
    """An actor of a story, merged across its sources."""

    name: str
    """The fullest name its articles give."""
    type: ActorType
    """person, organisation, place or group."""
    role: str | None = None
    """The first role its articles state, if any."""
    key: bool = False
    """True when it is a key actor of one of its articles."""


class Watch(Frozen):
    """Something dated still to come that a story announces, for "What to watch"."""

    text: str
    """The sentence that announces it."""
    date: str | None
    """When (ISO) where the text allows one, else None."""
    when: str
    """The words that date it, as written ("next Thursday")."""
    sources: list[int]
    """Source numbers of the articles that say it."""
    story: int
    """Number of the story it belongs to."""
    rank: int = 0
    """The rank of that story (1 the most important): "What to watch" lists the top stories' items."""


class Story(Frozen):
    """Articles about one story, briefed together."""

    number: int
    """Its number: stories are numbered in reading order (the top stories by section, then "Also
    today" by section; by importance within a section)."""
    rank: int = 0
    """Its importance in the day: 1 for the most important story."""
    headline: str
    """The headline of its lead article (its title, or one written from its lead sentence)."""
    section: str
    """The section it is in."""
    sources: list[int]
    """Source numbers of its articles, the lead article first."""
    copies: list[int] = []
    """Source numbers of copies of its articles."""
    lead: Point
    """The sentence that tells the story on its own."""
    points: list[Point]
    """Its other key sentences, each cited, without repeats across sources."""
    actors: list[StoryActor]
    """Its actors merged across its articles, heaviest first."""
    in_bottom_line: bool = False
    """True when `lead` is one of the bottom line's points."""
    published: str | None = None
    """The newest publication date of its articles, where known."""
    quotes: list[ShownQuote] = []
    """Its strongest quotations (one or two): by its key actors, named speakers first, whole sentences."""
    figures: list[str] = []
    """The figures that matter, as its articles word them, without repeats."""
    in_full: bool = True
    """True for a top story, shown in full; False for one shown as one line under "Also today"."""
    see_also: list[int] = []
    """Numbers of other stories on the same subject (a different event about the same people)."""

    @property
    def citations(self) -> list[int]:
        """Every source number of the story, in order."""
        return sorted({*self.sources, *self.copies})


class Section(Frozen):
    """A section of the brief and its stories, most important first."""

    name: str
    """The section's name ("Politics", or one the config pins)."""
    stories: list[Story]
    """Its stories in reading order."""
    pinned: bool = False
    """True for a section the config asked for."""


class Claim(Frozen):
    """One value sources give, with the sources that give it."""

    value: str
    """What the sources say (a role, a figure, a date)."""
    sources: list[int]
    """Source numbers that say it."""


class Disagreement(Frozen):
    """Where sources disagree about an actor or a story: each value with its sources."""

    subject: str
    """The actor or story they disagree about."""
    kind: Literal["role", "figure", "date"]
    """What they disagree on: role, figure or date."""
    claims: list[Claim]
    """Each value with the sources that give it."""


class Briefing(Frozen):
    """The whole briefing: everything a template can show."""

    title: str
    """The config's title."""
    date: date
    """The day briefed (`.isoformat()`, `.strftime(...)`, `.day`)."""
    marking: str | None = None
    """Handling marking such as OFFICIAL, or none."""
    bottom_line: list[Point]
    """One point per top story, covering different sections first, citing the sources that say it."""
    sections: list[Section] = []
    """The top stories (shown in full), by section: pinned sections first, then in the order of
    their most important story; stories by importance within a section."""
    also_today: list[Section] = []
    """Every other story, one line each, by section in the same order."""
    what_to_watch: list[Watch] = []
    """Dated things still to come after the brief's day, the soonest first (undated last)."""
    articles: list[ArticleBrief]
    """Every briefed article by source number: its key sentences and actors."""
    actors: list[ActorRow]
    """The actor table across articles, key people and organisations first."""
    key_actors: list[str]
    """The day's key actors: people and organisations first, places only as a story's subject."""
    disagreements: list[Disagreement] = []
    """Where sources disagree: the offices they give one person, the counts they give in one story, the
    dates they give one event of a story."""
    copies: list[Copy] = []
    """Copies of briefed articles, numbered after them."""
    already_covered: int = 0
    """Articles left out because an earlier day's brief covered them."""
    skipped: list[Skipped] = []
    """Inputs that could not be briefed."""
    notes: list[Note] = []
    """Notes on inputs that were briefed (cut short) or left out as repeats."""
    source_outcomes: list[SourceOutcome] = []
    """What became of each source read (the config's, or the inputs given), in order."""
    extra: dict[str, str] = {}
    """Free text from the config's `extra:` (purpose, distribution, contact, ...)."""

    @model_validator(mode="before")
    @classmethod
    def _from_first_version(cls, data: Any) -> Any:
        """A briefing.json saved before stories existed (an `overview` of single-source points):
        its points cite their source as a list, and each article is a story of its own."""
        if not isinstance(data, dict) or "overview" not in data or "bottom_line" in data:
            return data
        data = dict(data)
        old = data.pop("overview") or []
        data["bottom_line"] = [{"text": p.get("text"), "sources": [p.get("source")]} for p in old]
        stories = []
        for brief in data.get("articles") or []:
            number, sentences = brief.get("number"), brief.get("key_sentences") or []
            points = [{"text": s.get("text"), "sources": [number], "story": number} for s in sentences]
            headline = (brief.get("article") or {}).get("title") or (brief.get("article") or {}).get("id") or ""
            stories.append({"number": number, "headline": headline, "section": "Articles", "sources": [number],
                            "lead": points[0] if points else {"text": headline, "sources": [number]},
                            "points": points[1:], "actors": []})
        data["sections"] = [{"name": "Articles", "stories": stories}] if stories else []
        return data

    @property
    def unavailable_sources(self) -> list[SourceOutcome]:
        """The sources that could not be read, for "1 of 3 sources unavailable"."""
        return [outcome for outcome in self.source_outcomes if outcome.status == "unavailable"]

    @property
    def stories(self) -> list[Story]:
        """Every story in reading order (by number): the top stories, then those of "Also today"."""
        return sorted((story for section in (*self.sections, *self.also_today) for story in section.stories),
                      key=lambda s: s.number)
