"""The poller's own state, `poller.db` beside the read models: validators, next poll, failures, items seen.

Operational, not events (DESIGN §2): it is not rebuilt from the log and survives `projections rebuild`.
Losing it costs one re-fetch of every feed, since ingesting a known item changes nothing in the ledger.
One connection, shared by the poller's threads under a lock: writes are a few rows a feed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from types import TracebackType

from tracker.feeds.decide import PollState

__all__ = ["POLLER_FILE", "PollerStateError", "PollerStore"]

POLLER_FILE = "poller.db"
_VERSION = 1

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS feed_state (
        feed_id TEXT PRIMARY KEY, url TEXT NOT NULL, etag TEXT, last_modified TEXT, last_polled TEXT,
        last_status TEXT, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0, next_poll TEXT,
        retry_after_until TEXT)""",
    # Never pruned by an item's absence from the feed: an item that leaves and comes back is not new.
    """CREATE TABLE IF NOT EXISTS seen (
        feed_id TEXT NOT NULL, item_key TEXT NOT NULL, content_sha256 TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_key)) WITHOUT ROWID""",
]
_STATE_COLUMNS = tuple(f.name for f in fields(PollState) if f.name != "seen")
_TIMES = frozenset({"last_polled", "next_poll", "retry_after_until"})


class PollerStore:
    """The poll state of every feed, in one SQLite file (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Only its owner may read it (SQLite gives its -wal and -shm files the file's mode).
        with contextlib.suppress(OSError):  # it exists, or cannot be: sqlite3 says why below
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            self._conn.execute("PRAGMA journal_mode=WAL")
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _VERSION):
                raise sqlite3.DatabaseError(f"poller state version {version}, this tracker knows {_VERSION}")
            for statement in _SCHEMA:
                self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise PollerStateError(f"{path}: {exc}; delete it to start afresh (it only costs a re-fetch)") from exc
        self._lock = threading.Lock()

    def load(self, feed_id: str) -> PollState:
        """The state of a feed, with every item it has carried; a feed never polled has the empty state."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {', '.join(_STATE_COLUMNS)} FROM feed_state WHERE feed_id = ?", (feed_id,)
            ).fetchone()
            seen = dict(self._conn.execute("SELECT item_key, content_sha256 FROM seen WHERE feed_id = ?", (feed_id,)))
        return _state(row, seen)

    def health(self) -> dict[str, PollState]:
        """Every feed's state without its items: what `feeds list` and the status report show."""
        with self._lock:
            rows = self._conn.execute(f"SELECT feed_id, {', '.join(_STATE_COLUMNS)} FROM feed_state").fetchall()
        return {row[0]: _state(row[1:], {}) for row in rows}

    def save(self, feed_id: str, url: str, state: PollState, items: Iterable[str] = ()) -> None:
        """Record a feed's state and, of its `seen` map, the items named (the ones this poll met), in one transaction."""
        values = [_column(name, getattr(state, name)) for name in _STATE_COLUMNS]
        rows = [(feed_id, key, state.seen[key]) for key in items]
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(
                    f"INSERT OR REPLACE INTO feed_state (feed_id, url, {', '.join(_STATE_COLUMNS)}) "
                    f"VALUES (?, ?, {', '.join('?' * len(_STATE_COLUMNS))})",
                    (feed_id, url, *values),
                )
                self._conn.executemany("INSERT OR REPLACE INTO seen VALUES (?, ?, ?)", rows)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def forget(self, feed_ids: Iterable[str]) -> None:
        """Drop the state of feeds no longer followed."""
        ids = [(f,) for f in feed_ids]
        with self._lock:
            self._conn.executemany("DELETE FROM feed_state WHERE feed_id = ?", ids)
            self._conn.executemany("DELETE FROM seen WHERE feed_id = ?", ids)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PollerStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class PollerStateError(Exception):
    """poller.db cannot be read: the message is one line, and says that deleting it is safe."""


def _column(name: str, value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def _state(row: tuple[object, ...] | None, seen: Mapping[str, str]) -> PollState:
    if row is None:
        return PollState(seen=seen)
    values = {
        name: datetime.fromisoformat(str(v)) if name in _TIMES and v is not None else v
        for name, v in zip(_STATE_COLUMNS, row, strict=True)
    }
    return PollState(**values, seen=seen)  # type: ignore[arg-type]
