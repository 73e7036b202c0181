"""A rebuild builds the keys of the tables it fills in log order after their rows (tracker.views.bulk.keyed(),
issue 12): the file it swaps in has the schema catch-up makes, byte for byte, its keys work as keys, and it is
sound."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker.demo import record_demo
from tracker.session import Session, open_session
from tracker.views import bulk
from tracker.views.projections import SCHEMA


def _schema(path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def test_the_keyed_tables_are_the_ones_filled_in_log_order() -> None:
    """Each table of keyed() is made without its key in the fresh file, and with a unique index on the same columns."""
    assert set(bulk.keyed()) == {"interactions", "interaction_sources", "timeline"}
    fresh = bulk.schema()
    for statement, keyless, index in bulk.keyed().values():
        assert statement in SCHEMA and statement not in fresh
        assert keyless in fresh and index in fresh and "PRIMARY KEY" not in keyless
    assert not any(s.startswith("CREATE INDEX") for s in fresh)


def test_a_rebuilt_file_has_the_schema_of_one_caught_up(session: Session, tmp_path: Path) -> None:
    """Same tables, indexes (the keys as SQLite's own, sqlite_autoindex_…) and SQL; integrity_check passes; a key
    refuses a second row with the same id, and catch-up after the rebuild goes on as usual."""
    record_demo(session)
    session.catch_up()
    rebuilt = tmp_path / "rebuilt"
    r = open_session(session.location.url, str(rebuilt), now=session.now)
    try:
        assert r.rebuild() == session.store.max_position()
        path = r.views.path
        assert path is not None and session.views.path is not None
        assert _schema(path) == _schema(session.views.path)
        conn = r.views.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'rebuild_key_%'").fetchall() == []
        for table in bulk.keyed():
            keys = [c[1] for c in conn.execute(f"PRAGMA table_info({table})") if c[5]]
            assert keys, table
        row = conn.execute("SELECT * FROM timeline LIMIT 1").fetchone()
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(f"INSERT INTO timeline VALUES ({', '.join('?' * len(row))})", tuple(row))
        before = r.views.table_counts()["interactions"]
        r.append([{"kind": "meeting", "participants": ["Wang Yi", "Antony Blinken"], "occurred_on": "2024-02-02",
                   "source": {"url": "https://example.org/k", "outlet": "X", "language": "en"}}])  # fmt: skip
        r.catch_up()
        assert r.views.table_counts()["interactions"] == before + 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        r.close()


def test_the_keys_are_the_schema_of_the_connection_that_made_them(tmp_path: Path) -> None:
    """restore_keys has SQLite read the schema again: the indexes built after it, on the same connection, already
    see each key as the table's own."""
    from tracker.views.database import Views

    views = Views(tmp_path / "fresh.db", bulk=True)
    try:
        views.finish_bulk()
        for table in bulk.keyed():
            origins = {r[1]: r[3] for r in views.conn.execute(f"PRAGMA index_list({table})")}
            assert origins.get(f"sqlite_autoindex_{table}_1") == "pk", (table, origins)
    finally:
        views.close()


FALLBACK = r"""
import sqlite3, sys
from tracker.views import bulk
from tracker.views.projections import SCHEMA
assert bulk.keyed() == {} and bulk.schema_writable() is False, bulk.keyed()
assert bulk.expand_rekeyed_rows() == bulk.EXPAND_ROWS
from tracker.demo import record_demo
from tracker.session import open_session
store, other = sys.argv[1], sys.argv[2]
s = open_session(store, create=True)
s.init()
record_demo(s)
s.catch_up()
r = open_session(store, other)
assert r.rebuild() == s.store.max_position()
def schema(conn):
    return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
assert schema(r.views.conn) == schema(s.views.conn)
assert r.views.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
assert r.views.table_counts() == s.views.table_counts()
r.close()
s.close()
print("ok")
"""


def test_without_a_writable_schema_a_rebuild_keeps_its_keys(tmp_path: Path) -> None:
    """Where SQLite refuses to rewrite its schema (a defensive build; TRACKER_REBUILD_REKEY=0 asks for the same), the
    tables keep their keys while the rows go in, and the rebuilt file is the same as with the keys built after."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TRACKER_REBUILD_REKEY": "0"}
    done = subprocess.run(
        [sys.executable, "-c", FALLBACK, str(tmp_path / "store"), str(tmp_path / "rebuilt")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_this_sqlite_lets_the_schema_be_rewritten() -> None:
    assert bulk.schema_writable() is True and bulk.keyed()
