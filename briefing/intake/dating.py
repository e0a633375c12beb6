"""An article's date and where it comes from, one mechanism for every kind of input.

The date is taken from the most trustworthy place that gives one and never guessed: the feed's
entry, then the page's own metadata (JSON-LD `datePublished`, `article:published_time`, the
byline's `<time>` or its written date; `page_metadata`), then the input's own field (a JSONL key,
front matter), then the article's dateline ("WASHINGTON, March 5, 2026 —"). A date needs a day,
a month and a year: a copyright line, a sidebar or a year the story mentions ("its 2003
performance") dates nothing, and an unknown date stays None. The dateline's place ("LAGOS,
Nigeria") is kept as the article's place; `analysis.cleaning` blanks the dateline itself from
the text with the same patterns.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from ..models import Article

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
#: A date as a dateline or byline writes it: "March 5, 2026", "Dec. 3", "5 March 2026".
DATE = (rf"(?:(?P<m1>{MONTH})\.?[ \t]{{1,3}}(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?[ \t]{{1,3}}(?P<y1>\d{{4}})\b)?"
        rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?[ \t]{{1,3}}(?P<m2>{MONTH})\b\.?(?:,?[ \t]{{1,3}}(?P<y2>\d{{4}})\b)?)")
FULL_DATE = re.compile(DATE)
#: A place in capitals, with its region or country after a comma: "LAGOS, Nigeria", "ST. PAUL, Minn."
PLACE = (r"[A-Z][A-Z.'’-]{1,30}(?:[ \t]{1,3}[A-Z][A-Z.'’-]{0,30}){0,3}"
         r"(?:,[ \t]{1,3}[A-Z][A-Za-z.'’-]{0,30}(?:[ \t]{1,3}[A-Z][A-Za-z.'’-]{0,30}){0,2})?")
#: The date a dateline may give after its place ("WASHINGTON, March 5, 2026 —"), without its groups.
DATELINE_DATE = ",?[ \t]{1,3}" + functools.reduce(lambda pattern, group: pattern.replace(f"(?P<{group}>", "(?:"),
                                                 ("m1", "d1", "y1", "m2", "d2", "y2"), DATE)
#: A place as a dateline before an agency's name writes it, in any case ("Washington", "LONDON, England").
NEAR_PLACE = r"[A-Z][A-Za-z.'’-]{0,30}(?:[ ,]{1,3}[A-Z][A-Za-z.'’-]{0,30}){0,4}"
#: An agency's name in brackets, as datelines give it: a known agency ("(CNN) --", "(Reuters)"), or
#: any name in brackets before a dash ("(KXAN) —"); not an acronym after a name ("Athletics Kenya (AK) has").
AGENCY = (r"\((?:(?:CNN|Reuters|AP|AFP|UPI|EW\.com|CNN Student News)\)[ \t]*(?:--|—|–|-)?"
          r"|[A-Z][A-Za-z0-9.&'’ -]{0,24}\)[ \t]*(?:--|—|–))")
#: A dateline opening a line: a place in capitals (a date may follow) before a dash, or a place
#: in any case before an agency in brackets ("LONDON, Dec 3 (Reuters) -", "Washington (CNN) --").
DATELINE = re.compile(
    rf"\A[ \t]{{0,20}}(?:(?P<place>{PLACE})(?:,?[ \t]{{1,3}}{DATE})?[ \t]{{1,3}}(?:--|—|–|-)[ \t]{{1,3}}(?=[A-Z0-9\"“‘'])"
    rf"|(?P<near>{NEAR_PLACE})"
    rf"(?:,?[ \t]{{1,3}}(?P<m3>{MONTH})\.?[ \t]{{1,3}}(?P<d3>[0-3]?\d)\b(?:,?[ \t]{{1,3}}(?P<y3>\d{{4}}))?)?"
    rf"[ \t]{{0,3}}{AGENCY})")
#: Lines of the text's opening in which a dateline is looked for.
DATELINE_LINES = 2


def full_date(text: str) -> date | None:
    """The first date in `text` written with its day, month and year ("December 3, 2026",
    "3 Dec 2026"); a month and day without a year, or a year alone, is no date."""
    for match in FULL_DATE.finditer(text):
        found = _date(match, ("m1", "d1", "y1"), ("m2", "d2", "y2"))
        if found:
            return found
    return None


def _date(match: re.Match[str], *groups: tuple[str, str, str]) -> date | None:
    for month, day, year in groups:
        if match[month] and match[year]:
            try:
                return date(int(match[year]), _month(match[month]), int(match[day]))
            except ValueError:
                return None
    return None


def _month(name: str) -> int:
    return next(i for i, full in enumerate(MONTH_NAMES, start=1) if full.startswith(name[:3].capitalize()))


def dateline(text: str) -> tuple[str | None, date | None]:
    """The place and the date (with its year, else None) of the dateline opening one of the
    text's first two lines that hold text."""
    lines = [line for line in text.split("\n", 20) if line.strip()][:DATELINE_LINES]
    for line in lines:
        match = DATELINE.match(line)
        if match:
            place = (match["place"] or match["near"] or "").strip(" ,")
            return place or None, _date(match, ("m1", "d1", "y1"), ("m2", "d2", "y2"), ("m3", "d3", "y3"))
    return None, None


def dated(article: Article) -> Article:
    """The article with its place from its dateline, and its date's provenance: the date its
    reader found (a feed, a page) stays; a date given by the input itself is the `record`'s; else
    the dateline's, where it gives a full date."""
    place, day = dateline(article.text)
    update: dict[str, str | None] = {"place": article.place or place}
    if article.published and not article.dated_by:
        update["dated_by"] = "record"
    elif not article.published and day:
        update |= {"published": day.isoformat(), "dated_by": "dateline"}
    return article.model_copy(update=update)
