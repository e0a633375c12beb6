"""What is still to come: sentences that announce something dated after the article's publication
day (a vote, a hearing, a deadline, a release, a visit), with the day resolved where the text
allows it.

Dates are read against `Article.published` (its day):

- a full date ("14 January 2027", "January 14") counts when it falls after that day (a date with
  no year is taken in that year, or the next one when the sentence speaks of the future and the
  day has passed); on the day itself only in the future tense;
- "next Thursday" is the Thursday of the week after the publication day's (weeks start on Monday:
  from Thursday 2026-12-03, 2026-12-10); "on Thursday", "this Thursday" and "until Thursday" are the
  first Thursday after it, when the sentence speaks of the future (or the words look forward:
  "until", "by", "from"); "last Thursday" never counts;
- "tomorrow", "tonight", "in two weeks", "within 10 days", "in a fortnight", "this weekend" are
  counted from that day, "by the end of the month" (week, year; this or next) is its last day;
  "next week", "later this month", "early next year", "in March", "in the coming weeks", "in the
  new year" and (in the future tense) "in the spring" are listed without a day (a month only when
  it is still to come), each with the first day its words allow ("in March": 1 March) to order it
  by; a weekday's "mornings" or "nights" are a routine, not a day;
- a date in the past, "ago", "last", "yesterday" is never listed, nor one in a clause in the past
  tense ("tonight" too), under a modal perfect ("would have forced ministers to review it in
  November"), on a participle in "-ed" ("games played on Thursday"), nor "from Thursday's price".

An article with no publication date gives only full dates with a year ("on 14 January 2027") in a
sentence not in the past tense: the analysis reads no clock, so whoever composes the brief drops
those before the brief's day. Only body sentences are read; each gives one item.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from datetime import date, timedelta

from ..intake.dating import MONTH, MONTH_NAMES
from ..models import Upcoming
from .document import Clause, Document, Unit

#: Items kept for an article.
MAX_UPCOMING = 5
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)} | {"Sep": 9}
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
#: The words that date something. One word boundary and one look at the first character before the
#: alternatives, so most positions of a text are passed over at once.
WHEN = re.compile(
    r"(?=[\dJFMASONDTWLEIBUjfmasondtwleibu])\b(?:"
    rf"(?P<day>(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s(?:of\s)?(?P<m>{MONTH})\b\.?(?:,?\s(?P<y>\d{{4}})\b)?)"
    rf"|(?P<mday>(?P<m2>{MONTH})\.?\s(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:\d])(?:,?\s(?P<y2>\d{{4}})\b)?)"
    rf"|(?P<weekday>(?:(?P<which>(?i:next|this|coming|last|until|by|from|before))\s)?"
    rf"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<soon>(?i:tomorrow|tonight|later\stoday|this\sevening)\b)"
    r"|(?P<span>(?i:in|within)\s(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
    r"\s(?P<unit>days?|weeks?|fortnights?|months?|years?)\b(?:['’]s\stime)?(?!\s(?:ago|earlier|before|later)))"
    r"|(?P<period>(?i:next|later\sthis|early\snext|late\snext|this\scoming|the\scoming|this)"
    r"\s(?P<pu>week|weekend|month|year|spring|summer|autumn|winter)\b)"
    rf"|(?P<month>(?i:in|by|from|until|before|early|late|mid-?)\s?(?P<m3>{MONTH})\b(?!\s\d{{1,2}}\b)(?:\s(?P<y3>\d{{4}})\b)?)"
    r"|(?P<end>(?i:by|at|before|until|towards?)\sthe\send\sof\s(?P<which_end>the|this|next)\s(?P<eu>week|month|year))\b"
    r"|(?P<vague>(?i:in\sthe\s(?:new\syear|coming\s(?:days|weeks|months)|spring|summer|autumn|winter)))\b)")
#: A modal perfect right before a verb: "would have forced", "could not have been held".
MODAL_PERFECT = re.compile(r"\b(?:would|could|might|should|must|may)\s(?:not\s)?have\s(?:been\s)?$", re.IGNORECASE)
MODAL_PERFECT_BEFORE = re.compile(r"\b(?:would|could|might|should|must|may)\s(?:not\s)?have\s[a-z]+ed\b", re.IGNORECASE)
#: A weekday with a part of the day in the plural: a routine ("Tuesday mornings"), no one day.
ROUTINE = re.compile(r"\s(?:mornings|afternoons|evenings|nights)\b")
#: Words right before a weekday that look forward ("until Thursday", "by Friday").
FORWARD = {"until", "by", "from", "before", "next", "this", "coming"}
#: A capitalised word right after a weekday makes it a name ("The Sunday Telegraph"); a day number,
#: a full date that is read on its own ("Saturday 12 February").
NAMED = re.compile(r"\s(?:[A-Z][a-z]|\d)")
#: Whether a time is still to come, and its day where the words give one.
Resolved = tuple[bool, date | None]
PAST: Resolved = (False, None)
UNDATED: Resolved = (True, None)


def upcoming(document: Document, limit: int = MAX_UPCOMING) -> list[Upcoming]:
    """Up to `limit` sentences that announce something dated after the article's day, in text order,
    each with its first date to come that gives a day (else its first one)."""
    published = document.article.published_day
    starts = [c.start for c in document.clauses]
    found: list[Upcoming] = []
    for unit in document.sentences:
        if unit.kind != "body" or not unit.verb:
            continue
        coming: list[tuple[date | None, re.Match[str]]] = []
        for match in WHEN.finditer(document.article.text, unit.start, unit.end):
            to_come, day = _to_come(document, starts, match, unit, published)
            if to_come:
                coming.append((day, match))
        if coming:
            day, match = min(coming, key=lambda c: c[0] is None)  # a day where one is given
            earliest = None if day or published is None else _earliest(match, published)
            found.append(Upcoming(text=unit.text, date=day.isoformat() if day else None,
                                  when=match.group().rstrip("."), earliest=earliest.isoformat() if earliest else None,
                                  event=_event(document, starts, match, unit), start=unit.start, end=unit.end))
        if len(found) == limit:
            break
    return found


def _to_come(document: Document, starts: list[int], match: re.Match[str], unit: Unit,
             published: date | None) -> Resolved:
    before = document.article.text[max(unit.start, match.start() - 12):match.start()].lower().split()
    if before[-1:] in (["since"], ["a"], ["every"], ["each"]):
        return PAST  # "since 19 November", "on a Friday night": past, or no one day
    try:
        return _resolve(match, published, _tense(document, starts, match.start(), unit))
    except (OverflowError, ValueError):  # a day past 9999-12-31: not one a brief can watch for
        return PAST


def _clause(clauses: tuple[Clause, ...], starts: list[int], at: int, unit: Unit) -> Clause | None:
    """The clause a date belongs to: the nearest verb before it in its sentence, else the first after it."""
    index = bisect_right(starts, at) - 1
    if index >= 0 and clauses[index].start >= unit.start:
        return clauses[index]
    after = index + 1
    return clauses[after] if after < len(clauses) and clauses[after].start < unit.end else None


#: Participles that look forward: a date after them is still to come ("a vote expected on
#: Tuesday", "a referendum called for Sunday", "a deadline extended to Friday").
FORWARD_PARTICIPLES = frozenset("expected scheduled planned slated called billed extended postponed delayed "
                                "moved timetabled pencilled penciled".split())


def _tense(document: Document, starts: list[int], at: int, unit: Unit) -> str:
    """The tense of the clause the date belongs to ("present" when it has none); past for a modal
    perfect, also one an infinitive with no subject hangs on ("would have forced ministers to revisit
    it in November": what did not happen), and for a
    participle in "-ed" with no subject of its own ("games played on Thursday") unless it looks
    forward (`FORWARD_PARTICIPLES`)."""
    clause = _clause(document.clauses, starts, at, unit)
    if clause is None:
        return "present"
    text = document.article.text
    if MODAL_PERFECT.search(text, max(unit.start, clause.start - 30), clause.start) or clause.subject is None and (
            clause.tense == "present" and text[clause.start:clause.end].endswith("ed")
            and text[clause.start:clause.end].rsplit(None, 1)[-1].lower() not in FORWARD_PARTICIPLES
            or clause.tense == "future" and MODAL_PERFECT_BEFORE.search(text, unit.start, clause.start)):
        return "past"
    return clause.tense


#: Subjects that name no event of their own.
NOT_EVENTS = {"it", "this", "that", "they", "he", "she", "we", "i", "you", "there", "which", "who", "what", "one"}


def _event(document: Document, starts: list[int], match: re.Match[str], unit: Unit) -> str | None:
    """What a date written with its day and month dates: the head of its clause's subject, when
    that is a common noun ("vote", "hearing"), not a pronoun or a name."""
    clause = _clause(document.clauses, starts, match.start(), unit)
    if match.lastgroup not in ("day", "mday") or clause is None or clause.head is None or clause.name:
        return None
    head = document.article.text[clause.head[0]:clause.head[1]]
    return head.lower() if head.islower() and head.isalpha() and head not in NOT_EVENTS else None


def _resolve(match: re.Match[str], published: date | None, tense: str) -> Resolved:
    """Whether the words name a time still to come, and its day where they give one; not to come when
    it is past or cannot be placed."""
    kind = match.lastgroup
    if kind in ("day", "mday"):
        day, month, year = (match["d"], match["m"], match["y"]) if kind == "day" else (match["d2"], match["m2"], match["y2"])
        return _full_date(int(day), MONTHS[month[:3]], int(year) if year else None, published, tense)
    if published is None:
        return PAST  # only a full date with its year can be placed without the article's day
    if kind == "weekday":
        which = (match["which"] or "").lower()
        if match.string.startswith(("'s", "’s"), match.end()) and which == "from":
            which = ""  # "down 0.20 from Thursday's price": a comparison, not a start
        if which == "last" or (tense == "past" and which not in FORWARD) or NAMED.match(match.string, match.end()) \
                or ROUTINE.match(match.string, match.end()):
            return PAST  # "last Thursday", "MPs voted on Thursday", "The Sunday Telegraph", "Saturday 12 May",
            # "collections happen Tuesday mornings"
        target = WEEKDAYS.index(match["wd"])
        if which == "next":
            return True, published + timedelta(days=7 - published.weekday() + target)
        return True, published + timedelta(days=(target - published.weekday() - 1) % 7 + 1)
    if kind == "soon":
        if tense == "past":
            return PAST  # "I played very well tonight"
        return True, published + timedelta(days=1 if match.group().lower() == "tomorrow" else 0)
    if kind == "span":
        if tense == "past" or (tense != "future" and match.group().lower().startswith("within")):
            return PAST  # "its third warning in nine months", "an appeal within 14 days"
        number = match["n"].lower()
        return True, _later(published, COUNTS[number] if number in COUNTS else int(number), match["unit"].lower().rstrip("s"))
    if kind == "period":
        if match.group().lower().startswith("this ") and tense == "past":
            return PAST  # "profits fell this year"
        if match.group().lower() == "this weekend":
            return True, published + timedelta(days=(5 - published.weekday()) % 7)
        return UNDATED if not match.group().lower().startswith("this ") or tense == "future" else PAST
    if kind == "end":
        if tense == "past" and not match.group().lower().startswith("until"):
            return PAST  # "prices rose at the end of the month"; "he has been given until the end of it" looks on
        return True, _end_of(published, match["eu"].lower(), match["which_end"].lower() == "next")
    if kind == "vague":
        seasonal = match.group().lower().endswith(("spring", "summer", "autumn", "winter"))
        return UNDATED if tense == "future" or (tense == "present" and not seasonal) else PAST  # "sales rise in the summer"
    return _month(MONTHS[match["m3"][:3]], int(match["y3"]) if match["y3"] else None, published, tense)


#: The month each season begins in, and the periods that begin the day after the article's.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
SOON = ("this", "later this", "the coming", "this coming", "in the coming")


def _earliest(match: re.Match[str], published: date) -> date | None:
    """The first day undated words to come allow: "next week" its Monday, "next month" or "early next
    year" their first day, "in June" the next June's first, "in the spring" the next spring's,
    "later this month" or "in the coming weeks" the day after the article's."""
    words = match.group().lower()
    if match.lastgroup == "month":
        month = MONTHS[match["m3"][:3]]
        year = int(match["y3"]) if match["y3"] else published.year + (month < published.month)
        return date(year, month, 1)
    unit = (match["pu"] or "").lower() or words.rsplit(" ", 1)[-1]
    if unit in SEASONS:
        year = published.year + (SEASONS[unit] < published.month or words.startswith("next"))
        return max(date(year, SEASONS[unit], 1), published + timedelta(days=1))
    if words.startswith(SOON):
        return published + timedelta(days=1)
    if unit == "week":
        return published + timedelta(days=7 - published.weekday())
    if unit == "month":
        return _end_of(published, "month", False) + timedelta(days=1)
    if unit in ("year", "new year"):
        return date(published.year + 1, 1, 1)
    return None


def _end_of(published: date, unit: str, following: bool) -> date:
    """The last day of the week (Sunday), month or year `published` is in, or of the next one."""
    if unit == "week":
        return published + timedelta(days=6 - published.weekday() + 7 * following)
    if unit == "year":
        return date(published.year + following, 12, 31)
    year, month = (published.year + published.month // 12, published.month % 12 + 1) if following else \
        (published.year, published.month)
    return date(year, month, calendar.monthrange(year, month)[1])


def _full_date(day: int, month: int, year: int | None, published: date | None, tense: str) -> Resolved:
    """A day after the article's, or with no article day one with its year in a sentence not in the
    past tense; a day with no year is taken in the article's year (never in a sentence in the past
    tense), or the next one when the sentence is in the future tense and the day has passed."""
    if published is None and (year is None or tense == "past"):
        return PAST  # nothing to read it against: only a full date, not in the past tense
    if year is None and tense == "past":
        return PAST  # "the exhibition opened on 19 November": a November gone
    try:
        when = date(year or published.year, month, day)  # type: ignore[union-attr]
    except ValueError:  # "31 February"
        return PAST
    if published is None:
        return True, when
    if year is None and when < published and tense == "future":
        when = _next_year(when)
    return (True, when) if when > published or (when == published and tense == "future") else PAST


def _month(month: int, year: int | None, published: date, tense: str) -> Resolved:
    """A month still to come (listed without a day)."""
    this = (published.year, published.month)
    wanted = (year, month) if year else (published.year, month)
    if year is None and tense == "past":
        return PAST  # "The sale went ahead in December": last December
    if year is None and wanted < this and tense == "future":
        wanted = (published.year + 1, month)
    return UNDATED if wanted > this or (wanted == this and tense == "future") else PAST


def _later(start: date, count: int, unit: str) -> date:
    """`count` days, weeks, fortnights, months or years after `start` (month ends kept in the month)."""
    if unit in ("day", "week", "fortnight"):
        return start + timedelta(days=count * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _next_year(day: date) -> date:
    return day.replace(year=day.year + 1, day=min(day.day, calendar.monthrange(day.year + 1, day.month)[1]))
