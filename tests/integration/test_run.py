"""`tracker run`: the scheduler polls each feed on its interval, one poll of a feed at a time, and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer, rss, serve

from tracker.feeds.poller import FeedRef
from tracker.feeds.scheduler import Scheduler
from tracker.session import Session

ITEMS = [(f"https://wire.example.org/run/{i}", f"Story {i}", f"Text {i}.") for i in range(3)]
TRACKER = [sys.executable, "-m", "tracker.cli"]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


def _until(condition: Callable[[], bool], stop: threading.Event, limit: float = 60.0) -> None:
    """Set stop once condition holds (checked on a watcher thread), or after limit seconds."""

    def watch() -> None:
        deadline = time.monotonic() + limit
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()

    threading.Thread(target=watch, daemon=True).start()


def report_events(session: Session) -> list[str]:
    return [r.type for r in session.store.read_batch(0, 1_000_000) if r.type.startswith("Report")]


def test_scheduler_polls_on_interval_sees_a_revision_and_never_overlaps(session: Session, server: FeedServer) -> None:
    """Every second, a feed slower than that: polled again and again, never twice at once; a change is a revision."""
    url = server.set("/run.xml", rss(ITEMS), delay=2.0)
    session.add_feed(url, name="wire")
    lines: list[str] = []
    stop = threading.Event()

    def feeds() -> list[FeedRef]:
        # A one-second interval (subscriptions allow a minute at least) so the test sees several polls.
        return [FeedRef(f["id"], f["url"], f["name"], f["language"], f["trust"], 1) for f in session.feeds()]

    def changed_after_first_poll() -> bool:
        if len(server.hits("/run.xml")) == 1 and "Text 0." in server.routes["/run.xml"].body.decode():
            server.set("/run.xml", rss([(ITEMS[0][0], ITEMS[0][1], "Corrected."), *ITEMS[1:]]), delay=2.0)
        return len(server.hits("/run.xml")) >= 3

    _until(changed_after_first_poll, stop)
    with session.poller() as poller:
        Scheduler(poller, feeds, session.catch_up, lines.append, now=session.now, refresh=0.5).run(stop)
    assert server.max_in_flight == 1, lines
    events = report_events(session)
    assert (events.count("ReportIngested"), events.count("ReportRevised")) == (3, 1), lines
    assert lines[0] == "running: 1 feed scheduled" and lines[-1].startswith("stopped after")
    assert "wire: ok (3 new)" in lines and "wire: ok (1 revised)" in lines


def test_a_feed_added_while_running_is_picked_up(session: Session, server: FeedServer) -> None:
    """A subscription made while the scheduler runs is scheduled at its next refresh."""
    first = server.set("/one.xml", rss(ITEMS[:1]))
    second = server.set("/two.xml", rss(ITEMS[1:]))
    session.add_feed(first, name="one")
    lines: list[str] = []
    stop = threading.Event()

    def feeds() -> list[FeedRef]:
        found = [FeedRef.of(f) for f in session.feeds()]
        if server.hits("/one.xml") and len(found) == 1:
            session.add_feed(second, name="two")
        return found

    _until(lambda: bool(server.hits("/two.xml")) and len(report_events(session)) >= 3, stop)
    with session.poller() as poller:
        Scheduler(poller, feeds, session.catch_up, lines.append, now=session.now, refresh=0.3).run(stop)
    assert report_events(session).count("ReportIngested") == 3, lines


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_tracker_run_stops_cleanly_on_a_signal(tmp_path: Path, server: FeedServer, sig: signal.Signals) -> None:
    """`tracker run` logs one line a poll and exits 0 on SIGTERM or SIGINT, leaving a store that verifies."""
    store = str(tmp_path / "store")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["PYTHONUNBUFFERED"] = "1"
    for args in (["init"], ["feeds", "add", server.set("/run.xml", rss(ITEMS)), "--name", "wire"]):
        assert subprocess.run([*TRACKER, *args, "--store", store], env=env, capture_output=True).returncode == 0
    proc = subprocess.Popen([*TRACKER, "run", "--store", store], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if "wire: ok (3 new)" in line:
            break
    proc.send_signal(sig)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, [*lines, rest]
    assert "stopped after 1 poll" in rest
    verify = subprocess.run([*TRACKER, "verify", "--store", store], env=env, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
