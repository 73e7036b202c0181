"""Polling real loopback feeds into a real store (both backends): new, revised, seen, conditional, back-off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from feedserver import FeedServer, rss, serve

from tracker.feeds.poller import PollOptions
from tracker.session import Session

SHARED = ("https://wire.example.org/2023/07/12/pentagon-meeting", "Pentagon meeting", "Ratner met Chinese attache.")
OWN_A = [(f"https://wire.example.org/a/{i}", f"Story A{i}", f"Text of story A{i}.") for i in range(3)]
OWN_B = [("https://news.example.cn/b/1", "国防部长会晤", "中美国防部长举行会晤。")]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


def report_events(session: Session) -> list[str]:
    return [r.type for r in session.store.read_batch(0, 1_000_000) if r.type.startswith("Report")]


def by_name(session: Session) -> dict[str, dict]:  # type: ignore[type-arg]
    return {f["name"]: f for f in session.feeds()}


def test_poll_ingests_once_then_polls_conditionally(session: Session, server: FeedServer) -> None:
    """New items become reports; an item in two feeds is one report seen by both; the second poll is a 304."""
    a = server.set("/a.xml", rss([SHARED, *OWN_A]))
    b = server.set("/b.xml", rss([SHARED, *OWN_B], language=None))
    session.add_feed(a, name="wire")
    session.add_feed(b, name="cn", language="auto")
    first = session.poll()
    assert (first.count("ok"), first.new) == (2, 5), first.line()
    assert report_events(session).count("ReportIngested") == 5
    assert report_events(session).count("ReportSeen") == 1
    feeds = by_name(session)
    assert (feeds["wire"]["reports"], feeds["cn"]["reports"]) == (4, 2)
    assert feeds["wire"]["last_status"] == "ok" and feeds["wire"]["last_polled"] is not None
    assert feeds["wire"]["next_poll"] > feeds["wire"]["last_polled"]

    second = session.poll()
    assert (second.count("not-modified"), second.new) == (2, 0), second.line()
    assert server.hits("/a.xml")[-1].get("If-None-Match")
    assert len(report_events(session)) == 6
    assert "2 feeds: 0 ok, 2 not modified, 0 failed, 0 skipped; 0 new reports" in second.line()


def test_a_changed_item_is_a_revision_and_a_returning_one_is_not_new(session: Session, server: FeedServer) -> None:
    """A changed description is ReportRevised; an item that leaves and comes back adds nothing."""
    url = server.set("/a.xml", rss([SHARED, *OWN_A]))
    session.add_feed(url, name="wire")
    session.poll()
    server.set("/a.xml", rss([SHARED, OWN_A[0]]))  # two items leave
    assert session.poll().new == 0
    changed = (OWN_A[0][0], OWN_A[0][1], "Corrected text of story A0.")
    server.set("/a.xml", rss([SHARED, changed, *OWN_A[1:]]))  # they come back, and one item changes
    summary = session.poll()
    assert (summary.new, summary.revised) == (0, 1), summary.line()
    assert report_events(session).count("ReportRevised") == 1
    assert len(report_events(session)) == 5


def test_failures_back_off_and_are_shown_never_dropped(session: Session, server: FeedServer, clock) -> None:  # type: ignore[no-untyped-def]
    """A 500 is recorded on its feed; the next poll skips it with the reason; after the wait it is polled again."""
    good = server.set("/good.xml", rss(OWN_A))
    bad = server.set("/bad.xml", b"oops", status=500, content_type="text/plain")
    session.add_feed(good, name="good")
    session.add_feed(bad, name="bad")
    first = session.poll()
    assert (first.count("ok"), first.count("failed"), first.new) == (1, 1, 3)
    failing = by_name(session)["bad"]
    assert (failing["last_status"], failing["last_error"], failing["failures"]) == ("failed", "HTTP 500", 1)
    second = session.poll()
    [skipped] = [o for o in second.outcomes if o.status == "skipped"]
    assert skipped.feed.name == "bad" and "backing off after 1 failure" in (skipped.reason or "")
    clock.now += timedelta(hours=1)
    server.set("/bad.xml", rss(OWN_B))
    third = session.poll()
    assert third.count("skipped") == 0 and third.new == 1
    assert by_name(session)["bad"]["failures"] == 0


def test_retry_after_is_honoured(session: Session, server: FeedServer) -> None:
    """A 429 with Retry-After: 3600 is not asked again within the hour, even by a manual poll."""
    url = server.set("/limited.xml", b"slow down", status=429, content_type="text/plain",
                     headers={"Retry-After": "3600"})  # fmt: skip
    session.add_feed(url, name="limited")
    assert session.poll().count("failed") == 1
    second = session.poll()
    assert second.count("skipped") == 1 and "Retry-After" in (second.outcomes[0].reason or "")
    assert len(server.hits("/limited.xml")) == 1


def test_poller_state_survives_a_rebuild_and_its_loss_doubles_nothing(session: Session, server: FeedServer) -> None:
    """poller.db is not a read model: a rebuild keeps it; deleting it costs a re-fetch and no new event."""
    url = server.set("/a.xml", rss([SHARED, *OWN_A]))
    session.add_feed(url, name="wire")
    session.poll()
    session.rebuild()
    assert by_name(session)["wire"]["last_status"] == "ok"
    assert session.poll().count("not-modified") == 1
    before = len(report_events(session))
    Path(session.poller_path).unlink()
    again = session.poll()
    assert (again.count("ok"), again.new) == (1, 0)
    assert len(report_events(session)) == before


def test_one_host_is_asked_at_most_per_host_at_once(session: Session, server: FeedServer) -> None:
    """Six slow feeds on one host, eight workers: never more than two requests in flight to it."""
    for i in range(6):
        session.add_feed(server.set(f"/slow{i}.xml", rss(OWN_A), delay=0.3), name=f"slow{i}")
    summary = session.poll(options=PollOptions(workers=8, per_host=2))
    assert summary.count("ok") == 6
    assert server.max_in_flight == 2


def test_an_unknown_feed_name_is_a_usage_error(session: Session) -> None:
    """`poll --feed` of a name not followed says so; polling with no feeds says how to add one."""
    from tracker.errors import UsageError

    with pytest.raises(UsageError, match="no feeds to poll"):
        session.poll()
    with pytest.raises(UsageError, match="no feed named"):
        session.poll("nope")
