"""A consistent online copy of an SQLite event store (SQLite's backup API), safe while others write."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import OperationFailed, UsageError
from tracker.store.location import StoreLocation, sqlite_read_uri

__all__ = ["backup_sqlite"]


def backup_sqlite(location: StoreLocation, target: Path, now: datetime) -> dict[str, Any]:
    """Copy the store's events.db to target (a new file, or a folder for a dated one); checks the copy."""
    if location.backend != "sqlite" or location.events_path is None:
        raise UsageError("backup copies SQLite stores; back up PostgreSQL with pg_dump (see ops/)")
    target = target.expanduser()
    if target.is_dir():
        target = target / f"events-{now.strftime('%Y%m%dT%H%M%S')}.db"
    if target.exists():
        raise UsageError(f"{target} exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Read-only: the source may be a snapshot or on a read-only mount.
    src = sqlite3.connect(sqlite_read_uri(location.events_path), uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        count = dst.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if check != "ok":
        raise OperationFailed(f"backup at {target} failed its integrity check: {check}")
    return {"path": str(target), "events": count}
