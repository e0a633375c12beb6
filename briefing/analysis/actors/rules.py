"""The rule registry: every actor heuristic as a named rule (id, one line, an example of its
own, the linguistic pattern it stands for), and the evidence rules leave on a mention.

A rule that fires records `Evidence(rule, claim, weight)`; the resolver (`clean`, `merge`,
`roles`) keeps, for each actor, the evidence that decided its name, type and roles, which
`briefing extract --explain` prints. `FIRED` counts what fired and `switched_off` lets the
rules benchmark measure what a rule is worth by running without it; nothing in the pipeline
sets it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..document import Evidence

__all__ = ["RULES", "FIRED", "Evidence", "Rule", "rule", "switched_off"]


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    example: str
    """A sentence of our own the rule reads, and what it makes of it."""
    pattern: str
    """The linguistic or editorial pattern it stands for."""
    stage: str
    """Where it acts: "parse" (spans of the tagger), "text" (a mention's words), "merge",
    "type" (the vote over an actor's mentions) or "role"."""

    @property
    def on(self) -> bool:
        return self.id not in _OFF

    def evidence(self, claim: str, weight: float = 1.0) -> Evidence:
        FIRED[self.id] += 1
        return Evidence(self.id, claim, weight)


RULES: dict[str, Rule] = {}
#: How often each rule has fired in this process (read by the rules benchmark; never by a rule).
FIRED: Counter[str] = Counter()
_OFF: set[str] = set()


def rule(id: str, description: str, example: str, pattern: str, stage: str) -> Rule:
    """Register a rule; ids are unique."""
    if id in RULES:
        raise ValueError(f"actor rule {id!r} is registered twice")
    RULES[id] = Rule(id, description, example, pattern, stage)
    return RULES[id]


@contextmanager
def switched_off(*ids: str) -> Iterator[None]:
    """Run with the named rules off (for measuring what each is worth)."""
    unknown = set(ids) - RULES.keys()
    if unknown:
        raise KeyError(f"no actor rule {sorted(unknown)}")
    _OFF.update(ids)
    try:
        yield
    finally:
        _OFF.difference_update(ids)
