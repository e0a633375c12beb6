"""Three days of a desk's daily run against loopback feeds (one named in the config, two from an
OPML file) and a loopback SMTP server, then a back-fill of the first day: each day briefs its
own entries, covered links are never fetched again, an unchanged feed answers 304, a dead feed
is said in the header and the manifest, and a quiet day sends no mail."""

from __future__ import annotations

import hashlib
import json
import os
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from conftest import DATA, run_cli, smtp_server
from test_deliver import Inbox

#: (feed, page file, published): the entries of each day, a day's new ones at noon UTC.
PAGES = {
    "a1": ("harbourgazette-ferry.html", "2026-11-02T10:00:00+00:00"),
    "a2": ("valleyledger-library.html", "2026-11-02T12:00:00+00:00"),
    "b1": ("eveningpost-storm.html", "2026-11-02T12:00:00+00:00"),
    "c1": ("ashfordtrader-bakery.html", "2026-11-02T12:00:00+00:00"),
    "a3": ("lowlandtribune-budget.html", "2026-11-03T12:00:00+00:00"),
    "b2": ("pacificherald-tram.html", "2026-11-03T12:00:00+00:00"),
    "c2": ("meridianwire-lagos.html", "2026-11-03T12:00:00+00:00"),
}
DAY1, DAY2, DAY3 = "2026-11-02", "2026-11-03", "2026-11-04"
#: Entities that each name the one before ten times: a billion laughs if expanded.
LAUGHS = "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefg", "bcdefgh", strict=True))


def title_of(key: str) -> str:
    name = PAGES[key][0]
    folder = DATA / ("pages" if (DATA / "pages" / name).exists() else "pages-shapes")
    return json.loads((folder / "pages.json").read_text())[name]["title"]


def feed(site, path: str, title: str, keys: list[str], built: str) -> None:
    """Serve an RSS feed of these entries at `path`, with an ETag of its bytes (`built`, its
    lastBuildDate, changes them as a feed regenerated without new entries does)."""
    from datetime import datetime

    items = "".join(
        f"<item><title>{escape(title_of(k))}</title><link>{site.url}/news/{k}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(PAGES[k][1]))}</pubDate></item>" for k in keys)
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<lastBuildDate>{built}</lastBuildDate>{items}</channel></rss>").encode()
    site.add(path, body, content_type="application/rss+xml",
             headers={"ETag": '"' + hashlib.sha256(body).hexdigest()[:16] + '"'})


@pytest.fixture()
def inbox():
    handler = Inbox()
    with smtp_server(handler, None) as port:
        yield handler, port


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch, shared_cache: Path, site, inbox) -> Path:
    monkeypatch.chdir(tmp_path)
    for key, (name, _) in PAGES.items():
        folder = DATA / ("pages" if (DATA / "pages" / name).exists() else "pages-shapes")
        site.add(f"/news/{key}", (folder / name).read_bytes())
    outlines = "".join(f"<outline text={quoteattr(name)} title={quoteattr(name)} type='rss' "
                       f"xmlUrl={quoteattr(site.url + path)}/>" for name, path in (("Agency", "/agency.xml"),
                                                                                   ("Gazette", "/gazette.xml")))
    (tmp_path / "desk.opml").write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title>'
                                        f'</head><body><outline text="News">{outlines}</outline></body></opml>')
    (tmp_path / "config.yaml").write_text(f"""title: Desk
sources:
  - feed: {site.url}/wire.xml
    name: Wire
  - opml: desk.opml
only_new: true
window_hours: 48
output: out
formats: [md, json]
cache: {shared_cache}
allow_private_addresses: true
fetch: {{timeout_seconds: 1, retries: 0, page_seconds: 5}}
deliver:
  email: {{to: [desk@example.org], from: briefing@example.org, host: 127.0.0.1, port: {inbox[1]}, starttls: false}}
""")
    return tmp_path


def brief(desk: Path, day: str) -> tuple[dict, dict, str]:
    folder = desk / "out" / day
    return (json.loads((folder / "briefing.json").read_text()), json.loads((folder / "manifest.json").read_text()),
            (folder / "briefing.md").read_text())


def titles(briefing: dict) -> list[str]:
    return [a["article"]["title"] for a in briefing["articles"]]


def test_three_days_a_dead_feed_a_quiet_day_and_a_back_fill(desk, site, inbox):
    handler, _ = inbox
    # day 1: every entry is new
    feed(site, "/wire.xml", "Wire", ["a1", "a2"], DAY1)
    feed(site, "/agency.xml", "Agency", ["b1"], DAY1)
    feed(site, "/gazette.xml", "Gazette", ["c1"], DAY1)
    first = run_cli("run", "--date", DAY1)
    assert first.status == 0, first.stderr
    assert titles(brief(desk, DAY1)[0]) == [title_of(k) for k in ("a1", "a2", "b1", "c1")]
    assert len(handler.messages) == 1

    # day 2: one new entry a feed; a1 is gone from its site but was covered, so nobody asks for it
    feed(site, "/wire.xml", "Wire", ["a1", "a2", "a3"], DAY2)
    feed(site, "/agency.xml", "Agency", ["b1", "b2"], DAY2)
    feed(site, "/gazette.xml", "Gazette", ["c1", "c2"], DAY2)
    del site.routes["/news/a1"]
    second = run_cli("run", "--date", DAY2)
    assert second.status == 0, second.stderr
    briefing, manifest, _ = brief(desk, DAY2)
    assert titles(briefing) == [title_of(k) for k in ("a3", "b2", "c2")]
    assert briefing["already_covered"] == 4
    assert {k: site.hits[f"/news/{k}"] for k in ("a1", "a2", "b1", "c1")} == dict.fromkeys(("a1", "a2", "b1", "c1"), 1)
    assert [(s["name"], s["status"], s["read"], s["covered"]) for s in manifest["sources"]] == [
        ("Wire", "read", 1, 2), ("Agency", "read", 1, 1), ("Gazette", "read", 1, 1)]
    assert len(handler.messages) == 2

    # day 3: the gazette is dead, the agency's feed unchanged (304), the wire's regenerated with no
    # new entry; a3, covered yesterday, now answers 404 and is not asked for
    feed(site, "/wire.xml", "Wire", ["a1", "a2", "a3"], DAY3)
    del site.routes["/gazette.xml"], site.routes["/news/a3"]
    third = run_cli("-v", "run", "--date", DAY3)
    assert third.status == 10, third.stderr  # a source unavailable: written, with something skipped
    briefing, manifest, markdown = brief(desk, DAY3)
    assert briefing["articles"] == [] and len(handler.messages) == 2  # the quiet day sends no mail
    assert "nothing new: all 1 articles were covered by earlier briefs; 1 feed unchanged since an earlier day; " \
           "no e-mail sent" in third.stderr
    assert f"skipped Gazette ({site.url}/gazette.xml): HTTP 404 Not Found" in third.stderr
    assert "1 of 3 sources unavailable (Gazette)" in markdown.split("\n## ")[0]
    assert [(s["name"], s["status"], s["reason"]) for s in manifest["sources"]] == [
        ("Wire", "read", None), ("Agency", "unchanged", None), ("Gazette", "unavailable", "HTTP 404 Not Found")]
    assert manifest["sources"][0]["too_old"] == 2 and manifest["sources"][0]["covered"] == 1
    assert "left out 2 feed entries published before the window (window_hours)" in third.stderr
    assert f"left out {site.url}/news/a1: published before the window" in third.stderr  # each, with -v
    assert site.conditional["/agency.xml"] == 2 and site.hits["/news/a3"] == 1  # asked with its ETag on days 2 and 3
    assert {k: site.hits[f"/news/{k}"] for k in ("b2", "c2")} == {"b2": 1, "c2": 1}

    # the back-fill of day 1, after day 3: its own entries only, not suppressed by later days
    site.add("/news/a1", (DATA / "pages" / PAGES["a1"][0]).read_bytes())
    hits = dict(site.hits)
    backfill = run_cli("-v", "run", "--date", DAY1, "--no-deliver")
    assert backfill.status == 10, backfill.stderr
    briefing, manifest, markdown = brief(desk, DAY1)
    assert titles(briefing) == [title_of(k) for k in ("a1", "a2", "b1")]
    assert "1 of 3 sources unavailable (Gazette)" in markdown
    assert sorted((e["origin"].rsplit("/", 1)[1], e["reason"]) for e in manifest["left_out"]) == [
        ("a3", "after the day"), ("b2", "after the day")]
    assert all(site.hits.get(f"/news/{k}", 0) == hits.get(f"/news/{k}", 0) for k in ("a3", "b2", "c2"))
    assert os.readlink(desk / "out" / "latest") == DAY3
    assert len(handler.messages) == 2


def test_a_back_fill_first_does_not_hide_the_next_days_entries(desk, site):
    """A feed read for an earlier day, with entries after it, is asked for in full the next day
    (its ETag is not kept), so a 304 cannot hide the entries that day left out."""
    feed(site, "/wire.xml", "Wire", ["a1", "a2", "a3"], DAY2)
    feed(site, "/agency.xml", "Agency", ["b1", "b2"], DAY2)
    feed(site, "/gazette.xml", "Gazette", ["c1", "c2"], DAY2)
    assert run_cli("run", "--date", DAY1, "--no-deliver").status == 0
    assert titles(brief(desk, DAY1)[0]) == [title_of(k) for k in ("a1", "a2", "b1", "c1")]
    assert run_cli("run", "--date", DAY2, "--no-deliver").status == 0
    assert titles(brief(desk, DAY2)[0]) == [title_of(k) for k in ("a3", "b2", "c2")]


def test_read_shows_a_days_entries_and_says_how_many_were_left_out(desk, site):
    feed(site, "/wire.xml", "Wire", ["a1", "a2", "a3"], DAY2)
    outcome = run_cli("read", f"{site.url}/wire.xml", "--date", DAY1)
    assert outcome.status == 0, outcome.stderr
    assert [json.loads(line)["title"] for line in outcome.stdout.splitlines()] == [title_of("a1"), title_of("a2")]
    assert "left out 1 feed entry published after the brief's day" in outcome.stderr
    late = run_cli("read", f"{site.url}/wire.xml", "--date", "2026-11-10")  # with window_hours: 48
    assert late.stdout == "" and "left out 3 feed entries published before the window" in late.stderr


@pytest.mark.parametrize("opml, reason", [
    ("<opml><body><outline text='x'/></body></opml>", "the OPML file lists no feeds (no outline with an xmlUrl)"),
    ("<rss version='2.0'/>", "not an OPML file (its root is <rss>)"),
    ("<opml><body><outline", "not a readable OPML file"),
    (f'<!DOCTYPE opml [<!ENTITY a "{"a" * 100}">{LAUGHS}]><opml><body><outline title="&h;" xmlUrl="http://x.org/f"/>'
     "</body></opml>", "not a readable OPML file (Maximum entity amplification factor exceeded"),
    ('<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body><outline title="&x;" '
     'xmlUrl="http://x.org/f"/></body></opml>', "not a readable OPML file (Attribute references external entity"),
])
def test_an_opml_file_that_gives_no_feeds_is_one_source_unavailable(desk, site, opml, reason):
    feed(site, "/wire.xml", "Wire", ["a1"], DAY1)
    (desk / "desk.opml").write_text(opml)
    outcome = run_cli("run", "--date", DAY1, "--no-deliver")
    assert outcome.status == 10, outcome.stderr
    assert f"skipped desk.opml: {reason}" in outcome.stderr
    _, manifest, markdown = brief(desk, DAY1)
    assert [(s["name"], s["status"]) for s in manifest["sources"]] == [("Wire", "read"), ("desk.opml", "unavailable")]
    assert "1 of 2 sources unavailable (desk.opml)" in markdown


def test_check_config_warns_about_a_missing_opml_file_and_a_run_counts_it_unavailable(desk, site):
    feed(site, "/wire.xml", "Wire", ["a1"], DAY1)
    (desk / "desk.opml").unlink()
    checked = run_cli("check-config")
    assert checked.status == 0 and checked.lines[0] == "warning: sources: desk.opml: no such file or folder (a run skips it)"
    outcome = run_cli("run", "--date", DAY1, "--no-deliver")
    assert outcome.status == 10 and "1 of 2 sources unavailable (desk.opml)" in brief(desk, DAY1)[2]


@pytest.mark.parametrize("template_set", ["default", "one-page", "note"])
def test_every_template_sets_header_counts_the_sources_unavailable(desk, site, template_set):
    feed(site, "/wire.xml", "Wire", ["a1"], DAY1)
    feed(site, "/agency.xml", "Agency", ["b1"], DAY1)
    config = desk / "config.yaml"
    config.write_text(config.read_text().replace("formats: [md, json]", f"formats: [md, html, json]\n"
                                                                        f"template_set: {template_set}"))
    assert run_cli("run", "--date", DAY1, "--no-deliver").status == 10
    for name in ("briefing.md", "briefing.html"):
        text = (desk / "out" / DAY1 / name).read_text()
        assert "1 of 3 sources unavailable (Gazette)" in text, (name, text[:2000])


def test_an_opml_outline_that_is_no_web_address_is_one_source_unavailable_and_the_others_read(desk, site):
    feed(site, "/wire.xml", "Wire", ["a1"], DAY1)
    feed(site, "/agency.xml", "Agency", ["b1"], DAY1)
    (desk / "desk.opml").write_text(
        f'<opml><body><outline title="Local" xmlUrl="/etc/passwd"/><outline title="Bad" xmlUrl="http://exa mple/"/>'
        f'<outline title="Agency" xmlUrl="{site.url}/agency.xml"/></body></opml>')
    outcome = run_cli("run", "--date", DAY1, "--no-deliver")
    assert outcome.status == 10, outcome.stderr
    briefing, manifest, markdown = brief(desk, DAY1)
    assert titles(briefing) == [title_of("a1"), title_of("b1")]
    assert [(s["name"], s["status"], s["reason"]) for s in manifest["sources"]] == [
        ("Wire", "read", None),
        ("Local", "unavailable", "desk.opml: only http and https feeds are read"),
        ("Bad", "unavailable", "desk.opml: not a feed address (expected an http:// or https:// address)"),
        ("Agency", "read", None)]
    assert "2 of 4 sources unavailable (Local, Bad)" in markdown


def test_a_feed_that_sends_only_last_modified_is_asked_with_if_modified_since(desk, site):
    feed(site, "/wire.xml", "Wire", ["a1"], DAY1)
    site.routes["/wire.xml"].headers = {"Last-Modified": "Mon, 02 Nov 2026 12:00:00 GMT"}
    (desk / "desk.opml").write_text(f'<opml><body><outline title="Wire again" xmlUrl="{site.url}/wire.xml"/>'
                                    "</body></opml>")  # one feed twice: the second sees it covered
    assert run_cli("run", "--date", DAY1, "--no-deliver").status == 0
    quiet = run_cli("run", "--date", DAY2, "--no-deliver")
    assert quiet.status == 0, quiet.stderr
    assert site.conditional["/wire.xml"] == 2  # both sources asked with the date it was last modified
    assert [s["status"] for s in brief(desk, DAY2)[1]["sources"]] == ["unchanged", "unchanged"]


@pytest.mark.parametrize("day, hours, reason", [
    ("0001-01-01", 87600, "published after the brief's day"),  # a window reaching before the calendar
    ("9999-12-31", 1, "published before the window (window_hours)"),  # a day with no end in the calendar
])
def test_a_feeds_window_at_the_ends_of_the_calendar_never_overflows(desk, day, hours, reason):
    (desk / "feed.xml").write_text(
        '<rss version="2.0"><channel><title>Desk</title><item><title>A</title><link>https://example.org/a</link>'
        '<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>')
    (desk / "config.yaml").write_text(f"window_hours: {hours}\n")
    outcome = run_cli("read", "feed.xml", "--any-date", "--date", day)
    assert outcome.status == 0 and outcome.stdout == "", outcome.stderr
    assert outcome.lines == [f"left out 1 feed entry {reason}"]


@pytest.mark.parametrize("etag", ['"caf\u00e9"', "x" * 1001])
def test_an_etag_that_cannot_be_sent_back_is_not_kept(desk, site, etag):
    feed(site, "/wire.xml", "Wire", ["a1"], DAY1)
    site.routes["/wire.xml"].headers = {"ETag": etag}
    (desk / "desk.opml").write_text(f'<opml><body><outline title="Agency" xmlUrl="{site.url}/agency.xml"/></body></opml>')
    feed(site, "/agency.xml", "Agency", ["b1"], DAY1)
    assert run_cli("run", "--date", DAY1, "--no-deliver").status == 0
    feed(site, "/wire.xml", "Wire", ["a1", "a2"], DAY2)
    outcome = run_cli("run", "--date", DAY2, "--no-deliver")
    assert outcome.status == 0, outcome.stderr
    assert "/wire.xml" not in site.conditional and titles(brief(desk, DAY2)[0]) == [title_of("a2")]
