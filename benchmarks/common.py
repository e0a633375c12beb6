"""What the benchmarks share: the evaluation sets, the parsed articles, ROUGE as score.py computes it."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.analysis import nlp  # noqa: E402
from briefing.analysis.cleaning import blank_boilerplate  # noqa: E402
from briefing.analysis.document import Document  # noqa: E402
from briefing.models import Article  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SETS = ("cnndm-dev", "bbc-dev")


@dataclass
class EvalSet:
    name: str
    articles: list[Article]
    references: list[list[str]]


def load_set(name: str, folder: Path = EVAL) -> EvalSet:
    rows = [json.loads(line) for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    articles = [Article(id=str(r["id"]), title=r.get("title"), text=r["text"]) for r in rows]
    return EvalSet(name, articles, [r["reference"] for r in rows])


def parse_set(pipeline, articles: list[Article]):
    """The spaCy docs and the briefing documents of the articles, parsed once."""
    docs = list(pipeline.pipe((blank_boilerplate(a.text) for a in articles), batch_size=16))
    documents: list[Document] = [nlp.build_document(a, d) for a, d in zip(articles, docs)]
    return docs, documents


SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def rouge(references: list[list[str]], summaries: list[list[str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/Lsum F1 x100 and mean words, exactly as ../shared/eval/score.py computes them."""
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    words = 0
    for reference, summary in zip(references, summaries):
        words += sum(len(s.split()) for s in summary)
        scores = SCORER.score("\n".join(reference), "\n".join(summary))
        for key in totals:
            totals[key] += scores[key].fmeasure
    n = len(references)
    return {"r1": 100 * totals["rouge1"] / n, "r2": 100 * totals["rouge2"] / n,
            "rlsum": 100 * totals["rougeLsum"] / n, "words": words / n}
