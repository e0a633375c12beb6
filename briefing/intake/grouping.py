"""One mechanism for grouping related articles, used twice: copies of one text (`copies`) before
extraction, and articles about one story (`stories`) after it.

Related pairs are joined (union-find, `Partition`) into groups. `related_groups` finds them for
stories: candidates come from an inverted index (items that share a feature), so the work grows
with the number of items rather than its square, and each candidate pair is checked in full.
Within a feature shared by many items (a wire story carried by 500 outlets, or a common phrase),
each item is compared with the groups already formed there, at most `MAX_POSTING` of them,
rather than with every other item: the same mechanism at any count, with work that grows
linearly in the count. `copies` counts its pairs' shared shingles in bulk and joins the pairs it
finds related.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import combinations

#: Groups an item is compared with within one feature's items.
MAX_POSTING = 50


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


def related_groups(features: Sequence[Iterable[Hashable]], related: Callable[[int, int], bool],
                   max_posting: int = MAX_POSTING) -> list[list[int]]:
    """Indices of the items in groups, in the order each group first appears (members in input
    order): two items are in one group when a chain of related pairs links them. Only items
    sharing a feature are compared, one feature's items after another's in the order of their
    items (the order the features are listed in, which for a set changes from process to process,
    would change which pairs a feature shared by more than `max_posting` items compares)."""
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(features):
        for feature in set(item):
            postings[feature].append(index)
    partition = Partition(len(features))
    root = partition.root
    checked: set[tuple[int, int]] = set()

    def join(first: int, second: int) -> None:
        pair = (first, second)
        if pair not in checked and root(first) != root(second):
            checked.add(pair)
            if related(first, second):
                partition.join(first, second)

    for members in sorted(postings.values()):  # by their items, not by how a set lists the features
        if len(members) <= max_posting:
            for first, second in combinations(members, 2):
                join(first, second)
            continue
        heads: dict[int, int] = {}  # a root of this feature's groups -> its first member
        for member in members:
            for head in list(heads.values())[:max_posting]:
                join(head, member)
            heads.setdefault(root(member), member)
            heads = {root(head): head for head in heads.values()}
    return partition.groups()
