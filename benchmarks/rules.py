"""Each actor rule: how often it fires and what switching it off costs, on the even half (the
rules were tuned on it) and the odd half (held out) of actors-dev and the pages gold together,
with raw spaCy (every distinct entity string the pipeline tags) beside the whole set of rules.

A rule earns its place when switching it off costs on the odd half too. Fires count the evidence
a rule leaves; the type votes (type.vote-*, acronym-body, called-by-surname) and
name.styled-only-by-rank decide when an actor is read and count none. Articles are parsed
once; each rule's run runs the actor components again and rebuilds the documents and actors from
the same parse with that rule off.

    .venv/bin/python benchmarks/rules.py [--rules ID ...]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from common import EVAL, ROOT

from briefing.analysis import nlp
from briefing.analysis.actors import extract_actors
from briefing.analysis.actors.clean import LABEL_TYPES
from briefing.analysis.actors.mentions import ACTOR_PIPES
from briefing.analysis.actors.rules import FIRED, RULES, switched_off
from briefing.analysis.cleaning import blank_boilerplate
from briefing.config import Config
from briefing.intake import read_inputs
from briefing.models import Article

PAGES_GOLD = ROOT / "benchmarks" / "gold" / "actors-pages.yaml"
FIELDS = ("recall", "precision", "split", "junk", "types", "roles")
#: Figures where a cost is a rise (the others cost when they fall).
COUNTS = ("split", "junk")
#: Rules kept though neither half measures them: each fixes an error class issue 25 found on news
#: nobody tuned the rules to, and a test of its own (tests/test_actors.py, tests/test_actor_rules.py)
#: fails with it off.
UNSEEN = {
    "parse.surname-particle": "a name cut at a particle",
    "parse.joined-at-hyphen": "a name cut at an inner word",
    "parse.possessive-owner-only": "a possessive swallowing the next word",
    "parse.prize-won": "awards as actors",
    "parse.day-name": "'Super' of 'Super Tuesday' as an actor",
    "text.byline": "the byline's reporter and outlet as actors",
    "text.dateline-only": "a dateline's city as an actor",
    "name.familiar-form": "nicknames and first-name-only forms",
    "name.styled-only-by-rank": "a display name keeping an honorific",
    "text.sentence-stop-after-numeral": "a stray full stop in a display name",
    "type.street-word": "streets typed as people",
    "type.state-word": "a former state typed as a person",
    "parse.nationality-state": "a former state typed as a person",
    "type.party-members": "'Democrats' as a group rather than the party",
    "type.body-word": "bodies typed as people (a museum, a lab, a guild)",
    "parse.spoken-to": "media typed as places",
    "role.predicate": "a role stated in a predicate",
    "role.relation-owner": "a role stated as a relation",
    "role.affiliation": "a role stated as an affiliation",
    "role.office-verb": "a role stated in a relative clause",
    "role.of-body": "a role stated as an affiliation",
    "parse.employer": "bodies typed as people",
    "parse.hyphenated-surname": "a name cut at an inner word (a hyphen)",
    "role.abbreviated-title": "a display name keeping an honorific ('Sen. ...'): it is the role",
    "role.title-scope": "a title cut ('state Sen.' shown as 'Sen.')",
    "role.time-prefixed-title": "a title cut ('then-Rep.' lost or shown without its prefix)",
    "data.not-actor": "products and page furniture as actors (platforms, time zones)",
    "text.name-end": "a stray full stop or mark in a display name",
    "role.subject-apposition": "a role stated in an apposition (the subject's role phrase before the name)",
    "text.place-compound": "'X-based' hiding a place",
    "type.place-word": "places typed as people (a lake, a county, like streets)",
    "parse.person-after-role": "a key actor missed: a person after a role noun the tagger called a product",
    "junk.family": "nicknames and first-name-only forms (a family word as a name)",
    "role.affiliated-apposition": "a role stated in an apposition after the name",
    "role.one-of-after": "a role stated in an apposition after the name ('one of the organisers')",
    "merge.particle-surname": "people typed as bodies: a surname opened by a particle, alone",
    "merge.speaking-place": "people typed as places: a surname that also names a known place, alone",
    "parse.regnal-numeral": "a name cut at an inner word (a monarch's or pope's numeral)",
    "role.descriptor-compound": "roles found for two people in three: a noun no list holds before the name"
                                " (fresh roles gold B and C, held out, in roles.py)",
    "role.example-of": "roles found for two people in three: names given as examples of a role"
                       " (fresh roles gold B and C, held out, in roles.py)",
    "role.as-office": "a role stated in a predicate ('was elected as mayor') or an opening 'As mayor,'",
    "text.titled-body": "media typed as people (a magazine named with a rank)",
    "role.object-as-office": "a role stated in a predicate (the object of 'named|hired X as ROLE')",
}


def articles() -> tuple[list[Article], dict[str, dict]]:
    """The articles of actors-dev and of the pages gold, and the gold of both."""
    dev_gold = yaml.safe_load((EVAL / "actors-dev.yaml").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (EVAL / "actors-dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    found = [Article(id=str(r["id"]), title=r.get("title"), text=r["text"]) for r in rows]
    pages_gold = yaml.safe_load(PAGES_GOLD.read_text(encoding="utf-8"))
    intake = read_inputs(Config(base_dir=ROOT, cache=None), [str(EVAL / "pages" / name) for name in pages_gold])
    found += [a.model_copy(update={"id": Path(a.origin or a.id).name}) for a in intake.articles]
    return found, dev_gold | pages_gold


def halves(gold: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """Even and odd indices of each gold file, as one gold per half."""
    keys = list(gold)
    dev = [k for k in keys if not k.endswith(".html")]
    pages = [k for k in keys if k.endswith(".html")]
    return {"even": {k: gold[k] for k in dev[0::2] + pages[0::2]},
            "odd": {k: gold[k] for k in dev[1::2] + pages[1::2]}}


def records(found, docs) -> list[dict]:
    """Actors of each parsed article, the actor components run again (under the rules now on)."""
    pipeline = nlp.load("en_core_web_sm")
    out = []
    for article, doc in zip(found, docs, strict=True):
        for name in ACTOR_PIPES:
            doc = pipeline.get_pipe(name)(doc)
        actors = extract_actors(nlp.build_document(article, doc))
        out.append({"id": article.id, "actors": [{"name": a.name, "type": a.type, "role": a.role,
                                                  "aliases": a.aliases} for a in actors]})
    return out


def raw_records(found: list[Article], docs) -> list[dict]:
    out = []
    for article, doc in zip(found, docs, strict=True):
        actors: dict[str, dict] = {}
        for ent in doc.ents:
            if ent.label_ in LABEL_TYPES:
                actors.setdefault(ent.text, {"name": ent.text, "type": LABEL_TYPES[ent.label_], "aliases": []})
        out.append({"id": article.id, "actors": list(actors.values())})
    return out


def score(gold: dict[str, dict], preds: list[dict], work: Path) -> dict[str, float]:
    gold_file, pred_file = work / "gold.yaml", work / "pred.jsonl"
    gold_file.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in preds if p["id"] in gold), encoding="utf-8")
    out = subprocess.run([sys.executable, str(EVAL / "score_actors.py"), "--gold", str(gold_file),
                          "--pred", str(pred_file)], capture_output=True, text=True, check=True).stdout
    line = [x for x in out.splitlines() if x.startswith("SCORE")][-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", nargs="*", help="only these rules (default: all)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefing-rules-"))
    pipeline = nlp.load("en_core_web_sm")
    found, gold = articles()
    docs = list(pipeline.pipe(blank_boilerplate(a.text) for a in found))
    parts = halves(gold)
    base = records(found, docs)
    fired = {}
    for half, half_gold in parts.items():  # how often each rule fires on each half's articles
        FIRED.clear()
        records(*zip(*[(a, d) for a, d in zip(found, docs, strict=True) if a.id in half_gold], strict=True))
        fired[half] = dict(FIRED)
    base_scores = {half: score(g, base, work) for half, g in parts.items()}
    raw = raw_records(found, docs)
    print("| system | half | " + " | ".join(FIELDS) + " |\n|---|---|" + "---|" * len(FIELDS))
    for system, preds in (("briefing", base), ("spaCy raw", raw)):
        for half, half_gold in parts.items():
            figures = base_scores[half] if system == "briefing" else score(half_gold, preds, work)
            print(f"| {system} | {half} | " + " | ".join(f"{figures[f]:g}" for f in FIELDS) + " |")
    print("\nEach rule switched off: its fires on the even / odd half, and the change in each figure "
          "(off minus on; a cost is negative for recall, precision, types and roles, positive for split and "
          "junk), even / odd, and the verdict.\n")
    print("| rule | fires | " + " | ".join(f"Δ {f}" for f in FIELDS) + " | verdict |\n|---|---|"
          + "---|" * (len(FIELDS) + 1))
    unknown = UNSEEN.keys() - RULES.keys()
    if unknown:
        raise SystemExit(f"UNSEEN names no rule: {sorted(unknown)}")
    verdicts: Counter[str] = Counter()
    for rule_id in sorted(args.rules or RULES):
        with switched_off(rule_id):
            preds = records(found, docs)
        scores = {h: score(g, preds, work) for h, g in parts.items()}
        deltas = {h: {f: round(scores[h][f] - base_scores[h][f], 2) for f in FIELDS} for h in parts}
        cells = [" / ".join(f"{deltas[h][f]:+.0f}" if f in COUNTS else f"{deltas[h][f]:+.2f}" for h in parts)
                 for f in FIELDS]
        fires = [fired[h].get(rule_id, 0) for h in parts]
        said = verdict(rule_id, deltas, any(fires))
        verdicts[said.split(":")[0]] += 1
        print(f"| {rule_id} | {' / '.join(map(str, fires))} | " + " | ".join(cells) + f" | {said} |", flush=True)
    print("\nVerdicts: " + ", ".join(f"{kind} {count}" for kind, count in verdicts.items()))


def verdict(rule_id: str, deltas: dict[str, dict[str, float]], fires: bool) -> str:
    """What the figures say of a rule: it earns its place on the held-out half, helps the tuned
    half only, or neither measures it (kept for an error class of unseen news, or not)."""
    costs = {h: any(d > 0 if f in COUNTS else d < 0 for f, d in deltas[h].items()) for h in deltas}
    if costs["odd"]:
        return "earns its place: costs on the held-out half"
    if costs["even"]:
        return "tuned half only: costs on the even half alone"
    if any(deltas["odd"].values()):
        return "harms: the held-out half is better without it"
    if rule_id in UNSEEN:
        return f"kept: error class from unseen news ({UNSEEN[rule_id]}), tested"
    return "redundant here: fires, costs nothing" if fires else "unmeasured: fires on neither half"


if __name__ == "__main__":
    main()
