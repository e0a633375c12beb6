"""Key sentences: score every body sentence with several scorers, then select under a budget.

Scoring is kept apart from selection: each scorer module rates candidates (standardised
within the article), the weighted sum ranks them, and `selection.select` picks under the length budget without
near-duplicates. Captions, headings and boilerplate are never candidates.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ...models import Sentence
from ..document import Document
from ..vectors import matrix, similarity, tfidf
from . import centrality, position, specificity, standalone
from .scoring import Candidates
from .selection import Length, select

__all__ = ["Length", "key_sentences", "candidates_of", "rate"]

MIN_WORDS = 6
#: How much a sentence that cannot stand alone once repaired loses: a reader's need over ROUGE.
#: (Tuned on the even halves of bbc-dev and cnndm-dev, benchmarks/standalone.py and summarise.py:
#: 1.5 keeps every set within 3% not standing alone since flattened line ends no longer split sentences.)
STANDALONE_WEIGHT = 1.5
#: How much a candidate's similarity to the sentences already chosen counts against it (MMR).
REDUNDANCY = 2.5
#: Weight of each scorer in the final rating.
WEIGHTS = {position.score: 1.0, centrality.score: 1.0, specificity.score: 3.0, standalone.score: STANDALONE_WEIGHT}


def candidates_of(document: Document) -> Candidates:
    """The body sentences long enough to stand alone, with their vectors; not one that ends in a
    colon, which introduces what follows ("4. Perform CPR on old content:", "He said:"), nor one
    without a verb (a caption: "Anders Tegnell at one of the daily briefings."), nor a fragment,
    list residue, caption, link prompt or half a quotation (`standalone.broken`)."""
    units = tuple(u for u in document.sentences if u.kind == "body" and len(u.text.split()) >= MIN_WORDS
                  and not u.text.endswith(":") and u.verb and not standalone.broken(u.text))
    vectors = matrix(tfidf([Counter(u.terms) for u in units]))
    return Candidates(document=document, units=units, vectors=vectors, similarity=similarity(vectors),
                      named=standalone.antecedents(document))


def rate(candidates: Candidates) -> np.ndarray:
    """The weighted sum of every scorer's rating."""
    total = np.zeros(len(candidates.units))
    for scorer, weight in WEIGHTS.items():
        total += weight * scorer(candidates)
    return total


def key_sentences(document: Document, length: Length | None = None) -> list[Sentence]:
    """The article's key sentences in document order, each with its offsets and score (three
    sentences unless `length` says otherwise), repaired to stand alone; the lede among them when
    it stands alone."""
    length = length or Length()
    candidates = candidates_of(document)
    if not candidates.units:
        return []
    scores = rate(candidates)
    named = candidates.named
    lede = standalone.lede(candidates, named)
    return [Sentence(text=standalone.repaired(u, named), paragraph=u.paragraph, start=u.start, end=u.end,
                     score=round(float(scores[i]), 4))
            for i in select(candidates, scores, length, redundancy=REDUNDANCY, first=lede)
            for u in [candidates.units[i]]]

