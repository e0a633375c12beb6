"""The editorial layer on real articles: the bottom lines of a 10-article brief (two bbc-dev
articles of each category) and of a 100-article brief (all of bbc-dev), as printed, with the
category each point comes from, whether any point opens with a dangling reference, the sections
and the PDF pages of each template set.

    make bench        # or: .venv/bin/python benchmarks/editorial.py [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
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
    records = [json.loads(line) for line in (EVAL / "bbc-dev.jsonl").read_text().splitlines()]
    articles = [Article(id=r["id"], title=r["title"], text=r["text"], source="BBC News") for r in records]
    with tempfile.TemporaryDirectory() as work:
        config = Config(cache=Path(work) / "cache.sqlite")
        briefs = list(brief_articles(articles, config, Length(sentences=3)))
    ten = [b for category in ("business", "entertainment", "politics", "sport", "tech")
           for b in [b for b in briefs if b.article.id.startswith(category)][:2]]
    for label, chosen in (("10 articles", ten), ("100 articles", briefs)):
        briefing = compose(chosen, [], title="Desk brief", day=date(2026, 11, 22))
        by_number = {b.number: b.article.id.split("/")[0] for b in briefing.articles}
        print(f"### {label}: {len(briefing.stories)} stories, the top ones in {len(briefing.sections)} sections\n")
        for point in briefing.bottom_line:
            cites = "".join(f"[{n}]" for n in point.sources)
            print(f"- story {point.story}: {point.text} {cites}  ({', '.join(sorted({by_number[n] for n in point.sources}))})")
        categories = {by_number[n] for p in briefing.bottom_line for n in p.sources}
        print(f"\ncategories covered: {len(categories)} ({', '.join(sorted(categories))}); points that "
              f"point back: {sum(points_back(p.text) for p in briefing.bottom_line)}\n")
        print("sections of the top stories: " + "; ".join(f"{s.name} ({len(s.stories)})" for s in briefing.sections)
              + "\n")
        pages = {}
        for name in SETS:
            files = render_files(briefing, Renderer.for_folder(None, template_set=name), ["pdf", "md", "html"])
            pages[name] = len(pypdf.PdfReader(io.BytesIO(files["briefing.pdf"])).pages)
            if args.out:
                folder = args.out / label.replace(" ", "-") / name
                folder.mkdir(parents=True, exist_ok=True)
                for file, content in files.items():
                    (folder / file).write_bytes(content)
        print("PDF pages: " + ", ".join(f"{name} {count}" for name, count in pages.items()) + "\n")


if __name__ == "__main__":
    main()
