"""A strict detector of shown sentences that cannot stand alone (issue 24): one named rule per class
(`briefing.analysis.summarise.standalone.RULES`, which the summariser avoids and repairs too), each a
linear regex or a token test.

Applied (a) to the key sentences `briefing extract --sentences 3` chooses on bbc-dev and cnndm-dev
(each article's title and earlier sentences are its shown text) and (b) to the 40-article day of
benchmarks/editorial.py composed into a brief: bottom line points, each top story's lead (where not
in the bottom line) and points, and the "Also today" headlines. A story's shown text is its headline
and its sentences in reading order; a bottom line point is read with none of it. A headline is not
a sentence: the fragment rule's punctuation and length tests skip it.

    make bench        # or: .venv/bin/python benchmarks/standalone.py
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from common import SETS, load_set
from editorial import days_of

from briefing.analysis.summarise import Length
from briefing.analysis.summarise.standalone import RULES, faults
from briefing.config import Config
from briefing.editorial.compose import compose
from briefing.models import ArticleBrief, Briefing
from briefing.pipeline import brief_articles


@dataclass(frozen=True)
class Shown:
    """A shown sentence and the text shown before it in its story (or article)."""

    text: str
    before: str
    headline: bool = False


def classes(s: Shown) -> list[str]:
    """The classes whose rule the sentence breaks."""
    return faults(s.text, s.before, s.headline)


def in_order(lines: Iterable[tuple[str, bool]]) -> list[Shown]:
    """Each line with the ones before it; `(text, is_headline)`."""
    shown, before = [], ""
    for text, headline in lines:
        shown.append(Shown(text, before, headline))
        before += " " + text
    return shown


def extracted(briefs: list[ArticleBrief]) -> list[Shown]:
    """Each article's key sentences, read after its title and the sentences before."""
    return [s for b in briefs for s in in_order([(b.article.title or "", True), *((k.text, False)
                                                                                 for k in b.key_sentences)])[1:]]


def brief_shown(briefing: Briefing) -> dict[str, list[Shown]]:
    """The brief's shown sentences by part: bottom line points alone, each top story's after its
    headline, "Also today" headlines."""
    stories = []
    for story in (s for section in briefing.sections for s in section.stories):
        lines = [] if story.in_bottom_line else [(story.lead.text, False)]
        stories += in_order([(story.headline, True), *lines, *((p.text, False) for p in story.points)])[1:]
    return {"bottom line": [Shown(p.text, "") for p in briefing.bottom_line], "top stories": stories,
            "also today": [Shown(s.headline, "", True) for section in briefing.also_today for s in section.stories]}


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        config, length = Config(cache=Path(work) / "cache.sqlite"), Length(sentences=3)
        sets = {}
        for name in SETS:
            briefs = [b for b in brief_articles(load_set(name).articles, config, length)
                      if isinstance(b, ArticleBrief)]
            sets[f"{name} (extract -k 3)"] = extracted(briefs)
        day = [b for b in brief_articles(days_of()[40], config, length) if isinstance(b, ArticleBrief)]
    parts = brief_shown(compose(day, [], title="Desk brief", day=date(2026, 11, 22)))
    sets["40-article brief"] = [s for shown in parts.values() for s in shown]
    sets |= {f"40-article brief: {part}": shown for part, shown in parts.items()}
    found = {name: [(s, classes(s)) for s in shown] for name, shown in sets.items()}
    print("| set | shown | not standing alone | " + " | ".join(r.id for r in RULES) + " |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in RULES) + " |")
    for name, rows in found.items():
        bad = sum(bool(c) for _, c in rows)
        counts = " | ".join(str(sum(rule.id in c for _, c in rows)) for rule in RULES)
        print(f"| {name} | {len(rows)} | {bad} ({100 * bad / max(len(rows), 1):.1f}%) | {counts} |")
    for name, rows in list(found.items())[:len(SETS) + 1]:
        print(f"\nWorst five, {name}:\n")
        for s, c in sorted((r for r in rows if r[1]), key=lambda r: -len(r[1]))[:5]:
            text = s.text if len(s.text) <= 140 else s.text[:137] + "..."
            print(f"- {text.replace('|', '/')} ({', '.join(c)})")

if __name__ == "__main__":
    main()
