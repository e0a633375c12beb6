"""Specificity: a key point names someone or something, gives a figure, or cites its source.

Sentences with no named entity, no number and no source ("With divorce fast becoming the norm...")
are the hooks and asides of feature writing; they score -1, every other sentence 0. A news lead
that names no one often ends by citing where it comes from ("..., a survey suggests.", "..., a
committee of MPs has said."): that is a reported finding, not a hook."""

from __future__ import annotations

import re

import numpy as np

from .scoring import Candidates

NUMBER = re.compile(r"\d")
REPORTING = ("said", "says", "say", "suggests", "suggest", "shows", "show", "found", "finds", "claimed", "claims",
             "warned", "warns", "reported", "reports", "revealed", "reveals", "believes", "believe", "predicted",
             "predicts", "argued", "argues")
#: A closing attribution to a source the sentence describes rather than names: ", it has been
#: claimed.", ", a new study shows.", ", according to the report." (bounded: linear in the text).
SOURCED = re.compile(r", (?:according to (?:an?|the|\w{1,30}['’]s) [^,.;:\"]{1,60}"
                     r"|(?:it|they|(?:an?|the|one|some|many|\w{1,30}['’]s) [^,.;:\"]{1,60}?)"
                     r"(?: has been| have been| has| have| had| was| is)? (?:" + "|".join(REPORTING) + r"))\.$")


def score(candidates: Candidates) -> np.ndarray:
    document = candidates.document
    named = {document.sentences[m.sentence].start for m in document.mentions}
    return np.array([0.0 if unit.start in named or NUMBER.search(unit.text) or SOURCED.search(unit.text) else -1.0
                     for unit in candidates.units])
