"""Copies: articles whose texts are near-duplicates (syndicated wire copy, one story re-published
under another headline or with other page furniture) become one group, briefed once.

Similarity is containment over word 5-shingles: the share of the shorter text's shingles that
the longer text also has. Copies share nearly all of them however their headlines, bylines and
boilerplate differ, and a shortened copy is still contained in the full one; two reports of one
event by different writers share few five-word runs. On the shared evaluation articles, distinct
articles reach at most 0.46 (two BBC reports on one prize, before and after it was awarded) and
all others stay under 0.05, while copies with a new headline, a byline and boilerplate score
1.0; `THRESHOLD` sits between. Candidate pairs come from an index of a sample of each text's
shingles (every shingle whose hash is 0 modulo `SAMPLE`), then each pair is checked in full
(`grouping`, the mechanism stories use too).
"""

from __future__ import annotations

import hashlib

from ..models import Article
from .grouping import related_groups
from .words import WORD

SHINGLE_WORDS = 5
THRESHOLD = 0.6
SAMPLE = 4


def shingles(text: str) -> frozenset[int]:
    """The hashes of the text's runs of five words (lower-cased)."""
    words = WORD.findall(text.lower())
    runs = (" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))
    return frozenset(int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest(), "big") for run in runs)


def containment(first: frozenset[int], second: frozenset[int]) -> float:
    """The share of the smaller set that the other one holds."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def group_copies(articles: list[Article]) -> list[list[Article]]:
    """The articles in groups of copies, in the order each group first appears; each group's
    fullest copy (most words) comes first."""
    sets = [shingles(a.text) for a in articles]
    # a sample of each text's shingles proposes pairs; identical texts meet on their whole set
    features = [[value for value in hashes if value % SAMPLE == 0] + [("all", hashes)] for hashes in sets]
    groups = related_groups(features, lambda i, j: containment(sets[i], sets[j]) >= THRESHOLD)
    return [[articles[i] for i in sorted(group, key=lambda i: (-len(WORD.findall(articles[i].text)), i))]
            for group in groups]
