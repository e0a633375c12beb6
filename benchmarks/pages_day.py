"""A day of news pages as a desk reads them: the 15 annotated pages of ../shared/eval/pages and
the ten written for the project (tests/data/pages-shapes) served on loopback through one feed,
briefed by `briefing run`, and the brief checked as a reader would:

- no furniture sentence: no shown sentence (a story's lead or points, the bottom line, any
  article's key sentences) holds a page's annotated boilerplate (`without`) or a furniture marker
  (cookies, subscribe, newsletter, app stores, tweets, credits, "Read more");
- no dateline prefix: no shown sentence opens with words before a dash ("OSAKA –");
- no damaged sentence: none opens in lower case ("ondon's"), runs two sentences together
  ("here.Second"), leaves a hole where a link was ("high for ."), keeps a footnote marker
  ("Register.2") or a space before punctuation;
- sources that name each outlet, and clean authors (a person's or body's name, or none);
- no actor that only furniture names (Android, App Store, Google Play);
- only the paywalled page skipped, for want of article text.

    .venv/bin/python benchmarks/pages_day.py [--show N]

Prints each problem, the shown sentences of the first three pages, and a summary line; exits 1
if the brief has a problem.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval" / "pages"
OWN = ROOT / "tests" / "data" / "pages-shapes"
BRIEFING = Path(sys.executable).parent / "briefing"
#: The outlet each shared page is from (as the site names itself; case is not compared).
OUTLETS = {
    "californiaglobe-amazon.html": {"California Globe"}, "guardian-academics.html": {"The Guardian"},
    "kxan-voters.html": {"KXAN Austin", "KXAN"}, "pagesix-myers.html": {"Page Six"}, "politico-meadows.html": {"Politico"},
    "roughdraft-brookhaven.html": {"Rough Draft Atlanta"}, "salon-emissions.html": {"Salon", "Salon.com"},
    "scmp-playbook.html": {"South China Morning Post"}, "searchlight-diamond.html": {"Searchlight"},
    "sknobserver-bvi.html": {"The St Kitts Nevis Observer"}, "stluciatimes-dea.html": {"St. Lucia Times News"},
    "telegraph-plumber.html": {"The Telegraph"}, "thelocal-tattoo.html": {"The Local Sweden", "The Local"},
    "timesofisrael-justice.html": {"The Times of Israel"}, "vice-amazon.html": {"Vice"},
}
#: What furniture says, whatever the page (case is not compared).
FURNITURE = re.compile(r"cookies|subscri|newsletter|sign up|app store|google play|download (?:our|the) app|"
                       r"pic\.twitter\.com|\(@\w+\)|read more|related:|credit:|photo:|photograph:|advertisement|"
                       r"share this|follow us|already a|unlimited access", re.I)
DATELINE = re.compile(r"^(?:[A-Z][\w.'’&-]*[ ,]{1,3}){0,5}(?:\([^)]{1,30}\)[ ]?)?(?:--|—|–|-)[ ](?=[A-Z\"“‘])")
DAMAGE = {
    "opens in lower case": re.compile(r"^[\"“‘']?[a-z]"),
    "two sentences run together": re.compile(r"[a-z]{2}[.!?][\"”’]?[A-Z][a-z]"),
    "a hole where a link was": re.compile(r"\b(?:for|of|to|by|with|the|a|and|from|in|on|at) [.,;:]"),
    "a footnote marker": re.compile(r"[a-z][.,;:\"”]\d{1,2}(?:\s|$)"),
    "a space before punctuation": re.compile(r"\w [,;:!?](?:\s|$)|\w \.$"),
}
#: Actors that only page furniture names (an app-store footer made "Android" a key actor).
FURNITURE_ACTORS = {"android", "app store", "google play", "ios", "iphone", "whatsapp"}
NAME_PART = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|de|van|von|der|da|di|la|le|of|the|and|&))*")
PLACEHOLDERS = {"no author", "admin", "author", "staff", "unknown", "anonymous", "article by", "by"}


def pages() -> dict[str, dict]:
    """Every page of the day: file name -> its annotations and its path."""
    found = {}
    for folder in (SHARED, OWN):
        for name, page in json.loads((folder / "pages.json").read_text(encoding="utf-8")).items():
            found[name] = {**page, "path": folder / name}
    return found


def serve(day: dict[str, dict]) -> tuple[ThreadingHTTPServer, str]:
    """The pages and a feed of them on a loopback address."""
    routes: dict[str, tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            body, kind = routes.get(self.path, (b"not found", "text/plain"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = []
    for name, page in day.items():
        routes[f"/news/{name}"] = (page["path"].read_bytes(), "text/html")
        items.append(f"<item><title>{escape(page.get('title') or name)}</title><link>{base}/news/{name}</link></item>")
    routes["/feed.xml"] = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback desk</title>{"".join(items)}'
                           f"</channel></rss>".encode(), "application/rss+xml")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def brief(base: str, folder: Path) -> dict:
    """The day's briefing.json, briefed by `briefing run` from the loopback feed."""
    config = folder / "config.yaml"
    config.write_text(f"title: Loopback desk\nsources:\n  - feed: {base}/feed.xml\noutput: out\nformats: [md, json]\n"
                      f"cache: null\nallow_private_addresses: true\nfetch: {{timeout_seconds: 5, retries: 0}}\n")
    today = date.today().isoformat()
    run = subprocess.run([str(BRIEFING), "--quiet", "run", "--config", str(config), "--date", today],
                         capture_output=True, text=True)
    if run.returncode not in (0, 10):  # 10: some source skipped
        sys.exit(f"briefing run failed ({run.returncode}): {run.stderr}")
    return json.loads((folder / "out" / today / "briefing.json").read_text(encoding="utf-8"))


def shown(briefing: dict) -> dict[int, list[str]]:
    """Every sentence the brief shows, by source number."""
    sentences: dict[int, list[str]] = {}
    points = [*briefing["bottom_line"]] + [point for section in briefing["sections"] for story in section["stories"]
                                           for point in (story["lead"], *story["points"])]
    for point in points:
        for number in point["sources"]:
            sentences.setdefault(number, []).append(point["text"])
    for article in briefing["articles"]:
        sentences.setdefault(article["number"], []).extend(s["text"] for s in article["key_sentences"])
    return {number: list(dict.fromkeys(texts)) for number, texts in sentences.items()}


def problems_of(page: dict, article: dict, sentences: list[str]) -> list[str]:
    """What a reader would find wrong in one article of the brief."""
    found = []
    for sentence in sentences:
        boilerplate = [w for w in page.get("without", []) if " ".join(w.split()) in " ".join(sentence.split())]
        if boilerplate or FURNITURE.search(sentence):
            found.append(f"furniture sentence: {sentence!r}")
        if DATELINE.match(sentence):
            found.append(f"dateline prefix: {sentence!r}")
        found += [f"damaged sentence ({what}): {sentence!r}" for what, pattern in DAMAGE.items() if pattern.search(sentence)]
    outlets = {o.casefold() for o in OUTLETS.get(page["path"].name, {page.get("source") or ""})}
    if (article.get("source") or "").casefold() not in outlets:
        found.append(f"source {article.get('source')!r}, not the outlet ({' or '.join(sorted(outlets))})")
    author = article.get("author")
    if author is not None and (author.casefold() in PLACEHOLDERS or re.search(r"https?:|www\.|@|\d", author)
                               or not all(NAME_PART.fullmatch(part.strip()) for part in author.split(";"))):
        found.append(f"author {author!r} is not a name")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=3, help="pages whose shown sentences are printed")
    arguments = parser.parse_args()
    day = pages()
    server, base = serve(day)
    try:
        with tempfile.TemporaryDirectory() as folder:
            briefing = brief(base, Path(folder))
    finally:
        server.shutdown()
    by_name = {article["article"]["url"].rsplit("/", 1)[-1]: article for article in briefing["articles"]}
    copies = {copy["article"]["url"].rsplit("/", 1)[-1] for copy in briefing["copies"]}
    sentences = shown(briefing)
    skipped = {s["origin"].rsplit("/", 1)[-1]: s["reason"] for s in briefing["skipped"]}
    problems: dict[str, list[str]] = {}
    for name, page in day.items():
        if "skipped" in page:
            if not skipped.get(name, "").startswith(page["skipped"]):
                problems[name] = [f"not skipped for {page['skipped']!r}"]
        elif name in skipped:
            problems[name] = [f"skipped: {skipped[name]}"]
        elif name in by_name:
            brief_of = by_name[name]
            problems[name] = problems_of(page, brief_of["article"], sentences.get(brief_of["number"], []))
        elif name not in copies:
            problems[name] = ["missing from the brief"]
    for name in list(by_name)[:arguments.show]:
        article = by_name[name]["article"]
        print(f"## {name}: {article['title']} ({article['source']}; {article['author']}; {article['published']})")
        for sentence in sentences.get(by_name[name]["number"], []):
            print(f"- {sentence}")
        print()
    for name, found in problems.items():
        for problem in found:
            print(f"{name}: {problem}")
    for row in briefing["actors"]:
        if row["name"].casefold() in FURNITURE_ACTORS:
            problems.setdefault("actor table", []).append(f"furniture actor {row['name']!r}")
    shown_count = sum(len(texts) for texts in sentences.values())
    bad = sum(len(found) for found in problems.values())
    print(f"DAY pages={len(day)} briefed={len(by_name)} copies={len(copies)} skipped={len(skipped)} "
          f"shown_sentences={shown_count} notes={len(briefing['notes'])} problems={bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
