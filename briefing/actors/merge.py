"""Merging: one cluster per real actor, from the surfaces that name it in different ways,
and the mentions the tagger missed counted for the actors found."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from ..document import Document, Mention
from ..models import ActorType, Role
from ..names import NameData
from .clean import NAME_PARTICLES, Surface


@dataclass
class Cluster:
    surfaces: list[Surface] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    references: list[int] = field(default_factory=list)
    """Sentences that refer to the actor by role only ("the Prime Minister")."""

    @property
    def sentences(self) -> set[int]:
        return {s.mention.sentence for s in self.surfaces}

    @property
    def type(self) -> ActorType:
        fixed = [s.type for s in self.surfaces if s.canonical]
        votes = Counter(fixed or [s.type for s in self.surfaces])
        order = ("person", "place", "organisation", "group")
        return max(votes, key=lambda t: (votes[t], -order.index(t)))

    @property
    def bare(self) -> str:
        """The longest name without honorific or title ("Keir Starmer")."""
        names = Counter(s.name for s in self.surfaces)
        return max(names, key=lambda n: (len(n.split()), names[n], len(n)))

    @property
    def name(self) -> str:
        fixed = [s.name for s in self.surfaces if s.canonical]
        if fixed:
            return fixed[0]
        names = Counter(s.name for s in self.surfaces)
        if self.type != "person":  # spelt out rather than an acronym ("CBI" of "Confederation of British Industry")
            acronyms = {_initials(n) for n in names}
            return max(names, key=lambda n: (not (n.isupper() and n in acronyms), names[n], len(n)))
        return self._person_name(names)

    def _person_name(self, names: Counter) -> str:
        """The fullest name the article gives, styled as the article styles it ("Sir Keir
        Starmer"); an honorific and surname ("Mr Trump") only when no fuller name is given."""
        full = self.bare
        styled = Counter(s.styled for s in self.surfaces if s.name == full and s.honorific)
        if styled:
            return styled.most_common(1)[0][0]
        return full


def merge(surfaces: list[Surface], data: NameData, text: str = "") -> list[Cluster]:
    """One cluster per actor: the same name however spaced or hyphenated ("Time Warner",
    "TimeWarner"), with or without a country in front ("US Federal Reserve"), a person's
    first or last name alone, an acronym and its expansion."""
    clusters: dict[str, Cluster] = {}
    for surface in surfaces:
        clusters.setdefault(_key(surface.name), Cluster()).surfaces.append(surface)
    # adjectives of places this article names ("Ugandan" when it names Uganda), beside the known ones
    adjectives = data.nationalities | {s.form.lower() for s in surfaces if s.type == "place" and s.form != s.name}
    for key, cluster in list(clusters.items()):
        words = cluster.bare.split()
        if cluster.type == "organisation" and len(words) > 2 and words[0].lower() in adjectives:
            target = clusters.get(_key(" ".join(words[1:])))
            if target is not None and target is not cluster:
                target.surfaces.extend(cluster.surfaces)
                del clusters[key]
    _merge_numbered(clusters)
    _merge_middle_names(clusters)
    _merge_stated_aliases(clusters, text)
    _merge_family_plurals(clusters)
    named = [c for c in clusters.values() if c.type in ("person", "organisation") and " " in c.bare]
    people = [c for c in named if c.type == "person"]
    for key, cluster in list(clusters.items()):
        if " " in cluster.bare or any(s.canonical for s in cluster.surfaces):
            continue
        if cluster.type == "place":
            # a surname the tagger took for a place ("Thanou" after "Katerina Thanou"), never a
            # place the name data knows ("Washington")
            target = None if data.lookup(cluster.bare) else _with_part(people, cluster.bare.lower())
        elif cluster.bare.isupper():  # an acronym stands for its expansion, not for "AOL Europe"
            target = _expansion(clusters, key, data)
        else:
            target = _with_part(named, cluster.bare.lower()) or _expansion(clusters, key, data)
        if target is not None and target is not cluster:
            target.surfaces.extend(cluster.surfaces)
            del clusters[key]
    return list(clusters.values())


def _merge_numbered(clusters: dict[str, Cluster]) -> None:
    """A body's numbered part is that body ("BBC2", "BBC 4" of "BBC")."""
    for key, cluster in list(clusters.items()):
        base = cluster.bare.rstrip("0123456789").rstrip()
        if cluster.type != "organisation" or base == cluster.bare or not base:
            continue
        target = clusters.get(_key(base))
        if target is not None and target is not cluster and target.type == "organisation":
            target.surfaces.extend(cluster.surfaces)
            del clusters[key]


def _merge_middle_names(clusters: dict[str, Cluster]) -> None:
    """One person named more or less fully: "David Collins" and "David Lee Collins" (same first
    and last name), "Christian Andersen" and "Hans Christian Andersen" (the end of the name)."""
    fuller: list[tuple[list[str], str]] = []
    for key, cluster in sorted(clusters.items(), key=lambda kv: -len(kv[1].bare.split())):
        words = cluster.bare.lower().split()
        if cluster.type != "person" or len(words) < 2:
            continue
        target = next((k for longer, k in fuller if len(longer) > len(words) and (
            longer[-len(words):] == words or (longer[0], longer[-1]) == (words[0], words[-1]))), None)
        if target is not None:
            clusters[target].surfaces.extend(cluster.surfaces)
            del clusters[key]
        else:
            fuller.append((words, key))


def _key(name: str) -> str:
    """What two spellings of one name share: "The Labor Department" ~ "Labor Department"."""
    return re.sub(r"[^\w]|_", "", re.sub(r"^the\s+", "", name.lower()))


def _with_part(named: list[Cluster], part: str) -> Cluster | None:
    """The one person or organisation whose name begins or ends with `part` ("Starmer" for
    "Keir Starmer", "Allied" for "Allied Domecq")."""
    found = [c for c in named if part in (c.bare.lower().split()[0], c.bare.lower().split()[-1])]
    return found[0] if len(found) == 1 else None


#: After a name: "(ACRONYM)" or ", also known as" — the text itself says the next name is the same actor.
STATED_ALIAS = re.compile(r"\s{0,2}\(\s{0,2}"
                          r"|,?\s{1,3}(?:also\s{1,3})?(?:known|referred\s{1,3}to)\s{1,3}as\s{1,3}(?:the\s{1,3})?")


def _merge_stated_aliases(clusters: dict[str, Cluster], text: str) -> None:
    """One actor where the text says two names are one: "the Joint Casualty and Compassionate
    Centre (JCCC)", "Abu Musab, also known as the Sheikh"."""
    owner = {id(s): key for key, c in clusters.items() for s in c.surfaces}
    surfaces = sorted((s for c in clusters.values() for s in c.surfaces), key=lambda s: s.mention.start)
    for first, second in pairwise(surfaces):
        named, alias = owner[id(first)], owner[id(second)]
        opened = "(" if first.mention.text.rstrip().endswith("(") else ""  # the tagger took the bracket
        gap = opened + text[first.mention.end:second.mention.start]
        if named == alias or named not in clusters or alias not in clusters or len(gap) > 30:
            continue
        bracketed = "(" in gap
        if bracketed and not (second.name.isupper() and " " in first.name):
            continue  # in brackets, only an acronym of a longer name ("Islamic State (ISIS)")
        if STATED_ALIAS.fullmatch(gap) and clusters[named].type == clusters[alias].type:
            moved = clusters.pop(alias).surfaces
            clusters[named].surfaces.extend(moved)
            owner.update({id(s): named for s in moved})


def _merge_family_plurals(clusters: dict[str, Cluster]) -> None:
    """A person's name in the plural is that person ("the bin Ladens" of "Osama bin Laden")."""
    for key, cluster in list(clusters.items()):
        if not cluster.bare.endswith("s"):
            continue
        target = clusters.get(key[:-1])
        if target is not None and target is not cluster and target.type == "person":
            target.surfaces.extend(cluster.surfaces)
            del clusters[key]


def _initials(name: str) -> str:
    """The capitals opening a name's words, particles and hyphenated tails left out ("ELAA" for
    "European Low-fare Airlines Association")."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _expansion(clusters: dict[str, Cluster], acronym: str, data: NameData) -> Cluster | None:
    """The cluster whose name's initials spell `acronym` ("WHO" for "World Health Organization",
    "SEC" for "US Securities Exchange Commission")."""
    if not (2 <= len(acronym) <= 6 and clusters[acronym].surfaces[0].name.isupper()):
        return None
    for cluster in clusters.values():
        words = [w for w in cluster.bare.split() if w.lower() not in NAME_PARTICLES]
        if words and words[0].lower() in data.nationalities and len(words) > 2:
            words = words[1:]
        if len(words) > 1 and "".join(w[0] for w in words).lower() == acronym:
            return cluster
    return None


NOT_SURNAMES = {"may", "june", "april", "august", "march", "sunday", "monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "will", "mark", "grant", "rose", "young", "little"}
PEOPLE_SUFFIX = r"(?:ers|ians|ans|ese|ites)"


def propagate(clusters: list[Cluster], document: Document) -> None:
    """Count the mentions the tagger missed: a known actor's name written again ("Starmer"
    after "Keir Starmer"), and the people of a named place ("Greenlanders" after "Greenland")."""
    owners: dict[str, Cluster] = {}
    for cluster in clusters:
        forms = {s.form for s in cluster.surfaces}
        if cluster.type == "person" and len(cluster.bare.split()) > 1:
            surname = cluster.bare.split()[-1]
            forms |= {cluster.bare} | ({surname} if surname.lower() not in NOT_SURNAMES else set())
        owners.update((form, cluster) for form in forms if form[:1].isupper() and form not in owners)
    places = [re.escape(c.bare) for c in clusters if c.type == "place" and " " not in c.bare]
    alternatives = [re.escape(form) for form in sorted(owners, key=len, reverse=True)]
    if places:
        alternatives.insert(0, f"(?:{'|'.join(places)}){PEOPLE_SUFFIX}")
    if not alternatives:
        return
    taken = [(s.mention.start, s.mention.end) for c in clusters for s in c.surfaces]
    starts = [u.start for u in document.sentences]
    peoples: dict[str, Cluster] = {}
    for match in re.finditer(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", document.article.text):
        sentence = bisect_right(starts, match.start()) - 1
        if (sentence < 0 or document.sentences[sentence].kind == "heading"
                or any(a < match.end() and match.start() < b for a, b in taken)):
            continue
        form = match.group()
        mention = Mention(form, "PROPAGATED", match.start(), match.end(), sentence)
        cluster = owners.get(form)
        if cluster is None:
            peoples.setdefault(form, Cluster()).surfaces.append(Surface(form, form, "group", mention))
        else:
            canonical = next((s.name for s in cluster.surfaces if s.canonical), None)
            cluster.surfaces.append(Surface(canonical or cluster.bare, form, cluster.type, mention,
                                            canonical=canonical is not None))
    clusters.extend(peoples.values())
