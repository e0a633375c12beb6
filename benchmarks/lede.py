"""The lede among the key sentences (3 an article, as `brief_articles` gives them): how often the
sentence that states the news is chosen.

- cnndm-dev: the lede proxy is the body sentence that best matches the first reference highlight
  (unigram F1 over lower-cased content words, spaCy's stop words aside); also the first
  substantive body sentence (the first the document marks as body, with at least 8 words).
- The 15 shared pages (../shared/eval/pages, read as `briefing read` reads them): the first
  substantive body sentence.

A key sentence is the lede when its offsets overlap the lede's, or its text is the lede's (spaces
normalised). Prints a Markdown table and a few misses.

    .venv/bin/python benchmarks/lede.py [--misses N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.analysis import nlp  # noqa: E402
from briefing.analysis.document import Document, Unit  # noqa: E402
from briefing.analysis.summarise import Length  # noqa: E402
from briefing.config import Config  # noqa: E402
from briefing.intake import read_articles  # noqa: E402
from briefing.models import Article, ArticleBrief, Sentence  # noqa: E402
from briefing.pipeline import brief_articles, cache_of  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
CONFIG = Config(cache=ROOT / ".briefing" / "bench-lede.sqlite", workers=1)
SUBSTANTIVE_WORDS = 8
WORD = re.compile(r"\w+")


def content_words(text: str) -> Counter[str]:
    """Lower-cased words that are not stop words."""
    return Counter(w for w in WORD.findall(text.lower()) if w not in STOP_WORDS)


def f1(reference: Counter[str], candidate: Counter[str]) -> float:
    """Unigram F1 of the two bags of words (ROUGE-1-like, unstemmed)."""
    overlap = sum((reference & candidate).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def body(document: Document) -> list[Unit]:
    return [u for u in document.sentences if u.kind == "body"]


def proxy_lede(document: Document, highlight: str) -> Unit | None:
    """The body sentence that best matches the highlight (the earliest of equals), if any matches."""
    reference = content_words(highlight)
    scored = [(f1(reference, content_words(u.text)), -i, u) for i, u in enumerate(body(document))]
    best = max(scored, default=None, key=lambda s: s[:2])
    return best[2] if best and best[0] > 0 else None


def first_substantive(document: Document) -> Unit | None:
    """The first body sentence with at least `SUBSTANTIVE_WORDS` words."""
    return next((u for u in body(document) if len(WORD.findall(u.text)) >= SUBSTANTIVE_WORDS), None)


def chosen(lede: Unit | None, sentences: list[Sentence]) -> bool:
    """Whether a key sentence is the lede: offsets overlapping, or the same text."""
    return lede is not None and any(s.start < lede.end and lede.start < s.end
                                    or " ".join(s.text.split()) == lede.text for s in sentences)


def briefed(articles: list[Article]) -> tuple[list[Document], list[ArticleBrief]]:
    """The articles' documents and briefs (an article the pipeline skips is left out of both)."""
    briefs = list(brief_articles(articles, CONFIG, Length(sentences=3), cache_of(CONFIG)))
    kept = {b.article.id for b in briefs if isinstance(b, ArticleBrief)}
    documents = list(nlp.parse(nlp.load(CONFIG.model), [a for a in articles if a.id in kept]))
    return documents, [b for b in briefs if isinstance(b, ArticleBrief)]


def cut(text: str, chars: int = 160) -> str:
    return text if len(text) <= chars else text[:chars - 1] + "…"


def show(label: str, brief: ArticleBrief, lede: Unit | None) -> None:
    print(f"- **{cut(brief.article.title or brief.article.id, 80)}** ({label})")
    print(f"  - lede: {cut(lede.text) if lede else '(none)'}")
    for sentence in brief.key_sentences:
        print(f"  - chosen: {cut(sentence.text)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", type=int, default=3, help="misses shown per set")
    shown = parser.parse_args().misses

    rows = [json.loads(line) for line in (EVAL / "cnndm-dev.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    highlights = {str(r["id"]): r["reference"][0] for r in rows}
    cnn = [Article(id=str(r["id"]), title=r.get("title"), text=r["text"]) for r in rows]
    documents, briefs = briefed(cnn)
    proxies = [proxy_lede(d, highlights[d.article.id]) for d in documents]
    firsts = [first_substantive(d) for d in documents]
    proxy_hits = [chosen(p, b.key_sentences) for p, b in zip(proxies, briefs, strict=True)]
    first_hits = [chosen(f, b.key_sentences) for f, b in zip(firsts, briefs, strict=True)]

    intake = read_articles(sorted((EVAL / "pages").glob("*.html")), 10**7)
    page_documents, page_briefs = briefed(intake.articles)
    page_firsts = [first_substantive(d) for d in page_documents]
    page_hits = [chosen(f, b.key_sentences) for f, b in zip(page_firsts, page_briefs, strict=True)]

    print("How often the lede is among an article's 3 key sentences (share of articles):\n")
    print("| set | articles | lede-proxy share | first-substantive share |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| cnndm-dev | {len(briefs)} | {sum(proxy_hits) / len(briefs):.2f} | {sum(first_hits) / len(briefs):.2f} |")
    print(f"| shared pages | {len(page_briefs)} | — | {sum(page_hits) / len(page_briefs):.2f} |")
    same = sum(p is not None and p == f for p, f in zip(proxies, firsts, strict=True))
    print(f"\nOn cnndm-dev the lede proxy is the first substantive sentence in {same} of {len(briefs)} articles. "
          f"Pages not briefed: {len(intake.skipped)} skipped on reading, "
          f"{len(intake.articles) - len(page_briefs)} on parsing.")
    print("\nMisses:\n")
    for label, ledes, hits, found in (("cnndm-dev, proxy", proxies, proxy_hits, briefs),
                                      ("page, first substantive", page_firsts, page_hits, page_briefs)):
        misses = [(lede, brief) for lede, hit, brief in zip(ledes, hits, found, strict=True) if not hit]
        for lede, brief in misses[:shown]:
            show(label, brief, lede)


if __name__ == "__main__":
    main()
