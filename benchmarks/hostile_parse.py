"""How long one article of a hostile shape takes to parse and extract, as read (cleaned and
bounded by `bounded_article`) and raw (straight to spaCy, as before the hygiene), each in a
child process stopped after `--cap` seconds.

    .venv/bin/python benchmarks/hostile_parse.py [--size 20000] [--cap 120] [--shape '*']
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis import nlp  # noqa: E402
from briefing.analysis.actors import extract_actors  # noqa: E402
from briefing.analysis.summarise import key_sentences  # noqa: E402
from briefing.errors import BriefingError  # noqa: E402
from briefing.intake.hygiene import bounded_article  # noqa: E402
from briefing.isolation import bounded  # noqa: E402
from briefing.models import Article  # noqa: E402

SENTENCE = "The council approved the budget on Monday after a long debate. "
LEAD = "Council approves the budget\n\n" + SENTENCE
#: Each shape as text of about `n` characters.
SHAPES = {
    "*": lambda n: "*" * n,
    "-": lambda n: "-" * n,
    ".": lambda n: "." * n,
    "!": lambda n: "!" * n,
    "mixed *-_=~": lambda n: "*-_=~" * (n // 5),
    "mixed !?,;:%$": lambda n: "!?,;:%$" * (n // 7),
    "_": lambda n: "_" * n,
    "quotes": lambda n: "\"'" * (n // 2),
    "emoji": lambda n: "😀" * n,
    "flags": lambda n: "🇬🇧" * (n // 2),
    "combining marks": lambda n: "a" + "\u0301" * n,
    "nested brackets": lambda n: "(" * (n // 2) + "a" + ")" * (n // 2),
    "repeated 's": lambda n: "a" + "'s" * (n // 2),
    "repeated US$": lambda n: "US$" * (n // 3),
    "long URL": lambda n: "https://example.com/" + "a/" * (n // 2),
    "one long token": lambda n: "a" * n,
    "ordinary sentences": lambda n: SENTENCE * (n // len(SENTENCE)),
    # the worst the hygiene lets through: every word as long as it may be, each one new
    "words of 's": lambda n: " ".join(_tag(i) + "'s" * 48 for i in range(n // 101)),
    "runs of symbols": lambda n: " ".join(_tag(i) + "!?*%$#()[]" for i in range(n // 16)),
    "runs of commas": lambda n: " ".join(_tag(i) + "," * 10 for i in range(n // 16)),
}


def _tag(number: int) -> str:
    """A word of letters unique to `number`."""
    return "".join(chr(97 + int(digit)) for digit in str(number))


def extract(article: Article) -> None:
    """Parse, key sentences and actors of the article, as a worker does."""
    document = next(nlp.parse(nlp.load("en_core_web_sm"), [article]))
    extract_actors(document, key_sentences(document))


def timed(article: Article, cap: float) -> str:
    start = time.perf_counter()
    try:
        bounded(extract, article, seconds=cap, memory_mb=8192, what="the parse", error=BriefingError)
    except BriefingError as exc:
        return f"> {cap:g} s" if "longer than" in str(exc) else str(exc)
    return f"{time.perf_counter() - start:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="characters of the hostile part")
    parser.add_argument("--cap", type=float, default=120)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes")
    parser.add_argument("--read-only", action="store_true", help="only the text as read (not raw)")
    args = parser.parse_args()
    nlp.load("en_core_web_sm")
    print(f"| shape ({args.size:,} characters) | raw | as read | as read, 200,000 characters |")
    print("| --- | --- | --- | --- |")
    for name in args.shape or SHAPES:
        make = SHAPES[name]
        raw = Article(id=name, text=LEAD + make(args.size) + " The vote was close.")
        large = Article(id=name, text=LEAD + make(200_000) + " The vote was close.")
        before = "-" if args.read_only else timed(raw, args.cap)
        after = timed(bounded_article(raw, 1_000_000)[0], args.cap)
        after_large = timed(bounded_article(large, 1_000_000)[0], args.cap)
        print(f"| {name} | {before} | {after} | {after_large} |", flush=True)


if __name__ == "__main__":
    main()
