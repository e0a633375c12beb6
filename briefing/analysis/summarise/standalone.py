"""Standalone: a shown sentence is read without its article, so it must need nothing outside
what the reader sees (issue 24).

`RULES` names each class of sentence that cannot stand alone, one test each (benchmarks/
standalone.py measures shown sentences with the same rules). Two kinds:

- `POINTING` classes point back to what the reader has not seen ("She denied...", "That brought...",
  "The company said...", "However, ..."): a chosen sentence is repaired where the article says
  what it points to (`repaired`: the connective dropped, "He"/"She"/"His"/"Her" as the person named
  just before, "This"/"These" before a noun as "The", "the company" as the organisation the article
  is about, "the former ... player" as the person named just before), and one that still points
  back is avoided (`score`).
- `BROKEN` classes are never shown: a fragment, list residue, a caption, a link prompt, half a
  quotation (`broken`: not a candidate).

Quoted speech keeps its pronouns: they are the speaker's, and it is attributed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from ...intake.words import LOOSE_WORD
from ..document import Document, Unit
from ..names import name_data
from .scoring import Candidates

#: "This week", "That year": a time, not a reference back.
TIME = r"(?:week|weekend|month|year|season|morning|afternoon|evening|night|time|summer|winter|spring|autumn)\b"
#: "She denied the charge on Tuesday.", "Their new album tops the chart."
PRONOUN = re.compile(r"^(?:He|She|It|They|We|I|You|His|Her|Hers|Its|Their|Theirs|Our|Ours|Them|Him|My|Me|Mine|Your|Yours|Us)\b")
#: "Those figures were revised in March.", "This left the council short." ("This week ..." aside);
#: "Both men denied it.", "Neither side would comment.", "Another was found on Friday.", "Here is ...".
DEMONSTRATIVE = re.compile(r"^(?:(?:This|That|These|Those|Such)\b(?! " + TIME + r")|(?:Both|Neither|Another|Others|"
                           r"Here)\b)")
#: "Still, the club kept its manager.", "In addition, rents rose by a tenth." ("So far ..." aside).
CONNECTIVE_PHRASE = (r"(?:However|But|Also|Meanwhile|Overall|Instead|Still|Yet|And|Moreover|Furthermore|Nevertheless|"
                     r"Nonetheless|Besides|Indeed|Thus|Therefore|Then|Otherwise|Likewise|Similarly|Consequently|"
                     r"Hence|Again|Or|Even so|In addition|In fact|In turn|As a result|In contrast|By contrast|"
                     r"On the other hand|Despite this|Despite that|Because of this|For this reason|After that|"
                     r"Afterwards|So)\b(?! far\b)")
CONNECTIVE = re.compile(r"^" + CONNECTIVE_PHRASE)
#: The connective and the comma after it, as the repair drops them: the rest must open with a word.
CONNECTIVE_CUT = re.compile(r"^" + CONNECTIVE_PHRASE + r",? (?=[\"'‘“]?[A-Za-z0-9])")
#: "Yet another airline", "Still photographs", "Again and again": the word is not a connective here.
NOT_CONNECTIVE = re.compile(r"^(?:Yet another|Yet more|Still (?:photographs|images|pictures)|Or else)\b")
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
#: Nouns that, after an opening "The", stand for a body named earlier ("The company said"): repaired
#: as the organisation the article names most before the sentence.
BODIES = ("company", "firm", "group", "club", "side", "team", "party", "band", "airline", "bank", "carrier",
          "retailer", "charity", "agency", "organisation", "organization", "union", "network", "channel", "giant",
          "manufacturer", "maker", "operator", "broadcaster", "publisher", "chain", "insurer", "lender", "studio")
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
#: "and the rest of the crew, .": punctuation left by a cut; "the island . country": a stray full stop.
RESIDUE = re.compile(r"[,\s]\.$| \. [a-z]")
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
#: "so we will go ahead.'": a quotation closed that the text never opened.
CLOSING_SINGLE = re.compile(r"[.!?,][’']$")
OPENING_SINGLE = re.compile(r"(?:^|[\s(\[\"“])[‘'](?=\w)")
#: "... the hook. '": a quotation opened at the very end, its words in the next sentence.
OPENED_AT_END = re.compile(r"\s[‘'\"“]$")
#: "harm . being caused": a full stop left inside a sentence where the source broke its line.
STRAY_STOP = re.compile(r" \.(?= [a-z])")
#: "... off the hook. '": the next sentence's opening quotation mark, split off with this one.
NEXT_QUOTE = re.compile(r"(?<!\s)\s+[‘'\"“]$")
#: A double quotation opened and not closed, to its end: '... said: "It is great to win.'.
OPEN_DOUBLE = re.compile(r"(?:^|\s)[\"“][^\"“”]*$")
#: An opening "He"/"She" before a verb, and an opening possessive "His"/"Her" before a noun.
PERSONAL = re.compile(r"^(He|She) (?=[a-z])")
POSSESSIVE = re.compile(r"^(His|Her) (?=[a-z])")
BODY_POSSESSIVE = re.compile(r"^Its (?=[a-z$£€0-9])")
#: An opening demonstrative, which reads alone as "The" when it stands before a noun.
THE_FOR_DEMONSTRATIVE = re.compile(r"^(?:This|These) (?!" + TIME + r")(?=\S)")
#: A word of the text shown before, as the description rule compares it.
BEFORE_WORD = re.compile(r"[\w'’-]+")
#: A lede has at least this many words (a shorter first sentence is a kicker or a dateline).
LEDE_WORDS = 8
#: A lede that says at least this share of its headline's content words adds little beside the
#: headline the brief shows, so it is not put first (tuned on bbc-dev's even half; cnndm has no titles).
TITLE_REPEAT = 0.5
#: A content word: a run of letters or digits (a stop word aside).
CONTENT_WORD = re.compile(r"\w+")
#: How far back (in sentences) the person an opening pronoun stands for may be named.
LOOKBACK = 4


@dataclass(frozen=True)
class Rule:
    """A class of sentence that cannot stand alone: its id, what it is, its test on a sentence
    shown after `before` (the text shown before it in its story; a headline is not a sentence)."""

    id: str
    description: str
    test: Callable[[str, str, bool], bool]


def _pronoun(text: str, before: str, headline: bool) -> bool:
    return PRONOUN.match(text) is not None


def _demonstrative(text: str, before: str, headline: bool) -> bool:
    return DEMONSTRATIVE.match(text) is not None


def description_phrase(text: str) -> list[str] | None:
    """The noun phrase after an opening "The" when it describes something rather than saying what
    ("The former Lakers player", "The company's"): up to five words ending in a lower-case noun.
    "The owners of the mill", "The woman who ...", "The plan to ..." and "The ruling by ..." say what
    they describe, "The Observer" is a name, and so is "The Northern Line service": a phrase with a
    name in it describes only a person by role ("The veteran Leeds Rhinos coach")."""
    words = text.split()
    if words[:1] != ["The"]:
        return None
    phrase: list[str] = []
    for word in words[1:6]:
        if word.lower() in RESTRICTIVE:
            return None
        if word.lower() in ENDS or word.lower() in ("the", "a", "an"):  # a determiner starts another phrase
            break
        phrase.append(word.strip(",;:"))
        if word[-1] in ",;:":
            break
    if not phrase or not phrase[-1][:1].islower():
        return None
    if any(w[:1].isupper() for w in phrase) and phrase[-1] not in name_data().role_nouns:
        return None
    return phrase


def _description(text: str, before: str, headline: bool) -> bool:
    phrase = description_phrase(text)
    if phrase is None:
        return False
    nouns = {w for w in phrase if w.islower() and w not in MODIFIERS}
    return not nouns & {w.lower() for w in BEFORE_WORD.findall(before)}


def _connective(text: str, before: str, headline: bool) -> bool:
    return CONNECTIVE.match(text) is not None


def _fragment(text: str, before: str, headline: bool) -> bool:
    if text[:1].islower() or RESIDUE.search(text):
        return True
    return not headline and (TERMINAL.search(text) is None or len(text.split()) < 5)


def _list_residue(text: str, before: str, headline: bool) -> bool:
    return LIST_START.match(text) is not None or LIST_END.search(text) is not None


def _caption(text: str, before: str, headline: bool) -> bool:
    return CAPTION.search(text) is not None


def _link_prompt(text: str, before: str, headline: bool) -> bool:
    return LINK.search(text) is not None


def _half_quote(text: str, before: str, headline: bool) -> bool:
    if text.count('"') % 2 or text.count("“") != text.count("”") or OPENED_AT_END.search(text):
        return True
    return CLOSING_SINGLE.search(text) is not None and OPENING_SINGLE.search(text) is None


RULES = (
    Rule("pronoun", 'an opening pronoun or possessive: "She denied the charge ...", "Their new album ..."',
         _pronoun),
    Rule("demonstrative", 'an opening demonstrative or quantifier: "Those figures were revised ...", "Both men ..."',
         _demonstrative),
    Rule("description", 'a description the shown text never introduced: "The survey found ..." with no survey '
         "named before", _description),
    Rule("connective", 'an opening connective: "Still, the club kept ...", "In addition, rents rose ..."',
         _connective),
    Rule("fragment", 'a piece of a sentence: "and the rest of the crew, .", "Rents rose to £4m in May" '
         '(no full stop), "Not yet." (under 5 words)', _fragment),
    Rule("list residue", 'a list\'s number or bullet: "3) Keep the receipt.", "... (see the Appendix)4."',
         _list_residue),
    Rule("caption", 'a picture\'s caption: "Fans outside the ground (pictured) on Sunday."', _caption),
    Rule("link prompt", 'a link\'s prompt: "Click here to see the full list."', _link_prompt),
    Rule("half quote", 'half a quotation: \'we built," the mayor said.\', "so we will go ahead.\'"', _half_quote),
)
#: The classes a repair or another choice may cure, and those never shown.
POINTING = frozenset({"pronoun", "demonstrative", "description", "connective"})
BROKEN = frozenset(rule.id for rule in RULES) - POINTING


def faults(text: str, before: str = "", headline: bool = False) -> list[str]:
    """The ids of the rules the sentence breaks, shown after `before`."""
    return [rule.id for rule in RULES if rule.test(text, before, headline)]


def points_back(text: str, before: str = "") -> bool:
    """True when the sentence, shown after `before`, cannot stand alone."""
    return bool(faults(text, before))


def dangling(text: str) -> bool:
    """True when the text opens with a connective or a pronoun or demonstrative that refers back."""
    return bool({"pronoun", "demonstrative", "connective"} & set(faults(text)))


def broken(text: str) -> bool:
    """True for a fragment, list residue, a caption, a link prompt or half a quotation, once mended."""
    text = mended(text)
    return any(rule.test(text, "", False) for rule in RULES if rule.id in BROKEN)


def mended(text: str) -> str:
    """The sentence without the marks its source's layout left: a stray full stop inside it ("harm .
    being caused"), the next sentence's opening quotation mark at its end; a quotation it opens and
    the next sentence goes on with is closed at its end ('Ms Doore said: "It is great to win."')."""
    text = NEXT_QUOTE.sub("", STRAY_STOP.sub("", text))
    if TERMINAL.search(text) and OPEN_DOUBLE.search(text) and (text.count('"') % 2 or text.count("“") > text.count("”")):
        text += "”" if "“" in text else '"'
    return text


@dataclass(frozen=True)
class Antecedents:
    """What an article names before each of its sentences (by the sentence's start): the one
    person named in the few sentences before, and the organisation named most so far."""

    person: dict[int, str | None]
    body: dict[int, str | None]


def repaired(unit: Unit, named: Antecedents) -> str:
    """The sentence as it reads alone: without an opening connective; an opening "He"/"She"/"His"/
    "Her" as the person named just before (when exactly one is), "Its" as the organisation the
    article names most before it; an opening "This"/"These" before a
    noun phrase as "The"; an opening description of a body ("The company") as the organisation the
    article names most before it, and of a person by role ("The former Lakers player") as the person
    named just before."""
    text = mended(unit.text)
    connective = CONNECTIVE_CUT.match(text)
    if connective and not NOT_CONNECTIVE.match(text) and len(text) > connective.end() + 1:
        rest = text[connective.end():]
        text = rest[0].upper() + rest[1:]
    person = named.person.get(unit.start)
    pronoun = PERSONAL.match(text)
    if pronoun and person:
        text = person + text[pronoun.end() - 1:]
    possessive = POSSESSIVE.match(text)
    if possessive and person:
        text = person + "'s" + text[possessive.end() - 1:]
    body = named.body.get(unit.start)
    its = BODY_POSSESSIVE.match(text)
    if its and body:
        text = body + "'s " + text[its.end():]
    demonstrative = THE_FOR_DEMONSTRATIVE.match(text)
    if demonstrative and unit.demonstrative:
        text = "The " + text[demonstrative.end():]  # "These events may have..." -> "The events..."
    return _described(text, person, body)


def _described(text: str, person: str | None, body: str | None) -> str:
    """The text with an opening description of a body or a person by role as their name ("The
    company's debt" -> "Acme's debt")."""
    phrase = description_phrase(text)
    if phrase is None:
        return text
    owner = next((i for i, w in enumerate(phrase) if w.lower().endswith(("'s", "’s"))), None)
    size = len(phrase) if owner is None else owner + 1
    noun = phrase[size - 1].lower().removesuffix("'s").removesuffix("’s")
    name = body if noun in BODIES else person if noun in name_data().role_nouns else None
    if not name:
        return text
    rest = text.split(None, size + 1)[size + 1:]
    return name + ("" if owner is None else "'s") + (" " + rest[0] if rest else "")


def score(candidates: Candidates) -> np.ndarray:
    """-1 for a candidate that still points back once repaired ("It was...", "She said" with two
    women named just before, "The pair were caught"), else 0; read after its article's title and
    the lede where the lede is chosen (it comes first)."""
    named = candidates.named
    before = candidates.document.article.title or ""
    first = lede(candidates, named)
    if first is not None:
        before += " " + repaired(candidates.units[first], named)
    return np.array([-1.0 if faults(repaired(u, named), before) else 0.0 for u in candidates.units])


def lede(candidates: Candidates, named: Antecedents) -> int | None:
    """The candidate that is the article's lede (its first body sentence of `LEDE_WORDS` words or
    more), if it stands alone once repaired and does not repeat the headline (`repeats`): news
    states its point first."""
    document = candidates.document
    first = next((u for u in document.sentences if u.kind == "body" and len(u.text.split()) >= LEDE_WORDS), None)
    if first is None or first not in candidates.units:
        return None
    title = document.article.title or ""
    if faults(repaired(first, named), title) or repeats(first.text, title):
        return None
    return candidates.units.index(first)


def repeats(lede: str, title: str) -> bool:
    """True when the lede says at least `TITLE_REPEAT` of the title's content words ("Floods close
    railway line" above "Floods closed the main railway line on Monday."): beside the headline it
    adds little, so it need not come first."""
    heading = _content(title)
    return bool(heading) and len(heading & _content(lede)) >= TITLE_REPEAT * len(heading)


def _content(text: str) -> set[str]:
    return {w for w in CONTENT_WORD.findall(text.lower()) if w not in STOP_WORDS}


def antecedents(document: Document) -> Antecedents:
    """The person and the organisation each sentence may stand for (`Antecedents`): the body is the
    organisation named most before it (the lede's subject counting as one)."""
    bodies: Counter[str] = Counter()
    latest: dict[str, int] = {}
    by_sentence: dict[int, list[str]] = {}
    for mention in document.mentions:
        if mention.label == "ORG":
            by_sentence.setdefault(mention.sentence, []).append(mention.text)
    subject = _lede_subject(document)
    if subject:
        by_sentence.setdefault(subject[0], []).append(subject[1])
    body: dict[int, str | None] = {}
    for index, unit in enumerate(document.sentences):
        body[unit.start] = max(bodies, key=lambda b: (bodies[b], latest[b])) if bodies else None
        for text in by_sentence.get(index, []):
            bodies[text] += 1
            latest[text] = index
    return Antecedents(person=named_before(document), body=body)


def _lede_subject(document: Document) -> tuple[int, str] | None:
    """The sentence and the name of what the lede's first named subject is, when no person or place
    is tagged there ("Parmalat, the Italian food group, has reported..."): the body the article is
    about, which the tagger may have missed."""
    lede = next((i for i, u in enumerate(document.sentences) if u.kind == "body"), None)
    clause = next((c for c in document.clauses if c.sentence == lede and c.name), None)
    if clause is None or clause.name is None:
        return None
    start, end = clause.name
    if any(m.start < end and start < m.end and m.label != "ORG" for m in document.mentions):
        return None
    return clause.sentence, document.article.text[start:end]


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
