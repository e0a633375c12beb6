"""One mechanism for grouping related articles, used twice: copies of one text (`copies`) before
extraction, and articles about one story (`stories`) after it.

Related pairs are joined (union-find, `Partition`) into groups. `related_groups` finds them for
stories: candidates come from an inverted index (items that share a feature), so the work grows
with the number of items rather than its square, and the candidate pairs are judged in bulk.
Within a feature shared by many items (a wire story carried by 500 outlets, or a common phrase),
each item is compared with the groups already formed there, at most `MAX_POSTING` of them,
rather than with every other item: the same mechanism at any count, with work that grows
linearly in the count. `copies` counts its pairs' shared shingles in bulk and joins the pairs it
finds related.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from itertools import combinations

import numpy as np

#: Groups an item is compared with within one feature's items.
MAX_POSTING = 50
#: Candidate pairs judged at once: a day of 10,000 articles has millions, each judged with a
#: few arrays of its own, so judging them all at once was most of compose's peak memory.
CHUNK = 100_000
#: Which pairs (first[k], second[k]) of items are related, as a boolean array.
Related = Callable[[np.ndarray, np.ndarray], np.ndarray]


class Partition:
    """Items 0 to count - 1 in groups, joined pair by pair (union-find)."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def root(self, i: int) -> int:
        """The item that stands for i's group."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, first: int, second: int) -> None:
        """One group of first's and second's."""
        self.parent[self.root(second)] = self.root(first)

    def groups(self) -> list[list[int]]:
        """The groups in the order each first appears, members in input order."""
        groups: dict[int, list[int]] = {}
        for index in range(len(self.parent)):
            groups.setdefault(self.root(index), []).append(index)
        return sorted(groups.values(), key=min)


def related_groups(features: Sequence[Iterable[Hashable]], related: Related,
                   max_posting: int = MAX_POSTING, chunk: int = CHUNK) -> list[list[int]]:
    """Indices of the items in groups, in the order each group first appears (members in input
    order): two items are in one group when a chain of related pairs links them. Only items
    sharing a feature are compared, one feature's items after another's in the order of their
    items (the order the features are listed in, which for a set changes from process to process,
    would change which pairs a feature shared by more than `max_posting` items compares). Pairs
    are judged in bulk: those of the features shared by few items all at once, those of a feature
    shared by many one item (against the groups formed so far) at a time."""
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(features):
        for feature in set(item):
            postings[feature].append(index)
    ordered = sorted(postings.values())  # by their items, not by how a set lists the features
    linked: set[tuple[int, int]] = set()
    for first, second in in_chunks(pairs_within(members for members in ordered if len(members) <= max_posting), chunk):
        found = related(first, second)
        linked.update(zip(first[found].tolist(), second[found].tolist(), strict=True))
    in_linked = {item for pair in linked for item in pair}
    partition = Partition(len(features))
    root = partition.root
    for members in ordered:
        if len(members) <= max_posting:
            for pair in combinations([m for m in members if m in in_linked], 2):
                if pair in linked:
                    partition.join(*pair)
            continue
        heads: dict[int, int] = {}  # a root of this feature's groups -> its first member
        for member in members:
            apart = [head for head in list(heads.values())[:max_posting] if root(head) != root(member)]
            if apart:
                judged = related(np.array(apart), np.full(len(apart), member))
                for head in np.array(apart)[judged].tolist():
                    partition.join(head, member)
            heads.setdefault(root(member), member)
            heads = {root(head): head for head in heads.values()}
    return partition.groups()


def pairs_within(postings: Iterable[Sequence[int]]) -> np.ndarray:
    """Each pair of items that share a posting (a list of items in input order), once, in order,
    as one code a pair (`in_chunks` splits them): every pair with its repeats written into one
    array and sorted in place, so a day's millions of pairs are held about once, not four times."""
    listed = [np.asarray(members, dtype=np.int64) for members in postings]
    codes = np.empty(sum(len(items) * (len(items) - 1) // 2 for items in listed), dtype=np.int64)
    at = 0
    for items in listed:
        first, second = np.triu_indices(len(items), k=1)
        codes[at:at + len(first)] = items[first] << 32 | items[second]
        at += len(first)
    codes.sort()
    return codes[np.append(True, codes[1:] != codes[:-1])] if len(codes) else codes


def in_chunks(codes: np.ndarray, size: int = CHUNK) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The pairs of `pairs_within`'s codes as (smaller, larger) item arrays, `size` pairs at a time."""
    for begin in range(0, len(codes), size):
        part = codes[begin:begin + size]
        yield part >> 32, part & 0xFFFFFFFF
