"""Actors of an article: entity mentions cleaned (`clean`), merged into one entry per real
actor and typed (`merge`), given the roles the text states (`roles`), weighted and ranked
(`weight`). Every heuristic is a registered rule (`rules`) that leaves evidence on the mention or
actor it decides, so an actor can say why it is what it is.

Reads only a `Document` (plain data); the name data (honorifics, titles, countries and their
adjectives, organisations and their short forms) lives in data/names.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...models import Actor, Sentence
from ..document import Document
from ..names import name_data
from .clean import clean
from .merge import merge, propagate
from .roles import assign_roles
from .weight import rank

__all__ = ["extract_actors"]


def extract_actors(document: Document, key_sentences: Iterable[Sentence] = (), explain: bool = False) -> list[Actor]:
    """The article's actors, heaviest first, key ones marked; with `explain`, each with the rules
    behind it."""
    data = name_data()
    surfaces = [s for m in document.mentions if (s := clean(m, document, data))]
    # "Cell" is the Cell processor throughout; "the Golden Bear" the prize named "Golden Bear"
    works = {m.text.lower().removeprefix("the ") for m in document.mentions if m.work}
    surfaces = [s for s in surfaces if not {s.name.lower(), s.form.lower()} & works]
    clusters = merge(surfaces, data, document.article.text)
    propagate(clusters, document)
    assign_roles(clusters, document, data)
    return rank(clusters, document, list(key_sentences), explain)
