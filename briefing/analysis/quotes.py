"""Direct quotations and who said them.

The method is textacy's (`textacy.extract.triples.direct_quotations`, after Krestel, Bergler and
Witte, "Minding the Source"): pair the quotation marks, drop what is too short or reads as a title,
and give each quotation to the subject of the nearest verb of saying outside any quotation in its
sentences. What news needs beside it:

- single marks (Daily Mail style) told from apostrophes (also those that open a word: "the '90s",
  "rock 'n' roll"), and quotations left open at the end of a
  paragraph that the next paragraph reopens (one quotation over several paragraphs); a quotation
  left open ends before a caption, heading or boilerplate sentence (page furniture);
- spans with only white space or only an attribution between them ("...," he said. "...") are
  one quotation, its text the spans joined by a space (a span's closing comma a full stop where
  the attribution after it ends a sentence: '"...the rates," he said. "It..."' reads "...the
  rates. It..."); not a question its own verb introduces
  and a reply with its own attribution ('asked her, "...?" "...," she replied'), nor spans with
  narration in a paragraph of its own between them; an abbreviated title or an initial ("Gov.
  Inslee said", "John L. Molinelli said") ends no sentence;
- a speaker given by a pronoun or a title ("he said", "the Bishop said", "It said") is the person
  or body named before that fits, or the unnamed source who spoke just before ("a spokesperson
  said ... '...,' he said"); "she replied" after a question is whom it was asked of; a person
  the actors know only by surname is named in full where the article names them so (a possessive
  too, never in page furniture), and one the tagger took for a place no gazetteer knows is a
  person once they speak; a quotation
  with no verb of saying that stands as a sentence of its own is the subject's of the sentence
  before, else the named speaker of a verb of saying in the next sentence of its paragraph ("'...'
  Jane Cole, 58, added that ..."), else the previous quotation's speaker's; a "she said" with no one
  named before is that next speaker's too when she fits; an epithet ("the 79-year-old", "the
  mother-of-three") is the person named before; "X, who said" is X's; a family or office word
  ending a name is a surname ("Carol King"); a quotation reopened after a caption is the previous
  one's speaker's, and furniture is passed over looking back; "he said" after a person described
  and not named ("One fan ... He said") is that person, unnamed; "the court" is the body named
  before whose name has that head (the one named in full, not a later "the Appellate Court"), unnamed
  when none is; "he" after an office no actor's role states ("the first minister said") is the person
  named before with no other office; a subject right after a stray " . " is the one before it;
- an attribution with two verbs ('," said Ann Lee, a reporter, told Y. "') keeps the quotation whole;
- "according to X" attributes a quotation with no verb of saying, and so does a participle of
  saying ("Wendy Bower saluted him, saying: '...'": the sentence's subject; "the driver can be heard
  saying": the driver);
- an unnamed speaker ("a Government source") stays unnamed, with the article's words for them;
- a quotation inside a quotation counts when a verb of saying inside introduces it ("When I said,
  'Look ...'").

Reads only a `Document` (its sentences, mentions and clauses) and the article's actors.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import yaml

from ..models import Actor, Quote
from .document import Clause, Document, Mention, Unit
from .names import NameData, name_data

#: Words a quotation needs, counted over all its spans.
MIN_WORDS = 4
#: Sentences back that a pronoun, a title or a quotation with no verb of saying may look for its speaker.
LOOK_BACK = 6
#: Most words of narration between two spans that can still be only their attribution, and most
#: words in it beside the speaker and the verb ("told the BBC's Focus on Africa programme").
MAX_ATTRIBUTION_WORDS = 25
MAX_OBJECT_WORDS = 6
#: Quotations inside quotations inside quotations at most; a deeper mark is ignored.
MAX_DEPTH = 3
#: Clauses a pronoun or a title may look back through for whom it stands for, and clauses of the
#: sentence before a quotation with no verb of saying that may say whose it is.
MAX_CANDIDATES = 60
MAX_CONTEXT_CLAUSES = 8
#: Characters around a quotation read for its attribution; a longer stretch of narration is not one.
NEAR = 400
MARK = re.compile("[\"'“”‘’]")
DOUBLE = "\"“”"
#: What may stand before an opening mark, and after a closing one.
BEFORE_OPENING = set("([{—–-:/\"'“‘")
AFTER_CLOSING = set(",.;:!?)]}—–-…\"'”’")
#: An apostrophe that stands for letters or digits left out at a word's start: "the '90s", "'til", "'em".
ELISION = re.compile(r"['’](?:\d0s\b|n['’]\s|(?:em|til|cause|tis|twas)\b)", re.IGNORECASE)
ELIDED_N = re.compile(r"['’]n['’]\s")
#: "the Greenlanders' view": a plural possessive, not the end of a single-quoted span, when the next
#: single mark closes the span.
PLURAL_POSSESSIVE = re.compile(r"s['’]\s[a-z]")
ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
#: A participle of saying that introduces the quotation, its subject the main verb's ("School head
#: Wendy Bower saluted him, saying: '...'", "the court found ..., noting that '...'").
PARTICIPLE = re.compile(r"\b(?:saying|adding|noting|writing|explaining|warning|insisting|arguing|stating)"
                        r"(?:\s(?:that|how))?[,:]?\s*$", re.IGNORECASE)
#: A participle of saying after a comma, with the words it reports woven in after it ("banned him,
#: saying his driving had been '...'"): the main subject's words too.
WOVEN_PARTICIPLE = re.compile(r",\s(?:saying|adding|noting|warning|insisting|arguing|stating)\b")
#: A full stop with a space before it and a lower-case word after it ("hunting . fearsome sea predators,
#: said"): a line break of the source left in the text, no sentence's end, though the parse takes it for one.
STRAY_STOP = re.compile(r"\s\.\s+$")
#: Verbs of perception whose passive subject speaks the participle after them ("was heard saying", "was filmed telling").
PERCEPTION = {"hear", "see", "film", "record", "overhear", "catch", "quote"}
#: Who "according to" names: up to the next punctuation.
ACCORDING_SOURCE = re.compile(r"[^,.;:!?\"“”]{1,80}")
LINE = re.compile(r"[^\n]+")
#: The pieces of an attribution between two spans ("," said Greene. He added: ").
CLAUSE_PIECE = re.compile(r"[^.!?:;]+")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
#: A short word before a full stop: an abbreviated title ("Gov. Inslee said") when it is an honorific,
#: or a capital initial ("John L. Molinelli said").
ABBREVIATION = re.compile(r"\b([A-Za-z]{1,6})\.(?=\s)")
CLOSING_MARKS = "\"'”’ "
#: Sentences that are page furniture, not narration: they say nothing of who speaks.
FURNITURE = ("caption", "heading", "boilerplate")
CLOSING = {"\"": "\"", "'": "'", "“": "”", "‘": "’", "”": "”", "’": "’"}
WORD = re.compile(r"[\w'’-]+")
POSSESSIVE = re.compile(r"['’]s?$")
#: Words before a noun that say the speaker is one of many, not one the article names.
INDEFINITE = {"a", "an", "another", "one", "some", "two", "three", "several", "many", "other", "senior", "any"}
#: Pronouns whose speaker is left unnamed ("they said"; "I" and "we" in narration are the writer's).
#: Verbs of answering: "he replied" after a question put to someone is that one's answer.
REPLIES = {"reply", "respond", "answer"}
UNRESOLVED_PRONOUNS = {"i", "we", "you", "they", "one", "which", "that", "this"}
#: A focusing word before a subject is no part of who they are ("even the bank's own staff").
FOCUS = re.compile(r"^(?:even|also|only)\s", re.IGNORECASE)
#: Relative pronouns: "criticised by Ann Lee, who said: '...'" is the words of whom the clause hangs on.
RELATIVE = {"who", "whom"}
#: Words of a relative's antecedent: the name or noun just before ", who".
RELATIVE_ANTECEDENT = re.compile(r"([\w'’-]+)[,\s]*$")
#: An epithet for a person named before ("the 79-year-old said", "the mother-of-three told reporters"),
#: as Daily Mail style names someone a second time: a person, its gender the family word's.
EPITHET = re.compile(r"\b(?:\d{1,3}|[a-z]+)-year-old\b|\b((?:grand)?(?:mother|father)|mum|dad|mom)-of-"
                     r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b", re.IGNORECASE)
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "this", "that"}
SMALL_WORDS = {"a", "an", "and", "of", "the", "in", "on", "for", "to", "at", "by", "with", "or", "are", "is", "you",
               "i", "we", "me", "my", "your", "our", "it", "be", "from", "as", "not", "no"}


@dataclass(frozen=True)
class Lexicon:
    reporting: frozenset[str]
    unnamed: frozenset[str]
    documents: frozenset[str]
    naming: tuple[str, ...]
    titles: frozenset[str]
    persons: frozenset[str]
    bodies: frozenset[str]
    described: frozenset[str]
    body_heads: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """data/quotes.yaml, read once."""
    raw = yaml.safe_load(resources.files("briefing").joinpath("data/quotes.yaml").read_text(encoding="utf-8"))
    words = {key: frozenset(str(w).lower() for w in raw[key]) for key in raw}
    return Lexicon(reporting=words["reporting_verbs"], unnamed=words["unnamed"], documents=words["documents"],
                   naming=tuple(sorted(words["naming_words"], key=len, reverse=True)), titles=words["title_nouns"],
                   persons=words["persons"], bodies=words["bodies"], described=words["described"],
                   body_heads=words["body_heads"])


@dataclass(frozen=True)
class Span:
    """Words between quotation marks: `start`/`end` inside the marks, `opened`/`closed` outside."""

    start: int
    end: int
    opened: int
    closed: int
    depth: int
    double: bool
    shut: bool
    """False when the span is left open (it runs to the next opening mark or the paragraph's end)."""


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None
    actor: Actor | None = None


UNNAMED = Speaker(None, None)


def direct_quotes(document: Document, actors: Sequence[Actor]) -> list[Quote]:
    """The article's direct quotations, in text order, each with its speaker and their role."""
    if not MARK.search(document.article.text):
        return []
    return _Quotations(document, actors).found()


def quoted_spans(text: str) -> Iterator[Span]:
    """Every quoted span, paragraph by paragraph (a line is a paragraph), marks paired by kind and
    nesting; a span left open ends at the next opening mark of its kind or at the line's end."""
    for line in LINE.finditer(text):
        marks = [(m.start(), m.group() in DOUBLE, *_shape(text, m.start(), line.end()))
                 for m in MARK.finditer(text, line.start(), line.end())]
        # for each mark: whether the next single mark only closes (then "s' v" before it is a possessive)
        closer_next, next_closes = [False] * len(marks), False
        for index in range(len(marks) - 1, -1, -1):
            closer_next[index] = next_closes
            if not marks[index][1]:
                next_closes = marks[index][3] and not marks[index][2]
        stack: list[tuple[int, bool, int]] = []  # (mark offset, double, depth)
        for index, (at, double, opens, closes) in enumerate(marks):
            if closes and stack and stack[-1][1] == double and not (
                    not double and closer_next[index] and PLURAL_POSSESSIVE.match(text, at - 1)):
                yield _span(text, stack.pop(), at, shut=True)
            elif closes and double and any(d for _, d, _ in stack):
                while not stack[-1][1]:
                    yield _span(text, stack.pop(), at, shut=False)  # a single span left open inside
                yield _span(text, stack.pop(), at, shut=True)
            elif closes and double and stack and not opens:
                yield _span(text, stack.pop(), at, shut=True)  # 'I am still hoping," he said: marks mixed up
            elif opens and len(stack) < MAX_DEPTH:
                if stack and stack[-1][1] == double:
                    yield _span(text, stack.pop(), at, shut=False)  # left open: runs to this mark
                stack.append((at, double, len(stack)))
        while stack:
            yield _span(text, stack.pop(), line.end(), shut=False)


def _shape(text: str, at: int, line_end: int) -> tuple[bool, bool]:
    """Whether the mark at `at` may open a quotation, and whether it may close one."""
    mark = text[at]
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < line_end else " "
    if mark in "'’" and (before.isalnum() and after.isalnum() or ELISION.match(text, at) or ELIDED_N.match(text, at - 2)):
        return False, False  # an apostrophe: "isn't", "Trump's", "the '90s", "rock 'n' roll"
    opens = (before.isspace() or before in BEFORE_OPENING) and not after.isspace() and mark not in "”’"
    closes = not before.isspace() and (after.isspace() or after in AFTER_CLOSING) and mark not in "“‘"
    return opens, closes


def _span(text: str, opening: tuple[int, bool, int], stop: int, shut: bool) -> Span:
    at, double, depth = opening
    start, end = at + 1, stop
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, opened=at, closed=stop + 1 if shut else end, depth=depth, double=double,
                shut=shut)


def _reopens(text: str, span: Span) -> bool:
    """A span left open counts when a quotation mark of its kind opens right after it (the same
    quotation goes on, maybe in the next paragraph), or when it is inside another quotation."""
    rest = text[span.end:span.end + 200].lstrip()
    return span.depth > 0 or bool(rest) and (rest[0] in DOUBLE) == span.double and rest[0] in "\"'“‘"


def _a_name(span: Span, text: str) -> bool:
    """A title or a name: every word that is not a small word capitalised ("Free Mojtaba and Arash
    Day"), after a naming word ("so-called", "dubbed"), or a capitalised phrase that does not end as
    a sentence does after a title noun ("the study "Whose Secretary are You, minister"")."""
    quoted = text[span.start:span.end]
    words = [w for w in WORD.findall(quoted) if w.lower() not in SMALL_WORDS]
    if words and all(w[0].isupper() or w[0].isdigit() for w in words) and not quoted.endswith((".", "!", "?", ",")):
        return True
    before = text[max(0, span.opened - 40):span.opened].lower().rstrip()
    lexis = lexicon()
    if any(before.endswith(w) and not before[:-len(w)][-1:].isalnum() for w in lexis.naming):
        return True
    last = [w for w in WORD.findall(before) if w not in DETERMINERS][-1:]
    return bool(last) and last[0] in lexis.titles and quoted[:1].isupper() and not quoted.endswith((".", "!", "?", ","))


def _blank(text: str, start: int, end: int) -> bool:
    """Only white space (and not much of it) between `start` and `end`."""
    return end - start <= NEAR and not text[start:end].strip()


def _crosses_sentence(text: str, start: int, end: int) -> bool:
    return bool(SENTENCE_END.search(_unabbreviated(text[start:end])))


def _unabbreviated(narration: str) -> str:
    """`narration` with the full stop of an abbreviated title ("Gov.", "Sen.", "Dr.") or of an
    initial ("John L. Molinelli") made a space, so it ends no sentence or attribution; offsets are kept."""
    honorifics = name_data().honorifics
    return ABBREVIATION.sub(lambda m: m.group(1) + " " if m.group(1).lower() in honorifics or (
        len(m.group(1)) == 1 and m.group(1).isupper()) else m.group(), narration)


def _between(items: Sequence[Clause], starts: Sequence[int], start: int, end: int) -> Sequence[Clause]:
    """The clauses whose verb is in [start, end), by bisection of their sorted starts."""
    return items[bisect_left(starts, start):bisect_left(starts, end)]


class _Quotations:
    """One article's quoted spans, grouped into quotations and attributed."""

    def __init__(self, document: Document, actors: Sequence[Actor]) -> None:
        self.document, self.text = document, document.article.text
        spans = sorted((s for s in map(self._before_furniture, quoted_spans(self.text)) if s.shut or _reopens(self.text, s)),
                       key=lambda s: s.opened)
        self.spans, self.outer = spans, [s for s in spans if s.depth == 0]
        self.span_starts = [s.opened for s in spans]
        self.opened = [s.opened for s in self.outer]
        reporting = lexicon().reporting
        self.said = [c for c in document.clauses if c.verb in reporting and c.subject and not c.passive
                     and not self.quoted(c.start) and not self.quoted(c.subject[0])]
        """Verbs of saying outside quotations, with an active subject outside them too, in text order."""
        self.said_starts = [c.start for c in self.said]
        self.people = _People(document, actors, self.quoted)

    def _before_furniture(self, span: Span) -> Span:
        """A span left open ends before a caption, heading or boilerplate sentence inside it: page
        furniture is never part of a quotation ("'I was not expecting it. Mr Coe, pictured ...")."""
        sentences = self.document.sentences
        if span.shut or not sentences:
            return span
        for unit in sentences[self.document.sentence_at(span.start) + 1:]:
            if unit.start >= span.end:
                break
            if unit.kind in FURNITURE:
                end = len(self.text[:unit.start].rstrip())
                return replace(span, end=end, closed=end, shut=True) if end > span.start else span
        return span

    def quoted(self, offset: int) -> bool:
        """Whether `offset` is inside a quotation's marks."""
        index = bisect_right(self.opened, offset) - 1
        return index >= 0 and offset < self.outer[index].closed

    def found(self) -> list[Quote]:
        quotes: list[tuple[list[Span], Speaker]] = []
        last: tuple[list[Span], Speaker | None] | None = None
        """The quotation before, with its speaker (None when none was found: it is left out)."""
        asked: Speaker | None = None
        """Whom the quotation before was asked of ('a reporter asked Tom Reilly, "...?"')."""
        for group in self._groups():
            if self._not_a_quotation(group):
                continue
            cue = self._cue(group)
            speaker = self.people.speaker(cue, asked=asked) if cue else self._from_context(group, last)
            pronoun = self.text[slice(*cue.head)].lower() if cue and cue.head else ""
            if speaker == UNNAMED and pronoun in lexicon().persons:
                speaker = self._named_after(group, pronoun) or speaker  # "'...,' she said. Jane Cole, 58, added ..."
            asked = self.people.addressee(cue, group[0].opened) if cue and cue.verb == "ask" else None
            last = (group, speaker)
            if speaker is not None:
                quotes.append((group, speaker))
                self.people.spoke(group[0].start, speaker)
        found = [self._quote(group, speaker) for group, speaker in quotes]
        found += self._nested(quotes)
        return _with_roles(sorted(found, key=lambda q: (q.start, -q.end)))

    def _quote(self, group: list[Span], speaker: Speaker) -> Quote:
        return Quote(text=_spliced(self.text, group), speaker=self.people.in_full(speaker),
                     role=speaker.role,
                     start=group[0].start, end=group[-1].end)

    def _groups(self) -> Iterator[list[Span]]:
        """Spans that make one quotation: only white space or only an attribution between them."""
        group: list[Span] = []
        for index, span in enumerate(self.outer):
            if group and not self._continues(group, span, self.outer[index + 1:index + 2]):
                yield group
                group = []
            group.append(span)
        if group:
            yield group

    def _continues(self, group: list[Span], span: Span, following: list[Span]) -> bool:
        """Whether `span` goes on the quotation `previous` belongs to: only white space between them,
        or only attributions ("," said Greene, who races on Friday. ", "explained Mr Hopkins. He
        added:"), and no attribution of its own after it (which would make it someone else's, or a new
        quotation of the same speaker)."""
        text, previous = self.text, group[-1]
        if span.opened - previous.closed > NEAR:
            return False
        tail_end = following[0].opened if following else self._sentence(span.closed - 1).end
        attributed = any(not _crosses_sentence(text, span.end - 1, c.start)
                         for c in _between(self.said, self.said_starts, span.closed, tail_end))
        gap = _unabbreviated(text[previous.closed:span.opened])
        if not gap.strip():
            # 'a reporter asked her, "...?" "...," she replied': both attributed, two speakers
            return not (attributed and self._introduced(group[0]))
        if "\n" in gap.strip():
            return False  # narration in a paragraph of its own: '," X said.\n\nY said she was "'
        words = WORD.findall(gap)
        ending = text[previous.start:previous.end].rstrip(CLOSING_MARKS)[-1:]  # past an inner quotation's mark
        if not words or len(words) > MAX_ATTRIBUTION_WORDS or (ending not in ",?!-–—" and not words[0].islower()):
            return False  # narration, or a sentence that introduces the next span ("Harman said: ")
        if ending in "?!" and gap.rstrip().endswith(":") and words[0][:1].isupper():
            return False  # '"... her?" The note read: "..."': a question ends it, the colon opens another
        pieces = [m for m in CLAUSE_PIECE.finditer(gap) if WORD.search(m.group())]
        reporting = lexicon().reporting
        for piece in pieces:
            start, end = previous.closed + piece.start(), previous.closed + piece.end()
            inside = [c for c in _between(self.said, self.said_starts, start, end)
                      if c.subject and c.subject[0] >= previous.closed]
            if not inside:
                return False
            # a second verb of saying with no subject of its own ('," said Ann Lee, a reporter, told Y. "') is attribution too
            covered = [(c.start, c.end) for c in self.people.clauses_in(start, end) if c.verb in reporting]
            covered += [c.subject for c in inside if c.subject]
            piece_words = list(WORD.finditer(text, start, end))
            rest = [w for w in piece_words if not any(a <= w.start() < b for a, b in covered)]
            if len(rest) > MAX_OBJECT_WORDS or piece_words[0] in rest:
                return False  # the speaker or the verb comes first: '," he said', '," said Greene'
        return not attributed

    def _introduced(self, first: Span) -> bool:
        """Whether a verb of saying in its own sentence introduces the span ('X asked Y, "...'")."""
        lead = max(self._sentence(first.opened).start, first.opened - NEAR)
        return self.text[lead:first.opened].rstrip().endswith((",", ":")) and bool(
            _between(self.said, self.said_starts, lead, first.opened))

    def _sentence(self, offset: int) -> Unit:
        return self.document.sentences[self.document.sentence_at(offset)]

    def _not_a_quotation(self, group: list[Span]) -> bool:
        """Too short, in a heading, or a name or title in quotation marks."""
        if sum(len(WORD.findall(self.text[s.start:s.end])) for s in group) < MIN_WORDS:
            return True
        if self.document.sentences and self._sentence(group[0].opened).kind == "heading":
            return True
        return len(group) == 1 and _a_name(group[0], self.text)

    def _cue(self, group: list[Span]) -> Clause | None:
        """The verb of saying that attributes the quotation: one between its spans; else, in the
        sentences it opens and closes in (and a sentence ending with a colon just before it), the one
        its punctuation points to (after '...,"', before ': "' or a woven fragment), else the nearest;
        never across a sentence's end. "according to X" where there is none."""
        text, units = self.text, self.document.sentences
        if not units:
            return None
        first, last = group[0], group[-1]
        lead = self._sentence(first.opened).start
        if _blank(text, lead, first.opened):
            before = self.document.sentence_at(first.opened) - 1
            if before >= 0 and text[max(units[before].start, units[before].end - NEAR):units[before].end].rstrip().endswith(":"):
                lead = units[before].start
        lead = max(lead, first.opened - NEAR)
        later = bisect_right(self.opened, last.opened)
        tail = min([self._sentence(last.closed - 1).end, last.closed + NEAR, *self.opened[later:later + 1]])
        introduced = text[lead:first.opened].rstrip().endswith((":", ",")) or text[first.start].islower()
        continued = text[last.end - 1] in ",?!" or text[last.closed:tail].lstrip().startswith(",")
        candidates: list[tuple[int, int, Clause]] = []
        for clause in _between(self.said, self.said_starts, lead, tail):
            if first.opened <= clause.start < last.closed:
                candidates.append((0, 0, clause))
            elif clause.start < first.opened:
                said_end = min(max(clause.end, clause.subject[1] if clause.subject else 0), first.opened)
                if not _crosses_sentence(text, said_end, first.opened):
                    candidates.append((0 if introduced else 1, first.opened - said_end, clause))
            elif not _crosses_sentence(text, last.end - 1, clause.start):
                candidates.append((0 if continued else 1, clause.start - last.closed, clause))
        if candidates:
            chosen = min(candidates, key=lambda c: c[:2])[2]
            return self._main(chosen) if self.text[chosen.start:chosen.end].endswith("ing") and \
                self.text[max(0, chosen.start - 3):chosen.start].rstrip().endswith(",") else chosen
        return self._participle(lead, first) or self._according(lead, tail)

    def _main(self, participle: Clause) -> Clause:
        """The clause of the sentence's subject, for a participle of saying after a comma whatever the
        parse gave it as subject ("the board banned the driver, saying his driving was '...'": the
        board's words, not the driver's)."""
        lead = self._sentence(participle.start).start
        return next((c for c in self.people.clauses_in(lead, participle.start) if c.subject and not c.passive
                     and not self.quoted(c.subject[0])), participle)

    def _participle(self, lead: int, first: Span) -> Clause | None:
        """The sentence's first clause with a subject, when a participle of saying introduces the
        quotation ("Wendy Bower saluted him, saying: '...'": Wendy Bower's words), or the subject of a
        verb of perception in the passive ("the driver can be heard saying: '...'": the driver's)."""
        start = max(lead, first.opened - NEAR)
        before = self.text[start:first.opened]
        woven = WOVEN_PARTICIPLE.search(before)
        if not PARTICIPLE.search(before) and not (woven and not MARK.search(before, woven.end()) and
                                                   not _crosses_sentence(self.text, start + woven.end(), first.opened)):
            return None
        clauses = [c for c in self.people.clauses_in(lead, first.opened) if c.subject and not self.quoted(c.subject[0])]
        heard = [c for c in clauses if c.passive and c.verb in PERCEPTION]
        return heard[-1] if heard else next((c for c in clauses if not c.passive), None)

    def _according(self, start: int, end: int) -> Clause | None:
        """ "according to X" outside the quotation, read as X's attribution (X up to the next
        punctuation: a name in it, else its last word)."""
        for match in ACCORDING.finditer(self.text, start, end):
            source = ACCORDING_SOURCE.match(self.text, match.end(), end)
            if self.quoted(match.start()) or source is None or not source.group().strip():
                continue
            subject = (source.start() + len(source.group()) - len(source.group().lstrip()), source.end())
            named = self.people.mentions_in(subject)
            words = list(WORD.finditer(self.text, *subject))
            if not words:
                continue
            head = (named[0].start, named[0].end) if named else (words[-1].start(), words[-1].end())
            return Clause(verb="according", start=match.start(), end=match.end(), subject=subject, head=head,
                          name=head if named else None, sentence=self.document.sentence_at(match.start()))
        return None

    def _from_context(self, group: list[Span], told: tuple[list[Span], Speaker | None] | None) -> Speaker | None:
        """The speaker of a quotation with no verb of saying that stands as sentences of its own: the
        previous quotation's when only page furniture (a caption) stands between them, else the one
        the sentence before is about (a named subject, or an unnamed source; furniture passed over),
        else the speaker of the quotation just before (`told`, with its speaker) when it ended at most two sentences before (none
        when that one had none)."""
        text, document = self.text, self.document
        if not document.sentences:
            return None
        first, last = document.sentence_at(group[0].opened), group[-1]
        if not _blank(text, document.sentences[first].start, group[0].opened) or WORD.search(
                text, last.closed, min(self._sentence(last.closed - 1).end, last.closed + NEAR)):
            return None  # woven into a sentence of narration: a claim or a term, not a quotation
        between = document.sentences[document.sentence_at(told[0][-1].end) + 1:first] if told else ()
        if told and between and all(u.kind in FURNITURE for u in between):
            return told[1]  # "'... at work. [caption] 'I am all for ...'": one speaker's words
        while first > 0 and document.sentences[first - 1].kind in FURNITURE:
            first -= 1
        if first > 0:
            before = document.sentences[first - 1]
            for clause in self.people.clauses_in(before.start, before.end)[:MAX_CONTEXT_CLAUSES]:
                if clause.subject is None or self.quoted(clause.subject[0]):
                    continue  # the words of a quotation say nothing of who speaks the next one
                speaker = self.people.speaker(clause, named_only=True)
                if speaker is not None:
                    return speaker
        if (after := self._named_after(group)) is not None:
            return after
        if told:
            previous, speaker = told
            if first - document.sentence_at(previous[-1].closed - 1) <= 2:
                return speaker  # None when no one was found for the one before
        return None

    def _named_after(self, group: list[Span], pronoun: str | None = None) -> Speaker | None:
        """The named subject of a verb of saying in the sentence right after the quotation, in its
        paragraph ("'...' Jane Cole, 58, added that she would appeal."): who a quotation that opens a
        paragraph, or a "she said" with no one named before, is given to (a person of the pronoun's gender)."""
        sentences = self.document.sentences
        following = self.document.sentence_at(group[-1].closed - 1) + 1
        if following >= len(sentences) or "\n" in self.text[group[-1].closed:sentences[following].start]:
            return None
        unit = sentences[following]
        for clause in _between(self.said, self.said_starts, unit.start, unit.end)[:MAX_CONTEXT_CLAUSES]:
            speaker = self.people.speaker(clause, named_only=True)
            if speaker is not None and speaker.name and (pronoun is None or self.people.a_person(speaker) and
                                                         self.people.fits(speaker, pronoun)):
                return speaker
        return None

    def _nested(self, quotes: list[tuple[list[Span], Speaker]]) -> list[Quote]:
        """Quotations inside a quotation that a verb of saying inside introduces ("When I said, 'Look
        ...', he said, '...'"): the outer speaker's for "I" or "we", else whom the inner subject
        names, else unnamed."""
        reporting, text = lexicon().reporting, self.text
        found = []
        for group, outer in quotes:
            for host in group:
                within = self.spans[bisect_right(self.span_starts, host.opened):bisect_left(self.span_starts, host.end)]
                inner = [s for s in within if s.depth > 0]
                for span in inner:
                    if self._not_a_quotation([span]):
                        continue
                    cues = [c for c in self.people.clauses_in(max(host.start, span.opened - NEAR), span.opened)
                            if c.verb in reporting
                            and c.subject and not c.passive and not any(s.opened <= c.start < s.closed for s in inner)
                            and not _crosses_sentence(text, c.end, span.opened)]
                    if not cues:
                        continue
                    head = text[slice(*cues[-1].head)].lower() if cues[-1].head else ""
                    speaker = outer if head in ("i", "we") else self.people.speaker(cues[-1], inside=True)
                    found.append(self._quote([span], speaker or UNNAMED))
        return found


def _spliced(text: str, group: list[Span]) -> str:
    """The spans of one quotation joined by a space; a span's closing comma becomes a full stop
    where the attribution after it ends one ('"...," he said. "..."': the speaker's sentence ended
    there), and stays where the attribution goes on ('"...," he said, "...')."""
    joined = text[group[0].start:group[0].end]
    for before, span in zip(group, group[1:], strict=False):
        if joined.endswith(",") and text[before.closed:span.opened].rstrip().endswith("."):
            joined = joined[:-1] + "."
        joined += " " + text[span.start:span.end]
    return joined


def _with_roles(quotes: list[Quote]) -> list[Quote]:
    """A named speaker's role where one quotation gives it and another does not."""
    roles: dict[str, str] = {}
    for quote in quotes:
        if quote.speaker and quote.role:
            roles.setdefault(quote.speaker, quote.role)
    return [q.model_copy(update={"role": roles[q.speaker]}) if q.speaker in roles and not q.role else q
            for q in quotes]


class _People:
    """Who the article names, and where: what speakers are resolved against."""

    def __init__(self, document: Document, actors: Sequence[Actor], quoted: Callable[[int], bool]) -> None:
        self.document, self.data, self.lexis, self.quoted = document, name_data(), lexicon(), quoted
        self.text = document.article.text
        self.actors = list(actors)
        self.forms: dict[str, Actor] = {}
        self.surnames: dict[str, list[Actor]] = {}
        for actor in self.actors:
            for form in (actor.name, *actor.aliases):
                normal = _normal(form)
                self.forms.setdefault(normal, actor)
                if actor.type == "person" and normal and actor not in self.surnames.setdefault(normal.split()[-1], []):
                    self.surnames[normal.split()[-1]].append(actor)
        self.mentions = sorted(document.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.clauses = document.clauses
        self.clause_starts = [c.start for c in self.clauses]
        self.index = {id(a): i for i, a in enumerate(self.actors)}
        self.named_at: dict[int, list[int]] = {}
        """Where each actor (by its index) is named, in text order."""
        for mention in self.mentions:
            if (named := self._actor(mention.text)) is not None:
                self.named_at.setdefault(self.index[id(named)], []).append(mention.start)
        self.words = {id(a): ({w.lower() for r in a.roles for w in WORD.findall(r.title)},
                              {w.lower() for f in (a.name, *a.aliases) for w in WORD.findall(f)}) for a in self.actors}
        """Each actor's role words and name words."""
        self.not_people = {m.text for m in self.mentions if m.label != "PERSON"}
        self.spoken: list[Speaker] = []
        self.spoken_at: list[int] = []
        """Named speakers of the quotations found so far, and where they spoke (in text order)."""

    def in_full(self, speaker: Speaker) -> str | None:
        """The speaker's name, in full where the actors know a person only by surname and the article
        names them in full once ("Raquel Montoya-Lewis", whatever the tagger took it for)."""
        if speaker.actor is None or not self.a_person(speaker) or " " in speaker.actor.name:
            return speaker.name
        sentences = self.document.sentences
        forms = {POSSESSIVE.sub("", m.text) for m in self.mentions  # "Efren Peñaflorida's", not in a caption
                 if m.sentence < len(sentences) and sentences[m.sentence].kind not in FURNITURE}
        fuller = {f for f in forms if f.endswith(" " + speaker.actor.name)
                  and len(f.split()) <= 3 and all(w[:1].isupper() and w.lower() not in self.data.honorifics
                                                  and w.lower() not in self.data.role_nouns for w in f.split()[:-1])}
        return fuller.pop() if len(fuller) == 1 else speaker.name

    def spoke(self, at: int, speaker: Speaker) -> None:
        if speaker.name:
            self.spoken.append(speaker)
            self.spoken_at.append(at)

    def clauses_in(self, start: int, end: int) -> Sequence[Clause]:
        return _between(self.clauses, self.clause_starts, start, end)

    def mentions_in(self, span: tuple[int, int]) -> list[Mention]:
        """The mentions inside or across `span`, in text order."""
        index = bisect_right(self.starts, span[0] - 1)
        while index > 0 and self.mentions[index - 1].end > span[0]:
            index -= 1
        found = []
        while index < len(self.mentions) and self.mentions[index].start < span[1]:
            found.append(self.mentions[index])
            index += 1
        return found

    def speaker(self, clause: Clause, named_only: bool = False, inside: bool = False,
                asked: Speaker | None = None) -> Speaker | None:
        """Who the clause's subject is: a named actor, a pronoun's or a title's referent, or an
        unnamed speaker with the article's words for them. With `named_only`, None unless the
        subject names someone or is an unnamed source; `inside` a quotation, pronouns stay unnamed;
        "she replied" is whom the question before was `asked` of."""
        if clause.subject is None or clause.head is None:
            return None
        if (cut := self._cut_off(clause)) is not None:
            return cut
        head = self.text[slice(*clause.head)].lower()
        if asked is not None and clause.verb in REPLIES and head in self.lexis.persons:
            return asked
        named = self._named(clause.name) if clause.name else None
        if named is not None:
            return named
        if head in RELATIVE:
            return self._relative(clause.head[0], named_only)
        lexis = self.lexis
        pronoun = head in lexis.persons or head in lexis.bodies
        if inside or pronoun or head in UNRESOLVED_PRONOUNS:
            found = self._antecedent(clause.start, head in lexis.persons, head) if pronoun and not inside else None
            return found or (None if named_only else UNNAMED)
        phrase = _phrase(self.text[slice(*clause.subject)])
        words = [POSSESSIVE.sub("", w).lower() for w in WORD.findall(phrase)]
        unnamed = head in lexis.unnamed
        if words and head in words and (words[0] in INDEFINITE or (words[0] not in DETERMINERS and unnamed)):
            return Speaker(None, phrase) if unnamed or not named_only else None
        epithet = EPITHET.search(phrase) if words and words[0] in DETERMINERS else None
        if epithet and not named_only:
            gender = self.data.gender(epithet.groups(""))
            return self._antecedent(clause.start, True, ("she" if "woman" in gender else "he") if gender else None) \
                or Speaker(None, phrase)
        found = self._described(clause, phrase, words, head, guess=not named_only) if head in words else None
        return found or (None if named_only or not words else Speaker(None, phrase))

    def _cut_off(self, clause: Clause) -> Speaker | None:
        """For a subject right after a stray full stop ("Fisherman Zyg Gregorek, who has travelled the
        world hunting . fearsome sea predators, said"), the subject of the first clause before the stop
        in its sentence: the words after a stop are no speaker (a pronoun is left as it is)."""
        assert clause.subject is not None and clause.head is not None
        at, head = clause.subject[0], self.text[slice(*clause.head)].lower()
        if not self.text[at:at + 1].islower() or not STRAY_STOP.search(self.text, max(0, at - 4), at) or \
                head in self.lexis.persons | self.lexis.bodies | UNRESOLVED_PRONOUNS | RELATIVE:
            return None  # a pronoun after the stop ("... cliff . he said") stands for whom it stands for
        lead = self.document.sentences[self.document.sentence_at(at - 3)].start if self.document.sentences else 0
        for earlier in self.clauses_in(max(lead, at - NEAR), at):
            if earlier.subject and earlier.subject[0] < at - 2 and not self.quoted(earlier.subject[0]):
                return self.speaker(earlier)
        return None

    def _relative(self, at: int, named_only: bool) -> Speaker | None:
        """Whom "who" at `at` stands for: the name that ends right before it ("Ann Lee, who said"),
        else the noun there, unnamed ("inspectors who said"); None with `named_only` for a noun."""
        before = self.text[max(0, at - NEAR):at]
        for mention in self.mentions_in((at - 3, at))[-1:]:
            if not self.text[mention.end:at].strip(", "):
                return self._named((mention.start, mention.end))
        word = RELATIVE_ANTECEDENT.search(before)
        return None if named_only or word is None or not word.group(1).islower() else Speaker(None, word.group(1))

    def addressee(self, clause: Clause, until: int) -> Speaker | None:
        """The person a question is put to: named between "asked" and the quotation."""
        for mention in self.mentions_in((clause.end, until)):
            if (actor := self._actor(mention.text)) is not None and actor.type == "person":
                return _of(actor, self.data)
        return None

    def _named(self, span: tuple[int, int]) -> Speaker | None:
        """The actor a name stands for, or the name as written if it is no actor's (None for a title
        written like a name, "the Bishop", or a work's name)."""
        for mention in self.mentions_in(span):
            if mention.end < span[1]:
                continue  # "Scottish" is not "the Scottish Executive"
            if (actor := self._actor(mention.text)) is not None:
                return _of(actor, self.data)
            if mention.work:
                return None  # "Star Wars: The Phantom Menace" in "whose films include ...": a title
        written = self.text[slice(*span)]
        if (actor := self._actor(written)) is not None:
            return _of(actor, self.data)
        bare = _display(written, self.data)
        if not bare or self.data.leading_title(bare + " ") or bare.lower() in self.data.role_nouns:
            return None
        return Speaker(bare, None)

    def _actor(self, form: str) -> Actor | None:
        """The actor named by `form`: one of its names or aliases, else the one person whose surname it is."""
        normal = _normal(form)
        if normal in self.forms:
            return self.forms[normal]
        people = self.surnames.get(normal.split()[-1], []) if normal else []
        return people[0] if len(people) == 1 else None

    def _described(self, clause: Clause, phrase: str, words: list[str], head: str, guess: bool) -> Speaker | None:
        """A speaker given by a description: "the Bishop" (an actor whose role or name has the word),
        "the council's ruling" (a document's owner), "the spokesman" (unnamed: the article's fullest
        words for them), and with `guess`, "the world indoor champion" (the person named before, with
        that role) or "the company" (the body named before)."""
        lexis, data = self.lexis, self.data
        actor = self._fitting(clause, words, head)
        if actor is not None:
            return _of(actor, data)
        if head in lexis.unnamed:
            fuller = [_phrase(self.text[slice(*c.subject)]) for c in self._recent_clauses(clause.start)
                      if c.head and c.subject and self.text[slice(*c.head)].lower() == head]
            return Speaker(None, max([phrase, *fuller], key=len))
        if guess and (head in data.role_nouns or head in data.body_nouns) and head not in lexis.body_heads:
            found = self._antecedent(clause.start, head in data.role_nouns and head not in data.body_nouns, None)
            if found is not None:
                role = " ".join(phrase.split()[1:]) if words[0] in DETERMINERS else phrase
                return Speaker(found.name, found.role or role, found.actor)
        return None

    def _fitting(self, clause: Clause, words: list[str], head: str) -> Actor | None:
        """The actor named before the clause, most recently named first, whose stated role or name has
        the subject's head word (or, for a document, its owner's word: "the council's ruling")."""
        assert clause.subject is not None
        owned = head in self.lexis.documents
        for mention in self.mentions_in(clause.subject) if owned else []:
            if (actor := self._actor(mention.text)) is not None:
                return actor  # "Mr Campbell's e-mail"
        owners = [w for w in words if w != head] if owned else [head]
        fitting = [a for a in self._named_before(clause.start)
                   if any(w in self.words[id(a)][0] or w in self.words[id(a)][1] for w in owners)]
        # "the court" after the 4th District Court of Appeal and "the Appellate Court": the one named in full
        return next((a for a in fitting if not self._generic(a, head)), fitting[0] if fitting else None)

    def _generic(self, actor: Actor, head: str) -> bool:
        """A body's name that is only a description, the head noun and one capitalised word that is
        no number, place or nationality ("the Appellate Court", "the Federal Court")."""
        words = actor.name.lower().split()
        return actor.type == "organisation" and head in self.lexis.body_heads and len(words) == 2 and \
            words[-1] == head and not any(c.isdigit() for c in words[0]) and \
            words[0] not in self.data.nationalities and words[0] not in self.data.place_forms

    def _named_before(self, at: int, since: int = 0) -> list[Actor]:
        """The actors named between `since` and `at`, the most recently named first."""
        last = {index: starts[bisect_left(starts, at) - 1] for index, starts in self.named_at.items()
                if bisect_left(starts, at) > bisect_left(starts, since)}
        return [self.actors[index] for index in sorted(last, key=lambda i: -last[i])]

    def _antecedent(self, at: int, person: bool, pronoun: str | None, office: str | None = None) -> Speaker | None:
        """Who a pronoun or a title stands for: going back sentence by sentence from `at` (a few at
        most), the first subject (leftmost) or quotation speaker that names a person (or a body) of
        the pronoun's gender where the article states one, or an unnamed source who spoke, else the
        one most recently named; subjects inside quotations left out. A subject that is an office no
        actor's stated role has ("the first minister said ... He told Ms Berg") is the person named
        before it with no other stated office; with `office`, a person with another office is passed over."""
        since = self._since(at)
        candidates: list[tuple[int, int, Speaker]] = []
        for clause in self._recent_clauses(at):
            if clause.subject is None or self.quoted(clause.subject[0]):
                continue
            found = self._named(clause.name) if clause.name else self._owner(clause) or self._source(clause, person)
            if found is None and person and office is None:
                found = self._office(clause)
            if found is not None:
                candidates.append((-clause.sentence, clause.subject[0], found))
        first, last = bisect_left(self.spoken_at, since), bisect_left(self.spoken_at, at)
        candidates += [(-self.document.sentence_at(where), where, s)
                       for where, s in zip(self.spoken_at[first:last], self.spoken[first:last], strict=True)]
        ordered = [c for _, _, c in sorted(candidates, key=lambda c: (c[0], c[1]))]
        recent = [_of(a, self.data) for a in self._named_before(at, since)]
        for candidate in ordered + recent:
            if self.a_person(candidate) != person or (pronoun and person and not self.fits(candidate, pronoun)):
                continue
            if office and candidate.actor is not None and candidate.actor.roles and \
                    office not in self.words[id(candidate.actor)][0]:
                continue  # "the first minister" is not the newspaper editor
            if person or pronoun or (candidate.actor is not None and candidate.actor.type == "organisation"):
                return candidate  # "the company" is a body, not a place; "it" may be either
        return None

    def _office(self, clause: Clause) -> Speaker | None:
        """The person a definite description by office ("the first minister") stands for when no actor's
        stated role has the office: the one named before with no other stated office."""
        assert clause.subject is not None and clause.head is not None
        head = self.text[slice(*clause.head)].lower()
        if head not in self.data.role_nouns or head in self.lexis.unnamed:
            return None
        words = WORD.findall(self.text[slice(*clause.subject)].lower())
        if not words or words[0] not in DETERMINERS:
            return None
        return self._antecedent(clause.start, True, None, office=head)

    def _source(self, clause: Clause, person: bool) -> Speaker | None:
        """An unnamed source who speaks ("a spokesperson for the firm said"), or a person described and
        not named ("One Wolves fan ... was travelling home"), for "he" or "she" after it."""
        head = self.text[slice(*clause.head)].lower() if clause.head else ""
        if not person or not clause.subject:
            return None
        phrase = _phrase(self.text[slice(*clause.subject)])
        first = WORD.findall(phrase.lower())[:1]
        if head in self.lexis.unnamed and clause.verb in self.lexis.reporting or (
                head in self.lexis.described and first and first[0] in INDEFINITE):
            return Speaker(None, phrase)
        return None

    def _since(self, at: int) -> int:
        """Where the sentences a pronoun at `at` may look back through begin."""
        sentences = self.document.sentences
        return sentences[max(0, self.document.sentence_at(at) - LOOK_BACK)].start if sentences else 0

    def _recent_clauses(self, at: int) -> Sequence[Clause]:
        """The clauses of the few sentences before `at` (the last `MAX_CANDIDATES` of them at most)."""
        return self.clauses_in(self._since(at), at)[-MAX_CANDIDATES:]

    def _owner(self, clause: Clause) -> Speaker | None:
        """The actor an unnamed subject stands for: its owner ("Mr Campbell's e-mail"), or the one a
        description fits ("the Bishop")."""
        assert clause.subject is not None
        for mention in self.mentions_in(clause.subject):
            if self.text[mention.end:mention.end + 2] in ("'s", "’s") and (actor := self._actor(mention.text)):
                return _of(actor, self.data)
        words = [POSSESSIVE.sub("", w).lower() for w in WORD.findall(self.text[slice(*clause.subject)])]
        head = self.text[slice(*clause.head)].lower() if clause.head else ""
        actor = self._fitting(clause, words, head) if words and words[0] in DETERMINERS else None
        return _of(actor, self.data) if actor else None

    def a_person(self, speaker: Speaker) -> bool:
        """An actor's type says, except that a "place" no gazetteer knows that has spoken ("says
        Peñaflorida") is a person the tagger mistook; a name that is no actor's is a person's unless the
        tagger says otherwise."""
        if speaker.actor is not None:
            return speaker.actor.type == "person" or speaker.actor.type == "place" and any(
                s.actor is speaker.actor for s in self.spoken) and _normal(speaker.actor.name) not in self.data.place_forms
        return speaker.name not in self.not_people

    def fits(self, speaker: Speaker, pronoun: str) -> bool:
        forms = [speaker.actor.name, *speaker.actor.aliases] if speaker.actor else [speaker.name or ""]
        # a family or office word last in a name is a surname ("Mary Duke", "Carole King")
        genders = self.data.gender(w for f in forms for w in f.split()[:-1] or f.split())
        genders |= self.data.gender(WORD.findall(speaker.role or ""))  # "his wife, Ann"
        wanted = "woman" if pronoun in ("she", "her") else "man"
        return not genders or wanted in genders


def _of(actor: Actor, data: NameData) -> Speaker:
    return Speaker(_display(actor.name, data), actor.role, actor)


def _phrase(subject: str) -> str:
    """A subject without its relative clause or trailing apposition ("a spokesman for the firm, who
    asked not to be named" -> "a spokesman for the firm"), nor a quotation mark left unpaired at its
    edges (a title inside stays whole: "the star of 'The Bill'")."""
    phrase = FOCUS.sub("", subject.split(",")[0].strip(" \"'“”‘’"))
    marks = list(MARK.finditer(phrase))
    if len(marks) % 2 and marks[-1].start() and phrase[marks[-1].start() - 1].isspace():
        phrase += CLOSING[marks[-1].group()]  # its closing mark was cut with the edge
    return phrase


@lru_cache(maxsize=4096)
def _normal(name: str) -> str:
    """A name lower-cased without honorifics, "the" or a possessive ending, for comparison."""
    return _display(name, name_data()).lower()


def _display(name: str, data: NameData) -> str:
    """A name as a speaker is shown: no honorific ("Rt Rev Dr Tom Wright" -> "Tom Wright")."""
    words = POSSESSIVE.sub("", name.strip()).split()
    while len(words) > 1 and (words[0].rstrip(".").lower() in data.honorifics or words[0].lower() in ("rt", "the")):
        words.pop(0)
    return " ".join(words)
