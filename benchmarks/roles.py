"""People's roles, and the roles shown beside quotations: on actors-dev by half (even: where the
role rules were tuned; odd: held out), on the pages gold (`gold/actors-pages.yaml`) and on the
fresh roles gold (`gold/roles-fresh-*.yaml`: A and D, rules written from them; B and C, held out), how
many gold people with a role are given one of theirs ("found", as `score_actors.py` counts it)
and how many are given only roles that are none of theirs ("wrong"); the fresh sets' people
scored whole (recall, split, types); then the quotations the seeds' brief and the 40-article
day's brief show (each story's and the actor table's) with a named speaker but no role.

    .venv/bin/python benchmarks/roles.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date
from pathlib import Path

import yaml
from common import EVAL, ROOT
from editorial import days_of
from rules import articles, records, score

from briefing.analysis import nlp
from briefing.analysis.cleaning import blank_boilerplate
from briefing.analysis.summarise import Length
from briefing.config import Config
from briefing.editorial.compose import compose
from briefing.intake import read_inputs
from briefing.models import Article
from briefing.pipeline import brief_articles

#: The fresh roles gold: articles of ../shared/eval no other gold holds, hand-checked by people who had not seen
#: the method; rules were written from A's and D's misses, B and C are held out.
FRESH = {"fresh A (tuned)": "roles-fresh-a.yaml", "fresh B (held out)": "roles-fresh-b.yaml",
         "fresh C (held out)": "roles-fresh-c.yaml", "fresh D (tuned)": "roles-fresh-d.yaml"}


def norm(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").split()).strip(" '\"").lower()


def parts(gold: dict[str, dict]) -> dict[str, dict[str, dict]]:
    dev = [k for k in gold if not k.endswith(".html")]
    return {"actors-dev even": {k: gold[k] for k in dev[0::2]}, "actors-dev odd": {k: gold[k] for k in dev[1::2]},
            "pages": {k: v for k, v in gold.items() if k.endswith(".html")}}


def fresh() -> tuple[list[Article], dict[str, dict], dict[str, list[str]]]:
    """The fresh sets' articles (from the shared JSONL files by id, the saved pages through the
    intake), their gold, and each set's keys."""
    gold = {name: yaml.safe_load((ROOT / "benchmarks" / "gold" / file).read_text(encoding="utf-8"))
            for name, file in FRESH.items()}
    keys = {k for g in gold.values() for k in g}
    rows = [json.loads(line) for file in ("cnndm-dev.jsonl", "bbc-dev.jsonl", "conll2003-dev.jsonl")
            for line in (EVAL / file).read_text(encoding="utf-8").splitlines() if line]
    found = [Article(id=str(r["id"]), title=r.get("title"), text=r["text"]) for r in rows if str(r["id"]) in keys]
    pages = [str(EVAL / "pages" / k) for k in sorted(keys) if k.endswith(".html")]
    found += [a.model_copy(update={"id": Path(a.origin or a.id).name})
              for a in read_inputs(Config(base_dir=ROOT, cache=None), pages).articles]
    return found, {k: v for g in gold.values() for k, v in g.items()}, {name: list(g) for name, g in gold.items()}


def role_figures(gold: dict[str, dict], preds: dict[str, list[dict]], misses: bool) -> tuple[int, int, int]:
    """Gold people with a role; those given one of theirs; those given a role that is none of theirs."""
    people = found = wrong = 0
    for key, spec in gold.items():
        reported = preds.get(key, [])
        for person in (a for a in spec["actors"] if a.get("roles")):
            forms = {norm(f) for f in [person["name"], *person.get("aliases", [])]}
            got = [r for r in reported if {norm(n) for n in [r["name"], *(r.get("aliases") or [])]} & forms]
            roles = " ".join(norm(r.get("role") or "") for r in got)
            people += 1
            hit = any(norm(x) in roles for x in person["roles"])
            found += hit
            wrong += bool(roles.strip()) and not hit
            if misses and not hit:
                print(f"  {key}: {person['name']}: got {roles!r}, gold {person['roles']}")
    return people, found, wrong


def unrolled_quotes(day: list, config: Config, misses: bool) -> tuple[int, int]:
    """Quotations the day's brief shows with a named speaker (not a body), and those of them without a role."""
    briefs = list(brief_articles(day, config, Length(sentences=3)))
    briefing = compose(briefs, [], title="Desk brief", day=date(2026, 11, 22))
    shown = [q for s in briefing.stories for q in s.quotes] + [q for row in briefing.actors for q in row.quotes]
    bodies = {n for b in briefs for a in b.actors if a.type != "person" for n in (a.name, *a.aliases)}
    named = [q for q in shown if q.speaker and q.speaker not in bodies]
    lacking = [q for q in named if not q.role]
    if misses:
        for quote in lacking:
            print(f"  {quote.speaker}: {quote.text[:70]!r}")
    return len(named), len(lacking)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the people and quotations without their role")
    args = parser.parse_args()
    pipeline = nlp.load("en_core_web_sm")
    found, gold = articles()
    fresh_found, fresh_gold, sets = fresh()
    found += fresh_found
    docs = list(pipeline.pipe(blank_boilerplate(a.text) for a in found))
    preds = {r["id"]: r["actors"] for r in records(found, docs)}
    print("| set | people with a gold role | found | wrong |\n|---|---:|---:|---:|")
    groups = parts(gold) | {name: {k: fresh_gold[k] for k in keys} for name, keys in sets.items()}
    for name, half in groups.items():
        if args.misses:
            print(f"{name}:")
        people, hit, wrong = role_figures(half, preds, args.misses)
        print(f"| {name} | {people} | {hit} ({hit / people:.2f}) | {wrong} |")
    print("\nThe fresh sets' people as `score_actors.py` scores them (their gold holds people only):\n\n"
          "| set | recall | split | types | roles |\n|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for name, keys in sets.items():
            figures = score({k: fresh_gold[k] for k in keys}, [{"id": k, "actors": preds[k]} for k in keys], Path(work))
            print(f"| {name} | " + " | ".join(f"{figures[f]:g}" for f in ("recall", "split", "types", "roles")) + " |")
    print("\n| brief | quotations shown with a named speaker | without a role |\n|---|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        config = Config(cache=Path(work) / "cache.sqlite")
        seeds = read_inputs(Config(base_dir=ROOT, cache=None), [str(ROOT / "seeds")]).articles
        for name, day in (("seeds", seeds), ("40-article day", days_of()[40])):
            named, lacking = unrolled_quotes(day, config, args.misses)
            print(f"| {name} | {named} | {lacking} |")


if __name__ == "__main__":
    main()
