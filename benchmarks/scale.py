"""Speed and memory at scale, measured side by side in one run (2 cores here):

- start-up: `briefing --help` and `check-config`;
- the seeds brief from a cold process (no cache), all four formats;
- 200 articles (bbc-dev, cnndm-dev and 50 CoNLL documents) with 1 and 2 workers, no cache: the
  extraction stage as the manifest times it, and whether the briefs are byte-identical;
- the same 200 again with the parse cache warm;
- peak memory of a 1,000-article run (articles made by joining thirds of the shared eval
  articles), all four formats;
- the whole 200-article run beside spaCy's bare parse of the same texts.

    make bench        # or: .venv/bin/python benchmarks/scale.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BRIEFING = str(Path(sys.executable).parent / "briefing")
DAY = "2026-11-21"


def wall(command: list[str], cwd: Path, repeat: int = 1) -> float:
    """The fastest wall time of `command`, which must succeed."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def peak_rss_mb(command: list[str], cwd: Path) -> tuple[float, float]:
    """Peak resident memory of the run's own process, and of its largest child, in MB."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) in (0, 10), command
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return usage.ru_maxrss / 1024, children / 1024


def articles(count: int) -> list[dict]:
    """`count` distinct articles from the shared sets (past the 382 there are, thirds of three
    articles joined, so that no two share more than a third of their text)."""
    pool = [json.loads(line) for name in ("bbc-dev", "cnndm-dev", "conll2003-dev", "actors-dev")
            for line in (EVAL / f"{name}.jsonl").read_text().splitlines()]
    if count <= len(pool):
        return [{"id": a["id"], "title": a.get("title"), "text": a["text"]} for a in pool[:count]]
    made, n = [], len(pool)
    for i in range(count):
        a, b, c = (pool[i % n]["text"], pool[(i * 7 + 3 + i // n) % n]["text"],
                   pool[(i * 13 + 5 + 2 * (i // n)) % n]["text"])
        made.append({"id": f"mix-{i}", "title": pool[i % n].get("title"),
                     "text": "\n\n".join((a[:len(a) // 3], b[len(b) // 3:2 * len(b) // 3], c[2 * len(c) // 3:]))})
    return made


def desk(folder: Path, items: list[dict], extra: str, formats: str = "md, json") -> Path:
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in items))
    config = folder / "config.yaml"
    config.write_text(f"sources: [articles.jsonl]\noutput: out\nformats: [{formats}]\n{extra}")
    return config


def stage(folder: Path) -> float:
    return json.loads((folder / "out" / DAY / "manifest.json").read_text())["stages"]["parse and extract"]


def bare_parse_seconds(texts: list[str]) -> float:
    """spaCy alone over the texts, with the components briefing loads."""
    sys.path.insert(0, str(ROOT))
    from briefing.analysis import nlp

    pipeline = nlp.load("en_core_web_sm")
    start = time.perf_counter()
    for _ in pipeline.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    rows = []
    rows.append(("`briefing --help`", f"{wall([BRIEFING, '--help'], work, 5):.2f} s", "< 0.3 s"))
    shutil.copytree(ROOT / "seeds", work / "seeds")
    (work / "seeds.yaml").write_text("sources: [seeds]\noutput: out\ncache: null\n")
    rows.append(("`briefing check-config`", f"{wall([BRIEFING, 'check-config', '--config', 'seeds.yaml'], work, 5):.2f} s",
                 "< 0.3 s"))
    rows.append(("seeds, cold run (pdf, md, html, json)",
                 f"{wall([BRIEFING, '-q', 'run', '--config', 'seeds.yaml', '--date', DAY], work, 3):.2f} s", "< 2.0 s"))

    items = articles(200)
    timings, outputs = {}, {}
    for workers in (1, 2):
        folder = work / f"w{workers}"
        folder.mkdir()
        config = desk(folder, items, f"workers: {workers}\ncache: null\n")
        total = wall([BRIEFING, "-q", "run", "--config", str(config), "--date", DAY], folder)
        timings[workers] = (stage(folder), total)
        outputs[workers] = [(folder / "out" / DAY / name).read_bytes() for name in ("briefing.md", "briefing.json")]
    rows.append(("200 articles, 1 worker: extraction / whole run", f"{timings[1][0]:.1f} s / {timings[1][1]:.1f} s", ""))
    rows.append(("200 articles, 2 workers: extraction / whole run", f"{timings[2][0]:.1f} s / {timings[2][1]:.1f} s",
                 ""))
    rows.append(("speed-up of 2 workers (extraction)", f"{timings[1][0] / timings[2][0]:.2f}x", ">= 1.7x"))
    rows.append(("same brief with 1 and 2 workers", "yes" if outputs[1] == outputs[2] else "NO", "yes"))

    folder = work / "cached"
    folder.mkdir()
    config = desk(folder, items, "")
    wall([BRIEFING, "-q", "run", "--config", str(config), "--date", DAY], folder)
    cold = stage(folder)
    cached_total = wall([BRIEFING, "-q", "run", "--config", str(config), "--date", DAY], folder)
    warm = stage(folder)
    same = [(folder / "out" / DAY / n).read_bytes() for n in ("briefing.md", "briefing.json")] == outputs[1]
    rows.append(("cached re-run of the 200: extraction / whole run", f"{warm:.3f} s / {cached_total:.2f} s", ""))
    rows.append(("speed-up of the cache (extraction)", f"{cold / max(warm, 1e-3):.0f}x", ">= 20x"))
    rows.append(("same brief with and without the cache", "yes" if same else "NO", "yes"))

    folder = work / "thousand"
    folder.mkdir()
    config = desk(folder, articles(1000), "cache: null\n", formats="md, json, html, pdf")
    own, child = peak_rss_mb([BRIEFING, "-q", "run", "--config", str(config), "--date", DAY], folder)
    rows.append(("1,000 articles: peak RSS, main process / largest worker", f"{own:.0f} MB / {child:.0f} MB",
                 "< 600 MB"))

    bare = bare_parse_seconds([a["text"] for a in items])
    rows.append(("whole 200-article run (1 worker) / spaCy's bare parse", f"{timings[1][1]:.1f} s / {bare:.1f} s = "
                 f"{timings[1][1] / bare:.2f}", ""))

    print("Start-up, the seeds cold run, 200 articles at 1 and 2 workers, a cached re-run, the peak memory of "
          "1,000 articles, and the whole run beside spaCy's bare parse:\n")
    print("| measure | figure | target |\n| --- | --- | --- |")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
