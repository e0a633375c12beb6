"""Selection: pick sentences by score under a length budget, never two that say the same thing.

Maximal marginal relevance (Carbonell & Goldstein, 1998): each pick maximises its score less its
similarity to what is already chosen; near-duplicates (a caption repeating a body sentence) are
never picked together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scoring import Candidates

DUPLICATE_COSINE = 0.6
DUPLICATE_CONTAINMENT = 0.7


@dataclass(frozen=True)
class Length:
    """How much to keep: a number of sentences, or a word budget, or a share of the sentences."""

    sentences: int = 3
    words: int | None = None
    ratio: float | None = None

    def count(self, available: int) -> int:
        """The most sentences to keep out of `available`."""
        if self.ratio is not None:
            return max(1, round(self.ratio * available))
        return available if self.words is not None else self.sentences


def near_duplicate(candidates: Candidates, i: int, j: int) -> bool:
    """True when two candidates say nearly the same thing."""
    if candidates.similarity[i, j] >= DUPLICATE_COSINE:
        return True
    a, b = set(candidates.units[i].terms), set(candidates.units[j].terms)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= DUPLICATE_CONTAINMENT


def select(candidates: Candidates, scores: np.ndarray, length: Length, redundancy: float = 0.3,
           first: int | None = None) -> list[int]:
    """Indices of the chosen candidates, in document order; `first`, if given, is picked first."""
    available = list(range(len(candidates.units)))
    limit = length.count(len(available))
    chosen: list[int] = []
    words = 0
    while available and len(chosen) < limit:
        overlap = (candidates.similarity[np.ix_(available, chosen)].max(axis=1) if chosen
                   else np.zeros(len(available)))
        gains = scores[available] - redundancy * overlap
        best = first if first is not None and not chosen else available[int(np.argmax(gains))]
        available.remove(best)
        size = len(candidates.units[best].text.split())
        if length.words is not None and chosen and words + size > length.words:
            continue
        chosen.append(best)
        words += size
        available = [i for i in available if not near_duplicate(candidates, i, best)]
    return sorted(chosen)
