"""The feed corpus polled over HTTP: a few hundred feeds served from loopback, subscribed through OPML (issue 9).

`../shared/corpora/` holds feedparser's well-formed, ill-formed, encoding and entity suites and Miniflux's
captured real feeds. The default test serves 300 of them, chosen with a fixed seed; the slow one serves all
and prints the counts (run it with `pytest -m slow`). Either passes when nothing crashes, every feed ends with
a recorded state, and each well-formed feed carries as many reports as it has items with an identity.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from feedserver import FeedServer, serve

from tracker.feeds.decide import item_key
from tracker.feeds.parse import FeedRefused, parse
from tracker.feeds.poller import PollOptions
from tracker.session import Session

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
SEED = 2026
SAMPLE = 300
# The suites whose documents are meant to be read as feeds: feedparser's well-formed one and Miniflux's real feeds.
WELL_FORMED = ("feedparser/wellformed/", "miniflux/")
CONTENT_TYPES = {".xml": "application/xml", ".html": "text/html", ".json": "application/feed+json"}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


def corpus_files() -> list[Path]:
    if not CORPORA.is_dir():
        pytest.skip(f"no feed corpus at {CORPORA} (the shared corpora sit beside the repository)")
    return sorted(p for p in CORPORA.rglob("*") if p.is_file() and p.suffix in CONTENT_TYPES)


def opml(urls: dict[str, str]) -> bytes:
    outlines = "".join(
        f'<outline type="rss" text="{escape(name)}" xmlUrl="{escape(url)}"/>' for name, url in urls.items()
    )
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'.encode()


def identities(data: bytes, url: str) -> int | None:
    """How many distinct items with an identity parse() finds in the bytes, or None when it refuses them."""
    try:
        items = parse(data, base_url=url).items
    except (FeedRefused, RecursionError):
        return None
    keys = set()
    for item in items:
        try:
            keys.add(item_key(item.guid, item.url))
        except ValueError:
            continue
    return len(keys)


def reason_class(error: str) -> str:
    """A failure's kind, for the counts: its first words, before any detail."""
    text = error.removeprefix("not read: ").removeprefix("refused: ")
    for stop in (":", "(", ";"):
        text = text.split(stop, 1)[0]
    return text.strip()[:60]


def poll_corpus(session: Session, server: FeedServer, paths: list[Path]) -> dict[str, object]:
    """Serve, subscribe through OPML and poll the feeds; check every outcome and return the counts."""
    urls: dict[str, str] = {}
    bodies: dict[str, tuple[Path, bytes]] = {}
    for i, path in enumerate(paths):
        relative = path.relative_to(CORPORA).as_posix()
        name = f"corpus-{i:04d}"
        data = path.read_bytes()
        urls[name] = server.set(f"/{i}/{relative}", data, content_type=CONTENT_TYPES[path.suffix])
        bodies[name] = (path, data)
    assert session.import_opml(opml(urls)) == {"added": len(paths), "skipped": 0}

    started = time.monotonic()
    summary = session.poll(options=PollOptions(deadline=10, per_host=8))
    took = time.monotonic() - started
    assert len(summary.outcomes) == len(paths) and summary.count("skipped") == 0, summary.line()

    feeds = {f["name"]: f for f in session.feeds()}
    assert set(feeds) == set(urls)
    failures: Counter[str] = Counter()
    missing: list[str] = []
    well_formed = ingested = 0
    for name, (path, data) in bodies.items():
        feed = feeds[name]
        relative = path.relative_to(CORPORA).as_posix()
        assert feed["last_polled"] is not None and feed["last_status"] in ("ok", "failed"), (relative, feed)
        if feed["last_status"] == "failed":
            assert feed["last_error"], (relative, feed)
            failures[reason_class(feed["last_error"])] += 1
        expected = identities(data, feed["url"])
        if relative.startswith(WELL_FORMED) and expected is not None:
            well_formed += 1
            ingested += feed["reports"]
            if feed["reports"] != expected or feed["last_status"] != "ok":
                missing.append(f"{relative}: {feed['reports']} reports of {expected} ({feed.get('last_error')})")
    counts = {
        "feeds": len(paths), "ok": summary.count("ok"), "failed": summary.count("failed"),
        "well_formed": well_formed, "reports": ingested, "new": summary.new, "seconds": round(took, 1),
        "failures": dict(failures.most_common()),
    }  # fmt: skip
    print(f"\ncorpus poll: {counts}")
    assert not missing, "\n".join(missing[:20])
    return counts


def test_a_seeded_sample_of_the_corpus_polls_cleanly(session: Session, server: FeedServer) -> None:
    """300 corpus feeds (seed 2026) served, imported from OPML, polled: all recorded, the well-formed ingested."""
    files = corpus_files()
    sample = random.Random(SEED).sample(files, min(SAMPLE, len(files)))
    counts = poll_corpus(session, server, sample)
    assert counts["well_formed"] and counts["reports"], counts


@pytest.mark.slow
def test_the_whole_corpus_polls_cleanly(sqlite_session: Session, server: FeedServer) -> None:
    """Every corpus feed, the same way; prints feeds ok, failed by reason, and reports ingested."""
    counts = poll_corpus(sqlite_session, server, corpus_files())
    assert counts["ok"] > counts["failed"], counts
