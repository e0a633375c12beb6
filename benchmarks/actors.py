"""Actors beside raw spaCy: the hand-checked actors of the seeds and of actors-dev
(`score_actors.py`), and CoNLL-2003 dev by document (`score_conll.py`), as the referees print them.

Raw spaCy reports each distinct PERSON, ORG, GPE, LOC, FAC and NORP string the same pipeline tags
(no clean-up, merging, roles or weights), so the table shows what briefing's actor rules add.
briefing runs without its extraction cache.

    make bench        # or: .venv/bin/python benchmarks/actors.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from common import EVAL, ROOT

from briefing.analysis import nlp
from briefing.analysis.actors.clean import LABEL_TYPES
from briefing.analysis.cleaning import blank_boilerplate

BRIEFING = ROOT / ".venv" / "bin" / "briefing"
SETS = (("seeds", ROOT / "seeds", EVAL / "actors-seeds.yaml"),
        ("actors-dev", EVAL / "actors-dev.jsonl", EVAL / "actors-dev.yaml"))
FIELDS = ("key_recall", "recall", "precision", "split", "junk", "types", "roles")


def briefing_records(source: Path, work: Path) -> Path:
    config = work / "nocache.yaml"
    config.write_text("cache: null\n")
    out = work / f"briefing-{source.stem}.jsonl"
    with out.open("w") as handle:
        subprocess.run([str(BRIEFING), "extract", str(source), "--config", str(config), "--format", "jsonl"],
                       stdout=handle, check=True)
    return out


def spacy_records(source: Path, work: Path, pipeline) -> Path:
    if source.is_dir():
        rows = [{"id": f.name, "text": f.read_text(encoding="utf-8")} for f in sorted(source.glob("*.txt"))]
    else:
        rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = work / f"spacy-{source.stem}.jsonl"
    with out.open("w") as handle:
        for row, doc in zip(rows, pipeline.pipe(blank_boilerplate(r["text"]) for r in rows), strict=True):
            actors = {}
            for ent in doc.ents:
                if ent.label_ in LABEL_TYPES:
                    actors.setdefault(ent.text, {"name": ent.text, "type": LABEL_TYPES[ent.label_], "aliases": []})
            handle.write(json.dumps({"id": row["id"], "actors": list(actors.values())}) + "\n")
    return out


def score(gold: Path, pred: Path) -> dict[str, str]:
    out = subprocess.run([sys.executable, str(EVAL / "score_actors.py"), "--gold", str(gold), "--pred", str(pred)],
                         capture_output=True, text=True, check=True).stdout
    line = [x for x in out.splitlines() if x.startswith("SCORE")][-1]
    return dict(re.findall(r"(\w+)=([\d.]+)", line))


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="briefing-actors-"))
    pipeline = nlp.load("en_core_web_sm")
    print("| set | system | " + " | ".join(FIELDS) + " |\n|---|---|" + "---|" * len(FIELDS))
    for name, source, gold in SETS:
        for system, pred in (("briefing", briefing_records(source, work)),
                             ("spaCy raw", spacy_records(source, work, pipeline))):
            figures = score(gold, pred)
            print(f"| {name} | {system} | " + " | ".join(figures[f] for f in FIELDS) + " |")
    print("\nTargets (actors-dev): key_recall 1.00, recall >= 0.93, precision >= 0.95, split <= 2, junk <= 5, "
          "types >= 0.95, roles >= 0.85; seeds: key_recall 1.00, split 0, junk 0, roles >= 0.9.\n")
    conll = subprocess.run([sys.executable, str(EVAL / "score_conll.py"), "run", "--briefing", str(BRIEFING)],
                           capture_output=True, text=True, check=True).stdout
    print("CoNLL-2003 dev, by document (score_conll.py):\n\n```\n" + conll[conll.index("documents:"):].strip() + "\n```")
    print("\nTargets (CoNLL): prose F1 >= 0.93 with types >= 0.92; all documents F1 >= 0.85.")


if __name__ == "__main__":
    main()
