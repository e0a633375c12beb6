"""Article dates as the page reader gives them, against the day each page says it was published:
the 15 shared news pages (gold/dates.yaml), the ten written pages of tests/data/pages-shapes
(their `published`), and pages that give no date of their own but hold years a guess would take
(a copyright line, a year in the story, a sidebar's date), where the right answer is none.

    .venv/bin/python benchmarks/dates.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH, so an older checkout can be measured the same way

from briefing.errors import SourceError  # noqa: E402
from briefing.intake.html import page_article  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval" / "pages"
SHAPES = ROOT / "tests" / "data" / "pages-shapes"
PROSE = ("<p>The council said on Thursday that repairs to the harbour wall would take most of the winter, and that "
         "the ferry would run from the north pier until the work is finished next spring.</p>"
         "<p>Engineers found that two sections of the wall had moved during the autumn storms, and the council has "
         "set aside money for the work from its reserves after a vote by its members.</p>"
         "<p>Traders on the quay said the closure would cost them the busiest weeks of the year, and asked the "
         "council for help with their rents while the work goes on.</p>")
#: Pages with no date of their own: each holds one place a guess would take a date from.
UNDATED = {
    "copyright line": "<footer>© 2003 Harbour News Ltd</footer>",
    "year in the story": "<p>Their 2003 performance</p>",
    "year in a caption": "<figure><figcaption>The quay in 1998.</figcaption></figure>",
    "sidebar date": "<aside><ul><li><a href='/a'>Ferry fares rise</a> <span class='date'>November 28, 2026</span>"
                    "</li></ul></aside>",
}


def undated(furniture: str) -> str:
    return (f"<html><head><title>Harbour wall repairs close north quay</title></head><body><main><article>"
            f"<h1>Harbour wall repairs close north quay</h1>{furniture if 'aside' not in furniture else ''}{PROSE}"
            f"</article>{furniture if 'aside' in furniture else ''}</main></body></html>")


def cases() -> list[tuple[str, str, bytes, list[str]]]:
    """(set, name, page, accepted days); no day accepted: the page gives no date."""
    gold = yaml.safe_load((ROOT / "benchmarks" / "gold" / "dates.yaml").read_text(encoding="utf-8"))
    shapes = json.loads((SHAPES / "pages.json").read_text(encoding="utf-8"))
    return ([("shared pages", name, (SHARED / name).read_bytes(), days) for name, days in sorted(gold.items())]
            + [("written pages", name, (SHAPES / name).read_bytes(), [page["published"]])
               for name, page in sorted(shapes.items()) if "skipped" not in page]
            + [("undated pages", name, undated(furniture).encode(), []) for name, furniture in UNDATED.items()])


def main() -> None:
    rows: dict[str, list[int]] = {}
    misses = []
    for kind, name, body, days in cases():
        try:
            found = (page_article(body, origin=name, id=name).published or "")[:10] or None
        except SourceError as exc:
            found = f"skipped ({exc})"
        right = found in days if days else found is None
        counts = rows.setdefault(kind, [0, 0, 0])
        counts[0] += 1
        counts[1] += right
        counts[2] += found is None and bool(days)
        if not right:
            misses.append(f"- {kind}, {name}: {found or 'no date'} (expected {' or '.join(days) or 'no date'})")
    print("| set | pages | right day | unknown where a date is given |")
    print("| --- | ---: | ---: | ---: |")
    for kind, (total, right, unknown) in rows.items():
        print(f"| {kind} | {total} | {right} | {unknown} |")
    print()
    print("\n".join(misses) if misses else "Every page dated right (or left undated where it gives no date).")


if __name__ == "__main__":
    main()
