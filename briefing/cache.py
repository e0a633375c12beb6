"""Extracted articles kept between runs: an article whose text, metadata, summary length, model
and extraction code are unchanged is not parsed again. A SQLite file (stdlib), bounded in size
(least recently used entries go first) and written in transactions, so a killed run leaves it
whole; a changed article or model only misses its own entry."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from contextlib import closing
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import __version__
from .models import Actor, Article, Sentence
from .versions import model_version, package_version

SCHEMA = ("CREATE TABLE IF NOT EXISTS extracted (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
          "size INTEGER NOT NULL, used REAL NOT NULL)")
#: The code and data whose change changes what extraction gives.
EXTRACTION_FILES = ("nlp.py", "document.py", "cleaning.py", "names.py", "parsed_roles.py", "tables.py",
                    "spacy_import.py")
#: Folders whose every file is part of extraction too.
EXTRACTION_FOLDERS = ("actors", "summarise", "data")
Extracted = tuple[list[Sentence], list[Actor]]


@lru_cache(maxsize=8)
def fingerprint(model: str) -> str:
    """What, beside the article, decides extraction: briefing's extraction code and data, spaCy
    and the model (name and version)."""
    digest = hashlib.sha256(f"{__version__} {model} {package_version('spacy')} {model_version(model)}".encode())
    package = resources.files("briefing")
    folders = [sorted((f for f in package.joinpath(folder).iterdir() if f.name.endswith((".py", ".yaml", ".txt"))),
                      key=lambda f: f.name) for folder in EXTRACTION_FOLDERS]
    for file in [package.joinpath(name) for name in EXTRACTION_FILES] + [f for files in folders for f in files]:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def key_of(article: Article, length: str, model: str) -> str:
    """The cache key of one article's extraction: everything but where it was read from (the same
    article read from another file or address is the same extraction)."""
    fields = article.model_dump_json(exclude={"id", "origin"})
    return hashlib.sha256(f"{fingerprint(model)}\n{length}\n{fields}".encode()).hexdigest()


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
                    record = json.loads(value)
                    found[key] = ([Sentence.model_validate(s) for s in record["key_sentences"]],
                                  [Actor.model_validate(a) for a in record["actors"]])
            now = time.time()
            db.executemany("UPDATE extracted SET used = ? WHERE key = ?", [(now, key) for key in found])
        self.hits += len(found)
        return found

    def put(self, entries: dict[str, Extracted]) -> None:
        """Store entries, then drop the least recently used ones beyond the size bound."""
        now = time.time()
        rows = []
        for key, (sentences, actors) in entries.items():
            value = json.dumps({"key_sentences": [s.model_dump() for s in sentences],
                                "actors": [a.model_dump() for a in actors]}, ensure_ascii=False)
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

    def _connect(self):
        return _Session(self.path)


class _Session:
    """A connection used once: created with the schema, committed on success, closed always.
    A cache that cannot be opened is treated as empty (it only costs a parse)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute(SCHEMA)
        except (OSError, sqlite3.Error):
            self.db = sqlite3.connect(":memory:")
            self.db.execute(SCHEMA)
        return self.db

    def __exit__(self, kind, error, trace) -> bool:
        with closing(self.db):
            if error is None:
                self.db.commit()
        return isinstance(error, sqlite3.Error)  # a failing cache never fails a run
