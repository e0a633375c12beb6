"""The editorial layer on a real day: days of 10, 40 and 200 articles from the shared sets (the
40-article day of the triage issue: the last four bbc-dev articles of each category and the first
20 of cnndm-dev; 200: all of bbc-dev and cnndm-dev and 50 CoNLL-2003 documents; 10: every fourth
of the 40), each printed as its bottom line and top stories, with the category each point comes
from, whether a point opens with a dangling reference, and the PDF pages of each template set
(the length budget, each set's page budget: default and note at most 4 pages for 40 articles and
6 for 200, one-page 1, filled) with the seconds each set's Markdown, HTML and PDF take (the fit
included).

    make bench        # or: .venv/bin/python benchmarks/editorial.py [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
from datetime import date
from pathlib import Path

import pypdf

from briefing.analysis.summarise import Length
from briefing.analysis.summarise.standalone import points_back
from briefing.config import Config
from briefing.editorial.compose import compose
from briefing.models import Article
from briefing.pipeline import brief_articles, render_files
from briefing.presentation.render import Renderer
from briefing.presentation.template_sets import SETS

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="also write each brief's files here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        config = Config(cache=Path(work) / "cache.sqlite")
        days = {size: list(brief_articles(articles, config, Length(sentences=3))) for size, articles in days_of().items()}
    rows = []
    for size, briefs in days.items():
        briefing = compose(briefs, [], title="Desk brief", day=date(2026, 11, 22))
        kind = {b.number: b.article.id.split("/")[0] if "/" in b.article.id else b.article.source for b in briefs}
        print(f"### {size} articles: {len(briefing.stories)} stories, {sum(len(s.stories) for s in briefing.sections)} "
              f"in full\n\nBottom line:\n")
        for point in briefing.bottom_line:
            cites = "".join(f"[{n}]" for n in point.sources)
            print(f"- story {point.story}: {point.text} {cites}  ({', '.join(sorted({kind[n] for n in point.sources}))})")
        print(f"\npoints that point back: {sum(points_back(p.text) for p in briefing.bottom_line)}\n\nTop stories:\n")
        for section in briefing.sections:
            print(f"- {section.name}: " + "; ".join(f"{s.number}. {s.headline}" for s in section.stories))
        pages = {}
        for name in SETS:
            started = time.perf_counter()
            files = render_files(briefing, Renderer.for_folder(None, template_set=name), ["pdf", "md", "html"])
            pages[name] = len(pypdf.PdfReader(io.BytesIO(files["briefing.pdf"])).pages), time.perf_counter() - started
            if args.out:
                folder = args.out / f"{size}-articles" / name
                folder.mkdir(parents=True, exist_ok=True)
                for file, content in files.items():
                    (folder / file).write_bytes(content)
        rows.append((size, pages))
        print()
    print("| articles | " + " | ".join(f"{name} pages (render s)" for name in SETS) + " |")
    print("| ---: | " + " | ".join("---:" for _ in SETS) + " |")
    for size, pages in rows:
        print(f"| {size} | " + " | ".join(f"{pages[name][0]} ({pages[name][1]:.1f})" for name in SETS) + " |")


def days_of() -> dict[int, list[Article]]:
    """The days of 10, 40 and 200 articles."""
    def read(name: str, source: str) -> list[Article]:
        rows = [json.loads(line) for line in (EVAL / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        return [Article(id=r["id"], title=r.get("title"), text=r["text"], source=source) for r in rows]
    bbc, cnn, conll = read("bbc-dev", "BBC News"), read("cnndm-dev", "CNN/Daily Mail"), read("conll2003-dev", "Reuters")
    forty = [a for category in ("business", "entertainment", "politics", "sport", "tech")
             for a in [a for a in bbc if a.id.startswith(category)][-4:]] + cnn[:20]
    return {10: forty[::4], 40: forty, 200: bbc + cnn + conll[:50]}


if __name__ == "__main__":
    main()
