"""The same ledger on the local PostgreSQL (eventsourcing's postgres module)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import DW, REUTERS, Clock
from tracker.api import open_session

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
