"""Quotations and speakers against the gold of tests/data/quotes-gold.yaml (the two seeds and ten
BBC articles), beside a simple baseline: every quoted span of four or more words, given to the
nearest PERSON the same spaCy pipeline tags before it.

A found quotation matches a gold one when they overlap by at least half of the longer of the two
(one to one, largest overlap first); `exact` counts matches whose text is the gold text (outer
punctuation and spaces trimmed). The speaker is right when both are unnamed, or when the names
agree without honorifics and case. Targets: recall >= 0.85, precision >= 0.9, speaker >= 0.9.

    make bench        # or: .venv/bin/python benchmarks/quotes.py
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.analysis import nlp  # noqa: E402
from briefing.analysis.actors import extract_actors  # noqa: E402
from briefing.analysis.names import name_data  # noqa: E402
from briefing.analysis.quotes import direct_quotes  # noqa: E402
from briefing.intake.text import read as read_text  # noqa: E402
from briefing.models import Article  # noqa: E402

DATA = ROOT / "tests" / "data"
GOLD = DATA / "quotes-gold.yaml"
TARGETS = {"recall": 0.85, "precision": 0.9, "speaker": 0.9}
OUTER = " \t\n\"'“”‘’.,;:!?"


@dataclass(frozen=True)
class Found:
    """A quotation as a system reports it: where it is, its text and its speaker (None: unnamed)."""

    start: int
    end: int
    text: str
    speaker: str | None


def articles() -> dict[str, Article]:
    """The gold's articles by the gold's names: seeds read as briefing reads a text file, the BBC
    articles from tests/data/quotes-articles.jsonl."""
    found = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found[f"seeds/{path.name}"] = read_text(path, path.read_text(encoding="utf-8"))[0]
    for line in (DATA / "quotes-articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        found[f"bbc-dev:{row['id']}"] = Article(id=row["id"], title=row.get("title"), text=row["text"])
    return found


def gold(texts: dict[str, Article]) -> dict[str, list[Found]]:
    """The gold quotations of each article, placed in its text (parts found in order)."""
    placed: dict[str, list[Found]] = {}
    for entry in yaml.safe_load(GOLD.read_text(encoding="utf-8")):
        text = texts[entry["article"]].text
        quotes = []
        for quote in entry["quotes"] or []:
            at, spans = 0, []
            for part in quote.get("parts") or [quote["text"]]:
                start = text.index(part, at)
                spans.append((start, start + len(part)))
                at = start + len(part)
            speaker = None if quote["speaker"] == "anonymous" else quote["speaker"]
            quotes.append(Found(spans[0][0], spans[-1][1], quote["text"], speaker))
        placed[entry["article"]] = quotes
    return placed


def briefing_quotes(pipeline, texts: dict[str, Article]) -> dict[str, list[Found]]:
    found = {}
    for name, document in zip(texts, nlp.parse(pipeline, texts.values())):
        quotes = direct_quotes(document, extract_actors(document))
        found[name] = [Found(q.start, q.end, q.text, q.speaker) for q in quotes]
    return found


BASELINE_SPAN = re.compile(r"\"([^\"\n]{1,2000})\"|“([^”\n]{1,2000})”|(?<!\w)['‘]([^'‘’\n]{1,2000})['’](?!\w)")


def baseline_quotes(pipeline, texts: dict[str, Article]) -> dict[str, list[Found]]:
    """Quoted spans of four or more words, each given to the nearest PERSON tagged before it."""
    found = {}
    for name, article in texts.items():
        people = [e for e in pipeline(article.text).ents if e.label_ == "PERSON"]
        quotes = []
        for match in BASELINE_SPAN.finditer(article.text):
            group = next(i for i in (1, 2, 3) if match.group(i) is not None)
            if len(match.group(group).split()) >= 4:
                before = [p.text for p in people if p.end_char <= match.start()]
                quotes.append(Found(match.start(group), match.end(group), match.group(group),
                                    before[-1] if before else None))
        found[name] = quotes
    return found


def _name(speaker: str | None) -> str | None:
    if speaker is None:
        return None
    words = speaker.split()
    honorifics = name_data().honorifics | {"rt"}
    while len(words) > 1 and words[0].rstrip(".").lower() in honorifics:
        words.pop(0)
    return " ".join(words).lower()


def score(found: dict[str, list[Found]], wanted: dict[str, list[Found]]) -> dict[str, float]:
    """Recall, precision, right speakers among the matched, and exact texts among the matched."""
    matched = right = exact = 0
    for name, golds in wanted.items():
        pairs = sorted(((min(f.end, g.end) - max(f.start, g.start), i, j) for i, f in enumerate(found.get(name, []))
                        for j, g in enumerate(golds)), reverse=True)
        used_f: set[int] = set()
        used_g: set[int] = set()
        for overlap, i, j in pairs:
            f, g = found[name][i], golds[j]
            if i in used_f or j in used_g or overlap < 0.5 * max(f.end - f.start, g.end - g.start):
                continue
            used_f.add(i)
            used_g.add(j)
            matched += 1
            right += _name(f.speaker) == _name(g.speaker)
            exact += f.text.strip(OUTER) == g.text.strip(OUTER)
    total_found = sum(len(v) for v in found.values())
    total_gold = sum(len(v) for v in wanted.values())
    return {"gold": total_gold, "found": total_found, "recall": matched / total_gold,
            "precision": matched / total_found if total_found else 0.0,
            "speaker": right / matched if matched else 0.0, "exact": exact / matched if matched else 0.0}


def main() -> None:
    pipeline = nlp.load("en_core_web_sm")
    texts = articles()
    wanted = gold(texts)
    fields = ("gold", "found", "recall", "precision", "speaker", "exact")
    print("| system | " + " | ".join(fields) + " |\n|---|" + "---|" * len(fields))
    for system, found in (("briefing", briefing_quotes(pipeline, texts)), ("baseline", baseline_quotes(pipeline, texts))):
        figures = score(found, wanted)
        print(f"| {system} | " + " | ".join(f"{figures[f]:.2f}" if isinstance(figures[f], float) else str(figures[f])
                                              for f in fields) + " |")
    print("\nTargets: " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()) + ".")


if __name__ == "__main__":
    main()
