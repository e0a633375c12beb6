"""`manifest.json`, written beside each day's outputs: what was read (with content hashes and
what became of each input), the config's hash, the versions of everything that shaped the
brief, how long each stage took, and, once the brief is sent, what became of each recipient."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SourceError
from ..intake.files import read_bytes
from ..intake.state import content_hash
from ..models import Article, Briefing, LeftOut
from ..versions import model_version, package_version
from .outputs import replace_files

MANIFEST = "manifest.json"
#: Largest manifest read back to record a delivery in it.
MAX_MANIFEST_BYTES = 100_000_000
PACKAGES = ("briefing", "spacy", "weasyprint", "jinja2", "trafilatura", "feedparser", "httpx")


class Stopwatch:
    """Seconds spent in each stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = round(now - self._last, 3)
        self._last = now


def manifest(briefing: Briefing, covered: list[Article], config_path: Path | None, model: str,
             stages: dict[str, float], extraction: dict[str, int], left_out: Sequence[LeftOut] = (),
             fit: int | None = None) -> bytes:
    """The manifest of a run as JSON bytes: with what became of each source, the feed entries
    left out unfetched (outside the day's window, or covered before), and the rows the outputs
    list (`fit`: the page budget's, none without one), so `deliver` need not lay the PDF out again."""
    inputs = [_entry(b.article, "briefed", b.number) for b in briefing.articles]
    inputs += [_entry(c.article, f"copy of [{c.copy_of}]", c.number) for c in briefing.copies]
    inputs += [_entry(a, "covered by an earlier brief", None) for a in covered]
    return json.dumps({
        "date": briefing.date.isoformat(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": _config_entry(config_path),
        "versions": {"python": platform.python_version(), **{name: package_version(name) for name in PACKAGES},
                     "model": f"{model} {model_version(model)}"},
        "inputs": inputs,
        "sources": [outcome.model_dump() for outcome in briefing.source_outcomes],
        "left_out": [entry.model_dump() for entry in left_out],
        "skipped": [{"origin": s.origin, "reason": s.reason} for s in briefing.skipped],
        "notes": [{"origin": n.origin, "text": n.text} for n in briefing.notes],
        "stages": stages,
        "extraction": extraction,
        "fit": fit,
    }, indent=2, ensure_ascii=False).encode("utf-8")


def accepted_recipients(folder: Path) -> set[str]:
    """The recipients the manifest in `folder` records as having accepted the brief."""
    delivery = _read(folder).get("delivery")
    if not isinstance(delivery, dict):
        return set()
    return {address for address, outcome in delivery.items()
            if isinstance(outcome, dict) and outcome.get("status") == "accepted"}


def recorded_fit(folder: Path) -> tuple[bool, int | None]:
    """Whether the manifest in `folder` records the rows its outputs list, and how many."""
    recorded = _read(folder)
    fit = recorded.get("fit")
    return "fit" in recorded and (fit is None or type(fit) is int), fit if type(fit) is int else None


def record_delivery(folder: Path, outcomes: dict[str, dict]) -> None:
    """Record what became of each recipient in the manifest in `folder` (written atomically),
    keeping what it records of the others."""
    recorded = _read(folder)
    earlier = recorded.get("delivery")
    recorded["delivery"] = (earlier if isinstance(earlier, dict) else {}) | outcomes
    _write(folder, recorded)


def record_fit(folder: Path, fit: int | None) -> None:
    """Record the rows the outputs in `folder` list now (rendered again) in its manifest, if it has one."""
    recorded = _read(folder)
    if recorded:
        _write(folder, recorded | {"fit": fit})


def _write(folder: Path, recorded: dict) -> None:
    replace_files(folder, {MANIFEST: json.dumps(recorded, indent=2, ensure_ascii=False).encode("utf-8")})


def _read(folder: Path) -> dict:
    """The manifest in `folder`; empty if there is none or it is unreadable."""
    try:
        recorded = json.loads(read_bytes(folder / MANIFEST, MAX_MANIFEST_BYTES))
    except (SourceError, ValueError, RecursionError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def _entry(article: Article, status: str, number: int | None) -> dict[str, object]:
    return {"source": number, "origin": article.origin, "url": article.url, "title": article.title,
            "sha256": content_hash(article.text), "status": status}


def _config_entry(path: Path | None) -> dict[str, str | None]:
    if path is None:
        return {"path": None, "sha256": None}
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = None
    return {"path": str(path), "sha256": digest}
