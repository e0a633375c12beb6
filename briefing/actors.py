"""Actors of an article: entity mentions cleaned, merged into one entry per real actor,
typed, given the roles the text states, weighted and ranked.

Reads only a `Document` (plain data); the name data (honorifics, titles, countries and their
adjectives, organisations and their short forms) lives in data/names.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from dataclasses import dataclass, field

from .document import Document, Mention
from .models import Actor, ActorType, Role, Sentence
from .names import NameData, name_data, office

LABEL_TYPES: dict[str, ActorType] = {"PERSON": "person", "ORG": "organisation", "GPE": "place",
                                     "LOC": "place", "FAC": "place", "NORP": "group"}
NAME_PARTICLES = {"of", "the", "and", "for", "de", "del", "der", "van", "von", "al", "bin", "la", "le",
                  "da", "du", "di", "y", "on", "upon", "&"}
JUNK_PREFIX = re.compile(r"^(?:post|pre|pro|anti|non|ex|neo|mid|self|so-called)-", re.I)
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
#: ", the project manager," after a name: the phrase up to the next comma or full stop
ROLE_AFTER = re.compile(r"\s{0,5},\s{1,5}(?:who\s{1,5}(?:is|was)\s{1,5})?(?:the\s{1,5}|a\s{1,5}|an\s{1,5})?"
                        r"([^,;()]{2,60}?)\s{0,5}(?:[,;]|\.$|\.\s)")
#: "head of ...", "analyst at ...", "ambassador to ...": up to three words before "of", "at", "to" or "for"
ROLE_OPENING = re.compile(r"((?:\w{1,40}\s{1,5}){0,2}?\w{1,40})\s{1,5}(?:of|at|to|for)\s")
WORD = re.compile(r"\w+(?:['’-]\w+)*")
QUOTES = "'\"‘’“”`"
PEOPLE_ENDINGS = ("ers", "ians", "ans", "ns", "ese", "is", "ites", "s")
MAX_NAME_WORDS = 6


@dataclass
class Surface:
    """One mention after clean-up: the name it gives and what it says about the actor."""

    name: str
    form: str
    """The surface form as written (possessive and quotes removed), kept as an alias."""
    type: ActorType
    mention: Mention
    title: str | None = None
    canonical: bool = False
    """True when the name data fixed the name and type."""
    honorific: str | None = None
    """"Sir", "Mr"... written with this mention of a person."""

    @property
    def styled(self) -> str:
        """The name as the article styles it: "Sir Keir Starmer", "Mr Trump"."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


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
        if self.type != "person":
            return max(names, key=lambda n: (names[n], len(n)))
        return self._person_name(names)

    def _person_name(self, names: Counter) -> str:
        """The fullest name the article gives, styled as the article styles it ("Sir Keir
        Starmer"); an honorific and surname ("Mr Trump") only when no fuller name is given."""
        full = self.bare
        styled = Counter(s.styled for s in self.surfaces if s.name == full and s.honorific)
        if styled:
            return styled.most_common(1)[0][0]
        return full


def extract_actors(document: Document, key_sentences: Iterable[Sentence] = ()) -> list[Actor]:
    """The article's actors, heaviest first, key ones marked."""
    data = name_data()
    surfaces = [s for m in document.mentions if (s := clean(m, document, data))]
    clusters = merge(surfaces, data, document.article.text)
    propagate(clusters, document)
    assign_roles(clusters, document, data)
    return rank(clusters, document, list(key_sentences))


def clean(mention: Mention, document: Document, data: NameData) -> Surface | None:
    """The mention as a name, or None when it is not an actor (heading, fragment, prefix...)."""
    if document.sentences[mention.sentence].kind == "heading":
        return None
    text = mention.text.strip()
    if "\n" in text:
        return None
    text = text.strip(QUOTES + " ")
    text = POSSESSIVE.sub("", text).strip(QUOTES + " ")
    known = data.lookup(text)  # "The Hague", "The Telegraph" keep their article
    if text.lower().startswith("the ") and not known:
        text = text[4:]
    form = text
    title = None
    before = document.context(mention)[0].split()
    honorific = before[-1] if before and before[-1].rstrip(".").lower() in data.honorifics else None
    words = text.split()
    while len(words) > 1:
        head = words[0].rstrip(".").lower()
        # a title opens a person's name only ("President Macron", not "Premier League")
        matched = data.leading_title(" ".join(words)) if mention.label == "PERSON" else None
        if head in data.honorifics:
            honorific = words[0]
            words = words[1:]
        elif matched and len(words) > len(matched.split()):
            title = matched if title is None else title
            words = words[len(matched.split()):]
        elif mention.label == "PERSON" and len(words) > 2 and (head in data.nationalities or head in data.role_nouns):
            words = words[1:]  # a descriptor glued to the name: "Russian Igor Kolyvanov", "Defender Hassan Abbas"
        else:
            break
    name = re.split(r",| [-–—] | ?\(", " ".join(words))[0].strip()  # "Islamic State (ISIS": the name
    if not name or name.lower() in data.not_actors or _junk(name, mention, document, data):
        return None
    known = data.lookup(name) or known
    if known:
        return Surface(known.name, form, known.type, mention, title, canonical=True)
    kind = LABEL_TYPES[mention.label]
    words = name.split()
    place = _place_of_adjective(name, document) if len(words) == 1 and not name.endswith("s") else None
    if place is not None and place != name:
        return Surface(place, form, "place", mention)  # "Ugandan" women: Uganda
    if title or honorific:
        kind = "person"
    elif len(words) > 1 and {words[0].lower(), words[-1].lower()} & data.organisation_words:
        kind = "organisation"  # "University of Cambridge", whatever the tagger said
    elif mention.role and mention.role.split()[-1].lower() in data.body_nouns:
        # "German music publisher Bertelsmann": the text says what it is, whatever the tagger said
        return Surface(name, form, "organisation", mention, canonical=True)
    elif len(words) == 1:
        kind = _cued(mention, document.article.text) or kind
    if kind == "group" and not name.endswith("s"):
        return None  # an adjective of no known country ("Euro-Atlantic", "pro-European")
    if kind != "person" and _is_people(name, document, data):
        kind = "group"
    return Surface(name, form, kind, mention, title, honorific=honorific if kind == "person" else None)


def _junk(name: str, mention: Mention, document: Document, data: NameData) -> bool:
    words = name.split()
    if words[-1].rstrip(".").lower() in data.honorifics:
        return True  # cut before the name it styles ("Tory Treasurer Lord")
    if name.lower() in data.role_nouns or data.trailing_title(name) == name.lower():
        return True  # a role without its holder ("Secretary", "General Secretary")
    if len(words) > MAX_NAME_WORDS or JUNK_PREFIX.match(name) or _a_figure(words):
        return True
    if len(words) > 1 and words[-1].lower() in data.not_actor_endings:
        return True  # an event, a document or a work ("Athens Olympics", "White Paper")
    if name.endswith("-") or name.startswith("-") or all(w.lower() in NAME_PARTICLES for w in words):
        return True  # a fragment ("Bureau of Re-", "The")
    if any(w[0].islower() and w.lower() not in NAME_PARTICLES for w in words):
        return True  # a phrase, not a name ("Starmer builds defence alliance")
    text = document.article.text
    if _quoted(mention, text, data):
        return True  # a quoted title or nickname ('Mr Nasty'), not a mention of an actor
    after = text[mention.end:mention.end + 20].lstrip()
    if "-" in name and len(words) == 1 and mention.label != "PERSON" and after[:1].islower():
        return True  # an adjective before a noun ("Euro-Atlantic security")
    if re.match(r"-[a-z]", text[mention.end:mention.end + 2]):
        return True  # the first half of a compound ("State-owned")
    starts_sentence = not text[document.sentences[mention.sentence].start:mention.start].strip(QUOTES + " ")
    if len(words) == 1 and starts_sentence and re.search(rf"\b{re.escape(name.lower())}\b", text):
        return True  # a common word capitalised only by its place ("State", "Group")
    return False


#: Words before a name that make it a body ("shares in Ryanair") or a place ("buried in Worcester").
BODY_CUE = re.compile(r"\b(?:shares|stake|shareholders|investors|stakes)\s{1,3}in\s{1,3}$", re.I)
PLACE_CUE = re.compile(r"\b(?:in|near|outside|across)\s{1,3}$")
FROM_CUE = re.compile(r"\bfrom\s{1,3}$")


def _cued(mention: Mention, text: str) -> ActorType | None:
    """The type the words around a one-word name give it: "shares in X" a body; "in X", "near X"
    a place (not "in X's view"). ("X-based" names a place too, but only as a descriptor: such a
    mention is no actor, see `_junk`.)"""
    before = text[max(0, mention.start - 30):mention.start]
    after = text[mention.end:mention.end + 2]
    if BODY_CUE.search(before):
        return "organisation"
    if PLACE_CUE.search(before) and not after.startswith(("'s", "’s")):
        return "place"
    if mention.label == "PERSON" and FROM_CUE.search(before):
        return "place"  # "Eric Saunders, 61, from Worcester": no one is from a person
    return None


def _quoted(mention: Mention, text: str, data: NameData) -> bool:
    """True when the mention ends a quoted title of capitalised words ('No More Mr Nasty', 'Mr
    Grumpy'): a programme, a book or a nickname, not a mention of an actor."""
    if text[mention.end:mention.end + 1] not in tuple(QUOTES):
        return False
    before = text[max(0, mention.start - 40):mention.start]
    opening = max(before.rfind(q) for q in QUOTES)
    if opening < 0:
        return False
    words = before[opening + 1:].split()
    return all(w[:1].isupper() or w.rstrip(".").lower() in data.honorifics for w in words)


def _a_figure(words: list[str]) -> bool:
    """A date, sum, count or number rather than a name: a year or count ("2005", "1,000"), money,
    a share or a phone number ("£5m", "10%", "+353"), a quantity ("10bn"), an ordinal that opens
    no name ("182nd", "Durie 75th"). Digits inside a name stay: G7, BBC2, Radio 4, 2nd Battalion."""
    for position, word in enumerate(words):
        if not any(c.isdigit() for c in word):
            continue
        if any(c in "£$€¥%,.+" for c in word) or (word.isdigit() and (len(word) >= 3 or position == 0)):
            return True
        ordinal = word.lstrip("0123456789").lower() in ("st", "nd", "rd", "th")
        if word[0].isdigit() and not (ordinal and position == 0 and len(words) > 1):
            return True  # "5m", "10bn", "182nd", "Durie 75th"
    return False


ADJECTIVE_ENDINGS = (("ian", ""), ("ian", "ia"), ("ian", "a"), ("an", "a"), ("an", ""), ("n", ""), ("i", ""),
                     ("ese", ""), ("ish", ""))


def _place_of_adjective(name: str, document: Document) -> str | None:
    """The place the article names whose adjective `name` is ("Ugandan" -> "Uganda", "Iraqi" ->
    "Iraq", "Brazilian" -> "Brazil"), if it names one."""
    places = {m.text: m.text for m in document.mentions if m.label in ("GPE", "LOC")}
    for ending, restored in ADJECTIVE_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            place = places.get(name[:len(name) - len(ending)] + restored)
            if place:
                return place
    return None


def _is_people(name: str, document: Document, data: NameData) -> bool:
    """A plural naming a people ("Greenlanders", "Americans"): a group, not a place or body."""
    if " " in name:
        return False
    places = {m.text.lower() for m in document.mentions if m.label in ("GPE", "LOC")} | data.place_forms
    lowered = name.lower()
    stems = (lowered[: -len(ending)] for ending in PEOPLE_ENDINGS if lowered.endswith(ending))
    return any(len(stem) > 3 and stem in places for stem in stems)


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


# Roles ---------------------------------------------------------------------------------------

def assign_roles(clusters: list[Cluster], document: Document, data: NameData) -> None:
    """Roles stated next to a person's name, then "the Prime Minister"-style references."""
    for cluster in clusters:
        if cluster.type != "person":
            continue
        for surface in cluster.surfaces:
            sentence = document.sentences[surface.mention.sentence].text
            before, after = document.context(surface.mention)
            if surface.title:
                before = f"{before}{surface.form[:surface.form.find(surface.title) + len(surface.title)]}"
            phrase = _role_before(before, data) or surface.mention.role or _role_after(after, data)
            if phrase and phrase.lower() not in {r.title.lower() for r in cluster.roles}:
                cluster.roles.append(Role(title=phrase, sentence=sentence))
    _resolve_definite_roles(clusters, document, data)


ROLE_MODIFIERS = {"managing", "acting", "founding", "outgoing", "incoming", "reigning", "sitting", "serving",
                  "retired", "elected", "governing", "ruling", "leading", "presiding"}
ROLE_STOP = {"meanwhile", "however", "now", "today", "yesterday", "last", "next", "then", "so", "yet",
             "the", "a", "an", "and", "or", "of", "with", "by", "for", "to", "in", "on", "at", "as", "from",
             "said", "says", "told", "was", "is", "who", "that", "which", "but", "when", "after", "before",
             "while", "his", "her", "their", "its", "our", "my", "has", "had", "have", "been", "new",
             "including", "like", "such", "than", "about", "against", "between", "during", "under", "over",
             "into", "through", "among", "named", "called", "dubbed", "featuring", "starring", "where",
             "whose", "also", "not", "only", "just", "even", "both", "all", "some", "many",
             "other", "another", "this", "these", "those", "are", "were", "be", "will", "would"}


def _role_before(before: str, data: NameData) -> str | None:
    """A role phrase ending right before the name: "Danish PM", "NATO boss", "Labour leader",
    "Menatep Group's managing director". It ends in a role noun or title; one lower-case modifier
    may stand before a lower-case role, then capitalised qualifiers, the leftmost maybe possessive."""
    words = before.rstrip().split()
    while words and words[-1].rstrip(".").lower() in data.honorifics:
        words.pop()
    phrase: list[str] = []
    owner = False  # inside a possessive qualifier ("Menatep Group's"): capitalised words only
    for word in reversed(words):
        bare = POSSESSIVE.sub("", word)
        if not re.fullmatch(r"[A-Za-z.&-]+", bare) or bare.lower() in ROLE_STOP:
            break
        if owner and (bare != word or not bare[0].isupper()):
            break
        if not phrase:
            if bare.lower() not in data.role_nouns and not _is_title(bare, data):
                break
        elif bare[0].islower() and bare.lower() not in data.role_nouns:
            if phrase[-1][0].isupper() or any(w[0].isupper() or w.lower() not in data.role_nouns
                                              for w in phrase[:-1]):
                break  # one modifier, of a lower-case role only ("finance minister", not "share President")
            if bare.endswith(("ing", "ed")) and bare not in ROLE_MODIFIERS:
                break  # a verb, not a modifier ("replacing actor"; but "managing director")
        phrase.insert(0, word.strip(QUOTES))
        owner = owner or bare != word
    return " ".join(phrase) or None


def _role_after(after: str, data: NameData) -> str | None:
    """An apposition after the name: ", NATO's secretary general,", ", the project manager,",
    ", head of currency strategy at Bank of America." (a role noun first, then of/at whom)."""
    match = ROLE_AFTER.match(after)
    if not match:
        return None
    phrase = match.group(1)
    words = phrase.split()
    if not words or any(w.isdigit() for w in words) or _names_a_body(phrase, data):
        return None
    if words[-1].lower() in data.role_nouns or _is_title(phrase, data):
        return phrase
    opening = ROLE_OPENING.match(phrase)
    if opening and opening.group(1).split()[-1].lower() in data.role_nouns:
        return re.split(r"\s+in\s+", phrase)[0]  # "head of strategy at Bank of America"
    return None


def _names_a_body(phrase: str, data: NameData) -> bool:
    """"Ministry of Justice", "Court of Appeal": an organisation, not a role."""
    words = phrase.split()
    return (" of " in phrase and words[0][0].isupper() and words[-1][0].isupper()
            and words[0].lower() not in data.role_nouns and not _is_title(phrase, data))


def _is_title(text: str, data: NameData) -> bool:
    return data.trailing_title(text) is not None


DEFINITE = re.compile(r"\b[Tt]he\s+(?=((?:[\w.'’-]+\s*){1,4}))")  # lookahead: "the"s may be close


ORDINALS = {"first", "second", "third", "last", "next", "only", "same", "other", "new"}


def _definite_role(words: list[str], data: NameData) -> str | None:
    """The longest role phrase opening `words` that names one office: a title ("the Prime
    Minister", "the US President") or a qualified role noun ("the opposition leader"), not a
    bare noun ("the head", "the star") nor an ordinal ("the first president")."""
    words = [w.strip(",;:.!?" + QUOTES) for w in words]
    if not words or words[0].lower() in ORDINALS or any(c.isdigit() for w in words[:3] for c in w):
        return None
    owned = next((i for i, w in enumerate(words[:3]) if POSSESSIVE.search(w)), None)
    if owned is not None and owned < len(words[:3]) - 1 and words[owned + 1].lower() in data.role_nouns:
        return None  # "the prime minister's spokesman": someone else's office
    words = [POSSESSIVE.sub("", w) for w in words]
    for size in range(min(3, len(words)), 0, -1):
        phrase = " ".join(words[:size])
        last = words[size - 1]
        if _names_a_body(phrase, data):
            continue
        if _is_title(phrase, data) and last[:1].isupper() or size > 1 and last.lower() in data.role_nouns:
            return phrase
    return None


def _resolve_definite_roles(clusters: list[Cluster], document: Document, data: NameData) -> None:
    """Give "the US President", "the PM", "the opposition leader" to the person the text means:
    one whose stated role is the same office without a conflicting qualifier, else the nearest
    named person with no role stated."""
    people = [c for c in clusters if c.type == "person"]
    if not people:
        return
    for index, unit in enumerate(document.sentences):
        if unit.kind == "heading":
            continue
        for match in DEFINITE.finditer(unit.text):
            words = match.group(1).split()
            title = _definite_role(words, data)
            if title is None:
                continue
            following = words[len(title.split()):len(title.split()) + 1]
            if following and following[0][:1].isupper():
                continue  # "the Prime Minister Mette Frederiksen": the name follows
            person = _holder(people, office(title, data), index, data)
            if person is None:
                continue
            person.references.append(index)
            if title.lower() not in {r.title.lower() for r in person.roles}:
                person.roles.append(Role(title=title, sentence=unit.text))


#: Offices that lead a body: "the Federal Reserve head" is its chairman.
LEADS = {"head", "chief", "boss", "leader", "chairman", "chairwoman", "chair", "president", "director",
         "chief executive", "governor", "ceo"}


def _holder(people: list[Cluster], wanted: tuple[str | None, str], index: int,
            data: NameData) -> Cluster | None:
    """Who holds the office: the same office with a compatible qualifier, else the leader of
    the same body, else a person with no stated role, else the same office whatever its
    qualifier; nearest before `index` wins."""
    qualifier, head = wanted

    def stated(person: Cluster) -> list[tuple[str | None, str]]:
        return [office(r.title, data) for r in person.roles]

    tiers = (
        [p for p in people if any(h == head and q in (qualifier, None) for q, h in stated(p))],
        [p for p in people if qualifier and qualifier not in data.nationalities and head in LEADS
         and any(q == qualifier and h in LEADS for q, h in stated(p))],
        [p for p in people if not p.roles and " " in p.bare],  # a full name, not a stray token
        [p for p in people if any(h == head for _, h in stated(p))],
    )
    for candidates in tiers:
        if candidates:
            return min(candidates, key=lambda c: min(index - s if s <= index else 1000 + s - index
                                                     for s in c.sentences))
    return None


# Weight --------------------------------------------------------------------------------------

def rank(clusters: list[Cluster], document: Document, key_sentences: list[Sentence]) -> list[Actor]:
    """Actors ordered key first, then by weight: mentions (references by role included),
    presence in the headline, the lead sentence and the key sentences, and how early they
    are first named."""
    title = " " + " ".join(WORD.findall((document.article.title or "").lower())) + " "
    body = [i for i, u in enumerate(document.sentences) if u.kind == "body"]
    lead = body[0] if body else -1
    starts = {(s.start, s.end) for s in key_sentences}
    in_key = {i for i, u in enumerate(document.sentences) if (u.start, u.end) in starts}
    total = max(1, len(document.sentences))
    actors = []
    for cluster in clusters:
        forms = {s.name.lower() for s in cluster.surfaces} | {cluster.name.lower()}
        in_title = any(f" {f} " in title for f in forms)
        seen = cluster.sentences | set(cluster.references)
        mentions = len(cluster.surfaces) + len(cluster.references)
        weight = (mentions + 3 * in_title + 2 * (lead in seen) + len(seen & in_key) + (1 - min(seen) / total))
        key = in_title or lead in seen or mentions >= 3
        name = cluster.name
        aliases = sorted({form for s in cluster.surfaces for form in (s.form, s.name, s.styled)} - {name})
        actors.append(Actor(name=name, type=cluster.type, mentions=mentions, aliases=aliases,
                            roles=cluster.roles, key=key, weight=round(weight, 3)))
    return sorted(actors, key=lambda a: (not a.key, -a.weight, a.name))
