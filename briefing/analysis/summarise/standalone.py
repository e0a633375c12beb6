"""Standalone: a key sentence is read out of its article, so one that points back ("But ...",
"He was speaking as ...", "This ...") loses its meaning.

Chosen sentences are repaired: an opening connective is dropped ("However, the firm said" ->
"The firm said") and an opening "He"/"She" is replaced by the name of the person the article named
just before. One that cannot be repaired ("It", "They", "She" with two women named just before)
is avoided among near equals: `score` rates it a little lower (a larger weight cost more ROUGE
than it gained; benchmarks/summarise.py prints the share of dangling openers beside ROUGE). Quoted
speech is left as it is: its pronouns are the speaker's, and it is attributed.
"""

from __future__ import annotations

import re

import numpy as np

from ...intake.words import LOOSE_WORD
from ..document import Document, Unit
from ..names import name_data
from .scoring import Candidates

#: Words that tie a sentence to the one before; dropped when a sentence opens with them.
CONNECTIVES = ("However", "But", "And", "Meanwhile", "Nevertheless", "Moreover", "Furthermore", "Nonetheless")
#: Words that do so only when a comma follows ("So, ..." but "So far ...", "Yet another ...").
WITH_COMMA = ("Also", "Yet", "So", "Still", "Instead", "Besides", "Indeed", "Thus", "Therefore")
#: Openers that refer back and are not repaired.
REFERRING = ("It", "They", "This", "That", "These", "Those", "Such", "Its", "Their", "Them", "Him", "His", "Her",
             "We", "Our", "He", "She", "Then")
OPENER = r"(?:(?:" + "|".join(CONNECTIVES) + r")\b,?|(?:" + "|".join(WITH_COMMA) + r"),)"
CONNECTIVE = re.compile(r"^" + OPENER + r" ?(?=\S)")
#: "This week", "That year": a time, not a reference back.
TIME = r"(?:week|weekend|month|year|season|morning|afternoon|evening|time)\b"
DANGLING = re.compile(r"^(?:" + OPENER + r"|(?:" + "|".join(REFERRING) + r")\b(?! " + TIME + r"))")
DEFINITE = re.compile(r"^The (?:[A-Za-z-]+ ){0,2}?([a-z-]+)\b(?= (?:said|says|was|is|has|had|will|would|told|added|"
                      r"warned|insisted|denied|claimed|admitted|argued|called|also)\b)")
#: An opening demonstrative, which reads alone as "The" when it stands before a noun.
DEMONSTRATIVE = re.compile(r"^(?:This|These|That|Those) (?!" + TIME + r")(?=\S)")
PRONOUN = re.compile(r"^(He|She) (?=[a-z])")
#: How far back (in sentences) the person an opening pronoun stands for may be named.
LOOKBACK = 4


def dangling(text: str) -> bool:
    """True when the text opens with a connective or a word that refers back (outside quoted speech)."""
    return DANGLING.match(text) is not None


#: Nouns that, after an opening "The", stand for a body named earlier ("The company said").
BODIES = ("company", "firm", "group", "club", "side", "team", "party", "band", "airline", "bank", "carrier",
          "retailer", "charity", "agency", "organisation", "organization", "union", "network", "channel")


def points_back(text: str) -> bool:
    """True when the text dangles, or opens with a description of someone the article named
    before ("The company said", "The Tory leader was asked"): fine in the article, not alone."""
    if dangling(text):
        return True
    match = DEFINITE.match(text)
    if not match:
        return False
    noun = match.group(1).lower()
    return noun in BODIES or noun in name_data().role_nouns


def repaired(unit: Unit, named: dict[int, str | None]) -> str:
    """The sentence as it reads alone: without an opening connective, with an opening "He"/"She"
    replaced by the person named just before (when exactly one is: `named_before` of its
    article), an opening "This"/"These" before a noun phrase as "The"."""
    text = unit.text
    connective = CONNECTIVE.match(text)
    if connective and len(text) > connective.end() + 1:
        rest = text[connective.end():]
        text = rest[0].upper() + rest[1:]
    pronoun = PRONOUN.match(text)
    if pronoun:
        name = named.get(unit.start)
        if name:
            text = name + text[pronoun.end() - 1:]
    demonstrative = DEMONSTRATIVE.match(text)
    if demonstrative and unit.demonstrative:
        text = "The " + text[demonstrative.end():]  # "These events may have..." -> "The events..."
    return text


def score(candidates: Candidates) -> np.ndarray:
    """-1 for a candidate that still points back once repaired ("It was...", "She said" with two
    women named just before), else 0: among near equals, the one a reader can follow is chosen."""
    named = named_before(candidates.document) if any(dangling(u.text) for u in candidates.units) else {}
    return np.array([-1.0 if dangling(u.text) and dangling(repaired(u, named)) else 0.0 for u in candidates.units])


def named_before(document: Document) -> dict[int, str | None]:
    """For each sentence (by its start), the fullest form of the one person named in the few
    sentences before it, if exactly one is named there (by a person mention, or by the surname
    of a person named earlier); one pass over the article."""
    mentioned: dict[int, set[str]] = {}
    forms: dict[str, str] = {}
    by_sentence: dict[int, list[str]] = {}
    for mention in document.mentions:
        if mention.label == "PERSON":
            by_sentence.setdefault(mention.sentence, []).append(mention.text)
    found: dict[int, str | None] = {}
    for index, unit in enumerate(document.sentences):
        answer = None
        for back in range(index - 1, max(-1, index - 1 - LOOKBACK), -1):
            if len(mentioned[back]) > 1:
                break
            if mentioned[back]:
                answer = forms[next(iter(mentioned[back]))]
                break
        found[unit.start] = answer
        here = by_sentence.get(index, [])
        for text in here:
            surname, form = text.split()[-1], _untitled(text)
            if len(form) > len(forms.get(surname, "")):
                forms[surname] = form
        mentioned[index] = {t.split()[-1] for t in here} | (forms.keys() & set(LOOSE_WORD.findall(unit.text)))
    return found


def _untitled(name: str) -> str:
    """The name without a title glued to its front ("Patricia Hewitt" for "Secretary Patricia Hewitt")."""
    title = name_data().leading_title(name)
    rest = name[len(title):].strip() if title else name
    return rest if rest[:1].isupper() else name
