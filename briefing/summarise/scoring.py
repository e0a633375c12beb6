"""The interface every scorer follows, and what scorers are given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..document import Document, Unit


@dataclass(frozen=True)
class Candidates:
    """The sentences that may be chosen, with what scorers share about them."""

    document: Document
    units: tuple[Unit, ...]
    vectors: np.ndarray
    """Row-normalised TF-IDF vector of each candidate."""
    similarity: np.ndarray
    """Cosine similarity between candidates, zero diagonal."""


class Scorer(Protocol):
    """Rates each candidate; higher is more worth keeping. Scores are scaled to [0, 1]."""

    def __call__(self, candidates: Candidates) -> np.ndarray: ...


def scaled(values: np.ndarray) -> np.ndarray:
    """Values divided by their maximum (all zeros stay zeros)."""
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else values
