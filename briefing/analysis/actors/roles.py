"""Roles: what the text says a person is, next to the name ("Danish PM Mette Frederiksen",
"Jacques Barrot, vice president of ...") or by office alone ("the Prime Minister")."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from importlib import resources

import yaml

from ...intake.words import QUOTES_OR_BACKTICK
from ...models import Role
from ..document import Clause, Document, Mention
from ..names import NameData, alternatives, calendar, lexicon, office
from ..quotes import lexicon as quote_words
from .clean import POSSESSIVE
from .merge import Cluster
from .parsed_roles import AGENT_ENDINGS, LONG_ROLE, PARSED_ROLE, RELATION_OWNER
from .rules import RULES, Rule, rule

#: A participle of taking office, maybe after when ("later appointed", "newly elected").
APPOINTED = rf"(?:(?:{alternatives('appointing_adverbs')})\s{{1,5}})?(?:{alternatives('appointed_participles')})\s{{1,5}}"
#: An article opening an apposition's role.
ARTICLE = rf"(?:(?:{alternatives('apposition_articles')})\s{{1,5}})?"
#: ", the project manager," after a name: the phrase up to the next comma, full stop or relative
#: clause ("district director | who has been ..."); a relative clause of office is the parse's
#: (`role.predicate`).
ROLE_AFTER = re.compile(rf"\s{{0,5}},\s{{1,5}}(?:of\s{{1,5}})?{ARTICLE}"
                        rf"([^,;()]{{2,120}}?)\s{{0,5}}(?:[,;]|\.$|\.\s|(?<=\s)(?=(?:{alternatives('apposition_ends')})\s))")
#: "head of ...", "analyst at ...", "ambassador to ...": up to three words before "of", "at", "to" or "for"
ROLE_OPENING = re.compile(rf"((?:\w{{1,40}}+\s{{1,5}}+){{0,2}}?\w{{1,40}}+)\s{{1,5}}+"
                          rf"(?:{alternatives('role_object_prepositions')})\s")
#: A word a role is made of: letters, full stops, "&" and hyphens ("vice-president", "Lt.").
ROLE_WORD = re.compile(r"[A-Za-z.&-]+")
#: "then-" or "ex-" before a title ("then-Rep. Heath Moss"): the title is the word after it.
TIME_PREFIX = re.compile(rf"^(?:{alternatives('title_time_prefixes')})-", re.IGNORECASE)
#: Where a role's place begins ("head of strategy | in London").
IN_PLACE = re.compile(r"(?<!\s)\s+in\s+")  # from the first space of a run: linear


#: ", appointed chief judge in 2019," after a name: a participle of taking office and the phrase
#: up to the next comma or full stop.
OFFICE_PARTICIPLE = re.compile(rf"\s{{0,5}},\s{{1,5}}{APPOINTED}(?:as\s{{1,5}})?{ARTICLE}"
                               r"([^,;()]{2,60}?)\s{0,5}(?:[,;]|\.$|\.\s)")
#: Words that open when a thing happened ("last year", "this month"); a role ends before them.
WHEN_WORDS = lexicon("when_openers")
#: Prepositions before when a thing happened ("in 2019", "on Monday"), cut with it.
DATE_PREPOSITIONS = lexicon("date_prepositions")
#: ", who heads the nurses' union," after a name: the verb and its object up to the next comma or full stop.
OFFICE_CLAUSE = re.compile(r"\s{0,5}(?:,\s{1,5}\d{1,3}\s{0,5})?"  # after an age, if any: "Ann Lee, 52, who heads"
                           r",\s{1,5}who\s{1,5}([\w-]{2,20})\s{1,5}([^,;()]{2,60}?)\s{0,5}(?:[,;]|\.$|\.\s)")


ROLE_BEFORE = rule("role.before-name", "A role phrase right before the name: a role noun or title, its qualifiers.",
                   "Veldran finance minister Ann Lee: finance minister.", "[Owner's] [Qualifier] role-noun NAME",
                   "role")
ROLE_AFTER_RULE = rule("role.after-name", "An apposition after the name that opens or ends with a role noun.",
                       "Ann Lee, head of sales at Harwood, said: head of sales.",
                       ", [the] ROLE (of|at ...)[,.| who ...]", "role")
AFFILIATION = rule("role.affiliation", "A body's name alone in apposition before a verb of saying is the speaker's"
                   " affiliation.", "Ann Lee, Calder Rowing Club, said ...: Calder Rowing Club.",
                   "NAME, Capitalised ... body-word, said|says|told|added", "role")
LONG_AFTER = rule("role.long-after-name", "An apposition after the name too long to show whole is the role its head"
                  " (a role noun or a doer's noun) names before 'of', 'at', 'to' or 'for', when no other cue states"
                  " one.", "Tom Hale, the new director of the central government's liaison office in Veldra, said:"
                  " new director.", ", [the] ROLE of|at|to|for ... (over 60 characters), no verb in ROLE", "role")
#: Characters past which an apposition is too long to be shown as a role whole.
SHORT_CHARS = 60
PREFIXED_TITLE = rule("role.time-prefixed-title", "A title or role with 'then-' or 'ex-' before the name is"
                      " the role, the prefix kept.", "then-Rep. Heath Moss retired: then-Rep.",
                      "then-|ex- TITLE NAME", "role")
TITLE_HONORIFIC = rule("role.abbreviated-title", "An abbreviated title before a name is the person's role when"
                       " nothing else states one.", "Sen. Ann Lee voted: Sen.", "Sen.|Rep.|Gov.|Gen.|Rabbi... NAME",
                       "role")
TITLE_SCOPE = rule("role.title-scope", "A lower-case word of a government's level before an abbreviated title"
                   " stays with it.", "state Sen. Ann Lee voted: state Sen.", "state|county|federal... TITLE. NAME",
                   "role")
#: Words of a government's level kept before an abbreviated title ("state Sen.").
SCOPES = lexicon("title_scopes")
PARTICIPLE = rule("role.office-participle", "A participle of taking office after the name's comma states the role,"
                  " without when it was taken.", "Ann Lee, appointed chief judge in 2019, retired: chief judge.",
                  "NAME, named|appointed|elected ROLE [in YEAR|last year],", "role")
WHOLE_COMPOUND = rule("role.whole-compound", "A role the parse states whole before the name outranks the words'"
                      " shorter cut of it.", "Calder water board engineer Ann Lee: Calder water board engineer.",
                      "[Qualifier] noun noun ROLE NAME, parsed as one compound", "role")
OFFICE_VERB = rule("role.office-verb", "A relative clause whose verb holds an office states it, with what the"
                   " office is of.", "Lena Ford, who heads the nurses' union, said: head of the nurses' union.",
                   "NAME, who heads|leads|chairs|founded ... OBJECT,", "role")
#: A verb of saying right after an apposition (", Calder Rowing Club, said").
SAYS_NEXT = re.compile(rf"\s{{0,3}}(?:{alternatives('speech_verb_forms')}|{alternatives('telling_forms')})\b")
#: A verb of saying right before the name ('"...," said Colin Hart, Calder Hotel Association.').
SAYS_BEFORE = re.compile(rf"\b(?:{alternatives('speech_verb_forms')})\s{{1,5}}$")
DEFINITE_ROLE = rule("role.definite-reference", "'The Prime Minister' given to the person the text means.",
                     "Ann Lee spoke. The Prime Minister later left: Ann Lee.", "the + title | qualified role noun",
                     "role")
EPITHET = rule("role.epithet", "'The defender' (a noun news names someone by again) alone as a clause's subject or"
               " its owner is the person named just before who has no role: in its sentence, not the subject of a"
               " verb of saying between, else the one person the sentence before names.",
               "Ann Lee was dropped in May because the defender had lost form: defender.",
               "NAME ... the EPITHET-NOUN(nsubj | poss in nsubj); NAME not the subject of a verb of saying between",
               "role")
#: Role nouns news names a person by again right after naming them ("the defender", "the president").
EPITHETS = lexicon("epithet_nouns")
#: Verbs whose subject is not whom a role noun in what they say or think means.
SAYING = quote_words().reporting | lexicon("believing_verbs")
#: Lower-case words, to find a role noun met already.
WORDS = re.compile(r"[a-z][a-z-]{0,40}")
#: A subject opening "the defender", maybe as an owner ("the defender's").
THE_NOUN = re.compile(r"[Tt]he\s{1,3}([a-z][a-z-]{1,30})(['’]s?(?!\w))?")


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
            parsed = _parsed(surface.mention)
            titled = _titled(surface.honorific, data) if TITLE_HONORIFIC.on else None
            found = [(ROLE_BEFORE, ROLE_BEFORE.on and _role_before(before, data)),
                     (PARTICIPLE, PARTICIPLE.on and _office_participle(after, data)), parsed,
                     (ROLE_AFTER_RULE, ROLE_AFTER_RULE.on and _role_after(after, data)),
                     (AFFILIATION, AFFILIATION.on and _affiliation(before, after, data)),
                     (OFFICE_VERB, OFFICE_VERB.on and _office_clause(after)),
                     (TITLE_SCOPE, _scoped(titled, surface.honorific, before)), (TITLE_HONORIFIC, titled),
                     (LONG_AFTER, LONG_AFTER.on and _long_after(after, surface.mention.end, document, data))]
            if WHOLE_COMPOUND.on and isinstance(found[0][1], str) and parsed[1] \
                    and parsed[1].endswith(f" {found[0][1]}") and parsed[0] is PARSED_ROLE:
                found[0] = (WHOLE_COMPOUND, parsed[1])  # "Calder liaison office director", not "office director"
            if parsed[0] in (RELATION_OWNER, LONG_ROLE):  # whose role first; a cut one after the text's whole
                found.remove(parsed)
                found.insert(0 if parsed[0] is RELATION_OWNER else [r for r, _ in found].index(AFFILIATION) + 1, parsed)
            by, phrase = next(((r, p) for r, p in found if p), (None, None))
            if by and phrase and phrase.lower() not in {r.title.lower() for r in cluster.roles}:
                cluster.roles.append(Role(title=phrase, sentence=sentence))
                cluster.evidence.append(by.evidence(f"role {phrase}"))
    if DEFINITE_ROLE.on:
        _resolve_definite_roles(clusters, document, data)
    if EPITHET.on:
        _resolve_epithets(clusters, document, data)


ROLE_MODIFIERS = lexicon("role_modifiers")
#: Words of a title's standing, kept in lower case before it ("ousted President").
STANDING = lexicon("title_standing")
ROLE_STOP = lexicon("role_stops")


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
        if not ROLE_WORD.fullmatch(bare) or not bare.strip(".&-") or bare.lower() in ROLE_STOP \
                or bare.lower() in data.honorifics:
            break  # ... nor an honorific ("the Honourable Deputy Premier Natalio Wheatley")
        if owner and (bare != word or not bare[0].isupper()):
            break
        if not phrase:
            core = TIME_PREFIX.sub("", bare) if PREFIXED_TITLE.on else bare
            if bare != word or (core.lower() not in data.role_nouns and not _is_title(core, data)
                                and (core == bare or core.rstrip(".").lower() not in data.role_honorifics)):
                break  # a role, not its owner ("Sheriff's Col. John Fortunato")
        elif bare.lower() in STANDING:
            pass  # "ousted President", "the late Prime Minister"
        elif bare[0].islower() and bare.lower() not in data.role_nouns:
            if phrase[-1][0].isupper() or any(w[0].isupper() or w.lower() not in data.role_nouns
                                              for w in phrase[:-1]):
                break  # one modifier, of a lower-case role only ("finance minister", not "share President")
            if bare.endswith(("ing", "ed")) and bare not in ROLE_MODIFIERS:
                break  # a verb, not a modifier ("replacing actor"; but "managing director")
        phrase.insert(0, word.strip(QUOTES_OR_BACKTICK))
        owner = owner or bare != word
    return " ".join(phrase) or None


def _role_after(after: str, data: NameData) -> str | None:
    """An apposition after the name: ", NATO's secretary general,", ", the project manager,",
    ", head of currency strategy at Bank of America." (a role noun first, then of/at whom)."""
    match = ROLE_AFTER.match(after)
    if not match or match.group(1).startswith("who "):
        return None
    phrase = match.group(1)
    words = phrase.split()
    if not words or any(w.isdigit() for w in words) or _names_a_body(phrase, data) or _a_clause(words):
        return None
    if len(phrase) > SHORT_CHARS:
        return None  # `_long_after`'s
    if words[-1].lower() in data.role_nouns or _is_title(phrase, data):
        return phrase
    placed = IN_PLACE.split(phrase)[0]  # "a city councilman in Hendersonville"
    if placed != phrase and (placed.split()[-1].lower() in data.role_nouns or _is_title(placed, data)):
        return placed
    opening = ROLE_OPENING.match(phrase)
    if opening and opening.group(1).split()[-1].lower() in data.role_nouns:
        return IN_PLACE.split(phrase)[0]  # "head of strategy at Bank of America"
    return None


def _long_after(after: str, at: int, document: Document, data: NameData) -> str | None:
    """An apposition after the name (`after`, from offset `at`) too long to show whole (", European
    outreach coordinator for the civil liberties group ...,"): the role its head names before
    of|at|to|for, if no word of it is a verb (", seen here together at ..." is no role)."""
    match = ROLE_AFTER.match(after)
    opening = ROLE_OPENING.match(match.group(1)) if match and len(match.group(1)) > SHORT_CHARS else None
    if match is None or opening is None or match.group(0).rstrip()[-1:] not in ",;":
        return None  # an apposition is closed: in "According to Ann Lee, the number of ... has doubled." none is
    head, start = opening.group(1).split()[-1].lower(), at + match.start(1)
    verbs = any(start + word.start() in document.verbs for word in ROLE_WORD.finditer(opening.group(1)))
    return opening.group(1) if not verbs and (head in data.role_nouns or head.endswith(AGENT_ENDINGS)) else None


@cache
def office_verbs() -> dict[str, str]:
    """data/roles.yaml's verbs of office and the role noun each states, read once."""
    raw = yaml.safe_load(resources.files("briefing").joinpath("data/roles.yaml").read_text(encoding="utf-8"))
    verbs = raw.get("office_verbs") if isinstance(raw, dict) else None
    if not isinstance(verbs, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in verbs.items()):
        raise ValueError("data/roles.yaml: office_verbs must map each verb to the role noun it states")
    return verbs


def _office_clause(after: str) -> str | None:
    """", who heads the nurses' union,": the office the verb holds, of its object ("head of the
    nurses' union"); none for a verb that holds no office or an object with a clause in it."""
    match = OFFICE_CLAUSE.match(after)
    noun = office_verbs().get(match.group(1).lower()) if match else None
    if not match or not noun or _a_clause(match.group(2).split()):
        return None
    return f"{noun} of {match.group(2)}"


def _office_participle(after: str, data: NameData) -> str | None:
    """", appointed chief judge in 2019,": the office, cut before when it was taken ("in 2019",
    "last year", "on Monday")."""
    match = OFFICE_PARTICIPLE.match(after)
    words = match.group(1).split() if match else []
    days = calendar()
    cut = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w) or w.lower() in WHEN_WORDS
                or w.lower() in days), len(words))
    words = words[:cut - 1] if cut < len(words) and cut and words[cut - 1] in DATE_PREPOSITIONS else words[:cut]
    if not words or _a_clause(words):
        return None
    phrase = " ".join(words)
    head = ROLE_OPENING.match(phrase + " ")
    return phrase if words[-1].lower() in data.role_nouns or _is_title(phrase, data) or (
        head is not None and head.group(1).split()[-1].lower() in data.role_nouns) else None


def _titled(honorific: str | None, data: NameData) -> str | None:
    """The honorific as the role it is, when it is an office ("Sen.", "Rabbi"), not a courtesy ("Mr")."""
    return honorific if honorific and honorific.rstrip(".").lower() in data.role_honorifics else None


def _scoped(title: str | None, honorific: str | None, before: str) -> str | None:
    """The abbreviated title with the government level written before it ("state Sen.")."""
    words = before.split()
    if words and words[-1] == honorific:
        words.pop()  # the honorific stood outside the mention
    if not (title and words and TITLE_SCOPE.on and words[-1] in SCOPES):
        return None
    return f"{words[-1]} {title}"


#: Lower-case words inside a body's name ("Calder Chamber of Commerce").
BODY_NAME_JOINS = lexicon("body_name_joins")


def _affiliation(before: str, after: str, data: NameData) -> str | None:
    """", Blackpool Hotel Association, said": the body the speaker stands for, when the apposition
    is a body's name alone (capitalised words, a body word last or before "of": "Calder Chamber of
    Commerce") and a verb of saying follows it or, the apposition ending the sentence, comes
    before the name ('said Colin Hart, Calder Hotel Association.')."""
    match = ROLE_AFTER.match(after)
    if not match:
        return None
    ends = match.group(0).rstrip()[-1:] == "." and SAYS_BEFORE.search(before) is not None
    if not (SAYS_NEXT.match(after, match.end()) or ends):
        return None
    words = match.group(1).split()
    named = words[:words.index("of")] if "of" in words else words
    if len(words) < 2 or not named or named[-1].lower() not in data.organisation_words:
        return None
    return match.group(1) if all(w[:1].isupper() or w in BODY_NAME_JOINS for w in words) else None


def _parsed(mention: Mention) -> tuple[Rule, str | None]:
    """The role the parse states for the mention and the rule that found it."""
    return next(((RULES[e.rule], e.claim[len("role "):]) for e in mention.evidence if e.claim.startswith("role ")),
                (PARSED_ROLE, None))


#: Words that make the phrase after a name's comma a clause, not an apposition ("Paddy, but I had to",
#: "Ann Lee, Tom Hale and Ian Moss are nominated for best actress").
CLAUSE_WORDS = lexicon("clause_words")


def _a_clause(words: list[str]) -> bool:
    return words[0].lower() in CLAUSE_WORDS or any(w.lower() in CLAUSE_WORDS - {"and"} for w in words[1:])


def _names_a_body(phrase: str, data: NameData) -> bool:
    """"Ministry of Justice", "Court of Appeal": an organisation, not a role."""
    words = phrase.split()
    named = phrase.split(" of ")[0].split()
    return (" of " in phrase and all(w[0].isupper() for w in named) and words[-1][0].isupper()
            and words[0].lower() not in data.role_nouns and not _is_title(phrase, data))


def _is_title(text: str, data: NameData) -> bool:
    return data.trailing_title(text) is not None


DEFINITE = re.compile(r"\b[Tt]he\s+(?=((?:[\w.'’-]+\s*){1,4}))")  # lookahead: "the"s may be close


ORDINALS = lexicon("ordinal_words")
#: Nouns after an office that make it a thing's name, not a person's ("the best actor award").
OFFICE_THINGS = lexicon("office_things")


def _definite_role(words: list[str], data: NameData) -> str | None:
    """The longest role phrase opening `words` that names one office: a title ("the Prime
    Minister", "the US President") or a qualified role noun ("the opposition leader"), not a
    bare noun ("the head", "the star") nor an ordinal ("the first president")."""
    words = [w.strip(",;:.!?" + QUOTES_OR_BACKTICK) for w in words]
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
            if following and following[0].strip(",;:.!?").lower() in OFFICE_THINGS:
                continue  # "the best actor award", "the prime minister job": no one is meant
            person = _holder(people, office(title, data), index, data)
            if person is None:
                continue
            person.references.append(index)
            if title.lower() not in {r.title.lower() for r in person.roles}:
                person.roles.append(Role(title=title, sentence=unit.text))
                person.evidence.append(DEFINITE_ROLE.evidence(f"role {title}"))


#: Offices that lead a body: "the Federal Reserve head" is its chairman.
LEADS = lexicon("leading_offices")


def _holder(people: list[Cluster], wanted: tuple[str | None, str], index: int,
            data: NameData) -> Cluster | None:
    """Who holds the office: the same office with a compatible qualifier, else the leader of
    the same body, else a person with no stated role, else the same office whatever its
    qualifier; nearest before `index` wins."""
    qualifier, head = wanted
    first = min(people, key=lambda p: min(s.mention.start for s in p.surfaces))

    def stated(person: Cluster) -> list[tuple[str | None, str]]:
        return [office(r.title, data) for r in person.roles]

    tiers = (
        [p for p in people if any(h == head and q in (qualifier, None) for q, h in stated(p))],
        [p for p in people if qualifier and qualifier not in data.nationalities and head in LEADS
         and any(q == qualifier and h in LEADS for q, h in stated(p))],
        # for an office named without qualifier ("the Prime Minister", not "the Russian leader"), a
        # full name, not a stray token, of someone the article is about: named first or more than once
        [p for p in people if qualifier is None and not p.roles and " " in p.bare
         and (len(p.surfaces) > 1 or p is first)],
        [p for p in people if any(h == head for _, h in stated(p))],
    )
    for candidates in tiers:
        if candidates:
            return min(candidates, key=lambda c: min(index - s if s <= index else 1000 + s - index
                                                     for s in c.sentences))
    return None


def _resolve_epithets(clusters: list[Cluster], document: Document, data: NameData) -> None:
    """Give "the defender", "the president" (an epithet noun alone after "the" as a clause's
    subject or its owner: "the defender's confidence was shot") to the person it points back to:
    the nearest named before it in its sentence unless that one is the subject of a verb of saying
    or thinking in between ("Ann Lee said the president ..." means someone else), else the only
    person the sentence before names; never to someone with a role, nor when a person's role is
    that noun (given here or stated) or the noun was met in those sentences already ("a lawyer ...
    the lawyer")."""
    people = [c for c in clusters if c.type == "person"]
    held = {office(r.title, data)[1] for c in people for r in c.roles}
    named = sorted(((s.mention.start, s.mention.end, s.mention.sentence, c) for c in people for s in c.surfaces),
                   key=lambda m: m[0])
    starts = [m[0] for m in named]
    by_sentence: dict[int, list[Clause]] = {}
    for clause in document.clauses:
        by_sentence.setdefault(clause.sentence, []).append(clause)
    text = document.article.text
    for clause in document.clauses if named else ():
        if clause.subject is None or clause.head is None:
            continue
        match = THE_NOUN.match(text[slice(*clause.subject)])
        if match is None or not (match.group(2) or clause.subject[0] + match.end(1) == clause.head[1]):
            continue  # "the defender was", "the defender's form was", not "the defender position was"
        noun, at, index = match.group(1), clause.subject[0], clause.sentence
        if noun not in EPITHETS or noun in held or document.sentences[index].kind == "heading":
            continue
        window = text[document.sentences[max(0, index - 1)].start:at]
        if {noun, f"{noun}s"} & set(WORDS.findall(window.lower())):
            continue  # "a lawyer ... the lawyer": the one met already, named or not
        first = bisect_left(starts, document.sentences[max(0, index - 1)].start)
        before = [m for m in named[first:bisect_left(starts, at)] if m[1] <= at]
        person = _pointed_to(before, by_sentence.get(index, []), index, at)
        if person is not None and not person.roles:
            held.add(noun)
            person.references.append(index)
            person.roles.append(Role(title=noun, sentence=document.sentences[index].text))
            person.evidence.append(EPITHET.evidence(f"role {noun}"))


def _pointed_to(before: list[tuple[int, int, int, Cluster]], clauses: list[Clause], index: int,
                at: int) -> Cluster | None:
    """Whom a role noun at `at` in sentence `index` points back to, of the people named `before` it
    in that sentence and the one before (see `_resolve_epithets`); `clauses`: the sentence's."""
    same = [m for m in before if m[2] == index]
    if same:
        start, end, _, person = same[-1]
        governs = any(c.subject and c.subject[0] <= start and end <= c.subject[1] and end <= c.start < at
                      and c.verb in SAYING for c in clauses)
        return None if governs else person
    previous = {id(m[3]): m[3] for m in before}
    return next(iter(previous.values())) if len(previous) == 1 else None
