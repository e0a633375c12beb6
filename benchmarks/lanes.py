"""What the main process costs while the parse workers work, and how evenly they end: a day made
by `scale.articles` (500 articles unless `--articles N`) briefed with `--workers` (2) in this
process: the read stage, the main process's CPU during extraction (in all and per article), each
run of batches' child CPU, the wait before the first run starts and the idle tail (how long the
last run goes on after the one before it ended), beside the load average (the machine is shared).

    .venv/bin/python benchmarks/lanes.py [--articles N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import articles, desk  # noqa: E402

from briefing import isolation, load_config, pipeline  # noqa: E402


def child_cpu(pid: int) -> float:
    """User and system seconds of a live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    runs: list[dict] = []
    start, stop = isolation._Lane._start, isolation._Lane.stop

    def started(lane: isolation._Lane) -> None:
        start(lane)
        runs.append({"lane": lane, "from": time.monotonic()})

    def stopped(lane: isolation._Lane) -> None:
        run = next((run for run in runs if run["lane"] is lane and "to" not in run), None)
        if lane.child is not None and run is not None and lane.child.pid is not None:
            run.update(to=time.monotonic(), cpu=child_cpu(lane.child.pid))
        stop(lane)

    isolation._Lane._start, isolation._Lane.stop = started, stopped  # type: ignore[method-assign, assignment]
    marks: dict[str, float] = {}

    def progress(outcomes: Iterable, count: int) -> Iterator:
        marks["cpu"], marks["from"] = -own_cpu(), time.monotonic()
        yield from outcomes
        marks["cpu"] += own_cpu()
        marks["to"] = time.monotonic()

    with tempfile.TemporaryDirectory() as work:
        config = desk(Path(work), articles(options.articles),
                      f"workers: {options.workers}\ncache: null\nmax_file_bytes: 500000000\n")
        result = pipeline.build(load_config(config), date(2026, 11, 21), progress=progress)
        stages = json.loads((result.folder / "manifest.json").read_text())["stages"]
    ends = sorted(run["to"] for run in runs if "to" in run)
    parsed = sum(len(run["lane"].items) for run in runs)
    print(f"| {options.articles:,} articles, {options.workers} workers | |\n|---|---|")
    print(f"| read stage | {stages['read']:.1f} s |")
    print(f"| extraction (wall) | {marks['to'] - marks['from']:.1f} s |")
    print(f"| main process CPU during extraction | {marks['cpu']:.2f} s ({marks['cpu'] / parsed * 1000:.2f} ms an article) |")
    print(f"| runs of batches / their children's CPU | {len(runs)} / {sum(run.get('cpu', 0) for run in runs):.1f} s |")
    print(f"| wait before the first run starts | {min(run['from'] for run in runs) - marks['from']:.1f} s |")
    print(f"| idle tail (last run's end after the one before) | {ends[-1] - ends[-2] if len(ends) > 1 else 0:.1f} s |")
    print(f"| load average | {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
