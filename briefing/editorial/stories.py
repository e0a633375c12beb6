"""Stories: the day's articles about one story grouped, ranked by importance and put in sections.

- Grouping (`group`): two articles are one story when they name the same people or
  organisations *and* their words agree (TF-IDF cosine over the day's articles), or when their
  words agree strongly, and they appeared within `MAX_DAYS` of each other where dates are known.
  Sharing only a place or a generic actor is not enough. Pairs are found and joined by
  `grouping`, the mechanism copies use.
- Ranking (`importance`): independent sources first (copies are not independent), then how much the
  day's other stories share the story's people and organisations, then recency.
- Sections (`section_of`): pinned sections from the config first (keywords or actors), else the
  section of `data/sections.yaml` whose words the story uses most. Found sections are ordered by
  the importance of their three most important stories (`section_order`), so a section with one
  story does not lead the brief because that story names busy actors.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from itertools import pairwise

import yaml

from ..intake.grouping import related_groups
from ..models import Actor, ArticleBrief

#: Articles further apart than this (where both dates are known) are different stories.
MAX_DAYS = 3
#: Word agreement (cosine) that makes one story when the articles also share a person or body.
WITH_ACTORS = 0.3
#: Word agreement that makes one story on its own.
ALONE = 0.5
#: An actor named by more than this share of the day's articles (and more than two) is too
#: generic to tie two of them together.
GENERIC_SHARE = 0.25
#: The terms of an article that propose candidate pairs.
CANDIDATE_TERMS = 12
#: Section-word hits a story needs to be put in a found section.
MIN_HITS = 2
OTHER = "Other news"
WORD = re.compile(r"[a-z][a-z'-]+")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of a list in data/ (one or more a line; lines starting with # are comments)."""
    text = resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def found_sections() -> dict[str, Keywords]:
    """data/sections.yaml: section name -> its words."""
    text = resources.files("briefing").joinpath("data/sections.yaml").read_text(encoding="utf-8")
    return {name: Keywords.of(words) for name, words in yaml.safe_load(text).items()}


@dataclass(frozen=True)
class Profile:
    """What grouping and ranking know of an article."""

    terms: Counter[str]
    actors: frozenset[str]
    """Lower-cased names and aliases of its people and organisations."""
    day: date | None


def words(text: str) -> list[str]:
    """The content words of a text, lower-cased."""
    stop = word_list("stopwords.txt")
    return [w.strip("'-") for w in WORD.findall(text.lower()) if w.strip("'-") not in stop and len(w) > 2]


def profile(brief: ArticleBrief) -> Profile:
    title = brief.article.title or ""
    terms = Counter(words(brief.article.text)) + Counter(words(title) * 3)
    return Profile(terms=terms, actors=named(brief), day=published_day(brief.article.published))


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


def _vectors(profiles: Sequence[Profile]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear tf, smoothed idf over these articles)."""
    count = len(profiles)
    frequency = Counter(term for p in profiles for term in p.terms)
    vectors = []
    for p in profiles:
        weights = {t: (1 + math.log(n)) * (math.log((1 + count) / (1 + frequency[t])) + 1) for t, n in p.terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


def group(briefs: Sequence[ArticleBrief]) -> list[list[int]]:
    """Indices of the briefs in stories, in the order each story first appears."""
    profiles = [profile(b) for b in briefs]
    vectors = _vectors(profiles)
    naming = Counter(actor for p in profiles for actor in p.actors)
    generic = {a for a, n in naming.items() if n > max(2, GENERIC_SHARE * len(briefs))}

    def related(i: int, j: int) -> bool:
        a, b = profiles[i], profiles[j]
        if a.day and b.day and abs((a.day - b.day).days) > MAX_DAYS:
            return False
        agreement = cosine(vectors[i], vectors[j])
        return agreement >= ALONE or (agreement >= WITH_ACTORS and bool((a.actors & b.actors) - generic))

    features = [[*p.actors, *sorted(v, key=v.__getitem__, reverse=True)[:CANDIDATE_TERMS]]
                for p, v in zip(profiles, vectors, strict=True)]
    return related_groups(features, related)


def importance(stories: Sequence[Sequence[ArticleBrief]], copies: Sequence[int]) -> list[float]:
    """A score per story, higher first: its independent sources (copies count a quarter), the
    share of the day's stories that name its people and organisations, and its recency."""
    actor_sets = [frozenset().union(*(named(b) for b in story)) for story in stories]
    spread = Counter(actor for actors in actor_sets for actor in actors)
    # each actor counts once, by its most widely named form (not once for "Tories", "Conservatives"...)
    forms: list[dict[str, set[str]]] = []
    for story in stories:
        forms.append({})
        for actor in (a for b in story for a in b.actors if a.type in ("person", "organisation")):
            forms[-1].setdefault(actor.name.lower(), set()).update(_forms(actor))
    days = [max((d for b in story if (d := published_day(b.article.published))), default=None) for story in stories]
    newest = max((d for d in days if d), default=None)
    scores = []
    for story, actors, day, copied in zip(stories, forms, days, copies, strict=True):
        outlets = {(b.article.source or f"#{b.number}").lower() for b in story}
        widest = (max((spread[f] for f in actor), default=0) for actor in actors.values())
        shared = sorted((math.log2(n) for n in widest if n > 1), reverse=True)[:3]
        age = (newest - day).days if newest and day else 0
        scores.append(3.0 * math.log2(1 + len(outlets) + copied / 4) + 0.5 * sum(shared) - 0.5 * min(age, 6))
    return scores


def section_of(story: Sequence[ArticleBrief], pinned: Sequence[tuple[str, Sequence[str], Sequence[str]]]) -> str:
    """The story's section: the first pinned (name, keywords, actors) it matches, else the found
    section it uses most words of, else `OTHER`."""
    text: Counter[str] = Counter()
    for brief in story:
        text += Counter(_tokens(brief.article.text)) + Counter(_tokens(brief.article.title or "") * 3)
    names = {form.lower() for b in story for a in b.actors for form in (a.name, *a.aliases)}
    for name, keywords, actors in pinned:
        if any(a.lower() in names for a in actors) or _hits(text, Keywords.of(keywords)) >= 1:
            return name
    best, hits = OTHER, MIN_HITS - 1
    for name, section_words in found_sections().items():
        score = _hits(text, section_words)
        if score > hits:
            best, hits = name, score
    return best


@dataclass(frozen=True)
class Keywords:
    """A section's words: whole words (and two-word phrases) and, for "word*", prefixes."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, keywords: Sequence[str]) -> Keywords:
        lowered = [k.lower() for k in keywords]
        return cls(frozenset(k for k in lowered if not k.endswith("*")),
                   tuple(k[:-1] for k in lowered if k.endswith("*")))


def _tokens(text: str) -> list[str]:
    tokens = WORD.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def _hits(text: Counter[str], keywords: Keywords) -> int:
    """How many times the text uses the keywords (a prefix matches single words only)."""
    prefixes = keywords.prefixes
    return sum(n for word, n in text.items()
               if word in keywords.words or (prefixes and " " not in word and word.startswith(prefixes)))


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
