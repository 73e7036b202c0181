"""One poll of a good feed beside one feed of each hostile kind, all on one loopback server (issue 9).

Billion laughs, XXE, a 200 MB body, a one-byte-a-second drip, a gzip bomb, a 429 with Retry-After, a 500, an
HTML page and a redirect loop: the good feed is ingested, each hostile one ends with a clear `last_error`,
nothing of theirs reaches the ledger, and the poll ends at the deadline. The poll runs with a 5 s deadline
so the suite stays fast (the default, 30 s, bounds a real poll to the same shape: the drip, the slowest,
is cut at the deadline). The second poll is conditional and does not ask the rate-limited feed again.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from feedserver import FeedServer, rss, serve

from tracker.feeds.poller import PollOptions
from tracker.session import Session

MIB = 1024 * 1024
DEADLINE = 5.0
SECRET = "XXE-SECRET-7f3a9c1e"
GOOD = [(f"https://wire.example.org/good/{i}", f"Good story {i}", f"Text of good story {i}.") for i in range(3)]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><link>https://laughs.example.org/1</link><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{path}">]>
<rss version="2.0"><channel><title>XXE</title>
<item><link>https://xxe.example.org/1</link><title>Leak &xxe;</title><description>&xxe;</description></item>
</channel></rss>
"""

HTML = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>Our news site</p></body></html>"


def huge_body(handler: BaseHTTPRequestHandler) -> None:
    """200 MB streamed with no Content-Length (the body ends when the connection does): only a cap stops it."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel><title>Huge</title><description>")
    chunk = b"x" * (64 * 1024)
    for _ in range(200 * 1000 * 1000 // len(chunk)):
        handler.wfile.write(chunk)


def drip(handler: BaseHTTPRequestHandler) -> None:
    """A byte a second for two minutes, or until the client hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    for _ in range(120):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(1)


def gzip_bomb(inflated: int) -> bytes:
    """A gzip body of `inflated` zero bytes (about a thousandth of that compressed)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(4 * MIB)
    return b"".join(z.compress(zeros) for _ in range(inflated // len(zeros))) + z.flush()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(400 * MIB)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


def serve_all(server: FeedServer, secret: Path, bomb: bytes) -> dict[str, str]:
    """Each feed's name and URL: the good one first, then one of each hostile kind."""
    return {
        "good": server.set("/good.xml", rss(GOOD)),
        "laughs": server.set("/laughs.xml", BILLION_LAUGHS),
        "xxe": server.set("/xxe.xml", XXE.format(path=secret).encode()),
        "huge": server.set("/huge.xml", writer=huge_body),
        "drip": server.set("/drip.xml", writer=drip),
        "bomb": server.set("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"}),
        "limited": server.set("/limited.xml", b"slow down", status=429, content_type="text/plain",
                              headers={"Retry-After": "3600"}),
        "error": server.set("/error.xml", b"oops", status=500, content_type="text/plain"),
        "html": server.set("/page.html", HTML, content_type="text/html; charset=utf-8"),
        "loop": server.set("/loop.xml", status=302, headers={"Location": "/loop.xml"}, conditional=False),
    }  # fmt: skip


# What each hostile feed's last_error says, in words a reader of `feeds list` understands.
ENTITIES = "not read: refused: the document declares XML entities (entity expansion or external entities)"
CLEAR_ERRORS = {
    "laughs": ENTITIES,
    "xxe": ENTITIES,
    "huge": "body over 10 MiB",
    "drip": f"timed out after {DEADLINE:.0f} s",
    "bomb": "decompressed body over 10 MiB",
    "limited": "HTTP 429, retry after 3600 s",
    "error": "HTTP 500",
    "html": "not read: not a feed (an HTML page)",
    "loop": "too many redirects (5)",
}


def test_hostile_feeds_fail_clearly_and_the_good_one_is_ingested(
    session: Session, server: FeedServer, bomb: bytes, tmp_path: Path
) -> None:
    """Every hostile feed carries a clear error, only the good feed's reports are stored, the poll ends in time."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    assert len(bomb) < MIB
    for name, url in serve_all(server, secret, bomb).items():
        session.add_feed(url, name=name)

    started = time.monotonic()
    first = session.poll(options=PollOptions(deadline=DEADLINE))
    took = time.monotonic() - started
    print(f"\nfirst poll of {len(first.outcomes)} feeds (deadline {DEADLINE:.0f} s): {took:.1f} s; {first.line()}")
    assert took < 90
    assert took < 3 * DEADLINE, f"the poll took {took:.1f} s with a {DEADLINE:.0f} s deadline"
    assert (first.count("ok"), first.count("failed"), first.new) == (1, 9, 3), first.line()

    feeds = {f["name"]: f for f in session.feeds()}
    assert (feeds["good"]["last_status"], feeds["good"]["reports"]) == ("ok", 3)
    for name, error in CLEAR_ERRORS.items():
        feed = feeds[name]
        assert (feed["last_status"], feed["last_error"], feed["failures"]) == ("failed", error, 1), (name, feed)
        assert feed["reports"] == 0, (name, feed)

    records = session.store.read_batch(0, 1_000_000)
    reports = [r for r in records if r.type.startswith("Report")]
    assert [r.type for r in reports] == ["ReportIngested"] * 3
    everything = json.dumps([r.data for r in records], default=str)
    assert SECRET not in everything
    assert "lollollol" not in everything
    assert SECRET not in json.dumps(session.feeds())
    for url, _, _ in GOOD:
        assert url in everything

    second = session.poll(options=PollOptions(deadline=DEADLINE))
    outcomes = {o.feed.name: o for o in second.outcomes}
    assert outcomes["good"].status == "not-modified", second.line()
    assert server.hits("/good.xml")[-1].get("If-None-Match")
    assert outcomes["limited"].status == "skipped" and "Retry-After" in (outcomes["limited"].reason or "")
    assert len(server.hits("/limited.xml")) == 1
    assert second.new == 0 and len(session.store.read_batch(0, 1_000_000)) == len(records)
