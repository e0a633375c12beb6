"""Centrality: how much of the rest of the article a sentence stands for.

Position-aware directed centrality after PacSum (Zheng & Lapata, 2019): similarity to the
sentences that follow counts more than similarity to those before, since a news sentence that
later sentences elaborate is more central than one that sums them up.
"""

from __future__ import annotations

import numpy as np

from .scoring import Candidates, scaled


def score(candidates: Candidates, forward: float = 1.0, backward: float = 0.3,
          threshold: float = 0.03) -> np.ndarray:
    sims = candidates.similarity
    if sims.shape[0] < 2:
        return np.ones(sims.shape[0])
    kept = np.where(sims > threshold, sims - threshold, 0.0)
    later = np.triu(kept, k=1).sum(axis=1)
    earlier = np.tril(kept, k=-1).sum(axis=1)
    return scaled(forward * later + backward * earlier)
