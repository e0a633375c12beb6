"""Figures: the numbers an article gives with what they count, as written ("a 40% drop in profits",
"pre-tax profit of £75m ($141m)", "15 million phones a year", "fuel costs rose by £106m or 47.3%").

A figure is a number with a currency, a percentage, a scale (million, bn) or a counted noun after
it. Years, dates, ages (and ranges of them: "ages 3 to 11"), clock times, ordinals, bare numbers,
age bands, age groups and school stages ("14-19 qualifications", "under-21"), distances naming an
event ("400m gold", "10K race", "800 metres runner"), a game's score unless it is the result ("a 3-1
win", not "won 3-1 thanks to") and "100%" as emphasis ("100% sure") are not figures; a figure never
ends inside a bracket it opens, each is listed once, and only body
sentences are read (no headings, captions, lists or page furniture). What a figure counts is read
from the words after it ("drop in profits", "phones a year"), else from the noun phrase before
"of" or before a verb of change ("pre-tax profit of", "fuel costs rose by"); a number with
neither is left out. The key sentences are read first, then the rest of the article in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import islice

from ..models import Figure, Sentence
from .document import Document, Unit

#: Figures kept for an article.
MAX_FIGURES = 5
NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|" \
               r"sixty|seventy|eighty|ninety|a|half\ a|several|a\ few|hundreds\ of|thousands\ of|tens\ of)"
SCALE = r"(?:bn|m|k|tn|trillion|billion|million|thousand)"
UNIT = r"(?:%|\ per\ cent|\ percent|p|\ pence|\ cents?|km|kg|mph|mm|cm|ft|mw|gw|kw|gb|mb|tb|ghz|secs?)"
FIGURE = re.compile(
    rf"(?<![\w.,/£$€¥])(?:(?P<currency>(?:US|A|C|NZ|HK)?[$£€¥])\s?)?"
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,12}}(?:\.\d{{1,6}})?)"
    rf"(?:-(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,12}})(?:\.\d{{1,6}})?)?"
    rf"(?P<scale>\s?{SCALE}(?![\w]))?(?P<unit>{UNIT}(?![\w]))?(?![\w.,/]\d|[A-Za-z])"
    rf"|(?<![\w])(?P<words>{NUMBER_WORDS}\s(?:million|billion|thousand|hundred))(?![\w])",
    re.IGNORECASE)
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
#: Words after a number that make it a clock time or an age, not a figure.
NOT_COUNTED = {"am", "pm", "a.m", "p.m", "gmt", "bst", "utc", "cet", "est", "o'clock", "hours", "hrs", "year-old",
               "years-old", "st", "nd", "rd", "th"}
#: Words that end what a figure counts: function words, verbs of saying, time words.
STOP = {"the", "a", "an", "and", "or", "but", "as", "than", "that", "which", "who", "whom", "with", "from", "by", "to",
        "at", "for", "on", "of", "in", "into", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
        "will", "would", "could", "should", "may", "might", "can", "do", "does", "did", "it", "its", "this", "these",
        "those", "there", "their", "his", "her", "our", "your", "my", "said", "says", "say", "told", "according",
        "also", "up", "down", "compared", "against", "after", "before", "since", "while", "when", "where", "if",
        "because", "over", "under", "about", "around", "nearly", "almost", "just", "only", "some", "more", "less",
        "most", "least", "per", "each", "every", "last", "next", "earlier", "later", "ago", "year", "years", "month",
        "months", "week", "weeks", "day", "days", "so", "not", "no", "all", "both", "between", "during", "through",
        "now", "then", "still", "even", "yet", "already", "further", "such", "other", "another", "same", "old", "aged",
        "he", "she", "they", "we", "i", "you", "them", "him", "us", "along", "across", "off", "out", "away", "back",
        "ahead", "behind", "onto", "upon", "within", "without", "towards", "toward", "among", "amid", "despite",
        "via", "including", "like", "plus", "minus", "times", "again", "too", "very", "much", "many", "few", "well",
        "here", "what", "how", "why", "any", "own", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "hundred", "thousand", "million", "billion"}
#: Words before a bare number that make it a label, not a count ("top 10", "page 4", "Channel 4").
LABELS = {"top", "no", "number", "page", "pages", "chapter", "section", "article", "clause", "room", "flight",
          "route", "platform", "gate", "level", "grade", "tier", "stage", "round", "week", "day", "version",
          "episode", "series", "season", "term", "line", "bus", "junction", "exit", "figure", "table", "group",
          "division", "league", "form", "year", "class", "category", "item", "paragraph", "rule", "pitch", "court"}
#: Words that put a figure on the noun before them: change ("rose by", "jumped 76%", "up 4.3% to") and
#: value ("is worth", "will cost", "totalled").
MEASURE = {"worth", "cost", "costs", "costing", "total", "totals", "totalled", "totalling", "valued", "reached", "hit",
           "estimated", "rose", "rise", "rises", "rising", "fell", "fall", "falls", "falling", "jumped", "jump",
           "jumps", "dropped", "drop", "drops", "grew", "grow", "grows", "increased", "increase", "decreased",
           "decrease", "cut", "cuts", "climbed", "climb", "slumped", "slump", "declined", "decline", "soared", "plunged",
           "plunge", "gained", "lost", "up", "down", "raised", "lowered", "reduced", "added", "shed", "surged",
           "tumbled", "slipped"}
#: What an age band or a school stage labels: "14-19 qualifications", "16-18 education" name the ages
#: they are for, not a count of them.
BANDED = {"qualification", "qualifications", "education", "curriculum", "diploma", "diplomas", "pupils", "students",
          "learners", "schooling", "schools", "colleges", "reforms", "year-olds", "olds", "age", "ages", "group",
          "groups", "bracket", "brackets", "range", "category"}
#: Words after a distance that make it the name of a race or event ("400m gold", "60m hurdles champion",
#: "10K race"), not a figure the story is about.
EVENTS = {"gold", "silver", "bronze", "champion", "champions", "championship", "championships", "medal", "medallist",
          "medalist", "hurdles", "race", "races", "final", "finals", "title", "record", "relay", "freestyle", "butterfly",
          "backstroke", "breaststroke", "medley", "sprint", "sprinter", "dash", "steeplechase", "heat", "heats", "event",
          "runner", "run", "specialist", "winner", "victory", "world", "indoor", "indoors", "outdoor", "favourite",
          "favourites", "favorite", "star", "crown"}
#: Units of distance a race is named by ("800 metres runner").
DISTANCES = {"metres", "meters", "metre", "meter", "km", "kilometres", "miles", "mile", "yards"}
#: Words after a score that make it the result the story reports ("a 2-1 win", "a 5-4 decision").
RESULTS = {"win", "wins", "victory", "defeat", "loss", "draw", "decision", "vote", "verdict", "ruling", "majority",
           "aggregate"}
#: Words before a number that make it an age ("aged 28", "ages 3 to 11").
AGE_WORDS = {"aged", "ages", "age"}
#: What a rate is per ("15 million phones a year").
PER = {"year", "month", "week", "day", "hour", "minute", "annum", "head", "person", "leg", "night", "game", "match"}
LINKS = {"of", "in", "on", "for"}
AUXILIARIES = {"was", "were", "is", "are", "be", "has", "have", "had", "been", "will", "would", "could", "may", "might",
               "should", "to", "expected", "set", "likely"}
#: What joins two figures into one ("£106m or 47.3%", "3% to 3.5%", "£75m ($141m)").
JOINED = re.compile(r"\s?(?:or|and|to|-|–)\s?|\s?\(")
#: What joins the two ends of a range ("3 to 11", "14-19").
RANGE = re.compile(r"\s?(?:to|-|–)\s?")
#: "100%" or "100 per cent" before a word: emphasis ("100% sure"), unless what it is of follows.
EMPHASIS = re.compile(r"100(?:%|\s(?:per\s?cent|percent))\s(?!of\b)[a-z]")
YEAR = re.compile(r"1[89]\d\d|20\d\d")
PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?<!\.)|\S")


def key_figures(document: Document, key_sentences: Sequence[Sentence] = (), limit: int = MAX_FIGURES) -> list[Figure]:
    """Up to `limit` figures, from the key sentences first, each once."""
    units = document.sentences
    key = {document.sentence_at(s.start) for s in key_sentences}
    order = sorted(key) + [i for i in range(len(units)) if i not in key]
    found: list[Figure] = []
    for index in order:
        unit = units[index]
        if unit.kind != "body" or not unit.verb:
            continue
        for figure in _figures(document.article.text, unit, document.verbs):
            if all(figure.end <= f.start or figure.start >= f.end for f in found) and \
                    figure.text not in {f.text for f in found}:  # "10 minutes" twice says nothing more
                found.append(figure)
                if len(found) == limit:
                    return found
    return found


def _figures(text: str, unit: Unit, verbs: frozenset[int]) -> Iterator[Figure]:
    """The figures of one sentence, in order."""
    matches = []
    left_out: re.Match[str] | None = None
    for match in FIGURE.finditer(text, unit.start, unit.end):
        if left_out is not None and RANGE.fullmatch(text, left_out.end(), match.start()) or not _a_figure(match, text, unit):
            left_out = match  # and the other end of its range: "ages 3 to 11"
        else:
            left_out = None
            matches.append(match)
    index = 0
    while index < len(matches):
        match = matches[index]
        end = match.end()
        while index + 1 < len(matches) and JOINED.fullmatch(text, end, matches[index + 1].start()):
            index += 1  # "£106m or 47.3%", "3% to 3.5%", "£75m ($141m"
            end = matches[index].end()
            if text[matches[index].start() - 1] == "(" and text[end:end + 1] == ")":
                end += 1
        index += 1
        after = None if _emphasis(match, text) else _counted_after(text, end, unit.end, verbs)
        marked = any(match.group(g) for g in ("currency", "scale", "unit", "words"))
        start = match.start() if after else _counted_before(text, unit.start, match.start(), verbs) if marked else None
        if start is None:
            continue  # a bare number says what it counts after it ("13,000 jobs"), or is no figure
        end = after or end
        if text.count("(", start, end) > text.count(")", start, end):
            end = len(text[:text.rindex("(", start, end)].rstrip())  # "£5.7bn ($10.7bn, 8.2bn euros)": no half bracket
        yield Figure(text=" ".join(text[start:end].split()), start=start, end=end)


def _a_figure(match: re.Match[str], text: str, unit: Unit) -> bool:
    """Not a year, a date, an age, a clock time or an ordinal."""
    if match.group("words"):
        return True
    marked = match.group("currency") or match.group("scale") or match.group("unit")
    number = match.group("number")
    before = [t.lower().split("-")[-1] for t in TOKEN.findall(text[max(unit.start, match.start() - 30):match.start()])][-2:]
    following = [t.lower().rstrip(".") for t in TOKEN.findall(text[match.end():min(unit.end, match.end() + 30)])][:3]
    after = following[:1]
    if not marked and YEAR.fullmatch(number):
        return False  # a year
    if (before and before[-1] in MONTHS) or (after and after[0] in MONTHS):
        return False  # "31 December", "December 31"
    if after and after[0] in NOT_COUNTED or before[-1:] and before[-1] in AGE_WORDS or before == ["age", "of"]:
        return False  # "10am", "28-year-old", "aged 28", "ages 3 to 11", "at the age of 77"
    if not match.group("currency") and after and after[0] in (EVENTS if match.group("scale") or match.group("unit")
                                                              else BANDED if _band(match) else ()):
        return False  # "400m gold", "10K race"; "14-19 qualifications": an event's name, an age band
    if not marked and following[:1] and following[0] in DISTANCES and set(following[1:]) & EVENTS:
        return False  # "800 metres runner", "100 metres world title"
    if _score(match) and not set(following[:2]) & RESULTS:
        return False  # "won 3-1 thanks to", "a 1-0 lead": a game's score, not what the story counts
    if text[max(0, match.start() - 6):match.start()].lower().endswith(("under-", "over-")):
        return False  # "an under-21 match": an age group
    if text[match.end():match.end() + 1] in (":",) and text[match.end() + 1:match.end() + 2].isdigit():
        return False  # "14:00"
    if not marked and before and (before[-1] in LABELS or before[-1][:1].isalpha() and _capitalised_before(text, match)):
        return False  # "top 10", "Channel 4 show", "Airbus A321": a label or a name's part
    return not (not marked and before[-1:] == [","] and after == [","])  # "John Smith, 28, of Leeds"


def _band(match: re.Match[str]) -> bool:
    """A bare range of two whole numbers between 3 and 25, written "14-19": an age band or a school stage."""
    first, _, second = match.group().partition("-")
    return first.isdigit() and second.isdigit() and 3 <= int(first) < int(second) <= 25


def _score(match: re.Match[str]) -> bool:
    """Two bare numbers written "3-1" that fall or start at nought: a score (or a vote), not a range."""
    first, _, second = match.group().partition("-")
    return first.isdigit() and second.isdigit() and (int(second) <= int(first) or first == "0")


def _emphasis(match: re.Match[str], text: str) -> bool:
    """ "100% sure", "100 per cent behind him": a manner of speaking, a figure only when a measure or
    "of" puts it on a noun ("profits rose 100%", "100% of the shares")."""
    return bool(EMPHASIS.match(text, match.start()))


def _capitalised_before(text: str, match: re.Match[str]) -> bool:
    """The word right before the number is capitalised and does not open the sentence."""
    words = text[max(0, match.start() - 40):match.start()].split()
    return len(words) >= 2 and words[-1][:1].isupper() and not words[-2].endswith((".", "!", "?", ":"))


def _counted_after(text: str, start: int, end: int, verbs: frozenset[int]) -> int | None:
    """Where what the figure counts ends, when the words after it say: "drop in profits", "phones a
    year", "jobs"; None when they do not."""
    tokens = []
    for match in islice(TOKEN.finditer(text, start, end), 8):
        if match.start() in verbs:
            break  # what is counted ends at a verb
        tokens.append((match.group(), match.end()))
    taken, at, last = 0, 0, None
    while at < len(tokens) and taken < 3 and _content(tokens[at][0], verbs=not taken):
        last, taken, at = tokens[at][1], taken + 1, at + 1
    if not taken:
        return None
    if at + 1 < len(tokens) and tokens[at][0].lower() in LINKS and _content(tokens[at + 1][0], verbs=False):
        last, at = tokens[at + 1][1], at + 2  # "drop in profits", "reports of minor burns"
        if at < len(tokens) and _content(tokens[at][0], verbs=False):
            last, at = tokens[at][1], at + 1
    if at + 1 < len(tokens) and tokens[at][0].lower() in ("a", "per", "each", "every") \
            and tokens[at + 1][0].lower() in PER and not (at + 2 < len(tokens) and tokens[at + 2][0].lower()
                                                         in ("earlier", "ago", "before", "later")):
        last = tokens[at + 1][1]  # "a year", not "a year earlier"
    return last


def _counted_before(text: str, start: int, end: int, verbs: frozenset[int]) -> int | None:
    """Where what the figure counts begins, when the words before it say: "pre-tax profit of",
    "fuel costs rose by", "profits jumped", "the deal is worth"; None when they do not."""
    tokens = [(m.group(), m.start()) for m in TOKEN.finditer(text, max(start, end - 80), end)]
    link = tokens[-1][0].lower() if tokens else ""
    if link == "of":
        return _noun_phrase(tokens[:-1], verbs)
    if link in ("by", "to", "from") and len(tokens) > 1 and tokens[-2][0].lower() in MEASURE:
        tokens = tokens[:-1]
    if not tokens or tokens[-1][0].lower() not in MEASURE:
        return None
    verb, at = tokens.pop()
    while tokens and tokens[-1][0].lower() in AUXILIARIES:
        tokens.pop()
    found = _noun_phrase(tokens, verbs)
    return found if found is not None or verb.lower() in ("up", "down") else at


def _noun_phrase(tokens: list[tuple[str, int]], verbs: frozenset[int]) -> int | None:
    """Where the (up to three) content words ending `tokens` begin (none of them a verb)."""
    first = None
    for word, at in reversed(tokens[-3:]):
        if at in verbs or not _content(word, capitals=True, verbs=False):
            break
        first = at
    return first


def _content(word: str, capitals: bool = False, verbs: bool = True) -> bool:
    """A word that can say what is counted: lower-case (or, before the figure, capitalised), not a
    function or time word, nor (unless `verbs`) one ending as a verb's forms do ("relating", "added")."""
    return bool(PLAIN_WORD.fullmatch(word)) and word.lower() not in STOP and (
        capitals or word.islower()) and (verbs or not word.lower().endswith(("ing", "ed")))
