"""Position: news puts its main point first.

The rank is counted in paragraphs where the text has them and in sentences where it does not
(wire dumps and flattened exports). A paragraph rank says much less than a sentence rank:
paragraphed reports spread their points over the paragraphs after the lead, so there the lead
only breaks ties (measured on the BBC and CNN/DM development sets, see benchmarks/)."""

from __future__ import annotations

import numpy as np

from .scoring import Candidates, standardised

PARAGRAPH_STRENGTH = 0.05


def score(candidates: Candidates) -> np.ndarray:
    """-log(1 + rank), standardised; scaled by PARAGRAPH_STRENGTH when ranks are paragraphs."""
    paragraphs = [unit.paragraph for unit in candidates.units]
    if len(set(paragraphs)) > 1:
        order = {paragraph: rank for rank, paragraph in enumerate(dict.fromkeys(paragraphs))}
        ranks = np.array([order[p] for p in paragraphs], dtype=float)
        return PARAGRAPH_STRENGTH * standardised(-np.log1p(ranks))
    return standardised(-np.log1p(np.arange(len(paragraphs), dtype=float)))
