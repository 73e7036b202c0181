"""Consistent online backups of the event store, safe while others write, as an SQLite file.

SQLite: SQLite's backup API copies events.db page by page. PostgreSQL: the events and the
chain are read in one REPEATABLE READ snapshot and written into a new SQLite file with the
same tables, so one kind of backup restores into either backend (`tracker restore`) with
the stored bytes, positions and chain unchanged.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import OperationFailed, UsageError
from tracker.store.location import StoreLocation, create_private_file, sqlite_read_uri

if TYPE_CHECKING:
    from tracker.store.log import EventLog

__all__ = ["backup_log", "backup_sqlite"]


def _target(target: Path, now: datetime) -> Path:
    target = target.expanduser()
    if target.is_dir():
        target = target / f"events-{now.strftime('%Y%m%dT%H%M%S')}.db"
    if target.exists():
        raise UsageError(f"{target} exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def backup_sqlite(location: StoreLocation, target: Path, now: datetime) -> dict[str, Any]:
    """Copy the store's events.db to target (a new file, or a folder for a dated one); checks the copy."""
    if location.backend != "sqlite" or location.events_path is None:
        raise UsageError("backup_sqlite copies SQLite stores; use backup_log for PostgreSQL")
    target = _target(target, now)
    # Read-only: the source may be a snapshot or on a read-only mount.
    src = sqlite3.connect(sqlite_read_uri(location.events_path), uri=True)
    create_private_file(target)  # a backup holds the whole log: only its owner may read it
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


def backup_log(log: EventLog, location: StoreLocation, target: Path, now: datetime) -> dict[str, Any]:
    """A consistent backup of any store as an SQLite file (target: a new file, or a folder for a dated one)."""
    if location.backend == "sqlite":
        return backup_sqlite(location, target, now)
    from tracker.store.move import log_source
    from tracker.store.recorder import CREATE_CHAIN, INSERT_CHECKPOINT

    target = _target(target, now)
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    create_private_file(part)
    dst = sqlite3.connect(str(part))
    try:
        dst.execute(
            "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB, "
            "PRIMARY KEY (originator_id, originator_version))"
        )
        dst.execute(CREATE_CHAIN)
        with log_source(log) as (rows, checkpoints):
            dst.executemany(
                "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) VALUES (?,?,?,?,?)",
                ((p, o.hex(), v, t, s) for p, o, v, t, s in rows),
            )
            if checkpoints is not None:
                dst.executemany(
                    INSERT_CHECKPOINT, ((c.last_position, c.events, c.hash, c.marks, c.scheme) for c in checkpoints)
                )
        dst.commit()
        count = dst.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    except BaseException:
        dst.close()
        part.unlink(missing_ok=True)
        raise
    dst.close()
    part.replace(target)
    return {"path": str(target), "events": count}
