"""Cross-article work: number sources and their copies, merge actors across sources, flag differing
roles, pick the bottom line, and assemble the `Briefing`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from .names import office
from .models import Actor, ActorRow, Article, ArticleBrief, Briefing, Copy, Note, Point, RoleCitation, Skipped

KEY_ACTORS_IN_TITLE = 5


def compose(briefs: list[ArticleBrief], skipped: list[Skipped], notes: Sequence[Note] = (), *, title: str,
            day: date,
            marking: str | None = None, overview_points: int = 5, actors_per_article: int = 6,
            table_rows: int = 12, copies: Sequence[Sequence[Article]] = (), already_covered: int = 0) -> Briefing:
    """The briefing of these article briefs, numbered as sources in the order given;
    `copies[i]` are the copies of `briefs[i]`, numbered after all briefs."""
    briefs, listed = with_copies(briefs, copies)
    repeats = [Note(origin=c.article.origin or c.article.id,
                    text=f"a copy of source [{c.copy_of}], listed as also in [{c.number}]") for c in listed]
    table = actor_table(briefs)[:table_rows]
    shown = [brief.model_copy(update={"actors": brief.actors[:actors_per_article]}) for brief in briefs]
    return Briefing(
        title=title, date=day, marking=marking or None,
        overview=bottom_line(briefs, overview_points),
        articles=shown, actors=table,
        key_actors=[row.name for row in table if row.key][:KEY_ACTORS_IN_TITLE],
        copies=listed, already_covered=already_covered, skipped=list(skipped), notes=[*notes, *repeats],
    )


def with_copies(briefs: list[ArticleBrief],
                copies: Sequence[Sequence[Article]]) -> tuple[list[ArticleBrief], list[Copy]]:
    """Briefs numbered from 1, each citing its copies, and the copies numbered after them."""
    listed: list[Copy] = []
    numbered: list[ArticleBrief] = []
    for index, brief in enumerate(briefs, start=1):
        own = copies[index - 1] if index <= len(copies) else ()
        numbers = list(range(len(briefs) + len(listed) + 1, len(briefs) + len(listed) + 1 + len(own)))
        listed += [Copy(number=n, article=a, copy_of=index) for n, a in zip(numbers, own, strict=True)]
        numbered.append(brief.model_copy(update={"number": index, "also_in": numbers}))
    return numbered, listed


CONTINUATION = re.compile(r"^['\"‘“]?(?:However|But|And|Also|Meanwhile|Yet|So|Still|Instead|This|That|These|"
                          r"Those|It|He|She|They|His|Her|Its|Their)\b")


def bottom_line(briefs: list[ArticleBrief], points: int) -> list[Point]:
    """For the first `points` articles, the key sentence that tells the headline's story:
    one that stands alone (no "However", no "He" to resolve), sharing most words with the
    headline, the best rated among equals."""
    lines = []
    for brief in briefs[:points]:
        if brief.key_sentences:
            headline = _words(brief.article.title or "")
            best = max(brief.key_sentences, key=lambda s: (not CONTINUATION.match(s.text),
                                                            len(headline & _words(s.text)), s.score))
            lines.append(Point(text=best.text, source=brief.number))
    return lines


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


def actor_table(briefs: list[ArticleBrief]) -> list[ActorRow]:
    """One row per actor across articles, mentions per source, every stated role cited.

    Actors of different articles are the same when their names or aliases meet."""
    groups: list[list[tuple[int, Actor]]] = []
    index: dict[str, int] = {}
    for position, brief in enumerate(briefs):
        for actor in brief.actors:
            forms = list(dict.fromkeys([actor.name.lower()] + ([a.lower() for a in actor.aliases]
                                                                if actor.type == "person" else [])))
            found = next((index[f] for f in forms if f in index), None)
            if found is None or any(p == position for p, _ in groups[found]):
                found = len(groups)
                groups.append([])
            groups[found].append((position, actor))
            for form in forms:
                index.setdefault(form, found)
    rows = [_row(group, len(briefs), briefs) for group in groups]
    return sorted(rows, key=lambda r: (not r.key, -r.weight, r.name))


def _heaviest(brief: ArticleBrief) -> float:
    return max((actor.weight for actor in brief.actors), default=1.0) or 1.0


def _row(group: list[tuple[int, Actor]], count: int, briefs: list[ArticleBrief]) -> ActorRow:
    mentions = [0] * count
    cited: dict[str, list[int]] = defaultdict(list)
    titles: dict[str, str] = {}
    for position, actor in group:
        mentions[position] += actor.mentions
        for role in actor.roles:
            norm = role.title.lower()
            titles.setdefault(norm, role.title)
            if briefs[position].number not in cited[norm]:
                cited[norm].append(briefs[position].number)
    names = Counter(actor.name for _, actor in group)
    types = Counter(actor.type for _, actor in group)
    roles = [RoleCitation(title=titles[norm], sources=sources) for norm, sources in cited.items()]
    offices = {n: {office(t)[1] for t, s in cited.items() if n in s} for s in cited.values() for n in s}
    return ActorRow(name=names.most_common(1)[0][0], type=types.most_common(1)[0][0], roles=roles,
                    mentions=mentions, key=any(actor.key for _, actor in group),
                    weight=round(sum(actor.weight / _heaviest(briefs[p]) for p, actor in group), 3),
                    roles_differ=len({frozenset(o) for o in offices.values()}) > 1)
