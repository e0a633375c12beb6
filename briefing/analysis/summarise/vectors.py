"""Sentence vectors shared by the scorers and the selector: TF-IDF over content lemmas."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def tfidf(term_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Row-normalised TF-IDF vectors, IDF computed over these sentences (smoothed)."""
    vocabulary: dict[str, int] = {}
    for terms in term_lists:
        for term in terms:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(term_lists), max(1, len(vocabulary))))
    for row, terms in enumerate(term_lists):
        for term in terms:
            matrix[row, vocabulary[term]] += 1.0
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(term_lists)) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of every pair of rows, with a zero diagonal."""
    sims: np.ndarray = vectors @ vectors.T
    np.fill_diagonal(sims, 0.0)
    return sims
