"""Copies: articles whose texts are near-duplicates (syndicated wire copy, one story re-published
under another headline or with other page furniture) become one group, briefed once.

Similarity is containment over word 5-shingles: the share of the shorter text's shingles that
the longer text also has. Copies share nearly all of them however their headlines, bylines and
boilerplate differ, and a shortened copy is still contained in the full one; two reports of one
event by different writers share few five-word runs. On the shared evaluation articles, distinct
articles reach at most 0.46 (two BBC reports on one prize, before and after it was awarded) and
all others stay under 0.05, while copies with a new headline, a byline and boilerplate score
1.0; `THRESHOLD` sits between. The candidates are the pairs that share a sampled shingle (one
whose hash is 0 modulo `SAMPLE`) and the pairs of identical texts. Each text's shingles are a
sorted array of hashes, and one index of all of them, sorted once, counts every pair's shared
shingles at once, text by text, so a day of 10,000 articles is grouped in seconds and in little
memory, every candidate pair checked in full (the work grows with the pairs of texts that share a
shingle: near-copies of one text, since identical ones count once, and phrases many texts share);
the groups are `grouping`'s, the mechanism stories use too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import numpy as np

from ..models import Article
from .grouping import Partition
from .words import WORD

SHINGLE_WORDS = 5
THRESHOLD = 0.6
SAMPLE = 4


def shingles(text: str) -> np.ndarray:
    """The hashes of the text's runs of five words (lower-cased), sorted, each once."""
    words = WORD.findall(text.lower())
    runs = (" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))
    digests = b"".join(hashlib.blake2b(run.encode(), digest_size=8).digest() for run in runs)
    return np.unique(np.frombuffer(digests, dtype=">u8").astype(np.uint64))


def copy_pairs(values: np.ndarray, sizes: np.ndarray) -> Iterator[tuple[int, int]]:
    """The candidate pairs (i < j) whose containment reaches `THRESHOLD`, given every text's
    `shingles` one text after another (`values`, freed here once sorted: pass no other reference)
    and how many each text has (`sizes`). Each shingle's texts, in order, are a run of one index
    sorted by hash; a text counts the texts after it in its shingles' runs, which is what it shares
    with each. Runs of the same texts (a paragraph's shingles, a story's in all its copies) are
    counted once, times how many they are. Each array goes once the next step is made from it: a
    day's are as long as its shingles, and they were most of the run's peak memory."""
    order = np.argsort(values, kind="stable").astype(np.int32)  # stable: each run's texts in input order
    ranked = values[order]
    del values
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]]).astype(np.int32)
    sampled = ranked[starts] % SAMPLE == 0
    del ranked
    lengths = np.diff(np.r_[starts, np.int32(len(order))])
    texts = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    # the runs of the same texts, by length and a random sum over their texts, each checked in full
    keys = np.random.default_rng(SAMPLE).integers(0, 2**63, len(sizes), dtype=np.uint64)
    signature = np.add.reduceat(keys[texts], starts)
    by_signature = np.lexsort((signature, lengths))
    signature, by_length = signature[by_signature], lengths[by_signature]
    opens = np.r_[True, (signature[1:] != signature[:-1]) | (by_length[1:] != by_length[:-1])]
    del signature, by_length
    same = np.empty(len(starts), np.int32)
    same[by_signature] = by_signature[np.flatnonzero(opens)[np.cumsum(opens) - 1]]  # each run's first like it
    del by_signature, opens
    run = np.repeat(np.arange(len(starts), dtype=np.int32), lengths)  # each place's run
    within = np.arange(len(order), dtype=np.int32) - starts[run]
    alike = starts[same[run]]  # the same place in the first run like it
    alike += within
    unlike = np.unique(run[texts != texts[alike]])
    del alike
    same[unlike] = unlike
    weights = np.bincount(same, minlength=len(starts)).astype(np.int32)
    sampled_weights = np.bincount(same[sampled], minlength=len(starts)).astype(np.int32)
    del sampled
    own_run, own_place = np.empty(len(order), np.int32), np.empty(len(order), np.int32)
    own_run[order] = same[run]  # each shingle's run (its first like it) and place there
    del same, run
    own_place[order] = within
    del order, within
    offsets = np.r_[0, np.cumsum(sizes)]
    for i, size in enumerate(sizes):
        runs, firsts = np.unique(own_run[offsets[i]:offsets[i + 1]], return_index=True)
        first = starts[runs] + own_place[offsets[i] + firsts] + 1
        counts = starts[runs] + lengths[runs] - first
        shared = counts > 0
        runs, first, counts = runs[shared], first[shared], counts[shared]
        if not len(counts):
            continue
        places = np.arange(counts.sum()) + np.repeat(first - np.cumsum(counts) + counts, counts)
        others = texts[places]
        common = np.bincount(others, weights=np.repeat(weights[runs], counts))
        candidates = np.bincount(others, weights=np.repeat(sampled_weights[runs], counts), minlength=len(common)) > 0
        candidates |= (common == size) & (sizes[:len(common)] == size)  # the same text
        partners = np.flatnonzero(candidates)
        for j in partners[common[partners] / np.minimum(size, sizes[partners]) >= THRESHOLD].tolist():
            yield i, j


def first_same(sets: Sequence[np.ndarray]) -> list[int]:
    """Each set's first identical set (itself if none comes before it)."""
    seen: dict[bytes, int] = {}
    found = []
    for i, hashes in enumerate(sets):
        first = seen.setdefault(hashlib.blake2b(hashes.tobytes(), digest_size=16).digest(), i)
        found.append(first if np.array_equal(sets[first], hashes) else i)
    return found


def group_copies(articles: list[Article]) -> list[list[Article]]:
    """The articles in groups of copies, in the order each group first appears; each group's
    fullest copy (most words) comes first. Identical texts are one group, and only the first of
    them is compared with the others (500 outlets carrying one wire story cost one text)."""
    if not articles:
        return []
    sets = [shingles(a.text) for a in articles]
    same = first_same(sets)
    kept = [i for i, first in enumerate(same) if first == i]
    partition = Partition(len(articles))
    for i, first in enumerate(same):
        partition.join(first, i)
    pairs = copy_pairs(np.concatenate([sets[i] for i in kept]), np.array([len(sets[i]) for i in kept]))
    del sets  # the pairs' one array of them is freed once sorted
    for first, second in pairs:
        partition.join(kept[first], kept[second])
    return [[articles[i] for i in sorted(group, key=lambda i: (-len(WORD.findall(articles[i].text)), i))]
            if len(group) > 1 else [articles[group[0]]] for group in partition.groups()]
