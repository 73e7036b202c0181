"""A real HTTP server on 127.0.0.1 serving feeds that tests change between polls (also used by bench/).

Each path serves a body with an ETag of its content and honours If-None-Match with a 304, as a polite
publisher does; a path may instead be a function that writes any response (hostile behaviours).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["FeedServer", "Route", "rss", "serve"]


@dataclass
class Route:
    """What a path serves: a body (with an ETag of its hash), a status and headers, or a custom writer."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True
    delay: float = 0.0  # seconds before answering, to hold a request in flight
    writer: Callable[[BaseHTTPRequestHandler], None] | None = None


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.requests.append((self.path, dict(self.headers)))
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
            route = server.routes.get(self.path)
        try:
            # The client hangs up on purpose when a cap or its deadline cuts a hostile response off.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)
        finally:
            with server.lock:
                server.in_flight -= 1

    def _answer(self, route: Route | None) -> None:
        if route is None:
            self._send(404, b"not found", "text/plain", {})
            return
        if route.delay:
            threading.Event().wait(route.delay)
        if route.writer is not None:
            route.writer(self)
            return
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        if route.conditional and route.status == 200 and self.headers.get("If-None-Match") == etag:
            self._send(304, b"", None, {"ETag": etag})
            return
        headers = dict(route.headers)
        if route.conditional and route.status == 200:
            headers["ETag"] = etag
        self._send(route.status, route.body, route.content_type, headers)

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FeedServer(ThreadingHTTPServer):
    """The loopback server: routes by path, the requests it got, and the most it served at once."""

    daemon_threads = True
    # Many feeds polled at once, more than the default backlog of 5 connections.
    request_queue_size = 256

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0

    def url(self, path: str) -> str:
        """The URL of a path on this server."""
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def set(self, path: str, body: bytes = b"", **options: object) -> str:
        """Serve body at path (options as Route's), replacing what it served; returns the URL."""
        self.routes[path] = Route(body, **options)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for a path."""
        with self.lock:
            return [headers for p, headers in self.requests if p == path]


@contextlib.contextmanager
def serve() -> Iterator[FeedServer]:
    """A FeedServer running on a thread, shut down afterwards."""
    server = FeedServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[tuple[str, str, str]], title: str = "Loopback wire", language: str | None = "en") -> bytes:
    """An RSS 2.0 document of (link, title, description) items."""
    lang = f"<language>{language}</language>" if language else ""
    entries = "".join(
        f"<item><link>{escape(link)}</link><guid>{escape(link)}</guid><title>{escape(t)}</title>"
        f"<description>{escape(text)}</description><pubDate>Wed, 12 Jul 2023 18:00:00 GMT</pubDate></item>"
        for link, t, text in items
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{escape(title)}</title>"
        f"<link>https://wire.example.org/</link>{lang}{entries}</channel></rss>"
    ).encode()
