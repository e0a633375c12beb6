"""A strict detector of shown sentences that cannot stand alone (issue 24), stricter than the
summariser's own `points_back`: one named rule per class, each a linear regex or a token test.

Applied (a) to the key sentences `briefing extract --sentences 3` chooses on bbc-dev and cnndm-dev
(each article's title and earlier sentences are its shown text) and (b) to the 40-article day of
benchmarks/editorial.py composed into a brief: bottom line points, each top story's lead (where not
in the bottom line) and points, and the "Also today" headlines. A story's shown text is its headline
and its sentences in reading order; a bottom line point is read with none of it. A headline is not
a sentence: the fragment rule's punctuation and length tests skip it.

    make bench        # or: .venv/bin/python benchmarks/standalone.py
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from common import SETS, load_set
from editorial import days_of

from briefing.analysis.names import name_data
from briefing.analysis.summarise import Length
from briefing.config import Config
from briefing.editorial.compose import compose
from briefing.models import ArticleBrief, Briefing
from briefing.pipeline import brief_articles

#: "This week", "That year": a time, not a reference back.
TIME = r"(?:week|weekend|month|year|season|morning|afternoon|evening|night|time|summer|winter|spring|autumn)\b"
#: "She denied the charge on Tuesday.", "Their new album tops the chart."
PRONOUN = re.compile(r"^(?:He|She|It|They|We|I|You|His|Her|Hers|Its|Their|Theirs|Our|Them|Him)\b")
#: "Those figures were revised in March.", "This left the council short." ("This week ..." aside).
DEMONSTRATIVE = re.compile(r"^(?:This|That|These|Those|Such)\b(?! " + TIME + r")")
#: "Still, the club kept its manager.", "In addition, rents rose by a tenth." ("So far ..." aside).
CONNECTIVE = re.compile(
    r"^(?:However|But|Also|Meanwhile|Overall|Instead|Still|Yet|And|Moreover|Furthermore|Nevertheless|"
    r"Nonetheless|Besides|Indeed|Thus|Therefore|Then|Otherwise|Likewise|Similarly|Consequently|Hence|"
    r"Again|Or|Even so|In addition|In fact|In turn|As a result|In contrast|By contrast|On the other hand|"
    r"Despite this|Despite that|Because of this|For this reason|After that|Afterwards|So)\b(?! far\b)")
#: Words that end the noun phrase after an opening "The": "The veteran Leeds Rhinos coach said".
ENDS = {"said", "says", "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "may",
        "might", "must", "should", "shall", "did", "does", "do", "also", "told", "added", "in", "on", "at", "for",
        "with", "from", "and", "or", "but", "as", "after", "before", "over", "into", "than", "that",
        "not", "now", "then", "still", "already", "being", "been"}
#: Words after the noun phrase that say what it describes: "The owners of the mill", "The woman who
#: ...", "The plan to close ...", "The ruling by the court ...".
RESTRICTIVE = {"of", "who", "which", "whose", "whom", "to", "by"}
#: Words of a description that say nothing of what it describes.
MODIFIERS = {"former", "new", "latest", "same", "other", "first", "second", "last", "next", "top", "two", "three",
             "old", "year-old", "previous", "current", "recent", "whole", "entire", "local", "original"}
#: "3) Keep the receipt.", "– the driver and two passengers.", "• Open daily."
LIST_START = re.compile(r"^(?:\d{1,3}[.)]\s|[-–—•*]\s)")
#: "... (see the Appendix)4.", "... the Bridge Road5.": a list number glued to the end.
LIST_END = re.compile(r"(?:\)|[A-Za-z]{2})\d{1,2}\.?[\"'”’]?$")
#: "Fans outside the ground (pictured) on Sunday.", "Police image of the van.", "Photo: Reuters".
CAPTION = re.compile(r"\bimage of\b|\bpictured\b|\b(?:photo|picture|photograph|credit|caption)\s?:|"
                     r"\bfile photo\b|\bgetty images\b|\bin this (?:photo|picture|image)\b", re.IGNORECASE)
#: "Click here to see the full list.", "Read more: how the vote works", "Scroll down for video".
LINK = re.compile(r"\b(?:click here|click (?:the|this) link|read more|scroll down|(?:watch|see) (?:the )?video|"
                  r"follow us on)\b", re.IGNORECASE)
#: "and the rest of the crew, .": punctuation left by a cut.
RESIDUE = re.compile(r"[,\s]\.$")
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
#: "so we will go ahead.'": a quotation closed that the text never opened.
CLOSING_SINGLE = re.compile(r"[.!?,][’']$")
OPENING_SINGLE = re.compile(r"(?:^|[\s(\[\"“])[‘'](?=\w)")


@dataclass(frozen=True)
class Shown:
    """A shown sentence and the text shown before it in its story (or article)."""

    text: str
    before: str
    headline: bool = False


def pronoun(s: Shown) -> bool:
    """"She denied the charge ...", "Their new album ..."."""
    return PRONOUN.match(s.text) is not None


def demonstrative(s: Shown) -> bool:
    """"Those figures were revised ...", "This left ..."."""
    return DEMONSTRATIVE.match(s.text) is not None


def description(s: Shown) -> bool:
    """"The survey found ..." where no earlier shown text of the story says "survey": "The", then up
    to five words ending in a lower-case noun; "The owners of the mill", "The woman who ...", "The
    plan to ..." and "The ruling by ..." say what they describe, "The Observer" is a name, and so is
    "The Northern Line service": a phrase with a name in it is a description only of a person by
    role ("The veteran Leeds Rhinos coach")."""
    words = s.text.split()
    if words[:1] != ["The"]:
        return False
    phrase: list[str] = []
    for word in words[1:6]:
        if word.lower() in RESTRICTIVE:
            return False
        if word.lower() in ENDS:
            break
        phrase.append(word.strip(",;:"))
        if word[-1] in ",;:":
            break
    if not phrase or not phrase[-1][:1].islower():
        return False
    if any(w[:1].isupper() for w in phrase) and phrase[-1] not in name_data().role_nouns:
        return False
    nouns = {w for w in phrase if w.islower() and w not in MODIFIERS}
    before = {w.lower() for w in re.findall(r"[\w'’-]+", s.before)}
    return not nouns & before


def connective(s: Shown) -> bool:
    """"Still, the club kept ...", "In addition, rents rose ..."."""
    return CONNECTIVE.match(s.text) is not None


def fragment(s: Shown) -> bool:
    """"and the rest of the crew, .", "Rents rose to £4m in May" (no terminal punctuation), "Not yet."
    (under 5 words)."""
    if s.text[:1].islower() or RESIDUE.search(s.text):
        return True
    return not s.headline and (TERMINAL.search(s.text) is None or len(s.text.split()) < 5)


def list_residue(s: Shown) -> bool:
    """"3) Keep the receipt.", "... (see the Appendix)4."."""
    return LIST_START.match(s.text) is not None or LIST_END.search(s.text) is not None


def caption(s: Shown) -> bool:
    """"Fans outside the ground (pictured) on Sunday."."""
    return CAPTION.search(s.text) is not None


def link_prompt(s: Shown) -> bool:
    """"Click here to see the full list."."""
    return LINK.search(s.text) is not None


def half_quote(s: Shown) -> bool:
    """'we built," the mayor said.' or "so we will go ahead.'": unbalanced quotation marks."""
    text = s.text
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return True
    return CLOSING_SINGLE.search(text) is not None and OPENING_SINGLE.search(text) is None


RULES: dict[str, Callable[[Shown], bool]] = {
    "pronoun": pronoun, "demonstrative": demonstrative, "description": description, "connective": connective,
    "fragment": fragment, "list residue": list_residue, "caption": caption, "link prompt": link_prompt,
    "half quote": half_quote}


def classes(s: Shown) -> list[str]:
    """The classes whose rule the sentence breaks."""
    return [name for name, rule in RULES.items() if rule(s)]


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
    print("| set | shown | not standing alone | " + " | ".join(RULES) + " |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in RULES) + " |")
    for name, rows in found.items():
        bad = sum(bool(c) for _, c in rows)
        counts = " | ".join(str(sum(rule in c for _, c in rows)) for rule in RULES)
        print(f"| {name} | {len(rows)} | {bad} ({100 * bad / max(len(rows), 1):.1f}%) | {counts} |")
    for name, rows in list(found.items())[:len(SETS) + 1]:
        print(f"\nWorst five, {name}:\n")
        for s, c in sorted((r for r in rows if r[1]), key=lambda r: -len(r[1]))[:5]:
            text = s.text if len(s.text) <= 140 else s.text[:137] + "..."
            print(f"- {text.replace('|', '/')} ({', '.join(c)})")

if __name__ == "__main__":
    main()
