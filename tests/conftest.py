"""Shared fixtures: the spaCy pipeline (loaded once), the seed articles, and one seed run."""

from __future__ import annotations

import ipaddress
import re
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from briefing.analysis import nlp
from briefing.config import load_config
from briefing.models import Article
from briefing.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RUN_DAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def pipeline():
    return nlp.load("en_core_web_sm")


@pytest.fixture(scope="session")
def parse(pipeline):
    """Parse a text (with an optional headline) into a Document."""
    def parse_text(text: str, title: str | None = None, id: str = "test.txt"):
        return next(nlp.parse(pipeline, [Article(id=id, title=title, text=text)]))
    return parse_text


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the repo's config, templates and seeds in a temporary folder."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    return tmp_path


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One real run over seeds/ with the repo's config, written to a temporary folder."""
    out = tmp_path_factory.mktemp("briefings")
    return build(load_config(ROOT / "config.yaml"), RUN_DAY, output=out)


@dataclass
class Outcome:
    """What a command line run gave: exit status, stdout, stderr."""

    status: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_cli(*args: str) -> Outcome:
    """The `briefing` command line, run in this process (the spaCy model stays loaded); any
    exception that escapes it fails the test, since a user would have seen a traceback."""
    from click.testing import CliRunner

    from briefing.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="briefing")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    assert "Traceback" not in result.stderr
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One extraction cache for the tests of a worker: an article they all brief is parsed once."""
    return tmp_path_factory.mktemp("cache") / "cache.sqlite"


@pytest.fixture(scope="session")
def earlier_day(tmp_path_factory) -> Path:
    """An earlier day's brief (Markdown and JSON of one seed), written once; copy it to use it."""
    work = tmp_path_factory.mktemp("earlier")
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], work / "good.txt")
    (work / "config.yaml").write_text("inputs: [good.txt]\noutput: out\nformats: [md, json]\n")
    outcome = run_cli("--quiet", "run", "--config", work / "config.yaml", "--date", "2026-11-20")
    assert outcome.status == 0, outcome.stderr
    return work / "out" / "2026-11-20"


@contextmanager
def smtp_server(handler, authenticator) -> Iterator[int]:
    """An aiosmtpd server with `handler` and `authenticator` (AUTH allowed without TLS) on a free
    loopback port, which it yields."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


#: Test data that travels with the repository (its sources and licences: tests/data/README.md).
DATA = ROOT / "tests" / "data"


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] | None = None
    delay: float = 0.0
    failures: int = 0
    """Answer the first this many requests with 503 Service Unavailable."""


class Site:
    """A web site on a loopback address: routes by path, and how often each was fetched."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.came: dict[str, float] = {}
        """When each path was last asked for (time.monotonic)."""
        self.spans: list[tuple[float, float]] = []
        """When each request came (its handler began) and its answer began (time.monotonic): the
        client cannot have read the answer, nor sent a request in its turn, before then (a time
        taken after the answer is written can come late, when other threads hold the GIL)."""
        self.conditional: dict[str, int] = {}
        """Requests per path that asked conditionally (If-None-Match, If-Modified-Since); a route
        whose ETag or Last-Modified header they give back is answered 304 Not Modified."""

    def add(self, path: str, body: bytes | str, **route) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **route)
        return self.url + path


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[Site]:
    """A stdlib HTTP server in a thread on `host` (a loopback address), stopped at the end."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            came = time.monotonic()
            served.hits[self.path] = served.hits.get(self.path, 0) + 1
            served.came[self.path] = came
            route = served.routes.get(self.path, Route(b"not found", status=404, content_type="text/plain"))
            if served.hits[self.path] <= route.failures:
                route = Route(b"busy", status=503, content_type="text/plain")
            time.sleep(route.delay)
            asked = {"ETag": self.headers.get("If-None-Match"), "Last-Modified": self.headers.get("If-Modified-Since")}
            if any(asked.values()):
                served.conditional[self.path] = served.conditional.get(self.path, 0) + 1
                if any(value and value == (route.headers or {}).get(name) for name, value in asked.items()):
                    route = Route(b"", status=304)
            served.spans.append((came, time.monotonic()))
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in (route.headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    assert ipaddress.ip_address(host).is_loopback
    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    served = Site(f"http://{host}:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def site():
    """A stdlib HTTP server in a thread on 127.0.0.1, stopped after the test."""
    with serve() as served:
        yield served


def squash(text: str) -> str:
    """Text with all white space removed, to compare against text extracted from a PDF."""
    return re.sub(r"\s+", "", text).replace("\u00ad", "")


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)
