"""Reading news pages: main text and headline on ../shared/eval/pages, as `briefing read` gives
them, beside trafilatura and readability-lxml alone (score_pages.py scores all three), and the
in-process time of extraction over the 15 pages.

    make bench        # or: .venv/bin/python benchmarks/pages.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "eval" / "pages"
SCORER = ROOT.parent / "shared" / "eval" / "score_pages.py"
BRIEFING = Path(sys.executable).parent / "briefing"
SYSTEMS = {"briefing read": ["--cmd", f"{BRIEFING} read {{file}} --format jsonl"],
           "trafilatura 2.3 (extract)": ["--module", "trafilatura"],
           "readability-lxml 0.9": ["--module", "readability"]}


def score(arguments: list[str]) -> dict[str, str]:
    """The figures of score_pages.py's SCORE and TITLE lines."""
    output = subprocess.run([sys.executable, str(SCORER), "--pages", str(PAGES), *arguments],
                            capture_output=True, text=True, check=True).stdout
    figures = dict(re.findall(r"(\w+)=([\d.]+)", " ".join(line for line in output.splitlines()
                                                            if line.startswith(("SCORE", "TITLE")))))
    return figures


def readability_installed() -> bool:
    """readability-lxml 0.9 (0.8 cannot read the bytes score_pages.py gives it)."""
    from importlib import metadata

    try:
        return metadata.version("readability-lxml").startswith("0.9")
    except metadata.PackageNotFoundError:
        return False


def extraction_seconds() -> tuple[float, float]:
    """In-process seconds to read all pages: briefing's reader, and trafilatura's extract alone
    (each the fastest of three passes, after a warm-up)."""
    sys.path.insert(0, str(ROOT))
    import trafilatura

    from briefing.intake.html import page_article

    pages = [(p, p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]

    def ours():
        for path, body in pages:
            page_article(body, origin=str(path), id=path.name)

    def theirs():
        for _, body in pages:
            trafilatura.extract(body, include_comments=False, include_tables=True)

    timings = []
    for run in (ours, theirs):
        run()
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        timings.append(best)
    return timings[0], timings[1]


def main() -> None:
    print(f"Main text of {len(list(PAGES.glob('*.html')))} saved news pages (score_pages.py)\n")
    print("| system | precision | recall | F1 | accuracy | title (exact) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, arguments in SYSTEMS.items():
        if name.startswith("readability") and not readability_installed():
            print(f"| {name} | not installed (pip install readability-lxml==0.9) | | | | |")
            continue
        f = score(arguments)
        print(f"| {name} | {f['precision']} | {f['recall']} | {f['f1']} | {f['accuracy']} | {f['exact']} |")
    ours, theirs = extraction_seconds()
    print(f"\nExtraction in-process, all pages: briefing {ours:.3f} s, trafilatura alone {theirs:.3f} s "
          f"(target: briefing under 1 s)")


if __name__ == "__main__":
    main()
