"""Extracted articles kept between runs: an article whose text, metadata, summary length, model
and extraction code are unchanged is not parsed again. A SQLite file (stdlib), bounded in size
(least recently used entries go first) and written in transactions, so a killed run leaves it
whole; a changed article or model only misses its own entry."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from contextlib import closing
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType

from .. import __version__
from ..models import Actor, Article, Figure, Frozen, Quote, Sentence, Upcoming
from ..versions import model_version, package_version

SCHEMA = ("CREATE TABLE IF NOT EXISTS extracted (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
          "size INTEGER NOT NULL, used REAL NOT NULL)")


class Extracted(Frozen):
    """What the analysis gives one article: an `ArticleBrief`'s fields beside its number and article.
    Every field is required, so an entry written before one existed is parsed again."""

    key_sentences: list[Sentence]
    actors: list[Actor]
    quotes: list[Quote]
    figures: list[Figure]
    upcoming: list[Upcoming]
    headline: str


@lru_cache(maxsize=8)
def fingerprint(model: str) -> str:
    """What, beside the article, decides extraction: every file of the briefing package (its code,
    models and data, hashed by path and content, so no list kept by hand can miss one), spaCy and
    the model (name and version)."""
    digest = hashlib.sha256(f"{__version__} {model} {package_version('spacy')} {model_version(model)}".encode())
    for name, content in _package_files(resources.files("briefing"), ""):
        digest.update(f"{len(name)}:{name}{len(content)}:".encode())
        digest.update(content)
    return digest.hexdigest()


def _package_files(folder: Traversable, prefix: str) -> list[tuple[str, bytes]]:
    """Every file below `folder` (compiled files left out), as (relative path, bytes), sorted."""
    files: list[tuple[str, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__" or entry.name.endswith((".pyc", ".pyo")):
            continue
        name = f"{prefix}{entry.name}"
        files.extend(_package_files(entry, f"{name}/") if entry.is_dir() else [(name, entry.read_bytes())])
    return files


def key_of(article: Article, length: str, model: str) -> str:
    """The cache key of one article's extraction: everything but where it was read from (the same
    article read from another file or address is the same extraction)."""
    fields = article.model_dump_json(exclude={"id", "origin"})
    return hashlib.sha256(f"{fingerprint(model)}\n{length}\n{fields}".encode()).hexdigest()


def _entry(value: object) -> Extracted | None:
    """A stored entry, or None when it cannot be read or no longer fits the models (a damaged row,
    or one written by other code): that only costs a parse."""
    try:
        return Extracted.model_validate_json(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None


class ExtractionCache:
    """The cache file at `path`, at most `max_mb` megabytes of entries."""

    def __init__(self, path: Path, max_mb: int) -> None:
        self.path, self.max_bytes = path, max_mb * 1_000_000
        self.hits = 0
        """Entries found so far."""

    def get(self, keys: list[str]) -> dict[str, Extracted]:
        """The entries found for `keys` (marked as used now)."""
        found: dict[str, Extracted] = {}
        with self._connect() as db:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                rows = db.execute(f"SELECT key, value FROM extracted WHERE key IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall()
                for key, value in rows:
                    if (entry := _entry(value)) is not None:
                        found[key] = entry
            now = time.time()
            db.executemany("UPDATE extracted SET used = ? WHERE key = ?", [(now, key) for key in found])
        self.hits += len(found)
        return found

    def put(self, entries: dict[str, Extracted]) -> None:
        """Store entries, then drop the least recently used ones beyond the size bound."""
        now = time.time()
        rows = []
        for key, extracted in entries.items():
            value = extracted.model_dump_json()
            rows.append((key, value, len(value), now))
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO extracted VALUES (?, ?, ?, ?)", rows)
            total = db.execute("SELECT COALESCE(SUM(size), 0) FROM extracted").fetchone()[0]
            if total > self.max_bytes:
                kept, excess = 0, []
                for key, size in db.execute("SELECT key, size FROM extracted ORDER BY used DESC"):
                    kept += size
                    if kept > self.max_bytes:
                        excess.append((key,))
                db.executemany("DELETE FROM extracted WHERE key = ?", excess)

    def _connect(self) -> _Session:
        return _Session(self.path)


class _Session:
    """A connection used once: created with the schema, committed on success, closed always.
    A cache that cannot be opened is treated as empty (it only costs a parse)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection  # opened by __enter__

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute(SCHEMA)
        except (OSError, sqlite3.Error):
            self.db = sqlite3.connect(":memory:")
            self.db.execute(SCHEMA)
        return self.db

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> bool:
        with closing(self.db):
            if error is None:
                self.db.commit()
        return isinstance(error, sqlite3.Error)  # a failing cache never fails a run
