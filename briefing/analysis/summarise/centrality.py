"""Centrality: how much of the article's vocabulary a sentence shares with the rest.

Degree centrality over word overlap: summed over the sentence's distinct content words, how
often each recurs elsewhere in the article (log-damped), normalised by the square root of the
sentence's length so that long sentences do not win by length alone. The sentences the rest of
the article keeps returning to are the ones it is about (Luhn 1958; Erkan & Radev 2004)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .scoring import Candidates, standardised


def score(candidates: Candidates) -> np.ndarray:
    frequency = Counter(term for unit in candidates.document.sentences if unit.kind == "body"
                        for term in unit.terms)
    values = []
    for unit in candidates.units:
        terms = set(unit.terms)
        values.append(sum(math.log(frequency[t]) for t in terms if frequency[t]) / math.sqrt(max(1, len(terms))))
    return standardised(np.array(values, dtype=float))
