"""Salience: sentences that name the article's most-mentioned actors matter more."""

from __future__ import annotations

from collections import Counter

import numpy as np

from .scoring import Candidates, scaled


def score(candidates: Candidates) -> np.ndarray:
    """Sum over the sentence's distinct entity mentions of how often each recurs in the article."""
    document = candidates.document
    counts = Counter(m.text.lower() for m in document.mentions)
    by_sentence: dict[int, set[str]] = {}
    for mention in document.mentions:
        by_sentence.setdefault(mention.sentence, set()).add(mention.text.lower())
    index = {unit.start: i for i, unit in enumerate(document.sentences)}
    values = [sum(counts[name] - 1 for name in by_sentence.get(index[unit.start], ()))
              for unit in candidates.units]
    return scaled(np.log1p(np.array(values, dtype=float)))
