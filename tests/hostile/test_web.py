"""Hostile web sources, on loopback only: redirects and links the HTTP client cannot read,
compression bombs, servers that trickle, feeds that feedparser would take hours on, addresses
read two ways, DNS answers that change, IPv6 forms of local addresses. Each is skipped with one
line and the rest are briefed; nothing hangs or takes the memory."""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socketserver
import struct
import threading
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

import brotli
import httpx
import pytest
from conftest import SEEDS, run_cli

from briefing.config import FetchConfig
from briefing.errors import SourceError
from briefing.intake.feeds import Window, read_feed, read_page
from briefing.intake.web import Connector, Fetcher, public, web_address
from briefing.isolation import bounded

pytestmark = pytest.mark.timeout(30)

SEED = sorted(SEEDS.glob("*.txt"))[0]
NOW = datetime(2026, 11, 21, 6, tzinfo=UTC)
WINDOW = Window.of(NOW.date(), None, NOW)
PARAGRAPHS = "".join(f"<p>{p}</p>" for p in SEED.read_text(encoding="utf-8").splitlines()[1:])
#: Redirect targets httpx cannot build a request for, and what the skip says of each.
BAD_LOCATIONS = [
    ("javascript:alert(1)", "only http and https links are read, not javascript:"),
    ("data:text/html,hi", "only http and https links are read, not data:"),
    ("mailto:desk@example.org", "only http and https links are read, not mailto:"),
    ("about:blank", "only http and https links are read, not about:"),
    ("http://xn--a-ecp.com/", "not a valid address (Codepoint U+2488"),
    ("http://xn--/", "not a valid address (Malformed A-label"),
    ("http://[::1", "not a valid address (Invalid port"),
]


def fetcher(**settings) -> Fetcher:
    return Fetcher(FetchConfig(**{"timeout_seconds": 1, "retries": 0, "page_seconds": 5, **settings}),
                   allow_private=True)


def rss(items: str, title: str = "Loopback") -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'.encode()


@pytest.fixture()
def trickle():
    """A loopback server that sends a status line, then one header byte every 0.1 s, for ever."""
    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            try:
                self.request.sendall(b"HTTP/1.1 200 OK\r\n")
                while True:
                    self.request.sendall(b"X")
                    time.sleep(0.1)
            except OSError:
                pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of `size` zero bytes (a multiple of 16 MiB), made quickly: after a full
    flush, deflate gives the same bytes for each further 16 MiB of zeros."""
    chunk = bytes(16 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    head = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-8]  # the last block; the trailer (CRC-32, size) is made for all the zeros
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return head + block * (size // len(chunk) - 1) + end + struct.pack("<II", crc, size & 0xFFFF_FFFF)


def brotli_of_zeros(size: int) -> bytes:
    packer = brotli.Compressor(quality=7, lgwin=24)
    chunk = bytes(16 << 20)
    return b"".join([packer.process(chunk) for _ in range(size // len(chunk))] + [packer.finish()])


@pytest.fixture(scope="module")
def bombs() -> dict[str, tuple[bytes, str]]:
    """Bodies of 512 MiB of zeros as a few KB, by Content-Encoding."""
    once = gzip_of_zeros(512 << 20)
    return {"gzip": once, "gzip, gzip": gzip.compress(once), "br": brotli_of_zeros(512 << 20),
            "deflate, gzip": gzip.compress(zlib.compress(bytes(1 << 20)))}


@pytest.mark.parametrize("location, says", BAD_LOCATIONS)
def test_a_redirect_the_client_cannot_follow_is_a_reason_not_a_traceback(site, location, says):
    url = site.add("/moved", b"", status=302, headers={"Location": location})
    with pytest.raises(SourceError) as refused:
        fetcher().fetch(url)
    assert str(refused.value).startswith(f"redirected to {location}: {says}")


@pytest.mark.timeout(120)
def test_compression_bombs_are_cut_at_the_size_cap_or_refused_in_bounded_memory(site, bombs):
    """The fetches run in a child that may use 256 MB more than this process: the bombs hold
    512 MiB each, so only a decoder that stops at `max_bytes` (or never starts) gets through;
    a page of the size allowed is decoded whole."""
    page = f"<html><body>{PARAGRAPHS}</body></html>".encode() * 100
    bodies = {**bombs, "deflate": zlib.compress(page)}
    urls = {encoding: site.add(f"/bomb{n}", body, headers={"Content-Encoding": encoding})
            for n, (encoding, body) in enumerate(bodies.items())}

    def reasons() -> dict[str, str]:
        client = fetcher()
        outcomes = {}
        for encoding, url in urls.items():
            try:
                outcomes[encoding] = f"read {len(client.fetch(url).body):,} bytes"
            except SourceError as exc:
                outcomes[encoding] = str(exc)
        return outcomes

    outcomes = bounded(reasons, seconds=60, memory_mb=256, what="fetching the bombs", error=SourceError)
    assert outcomes == {
        "gzip": "too large (over 5,000,000 bytes)",
        "gzip, gzip": "content encoding gzip, gzip refused (only one of gzip, deflate is accepted)",
        "br": "content encoding br refused (only one of gzip, deflate is accepted)",
        "deflate, gzip": "content encoding deflate, gzip refused (only one of gzip, deflate is accepted)",
        "deflate": f"read {len(page):,} bytes",
    }


@pytest.mark.timeout(10)
def test_a_server_that_trickles_its_headers_is_cut_off_at_the_whole_fetch_deadline(trickle):
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"^took longer than 1\.5 s$"):
        fetcher(timeout_seconds=0.5).fetch(trickle)
    assert time.monotonic() - started < 2.5


@pytest.mark.timeout(15)
def test_a_feed_feedparser_would_take_hours_on_is_stopped_at_its_bound(site):
    body = rss(f"<item><title>Slow</title><link>{site.url}/page</link><author>{'a' * 1_000_000}</author></item>")
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"^reading the feed took longer than 2 s and was stopped$"):
        read_feed(body, site.url + "/feed.xml", fetcher(page_seconds=2), WINDOW)
    assert time.monotonic() - started < 5


def test_a_feed_body_naming_a_local_file_is_not_read_from_that_file(site, tmp_path):
    local = tmp_path / "feed.xml"
    local.write_bytes(rss(f"<item><title>Local</title><link>{site.url}/page</link></item>"))
    with pytest.raises(SourceError, match="not a readable feed"):
        read_feed(str(local).encode(), site.url + "/feed.xml", fetcher(), WINDOW)


def test_a_malformed_feed_link_skips_its_entry_and_the_others_are_read(site):
    page = site.add("/page", f"<html><body><h1>A page</h1>{PARAGRAPHS}</body></html>")
    body = rss(f"<item><title>Bad</title><link>http://[::1</link></item>"
               f"<item><title>Good</title><link>{page}</link></item>")
    bad, good = read_feed(body, site.url + "/feed.xml", fetcher(), WINDOW).items
    assert (bad.origin, bad.reason) == ("http://[::1", "not a valid address (Invalid port: ':1')")
    assert good.url == page


def test_a_summary_stands_in_as_plain_text(site):
    page = site.add("/short", "<html><body><p>Too short.</p></body></html>")
    summary = "<p>Ministers &amp; officials met.</p><p>They agreed a plan&nbsp;today.</p>" * 5
    body = rss(f"<item><title>Plan</title><link>{page}</link><description><![CDATA[{summary}]]></description></item>")
    [article] = read_feed(body, site.url + "/feed.xml", fetcher(), WINDOW).items
    assert article.text == " ".join(["Ministers & officials met. They agreed a plan today."] * 5)


def test_the_content_type_charset_wins_over_the_page_and_the_guess(site):
    text = "Café owners in Zürich say the naïve plan — “a tax” — will hurt trade. " * 8
    for n, (meta, charset) in enumerate((("", "utf-8"), ('<meta charset="windows-1252">', "utf-8"),
                                         ('<meta charset="utf-8">', "base64"))):  # not a text encoding: ignored
        url = site.add(f"/page{n}", f"<html><head>{meta}</head><body><p>{text}</p></body></html>".encode(),
                       content_type=f"text/html; charset={charset}")
        assert read_page(url, fetcher()).text == text.strip()


@pytest.mark.parametrize("address", [
    "http://a@b@127.0.0.1/", "http://127.0.0.1\\@x.invalid/", "http://x.invalid\\@127.0.0.1/",
    "http://user:pass@127.0.0.1/", "http://%31%32%37.0.0.1/", "http://127.0.0.1 .x/", "http://x.invalid\\.127.0.0.1/",
    "http://x.invalid\t@127.0.0.1/", "http://x.invalid\x00@127.0.0.1/", "http://[fe80::1%25lo]/", "http:/127.0.0.1/",
    " http://127.0.0.1/", "http://x.invalid\uff20127.0.0.1/",
])
def test_an_address_read_two_ways_is_refused(address):
    with pytest.raises(SourceError):
        web_address(address)


@pytest.mark.parametrize("address, host", [
    ("http://127\u30020\u30020\u30021/", "127.0.0.1"), ("HTTP://LOCALHOST:8080/", "localhost"),
    ("http://b\u00fccher.invalid/", "xn--bcher-kva.invalid"), ("http://[::ffff:7f00:1]/", "::ffff:7f00:1"),
])
def test_the_host_checked_is_the_host_connected_to(address, host):
    assert web_address(address).raw_host.decode() == host == httpx.Request("GET", address).url.raw_host.decode()


@pytest.mark.parametrize("address", [
    "127.0.0.1", "::1", "::ffff:127.0.0.1", "::7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "::ffff:0:7f00:1",
    "64:ff9b::a00:1", "2002:c0a8:1::", "::a9fe:a9fe", "64:ff9b:1::1", "::", "fe80::1", "ff02::1",
])
def test_local_addresses_in_every_ipv6_form_are_not_public(address):
    assert not public(ipaddress.ip_address(address))


def test_the_address_connected_to_is_the_address_checked(site):
    """A resolver that answers first with the site's address, then with another: each
    connection resolves once, is checked on that answer, and goes to it."""
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    connector = Connector(lambda ip: str(ip) == "127.0.0.1", resolver)
    port = int(site.url.rsplit(":", 1)[1])
    stream = connector.connect_tcp("rebind.invalid", port, timeout=1)
    assert stream.get_extra_info("server_addr") == ("127.0.0.1", port) and asked == ["rebind.invalid"]
    stream.close()
    with pytest.raises(SourceError, match=r"^rebind.invalid is a private or local address \(127\.0\.0\.2\)"):
        connector.connect_tcp("rebind.invalid", port, timeout=1)
    assert asked == ["rebind.invalid"] * 2
    for address in (site.url, site.url.replace("127.0.0.1", "[::ffff:127.0.0.1]"),
                    site.url.replace("127.0.0.1", "localhost")):  # the system's resolver, through a fetch
        with pytest.raises(SourceError, match="is a private or local address"):
            Fetcher(FetchConfig(retries=0)).fetch(address + "/page")
    assert site.hits == {}


@pytest.mark.parametrize("entry", ["- url: 'http://[::1'", "- feed: 'http://[::1'", "- 'http://[::1'",
                                   "- url: 'http://a@b@127.0.0.1/'"])
def test_a_malformed_address_in_the_config_is_refused_naming_its_key(tmp_path, entry):
    (tmp_path / "config.yaml").write_text(f"sources:\n  {entry}\n")
    outcome = run_cli("check-config", "--config", tmp_path / "config.yaml")
    assert outcome.status == 2
    [line] = outcome.lines
    assert line.startswith("error: sources.0") and line.endswith("config.yaml:2)")
    assert "not a valid address (Invalid port" in line or "user name" in line


@pytest.mark.timeout(90)
def test_a_run_meeting_every_hostile_source_briefs_the_rest(tmp_path, monkeypatch, site, trickle, bombs,
                                                            shared_cache: Path):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "good.txt")
    moved = site.add("/moved", b"", status=302, headers={"Location": "javascript:alert(1)"})
    bomb = site.add("/bomb", bombs["br"], headers={"Content-Encoding": "br"})
    slow_feed = site.add("/slow.xml", rss(f"<item><author>{'a' * 1_000_000}</author></item>"),
                         content_type="application/rss+xml")
    bad_link = site.add("/feed.xml", rss("<item><title>Bad</title><link>http://[::1</link></item>"),
                        content_type="application/rss+xml")
    (tmp_path / "reading.txt").write_text("# reading list\nhttp://[::1\n")
    (tmp_path / "config.yaml").write_text(
        f"sources:\n  - good.txt\n  - url: {moved}\n  - url: {bomb}\n  - feed: {slow_feed}\n  - feed: {bad_link}\n"
        f"  - urls: reading.txt\n  - {trickle}\noutput: out\nformats: [md, json]\ncache: {shared_cache}\n"
        "allow_private_addresses: true\nfetch: {timeout_seconds: 0.5, retries: 0, page_seconds: 2}\n")
    outcome = run_cli("run", "--config", tmp_path / "config.yaml", "--date", "2026-11-21", "http://[::1", "good.txt")
    assert outcome.status == 10 and outcome.lines == ["skipped http://[::1: not a valid address (Invalid port: ':1')"]
    outcome = run_cli("run", "--config", tmp_path / "config.yaml", "--date", "2026-11-21")
    assert outcome.status == 10, outcome.stderr
    assert outcome.lines == [
        f"skipped {moved}: redirected to javascript:alert(1): only http and https links are read, not javascript:",
        f"skipped {bomb}: content encoding br refused (only one of gzip, deflate is accepted)",
        f"skipped {slow_feed}: reading the feed took longer than 2 s and was stopped",
        "skipped http://[::1: not a valid address (Invalid port: ':1')",
        "skipped reading.txt:2: http://[::1: not a valid address (Invalid port: ':1')",
        f"skipped {trickle}: took longer than 1.5 s",
    ]
    assert (tmp_path / "out" / "2026-11-21" / "briefing.md").read_text().count("\n### ") == 1
