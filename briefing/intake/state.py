"""What earlier days' briefs covered, for daily runs: a SQLite file (stdlib) that maps each
briefed article's canonical URL and content hash to the first day a brief covered it, and each
feed's ETag and Last-Modified to the latest day a run read it (for conditional requests).

It is read before parsing and written only after the day's outputs are written, so a failed
run briefs the same articles next time; a same-day re-run briefs the same set again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import StateError
from ..models import Article
from .words import WORD

#: Query parameters that track readers and never change what a page says.
TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "ref", "ref_src",
            "cmpid", "ncid", "ocid", "smid", "smtyp", "spm", "_ga", "guccounter", "at_medium", "at_campaign"}
SCHEMA = ("CREATE TABLE IF NOT EXISTS covered (key TEXT PRIMARY KEY, first_day TEXT NOT NULL);"
          "CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, modified TEXT, day TEXT NOT NULL)")


@dataclass(frozen=True)
class Seen:
    """What the state knows before a day's sources are read: the canonical URLs that briefs of
    earlier days covered (not fetched again), and the validators of feeds read on earlier days
    (asked with conditionally)."""

    urls: frozenset[str] = frozenset()
    validators: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def covered(self, url: str) -> bool:
        """Whether an earlier day's brief covered the page at `url`."""
        return bool(url) and f"url:{canonical_url(url)}" in self.urls


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
    """What identifies an article across days: its text, its canonical URL and the address it
    was asked for (a feed's link), where it has them."""
    keys = [f"text:{content_hash(article.text)}"]
    for url in dict.fromkeys((article.url, article.origin)):
        if url and url.startswith(("http://", "https://")):
            keys.append(f"url:{canonical_url(url)}")
    return list(dict.fromkeys(keys))


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

    def seen(self, day: str) -> Seen:
        """What briefs and runs of days before `day` left: the URLs covered, the feeds' validators."""
        if not self.path.exists():
            return Seen()
        with self._connect() as db:
            urls = frozenset(key for (key,) in db.execute(
                "SELECT key FROM covered WHERE first_day < ? AND key LIKE 'url:%'", (day,)))
            validators = {url: (etag, modified) for url, etag, modified in db.execute(
                "SELECT url, etag, modified FROM feeds WHERE day < ?", (day,))}
        return Seen(urls, validators)

    def record(self, articles: Iterable[Article], day: str,
               validators: Mapping[str, tuple[str | None, str | None]] | None = None) -> None:
        """Mark the articles as covered on `day` (an earlier first day is kept), and keep the
        feeds' validators as of `day` (unless a later day's are kept already)."""
        rows = [(key, day) for article in articles for key in keys_of(article)]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"{self.path}: cannot create the state folder: {exc.strerror or exc}") from None
        with self._connect() as db:
            db.executemany("INSERT INTO covered VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                           "SET first_day = min(first_day, excluded.first_day)", rows)
            db.executemany("INSERT INTO feeds VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                           "modified = excluded.modified, day = excluded.day WHERE excluded.day >= feeds.day",
                           [(url, etag, modified, day) for url, (etag, modified) in (validators or {}).items()])

    def _connect(self) -> _Transaction:
        try:
            db = sqlite3.connect(self.path, timeout=30)
            for statement in SCHEMA.split(";"):
                db.execute(statement)
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
