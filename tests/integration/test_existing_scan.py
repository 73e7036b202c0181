"""The SQLite duplicate check answers the same whether it seeks each id or reads the log's own ids.

existing_rows reads the log's ids instead of seeking each wanted id when the log holds fewer
events than ids are asked for (a first bulk append into a fresh store). Both ways must find the
same aggregates, with the same rows, and must not report an id with no first event.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from eventsourcing.persistence import StoredEvent

from tests.conftest import Clock
from tracker.session import open_session
from tracker.store.existing import existing_rows


def _event(oid: uuid.UUID, version: int) -> StoredEvent:
    return StoredEvent(originator_id=oid, originator_version=version, topic="x:Y", state=b'{"v":%d}' % version)


def _check(
    recorder: Any, wanted: list[uuid.UUID], keyed: bool = False
) -> tuple[set[uuid.UUID], dict[int, list[tuple[int, str, bytes]]]]:
    # keyed: as the ledger passes them, each id under its int
    found, rows = existing_rows(recorder, {u.int: u for u in wanted} if keyed else wanted, postgres=False)
    return found, {k: [(v, t, bytes(s)) for v, t, s in held] for k, held in rows.items()}


def test_scan_and_seek_find_the_same_aggregates(tmp_path: Path, clock: Clock) -> None:
    s = open_session(str(tmp_path / "store"), create=True, now=clock)
    try:
        recorder = s.store.recorder
        # versions 1 and 2; one id with leading zeros (its stored hex is zero-padded)
        two = [uuid.uuid4() for _ in range(2)] + [uuid.UUID(int=5)]
        later_only = uuid.UUID(int=2**128 - 1)  # a version 2 without a first event (and the last id in key order)
        recorder.insert_events([_event(u, 1) for u in two] + [_event(later_only, 2)])
        recorder.insert_events([_event(u, 2) for u in two])
        events = s.store.max_position()
        absent = [uuid.uuid4() for _ in range(events + 10)]

        # More ids than events: the log's ids are read.
        many = [*absent, *two, later_only]
        found, rows = _check(recorder, many)
        assert found == set(two)
        assert rows[two[0].int] == [(1, "x:Y", b'{"v":1}'), (2, "x:Y", b'{"v":2}')]
        assert set(rows) == {u.int for u in two}
        assert _check(recorder, many, keyed=True) == (found, rows)

        # Fewer ids than events: each is sought; the same answer for the same aggregates.
        few = [*two, later_only, absent[0]]
        assert len(few) < events
        assert _check(recorder, few) == (found, rows)
        assert _check(recorder, few, keyed=True) == (found, rows)
    finally:
        s.close()


def test_scan_of_an_empty_log_finds_nothing(tmp_path: Path, clock: Clock) -> None:
    s = open_session(str(tmp_path / "store"), create=True, now=clock)
    try:
        assert _check(s.store.recorder, [uuid.uuid4() for _ in range(50)]) == (set(), {})
    finally:
        s.close()
