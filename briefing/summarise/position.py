"""Position: news puts its main point first, so earlier sentences score higher."""

from __future__ import annotations

import numpy as np

from .scoring import Candidates


def score(candidates: Candidates, decay: float = 1.0) -> np.ndarray:
    """1 / (1 + rank)^decay, rank counting candidate sentences from the start."""
    ranks = np.arange(len(candidates.units), dtype=float)
    return 1.0 / (1.0 + ranks) ** decay
