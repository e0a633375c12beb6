"""What earlier days' briefs covered, for daily runs: a SQLite file (stdlib) that maps each
briefed article's canonical URL and content hash to the first day a brief covered it.

It is read before parsing and written only after the day's outputs are written, so a failed
run briefs the same articles next time; a same-day re-run briefs the same set again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import StateError
from ..models import Article
from .words import WORD

#: Query parameters that track readers and never change what a page says.
TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "ref", "ref_src",
            "cmpid", "ncid", "ocid", "smid", "smtyp", "spm", "_ga", "guccounter", "at_medium", "at_campaign"}
SCHEMA = "CREATE TABLE IF NOT EXISTS covered (key TEXT PRIMARY KEY, first_day TEXT NOT NULL)"


def canonical_url(url: str) -> str:
    """The address without fragment, tracking parameters, default port or trailing slash, with
    the scheme and host in lower case and the remaining parameters sorted."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if k.lower() not in TRACKING and not k.lower().startswith("utm_"))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host + (f":{port}" if port else ""), path, urlencode(query), ""))


def content_hash(text: str) -> str:
    """A hash of the text's words (case, spacing and punctuation aside)."""
    return hashlib.sha256(" ".join(WORD.findall(text.lower())).encode("utf-8")).hexdigest()


def keys_of(article: Article) -> list[str]:
    """What identifies an article across days: its canonical URL (if any) and its text."""
    keys = [f"text:{content_hash(article.text)}"]
    if article.url and article.url.startswith(("http://", "https://")):
        keys.append(f"url:{canonical_url(article.url)}")
    return keys


class State:
    """The state file at `path` (created when first written)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def covered_before(self, articles: list[Article], day: str) -> list[bool]:
        """For each article, whether a brief of a day before `day` covered it."""
        if not self.path.exists():
            return [False] * len(articles)
        with self._connect() as db:
            earlier = {key for (key,) in db.execute("SELECT key FROM covered WHERE first_day < ?", (day,))}
        return [any(key in earlier for key in keys_of(a)) for a in articles]

    def record(self, articles: Iterable[Article], day: str) -> None:
        """Mark the articles as covered on `day` (an earlier first day is kept)."""
        rows = [(key, day) for article in articles for key in keys_of(article)]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"{self.path}: cannot create the state folder: {exc.strerror or exc}") from None
        with self._connect() as db:
            db.executemany("INSERT INTO covered VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                           "SET first_day = min(first_day, excluded.first_day)", rows)

    def _connect(self) -> _Transaction:
        try:
            db = sqlite3.connect(self.path, timeout=30)
            db.execute(SCHEMA)
        except sqlite3.Error as exc:
            raise StateError(f"{self.path}: not a readable state file ({exc})") from None
        return _Transaction(db, self.path)


class _Transaction:
    """A connection used once: committed and closed on success, rolled back on error, and
    sqlite errors reported as `StateError`."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with closing(self.db):
            if error is None:
                self.db.commit()
            else:
                self.db.rollback()
        if isinstance(error, sqlite3.Error):
            raise StateError(f"{self.path}: state file failed: {error}") from None
