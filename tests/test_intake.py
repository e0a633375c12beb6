"""Daily intake through the command line, against a loopback web site serving the news pages of
tests/data/pages (written for the project in the shapes publishers' pages take): feeds and pages
in, only what is new, copies grouped, failures skipped with their reasons, one run at a time, a
manifest and a `latest` link."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import DATA, SEEDS, run_cli, serve

from briefing.config import Config
from briefing.intake import read_sources
from briefing.intake.web import PARALLEL_FETCHES, PER_HOST
from briefing.publish.lock import run_lock

PAGES = json.loads((DATA / "pages" / "pages.json").read_text())
NAMES = ["harbourgazette-ferry.html", "valleyledger-library.html", "eveningpost-storm.html",
         "ashfordtrader-bakery.html"]
NOW = datetime(2026, 11, 21, 9, tzinfo=UTC)  # the morning of the day the tests brief


def rss(entries: list[tuple[str, str]], title: str = "Loopback News") -> str:
    """An RSS 2.0 feed of (title, link) entries, published an hour apart before `NOW`."""
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>{format_datetime(NOW - timedelta(hours=n))}</pubDate><description>Summary of {escape(t)}.</description></item>"
        for n, (t, link) in enumerate(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def serve_pages(site, names: list[str]) -> list[tuple[str, str]]:
    """Serve pages of tests/data/pages; their (headline, address) pairs."""
    return [(PAGES[name]["title"], site.add(f"/news/{name}", (DATA / "pages" / name).read_bytes()))
            for name in names]


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch, shared_cache: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cache.txt").write_text(str(shared_cache))
    return tmp_path


def configure(desk: Path, sources: str, extra: str = "") -> Path:
    config = desk / "config.yaml"
    cache = (desk / "cache.txt").read_text()
    config.write_text(f"title: Loopback\nsources:\n{sources}\noutput: out\nformats: [md, json]\ncache: {cache}\n"
                      f"allow_private_addresses: true\nfetch: {{timeout_seconds: 1, retries: 0, page_seconds: 2}}\n"
                      f"{extra}")
    return config


def day(desk: Path, date: str) -> dict:
    return json.loads((desk / "out" / date / "briefing.json").read_text())


def test_a_feeds_entries_are_fetched_read_and_briefed(desk, site):
    entries = serve_pages(site, NAMES[:3])
    relative = [(entries[0][0], entries[0][1].removeprefix(site.url)), *entries[1:]]  # links may be relative
    feed = site.add("/feed.xml", rss(relative), content_type="application/rss+xml")
    outcome = run_cli("run", "--config", configure(desk, f"  - feed: {feed}"), "--date", "2026-11-21")
    assert outcome.status == 0, outcome.stderr
    brief = day(desk, "2026-11-21")
    assert [a["article"]["title"] for a in brief["articles"]] == [title for title, _ in entries]
    assert [a["article"]["url"] for a in brief["articles"]] == [link for _, link in entries]
    assert all(len(a["key_sentences"]) == 3 for a in brief["articles"])


def test_only_new_articles_are_briefed_on_the_next_day_and_a_rerun_briefs_the_same(desk, site):
    entries = serve_pages(site, NAMES)
    feed = site.add("/feed.xml", rss(entries[:3]), content_type="application/rss+xml")
    config = configure(desk, f"  - feed: {feed}", "only_new: true\n")
    assert run_cli("run", "--config", config, "--date", "2026-11-21").status == 0
    fetched = dict(site.hits)
    again = run_cli("run", "--config", config, "--date", "2026-11-21")
    assert again.status == 0 and len(day(desk, "2026-11-21")["articles"]) == 3
    assert all(site.hits[f"/news/{name}"] == fetched[f"/news/{name}"] for name in NAMES[:3])  # the day's cache
    site.add("/feed.xml", rss(entries), content_type="application/rss+xml")
    assert run_cli("run", "--config", config, "--date", "2026-11-22").status == 0
    next_day = day(desk, "2026-11-22")
    assert [a["article"]["title"] for a in next_day["articles"]] == [entries[3][0]]
    assert next_day["already_covered"] == 3
    md = (desk / "out" / "2026-11-22" / "briefing.md").read_text()
    assert "3 left out as covered by earlier briefs" in md
    assert run_cli("run", "--config", config, "--date", "2026-11-22", "--all").status == 0
    assert len(day(desk, "2026-11-22")["articles"]) == 4


def test_a_failed_run_does_not_mark_articles_as_covered(desk, site):
    entries = serve_pages(site, NAMES[:2])
    feed = site.add("/feed.xml", rss(entries), content_type="application/rss+xml")
    config = configure(desk, f"  - feed: {feed}", "only_new: true\ntemplates: broken\n")
    (desk / "broken").mkdir()
    (desk / "broken" / "briefing.md.j2").write_text("{{ nope }}")
    assert run_cli("run", "--config", config, "--date", "2026-11-21").status == 5
    config.write_text(config.read_text().replace("templates: broken\n", ""))
    assert run_cli("run", "--config", config, "--date", "2026-11-22").status == 0
    assert len(day(desk, "2026-11-22")["articles"]) == 2


def test_pages_that_fail_are_skipped_with_their_reasons_and_the_rest_briefed(desk, site):
    (good,) = serve_pages(site, NAMES[:1])
    broken = [
        ("slow", site.add("/slow.html", "<html><body><p>late</p></body></html>", delay=3)),
        ("missing", site.url + "/missing.html"),
        ("failing", site.add("/failing.html", "oops", status=500)),
        ("loop", site.add("/loop.html", "", status=302, headers={"Location": "/loop.html"})),
        ("huge", site.add("/huge.html", b"<p>" + b"x" * 20_000_000 + b"</p>")),
        ("image", site.add("/image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")),
        ("local file", "file:///etc/passwd"),
        ("attributes", site.add("/attributes.html", "<p " + " ".join(f'a{i}="v"' for i in range(150_000)) + ">x</p>")),
    ]
    feed = site.add("/feed.xml", rss([good, *broken]), content_type="application/rss+xml")
    outcome = run_cli("run", "--config", configure(desk, f"  - feed: {feed}"), "--date", "2026-11-21")
    assert outcome.status == 10
    reasons = dict(line.removeprefix("skipped ").split(": ", 1) for line in outcome.lines)
    link = dict(broken)
    assert reasons[link["slow"]] == "timed out after 1 s"
    assert reasons[link["missing"]] == "HTTP 404 Not Found"
    assert reasons[link["failing"]] == "HTTP 500 Internal Server Error"
    assert reasons[link["loop"]] == "too many redirects (more than 5)"
    assert reasons[link["huge"]].startswith("too large")
    assert reasons[link["image"]] == "not an HTML page (image/png)"
    assert reasons[link["attributes"]] == "reading the page took longer than 2 s and was stopped"
    assert [reason for origin, reason in reasons.items() if origin.startswith("file:")] == [
        "only http and https links are read, not file:"]
    assert [a["article"]["title"] for a in day(desk, "2026-11-21")["articles"]] == [good[0]]
    assert "/etc/passwd" not in (desk / "out" / "2026-11-21" / "briefing.md").read_text().split("## Skipped")[0]


def test_a_busy_server_is_tried_again(desk, site):
    ((title, link),) = serve_pages(site, NAMES[:1])
    site.routes["/news/" + NAMES[0]].failures = 1
    config = configure(desk, f"  - url: {link}").read_text().replace("retries: 0,", "retries: 1,")
    (desk / "config.yaml").write_text(config)
    outcome = run_cli("run", "--config", desk / "config.yaml", "--date", "2026-11-21")
    assert outcome.status == 0, outcome.stderr
    assert site.hits["/news/" + NAMES[0]] == 2
    assert [a["article"]["title"] for a in day(desk, "2026-11-21")["articles"]] == [title]


def test_private_addresses_are_refused_unless_allowed(desk, site):
    entries = serve_pages(site, NAMES[:1])
    (desk / "feed.xml").write_text(rss(entries))
    config = configure(desk, "  - feed: feed.xml").read_text().replace("allow_private_addresses: true\n", "")
    (desk / "config.yaml").write_text(config)
    outcome = run_cli("run", "--config", desk / "config.yaml", "--date", "2026-11-21")
    assert outcome.status == 3 and "127.0.0.1 is a private or local address" in outcome.stderr
    assert not site.hits


def test_a_url_list_and_a_page_address(desk, site):
    entries = serve_pages(site, NAMES[:2])
    (desk / "reading.txt").write_text(f"# morning list\n{entries[0][1]}  # first\n\nftp://example.org/x\n")
    outcome = run_cli("run", "--config", configure(desk, f"  - urls: reading.txt\n  - url: {entries[1][1]}"),
                      "--date", "2026-11-21")
    assert outcome.status == 10 and outcome.lines == [
        "skipped reading.txt:4: ftp://example.org/x: only http and https links are read, not ftp:"]
    assert [a["article"]["title"] for a in day(desk, "2026-11-21")["articles"]] == [t for t, _ in entries]


def most_at_once(spans: list[tuple[float, float]]) -> int:
    """The most requests under way at once among (came, answered) spans."""
    events = sorted([(came, 1) for came, _ in spans] + [(answered, -1) for _, answered in spans])
    now = most = 0
    for _, step in events:  # at one instant an answer (-1) sorts before a request (+1)
        now += step
        most = max(most, now)
    return most


#: A page of ours with enough article text, numbered by `n`.
BUDGET = "<html><head><title>Budget {n}</title></head><body><article>" + "".join(
    f"<p>The council of district {{n}} met on Tuesday for the {part} time this year to agree the budget for "
    "roads, schools and the library, and the mayor said the vote was close.</p>"
    for part in ("first", "second", "third", "fourth")) + "</article></body></html>"


@pytest.mark.parametrize("shape", ["a list of pages", "a feed on each host"])
def test_pages_of_many_hosts_are_read_at_once_and_one_host_gets_few_requests_at_a_time(tmp_path, shape):
    with ExitStack() as stack:
        sites = [stack.enter_context(serve(f"127.0.0.{n}")) for n in range(1, 5)]
        links = [sites[n % 4].add(f"/news/{n}", BUDGET.format(n=n), delay=0.1) for n in range(200)]
        if shape == "a list of pages":
            (tmp_path / "reading.txt").write_text("\n".join(links))
            sources: list = [{"urls": "reading.txt"}]
        else:
            links = [link for site in sites for link in links if link.startswith(site.url)]
            sources = [{"feed": site.add("/feed.xml", rss([(f"Budget {n}", link) for n, link in enumerate(links)
                                                           if link.startswith(site.url)]),
                                         content_type="application/rss+xml")} for site in sites]
        config = Config(sources=sources, allow_private_addresses=True, state=tmp_path / "state")
        intake = read_sources(config.source_entries, tmp_path, config, "2026-11-21")
    assert [a.url for a in intake.articles] == links and not intake.skipped
    assert all(set(site.hits.values()) == {1} for site in sites)  # each page (and feed) fetched once
    assert [most_at_once(site.spans) for site in sites] == [PER_HOST] * 4  # polite to each host
    assert PER_HOST < most_at_once([span for site in sites for span in site.spans]) <= PARALLEL_FETCHES


def test_the_warm_up_page_is_read_as_an_article_so_it_warms_the_reader():
    """`html.warm` reads a page of its own before fetching, so that page children inherit what the
    reader loads; it warms only if that page reads as an article (and a reader that cannot read it
    costs nothing: warm returns all the same)."""
    from briefing.intake.html import WARM_PAGE, page_article, warm

    article = page_article(WARM_PAGE, origin="warm-up", id="warm-up", url="https://www.abc.example/budget")
    assert article.title == "Budget agreed" and article.text.count("the mayor said the vote was close") == 4
    assert warm() is None


def test_pages_are_fetched_while_pages_fetched_before_them_are_read(tmp_path):
    slow = "<p " + " ".join(f'a{i}="v"' for i in range(150_000)) + ">x</p>"  # read until stopped, at 2 s
    with ExitStack() as stack:
        sites = [stack.enter_context(serve(f"127.0.0.{n}")) for n in range(1, 5)]
        links = [sites[n % 4].add(f"/slow/{n}", slow) for n in range(PARALLEL_FETCHES)]
        links += [sites[n % 4].add(f"/news/{n}", BUDGET.format(n=n)) for n in range(PARALLEL_FETCHES)]
        (tmp_path / "reading.txt").write_text("\n".join(links))
        config = Config(sources=[{"urls": "reading.txt"}], allow_private_addresses=True, state=tmp_path / "state",
                        fetch={"page_seconds": 2})
        intake = read_sources(config.source_entries, tmp_path, config, "2026-11-21")
    assert [a.url for a in intake.articles] == links[PARALLEL_FETCHES:] and len(intake.skipped) == PARALLEL_FETCHES
    came = {path: time for site in sites for path, time in site.came.items()}
    first_slow = min(came[f"/slow/{n}"] for n in range(PARALLEL_FETCHES))
    assert max(came[f"/news/{n}"] for n in range(PARALLEL_FETCHES)) < first_slow + 2  # before any slow read ended


def test_read_prints_what_a_page_gives(desk, site):
    ((title, link),) = serve_pages(site, NAMES[1:2])
    outcome = run_cli("read", "--config", configure(desk, "  - seeds"), link)
    (record,) = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert list(record) == ["id", "title", "text", "url", "source", "published", "dated_by", "page_published", "place",
                            "author", "origin"]
    assert record["title"] == title and record["url"] == link
    assert all(" ".join(w.split()) in " ".join(record["text"].split()) for w in PAGES[NAMES[1]]["with"])


def test_a_second_run_waits_for_the_lock_then_gives_up_clearly(desk):
    shutil.copytree(SEEDS, desk / "seeds")
    config = configure(desk, "  - seeds", "lock_wait_seconds: 0.5\n")
    with run_lock(desk / ".briefing" / "run.lock", 0):
        outcome = run_cli("run", "--config", config, "--date", "2026-11-21")
    assert outcome.status == 7 and len(outcome.lines) == 1
    assert outcome.lines[0].startswith("error: another run of this config is running")
    assert not (desk / "out").exists()
    assert run_cli("run", "--config", config, "--date", "2026-11-21").status == 0  # the lock is free again


def test_two_runs_started_at_once_both_finish_whole(desk):
    shutil.copytree(SEEDS, desk / "seeds")
    config = configure(desk, "  - seeds")
    command = [sys.executable, "-m", "briefing", "--quiet", "run", "--config", str(config), "--date", "2026-11-21"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0], [run.stderr.read() for run in runs]
    folder = desk / "out" / "2026-11-21"
    assert json.loads((folder / "briefing.json").read_text())["date"] == "2026-11-21"
    assert (folder / "briefing.md").read_text().count("\n### ") == 2
    assert sorted(p.name for p in (desk / "out").iterdir()) == ["2026-11-21", "index.html", "latest"]


def test_the_manifest_and_the_latest_link(desk):
    shutil.copytree(SEEDS, desk / "seeds")
    config = configure(desk, "  - seeds")
    for date in ("2026-11-22", "2026-11-21"):
        assert run_cli("--quiet", "run", "--config", config, "--date", date).status == 0
    assert os.readlink(desk / "out" / "latest") == "2026-11-22"
    manifest = json.loads((desk / "out" / "2026-11-21" / "manifest.json").read_text())
    assert [(i["origin"], i["status"]) for i in manifest["inputs"]] == [
        (str(Path("seeds") / p.name), "briefed") for p in sorted(SEEDS.glob("*.txt"))]
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["config"]["path"] == str(config) and len(manifest["config"]["sha256"]) == 64
    assert manifest["versions"]["spacy"] and manifest["versions"]["model"].startswith("en_core_web_sm 3.8")
    assert {"read", "parse and extract", "compose", "render"} <= set(manifest["stages"])


def test_a_run_under_crons_environment_works_from_an_absolute_config(desk, tmp_path_factory):
    shutil.copytree(SEEDS, desk / "seeds")
    config = configure(desk, "  - seeds")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = subprocess.run([sys.executable, "-m", "briefing", "--quiet", "run", "--config", str(config),
                             "--date", "2026-11-21"], cwd=elsewhere, env={"PATH": "/usr/bin:/bin"},
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert (desk / "out" / "2026-11-21" / "briefing.md").is_file() and not list(elsewhere.iterdir())


def test_schedule_prints_absolute_cron_and_systemd_lines(desk):
    config = configure(desk, "  - seeds")
    outcome = run_cli("schedule", "--config", config, "--at", "06:45")
    lines = outcome.stdout.splitlines()
    cron = next(line for line in lines if line.startswith("45 6 * * * "))
    assert f"cd {desk} && " in cron and f"--quiet run --config {config}" in cron
    assert f"WorkingDirectory={desk}" in lines and "OnCalendar=*-*-* 06:45:00" in lines
    assert any(line.startswith("ExecStart=/") for line in lines)


def test_schedule_where_no_config_exists_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outcome = run_cli("schedule")
    assert outcome.status == 2 and outcome.stdout == ""
    assert outcome.lines == ["error: no config.yaml here: give --config PATH (a scheduled run needs a config file)"]


def test_a_missing_folder_among_the_sources_is_one_source_skipped_not_the_day(tmp_path, monkeypatch, shared_cache):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = tmp_path / "config.yaml"
    config.write_text(f"sources: [seeds, gone]\noutput: out\nformats: [md, json]\ncache: {shared_cache}\n")
    checked = run_cli("check-config", "--config", config)
    assert checked.status == 0 and checked.lines[0] == "warning: sources: gone: no such file or folder (a run skips it)"
    outcome = run_cli("run", "--config", config, "--date", "2026-11-21")
    assert outcome.status == 10 and "skipped gone: no such file or folder" in outcome.lines
    assert len(day(tmp_path, "2026-11-21")["articles"]) == 2


def test_quiet_leaves_out_notes_so_cron_has_nothing_to_mail_on_a_clean_day(desk):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (desk / "in").mkdir()
    for name in ("a.txt", "b.txt"):  # b is a copy of a: a note, not a problem
        shutil.copy(seed, desk / "in" / name)
    config = configure(desk, "  - in")
    told = run_cli("run", "--config", config, "--date", "2026-11-21")
    assert told.status == 0 and any(line.startswith(f"note {Path('in') / 'b.txt'}: a copy of source [1]")
                                    for line in told.lines)
    quiet = run_cli("--quiet", "run", "--config", config, "--date", "2026-11-21")
    assert (quiet.status, quiet.stdout, quiet.stderr) == (0, "", "")
