"""Speed and memory at scale, measured side by side in one run (2 cores here):

- start-up: `briefing --help` and `check-config`;
- the seeds brief from a cold process (no cache), all four formats;
- 200 articles (bbc-dev, cnndm-dev and 50 CoNLL documents) with 1 and 2 workers, no cache: the
  extraction stage as the manifest times it, and whether the briefs are byte-identical;
- the same 200 again with the parse cache warm;
- peak memory of a 1,000-article run (a day made by `articles`), all four formats;
- the whole 200-article run beside spaCy's bare parse of the same texts;
- a large day (2,000 articles unless `--articles N`, e.g. 10,000; made by `articles`): wall and
  CPU time at 1 and 2 workers, peak RSS of the main process, its largest parse worker and its
  largest rendering child, the distinct texts parsed and the stories told, the whole run against
  spaCy's bare parse (wall and CPU: the CPU ratio holds on a loaded machine), the brief's PDF pages (default template set),
  each timing beside the load average;
- 200 pages read from loopback servers (ten hosts, 127.0.0.1-10) that answer each in 100 ms.

    make bench        # or: .venv/bin/python benchmarks/scale.py [--articles N] [--only reading]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from random import Random

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


#: The shared sets the large day is made from (their texts; the saved pages as the page reader reads them).
SETS = ("bbc-dev", "cnndm-dev", "conll2003-dev", "actors-dev")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: The shortest paragraph, and the longest article, of the large day (in words).
MIN_WORDS, MAX_WORDS = 12, 1200
MAX_PARAGRAPH = 40
#: The fewest paragraphs of an article of the large day.
MIN_PARAGRAPHS = 6
SENTENCE_END = re.compile(r"(?<=[.!?]) (?=[A-Z])")


def shared_articles() -> list[dict]:
    """The articles of the shared sets, and the saved pages as read."""
    sys.path.insert(0, str(ROOT))
    from briefing.intake.html import page_article

    pool = [json.loads(line) for name in SETS for line in (EVAL / f"{name}.jsonl").read_text().splitlines()]
    for page in sorted((EVAL / "pages").glob("*.html")):
        article = page_article(page.read_bytes(), origin=page.name, id=page.stem)
        pool.append({"id": article.id, "title": article.title, "text": article.text})
    return pool


def pieces(text: str) -> list[str]:
    """The text's paragraphs of `MIN_WORDS` words or more, one that runs past `MAX_PARAGRAPH`
    words (cnndm-dev's texts are flattened to one line) cut into runs of sentences that long."""
    found = []
    for paragraph in PARAGRAPH_BREAK.split(text):
        run: list[str] = []
        for sentence in SENTENCE_END.split(" ".join(paragraph.split())):
            run.append(sentence)
            if sum(len(s.split()) for s in run) >= MAX_PARAGRAPH:
                found.append(" ".join(run))
                run = []
        found.append(" ".join(run))
    return [p for p in found if len(p.split()) >= MIN_WORDS]


def articles(count: int, seed: int = 28) -> list[dict]:
    """`count` distinct articles: the shared sets' own up to the 382 of their files, past that a
    day made with `seed` from their paragraphs of `MIN_WORDS` words or more, dealt in turn from a
    deck shuffled anew each time it runs out: each article takes the next paragraphs (at least
    `MIN_PARAGRAPHS`, and as many words as the article its first one comes from, up to `MAX_WORDS`) under
    that article's headline, with an id, an outlet of 200 and a time in the day's last 36 hours
    of its own. Two articles share a paragraph at most now and then, never most of their text, so
    copy detection keeps them apart."""
    if count <= 382:
        pool = [json.loads(line) for name in SETS for line in (EVAL / f"{name}.jsonl").read_text().splitlines()]
        return [{"id": a["id"], "title": a.get("title"), "text": a["text"]} for a in pool[:count]]
    pool = shared_articles()
    owner = {}  # each paragraph -> the first article that has it (actors-dev repeats bbc-dev and cnndm-dev)
    for number, article in enumerate(pool):
        for paragraph in pieces(article["text"]):
            owner.setdefault(paragraph, number)
    random = Random(seed)
    deck = (paragraph for _ in iter(int, 1) for paragraph in random.sample(list(owner), len(owner)))  # endless
    end = datetime.fromisoformat(f"{DAY}T23:59:00+00:00")
    made = []
    for i in range(count):
        chosen = [next(deck)]
        article = pool[owner[chosen[0]]]
        words, wanted = len(chosen[0].split()), min(MAX_WORDS, len(article["text"].split()))
        while len(chosen) < MIN_PARAGRAPHS or words < wanted:
            chosen.append(next(deck))
            words += len(chosen[-1].split())
        made.append({"id": f"day-{i:05d}", "title": article.get("title"), "text": "\n\n".join(chosen),
                     "source": f"Outlet {random.randrange(200):03d}",
                     "published": (end - timedelta(minutes=random.randrange(36 * 60))).isoformat()})
    return made


def desk(folder: Path, items: list[dict], extra: str, formats: str = "md, json") -> Path:
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in items))
    config = folder / "config.yaml"
    config.write_text(f"sources: [articles.jsonl]\noutput: out\nformats: [{formats}]\n{extra}")
    return config


def stage(folder: Path) -> float:
    return json.loads((folder / "out" / DAY / "manifest.json").read_text())["stages"]["parse and extract"]


def bare_parse_seconds(texts: list[str]) -> float:
    """spaCy alone over the texts, with the components briefing loads: wall seconds."""
    return bare_parse(texts)[0]


def bare_parse(texts: list[str]) -> tuple[float, float]:
    """spaCy alone over the texts, with the components briefing loads: wall and CPU seconds."""
    sys.path.insert(0, str(ROOT))
    from briefing.analysis import nlp

    pipeline = nlp.load("en_core_web_sm")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in pipeline.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


#: prctl(2)'s option that makes this process the reaper of its descendants' orphans.
PR_SET_CHILD_SUBREAPER = 36


def high_water_mb(pid: int | str) -> float:
    """The process's own peak resident memory so far (VmHWM, in MB), 0 once it is gone. Linux's
    `ru_maxrss` of a waited-for process is the largest of it and every child it waited for, so
    it cannot tell the main process from its workers."""
    try:
        status_lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status_lines if line.startswith("VmHWM:")), 0.0)


def descendants(pid: int | str) -> list[str]:
    """Every process below `pid`: its children, and theirs (the parse workers are children of
    the fork server the run starts)."""
    found, todo = [], [str(pid)]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            children = []
        found += children
        todo += children
    return found


def is_rendering(pid: str) -> bool:
    """Whether the process is a rendering child (it names itself `CHILD_NAME`); every other
    descendant of a run is a parse worker or the fork server they come from."""
    sys.path.insert(0, str(ROOT))
    from briefing.presentation.render import CHILD_NAME

    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() == CHILD_NAME
    except OSError:
        return False


def watched(command: list[str], cwd: Path) -> tuple[float, float, float, float, float]:
    """Wall time of `command` (which must succeed or skip), the peak RSS of its own process, of
    its largest parse worker (or fork server) and of its largest rendering child (each one's own
    high-water mark read from /proc while it runs), in MB, and the CPU seconds of the process and
    all its descendants (this process becomes their subreaper, so the fork server, orphaned when
    the run ends, is waited for here with the workers it waited for)."""
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    own = 0.0
    peaks: dict[bool, float] = {False: 0.0, True: 0.0}  # by whether a rendering child
    seen: set[str] = set()
    while True:
        own = max(own, high_water_mb(process.pid))  # before the wait: a reaped process has no /proc entry
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        below = descendants(process.pid)
        seen.update(below)
        for child in below:
            kind = is_rendering(child)  # read before the peak: a child gone since has neither
            peaks[kind] = max(peaks[kind], high_water_mb(child))
        time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode in (0, 10), command
    cpu = usage.ru_utime + usage.ru_stime
    for pid in seen:  # the orphans this process now reaps (the fork server, ending now its parent has)
        with contextlib.suppress(ChildProcessError):  # reaped by its own parent, or never ours
            orphan = os.wait4(int(pid), 0)[2]
            cpu += orphan.ru_utime + orphan.ru_stime
    return time.perf_counter() - start, own, peaks[False], peaks[True], cpu


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def large_day(work: Path, count: int) -> list[tuple[str, str, str]]:
    """The day of `count` articles at 1 and 2 workers, beside spaCy's bare parse."""
    import pypdf

    items = articles(count)
    rows, runs, outputs = [], {}, {}
    for workers in (1, 2):
        folder = work / f"large-{workers}"
        folder.mkdir()
        config = desk(folder, items, f"workers: {workers}\ncache: null\nmax_file_bytes: 500000000\n", formats="md, json, pdf")
        runs[workers] = *watched([BRIEFING, "-q", "run", "--config", str(config), "--date", DAY], folder), load()
        outputs[workers] = [(folder / "out" / DAY / name).read_bytes() for name in ("briefing.md", "briefing.json")]
        total, own, parse, rendering, cpu, quiet = runs[workers]
        stages = json.loads((folder / "out" / DAY / "manifest.json").read_text())["stages"]
        rows.append((f"{count:,} articles, {workers} worker{'s' * (workers > 1)}: read / extraction / compose / "
                     "render / whole run (CPU)",
                     f"{stages['read']:.0f} s / {stages['parse and extract']:.0f} s / {stages['compose']:.0f} s / "
                     f"{stages['render']:.0f} s / {total:.0f} s ({cpu:.0f} s CPU; {quiet})", ""))
        rows.append((f"{count:,} articles, {workers} worker{'s' * (workers > 1)}: peak RSS, main / largest parse "
                     "worker / largest rendering child", f"{own:.0f} MB / {parse:.0f} MB / {rendering:.0f} MB", "<= 600 MB each"))
        print(*rows[-2:], sep="\n", file=sys.stderr, flush=True)
    brief = json.loads(outputs[1][1])
    told = sum(len(section["stories"]) for section in brief["sections"] + brief["also_today"])
    pdf = (work / "large-1" / "out" / DAY / "briefing.pdf").read_bytes()
    rows.append((f"{count:,} articles: the brief's PDF pages (default set)", str(len(pypdf.PdfReader(io.BytesIO(pdf)).pages)),
                 "<= 6 (the 200-article budget)"))
    rows.append((f"{count:,} articles: speed-up of 2 workers (whole run)",
                 f"{runs[1][0] / runs[2][0]:.2f}x ({runs[1][5]} at 1 worker, {runs[2][5]} at 2)",
                 ">= 1.8x on a quiet machine"))
    rows.append((f"{count:,} articles: same brief with 1 and 2 workers", "yes" if outputs[1] == outputs[2] else "NO", "yes"))
    sys.path.insert(0, str(ROOT))
    from briefing.intake.copies import group_copies
    from briefing.models import Article

    parsed = [group[0].text for group in group_copies([Article(**a) for a in items])]  # the rest are copies
    rows.append((f"{count:,} articles: distinct texts parsed (the others briefed as their copies) / stories told",
                 f"{len(parsed):,} / {told:,}", ""))
    bare, bare_cpu = bare_parse(parsed)
    rows.append((f"{count:,} articles: whole run (1 worker) / spaCy's bare parse of the parsed texts, wall (CPU)",
                 f"{runs[1][0]:.0f} s / {bare:.0f} s = {runs[1][0] / bare:.2f} ({runs[1][4]:.0f} s / {bare_cpu:.0f} s = "
                 f"{runs[1][4] / bare_cpu:.2f}; {load()})", "<= 1.15"))
    print(*rows[-6:], sep="\n", file=sys.stderr, flush=True)
    return rows


PAGE = ("<html><head><title>Council budget {n}</title></head><body><article><h1>Council budget {n}</h1>"
        + "".join(f"<p>The council of district {{n}} met on Tuesday for the {part} time this year to agree the budget "
                  f"for roads, schools and the library, and the mayor said the vote of {part} members was close.</p>"
                  for part in ("first", "second", "third", "fourth", "fifth", "sixth"))
        + "</article></body></html>")


def cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for."""
    import resource

    return sum(usage.ru_utime + usage.ru_stime
               for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def loopback_read(work: Path, pages: int = 200, hosts: int = 10) -> tuple[str, str, str]:
    """The seconds `pages` pages take to read from `hosts` loopback servers answering each in 100 ms:
    the fetcher's host is the address's host name (127.0.0.1 to 127.0.0.10 here; a port apart is
    the same host), read `PER_HOST` at a time and `PARALLEL_FETCHES` in all."""
    sys.path.insert(0, str(ROOT))
    from briefing.config import Config
    from briefing.intake import read_sources
    from briefing.intake.web import PARALLEL_FETCHES, PER_HOST

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            time.sleep(0.1)
            body = PAGE.format(n=self.path.strip("/")).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer((f"127.0.0.{n}", 0), Slow) for n in range(1, hosts + 1)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    (work / "pages.txt").write_text("".join(f"http://127.0.0.{1 + n % hosts}:{servers[n % hosts].server_address[1]}/{n}\n"
                                            for n in range(pages)))
    config = Config(sources=[{"urls": "pages.txt"}], allow_private_addresses=True, state=work / "state.sqlite")
    start, cpu = time.perf_counter(), cpu_seconds()
    intake = read_sources(config.source_entries, work, config, DAY)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    for server in servers:
        server.shutdown()
        server.server_close()
    return (f"{pages} pages from {hosts} loopback hosts, 100 ms each ({PER_HOST} a host and {PARALLEL_FETCHES} in all "
            f"at once): read ({len(intake.articles)} articles), wall (CPU of the reader, its page children and the "
            "servers)", f"{seconds:.1f} s ({cpu:.1f} s CPU; {load()})", "a few seconds, not 20")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2_000,
                        help="articles of the large day (default 2,000; 10,000 takes about 45 minutes on 2 cores)")
    parser.add_argument("--only", choices=["reading", "large"],
                        help="measure only this: `reading`, the 200 loopback pages; `large`, those and the large day")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    reading = loopback_read(work)  # first, as a run reads before it loads spaCy (a larger process forks slower)
    if args.only == "reading":
        table("200 loopback pages", [reading], work)
        return
    if args.only == "large":
        table(f"200 loopback pages and a day of {args.articles:,} articles", [reading, *large_day(work, args.articles)],
              work)
        return
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
    _, own, parse, rendering, _ = watched([BRIEFING, "-q", "run", "--config", str(config), "--date", DAY], folder)
    rows.append(("1,000 articles: peak RSS, main process / largest parse worker / largest rendering child",
                 f"{own:.0f} MB / {parse:.0f} MB / {rendering:.0f} MB", "< 600 MB each"))

    bare = bare_parse_seconds([a["text"] for a in items])
    rows.append(("whole 200-article run (1 worker) / spaCy's bare parse", f"{timings[1][1]:.1f} s / {bare:.1f} s = "
                 f"{timings[1][1] / bare:.2f}", ""))

    print(*rows, sep="\n", file=sys.stderr, flush=True)
    rows += [reading, *large_day(work, args.articles)]
    table("Start-up, the seeds cold run, 200 articles at 1 and 2 workers, a cached re-run, the peak memory of "
          "1,000 articles, the whole run beside spaCy's bare parse, 200 loopback pages, and a day of "
          f"{args.articles:,} articles", rows, work)


def table(title: str, rows: list[tuple[str, str, str]], work: Path) -> None:
    """Print `rows` as a Markdown table under `title`, then remove the work folder."""
    print(f"{title} ({os.cpu_count()} cores; the load average beside each timing):\n")
    print("| measure | figure | target |\n| --- | --- | --- |")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
