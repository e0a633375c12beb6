"""The interface every scorer follows, and what scorers are given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..document import Document, Unit

if TYPE_CHECKING:
    from .standalone import Antecedents


@dataclass(frozen=True)
class Candidates:
    """The sentences that may be chosen, with what scorers share about them."""

    document: Document
    units: tuple[Unit, ...]
    vectors: np.ndarray
    """Row-normalised TF-IDF vector of each candidate."""
    similarity: np.ndarray
    """Cosine similarity between candidates, zero diagonal."""
    named: Antecedents
    """What the article names before each sentence (`standalone.antecedents`): found once, read
    by the standalone scorer and by the repair of the sentences chosen."""


class Scorer(Protocol):
    """Rates each candidate, higher is better, on a scale comparable across scorers:
    standardised within the article (mean 0, standard deviation 1), or an indicator."""

    def __call__(self, candidates: Candidates) -> np.ndarray: ...


def standardised(values: np.ndarray) -> np.ndarray:
    """Values as z-scores within the article (all equal: all zero)."""
    spread = float(values.std()) if values.size else 0.0
    return (values - values.mean()) / spread if spread > 0 else np.zeros_like(values, dtype=float)
