"""Headline overlap: a sentence that shares the headline's words carries the story."""

from __future__ import annotations

import numpy as np

from .scoring import Candidates, scaled


def score(candidates: Candidates) -> np.ndarray:
    """Share of the headline's content words the sentence contains."""
    title = set(candidates.document.title_terms)
    if not title:
        return np.zeros(len(candidates.units))
    return scaled(np.array([len(title & set(unit.terms)) / len(title) for unit in candidates.units]))
