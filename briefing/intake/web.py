"""Fetching web pages and feeds with limits: http and https only; no private or local address
unless the config allows them, checked on the very addresses connected to (each host is resolved
once, for every connection, after every redirect); a bounded number of redirects; connect and
read timeouts and a deadline on the whole fetch; a size cap on the decoded body; a few retries
with backoff on timeouts and 5xx answers; at most `PER_HOST` requests to one host at once and
`PARALLEL_FETCHES` in all (`Fetcher.each` reads many addresses at once within them); and a day's
on-disk cache of pages so a re-run does not fetch again.
"""

from __future__ import annotations

import contextvars
import hashlib
import ipaddress
import json
import shutil
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpcore
import httpx

from .. import __version__
from ..config import FetchConfig, web_url
from ..errors import SourceError

T = TypeVar("T")
R = TypeVar("R")

USER_AGENT = f"briefing/{__version__} (daily briefing notes; +https://pypi.org/project/briefing/)"
REDIRECTS = {301, 302, 303, 307, 308}
#: The content encodings asked for (Accept-Encoding), each with its zlib window; no other is read.
DECODINGS = {"gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
#: IPv6 ranges that carry an IPv4 address in their last 32 bits (IPv4-compatible, IPv4-translated,
#: NAT64), judged by that address.
IPV4_INSIDE = tuple(map(ipaddress.ip_network, ("::/96", "::ffff:0:0:0/96", "64:ff9b::/96")))
#: Longest ETag or Last-Modified kept for a conditional request.
MAX_VALIDATOR = 1000
#: NAT64 for local networks (RFC 8215), which Python counts as global.
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
#: Requests under way at once, in all (fast across many sites) and to one host (polite to one site).
PARALLEL_FETCHES = 8
PER_HOST = 2

#: When the fetch under way in this thread must end (time.monotonic), if one is under way.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


@dataclass(frozen=True)
class Response:
    """What a fetch gave: the address after redirects, the media type, the decoded body and
    the charset the Content-Type names (when Python has that text encoding)."""

    url: str
    media_type: str
    body: bytes
    charset: str | None = None
    validators: Validators | None = None
    """The response's ETag and Last-Modified, to ask with next time."""
    unchanged: bool = False
    """True for a 304 answer to a conditional request: nothing changed since `validators` were given."""


@dataclass(frozen=True)
class Validators:
    """What a conditional request asks with (If-None-Match, If-Modified-Since), as the server sent it."""

    etag: str | None = None
    modified: str | None = None

    def headers(self) -> dict[str, str]:
        return {name: value for name, value in (("If-None-Match", self.etag), ("If-Modified-Since", self.modified))
                if value}


class Fetcher:
    """Fetches with the config's limits; one client (and its connection pool) for a run, shared
    by the threads of `each`."""

    def __init__(self, settings: FetchConfig, allow_private: bool = False, cache: Path | None = None) -> None:
        self.settings = settings
        self.cache = cache
        self._all = threading.Semaphore(PARALLEL_FETCHES)
        self._hosts: dict[str, threading.Semaphore] = {}
        self._hosts_lock = threading.Lock()
        transport = _Transport(Connector(None if allow_private else public))
        self.client = httpx.Client(transport=transport, timeout=httpx.Timeout(settings.timeout_seconds),
                                   follow_redirects=False, trust_env=False,
                                   event_hooks={"response": [_stop_at_redirect]},
                                   headers={"User-Agent": USER_AGENT, "Accept-Encoding": ", ".join(DECODINGS)})

    def close(self) -> None:
        self.client.close()

    def each(self, work: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`work(item)` for every item, in order, each in a thread: twice `PARALLEL_FETCHES` at once,
        so that while some read what they fetched (a page's child process) others fetch; their
        fetches keep to the limits of one host and of all."""
        with ThreadPoolExecutor(2 * PARALLEL_FETCHES) as pool:
            return list(pool.map(work, items))

    @contextmanager
    def _turn(self, host: str) -> Iterator[None]:
        """Wait until fewer than `PER_HOST` requests to `host`, and `PARALLEL_FETCHES` in all, are under way."""
        with self._hosts_lock:
            polite = self._hosts.setdefault(host, threading.Semaphore(PER_HOST))
        with polite, self._all:
            yield

    def fetch(self, url: str, cached: bool = False, validators: Validators | None = None) -> Response:
        """The response for `url`, following redirects; `cached`: use and fill the day's cache;
        `validators`: ask conditionally (a 304 answer is a response that is `unchanged`)."""
        if cached and (hit := self._from_cache(url)):
            return hit
        current = url
        for _ in range(self.settings.max_redirects + 1):
            try:
                address = web_address(current)
            except SourceError as exc:
                raise SourceError(f"redirected to {current[:200]}: {exc}" if current != url else str(exc)) from None
            response = self._with_retries(address, validators.headers() if validators else {})
            if isinstance(response, str):
                current = joined(address, response)
                continue
            if cached:
                self._to_cache(url, response)
            return response
        raise SourceError(f"too many redirects (more than {self.settings.max_redirects})")

    def _with_retries(self, url: httpx.URL, headers: dict[str, str]) -> Response | str:
        """The response, or the next address when it redirects."""
        for attempt in range(self.settings.retries + 1):
            try:
                return self._once(url, headers)
            except _Retryable as exc:
                if attempt == self.settings.retries:
                    raise SourceError(str(exc)) from None
                time.sleep(2 ** attempt)
        raise AssertionError("unreachable")

    def _once(self, url: httpx.URL, headers: dict[str, str]) -> Response | str:
        """One request, once its host has a turn, connecting, sending and reading within three times
        the timeout."""
        with self._turn(url.host):
            return self._request(url, headers)

    def _request(self, url: httpx.URL, headers: dict[str, str]) -> Response | str:
        seconds = self.settings.timeout_seconds
        deadline = time.monotonic() + 3 * seconds
        token = _deadline.set(deadline)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code >= 500:
                    raise _Retryable(f"HTTP {response.status_code} {response.reason_phrase}")
                if response.status_code >= 400:
                    raise SourceError(f"HTTP {response.status_code} {response.reason_phrase}")
                given = Validators(_validator(response.headers.get("etag")),
                                   _validator(response.headers.get("last-modified")))
                if response.status_code == 304 and headers:
                    return Response(str(response.url), "", b"", validators=given, unchanged=True)
                return Response(str(response.url), _media_type(response), self._body(response), _charset(response),
                                given if given.etag or given.modified else None)
        except _Redirect as redirect:
            return redirect.location
        except httpx.TimeoutException:
            if time.monotonic() >= deadline:
                raise _Retryable(f"took longer than {3 * seconds:g} s") from None
            raise _Retryable(f"timed out after {seconds:g} s") from None
        except httpx.HTTPError as exc:
            raise SourceError(f"cannot fetch: {str(exc) or type(exc).__name__}") from None
        finally:
            _deadline.reset(token)

    def _body(self, response: httpx.Response) -> bytes:
        """The body decoded as it arrives, refused once more than `max_bytes` have come."""
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceError(f"too large ({int(declared):,} bytes, limit {limit:,})")
        decoder = _decoder(response)
        chunks, size = [], 0
        try:
            for data in response.iter_raw():
                while data:  # a decoder gives at most one byte more than the limit allows
                    chunk, data = (data, b"") if decoder is None else (decoder.decompress(data, limit + 1 - size),
                                                                        decoder.unconsumed_tail)
                    size += len(chunk)
                    if size > limit:
                        raise SourceError(f"too large (over {limit:,} bytes)")
                    chunks.append(chunk)
        except zlib.error as exc:
            raise SourceError(f"cannot decode the {response.headers['content-encoding']} body ({exc})") from None
        return b"".join(chunks)

    def _from_cache(self, url: str) -> Response | None:
        if self.cache is None:
            return None
        try:
            meta = json.loads(_cache_file(self.cache, url).with_suffix(".json").read_text(encoding="utf-8"))
            return Response(meta["url"], meta["media_type"], _cache_file(self.cache, url).read_bytes(), meta.get("charset"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _to_cache(self, url: str, response: Response) -> None:
        if self.cache is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            _cache_file(self.cache, url).write_bytes(response.body)
            meta = {"url": response.url, "media_type": response.media_type, "charset": response.charset}
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


def web_address(url: str) -> httpx.URL:
    """`url` as the request will read it (see `config.web_url`), or a `SourceError` saying why not."""
    try:
        return web_url(url)
    except ValueError as exc:
        raise SourceError(str(exc)) from None


def joined(base: str | httpx.URL, link: str) -> str:
    """`link` resolved against `base`; `link` itself when it cannot be (fetching it says why)."""
    try:
        return str(httpx.URL(base).join(link))
    except (httpx.InvalidURL, UnicodeError):
        return link


def public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether `ip` is a public address: global and not multicast; an IPv6 address that carries
    an IPv4 one (mapped, compatible, translated, NAT64, 6to4) is judged by that IPv4 address."""
    if ip.version == 6:
        inside = ip.ipv4_mapped or ip.sixtofour or next(
            (ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF) for network in IPV4_INSIDE if ip in network), None)
        if inside is not None:
            return public(inside)
        if ip in LOCAL_NAT64:
            return False
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses of `host` (a name or an IP address), as the system resolves them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceError(f"cannot resolve {host!r}: {getattr(exc, 'strerror', None) or exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Connector(httpcore.SyncBackend):
    """Opens the connections of the fetches (an httpcore network backend): resolves the host
    once, refuses it if any of its addresses is not `allowed` (None: all are), connects to those
    very addresses, and ends every wait by the fetch's deadline."""

    def __init__(self, allowed: Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool] | None,
                 resolver: Callable[[str, int], list[str]] = resolve) -> None:
        self.allowed, self.resolver = allowed, resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        addresses = self.resolver(host, port)
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if self.allowed and not self.allowed(ip):
                raise SourceError(f"{host} is a private or local address ({ip}); "
                                  "set allow_private_addresses to read it")
        failure: Exception = SourceError(f"cannot resolve {host!r}: no address")
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, _within(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
                return _BoundedStream(stream)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure


class _BoundedStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _within(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _within(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _BoundedStream(self.stream.start_tls(ssl_context, server_hostname,
                                                    _within(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


def _within(timeout: float | None, expired: type[Exception]) -> float | None:
    """`timeout`, shortened to what is left of the fetch's deadline; `expired` once none is."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the fetch's deadline passed")
    return left if timeout is None else min(timeout, left)


class _Transport(httpx.HTTPTransport):
    """httpx's transport over a `Connector`. httpx 0.28 takes no network backend of its own
    (encode/httpx#3749), so its one attribute, the connection pool, is made here."""

    def __init__(self, connector: Connector) -> None:  # not the parent's: it would make a pool to replace
        limits = httpx.Limits()  # httpx's defaults
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             max_connections=limits.max_connections,
                                             max_keepalive_connections=limits.max_keepalive_connections,
                                             keepalive_expiry=limits.keepalive_expiry, network_backend=connector)


class _Retryable(Exception):
    """A failure worth another try: a timeout or a 5xx answer."""


class _Redirect(Exception):
    """A redirect, with its Location as sent."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def _stop_at_redirect(response: httpx.Response) -> None:
    """Hand a redirect's Location to `Fetcher.fetch`, which checks it, before httpx reads it
    (httpx raises on a Location it cannot read: `javascript:`, a bad IDN host...)."""
    if response.status_code in REDIRECTS:
        location = response.headers.get("location")
        if not location:
            raise SourceError(f"HTTP {response.status_code} without a Location")
        raise _Redirect(location)


def _decoder(response: httpx.Response):
    """A zlib decoder of the body's content encoding, or None for none; an encoding not asked
    for, or more than one, is refused before any of it is decoded."""
    encodings = [e.strip().lower() for e in response.headers.get_list("content-encoding", split_commas=True)]
    encodings = [e for e in encodings if e not in ("", "identity")]
    if not encodings:
        return None
    if len(encodings) > 1 or encodings[0] not in DECODINGS:
        raise SourceError(f"content encoding {', '.join(encodings)[:100]} refused "
                          f"(only one of {', '.join(DECODINGS)} is accepted)")
    return zlib.decompressobj(DECODINGS[encodings[0]])


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified as it can be sent back: printable ASCII, at most `MAX_VALIDATOR` characters."""
    return value if value and len(value) <= MAX_VALIDATOR and value.isascii() and value.isprintable() else None


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _charset(response: httpx.Response) -> str | None:
    """The charset the Content-Type header names, if Python has a text encoding of that name."""
    name = response.charset_encoding
    try:
        return name if name and b"a".decode(name, "replace") else None  # an unknown or bytes codec raises
    except (LookupError, ValueError):
        return None
