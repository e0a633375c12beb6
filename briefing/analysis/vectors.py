"""TF-IDF, the one weighting of words that sentences (key sentences, within an article) and
articles (stories, within the day) are compared by."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np


def tfidf(counts: Sequence[Mapping[str, int]], sublinear: bool = False) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of the documents' term counts: the count (1 + its log when
    `sublinear`) times the smoothed IDF over these documents, ln((1 + n) / (1 + df)) + 1."""
    frequency = Counter(term for terms in counts for term in terms)
    vectors = []
    for terms in counts:
        weights = {t: (1 + math.log(n) if sublinear else n) * (math.log((1 + len(counts)) / (1 + frequency[t])) + 1)
                   for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    """The cosine of two unit-length vectors, over the terms they share (found by the dictionaries'
    key sets: two articles share a few dozen of their hundreds of terms), summed exactly, so the
    order of a set (which changes from process to process) does not change it."""
    return math.fsum(first[term] * second[term] for term in first.keys() & second.keys())


def matrix(vectors: Sequence[Mapping[str, float]]) -> np.ndarray:
    """The vectors as the rows of a matrix, one column a term (in the order terms first appear)."""
    columns: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            columns.setdefault(term, len(columns))
    rows = np.zeros((len(vectors), max(1, len(columns))))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows[row, columns[term]] = weight
    return rows


def similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of every pair of rows, with a zero diagonal."""
    sims: np.ndarray = vectors @ vectors.T
    np.fill_diagonal(sims, 0.0)
    return sims
