"""Fetching web pages and feeds with limits: http and https only, no private or local addresses
(checked again after every redirect) unless the config allows them, a bounded number of
redirects, connect and read timeouts and a deadline, a size cap, a few retries with backoff on
timeouts and 5xx answers, and a day's on-disk cache of pages so a re-run does not fetch again.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..config import FetchConfig
from ..errors import SourceError

USER_AGENT = f"briefing/{__version__} (daily briefing notes; +https://pypi.org/project/briefing/)"
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Response:
    """What a fetch gave: the address after redirects, the media type and the body."""

    url: str
    media_type: str
    body: bytes


class Fetcher:
    """Fetches with the config's limits; one client (and its connection pool) for a run."""

    def __init__(self, settings: FetchConfig, allow_private: bool = False, cache: Path | None = None) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self.cache = cache
        timeout = httpx.Timeout(settings.timeout_seconds)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                   headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, cached: bool = False) -> Response:
        """The response for `url`, following redirects; `cached`: use and fill the day's cache."""
        if cached and (hit := self._from_cache(url)):
            return hit
        current = url
        for _ in range(self.settings.max_redirects + 1):
            _check_scheme(current)
            if not self.allow_private:
                _check_public(current)
            response = self._with_retries(current)
            if isinstance(response, str):
                current = urljoin(current, response)
                continue
            if cached:
                self._to_cache(url, response)
            return response
        raise SourceError(f"too many redirects (more than {self.settings.max_redirects})")

    def _with_retries(self, url: str) -> Response | str:
        """The response, or the next address when it redirects."""
        for attempt in range(self.settings.retries + 1):
            try:
                return self._once(url)
            except _Retryable as exc:
                if attempt == self.settings.retries:
                    raise SourceError(str(exc)) from None
                time.sleep(2 ** attempt)
        raise AssertionError("unreachable")

    def _once(self, url: str) -> Response | str:
        deadline = time.monotonic() + 3 * self.settings.timeout_seconds
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code in REDIRECTS:
                    location: str | None = response.headers.get("location")
                    if not location:
                        raise SourceError(f"HTTP {response.status_code} without a Location")
                    return location
                if response.status_code >= 500:
                    raise _Retryable(f"HTTP {response.status_code} {response.reason_phrase}")
                if response.status_code >= 400:
                    raise SourceError(f"HTTP {response.status_code} {response.reason_phrase}")
                return Response(str(response.url), _media_type(response), self._body(response, deadline))
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.settings.timeout_seconds:g} s") from None
        except httpx.HTTPError as exc:
            raise SourceError(f"cannot fetch: {str(exc) or type(exc).__name__}") from None

    def _body(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceError(f"too large ({int(declared):,} bytes, limit {limit:,})")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise SourceError(f"too large (over {limit:,} bytes)")
            if time.monotonic() > deadline:
                raise _Retryable(f"took longer than {3 * self.settings.timeout_seconds:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _from_cache(self, url: str) -> Response | None:
        if self.cache is None:
            return None
        try:
            meta = json.loads(_cache_file(self.cache, url).with_suffix(".json").read_text(encoding="utf-8"))
            return Response(meta["url"], meta["media_type"], _cache_file(self.cache, url).read_bytes())
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _to_cache(self, url: str, response: Response) -> None:
        if self.cache is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            _cache_file(self.cache, url).write_bytes(response.body)
            meta = {"url": response.url, "media_type": response.media_type}
            _cache_file(self.cache, url).with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs a fetch next time


def _cache_file(cache: Path, url: str) -> Path:
    return cache / hashlib.sha256(url.encode("utf-8")).hexdigest()


def day_cache(folder: Path, day: str) -> Path:
    """The cache folder of `day` under `folder`; other days' folders are removed."""
    if folder.is_dir():
        for other in folder.iterdir():
            if other.name != day:
                shutil.rmtree(other, ignore_errors=True)
    return folder / day


class _Retryable(Exception):
    """A failure worth another try: a timeout or a 5xx answer."""


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise SourceError(f"only http and https links are read, not {scheme or 'this'}:")


def _check_public(url: str) -> None:
    """Refuse a host that is, or resolves to, a loopback, private, link-local or reserved address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)}
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise SourceError(f"cannot resolve {host!r}: {getattr(exc, 'strerror', None) or exc}") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.version == 6 and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            raise SourceError(f"{host} is a private or local address ({ip}); set allow_private_addresses to read it")


def _media_type(response: httpx.Response) -> str:
    content_type: str = response.headers.get("content-type", "")
    return content_type.split(";")[0].strip().lower()
