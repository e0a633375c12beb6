"""One mechanism for grouping related articles, used twice: copies of one text (`copies`) before
extraction, and articles about one story (`stories`) after it.

Candidates come from an inverted index (items that share a feature), so the work grows with the
number of items rather than its square; a feature shared by too many items says nothing and is
passed over. Each candidate pair is checked in full and related pairs are joined (union-find).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import combinations

#: A feature shared by more items than this is too common to propose pairs.
MAX_POSTING = 50


def related_groups(features: Sequence[Iterable[Hashable]], related: Callable[[int, int], bool],
                   max_posting: int = MAX_POSTING) -> list[list[int]]:
    """Indices of the items in groups, in the order each group first appears (members in input
    order): two items are in one group when a chain of related pairs links them. Only items
    sharing a feature are compared."""
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(features):
        for feature in set(item):
            postings[feature].append(index)
    parent = list(range(len(features)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > max_posting:
            continue
        for pair in combinations(members, 2):
            if pair in checked or root(pair[0]) == root(pair[1]):
                continue
            checked.add(pair)
            if related(*pair):
                parent[root(pair[1])] = root(pair[0])
    groups: dict[int, list[int]] = {}
    for index in range(len(features)):
        groups.setdefault(root(index), []).append(index)
    return sorted(groups.values(), key=min)
