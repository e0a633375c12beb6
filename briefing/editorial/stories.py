"""Stories: the day's articles about one story grouped, ranked by importance and put in sections.

- Grouping (`group`): two articles are one story when they name the same people or
  organisations *and* their words agree (TF-IDF cosine over the day's articles), or when their
  words agree strongly, and they appeared within `MAX_DAYS` of each other where dates are known.
  Sharing only a place or a generic actor is not enough. Pairs are found and joined by
  `grouping`, the mechanism copies use.
- Ranking (`importance`): what a desk reads first. Independent sources (copies are not
  independent); the section's priority (hard news above features, sport and culture, see
  `PRIORITY`; a config can change it); officials and institutions acting (people the story gives
  an office); figures at stake (casualties, money, people affected); how much the day's other
  stories share the story's people and organisations; recency.
- Headlines (`headline_of`): the article's title, else one written from its lead sentence.
- Related stories (`see_also`): stories about the same people that are different events.
- Sections (`section_of`): pinned sections from the config first (keywords or actors), else the
  section of `data/sections.yaml` whose words the story uses most. Found sections are ordered by
  the importance of their three most important stories (`section_order`), so a section with one
  story does not lead the brief because that story names busy actors.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import yaml

from ..analysis.names import name_data, office
from ..analysis.vectors import SparseRows, tfidf_rows
from ..intake.grouping import in_chunks, pairs_within, related_groups
from ..intake.words import ASCII_WORD
from ..models import Actor, ArticleBrief

#: Articles further apart than this (where both dates are known) are different stories.
MAX_DAYS = 3
#: Word agreement (cosine) that makes one story when the articles also share a person or body.
WITH_ACTORS = 0.3
#: Word agreement that makes one story on its own.
ALONE = 0.5
#: An actor named by more than this share of the day's articles (and more than two) is too generic
#: to tie two of them together into one story; for "see also" links, so is one named by more than
#: `GENERIC_COUNT` of them (on a day of thousands of articles, a president or a news agency named by
#: hundreds ties nothing, while 80 articles on one election stay one story).
GENERIC_SHARE = 0.25
GENERIC_COUNT = 50
#: The terms of an article that propose candidate pairs.
CANDIDATE_TERMS = 12
#: Weight of section words in the headline, the lead, the key sentences and the whole text.
ZONE_WEIGHTS = (3.0, 2.0, 1.0, 0.5)
#: Weight of an act (`Cues.acts`) reported in the headline and in the lead.
ACT_WEIGHTS = (8.0, 6.0)
#: Characters of the text that count as its lead (its first sentence or two).
LEAD_CHARS = 300
#: Evidence an actor of a section gives, per unit of its prominence (`Actor.weight`), and the most
#: prominence that counts (the article's main actor is strong evidence, not the whole verdict).
ACTOR_SHARE = 0.5
ACTOR_CAP = 10.0
#: Weight a found section needs to take a story, and how many times it must outweigh the cues of
#: "Other news" (human interest, weather, accidents, animals): a feature about a family's garden
#: that mentions a study is not health news.
SECTION_FLOOR = 8.0
OVER_OTHER = 1.5
#: Importance added to a story by its section, by default: an editor's order for a general desk,
#: hard news (security, politics, the economy, crime and justice, health) before technology,
#: human interest, culture and sport. `section_priority` in the config changes any of them.
PRIORITY = {"Conflict and security": 3.0, "Politics": 2.5, "Economy and business": 2.0, "Crime and justice": 2.0,
            "Health and science": 1.5, "Technology": 0.5, "Other news": 0.0, "Culture and entertainment": -1.5,
            "Sport": -1.5}
#: A sum of money ("$4m", "£1,400", "3bn").
MONEY = r"[£$€]\s?\d|\b\d[\d,.]{0,12}\s?(?:bn|m|billion|million|trillion)\b"
#: What a story puts at stake: deaths and injuries, money, people or jobs affected.
AT_STAKE = re.compile(rf"(?:{MONEY}"
                      r"|\b(?:killed|dead|died|injured|wounded|casualties|evacuated|homeless|redundan\w{0,5})\b"
                      r"|\b\d[\d,]{0,12}\s(?:people|jobs|workers|staff|patients|residents|families|children|troops)\b)")
#: Evidence for the economy section of each figure the article gives that is a sum of money, and
#: the most figures that count (a company's results are told in sums; a theft names one).
MONEY_WEIGHT = (1.5, 3)
MONEY_FIGURE = re.compile(MONEY)
#: Cosine of two stories' words above which stories about the same people are linked.
SEE_ALSO = 0.12
OTHER = "Other news"
ECONOMY = "Economy and business"
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of a list in data/ (one or more a line; lines starting with # are comments)."""
    text = resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def found_sections() -> dict[str, Cues]:
    """data/sections.yaml: section name -> its cues."""
    text = resources.files("briefing").joinpath("data/sections.yaml").read_text(encoding="utf-8")
    return {name: Cues(**{kind: Keywords.of(words) for kind, words in cues.items()})
            for name, cues in yaml.safe_load(text).items()}


@dataclass(frozen=True)
class Profile:
    """What grouping and ranking know of an article (its words only as its TF-IDF vector)."""

    actors: frozenset[str]
    """Lower-cased names and aliases of its people and organisations."""
    day: date | None


def words(text: str) -> list[str]:
    """The content words of a text, lower-cased and interned (a day's thousands of vectors and
    word sets hold one copy of each word, not one an article)."""
    stop = word_list("stopwords.txt")
    return [sys.intern(word) for w in ASCII_WORD.findall(text.lower()) if len(w) > 2 and (word := w.strip("'-")) not in stop]


def terms_of(brief: ArticleBrief) -> Counter[str]:
    """The article's word counts, its title's words counted three times."""
    return Counter(words(brief.article.text)) + Counter(words(brief.article.title or "") * 3)


def profile(brief: ArticleBrief) -> Profile:
    return Profile(actors=named(brief), day=published_day(brief.article.published))


def named(brief: ArticleBrief) -> frozenset[str]:
    """Lower-cased names and aliases of the article's people and organisations."""
    return frozenset(form for actor in brief.actors if actor.type in ("person", "organisation")
                     for form in _forms(actor))


def _forms(actor: Actor) -> list[str]:
    return [form.lower() for form in (actor.name, *actor.aliases) if len(form) > 2]


def published_day(published: str | None) -> date | None:
    match = DATE.match(published or "")
    try:
        return date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Profiled:
    """What `group` and `see_also` compare the day's articles by, made once for both."""

    profiles: list[Profile]
    rows: SparseRows
    """Their TF-IDF vectors."""
    candidates: list[list[str]]
    """Their people and organisations, and the terms that weigh most in their vectors."""


class _Terms(Sequence[Counter[str]]):
    """Each brief's `terms_of`, counted again each time it is read: TF-IDF reads them twice (the
    document frequencies, then the vectors), and a day's counts held at once were most of
    compose's peak memory (a brief's words are counted in a millisecond)."""

    def __init__(self, briefs: Sequence[ArticleBrief]) -> None:
        self.briefs = briefs

    def __len__(self) -> int:
        return len(self.briefs)

    def __getitem__(self, index):  # Sequence's int and slice overloads
        return terms_of(self.briefs[index]) if isinstance(index, int) else [terms_of(b) for b in self.briefs[index]]


def profiled(briefs: Sequence[ArticleBrief]) -> Profiled:
    """Each brief's profile, TF-IDF vector and candidate features; the word counts and vectors made
    and stored one at a time (`_Terms`: a day's vectors or counts held at once were most of
    compose's peak memory)."""
    profiles = [profile(b) for b in briefs]
    candidates: list[list[str]] = []

    def vectors() -> Iterator[dict[str, float]]:
        for p, v in zip(profiles, tfidf_rows(_Terms(briefs), sublinear=True), strict=True):
            candidates.append([*p.actors, *sorted(v, key=v.__getitem__, reverse=True)[:CANDIDATE_TERMS]])
            yield v

    return Profiled(profiles, SparseRows(vectors()), candidates)


def group(briefs: Sequence[ArticleBrief], known: Profiled | None = None) -> list[list[int]]:
    """Indices of the briefs in stories, in the order each story first appears (`known`: their
    `profiled`, if made already)."""
    known = known or profiled(briefs)
    profiles = known.profiles
    generic = generic_actors(profiles)
    days = np.array([p.day.toordinal() if p.day else np.nan for p in profiles], dtype=float)

    def related(first: np.ndarray, second: np.ndarray) -> np.ndarray:
        agreement = known.rows.cosines(first, second)
        near = ~(np.abs(days[first] - days[second]) > MAX_DAYS)  # a pair with an unknown date is near
        found = near & (agreement >= ALONE)
        for k in np.flatnonzero(near & (agreement >= WITH_ACTORS) & ~found).tolist():
            found[k] = bool((profiles[first[k]].actors & profiles[second[k]].actors) - generic)
        return found

    return related_groups(known.candidates, related)


def importance(stories: Sequence[Sequence[ArticleBrief]], copies: Sequence[int], sections: Sequence[str],
               priority: Mapping[str, float] | None = None) -> list[float]:
    """A score per story, higher first: its independent sources (copies count a quarter), its
    section's priority (`PRIORITY`, changed by `priority`), officials acting and figures at
    stake, the share of the day's stories that name its people and organisations, and its recency."""
    weights = {**PRIORITY, **(priority or {})}
    # each story's names and forms made as it is reached, not held for the day's stories at once
    spread = Counter(actor for story in stories for actor in frozenset().union(*(named(b) for b in story)))
    days = [max((d for b in story if (d := published_day(b.article.published))), default=None) for story in stories]
    newest = max((d for d in days if d), default=None)
    scores = []
    for index, (story, day, copied) in enumerate(zip(stories, days, copies, strict=True)):
        # each actor counts once, by its most widely named form (not once for "Tories", "Conservatives"...)
        actors: dict[str, set[str]] = {}
        for actor in (a for b in story for a in b.actors if a.type in ("person", "organisation")):
            actors.setdefault(actor.name.lower(), set()).update(_forms(actor))
        outlets = {(b.article.source or f"#{b.number}").lower() for b in story}
        widest = (max((spread[f] for f in actor), default=0) for actor in actors.values())
        shared = sorted((math.log2(n) for n in widest if n > 1), reverse=True)[:3]
        age = (newest - day).days if newest and day else 0
        section = weights.get(sections[index], 0.0)
        scores.append(3.0 * math.log2(1 + len(outlets) + copied / 4) + section + 0.5 * min(officials(story), 3)
                      + (1.0 if any(AT_STAKE.search(s.text) for b in story for s in b.key_sentences) else 0.0)
                      + 0.5 * sum(shared) - 0.5 * min(age, 6))
    return scores


def officials(story: Sequence[ArticleBrief]) -> int:
    """People of the story that it names by an office (a minister, a chief executive, a judge)."""
    data = name_data()
    return len({actor.name for brief in story for actor in brief.actors if actor.type == "person"
                and any(data.trailing_title(office(role.title)[1]) for role in actor.roles)})


def headline_of(brief: ArticleBrief) -> str:
    """The article's title; else the headline the analysis wrote from its lead sentence."""
    return " ".join((brief.article.title or "").split()) or brief.headline or "Untitled article"


def see_also(briefs: Sequence[ArticleBrief], groups: Sequence[Sequence[int]],
             known: Profiled | None = None) -> dict[int, list[int]]:
    """For each story (index into `groups`), the other stories about the same people: they
    share a person or organisation that is not generic for the day and their words agree a
    little (`SEE_ALSO`), yet they were not grouped as one event (`known`: as `group` takes it)."""
    known = known or profiled(briefs)
    story_of = np.zeros(len(briefs), dtype=np.int64)
    for k, members in enumerate(groups):
        story_of[members] = k
    linked: dict[int, set[int]] = {}
    for first, second in in_chunks(_pairs_by_actor(known.profiles, generic_actors(known.profiles, GENERIC_COUNT))):
        apart = story_of[first] != story_of[second]
        first, second = first[apart], second[apart]
        close = known.rows.cosines(first, second) >= SEE_ALSO
        for one, other in zip(story_of[first[close]].tolist(), story_of[second[close]].tolist(), strict=True):
            linked.setdefault(one, set()).add(other)
            linked.setdefault(other, set()).add(one)
    return {k: sorted(v) for k, v in linked.items()}


def generic_actors(profiles: Sequence[Profile], at_most: float | None = None) -> set[str]:
    """The actors too generic to tie two of the day's articles together (`GENERIC_SHARE`, and with
    `at_most`, never more articles than that)."""
    naming = Counter(actor for p in profiles for actor in p.actors)
    most = max(2, GENERIC_SHARE * len(profiles))
    most = most if at_most is None else min(most, at_most)
    return {a for a, n in naming.items() if n > most}


def _pairs_by_actor(profiles: Sequence[Profile], generic: set[str]) -> np.ndarray:
    """Pairs of articles naming one person or organisation that is not generic for the day (as
    `pairs_within` codes them)."""
    naming: dict[str, list[int]] = {}
    for index, p in enumerate(profiles):
        for actor in p.actors - generic:
            naming.setdefault(actor, []).append(index)
    return pairs_within(naming.values())


def section_of(story: Sequence[ArticleBrief], pinned: Sequence[tuple[str, Sequence[str], Sequence[str]]]) -> str:
    """The story's section: the first pinned (name, keywords, actors) it matches, else the found
    section whose evidence weighs most (`section_weights`; ties go to the higher `PRIORITY`) when
    it weighs enough and clearly more than the cues of `OTHER`, else `OTHER`."""
    if pinned:
        text: Counter[str] = Counter()
        for brief in story:  # counted in place: adding Counters copies the whole count each time
            text.update(_tokens(brief.article.text))
            text.update(_tokens(brief.article.title or "") * 3)
        names = {form.lower() for b in story for a in b.actors for form in (a.name, *a.aliases)}
        for name, keywords, actors in pinned:
            if any(a.lower() in names for a in actors) or _hits(text, Keywords.of(keywords)) >= 1:
                return name
    weights: Counter[str] = Counter()
    for brief in story:  # every article of the story, so its section does not depend on their order
        weights.update(section_weights(brief))
    other = weights.pop(OTHER, 0.0)
    best = max(weights, key=lambda name: (weights[name], PRIORITY.get(name, 0.0)), default=OTHER)
    return best if weights.get(best, 0.0) >= max(SECTION_FLOOR, OVER_OTHER * other) else OTHER


def section_weights(brief: ArticleBrief) -> dict[str, float]:
    """How much the article is about each found section (`Cues`): its words, weighed by where they
    stand (the headline, or the one written from the lead's main clause, and the lead say what a
    story is about; the body adds) and counted sublinearly (a word said ten times is not ten times
    the evidence); the acts its headline and lead report; its organisations and people whose names
    or roles belong to the section, by their prominence in the article; and, for the economy, the
    sums of money among its figures."""
    body = brief.article.text
    sentences = sorted(brief.key_sentences, key=lambda s: s.start)
    zones = [brief.article.title or brief.headline, body[:LEAD_CHARS], " ".join(s.text for s in sentences), body]
    counted = [Counter(_tokens(zone, _openers())) for zone in zones]
    # each zone's words looked up once, their evidence summed per section in the words' order
    said_in: list[dict[str, float]] = [{} for _ in counted]
    acts_in: list[Counter[str]] = [Counter() for _ in counted]
    for tokens, said_here, acts_here in zip(counted, said_in, acts_in, strict=True):
        for word, n in tokens.items():
            cued = _sections_of(word)
            if cued is _NO_CUE:
                continue
            for name in cued.words:
                said_here[name] = said_here.get(name, 0) + (1 + math.log(n))
            for name in cued.acts:
                acts_here[name] += 1
    naming = [_naming(actor) for actor in brief.actors]
    weights: dict[str, float] = {}
    for name in found_sections():
        said = sum(weight * said_here.get(name, 0) for said_here, weight in zip(said_in, ZONE_WEIGHTS, strict=True))
        acts = sum(weight * acts_here[name] for acts_here, weight in zip(acts_in, ACT_WEIGHTS, strict=False))
        weights[name] = said + acts + sum(ACTOR_SHARE * min(actor.weight, ACTOR_CAP)
                                          for actor, sections in zip(brief.actors, naming, strict=True) if name in sections)
    sums = sum(bool(MONEY_FIGURE.search(figure.text)) for figure in brief.figures)
    weights[ECONOMY] += MONEY_WEIGHT[0] * min(sums, MONEY_WEIGHT[1])
    return weights


def _naming(actor: Actor) -> frozenset[str]:
    """The found sections an actor belongs to: an organisation or group named as one of their
    institutions, or a person given one of their roles."""
    if actor.type == "person":
        return frozenset(name for role in actor.roles for word in _tokens(role.title, _openers())
                         for name in _sections_of(word).roles)
    if actor.type == "place":
        return frozenset()
    return frozenset(name for word in _tokens(actor.name, _openers()) for name in _sections_of(word).bodies)


class Cued(NamedTuple):
    """The found sections a word is a cue of, by kind of cue (as `Cues`)."""

    words: frozenset[str]
    acts: frozenset[str]
    bodies: frozenset[str]
    roles: frozenset[str]


_NO_CUE = Cued(frozenset(), frozenset(), frozenset(), frozenset())
#: Each distinct answer of `_sections_of`, held once (a few dozen: most words name no section).
_ANSWERS: dict[Cued, Cued] = {_NO_CUE: _NO_CUE}


@lru_cache(maxsize=200_000)
def _sections_of(word: str) -> Cued:
    """The found sections `word` is a cue of, of each kind (each word looked up once, not once per
    section and zone: a day of thousands of articles); the cache's entries share their answers
    (sets of their own made it 120 MB full)."""
    answer = Cued(*(lookup.sections(word) for lookup in _lookups()))
    return _ANSWERS.setdefault(answer, answer)


@cache
def _lookups() -> list[_Lookup]:
    """Each kind of cue of the found sections (as `Cued` lists them) in one lookup."""
    return [_Lookup.of({name: getattr(cues, kind) for name, cues in found_sections().items()}) for kind in Cued._fields]


@cache
def _openers() -> frozenset[str]:
    """The first words of the found sections' two-word cues (no other two words are a cue)."""
    return frozenset(cue.split()[0] for lookup in _lookups() for cue in lookup.whole if " " in cue)


@dataclass(frozen=True)
class _Lookup:
    """One kind of cue of every found section: each whole keyword, and each prefix by its length,
    -> the sections it is a cue of."""

    whole: dict[str, frozenset[str]]
    prefixes: dict[int, dict[str, frozenset[str]]]

    def sections(self, word: str) -> frozenset[str]:
        """The sections `word` (or a two-word phrase) is a keyword of (a prefix matches single words)."""
        found = self.whole.get(word, frozenset())
        if " " not in word:
            for length, by_prefix in self.prefixes.items():
                found |= by_prefix.get(word[:length], frozenset())
        return found

    @classmethod
    def of(cls, keywords: Mapping[str, Keywords]) -> _Lookup:
        whole: dict[str, set[str]] = {}
        prefixes: dict[int, dict[str, set[str]]] = {}
        for name, cues in keywords.items():
            for word in cues.words:
                whole.setdefault(word, set()).add(name)
            for prefix in cues.prefixes:
                prefixes.setdefault(len(prefix), {}).setdefault(prefix, set()).add(name)
        return cls({word: frozenset(names) for word, names in whole.items()},
                   {length: {prefix: frozenset(names) for prefix, names in by_prefix.items()}
                    for length, by_prefix in prefixes.items()})


@dataclass(frozen=True)
class Cues:
    """A found section's evidence (data/sections.yaml): the words its stories use, the acts their
    headlines and leads report, the head words of its institutions' names and its people's roles."""

    words: Keywords
    acts: Keywords
    bodies: Keywords
    roles: Keywords


@dataclass(frozen=True)
class Keywords:
    """A section's words: whole words (and two-word phrases) and, for "word*", prefixes."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, word: str) -> bool:
        """Whether `word` (or a two-word phrase) is one of these keywords (a prefix matches single words)."""
        return word in self.words or bool(self.prefixes and " " not in word and word.startswith(self.prefixes))

    @classmethod
    def of(cls, keywords: Sequence[str]) -> Keywords:
        lowered = [k.lower() for k in keywords]
        return cls(frozenset(k for k in lowered if not k.endswith("*")),
                   tuple(k[:-1] for k in lowered if k.endswith("*")))


def _tokens(text: str, openers: Container[str] | None = None) -> list[str]:
    """The words of a text, lower-cased and without a possessive ("the court's" -> "court"), and
    its two-word phrases (with `openers`, only those whose first word is one of them)."""
    tokens = [word.removesuffix("'s").strip("'") for word in ASCII_WORD.findall(text.lower().replace("’", "'"))]
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens) if openers is None or a in openers]


def _hits(text: Counter[str], keywords: Keywords) -> int:
    """How many times the text uses the keywords."""
    return sum(n for word, n in text.items() if keywords.matches(word))


def section_order(sections: Sequence[str], scores: Sequence[float], pinned: Sequence[str]) -> list[str]:
    """The section names in reading order: pinned ones as the config lists them, then the others
    by the summed importance of their three most important stories."""
    weight: dict[str, list[float]] = {}
    for section, score in zip(sections, scores, strict=True):
        weight.setdefault(section, []).append(score)
    found = sorted((name for name in weight if name not in pinned),
                   key=lambda name: (name == OTHER, -sum(sorted(weight[name], reverse=True)[:3])))
    return [name for name in pinned if name in weight] + found


#: A count and the one or two words after it ("12 people", "15 more people").
FIGURE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d{1,9})\s{1,3}([a-z]{1,20})(?:\s{1,3}([a-z]{1,20}))?\b")


def figures(brief: ArticleBrief) -> dict[str, set[str]]:
    """Counts the article's key sentences give, by the noun counted ("people" -> {"12"})."""
    found: dict[str, set[str]] = {}
    for sentence in brief.key_sentences:
        for number, first, second in FIGURE.findall(sentence.text):
            counted = word_list("figures.txt")
            noun = first if first in counted else second if second in counted else None
            if noun:
                found.setdefault(noun, set()).add(number.replace(",", ""))
    return found
