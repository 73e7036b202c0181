"""A store written through the fast codec reads the same with eventsourcing's own transcoder, and the reverse."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from eventsourcing.persistence import JSONTranscoder, StoredEvent

from tests.conftest import REUTERS, StoreSpec
from tracker.demo import record_demo
from tracker.session import Session
from tracker.store import locate, open_log
from tracker.store.jsoncodec import FastJSONTranscoder
from tracker.store.log import EventLog

LIBRARY_TOPIC = "eventsourcing.persistence:JSONTranscoder"


def _open(spec: StoreSpec, *, library: bool) -> EventLog:
    """The store's log, through the library's default JSONTranscoder (with tracker's transcodings) or the fast one."""
    location = locate(spec.url, str(spec.views))
    if library:
        location = dataclasses.replace(location, env={**location.env, "TRANSCODER_TOPIC": LIBRARY_TOPIC})
    log = open_log(location)
    assert type(log.mapper.transcoder) is (JSONTranscoder if library else FastJSONTranscoder)
    return log


def _write_story(session: Session) -> None:
    """Every kind of state tracker writes: reference data, the seed story, a correction, a retraction, a report."""
    record_demo(session)
    outcome = session.append(
        [{"kind": "call", "participants": ["Lloyd Austin", "董军"], "occurred_on": "2024-04-16", "source": REUTERS}]
    )[0]
    session.correct(outcome.fact_id, {"occurred_on": "2024-04-17", "summary": "video call"}, "date", REUTERS)
    session.retract(outcome.fact_id, "a rumour", {"url": "https://example.org/retraction"})
    session.add_feed("https://example.org/feed.xml", name="example", language="en")


def _stored(log: EventLog) -> list[StoredEvent]:
    out = []
    for n in log.recorder.select_notifications(start=0, limit=100_000, inclusive_of_start=False):
        out.append(StoredEvent(n.originator_id, n.originator_version, n.topic, n.state))
    return out


def _same_reading(written_with: EventLog, other: EventLog) -> None:
    stored = _stored(written_with)
    assert len(stored) > 250
    topics = set()
    for s in stored:
        mine, theirs = written_with.mapper.to_domain_event(s), other.mapper.to_domain_event(s)
        assert type(mine) is type(theirs)
        assert vars(mine) == vars(theirs)
        # Byte for byte: each side writes the stored state again exactly.
        assert written_with.mapper.to_stored_event(mine).state == s.state
        assert other.mapper.to_stored_event(theirs).state == s.state
        topics.add(s.topic)
    assert any(t.endswith("InteractionAmended") for t in topics)
    assert any(t.endswith("FeedSubscribed") for t in topics)


def test_a_store_written_fast_reads_the_same_with_the_library_transcoder(
    store_spec: StoreSpec, make_session: Callable[..., Session]
) -> None:
    """Events tracker stored through orjson decode with the library's JSONTranscoder to equal events, and re-encode to the same bytes."""
    session = make_session(create=True)
    assert type(session.store.mapper.transcoder) is FastJSONTranscoder
    _write_story(session)
    fast, library = _open(store_spec, library=False), _open(store_spec, library=True)
    try:
        _same_reading(fast, library)
    finally:
        fast.close()
        library.close()


def test_a_store_written_by_the_library_transcoder_reads_the_same_fast(
    store_spec: StoreSpec, make_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events stored through the library's own JSONTranscoder decode through the fast codec to equal events, and re-encode to the same bytes."""
    monkeypatch.setenv("TRACKER_TRANSCODER_TOPIC", LIBRARY_TOPIC)
    session = make_session(create=True)
    assert type(session.store.mapper.transcoder) is JSONTranscoder
    _write_story(session)
    monkeypatch.delenv("TRACKER_TRANSCODER_TOPIC")
    fast, library = _open(store_spec, library=False), _open(store_spec, library=True)
    try:
        _same_reading(library, fast)
        # And the plain reading (catch-up, rebuild) gives the same records either way.
        assert list(fast.read(limit=50)) == list(library.read(limit=50))
    finally:
        fast.close()
        library.close()


def test_appending_a_known_file_again_reads_ahead_and_changes_nothing(make_session: Callable[..., Session]) -> None:
    """A batch whose facts are all stored already is decided on aggregates read in bulk: every fact unchanged, nothing written."""
    session = make_session(create=True)
    session.init()
    facts: list[dict[str, Any]] = [
        {
            "kind": "call",
            "participants": ["Lloyd Austin", "董军"],
            "occurred_on": f"{2000 + i // 300}-{1 + (i // 25) % 12:02d}-{1 + i % 25:02d}",
            "source": {"url": f"https://example.org/{i}"},
        }
        for i in range(0, 3000, 3)
    ]
    first = session.append([dict(f) for f in facts])
    assert {o.action for o in first} == {"reported"}
    position = session.store.max_position()
    again = [dict(f, source={"url": f"https://example.org/again/{i}"}) for i, f in enumerate(facts)]
    second = session.append([dict(f) for f in again])
    assert {o.action for o in second} == {"corroborated"}
    assert [o.fact_id for o in second] == [o.fact_id for o in first]
    assert session.store.max_position() == position + len(facts)
    # Both events of each fact are read back: the second source is known too.
    for batch in (again, facts):
        same = session.append([dict(f) for f in batch])
        assert {o.action for o in same} == {"unchanged"}
    assert session.store.max_position() == position + len(facts)
