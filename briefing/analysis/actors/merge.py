"""Merging: one cluster per real actor, from the surfaces that name it in different ways,
and the mentions the tagger missed counted for the actors found."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any, cast

from ...models import ActorType, Role
from ..document import Document, Evidence, Mention
from ..names import NameData, alternatives, calendar, familiar_forms, lexicon, name_data
from .clean import FAMILY, NAME_PARTICLES, ROMAN, SAID_BEFORE, SURNAME_PARTICLES, Surface
from .rules import Rule, rule

MERGE_RULES = {key: rule(f"merge.{key}", description, example, pattern, "merge")
               for key, description, example, pattern in (
    ("country-prefix", "A body's name with a country adjective in front is the body.",
     "Veldran Harwood Lisle Bank ~ Harwood Lisle Bank", "nationality + 2+ words of a named body"),
    ("numbered", "A body's numbered part is that body.", "Calder 2 ~ Calder", "name + digits"),
    ("plural-variant", "A body's name with a word once singular, once plural is one body.",
     "Calder Mill Trust ~ Calder Mills Trust", "same words but a final s"),
    ("middle-names", "One person named more or less fully.", "Ann Lee ~ Ann Mary Lee", "same first and last name"),
    ("stated-alias", "The text says two names are one: '(ACRONYM)' or 'also known as'.",
     "the Calder Rail Office (CRO)", "name + ( or 'known as' + name"),
    ("part-of-name", "A name alone is the one person or body whose full name begins or ends with it.",
     "Lee ~ Ann Lee; Harwood ~ Harwood Lisle", "first or last word of one named actor"),
    ("acronym", "An acronym is the body whose initials spell it.", "CRO ~ Calder Rail Office", "initials"),
    ("bare-surname", "A surname alone is the one person called by honorific and that surname.",
     "Mrs Lee ... Lee", "one honorific + surname cluster"))}
SPEAKING_PLACE = rule("merge.speaking-place", "A place's name after a verb of saying or before ', who' is the"
                      " surname of the person the article names in full with it.", "Tom Calder won. 'I was"
                      " lucky,' said Calder: Tom Calder, though Calder is a town.",
                      "said PLACE | PLACE, who ... + a person whose name ends with PLACE", "merge")
PARTICLE_SURNAME = rule("merge.particle-surname", "A surname opened by a particle is the person whose name ends with"
                        " it, whatever the tagger took it for.", "Jan van der Berg scored. Van der Berg left: one"
                        " person.", "Van|De|Von ... SURNAME (any type) = end of a person's full name", "merge")
FAMILIAR = rule("name.familiar-form", "A person named only by a familiar form of a given name, alone or in a nickname"
                " of someone named in full, is no actor of its own.",
                "Tom Hale ... 'Big Tom' ... Bill said: neither 'Big Tom' nor 'Bill' is shown.",
                "1-word person in familiar_forms; Word + familiar form of a named person's first name", "merge")
STYLES = rule("name.styled-only-by-rank", "A full name shows a knighthood or peerage, never another honorific.",
               "Dr Ann Lee and Sir Tom Hale: 'Ann Lee', 'Sir Tom Hale'.", "honorific in styles before a full name",
               "merge")
TYPE_RULES = {key: rule(f"type.{key}", description, example, pattern, "type") for key, description, example, pattern in (
    ("vote-known-or-stated", "The type the name data or the words state outvotes the tagger's.",
     "Calder College (body word) tagged a person twice: a body.", "majority of canonical, else stated, mentions"),
    ("vote-full-name", "Else the tagger's type for the fullest name.", "Ann Lee a person, however 'Lee' was tagged",
     "majority of the mentions of the fullest name"),
    ("vote-all", "Else the tagger's majority over all mentions.", "", "majority of all mentions"),
    ("acronym-body", "An acronym the tagger ever called a body is a body.", "CRO", "all-capitals + an ORG vote"),
    ("called-by-surname", "A 'body' also called by its last word as a person is, is a person.",
     "Ann Lee (ORG) ... Lee (PERSON): a person.", "ORG full name, PERSON last word"))}


@dataclass
class Cluster:
    surfaces: list[Surface] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    references: list[int] = field(default_factory=list)
    """Sentences that refer to the actor by role only ("the Prime Minister")."""
    evidence: list[Evidence] = field(default_factory=list)
    """The merges that made the cluster (its mentions carry the rest)."""
    _memo: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)
    """What `_remembered` computed, with the number of surfaces it was computed from."""

    def _remembered(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()`, computed again only once surfaces were added (they are only ever added)."""
        size = len(self.surfaces)
        known = self._memo.get(key)
        if known is None or known[0] != size:
            known = self._memo[key] = (size, compute())
        return known[1]

    def absorb(self, surfaces: list[Surface], by: Rule) -> None:
        """Take in another cluster's surfaces, as `by` says they name this actor."""
        self.evidence.append(by.evidence(f"merge {surfaces[0].name}" if surfaces else "merge"))
        self.surfaces.extend(surfaces)

    @property
    def sentences(self) -> set[int]:
        return {s.mention.sentence for s in self.surfaces}

    @property
    def type(self) -> ActorType:
        return self.typed[0]

    @property
    def typed(self) -> tuple[ActorType, Rule]:
        return cast(tuple[ActorType, Rule], self._remembered("typed", self._typed))

    def _typed(self) -> tuple[ActorType, Rule]:
        """The type, with the rule that decided it: what the name data or the words say it is,
        else what the tagger said of its fullest name ("Arthur Hailey" a person, however often
        "Hailey" alone was taken for a body), an acronym a body if the tagger ever said so."""
        vote = TYPE_RULES["vote-known-or-stated"]
        fixed = ([s.type for s in self.surfaces if s.canonical] or [s.type for s in self.surfaces if s.stated]
                 if vote.on else [])
        bare = self.bare
        full = [s.type for s in self.surfaces if s.name == bare] if " " in bare and TYPE_RULES["vote-full-name"].on \
            else []
        votes = Counter(fixed or full or [s.type for s in self.surfaces])
        decided = vote if fixed else TYPE_RULES["vote-full-name"] if full else TYPE_RULES["vote-all"]
        if not fixed and bare.isupper() and votes["organisation"] and TYPE_RULES["acronym-body"].on:
            return "organisation", TYPE_RULES["acronym-body"]  # an acronym the name data does not know as a place
        order = ("person", "place", "organisation", "group")
        kind = max(votes, key=lambda t: (votes[t], -order.index(t)))
        if not fixed and kind == "organisation" and full and TYPE_RULES["called-by-surname"].on and any(
                s.mention.label == "PERSON" and s.name == bare.split()[-1] for s in self.surfaces):
            # called by its last word, as a person is ("Idowu"), not a body ("Allied")
            return "person", TYPE_RULES["called-by-surname"]
        return kind, decided

    @property
    def bare(self) -> str:
        """The longest name without honorific or title ("Keir Starmer")."""
        return cast(str, self._remembered("bare", self._bare))

    def _bare(self) -> str:
        names = Counter(s.name for s in self.surfaces)
        return max(names, key=lambda n: (len(n.split()), names[n], len(n)))

    @property
    def name(self) -> str:
        return cast(str, self._remembered("name", self._name))

    def _name(self) -> str:
        fixed = [s.name for s in self.surfaces if s.canonical]
        if fixed:
            return fixed[0]
        names = Counter(s.name for s in self.surfaces)
        if self.type != "person":
            # in full rather than shortened ("Committee" of "Committee to Protect Bloggers") or an
            # acronym ("CBI" of "Confederation of British Industry")
            acronyms = {_initials(n) for n in names}
            parts = {w for n in names if " " in n for w in (n.split()[0], n.split()[-1])}
            return max(names, key=lambda n: (not (n.isupper() and n in acronyms) and n not in parts, names[n], len(n)))
        return self._person_name(names)

    def _person_name(self, names: Counter[str]) -> str:
        """The fullest name the article gives, styled with a knighthood or peerage as the article
        styles it ("Sir Keir Starmer", not "Dr Ann Lee"); an honorific and surname ("Mr Trump")
        only when no fuller name is given."""
        full = self.bare
        styled = Counter(s.styled for s in self.surfaces if s.name == full and s.honorific and (
            " " not in full or not STYLES.on or s.honorific.rstrip(".").lower() in name_data().styles))
        if styled:
            return styled.most_common(1)[0][0]
        return full


def merge(surfaces: list[Surface], data: NameData, text: str = "") -> list[Cluster]:
    """One cluster per actor: the same name however spaced or hyphenated ("Time Warner",
    "TimeWarner"), with or without a country in front ("US Federal Reserve"), a person's
    first or last name alone, an acronym and its expansion."""
    clusters: dict[str, Cluster] = {}
    for surface in surfaces:
        clusters.setdefault(_key(surface.name) + _stated_gender(surface, data), Cluster()).surfaces.append(surface)
    # adjectives of places this article names ("Ugandan" when it names Uganda), beside the known ones
    adjectives = data.nationalities | {s.form.lower() for s in surfaces if s.type == "place" and s.form != s.name}
    for key, cluster in list(clusters.items()):
        words = cluster.bare.split()
        if cluster.type == "organisation" and len(words) > 2 and words[0].lower() in adjectives:
            target = clusters.get(_key(" ".join(words[1:])))
            if target is not None and target is not cluster and MERGE_RULES["country-prefix"].on:
                target.absorb(cluster.surfaces, MERGE_RULES["country-prefix"])
                del clusters[key]
    for key, step in (("numbered", _merge_numbered), ("plural-variant", _merge_plural_variants),
                      ("middle-names", _merge_middle_names),
                      ("stated-alias", lambda c: _merge_stated_aliases(c, text))):
        if MERGE_RULES[key].on:
            step(clusters)
    named = [c for c in clusters.values() if c.type in ("person", "organisation") and " " in c.bare]
    people = [c for c in named if c.type == "person"]
    both = _named_for_both_genders(clusters)
    for key, cluster in list(clusters.items()):
        speaking = cluster.type == "place" and SPEAKING_PLACE.on and _speaks(cluster, text)
        if " " in cluster.bare or any(s.canonical for s in cluster.surfaces) and not speaking:
            continue
        if cluster.bare in both and not any(_gender(c, data) for c in people if c.bare.split()[-1] == cluster.bare):
            continue  # "Mr Howard" and "Mrs Howard": which of them "Michael Howard" is, is not said
        by = MERGE_RULES["part-of-name"]
        if cluster.type == "place":
            # a surname the tagger took for a place ("Thanou" after "Katerina Thanou"), never a
            # place the name data knows ("Washington") unless a person's words go with it ("said
            # Washington", "Washington, who ...")
            target = None if data.lookup(cluster.bare) and not speaking else _with_part(people, cluster.bare.lower(), data)
            by = SPEAKING_PLACE if speaking else by
        elif cluster.bare.isupper():  # an acronym stands for its expansion, not for "AOL Europe"
            target, by = _expansion(clusters, key, data), MERGE_RULES["acronym"]
        else:
            target = _with_part(named, cluster.bare.lower(), data, _gender(cluster, data)) if by.on else None
            if target is None:
                target, by = _expansion(clusters, key, data), MERGE_RULES["acronym"]
        if target is not None and target is not cluster and by.on:
            # the mentions of a place's name that speak name the person, the others still the place
            moved = [s for s in cluster.surfaces if _speaks_at(s, text)] if speaking else cluster.surfaces
            target.absorb([replace(s, type="person", canonical=False) for s in moved] if speaking else moved, by)
            rest = [s for s in cluster.surfaces if s not in moved]
            if rest:
                clusters[key] = Cluster(surfaces=rest)
            else:
                del clusters[key]
    if MERGE_RULES["bare-surname"].on:
        _merge_bare_surnames(clusters)
    if FAMILIAR.on:
        people = [c for c in clusters.values() if c.type == "person" and " " in c.bare]
        for key, cluster in list(clusters.items()):
            if _familiar_only(cluster, people):
                FAMILIAR.evidence("not an actor")
                del clusters[key]
    return list(clusters.values())


def _familiar_only(cluster: Cluster, people: list[Cluster]) -> bool:
    """Whether the person is named only by a familiar form of a given name, alone ("Bill said")
    or as a nickname of someone the article names in full ("Mini Mike" of Michael Bloomberg);
    never one given an honorific or a title."""
    forms = familiar_forms()
    words = cluster.bare.split()
    if cluster.type != "person" or words[-1] not in forms or any(s.honorific or s.title for s in cluster.surfaces):
        return False
    if len(words) == 1:
        return True
    return len(words) == 2 and any(c is not cluster and c.bare.split()[0] in (words[1], forms[words[1]])
                                   and c.bare.split()[-1] != words[0] for c in people)


def _merge_bare_surnames(clusters: dict[str, Cluster]) -> None:
    """A surname left alone ("Patel", when no one named in full bears it) is the one person the
    article calls by honorific and that surname ("Mrs Patel"), if only one is."""
    styled: dict[str, list[Cluster]] = {}
    for key, cluster in clusters.items():
        if "|" in key:
            styled.setdefault(key.split("|", 1)[0], []).append(cluster)
    for key, cluster in list(clusters.items()):
        if len(styled.get(key, ())) == 1 and cluster.type == "person" and " " not in cluster.bare:
            styled[key][0].absorb(cluster.surfaces, MERGE_RULES["bare-surname"])
            del clusters[key]


def _merge_numbered(clusters: dict[str, Cluster]) -> None:
    """A body's numbered part is that body ("BBC2", "BBC 4" of "BBC")."""
    for key, cluster in list(clusters.items()):
        base = cluster.bare.rstrip("0123456789").rstrip()
        if cluster.type != "organisation" or base == cluster.bare or not base:
            continue
        target = clusters.get(_key(base))
        if target is not None and target is not cluster and target.type == "organisation":
            target.absorb(cluster.surfaces, MERGE_RULES["numbered"])
            del clusters[key]


def _merge_plural_variants(clusters: dict[str, Cluster]) -> None:
    """A body's name written with a word in the singular once and in the plural once is one body
    ("Commonwealth War Grave Commission", "Commonwealth War Graves Commission")."""
    seen: dict[str, str] = {}
    for key, cluster in list(clusters.items()):
        words = cluster.bare.split()
        if cluster.type != "organisation" or len(words) < 2:
            continue
        singular = _key(" ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words))
        if singular in seen and clusters[seen[singular]].type == "organisation":
            clusters[seen[singular]].absorb(cluster.surfaces, MERGE_RULES["plural-variant"])
            del clusters[key]
        else:
            seen[singular] = key


def _merge_middle_names(clusters: dict[str, Cluster]) -> None:
    """One person named more or less fully: "David Collins" and "David Lee Collins" (same first
    and last name), "Christian Andersen" and "Hans Christian Andersen" (the end of the name), a
    surname opened by a particle whatever the tagger took it for ("Van der Berg" of "Jan van der
    Berg", `PARTICLE_SURNAME`)."""
    fuller: list[tuple[list[str], str]] = []
    for key, cluster in sorted(clusters.items(), key=lambda kv: -len(kv[1].bare.split())):
        words = cluster.bare.lower().split()
        particled = PARTICLE_SURNAME.on and bool(words) and words[0] in SURNAME_PARTICLES and cluster.type != "person"
        if (cluster.type != "person" and not particled) or len(words) < 2:
            continue
        target = next((k for longer, k in fuller if len(longer) > len(words) and (
            longer[-len(words):] == words or not particled and (longer[0], longer[-1]) == (words[0], words[-1]))),
                      None)
        if target is not None:
            clusters[target].absorb(cluster.surfaces, PARTICLE_SURNAME if particled else MERGE_RULES["middle-names"])
            del clusters[key]
        elif not particled:
            fuller.append((words, key))


#: What `_key` leaves out: a leading "the", an "and" or "&" between words; then all but letters and digits.
KEY_FILLER = re.compile(rf"^the\s+|\s(?:{alternatives('name_conjunctions')})(?=\s)")
KEY_SYMBOLS = re.compile(r"[^\w]|_")


#: ", who" after a name: a person's relative clause.
WHO_AFTER = re.compile(r"\s{0,3},\s{1,3}who\b")


def _speaks(cluster: Cluster, text: str) -> bool:
    """Whether a person's words go with one of the cluster's mentions (`_speaks_at`)."""
    return any(_speaks_at(s, text) for s in cluster.surfaces)


#: What follows a reported clause's subject, not a speaker's name: "said Jordan would ...".
CLAUSE_GOES_ON = re.compile(rf"\s{{1,3}}(?:{alternatives('future_auxiliaries')}|has|had|is|was|are|were)\b")


def _speaks_at(surface: Surface, text: str) -> bool:
    """A verb of saying right before the mention ("said Washington", not "said Jordan would ..."),
    or ", who" after it; not "Washington said", which is as often a government speaking."""
    start, end = surface.mention.start, surface.mention.end
    return bool(SAID_BEFORE.search(text, max(0, start - 40), start) and not CLAUSE_GOES_ON.match(text, end)
                or WHO_AFTER.match(text, end))


def _key(name: str) -> str:
    """What two spellings of one name share: "The Labor Department" ~ "Labor Department",
    "Lancôme" ~ "Lancome", "Economic and Social Research Council" ~ "Economic Social Research Council"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    return KEY_SYMBOLS.sub("", KEY_FILLER.sub("", folded))


def _with_part(named: list[Cluster], part: str, data: NameData, gender: set[str] | None = None) -> Cluster | None:
    """The one person or organisation whose name begins or ends with `part` ("Starmer" for
    "Keir Starmer", "Allied" for "Allied Domecq"); of several, the one person whose gender the
    honorific allows ("Miss Reid": Melissa Reid, not William Reid, "father of Melissa"), or the
    one body whose name it begins."""
    found = [c for c in named if part in (c.bare.lower().split()[0], c.bare.lower().split()[-1])]
    if gender:  # "Mrs Howard" is not "Michael Howard", "Mr Howard"
        found = [c for c in found if not (c.type == "person" and _gender(c, data) - gender)]
    if len(found) > 1 and gender:  # an honorific names a person, not a body
        found = [c for c in found if c.type == "person"]
    if len(found) > 1:  # a body is shortened to its first word ("Telegraph" of "Telegraph Group")
        found = [c for c in found if c.type == "organisation" and c.bare.lower().split()[0] == part] or found
    if len(found) > 1 and not gender and all(c.type == "person" for c in found):
        # of several people ("Mark", "Debbie" and "Scott Meadows"), the one the article names first:
        # the others are told apart by their full names (an honorific's gender is not guessed at)
        return min(found, key=lambda c: min(s.mention.start for s in c.surfaces))
    return found[0] if len(found) == 1 else None


def _named_for_both_genders(clusters: dict[str, Cluster]) -> set[str]:
    """Surnames the article gives with a man's and a woman's honorific ("Mr Howard", "Mrs Howard")."""
    genders = Counter(key.split("|", 1)[0] for key in clusters if "|" in key)
    return {cluster.bare for key, cluster in clusters.items() if "|" in key and genders[key.split("|", 1)[0]] > 1}


def _stated_gender(surface: Surface, data: NameData) -> str:
    """"|woman" for "Mrs Howard", "|man" for "Mr Howard": a surname alone names one person of
    each gender; "" for any other surface."""
    if surface.honorific and " " not in surface.name:
        return "".join(f"|{g}" for g in sorted(data.gender([surface.honorific])))
    return ""


def _gender(cluster: Cluster, data: NameData) -> set[str]:
    """What the honorifics, titles and parsed roles of a cluster's mentions say its gender is."""
    words = [w for s in cluster.surfaces for phrase in (s.honorific, s.title, s.mention.role) if phrase
             for w in phrase.split()]
    return data.gender(words)


#: After a name: "(ACRONYM)" or ", also known as" — the text itself says the next name is the same actor.
STATED_ALIAS = re.compile(r"\s{0,2}\(\s{0,2}"
                          rf"|,?\s{{1,3}}(?:{alternatives('alias_phrases')})\s{{1,3}}(?:the\s{{1,3}})?")


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
            clusters[named].absorb(moved, MERGE_RULES["stated-alias"])
            owner.update({id(s): named for s in moved})


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


#: Last words of a name that are common words too: never counted as the person on their own.
NOT_SURNAMES = lexicon("not_surnames") | calendar()
#: A people's ending after its place's name, ending the word ("Greenland" + "ers").
PEOPLE_ENDING = re.compile(rf"(?:{alternatives('people_endings')})(?![\w-])")
#: What a name written on its own has on neither side.
NAME_NEIGHBOUR = re.compile(r"[\w-]")


def propagate(clusters: list[Cluster], document: Document) -> None:
    """Count the mentions the tagger missed: a known actor's name written again ("Starmer"
    after "Keir Starmer"), and the people of a named place ("Greenlanders" after "Greenland")."""
    owners: dict[str, Cluster] = {}
    for cluster in clusters:
        forms = {s.form for s in cluster.surfaces}
        if cluster.type == "person" and len(cluster.bare.split()) > 1:
            surname = cluster.bare.split()[-1]
            named_by = surname.lower() not in NOT_SURNAMES and not ROMAN.fullmatch(surname)  # "II" is no surname
            forms |= {cluster.bare} | ({surname} if named_by else set())
        owners.update((form, cluster) for form in forms if form[:1].isupper() and form not in owners)
    text = document.article.text
    written = names_written(text, owners, [c.bare for c in clusters if c.type == "place" and " " not in c.bare])
    if written is None:
        return
    taken = bytearray(len(document.article.text) + 1)  # the characters a mention already covers
    for surface in (s for c in clusters for s in c.surfaces):
        taken[surface.mention.start:surface.mention.end] = b"\x01" * (surface.mention.end - surface.mention.start)
    starts = [u.start for u in document.sentences]
    peoples: dict[str, Cluster] = {}
    for start, end in written:
        sentence = bisect_right(starts, start) - 1
        if (sentence < 0 or document.sentences[sentence].kind == "heading"
                or any(taken[start:end]) or FAMILY.match(text, end)):
            continue  # a heading, a mention already counted, a family ("the Anderson family")
        form = text[start:end]
        mention = Mention(form, "PROPAGATED", start, end, sentence)
        owner = owners.get(form)
        if owner is None:
            peoples.setdefault(form, Cluster()).surfaces.append(Surface(form, form, "group", mention))
        else:
            canonical = next((s.name for s in owner.surfaces if s.canonical), None)
            owner.surfaces.append(Surface(canonical or owner.bare, form, owner.type, mention,
                                          canonical=canonical is not None))
    clusters.extend(peoples.values())
    _shared_heads(clusters, document, starts)


def names_written(text: str, forms: Iterable[str], places: Iterable[str]) -> list[tuple[int, int]] | None:
    """Where the text writes one of the `forms` (the longest first), or names the people of one
    of the one-word `places` ("Greenlanders"), as a whole word, left to right and never overlapping:
    what one alternation of them all would find, read with `str.find` (no regex compiled per
    article); None when there is nothing to look for."""
    order = [*((place, True) for place in places), *((form, False) for form in sorted(forms, key=len, reverse=True))]
    if not order:
        return None
    ends: dict[int, int] = {}  # start -> end of the first name in `order` written there
    for name, people in order:
        start = text.find(name)
        while start >= 0:
            if start not in ends and not (start and NAME_NEIGHBOUR.match(text, start - 1)):
                after = start + len(name)
                if people and (ending := PEOPLE_ENDING.match(text, after)):
                    ends[start] = ending.end()
                elif not people and not NAME_NEIGHBOUR.match(text, after):
                    ends[start] = after
            start = text.find(name, start + 1)
    found: list[tuple[int, int]] = []
    for start in sorted(ends):
        if not found or start >= found[-1][1]:
            found.append((start, ends[start]))
    return found


#: "The" opening a name ("The Daily Telegraph").
LEADING_THE = re.compile(r"^The ")
#: "X and Y Z...": two capitalised words joined by "and" before the words they may share.
SHARED_HEAD = re.compile(r"(?<![\w-])([A-Z][\w'’-]{0,40}) and ([A-Z][\w'’-]{0,40})((?: [A-Z][\w'’-]{0,40}){1,3})")


def _shared_heads(clusters: list[Cluster], document: Document, starts: list[int]) -> None:
    """Two names sharing their last words, written once ("the Daily and Sunday Telegraph", "North
    and South Korea"), when the article names one of them in full elsewhere: both are mentioned
    there, and the other is an actor of the same type."""
    named = {_key(LEADING_THE.sub("", s.name)): c for c in clusters if c.type in ("organisation", "place")
             for s in c.surfaces}
    by_key = {_key(c.bare): c for c in clusters}
    for match in SHARED_HEAD.finditer(document.article.text):
        first, second, rest = match.groups()
        for end in range(len(rest.split()), 0, -1):  # the longest shared head that makes a known name
            head = " ".join(rest.split()[:end])
            cluster = named.get(_key(f"{first} {head}"))
            if cluster is not None:
                break
        else:
            continue
        sentence = bisect_right(starts, match.start()) - 1
        if sentence < 0 or document.sentences[sentence].kind == "heading":
            continue
        other = f"{second} {head}"
        span = f"{first} and {other}"
        mention = Mention(span, "PROPAGATED", match.start(), match.start() + len(span), sentence)
        cluster.surfaces.append(Surface(cluster.name, cluster.name, cluster.type, mention))
        if _key(other) not in by_key:
            by_key[_key(other)] = Cluster()
            clusters.append(by_key[_key(other)])
        by_key[_key(other)].surfaces.append(Surface(other, other, cluster.type, mention))
        joint = by_key.pop(_key(span), None)  # the tagger's "North and South Korea"
        if joint is not None and joint in clusters:
            clusters.remove(joint)
