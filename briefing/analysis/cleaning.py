"""Boilerplate that news text carries, as rule data: one table of patterns, each with a name.

`BLANKED` patterns are page furniture inside the text (bylines, time stamps, datelines, video
prompts): their spans are overwritten with spaces, so offsets into the article stay true.
`SENTENCE_RULES` mark whole sentences that may never be key sentences (captions, prompts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..intake.dating import AGENCY, DATELINE_DATE, NEAR_PLACE, PLACE
from .document import SentenceKind


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    kind: SentenceKind = "boilerplate"
    opening: int | None = None
    """Blanked only in the text's first `opening` lines that hold text."""


def _rule(name: str, pattern: str, kind: SentenceKind = "boilerplate", flags: int = 0,
          opening: int | None = None) -> Rule:
    return Rule(name, re.compile(pattern, flags), kind, opening)


# Every repetition below is bounded or cannot overlap its neighbour, so each rule runs in linear
# time on any text (tests/hostile checks this with generated inputs and a deadline).
_STAMP = r"(?:PUBLISHED|UPDATED|Last updated(?: at)?)[ \t]{0,3}:?[ \t]{0,3}\.?[ \t]{0,3}[^|\n]{0,60}?\d{4}[ \t]{0,3}\.?"

#: An outlet's name of one to four capitalised words: "The Tribune", "KVELLER via JTA"
_OUTLET = r"[A-Z][\w.'’&-]{0,30}(?:[ \t]{1,3}(?:[A-Z][\w.'’&-]{0,30}|via|of|and|de|the)){0,3}"

BLANKED: tuple[Rule, ...] = (
    # "By . Associated Press . " / "By . Jane Doe and John Roe . " at the start of the text
    _rule("byline", r"\A\s*By\s+\.\s+[^.]{1,80}?\s+\.(?:\s+and\s+[^.]{1,60}?\s+\.)?\s"),
    # "PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 14:33 EST, 25 October 2013 ."
    _rule("time stamp", _STAMP + r"(?:[ \t]{0,3}\|[ \t]{0,3}\.?[ \t]{0,3}" + _STAMP + r")?"),
    # "(CNN) --", "LONDON, England (CNN) --", "WASHINGTON (Reuters) -", "PARIS (AFP) —"; any other
    # source in brackets where a dash follows ("AUSTIN (KXAN) —")
    _rule("dateline", r"(?:\A|(?<=\n))[ \t]*(?:" + NEAR_PLACE + r"(?:" + DATELINE_DATE + r")?[ \t]*)?" + AGENCY
                      + r"[ \t]*"),
    # opening the article's first or second line, a capital letter or quote following: a place in
    # capitals before a dash ("OSAKA –", "LAGOS, Nigeria —", "KESTREL ISLAND - "), an outlet's or
    # agency's name before an en or em dash ("The Tribune –", "KVELLER via JTA —"); further down, a
    # line such as "GERMANY - Bunds extended losses" heads a section of a market report
    _rule("dateline before a dash", r"(?:\A|(?<=\n))[ \t]*(?:" + PLACE + r"(?:" + DATELINE_DATE + r")?[ \t]{1,3}(?:--|—|–|-)"
                                    r"|" + _OUTLET + r"[ \t]{1,3}(?:--|—|–))[ \t]{1,3}(?=[A-Z0-9\"“‘'])", opening=2),
    _rule("video prompt", r"(?:Scroll down|Scroll down for video|Watch the video|Click here to watch)"
                          r"[^.\n]{0,200}?\s\.\s?", flags=re.I),
    _rule("caption placeholder", r"Write caption here\s*\.?"),
)

SENTENCE_RULES: tuple[Rule, ...] = (
    _rule("read more", r"^\s*(?:Read more|READ MORE|Related|See also|Click here|Follow us|Share this|"
                       r"Sign up|Subscribe)\b", flags=re.I),
    # Daily Mail caption style: a short label, a colon, then the caption ("Emotional: The ...")
    # ... but not speech: "Police said: 'We ...'", "But she added: \"Some ...\""
    _rule("caption label", r"^(?!(?:[\w'’-]+\s+){0,3}(?:said|says|told|added|wrote|writes|asked)\b)"
                           r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}:\s+[A-Z0-9'‘\"“]", "caption"),
    _rule("pictured", r"\((?:pictured|pictured left|pictured right|left|right|centre|center|above|below|inset)"
                      r"\)|^\s*Pictured\b|\bis pictured\b|\bare pictured\b|\bpictured (?:here|above|left|right)\b",
          "caption", re.I),
    _rule("agency credit", r"(?:Photo|Image|Picture|Credit|Source)s?\s*:\s*(?:Getty|Reuters|AP|AFP|PA|EPA|Rex)"
                           r"|\((?:Getty|Reuters|AP|AFP|PA|EPA|Rex)(?: Images)?\)", "caption"),
    # the public CNN/DM text ends captions, not body sentences, with a spaced full stop ("the city .")
    _rule("spaced full stop", r"\w\s+\.\s*$", "caption"),
    # a link to a video or another story: "Watch the group in action with their push cart classroom »"
    _rule("link prompt", r"»\s*\.?\s*$"),
    _rule("contact line", r"(?:e-?mail|follow)\s+@?\w+\s+(?:on|at)\s+(?:Twitter|Facebook|Instagram)", flags=re.I),
)


def blank_boilerplate(text: str) -> str:
    """The text with every `BLANKED` span overwritten by spaces (newlines kept)."""
    chars = list(text)
    for rule in BLANKED:
        for match in rule.pattern.finditer(text, 0, _opening_end(text, rule.opening)):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


#: One line of text.
LINE = re.compile(r"[^\n]+")


def _opening_end(text: str, lines: int | None) -> int:
    """Where the text's first `lines` lines that hold text end (all of it for None)."""
    if lines is None:
        return len(text)
    found = 0
    for line in LINE.finditer(text):
        if line.group().strip():
            found += 1
            if found == lines:
                return line.end()
    return len(text)


def sentence_kind(sentence: str) -> SentenceKind:
    """`caption` or `boilerplate` when a `SENTENCE_RULES` pattern matches, else `body`."""
    for rule in SENTENCE_RULES:
        if rule.pattern.search(sentence):
            return rule.kind
    return "body"


def matching_rule(text: str) -> str | None:
    """The name of the first rule (blanking or sentence) that matches, for tests and debugging."""
    for rule in BLANKED + SENTENCE_RULES:
        if rule.pattern.search(text):
            return rule.name
    return None
