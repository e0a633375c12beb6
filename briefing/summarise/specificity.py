"""Specificity: a key point names someone or something, or gives a figure.

Sentences with no named entity and no number ("With divorce fast becoming the norm...") are
the hooks and asides of feature writing; they score -1, every other sentence 0."""

from __future__ import annotations

import re

import numpy as np

from .scoring import Candidates

NUMBER = re.compile(r"\d")


def score(candidates: Candidates) -> np.ndarray:
    document = candidates.document
    named = {document.sentences[m.sentence].start for m in document.mentions}
    return np.array([0.0 if unit.start in named or NUMBER.search(unit.text) else -1.0
                     for unit in candidates.units])
