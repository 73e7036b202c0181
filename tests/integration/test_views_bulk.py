"""A rebuild stages each reported interaction as one row and expands it by SQL (tracker.views.bulk, issue 12):
the read models it builds equal those caught up one event at a time, over every kind of event."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tracker.demo import record_demo
from tracker.session import Session, open_session
from tracker.views import bulk
from tracker.views import rebuild as rebuild_module
from tracker.views.status import status

REUTERS = {"url": "https://www.reuters.com/a", "outlet": "Reuters", "language": "en", "published_at": "2023-07-12"}
AP = {"url": "https://apnews.com/b", "outlet": "AP", "language": "en", "published_at": "2023-07-14"}
MFA = {"url": "https://www.fmprc.gov.cn/c", "outlet": "MFA", "language": "zh"}
FIX = {"url": "https://example.org/fix", "outlet": "X", "language": "en"}


def _meeting(day: str, *people: str, **more: Any) -> dict[str, Any]:
    return {"kind": "meeting", "participants": list(people), "occurred_on": day, "source": REUTERS, **more}


def _record_everything(s: Session) -> None:
    """The demo, then reports interleaved with every correction, other aggregates and independent events."""
    record_demo(s)
    s.append([_meeting("2023-08-01", "Xie Feng", "Ely Ratner"), _meeting("2023-08-02", "Lloyd Austin", "董军")])
    s.add_actor("jane-doe", "person", "USA", {"en": "Jane Doe"}, [], None)  # independent: staging goes on
    s.append([_meeting("2023-08-03", "Jane Doe", "Wang Yi", channel="mmca", source=MFA)])
    first = s.timeline(since="2023-08-01", until="2023-08-01")[0]["id"]
    s.correct(first, {"occurred_on": "2023-08-04", "participants": ["Xie Feng", "Jane Doe"]}, "wrong day", FIX)
    s.append([_meeting("2023-08-02", "Lloyd Austin", "董军", source=AP)])  # corroborates
    s.add_alias("jane-doe", "J. Doe")
    s.append([_meeting("2023-08-05", "J. Doe", "Wang Yi", channel="mmca")])
    third = s.timeline(since="2023-08-03", until="2023-08-03")[0]["id"]
    s.retract(third, reason="never happened", source=FIX)
    expected = {"status": "expected", "recipient": "CHN"}
    s.append([_meeting("2023-09-01", "John Kerry", **expected), _meeting("2023-10-01", "Antony Blinken", **expected)])
    s.append([_meeting("2023-09-02", "John Kerry", recipient="CHN", source=AP)])  # confirms
    s.append([_meeting("2023-10-01", "Antony Blinken", recipient="CHN", status="cancelled", source=AP)])
    s.append(
        [
            {"kind": "sanction-lifted", "target": "Li Shangfu", "authority": "U.S. Department of State",
             "program": "CAATSA Section 231", "occurred_on": "2023-09-01", "source": FIX},
            {"kind": "channel-resumed", "channel": "mmca", "occurred_on": "2023-08-20", "source": MFA},
            _meeting("2023-08-21", "Xie Feng", "Ely Ratner", channel="mmca"),
        ]
    )  # fmt: skip
    s.retract("mmca", reason="misread", source=FIX, on="2023-08-20")
    s.append([_meeting("2023-08-22", "Wang Yi", "Antony Blinken", "Wang Yi")])


# The table a rebuild writes in key order (the same rows; no query orders them by rowid).
KEY_ORDERED = "interaction_participants"


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the tracking and full-text ones, with its rowid, in rowid order
    (but KEY_ORDERED: sorted, without)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                "AND name NOT LIKE '%fts%' AND name != 'tracking'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            if name == KEY_ORDERED
            else conn.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
        }
    finally:
        conn.close()


@pytest.mark.parametrize("batch", [3, 10_000])
def test_a_rebuild_equals_catch_up_row_for_row(
    sqlite_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Rebuilt read models hold the rows of read models caught up one event at a time, in the same rowid order,
    with staged events carried across transactions and expanded in pieces (batch 3) or all at the end; the status
    reports agree."""
    s = sqlite_session
    _record_everything(s)
    s.catch_up()
    monkeypatch.setattr(rebuild_module, "REBUILD_BATCH", batch)
    monkeypatch.setattr(bulk, "EXPAND_EVERY", 2 if batch == 3 else bulk.EXPAND_EVERY)
    rebuilt = s.location.views_path.parent / "rebuilt"
    r = open_session(s.location.url, str(rebuilt), now=s.now)
    try:
        assert r.rebuild() == s.store.max_position()
        caught_up, fresh = _rows(s.views.path), _rows(r.views.path)  # type: ignore[arg-type]
        assert caught_up.keys() == fresh.keys()
        for table, rows in caught_up.items():
            assert fresh[table] == rows, table
        assert any(caught_up["channel_history"]) and any(caught_up["corrections"])
        for day in (date(2023, 8, 4), date(2023, 9, 30), date(2023, 12, 31)):
            assert status(r.views.conn, dyad="CHN-USA", as_of=day, since=date(2018, 1, 1)) == status(
                s.views.conn, dyad="CHN-USA", as_of=day, since=date(2018, 1, 1)
            )
    finally:
        r.close()
