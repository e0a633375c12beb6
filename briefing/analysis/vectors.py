"""TF-IDF, the one weighting of words that sentences (key sentences, within an article) and
articles (stories, within the day) are compared by."""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np


def tfidf(counts: Sequence[Mapping[str, int]], sublinear: bool = False) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of the documents' term counts: the count (1 + its log when
    `sublinear`) times the smoothed IDF over these documents, ln((1 + n) / (1 + df)) + 1."""
    return list(tfidf_rows(counts, sublinear))


def tfidf_rows(counts: Sequence[Mapping[str, int]], sublinear: bool = False) -> Iterator[dict[str, float]]:
    """`tfidf`'s vectors one at a time, so a day's thousands need not be held at once."""
    frequency = Counter(term for terms in counts for term in terms)
    idf = {t: math.log((1 + len(counts)) / (1 + df)) + 1 for t, df in frequency.items()}
    for terms in counts:
        weights = {t: (1 + math.log(n) if sublinear else n) * idf[t] for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        yield {t: w / norm for t, w in weights.items()}


class SparseRows:
    """Unit-length vectors (as `tfidf` makes them) as the rows of a sparse matrix, each row's columns
    (one a term, numbered in the order terms first appear) and weights in one array each (CSR), so
    that many pairs of rows are compared at once rather than pair by pair in Python."""

    def __init__(self, vectors: Iterable[Mapping[str, float]]) -> None:
        """The rows of `vectors`, read once (an iterator of them is never held whole), each row's
        columns in order, so a cosine sums the shared terms in one order (see `cosines`). The arrays
        are the buffers the rows were appended to, never copied nor sorted whole (a day's copies
        and sort orders were most of compose's peak memory)."""
        columns: dict[str, int] = {}
        numbered, weights, starts = array("q"), array("d"), array("q", [0])
        for vector in vectors:
            row = sorted((columns.setdefault(term, len(columns)), weight) for term, weight in vector.items())
            numbered.extend(column for column, _ in row)
            weights.extend(weight for _, weight in row)
            starts.append(len(numbered))
        self.starts = np.frombuffer(starts, dtype=np.int64)
        self.columns = np.frombuffer(numbered, dtype=np.int64)
        self.weights = np.frombuffer(weights, dtype=np.float64)
        self.width = len(columns)
        self._dense = np.zeros(self.width)

    def cosines(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The cosine of each pair of rows (first[k], second[k]). The rows of the side with fewer
        distinct rows are spread one at a time over a dense row, in which the other side's rows look
        their terms up; each cosine sums the terms the two rows share in the order of their columns,
        whichever row is spread, so it does not depend on the process (hash seed, worker count) nor
        on the other pairs compared with it."""
        first, second = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
        spread, looked_up = (first, second) if len(np.unique(first)) <= len(np.unique(second)) else (second, first)
        order = np.argsort(spread, kind="stable")
        rows, bounds = np.unique(spread[order], return_index=True)
        found = np.zeros(len(first))
        dense = self._dense  # zero again after each row: a grouping makes thousands of small calls
        for row, begin, end in zip(rows.tolist(), bounds.tolist(), np.append(bounds, len(order))[1:].tolist(), strict=True):
            own = slice(self.starts[row], self.starts[row + 1])
            dense[self.columns[own]] = self.weights[own]
            pairs = order[begin:end]
            found[pairs] = self._looked_up(dense, looked_up[pairs])
            dense[self.columns[own]] = 0.0
        return found

    def _looked_up(self, dense: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Each row's dot product with the dense row."""
        sizes = self.starts[rows + 1] - self.starts[rows]
        at = np.arange(sizes.sum()) + np.repeat(self.starts[rows] - (np.cumsum(sizes) - sizes), sizes)
        products = dense[self.columns[at]] * self.weights[at]
        return np.bincount(np.repeat(np.arange(len(rows)), sizes), weights=products, minlength=len(rows))


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
