"""The read-model database (views.db): schema, position tracking and catch-up from the log.

Every batch of events is applied and its position recorded in one SQLite transaction, so a
crash never applies an event twice or skips one. One writer at a time holds a file lock;
readers never block (WAL).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tracker.errors import OperationFailed
from tracker.records import Record
from tracker.views import bulk
from tracker.views.projections import FTS, NAMES, SCHEMA, handle

__all__ = ["SCHEMA_VERSION", "Views", "catch_up"]

SCHEMA_VERSION = 11
# Events per catch-up transaction (TRACKER_CATCH_UP_BATCH: the crash tests use small ones to kill between commits).
BATCH = int(os.environ.get("TRACKER_CATCH_UP_BATCH", "5000"))
# Page cache per connection. Read-model keys are random uuids, so inserts touch pages all over
# the indexes; the cache, not the disk, should absorb that (measured on 1M events).
CACHE_KIB = int(os.environ.get("TRACKER_VIEWS_CACHE_KIB", "65536"))
PAGE_SIZE = 8192
MMAP_BYTES = int(os.environ.get("TRACKER_VIEWS_MMAP_BYTES", str(1 << 34)))

Progress = Callable[[int], None]


class Views:
    """An open read-model database."""

    def __init__(self, path: Path | str, *, bulk: bool = False) -> None:
        """Open (or create) the read models; bulk is for building a fresh file nobody else reads.

        In bulk mode there is no journal and no fsync (a crash costs only this file, which the
        log rebuilds), and the secondary indexes are built once at the end by finish_bulk:
        pages are written once instead of twice (WAL, then checkpoint).
        """
        self.path = Path(path) if path != ":memory:" else None
        self.temporary = False  # a copy made for one command (views_copy): removed on close
        self.bulk_mode = bulk
        if self.path is not None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Only its owner may read it (SQLite gives its -wal and -shm files the file's mode).
            with contextlib.suppress(OSError):  # it exists, or cannot be: sqlite3 says why below
                os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=10)
            self.conn.row_factory = sqlite3.Row
            # A new file only (an existing one keeps its pages): with 8 KiB pages the indexes of a 1M-event
            # rebuild are a level shallower and it runs ~11% faster; status queries measured no slower (issue 12).
            self.conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self.conn.execute("PRAGMA journal_mode=OFF" if bulk else "PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=OFF" if bulk else "PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=OFF")
            # Random uuid keys make inserts touch many pages: a 64 MB page cache keeps them in memory.
            self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            if not bulk:
                # A command opens the views cold: reading pages through a memory map of the kernel's cache
                # instead of copying each one in cut a 1M-event status query from ~136 to ~97 ms (issue 12).
                # SQLite caps the size at its compile-time limit (2 GB here); writes still go through the journal.
                self.conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise OperationFailed(
                f"read models at {path} are unreadable ({e}); run `tracker projections rebuild`"
            ) from None
        if version == 0:
            if self.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
                # Created up to its full-text indexes, not to its version (_create was interrupted).
                raise OperationFailed(f"read models at {path} are incomplete; run `tracker projections rebuild`")
            self._create()
        elif version != SCHEMA_VERSION:
            raise OperationFailed(
                f"read models at {path} have schema {version}, expected {SCHEMA_VERSION}; run `tracker projections rebuild`"
            )

    def _create(self) -> None:
        with self.transaction():
            for statement in bulk.schema() if self.bulk_mode else SCHEMA:
                self.conn.execute(statement)
            self.conn.execute(
                "CREATE TABLE tracking (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT)"
            )
            self.conn.executemany("INSERT INTO tracking VALUES (?, 0, NULL)", [(n,) for n in NAMES])
            if self.bulk_mode:
                self.conn.execute(bulk.STAGE)
        if not self.bulk_mode:
            self._enable_fts()
        # Last: a file without its version is one whose creation was cut short, set aside on opening.
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _enable_fts(self) -> None:
        """The FTS5 indexes of the projections (FTS), with sqlite-utils' triggers keeping them equal to their tables.

        sqlite-utils runs these as scripts, which commit: they cannot share the schema's transaction.
        In bulk mode they are made by finish_bulk, which indexes the rows already written at once.
        """
        import sqlite_utils

        db = sqlite_utils.Database(self.conn)
        for table, (columns, tokenize) in FTS.items():
            db.table(table).enable_fts(columns, create_triggers=True, tokenize=tokenize, replace=True)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one immediate SQLite transaction, rolled back if it raises.

        Catch-up writers take turns on writer_lock first, so the busy timeout (10 s) is only ever
        spent waiting for a rebuild's swap or a checkpoint.
        """
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """One catch-up writer per views file, across processes."""
        if self.path is None:
            yield
            return
        with open(self.path.with_suffix(".lock"), "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def finish_bulk(self) -> None:
        """Expand what is staged, make the keys and build the deferred indexes, and turn the file into a normal WAL
        database (its schema then the one catch-up makes: tracker.views.bulk.restore_keys)."""
        with self.transaction() as conn:
            for statement in bulk.expand_rekeyed_rows():
                conn.execute(statement)
            bulk.restore_keys(conn)
        # temp.staged goes with the connection (closed next): dropping it would free its pages one by one.
        for statement in SCHEMA:
            if statement.startswith("CREATE INDEX"):
                self.conn.execute(statement)
        self._enable_fts()
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.bulk_mode = False

    def position(self) -> int:
        """The position every read model has caught up to: the lowest of them."""
        row = self.conn.execute("SELECT MIN(position) FROM tracking").fetchone()
        return row[0] or 0

    def positions(self) -> dict[str, int]:
        """Each read model's position in the log."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT projection, position FROM tracking")}

    def apply(self, records: Iterable[Record], *, expected: int, last: int, now: str) -> int:
        """Apply one batch and record its last position in the same transaction."""
        return self.apply_plan(plan(records), expected=expected, last=last, now=now)

    def apply_plan(self, steps: Plan, *, expected: int, last: int, now: str) -> int:
        """Run a plan and move every read model from expected to last in one transaction; returns last."""
        with self.transaction() as conn:
            for many, sql, params in steps:
                if many:
                    conn.executemany(sql, params)
                else:
                    conn.execute(sql, params)
            cur = conn.execute(
                "UPDATE tracking SET position = ?, updated_at = ? WHERE position = ?", (last, now, expected)
            )
            if cur.rowcount != len(NAMES):
                # Another writer moved on (the lock was bypassed): roll back, nothing applied twice.
                raise OperationFailed("read models were updated concurrently; run the command again")
        return last

    def table_counts(self) -> dict[str, int]:
        """The rows of every read-model table."""
        import sqlite_utils

        db = sqlite_utils.Database(self.conn)
        # A full-text index and its shadow tables are the index of a table counted already.
        indexes = tuple(db.table_names(fts5=True))
        return {name: db.table(name).count for name in db.table_names() if not name.startswith(indexes)}

    def close(self) -> None:
        """Close the database connection; a temporary copy (views_copy) is removed."""
        self.conn.close()
        if self.temporary and self.path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            self.path.with_suffix(".lock").unlink(missing_ok=True)


Plan = list[tuple[bool, str, Any]]
_BATCHABLE: set[str] = set()


def plan(records: Iterable[Record]) -> Plan:
    """The SQL steps of a batch of events, pure (no connection needed).

    Plain INSERT ... VALUES rows commute with each other, so they are grouped by statement
    and sent with executemany; any other statement (UPDATE, DELETE, INSERT ... SELECT)
    reads what came before it, so the groups collected so far are emitted first.
    """
    steps: Plan = []
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for record in records:
        for sql, params in handle(record):
            if sql in _BATCHABLE or _batchable(sql):
                groups.setdefault(sql, []).append(params)
            else:
                steps.extend((True, q, rows) for q, rows in groups.items())
                groups.clear()
                steps.append((False, sql, params))
    steps.extend((True, q, rows) for q, rows in groups.items())
    return steps


def _batchable(sql: str) -> bool:
    if sql.startswith("INSERT") and "SELECT" not in sql:
        _BATCHABLE.add(sql)
        return True
    return False


def catch_up(
    views: Views,
    read: Callable[[int, int], list[Record]],
    *,
    now: str,
    keep: Callable[[Record], bool] | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH,
) -> int:
    """Apply every event after the views' position; returns how many were applied."""
    if not read(views.position(), 1):
        # Nothing to apply: a reader whose views are current never waits for another's catch-up.
        return 0
    with views.writer_lock():
        # Read again under the lock: another process may have caught up meanwhile.
        position = views.position()
        if views.bulk_mode:
            return _apply_in_turn(views, read, position, now, keep, progress, batch_size, bulk.Planner(plan))
        return _apply_overlapped(views, read, position, now, keep, progress, batch_size, plan)


def _apply_in_turn(
    views: Views,
    read: Callable[[int, int], list[Record]],
    position: int,
    now: str,
    keep: Callable[[Record], bool] | None,
    progress: Progress | None,
    batch_size: int,
    planner: Callable[[list[Record]], Plan],
) -> int:
    """Read, plan and apply each batch in turn, in this thread.

    For a rebuild: its planner stages most events (tracker.views.bulk) and must see the batches in
    order; a second thread reading ahead only competed for the cores (on 2 cores single-threaded was
    5-10% faster, issue 12) while the set-wise expansion runs at the end in any case.
    """
    applied = 0
    while batch := read(position, batch_size):
        chosen = batch if keep is None else [r for r in batch if keep(r)]
        last = batch[-1].position
        views.apply_plan(planner(chosen), expected=position, last=last, now=now)
        applied += len(chosen)
        position = last
        if progress:
            progress(len(batch))
        if len(batch) < batch_size:
            break
    return applied


def _apply_overlapped(
    views: Views,
    read: Callable[[int, int], list[Record]],
    position: int,
    now: str,
    keep: Callable[[Record], bool] | None,
    progress: Progress | None,
    batch_size: int,
    planner: Callable[[list[Record]], Plan],
) -> int:
    """Reading and decoding the next batch runs in a second thread while this one writes the
    last: sqlite3 releases the GIL while it executes, so the two overlap on two cores."""
    applied = 0
    batches: queue.Queue[tuple[int, int, int, Plan] | BaseException | None] = queue.Queue(maxsize=2)

    def produce() -> None:
        at = position
        try:
            while True:
                batch = read(at, batch_size)
                if not batch:
                    break
                chosen = batch if keep is None else [r for r in batch if keep(r)]
                batches.put((len(batch), len(chosen), batch[-1].position, planner(chosen)))
                at = batch[-1].position
                if len(batch) < batch_size:
                    break
        except BaseException as e:  # handed to the writer, which raises it
            batches.put(e)
            return
        batches.put(None)

    reader = threading.Thread(target=produce, name="tracker-catch-up-reader", daemon=True)
    reader.start()
    try:
        while (item := batches.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            size, kept, last, steps = item
            views.apply_plan(steps, expected=position, last=last, now=now)
            applied += kept
            position = last
            if progress:
                progress(size)
    finally:
        while reader.is_alive():
            with contextlib.suppress(queue.Empty):
                batches.get(timeout=0.1)
    return applied
