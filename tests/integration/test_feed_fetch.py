"""tracker.feeds.fetch against a real HTTP server on 127.0.0.1, whose behaviour each path chooses."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tracker.feeds.fetch import USER_AGENT, Validators, fetch

MIB = 1024 * 1024
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
FEED = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


def _gzip_bomb(inflated: int) -> bytes:
    """A gzip body of `inflated` zero bytes, compressed a mebibyte at a time to keep the test light."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MIB)
    return b"".join(z.compress(zeros) for _ in range(inflated // MIB)) + z.flush()


BOMB = _gzip_bomb(50 * MIB)


class Handler(BaseHTTPRequestHandler):
    """Serves one behaviour per path and records each request's path and headers on the server."""

    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers)))
        # The client hangs up on purpose when a cap or the deadline cuts it off.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> None:
        path = self.path
        if path == "/feed":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304, ETag='"v1"')
            else:
                self._send(200, FEED, ETag='"v1"', Last_Modified="Wed, 31 Dec 2025 10:00:00 GMT",
                           Content_Type="application/rss+xml")  # fmt: skip
        elif path == "/big":
            # No Content-Length: the body ends when the connection closes, so only streaming can cap it.
            self.send_response(200)
            self.end_headers()
            chunk = b"x" * 65536
            for _ in range(2 * MIB // len(chunk)):
                self.wfile.write(chunk)
        elif path == "/big-declared":
            # Declares 12 MiB, then stalls: only a client that trusts the declaration refuses at once.
            self.send_response(200)
            self.send_header("Content-Length", str(12 * MIB))
            self.end_headers()
            self.wfile.write(b"x" * 1024)
            self.wfile.flush()
            time.sleep(5)
        elif path == "/bomb":
            self._send(200, BOMB, Content_Encoding="gzip")
        elif path == "/gzipped":
            self._send(200, gzip.compress(FEED), Content_Encoding="gzip")
        elif path == "/drip":
            self.send_response(200)
            self.end_headers()
            for _ in range(40):  # 20 s at most, so a broken deadline fails instead of hanging
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        elif path == "/drip-headers":
            # The status line, then a header a byte every half second: httpx's read timeout restarts with each.
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _ in range(40):  # 20 s at most, so a broken deadline fails instead of hanging
                self.wfile.flush()
                time.sleep(0.5)
                self.wfile.write(b"x")
            self.wfile.write(b"\r\nContent-Length: 0\r\n\r\n")
        elif path == "/loop":
            self._send(302, Location="/loop")
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            if left:
                self._send(302, Location=f"/hop/{left - 1}")
            else:
                self._send(200, FEED)
        elif path == "/limited":
            self._send(429, Retry_After="3600")
        elif path == "/unavailable":
            self._send(503, Retry_After=format_datetime(NOW + timedelta(minutes=2), usegmt=True))
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/cached":
            self._send(200, FEED, Cache_Control="public, max-age=600")
        else:
            self._send(404)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    seen: list[tuple[str, dict[str, str]]]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(server: Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_a_200_carries_validators_and_a_conditional_refetch_is_not_modified(server: Server) -> None:
    """A 200 returns the body and its ETag and Last-Modified; sending them back gets a 304, keeping them."""
    first = fetch(url(server, "/feed"))
    assert first.error is None and first.status == 200 and first.body == FEED
    assert first.validators == Validators('"v1"', "Wed, 31 Dec 2025 10:00:00 GMT")
    assert first.content_type == "application/rss+xml" and not first.not_modified

    second = fetch(url(server, "/feed"), first.validators)
    assert server.seen[-1][1].get("If-Modified-Since") == "Wed, 31 Dec 2025 10:00:00 GMT"
    assert second.status == 304 and second.not_modified and second.body is None and second.error is None
    assert second.validators == first.validators


def test_the_user_agent_names_tracker_and_its_version(server: Server) -> None:
    """Every request carries a User-Agent naming tracker and its version."""
    fetch(url(server, "/cached"))
    assert server.seen[-1][1]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("tracker/0.1.0 ")


def test_a_streamed_body_over_the_cap_is_cut(server: Server) -> None:
    """A body with no Content-Length that passes max_bytes is cut while streaming and gives an error."""
    started = time.monotonic()
    result = fetch(url(server, "/big"), max_bytes=1 * MIB)
    assert result.error == "body over 1 MiB" and result.body is None
    assert time.monotonic() - started < 5


def test_a_declared_body_over_the_default_cap_is_refused_before_reading(server: Server) -> None:
    """A Content-Length of 12 MiB is refused at once under the default 10 MiB cap, without reading the body."""
    started = time.monotonic()
    result = fetch(url(server, "/big-declared"), deadline=3)
    assert result.error == "body over 10 MiB" and result.body is None
    assert time.monotonic() - started < 1


def test_a_gzip_bomb_is_stopped_at_the_decompressed_cap(server: Server) -> None:
    """A small gzip body that inflates to 50 MiB stops at max_decompressed."""
    assert len(BOMB) < 1 * MIB
    result = fetch(url(server, "/bomb"), max_decompressed=1 * MIB)
    assert result.error == "decompressed body over 1 MiB" and result.body is None


def test_a_gzip_body_is_decompressed(server: Server) -> None:
    """An ordinary gzip-encoded body comes back decompressed."""
    result = fetch(url(server, "/gzipped"))
    assert result.error is None and result.body == FEED


def test_a_dripping_server_is_cut_at_the_deadline(server: Server) -> None:
    """A server sending a byte every half second is cut at the total deadline, not kept alive by each byte."""
    started = time.monotonic()
    result = fetch(url(server, "/drip"), deadline=2)
    assert result.error == "timed out after 2 s" and result.body is None
    assert time.monotonic() - started < 3.5


def test_a_server_dripping_its_headers_is_cut_at_the_deadline(server: Server) -> None:
    """Headers sent a byte every half second are cut at the total deadline too, not only a dripping body."""
    started = time.monotonic()
    result = fetch(url(server, "/drip-headers"), deadline=2)
    assert result.error == "timed out after 2 s" and result.body is None and result.status is None
    assert time.monotonic() - started < 3.5


def test_the_deadline_binds_a_shared_client_on_each_thread_alone(server: Server) -> None:
    """One client shared by two threads: the drip is cut at its own deadline; the other fetch is not."""
    from concurrent.futures import ThreadPoolExecutor

    from tracker.feeds.fetch import make_client

    with make_client() as client, ThreadPoolExecutor(2) as pool:
        drip = pool.submit(fetch, url(server, "/drip-headers"), client=client, deadline=1)
        fine = pool.submit(fetch, url(server, "/feed"), client=client, deadline=30)
        assert drip.result().error == "timed out after 1 s"
        assert fine.result().body == FEED
        # Outside fetch() the client keeps its own timeouts: no deadline is left over on this thread.
        assert client.get(url(server, "/feed")).status_code == 200


def test_a_redirect_loop_ends_in_an_error(server: Server) -> None:
    """A redirect loop stops after max_redirects with an error naming redirects."""
    before = len(server.seen)
    result = fetch(url(server, "/loop"), max_redirects=5)
    assert result.error == "too many redirects (5)"
    assert len(server.seen) - before == 6


def test_redirects_within_the_limit_are_followed_to_the_final_url(server: Server) -> None:
    """Five redirects are followed and the result names the final URL."""
    result = fetch(url(server, "/hop/5"), max_redirects=5)
    assert result.error is None and result.body == FEED and result.url == url(server, "/hop/0")


def test_a_429_gives_retry_after_in_seconds(server: Server) -> None:
    """A 429 with Retry-After: 3600 gives retry_after 3600 and an error saying so."""
    result = fetch(url(server, "/limited"))
    assert result.status == 429 and result.retry_after == 3600
    assert result.error == "HTTP 429, retry after 3600 s"


def test_a_503_gives_retry_after_from_an_http_date(server: Server) -> None:
    """A 503 whose Retry-After is an HTTP date two minutes ahead of `now` gives 120 seconds."""
    result = fetch(url(server, "/unavailable"), now=lambda: NOW)
    assert result.status == 503 and result.retry_after == 120
    assert result.error == "HTTP 503, retry after 120 s"


def test_a_500_is_an_error(server: Server) -> None:
    """A 500 gives the error "HTTP 500" and no body."""
    result = fetch(url(server, "/error"))
    assert result.status == 500 and result.error == "HTTP 500" and result.body is None


def test_cache_control_max_age_is_parsed(server: Server) -> None:
    """Cache-Control: max-age=600 gives max_age 600."""
    result = fetch(url(server, "/cached"))
    assert result.error is None and result.max_age == 600


def test_a_refused_connection_is_an_error() -> None:
    """A closed port gives the error "connection refused" rather than an exception."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch(f"http://127.0.0.1:{port}/feed")
    assert result.error == "connection refused" and result.status is None


@pytest.mark.parametrize("scheme", ["file", "ftp"])
def test_a_url_that_is_not_http_is_refused_without_a_request(server: Server, scheme: str) -> None:
    """A file:// or ftp:// URL gives an error and sends nothing."""
    before = len(server.seen)
    target = "file:///etc/passwd" if scheme == "file" else f"ftp://127.0.0.1:{server.server_address[1]}/feed"
    result = fetch(target)
    assert result.error is not None and result.error.startswith("not an http or https URL") and result.body is None
    assert len(server.seen) == before
