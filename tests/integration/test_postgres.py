"""The same ledger on the local PostgreSQL (eventsourcing's postgres module)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import DW, REUTERS, Clock
from tracker.session import open_session

pytestmark = pytest.mark.postgres


def test_postgres_round_trip(pg_url: str, tmp_path: Path, clock: Clock) -> None:
    """Append, corroborate, read status and export/import through a PostgreSQL store."""
    s = open_session(pg_url, str(tmp_path / "views"), create=True, now=clock)
    try:
        assert s.location.backend == "postgres"
        s.init()
        a = s.append([{"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
                       "source": REUTERS}])  # fmt: skip
        b = s.append(
            [{"kind": "meeting", "participants": ["谢锋", "拉特纳"], "occurred_on": "2023-07-13", "source": DW}]
        )
        assert (a[0].action, b[0].action) == ("reported", "corroborated")
        status = s.status(as_of="2023-07-31")
        assert len(status["interactions"]) == 1
        assert len(status["interactions"][0]["sources"]) == 2
        out = io.StringIO()
        count = s.export(out)
        assert s.import_(out.getvalue())["imported"] == 0
        assert s.verify()["events"] == count
    finally:
        s.close()
    again = open_session(pg_url, str(tmp_path / "views2"), now=clock)
    try:
        assert len(again.status(as_of="2023-07-31")["interactions"]) == 1
    finally:
        again.close()


def _facts(n: int) -> list[dict[str, object]]:
    pairs = [["Xie Feng", "Ely Ratner"], ["Lloyd Austin", "董军"], ["Antony Blinken", "Wang Yi"]]
    return [
        {"kind": "call", "participants": pairs[i % 3], "occurred_on": f"{1900 + i // 3}-01-01",
         "source": {"url": f"https://example.org/pg/{i}", "outlet": "Bench", "language": "en"}}
        for i in range(n)
    ]  # fmt: skip


def test_postgres_bulk_append_uses_copy_and_keeps_the_log_in_order(pg_url: str, tmp_path: Path, clock: Clock) -> None:
    """A large append goes through COPY in one transaction: contiguous positions, all or nothing on a conflict."""
    from eventsourcing.persistence import IntegrityError, StoredEvent

    s = open_session(pg_url, str(tmp_path / "views"), create=True, now=clock)
    try:
        s.init()
        before = s.store.max_position()
        out = s.append(_facts(1500))
        assert {o.action for o in out} == {"reported"}
        assert s.store.max_position() == before + 1500
        assert s.verify()["ok"]
        assert len(s.timeline(kind="call")) == 1500
        existing = s.store.recorder.select_events(__import__("uuid").UUID(out[0].fact_id))[0]
        clash = [StoredEvent(__import__("uuid").uuid4(), 1, "x:Y", b"{}") for _ in range(1200)] + [existing]
        with pytest.raises(IntegrityError):
            s.store.recorder.insert_events(clash)
        assert s.store.max_position() == before + 1500
    finally:
        s.close()
