"""Weight: how much an actor matters to the article, and which are its key actors."""

from __future__ import annotations

from ...intake.words import COMPOUND_WORD
from ...models import Actor, Sentence
from ..document import Document
from .merge import Cluster


def rank(clusters: list[Cluster], document: Document, key_sentences: list[Sentence],
         explain: bool = False) -> list[Actor]:
    """Actors ordered key first, then by weight: mentions (references by role included),
    presence in the headline, the lead sentence and the key sentences, and how early they
    are first named. `explain`: each actor carries the rules behind it (`why`)."""
    title = " " + " ".join(COMPOUND_WORD.findall((document.article.title or "").lower())) + " "
    body = [i for i, u in enumerate(document.sentences) if u.kind == "body"]
    lead = body[0] if body else -1
    starts = {(s.start, s.end) for s in key_sentences}
    in_key = {i for i, u in enumerate(document.sentences) if (u.start, u.end) in starts}
    total = max(1, len(document.sentences))
    actors = []
    for cluster in clusters:
        in_title = any(f" {n} " in title for n in {s.name.lower() for s in cluster.surfaces} | {cluster.name.lower()})
        seen = cluster.sentences | set(cluster.references)
        mentions = len(cluster.surfaces) + len(cluster.references)
        weight = (mentions + 3 * in_title + 2 * (lead in seen) + len(seen & in_key) + (1 - min(seen) / total))
        key = in_title or lead in seen or mentions >= 3
        name = cluster.name
        forms = {form for s in cluster.surfaces for form in (s.form, s.name, s.styled)}
        # "Norwest Corp." ending a sentence is "Norwest Corp": both forms are the name's
        aliases = sorted((forms | {f.rstrip(".") for f in forms if f.endswith(".")}) - {name})
        actors.append(Actor(name=name, type=cluster.type, mentions=mentions, aliases=aliases,
                            roles=cluster.roles, key=key, weight=round(weight, 3),
                            why=why(cluster) if explain else None))
    return sorted(actors, key=lambda a: (not a.key, -a.weight, a.name))


def why(cluster: Cluster) -> dict[str, list[str]]:
    """The rules that decided the actor's name, type and roles, and every piece of evidence
    ("rule: claim") its mentions and merges carry, each once."""
    evidence = [e for s in cluster.surfaces for e in s.evidence] + cluster.evidence
    kind, typed_by = cluster.typed
    named = [e.rule for s in cluster.surfaces if s.name == cluster.bare or s.canonical for e in s.evidence
             if e.claim.startswith("name")]
    typed = [typed_by.id] + [e.rule for s in cluster.surfaces if s.type == kind for e in s.evidence
                             if e.claim.startswith("type")]
    return {"name": list(dict.fromkeys(named)) or ["tagger"],
            "type": list(dict.fromkeys(typed)),
            "roles": list(dict.fromkeys(e.rule for e in cluster.evidence if e.claim.startswith("role"))),
            "evidence": list(dict.fromkeys(f"{e.rule}: {e.claim}" for e in evidence))}
