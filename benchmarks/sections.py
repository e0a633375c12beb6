"""Section agreement: the section a one-article story is filed under against a label given by
hand, on bbc-dev (its ids carry the category), and on cnndm-dev and the shared pages (labels in
gold/sections.yaml, written by an annotator who had not seen the method). Each set is split in
two halves by position (even, odd): rules are tuned on the even half; the odd half is reported
apart, to show what holds on articles the tuning never looked at.

    python benchmarks/sections.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.config import Config  # noqa: E402
from briefing.editorial import stories  # noqa: E402
from briefing.intake import read_articles  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.pipeline import brief_articles, length_of  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
GOLD = yaml.safe_load((ROOT / "benchmarks" / "gold" / "sections.yaml").read_text(encoding="utf-8"))
BBC = {"business": "Economy and business", "entertainment": "Culture and entertainment", "politics": "Politics",
       "sport": "Sport", "tech": "Technology"}
CACHE = ROOT / ".briefing" / "bench-cache.sqlite"


def labelled() -> dict[str, tuple[list[Article], list[str]]]:
    """Each set's articles and their hand labels."""
    bbc = [json.loads(line) for line in (EVAL / "bbc-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    cnn = [json.loads(line) for line in (EVAL / "cnndm-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    pages = sorted(GOLD["pages"])
    read = read_articles([EVAL / "pages" / name for name in pages], 10**7).articles
    by_name = {Path(a.origin).name: a for a in read}
    return {
        "bbc-dev": ([Article(id=r["id"], title=r.get("title"), text=r["text"]) for r in bbc],
                    [BBC[r["id"].split("/")[0]] for r in bbc]),
        "cnndm-dev": ([Article(id=r["id"], title=r.get("title"), text=r["text"]) for r in cnn],
                      [GOLD["cnndm-dev"][r["id"]]["section"] for r in cnn]),
        "pages": ([by_name[name] for name in pages if name in by_name],
                  [GOLD["pages"][name]["section"] for name in pages if name in by_name]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    verbose = parser.parse_args().verbose
    config = Config(cache=CACHE, workers=1)
    print("The section a one-article story is filed under, against a hand label (rules tuned on the even half of "
          "each set; the odd half held out):\n")
    print("| set | articles | agreement | tuned half (even) | held-out half (odd) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (articles, labels) in labelled().items():
        briefs = list(brief_articles(articles, config, length_of(config), None if not CACHE.parent.exists() else
                                     __import__("briefing.analysis.cache", fromlist=["x"]).ExtractionCache(CACHE, 500)))
        found = [stories.section_of([brief], []) for brief in briefs]
        right = [f == label for f, label in zip(found, labels, strict=True)]
        halves = [right[0::2], right[1::2]]
        print(f"| {name} | {len(right)} | {sum(right) / len(right):.2f} | "
              + " | ".join(f"{sum(h) / len(h):.2f}" for h in halves) + " |")
        if verbose:
            for article, f, label, ok in zip(articles, found, labels, right, strict=True):
                if not ok:
                    print(f"    {article.id[:24]:24} gold {label:26} found {f:26} {(article.title or article.text)[:60]!r}")


if __name__ == "__main__":
    main()
