"""Cross-article work, the editorial layer: number sources and their copies, tell the stories
(grouped, ranked and put in sections by `stories`), pick the bottom line, merge actors across
sources, name the day's key actors and where sources disagree, and assemble the `Briefing`."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ..analysis.names import name_data, office
from ..analysis.summarise.standalone import points_back
from ..intake.words import OPENING_QUOTES
from ..models import (
    Actor,
    ActorRow,
    Article,
    ArticleBrief,
    Briefing,
    Claim,
    Copy,
    Disagreement,
    Note,
    Point,
    Quote,
    RoleCitation,
    Section,
    ShownQuote,
    Skipped,
    SourceOutcome,
    Story,
    StoryActor,
    Watch,
)
from . import stories

KEY_ACTORS_IN_TITLE = 5
#: What an actor of a story shown only in "Also today" weighs in the actor table, beside 1.0.
ALSO_TODAY = 0.25
#: Word containment above which two sources' sentences are one point, cited to both.
SAME_POINT = 0.6
#: Points a story shows besides its lead, at most (the lead article's first, then the others').
POINTS_PER_STORY = 4
#: Quotations a story shows, at most, and the longest shown, in words.
QUOTES_PER_STORY = 2
#: Quotations the actor table gives each actor (who said what), at most.
QUOTES_PER_ACTOR = 2
MAX_QUOTE_WORDS = 60
#: Where a sentence of a quotation ends.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: Figures a story shows, at most.
FIGURES_PER_STORY = 4
#: Importance a story loses for each more important story of its section (see `diversified`).
SAME_SECTION = 1.0
#: Days before the brief's day after which an article is flagged as old where its source is shown.
OLD_DAYS = 30
#: How many more headline words a point needs to be the lead over a better rated one.
HEADLINE_MARGIN = 2


@dataclass(frozen=True)
class Pinned:
    """A section the config asks for: stories naming one of `actors` or using one of `keywords`."""

    name: str
    keywords: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


def compose(briefs: list[ArticleBrief], skipped: list[Skipped], notes: Sequence[Note] = (), *, title: str,
            day: date, marking: str | None = None, bottom_line_points: int = 5, actors_per_article: int = 6,
            table_rows: int = 12, copies: Sequence[Sequence[Article]] = (), already_covered: int = 0,
            sections: Sequence[Pinned] = (), extra: dict[str, str] | None = None, top_stories: int = 8,
            section_priority: Mapping[str, float] | None = None,
            source_outcomes: Sequence[SourceOutcome] = ()) -> Briefing:
    """The briefing of these article briefs, numbered as sources in the order given;
    `copies[i]` are the copies of `briefs[i]`, numbered after all briefs. Articles about one story
    are briefed together; stories are ranked, the `top_stories` most important shown in full and
    the others as one line each ("Also today"), both by section."""
    briefs, listed = with_copies(briefs, copies, day)
    repeats = [Note(origin=c.article.origin or c.article.id,
                    text=f"a copy of source [{c.copy_of}], listed as also in [{c.number}]") for c in listed]
    copy_words = {c.number: frozenset(stories.words(c.article.text)) for c in listed}
    told = tell_stories(briefs, sections, actors_per_article, top_stories, section_priority, copy_words)
    chosen = pick_bottom_line([story for story in told if story.in_full], bottom_line_points)
    told = [story.model_copy(update={"in_bottom_line": True}) if story.number in chosen else story for story in told]
    story_of = {number: story.number for story in told for number in story.sources}
    rows = actor_table(briefs, story_of, {n for story in told if story.in_full for n in story.sources}, table_rows)
    shown = [brief.model_copy(update={"actors": brief.actors[:actors_per_article]}) for brief in briefs]
    return Briefing(
        title=title, date=day, marking=marking or None,
        bottom_line=[story.lead for story in sorted(told, key=lambda s: s.rank) if story.in_bottom_line],
        what_to_watch=what_to_watch(briefs, {story.number: story for story in told}, story_of, day),
        sections=in_sections([story for story in told if story.in_full], [pin.name for pin in sections]),
        also_today=in_sections([story for story in told if not story.in_full], [pin.name for pin in sections]),
        articles=shown, actors=rows[:table_rows], key_actors=key_actors(rows, told),
        disagreements=role_disagreements(rows) + figure_disagreements(told, briefs) + date_disagreements(told, briefs),
        copies=listed, already_covered=already_covered, skipped=list(skipped), notes=[*notes, *repeats],
        extra=dict(extra or {}), source_outcomes=list(source_outcomes),
    )


def tell_stories(briefs: list[ArticleBrief], pinned: Sequence[Pinned], actors_per_story: int, top: int = 8,
                 priority: Mapping[str, float] | None = None,
                 copy_words: Mapping[int, frozenset[str]] | None = None) -> list[Story]:
    """The stories of the briefs, numbered in reading order: the `top` most important first, by
    section (pinned sections first, then by their most important story) and by importance within
    each, then the others in the same order."""
    known = stories.profiled(briefs)
    indices = stories.group(briefs, known)
    groups = [[briefs[i] for i in group] for group in indices]
    wanted = [(pin.name, pin.keywords, pin.actors) for pin in pinned]
    sections = [stories.section_of(group, wanted) for group in groups]
    scores = stories.importance(groups, [sum(len(b.also_in) for b in group) for group in groups], sections, priority)
    by_rank = diversified(scores, sections)
    rank = {k: position for position, k in enumerate(by_rank, start=1)}
    order = stories.section_order(sections, scores, [pin.name for pin in pinned])
    reading = sorted(by_rank, key=lambda k: (rank[k] > top, order.index(sections[k]), rank[k]))
    number = {k: position for position, k in enumerate(reading, start=1)}
    related = stories.see_also(briefs, indices, known)
    return [_story(number[k], rank[k], groups[k], sections[k], actors_per_story, copy_words or {}, in_full=rank[k] <= top,
                   see_also=sorted(number[other] for other in related.get(k, ()))) for k in reading]


def diversified(scores: Sequence[float], sections: Sequence[str]) -> list[int]:
    """Story indices by rank: the most important first, each story losing `SAME_SECTION` for every
    story of its section already ranked above it, so a day heavy in one subject still leads with
    the other subjects' most important stories (as an editor balances a front page)."""
    queues: dict[str, list[int]] = {}
    for k in sorted(range(len(scores)), key=lambda k: (-scores[k], k)):
        queues.setdefault(sections[k], []).append(k)
    heads = dict.fromkeys(queues, 0)
    ranked: list[int] = []
    while len(ranked) < len(scores):
        section = min((name for name in queues if heads[name] < len(queues[name])),
                      key=lambda name: (-(scores[queues[name][heads[name]]] - SAME_SECTION * heads[name]),
                                        queues[name][heads[name]]))
        ranked.append(queues[section][heads[section]])
        heads[section] += 1
    return ranked


def _story(number: int, rank: int, group: list[ArticleBrief], section: str, actors_per_story: int,
           copy_words: Mapping[int, frozenset[str]], *,
           in_full: bool = True, see_also: list[int] | None = None) -> Story:
    group = sorted(group, key=lambda b: (-len(b.key_sentences), -len(b.article.text), b.number))
    headline = group[0].headline or stories.headline_of(group[0])
    quotes = strongest_quotes(group)
    quoted = [_words(q.text) for q in quotes]
    points = [p for p in _points(group, number, copy_words) if not any(_within(_words(p.text), q) for q in quoted)]
    lead = _lead(points, headline, number, [b.number for b in group])
    rest = [p for p in points if p.text != lead.text]
    dates = [b.article.published for b in group if b.article.published]
    return Story(number=number, rank=rank, headline=headline, section=section, sources=[b.number for b in group],
                 copies=sorted(n for b in group for n in b.also_in), lead=lead, points=rest[:POINTS_PER_STORY],
                 actors=_story_actors(group, actors_per_story), published=max(dates) if dates else None,
                 quotes=quotes, figures=story_figures(group),
                 in_full=in_full, see_also=see_also or [])


def _points(group: list[ArticleBrief], story: int, copy_words: Mapping[int, frozenset[str]]) -> list[Point]:
    """The key sentences of the story's articles, lead article first, each in text order; a
    sentence another source says too (nearly word for word) is cited to both. A copy is cited for
    a sentence only when its text has every word of it (a copy that dropped the paragraph or
    rewrote the sentence is cited for the story, not for the sentence)."""
    points: list[tuple[set[str], str, list[int]]] = []
    for brief in group:
        for sentence in sorted(brief.key_sentences, key=lambda s: s.start):
            terms = _words(sentence.text)
            cited = [brief.number, *(n for n in brief.also_in if terms <= copy_words.get(n, terms))]
            same = next((p for p in points if terms and p[0] and len(terms & p[0]) / min(len(terms), len(p[0]))
                         >= SAME_POINT), None)
            if same:
                same[2].extend(n for n in cited if n not in same[2])
            else:
                points.append((terms, named_in_full(sentence.text, brief.actors), list(cited)))
    return [Point(text=text, sources=sorted(sources), story=story) for _, text, sources in points]


def _within(point: set[str], quote: set[str]) -> bool:
    """Whether a point is mostly a quotation the story shows with its speaker (said twice else)."""
    return bool(point) and len(point & quote) / len(point) >= SAME_POINT


def named_in_full(text: str, actors: Sequence[Actor]) -> str:
    """The point with the person it opens with named as the article names them in full ("Mr
    Balls, a prospective Labour MP, said" -> "Ed Balls, ..."): a point is read on its own."""
    honorifics = name_data().honorifics
    for actor in actors:
        if actor.type != "person" or " " not in actor.name:
            continue
        for alias in actor.aliases:
            words = alias.split()
            if (len(words) == 2 and words[0].rstrip(".").lower() in honorifics and words[1] == actor.name.split()[-1]
                    and text.startswith(alias) and not text[len(alias):len(alias) + 1].isalnum()):
                return actor.name + text[len(alias):]
    return text


def _lead(points: list[Point], headline: str, story: int, sources: list[int]) -> Point:
    """The point that tells the story on its own: it stands alone (no "However", no "He" left to
    resolve) and is reported rather than quoted; the first such point (news puts its main point
    first) unless another shares clearly more words with the headline. The headline itself if
    every point dangles."""
    standing = [p for p in points if not points_back(p.text)]
    if not standing:
        return Point(text=headline, sources=sources, story=story)
    reported = [p for p in standing if not p.text.startswith(OPENING_QUOTES)] or standing
    words = _words(headline)
    best = reported[0]
    for point in reported[1:]:
        if len(words & _words(point.text)) >= len(words & _words(best.text)) + HEADLINE_MARGIN:
            best = point
    return best


def _story_actors(group: list[ArticleBrief], count: int) -> list[StoryActor]:
    """The story's actors merged across its articles (one person is one actor, see
    `identities`), named as fully as a source names them, heaviest first."""
    merged: dict[str, StoryActor] = {}
    weight: defaultdict[str, float] = defaultdict(float)
    for brief, identity in zip(group, identities(group), strict=True):
        heaviest = _heaviest(brief)
        for actor in brief.actors:
            key = identity[actor.name]
            known = merged.get(key)
            name = actor.name if known is None or _fuller(actor.name, known.name) else known.name
            merged[key] = StoryActor(name=name, type=actor.type, role=(known and known.role) or actor.role,
                                     key=bool(known and known.key) or actor.key)
            weight[key] += actor.weight / heaviest
    return [merged[key] for key, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][:count]


def _fuller(name: str, other: str) -> bool:
    """Whether `name` names a person more fully than `other` ("David Cameron" over "Mr Cameron")."""
    honorifics = name_data().honorifics
    return len([w for w in name.split() if w.rstrip(".").lower() not in honorifics]) > \
        len([w for w in other.split() if w.rstrip(".").lower() not in honorifics])


def strongest_quotes(group: list[ArticleBrief], count: int = QUOTES_PER_STORY) -> list[ShownQuote]:
    """The story's strongest quotations: said by one of its key actors (else by anyone named),
    whole sentences first, longer before shorter; one a speaker; never a fragment that starts
    mid-sentence, nor one nested in another."""
    key_people = {a.name.lower() for b in group for a in b.actors if a.key and a.type == "person"}
    candidates = []
    for brief in group:
        for quote in _showable(brief):
            rank = ((quote.speaker or "").lower() not in key_people, quote.speaker is None, not _whole(quote.text),
                    -min(len(quote.text.split()), MAX_QUOTE_WORDS))
            candidates.append((rank, brief.number, quote))
    shown: list[ShownQuote] = []
    for _, number, quote in sorted(candidates, key=lambda c: (c[0], c[1], c[2].start)):
        if len(shown) < count and all(s.speaker != quote.speaker or quote.speaker is None for s in shown):
            shown.append(ShownQuote(text=_opening(quote.text), speaker=quote.speaker, role=quote.role,
                                    sources=[number]))
    return shown


def _showable(brief: ArticleBrief) -> list[Quote]:
    """The article's quotations that can be shown on their own: not nested in another (it is shown
    with it), not a fragment starting mid-sentence."""
    return [q for q in brief.quotes if q.text[:1].isupper()
            and not any(o is not q and o.start <= q.start and q.end <= o.end for o in brief.quotes)]


def _whole(text: str) -> bool:
    """Whether a quotation ends as a sentence does."""
    return text.rstrip("'\"’”").endswith((".", "!", "?"))


def _said(group: list[tuple[int, Actor]], briefs: list[ArticleBrief],
          quoted: Sequence[list[tuple[str, Quote]]]) -> list[ShownQuote]:
    """What one actor of the actor table said across its articles (who said what): quotations that
    can be shown on their own (`quoted`: each article's, by `_bare` speaker), whole sentences first,
    then in source order; the same words in two sources shown once, citing both."""
    ranked = []
    for position, actor in group:
        names = {_bare(name) for name in (actor.name, *actor.aliases)}
        ranked += [(not _whole(q.text), briefs[position].number, q.start, q) for speaker, q in quoted[position]
                   if speaker in names]
    shown: dict[str, ShownQuote] = {}
    for _, number, _, quote in sorted(ranked, key=lambda r: r[:3]):
        text = _opening(quote.text)
        if text in shown and number not in shown[text].sources:
            shown[text] = shown[text].model_copy(update={"sources": [*shown[text].sources, number]})
        elif len(shown) < QUOTES_PER_ACTOR and text not in shown:
            shown[text] = ShownQuote(text=text, speaker=quote.speaker, role=quote.role, sources=[number])
    return list(shown.values())


def _opening(text: str) -> str:
    """A quotation as shown: whole when short, else its first sentences up to `MAX_QUOTE_WORDS`
    words (at least one), with an ellipsis for the rest."""
    if len(text.split()) <= MAX_QUOTE_WORDS:
        return text
    kept: list[str] = []
    for sentence in SENTENCE_END.split(text):
        if kept and len(" ".join([*kept, sentence]).split()) > MAX_QUOTE_WORDS:
            break
        kept.append(sentence)
    return " ".join(kept) + " …"


def story_figures(group: list[ArticleBrief], count: int = FIGURES_PER_STORY) -> list[str]:
    """The figures of the story's articles, the lead article's first, without repeats."""
    return list(dict.fromkeys(figure.text for brief in group for figure in brief.figures))[:count]


def what_to_watch(briefs: list[ArticleBrief], stories: Mapping[int, Story], story_of: Mapping[int, int],
                  day: date) -> list[Watch]:
    """What the stories announce still to come after `day` (never a past date), the soonest
    first (one with no day by the first day its words allow: "in June" by 1 June), the ones with
    no time to place them by last; one item a sentence, citing every article that says it, with its
    story's rank. `stories`: story number -> story; `story_of`: source number -> story number."""
    items: dict[str, Watch] = {}
    earliest: dict[str, str] = {}
    for brief in briefs:
        for item in brief.upcoming:
            if (item.date and item.date <= day.isoformat()) or brief.number not in story_of:
                continue
            known = items.get(item.text)
            story = stories[story_of[brief.number]]
            items[item.text] = Watch(text=item.text, date=item.date, when=item.when, story=story.number,
                                     rank=story.rank, sources=sorted({*(known.sources if known else []), brief.number}))
            earliest.setdefault(item.text, item.date or item.earliest or "~")
    return sorted(items.values(), key=lambda w: (earliest[w.text], w.date is None, w.story))


def pick_bottom_line(told: list[Story], points: int) -> set[int]:
    """Numbers of the stories whose lead makes the bottom line: the most important stories, one a
    section first (so the day's different subjects come first), then the next most important."""
    ranked = sorted(told, key=lambda story: story.rank)
    chosen: list[int] = []
    sections: set[str] = set()
    leads: set[str] = set()
    for one_a_section in (True, False):
        for story in ranked:
            lead = story.lead.text.lower()
            if len(chosen) == points or story.number in chosen or lead in leads or \
                    (one_a_section and story.section in sections):
                continue
            chosen.append(story.number)
            sections.add(story.section)
            leads.add(lead)
    return set(chosen)


def in_sections(told: list[Story], pinned: Sequence[str]) -> list[Section]:
    """The stories in their sections, in reading order."""
    sections: dict[str, list[Story]] = {}
    for story in told:
        sections.setdefault(story.section, []).append(story)
    return [Section(name=name, stories=list(members), pinned=name in pinned) for name, members in sections.items()]


def key_actors(rows: list[ActorRow], told: list[Story], count: int = KEY_ACTORS_IN_TITLE) -> list[str]:
    """The day's key actors: people and organisations by weight (the top stories' weigh most); a place or group only when a
    story's point opens with it (a country whose government acts), not for being named often."""
    openers = sorted(p.text.removeprefix("The ").lower() for story in told for p in (story.lead, *story.points))

    def subject(row: ActorRow) -> bool:  # of the openers in order, the first from the name on starts with it, if any does
        name = row.name.lower()
        at = bisect_left(openers, name)
        return at < len(openers) and openers[at].startswith(name)

    chosen = [r for r in rows if r.key and (r.type in ("person", "organisation") or subject(r))]
    chosen.sort(key=lambda r: (r.type not in ("person", "organisation"), -r.weight))
    return [row.name for row in chosen[:count]]


def figure_disagreements(told: list[Story], briefs: list[ArticleBrief]) -> list[Disagreement]:
    """Stories whose sources give different counts of one thing (people killed, jobs cut), each
    count with its sources; a source giving two counts of it (a before and an after) is left out."""
    found = []
    for story in told:
        if len(story.sources) < 2:
            continue
        said: dict[str, dict[str, list[int]]] = {}
        for number in story.sources:
            for noun, counts in stories.figures(briefs[number - 1]).items():
                if len(counts) == 1:
                    said.setdefault(noun, {}).setdefault(next(iter(counts)), []).append(number)
        for noun, by_count in sorted(said.items()):
            if len(by_count) > 1:
                claims = [Claim(value=f"{count} {noun}", sources=sorted(sources))
                          for count, sources in by_count.items()]
                found.append(Disagreement(subject=story.headline, kind="figure", claims=claims))
    return found


def date_disagreements(told: list[Story], briefs: list[ArticleBrief]) -> list[Disagreement]:
    """Stories whose sources give one event (the vote, the hearing: what the sentence's subject
    names) different dates written with their day and month, each date with its sources; a source
    giving the event two dates (a first and a second hearing) is left out."""
    found = []
    for story in told:
        said: dict[str, dict[str, list[int]]] = {}
        for number in story.sources:
            days: dict[str, set[str]] = {}
            for item in briefs[number - 1].upcoming:
                if item.event and item.date:
                    days.setdefault(item.event, set()).add(item.date)
            for event, dates in days.items():
                if len(dates) == 1:
                    said.setdefault(event, {}).setdefault(next(iter(dates)), []).append(number)
        for event, by_day in sorted(said.items()):
            if len(by_day) > 1:
                claims = [Claim(value=f"the {event} on {_long_date(day)}", sources=sources)
                          for day, sources in sorted(by_day.items())]
                found.append(Disagreement(subject=story.headline, kind="date", claims=claims))
    return found


def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def role_disagreements(rows: list[ActorRow]) -> list[Disagreement]:
    """Actors to whom sources give incompatible positions: different offices (titles a person
    holds, such as "prime minister" or "chancellor", not descriptions such as "student"), or an
    office against the leadership of a party or of the opposition ("Prime Minister" against
    "Labour leader, opposition leader"). Each source's positions are one claim, as that source
    words them, so a reader sees who says what."""
    found = []
    for row in rows:
        claims = [role for role in row.roles if _position(role.title)]
        if row.roles_differ and len({office(role.title) for role in claims}) > 1 \
                and len({n for role in claims for n in role.sources}) > 1:
            by_sources: dict[tuple[int, ...], list[str]] = {}
            seen: set[tuple[tuple[int, ...], tuple[str | None, str]]] = set()
            for role in claims:
                key = tuple(role.sources)
                if (key, office(role.title)) not in seen:  # "PM" after "Prime Minister" says nothing new
                    seen.add((key, office(role.title)))
                    by_sources.setdefault(key, []).append(role.title)
            found.append(Disagreement(subject=row.name, kind="role", claims=[
                Claim(value=", ".join(titles), sources=list(sources)) for sources, titles in by_sources.items()]))
    return found


def _position(title: str) -> bool:
    """Whether a role is a position a person holds: an office, or the leadership of a party or of
    the opposition ("Labour leader", "leader of the opposition")."""
    qualifier, held = office(title)
    return bool(name_data().trailing_title(held)) or (held == "leader" and qualifier is not None) \
        or title.lower().startswith("leader of")


def with_copies(briefs: list[ArticleBrief], copies: Sequence[Sequence[Article]],
                day: date) -> tuple[list[ArticleBrief], list[Copy]]:
    """Briefs numbered from 1, each with its headline, citing its copies and flagged when old
    (`old`), and the copies numbered after them."""
    listed: list[Copy] = []
    numbered: list[ArticleBrief] = []
    for index, brief in enumerate(briefs, start=1):
        own = copies[index - 1] if index <= len(copies) else ()
        numbers = list(range(len(briefs) + len(listed) + 1, len(briefs) + len(listed) + 1 + len(own)))
        headline = stories.headline_of(brief)
        listed += [Copy(number=n, article=a, copy_of=index, headline=" ".join((a.title or "").split()) or headline,
                        old=old(a, day)) for n, a in zip(numbers, own, strict=True)]
        numbered.append(brief.model_copy(update={"number": index, "also_in": numbers, "headline": headline,
                                                 "old": old(brief.article, day)}))
    return numbered, listed


def old(article: Article, day: date) -> str | None:
    """The flag ("from 14 March 2020") of an article published more than `OLD_DAYS` before `day`."""
    published = article.published_day
    return f"from {published.day} {published:%B %Y}" if published and (day - published).days > OLD_DAYS else None


def _words(text: str) -> set[str]:
    """The text's content words (what a headline and a sentence, or two sentences, share)."""
    return set(stories.words(text))


def actor_table(briefs: list[ArticleBrief], story_of: dict[int, int] | None = None,
                in_full: Collection[int] = (), counted: int | None = None) -> list[ActorRow]:
    """One row per actor across articles, mentions per source, every stated role cited, and the
    stories (`story_of`: source number -> story number) that name it; key actors first, people
    and organisations before places and groups, heaviest first, an actor of a story shown in full
    (`in_full`: its source numbers) weighing `ALSO_TODAY` times less when only in "Also today".
    Which actors of different articles are one is `identities`' answer. `counted`: only the first
    rows count mentions per source (a list as long as the day's sources), the others leave it empty
    (a day of 10,000 articles has tens of thousands of actors)."""
    groups: dict[str, list[tuple[int, Actor]]] = {}
    for position, (brief, identity) in enumerate(zip(briefs, identities(briefs), strict=True)):
        for actor in brief.actors:
            key = identity[actor.name]
            while key in groups and groups[key][-1][0] == position:  # never two actors of one article
                key += "\x00"
            groups.setdefault(key, []).append((position, actor))
    heaviest = [_heaviest(brief) for brief in briefs]
    quoted = [[(_bare(q.speaker), q) for q in _showable(brief) if q.speaker] for brief in briefs]
    rows = sorted(((_row(group, briefs, story_of or {}, in_full, heaviest, quoted), group) for group in groups.values()),
                  key=lambda rg: (not rg[0].key, rg[0].type not in ("person", "organisation"), -rg[0].weight,
                                  rg[0].name))
    return [row.model_copy(update={"mentions": _mentions(group, len(briefs))}) if counted is None or rank < counted
            else row for rank, (row, group) in enumerate(rows)]


def _mentions(group: list[tuple[int, Actor]], count: int) -> list[int]:
    """Mentions of the actor in each of the `count` articles (0 where absent)."""
    mentions = [0] * count
    for position, actor in group:
        mentions[position] += actor.mentions
    return mentions


def identities(briefs: Sequence[ArticleBrief]) -> Iterator[dict[str, str]]:
    """For each of `briefs` in turn, its actor names -> the key of the one real actor each is
    across `briefs` (made an article at a time: a day's keys held at once were most of the actor
    table's peak memory). A person named in full ("David Cameron", "Sir Keir Starmer") is known by that full name, so
    different given names never merge; a person named only by surname or honorific ("Cameron",
    "Mr Cameron") is the one person of that surname named in full that day, else their own.
    Organisations, places and groups are known by their names."""
    named_in_full: dict[str, set[str]] = {}
    for brief in briefs:
        for actor in brief.actors:
            words = _name_words(actor.name)
            if actor.type == "person" and len(words) > 1:
                named_in_full.setdefault(words[-1].lower(), set()).add(" ".join(words).lower())
    for brief in briefs:
        keys = {actor.name: " ".join(words).lower() for actor in brief.actors
                if actor.type == "person" and len(words := _name_words(actor.name)) > 1}
        for actor in brief.actors:
            if actor.name not in keys:
                owners = named_in_full.get(_name_words(actor.name)[-1].lower(), set()) if actor.type == "person" else set()
                keys[actor.name] = next(iter(owners)) if len(owners) == 1 else actor.name.lower()
        yield keys


def _name_words(name: str) -> list[str]:
    """A name's words without a leading honorific ("Mr Cameron" -> ["Cameron"])."""
    words = name.split()
    return words[1:] if len(words) > 1 and words[0].rstrip(".").lower() in name_data().honorifics else words


def _bare(name: str) -> str:
    return " ".join(_name_words(name)).lower()


def _heaviest(brief: ArticleBrief) -> float:
    return max((actor.weight for actor in brief.actors), default=1.0) or 1.0


def _row(group: list[tuple[int, Actor]], briefs: list[ArticleBrief], story_of: dict[int, int],
         in_full: Collection[int], heaviest: Sequence[float], quoted: Sequence[list[tuple[str, Quote]]]) -> ActorRow:
    """The actor table's row of one actor (`group`: its article positions and actors there);
    `heaviest` and `quoted`, by article position: `_heaviest` and the showable quotations by speaker."""
    cited: dict[str, list[int]] = defaultdict(list)
    titles: dict[str, str] = {}
    offices: dict[int, set[str]] = defaultdict(set)  # source number -> the offices it gives the actor
    for position, actor in group:  # one actor an article, in source order
        number = briefs[position].number
        for role in actor.roles:
            norm = role.title.lower()
            titles.setdefault(norm, role.title)
            if cited[norm][-1:] != [number]:
                cited[norm].append(number)
                offices[number].add(office(norm)[1])
    names = Counter(actor.name for _, actor in group)
    fullest = max(names, key=lambda name: (not any(_fuller(other, name) for other in names), names[name]))
    types = Counter(actor.type for _, actor in group)
    roles = [RoleCitation(title=titles[norm], sources=sources) for norm, sources in cited.items()]
    distinct = {frozenset(held) for held in offices.values()}  # sources giving the same offices agree
    return ActorRow(name=fullest, type=types.most_common(1)[0][0], roles=roles,
                    mentions=[], key=any(actor.key for _, actor in group),
                    weight=round(sum(actor.weight / heaviest[p]
                                     * (1.0 if not in_full or briefs[p].number in in_full else ALSO_TODAY)
                                     for p, actor in group), 3),
                    roles_differ=any(a.isdisjoint(b) for a, b in combinations(distinct, 2)),
                    stories=sorted({story_of[briefs[p].number] for p, _ in group if briefs[p].number in story_of}),
                    quotes=_said(group, briefs, quoted))
