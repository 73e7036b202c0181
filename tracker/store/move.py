"""Restore and copy: fill an empty store with another log's events at their exact positions.

The sources are read in one consistent view (an SQLite read transaction, a PostgreSQL
REPEATABLE READ snapshot) and the target is written in one transaction, so a failure leaves
it empty. Stored events move as stored bytes and the chain's checkpoints move as they are, so
the target's head hash is the source's. An export (jsonl) carries no chain: its events are
encoded again by the target's mapper and chained afresh, which gives the same head when the
encoding gives the same bytes (it does for events stored by this version).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tracker.errors import OperationFailed, UsageError
from tracker.store.chain import Checkpoint, Row, oid_bytes
from tracker.store.codec import event_from_record

if TYPE_CHECKING:
    from tracker.store.location import StoreLocation
    from tracker.store.log import EventLog

__all__ = ["copy_log", "copy_to", "is_sqlite_file", "log_source", "restore_log"]

Source = tuple[Iterator[Row], Iterator[Checkpoint] | None]


def is_sqlite_file(path: Path) -> bool:
    """Whether path starts with SQLite's header (a backup) rather than being an export."""
    with open(path, "rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


@contextmanager
def sqlite_file_source(path: Path) -> Iterator[Source]:
    """The rows and checkpoints of an SQLite events database, in one read transaction."""
    from tracker.store.location import sqlite_read_uri
    from tracker.store.recorder import sqlite_checkpoints, sqlite_rows

    conn = sqlite3.connect(sqlite_read_uri(path), uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT 1 FROM stored_events LIMIT 1")
        except sqlite3.DatabaseError as e:
            raise UsageError(f"{path} is not a tracker backup ({e})") from None
        yield sqlite_rows(conn), _after(sqlite_checkpoints(conn))
    finally:
        conn.close()


def _after(checkpoints: Iterator[Checkpoint]) -> Iterator[Checkpoint]:
    # Read only when the target asks, after the rows: one read transaction, so one view.
    yield from checkpoints


@contextmanager
def log_source(log: EventLog) -> Iterator[Source]:
    """The rows and checkpoints of an open store, in one consistent view."""
    recorder: Any = log.recorder
    if log.sqlite_path is not None:
        with sqlite_file_source(log.sqlite_path) as source:
            yield source
        return
    from tracker.store.recorder_pg import pg_checkpoints, pg_rows, pg_snapshot

    with pg_snapshot(recorder) as conn:
        yield pg_rows(conn, recorder.events_sql), pg_checkpoints(conn, recorder.chain_sql, recorder.datastore.schema)


def export_rows(log: EventLog, path: Path) -> Iterator[Row]:
    """The events of an export (jsonl), encoded for log, at their exported positions; UsageError on a bad line."""
    import events as domain

    classes = cast("dict[str, type]", domain.EVENT_CLASSES)
    last = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{path}: line {number}"
            try:
                item = json.loads(line)
                position = int(item["position"])
                event = event_from_record(
                    classes[item["type"]], item["aggregate_id"], int(item["version"]), item["recorded_at"], item["data"]
                )
            except KeyError as e:
                raise UsageError(f"{where}: missing or unknown {e.args[0]!r}") from None
            except (TypeError, ValueError) as e:
                raise UsageError(f"{where}: not an exported event ({str(e).splitlines()[0]})") from None
            if position <= last:
                raise UsageError(f"{where}: position {position} does not follow {last}")
            last = position
            s = log.mapper.to_stored_event(event)
            yield position, oid_bytes(s.originator_id), s.originator_version, s.topic, bytes(s.state)


def restore_log(log: EventLog, backup: Path) -> dict[str, Any]:
    """Fill the empty log from a backup (an SQLite file from `tracker backup`) or an export (jsonl)."""
    backup = backup.expanduser()
    if not backup.is_file():
        raise UsageError(f"{backup} is not a file; give a backup (tracker backup) or an export (tracker export)")
    log._check_writable()
    recorder: Any = log.recorder
    if is_sqlite_file(backup):
        with sqlite_file_source(backup) as (rows, checkpoints):
            count = _load(recorder, rows, checkpoints)
        kind = "backup"
    else:
        count = _load(recorder, export_rows(log, backup), None)
        kind = "export"
    return {"events": count, "from": kind, "path": str(backup)}


def copy_log(source: EventLog, target: EventLog) -> dict[str, Any]:
    """Fill the empty target log with every event and checkpoint of source, as one view of it."""
    target._check_writable()
    with log_source(source) as (rows, checkpoints):
        count = _load(target.recorder, rows, checkpoints)
    return {"events": count}


def _load(recorder: Any, rows: Iterator[Row], checkpoints: Iterator[Checkpoint] | None) -> int:
    try:
        return int(recorder.load(rows, checkpoints))
    except (UsageError, OperationFailed):
        raise
    except Exception as e:
        import psycopg
        from eventsourcing.persistence import IntegrityError

        if isinstance(e, (IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError)):
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise UsageError(f"the events do not fit together (a position or version twice): {reason}") from None
        raise


def copy_to(source: EventLog, location: StoreLocation, to: str) -> dict[str, Any]:
    """Copy the source log into the empty store at to (a folder or postgresql:// URL); the count, where, the head."""
    from tracker.store import locate, open_log

    target_location = locate(to)
    if target_location.url == location.url:
        raise UsageError("--to names this same store; give another folder or URL")
    target = open_log(target_location, create=True)
    try:
        result = copy_log(source, target)
        result["head"] = target.check_chain()["head"]
    finally:
        target.close()
    result["to"] = target_location.describe()
    return result
