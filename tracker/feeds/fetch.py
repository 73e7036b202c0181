"""Fetching feeds over HTTP: the only module that imports httpx (issue 9, "Fetching with httpx").

`fetch` is pure I/O: one conditional GET, bounded in time, size and redirects, whose every network or HTTP
problem comes back as a `FetchResult` with a one-line `error` rather than an exception. Deciding what to do
about it (back-off, Retry-After windows, the next poll) is for the pure decisions beside it.
"""

from __future__ import annotations

import math
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

import tracker

__all__ = ["DEFAULT_MAX_BYTES", "USER_AGENT", "FetchResult", "Validators", "fetch", "make_client"]

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB
USER_AGENT = f"tracker/{tracker.__version__} (diplomatic relations tracker)"
# We decode ourselves, a bounded piece at a time, so we only offer what we can decode that way.
_ACCEPT_ENCODING = "gzip, deflate"
_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Validators:
    """The cache validators a server sent, echoed back on the next fetch to make it conditional."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """What one fetch found: a body, a 304, or a one-line error, with the server's caching and rate hints."""

    url: str
    status: int | None
    body: bytes | None
    validators: Validators
    not_modified: bool = False
    retry_after: float | None = None
    max_age: float | None = None
    error: str | None = None
    content_type: str | None = None

    @property
    def ok(self) -> bool:
        """True when the fetch gave a body or a 304."""
        return self.error is None


class _Failure(Exception):
    """A fetch ended early for a reason we state ourselves (caps, deadline, redirects)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def make_client(
    *,
    connect_timeout: float = 10.0,
    deadline: float = 30.0,
    max_redirects: int = 5,
    max_connections: int = 20,
    max_keepalive_connections: int = 10,
) -> httpx.Client:
    """An httpx client to reuse across feeds: our User-Agent, timeouts, a redirect limit and a bounded pool.

    httpx keeps its pool per origin but caps only the total (`httpx.Limits` has no per-host cap), so the
    poller must bound concurrent fetches per host itself. `fetch` follows redirects on its own, under its
    own `max_redirects`, so that its deadline spans every hop; the limit here serves direct callers.
    """
    client = httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": _ACCEPT_ENCODING},
        timeout=httpx.Timeout(deadline, connect=connect_timeout),
        follow_redirects=False,
        max_redirects=max_redirects,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_keepalive_connections),
    )
    _bound_reads(client)
    return client


def fetch(
    url: str,
    validators: Validators | None = None,
    *,
    client: httpx.Client | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decompressed: int = DEFAULT_MAX_BYTES,
    connect_timeout: float = 10.0,
    deadline: float = 30.0,
    max_redirects: int = 5,
    now: Callable[[], datetime] = _utc_now,
) -> FetchResult:
    """GET `url`, conditionally on `validators`, and never raise for a network or HTTP problem.

    Bounds: `connect_timeout` per connection, `deadline` seconds for the whole fetch (redirects and a
    dripping body included), `max_bytes` on the wire, `max_decompressed` after gzip or deflate, and
    `max_redirects` hops. `now` (timezone-aware) turns a Retry-After date into seconds.
    """
    old = validators or Validators()
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return _failed(url, old, f"not an http or https URL: {url[:200]}")
    own_client = client is None
    http = client if client is not None else make_client(connect_timeout=connect_timeout, deadline=deadline)
    # Monotonic time measures the deadline; wall time (`now`) is only for Retry-After dates.
    started = time.monotonic()
    hops = [url]
    outer = getattr(_DEADLINE, "at", None)
    _DEADLINE.at = started + deadline
    try:
        return _fetch(
            http, hops, old, started, max_bytes, max_decompressed, connect_timeout, deadline, max_redirects, now
        )
    except _Failure as failure:
        return _failed(hops[-1], old, str(failure))
    except httpx.ConnectTimeout:
        return _failed(hops[-1], old, f"connect timed out after {_secs(connect_timeout)} s")
    except httpx.TimeoutException:
        return _failed(hops[-1], old, f"timed out after {_secs(deadline)} s")
    except httpx.ConnectError as exc:
        return _failed(hops[-1], old, _connect_message(exc))
    except httpx.InvalidURL as exc:
        return _failed(hops[-1], old, f"invalid URL: {_one_line(exc)}")
    except httpx.HTTPError as exc:
        return _failed(hops[-1], old, f"{type(exc).__name__}: {_one_line(exc)}")
    finally:
        _DEADLINE.at = outer
        if own_client:
            http.close()


def _fetch(
    http: httpx.Client,
    hops: list[str],
    old: Validators,
    started: float,
    max_bytes: int,
    max_decompressed: int,
    connect_timeout: float,
    deadline: float,
    max_redirects: int,
    now: Callable[[], datetime],
) -> FetchResult:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": _ACCEPT_ENCODING}
    if old.etag:
        headers["If-None-Match"] = old.etag
    if old.last_modified:
        headers["If-Modified-Since"] = old.last_modified
    for redirects in range(max_redirects + 1):
        remaining = deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise _Failure(f"timed out after {_secs(deadline)} s")
        # A read timeout alone resets on every byte, so it is also cut to what is left of the deadline.
        timeout = httpx.Timeout(remaining, connect=min(connect_timeout, remaining))
        request = http.build_request("GET", hops[-1], headers=headers, timeout=timeout)
        response = http.send(request, stream=True, follow_redirects=False)
        try:
            if not (response.is_redirect and response.next_request is not None):
                return _read(response, hops[-1], old, started, max_bytes, max_decompressed, deadline, now)
            target = str(response.next_request.url)
        finally:
            response.close()
        if redirects == max_redirects:
            raise _Failure(f"too many redirects ({max_redirects})")
        if urlsplit(target).scheme.lower() not in _SCHEMES:
            raise _Failure(f"redirect to a URL that is not http or https: {target[:200]}")
        hops.append(target)
    raise AssertionError("unreachable")  # pragma: no cover


def _read(
    response: httpx.Response,
    url: str,
    old: Validators,
    started: float,
    max_bytes: int,
    max_decompressed: int,
    deadline: float,
    now: Callable[[], datetime],
) -> FetchResult:
    status = response.status_code
    headers = response.headers
    fresh = Validators(etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"))
    max_age = _max_age(headers.get("Cache-Control"))
    content_type = headers.get("Content-Type")
    if status == 304:
        # A 304 need not repeat the validators; the ones we sent stay good unless it sends new ones.
        kept = Validators(etag=fresh.etag or old.etag, last_modified=fresh.last_modified or old.last_modified)
        return FetchResult(url, status, None, kept, not_modified=True, max_age=max_age, content_type=content_type)
    if status in (429, 503):
        retry_after = _retry_after(headers.get("Retry-After"), now)
        error = f"HTTP {status}" if retry_after is None else f"HTTP {status}, retry after {_secs(retry_after)} s"
        return FetchResult(url, status, None, old, retry_after=retry_after, max_age=max_age, error=error)
    if not 200 <= status < 300:
        return FetchResult(url, status, None, old, max_age=max_age, error=f"HTTP {status}")
    body = _read_body(response, started, max_bytes, max_decompressed, deadline)
    return FetchResult(url, status, body, fresh, max_age=max_age, content_type=content_type)


def _read_body(
    response: httpx.Response, started: float, max_bytes: int, max_decompressed: int, deadline: float
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _Failure(f"body over {_size(max_bytes)}")
    inflater = _Inflater.for_encoding(response.headers.get("Content-Encoding"), max_decompressed)
    received = 0
    pieces: list[bytes] = []
    # iter_raw without a chunk size yields each read as it arrives, so a drip is checked byte by byte.
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > max_bytes:
            raise _Failure(f"body over {_size(max_bytes)}")
        if inflater is None and received > max_decompressed:
            raise _Failure(f"decompressed body over {_size(max_decompressed)}")
        pieces.append(inflater.feed(chunk) if inflater else chunk)
        if time.monotonic() - started > deadline:
            raise _Failure(f"timed out after {_secs(deadline)} s")
    return b"".join(pieces)


class _Inflater:
    """Inflates gzip or deflate a bounded piece at a time, so a bomb never balloons in memory."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._encoding = encoding
        self._limit = limit
        self._total = 0
        self._started = False
        # 32 + MAX_WBITS detects a gzip or a zlib header; some servers send raw deflate, tried on failure.
        self._z = zlib.decompressobj(32 + zlib.MAX_WBITS)

    @classmethod
    def for_encoding(cls, header: str | None, limit: int) -> _Inflater | None:
        encoding = (header or "identity").strip().lower()
        if encoding in ("", "identity"):
            return None
        if encoding in ("gzip", "x-gzip", "deflate"):
            return cls(encoding, limit)
        raise _Failure(f"unsupported Content-Encoding: {encoding[:50]}")

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data and not self._z.eof:
            try:
                piece = self._z.decompress(data, self._limit - self._total + 1)
            except zlib.error as exc:
                if self._encoding == "deflate" and not self._started:
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise _Failure(f"could not decompress the {self._encoding} body") from exc
            self._started = True
            self._total += len(piece)
            if self._total > self._limit:
                raise _Failure(f"decompressed body over {_size(self._limit)}")
            out.append(piece)
            data = self._z.unconsumed_tail
        return b"".join(out)


# -- the deadline on every socket read ----------------------------------------------------------------------
# httpx has no total timeout: its read timeout restarts with every byte, so a server dripping its status line
# and headers would hold `http.send` past the deadline. `fetch` puts its deadline on a thread-local; the network
# streams of a `make_client` client cut every connect, read and write to what is left of it.
_DEADLINE = threading.local()


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    at: float | None = getattr(_DEADLINE, "at", None)
    if at is None:  # not inside fetch(): a direct caller of the client keeps httpx's own timeouts
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the fetch deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        tls = self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:  # fmt: skip
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_tcp(host, port, left, local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _bound_reads(client: httpx.Client) -> None:
    """Wrap the network backend of the client's connection pools (proxies from the environment included).

    httpx offers no way to pass one, so this reaches into its transports (httpx 0.28, httpcore 1.x); should
    they change shape it fails loudly, and the header-drip test of test_feed_fetch.py with it.
    """
    for transport in (client._transport, *(t for t in client._mounts.values() if t is not None)):
        pool = getattr(transport, "_pool", None)
        if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
            raise RuntimeError("httpx changed shape: header reads cannot be bound by the fetch deadline")
        pool._network_backend = _DeadlineBackend(pool._network_backend)


def _retry_after(value: str | None, now: Callable[[], datetime]) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date (a past date gives 0)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now()).total_seconds())


def _max_age(value: str | None) -> float | None:
    for directive in (value or "").split(","):
        name, _, argument = directive.strip().partition("=")
        if name.strip().lower() == "max-age":
            argument = argument.strip().strip('"')
            return float(argument) if argument.isdigit() else None
    return None


def _failed(url: str, validators: Validators, error: str) -> FetchResult:
    return FetchResult(url, None, None, validators, error=error)


def _connect_message(exc: httpx.ConnectError) -> str:
    text = _one_line(exc)
    if "refused" in text.lower():
        return "connection refused"
    return f"connection failed: {text}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def _secs(seconds: float) -> str:
    return str(math.ceil(seconds)) if seconds != int(seconds) else str(int(seconds))


def _size(n: int) -> str:
    if n % MIB == 0:
        return f"{n // MIB} MiB"
    if n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"
