"""The SQLite application recorder: bulk appends, and the hash chain kept in the same transaction.

eventsourcing's SQLiteApplicationRecorder inserts row by row to learn each row's id. In one
write transaction SQLite gives new rows max(rowid)+1 in order, so one executemany and
last_insert_rowid() give the same ids. Selected through eventsourcing's own
APPLICATION_RECORDER_TOPIC setting; everything else is the library's.

Every insert also extends the hash chain (tracker.store.chain) in the event_chain table, in
the same write transaction: the insert takes SQLite's write lock first, so the head read after
it is the head no other writer can move.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from tracker.errors import OperationFailed, UsageError
from tracker.store.chain import GENESIS, Checkpoint, Linker, Row, linker, oid_bytes, scheme_problem

__all__ = ["CHAIN_TABLE", "HEX_ID", "BulkSQLiteApplicationRecorder", "sqlite_checkpoints", "sqlite_rows"]

CHAIN_TABLE = "event_chain"
CREATE_CHAIN = (
    f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (last_position INTEGER PRIMARY KEY, events INTEGER NOT NULL, "
    "hash BLOB NOT NULL, marks BLOB NOT NULL, scheme TEXT NOT NULL)"
)
INSERT_CHECKPOINT = f"INSERT INTO {CHAIN_TABLE} VALUES (?,?,?,?,?)"
# Page cache of a connection doing bulk work, in KiB (negative: SQLite's unit). With the library's
# default 2 MB, inserts into a table of 900k rows ran at half the speed: the primary key's pages
# were read and written again and again. (256 MB, tried for the 1M-event log, measured no faster
# in the bench's next-chunk append, medians 6.56 s against 6.54 s, for 92 MB more memory.)
BULK_CACHE_KIB = 65_536
BULK = 1000
HEX_ID = "%032x"  # an id as the library stores it (UUID.hex), from its int


def big_cache(c: Any) -> None:
    """Give the connection of this cursor a 64 MB page cache (for bulk reads and inserts on a large log)."""
    c.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")


class BulkSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.linker: Linker = linker()

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), CREATE_CHAIN]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **_: Any) -> Sequence[int] | None:
        oids: list[bytes] | None = None
        if len(stored_events) < 2:
            ids = list(super()._insert_events(c, stored_events) or [])
        else:
            if len(stored_events) >= BULK:
                big_cache(c)
            if all(type(s.originator_id) is UUID for s in stored_events):
                # One pass for the insert's parameters and the chain's 16-byte ids, from each id's
                # int (UUID.hex and UUID.bytes are properties over it).
                params = []
                oids = []
                for s in stored_events:
                    n = s.originator_id.int  # type: ignore[union-attr]  # all UUIDs: checked above
                    params.append((HEX_ID % n, s.originator_version, s.topic, s.state))
                    oids.append(n.to_bytes(16, "big"))
            else:
                params = [
                    (
                        s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
                        s.originator_version,
                        s.topic,
                        s.state,
                    )
                    for s in stored_events
                ]
            c.executemany(self.insert_events_statement, params)
            c.execute("SELECT last_insert_rowid()")
            last = c.fetchone()[0]
            ids = list(range(last - len(params) + 1, last + 1))
        if ids:
            self._extend_chain(c, ids, stored_events, oids)
        return ids

    def _extend_chain(
        self, c: SQLiteCursor, ids: list[int], stored_events: Sequence[StoredEvent], oids: list[bytes] | None = None
    ) -> None:
        # The insert above holds the write lock: no other writer can move the head now.
        c.execute(f"SELECT last_position, hash, scheme FROM {CHAIN_TABLE} ORDER BY last_position DESC LIMIT 1")
        head = c.fetchone()
        if head is None:
            c.execute(f"SELECT 1 FROM {self.events_table_name} WHERE rowid < ? LIMIT 1", (ids[0],))
            if c.fetchone() is not None:
                return  # an unsealed store (made before the chain): it stays so until `verify --seal`
            prev = GENESIS
        else:
            trouble = scheme_problem(head[2], self.linker)
            if trouble:
                raise OperationFailed(f"cannot extend the log's hash chain: {trouble}; nothing was written")
            prev = bytes(head[1])
        if oids is None:
            oids = [oid_bytes(s.originator_id) for s in stored_events]
        rows = [
            (i, oid, s.originator_version, s.topic, s.state if type(s.state) is bytes else bytes(s.state))
            for i, oid, s in zip(ids, oids, stored_events, strict=True)
        ]
        for cp in self.linker.checkpoints(prev, rows):
            c.execute(INSERT_CHECKPOINT, (cp.last_position, cp.events, cp.hash, cp.marks, cp.scheme))

    # -- whole-log operations: seal, restore, copy ----------------------------------------

    def seal(self) -> Checkpoint | None:
        """Chain every stored event as it is now, in one write transaction; the last checkpoint, or None if empty."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(CREATE_CHAIN)
            c.execute(f"SELECT COUNT(*) FROM {CHAIN_TABLE}")
            if c.fetchone()[0]:
                raise UsageError("the log is sealed already (it has a hash chain); run `tracker verify` to check it")
            # Take the write lock before reading, so nothing is appended between the read and the seal.
            c.execute(f"DELETE FROM {CHAIN_TABLE}")
            reader = c.sqlite_cursor.connection.execute(
                f"SELECT rowid, originator_id, originator_version, topic, state FROM {self.events_table_name} "
                "ORDER BY rowid"
            )
            last = None
            rows = ((p, bytes.fromhex(o), v, t, bytes(s)) for p, o, v, t, s in reader)
            for cp in self.linker.checkpoints(GENESIS, rows):
                c.execute(INSERT_CHECKPOINT, (cp.last_position, cp.events, cp.hash, cp.marks, cp.scheme))
                last = cp
            return last

    def load(self, rows: Iterable[Row], checkpoints: Iterable[Checkpoint] | None) -> int:
        """Fill an empty log with rows at their positions, and the chain (given, or made here), in one transaction.

        UsageError (nothing written) if the log is not empty.
        """
        with self.datastore.transaction(commit=True) as c:
            c.execute(CREATE_CHAIN)
            # An empty DELETE takes the write lock, so no writer can slip in after the emptiness check.
            c.execute(f"DELETE FROM {CHAIN_TABLE} WHERE 0")
            c.execute(f"SELECT EXISTS (SELECT 1 FROM {self.events_table_name}), EXISTS (SELECT 1 FROM {CHAIN_TABLE})")
            if any(c.fetchone()):
                raise UsageError("the target store is not empty; restore and copy fill only an empty store")
            count = 0

            def hexed() -> Iterator[tuple[int, str, int, str, bytes]]:
                nonlocal count
                for position, oid, version, topic, state in rows:
                    count += 1
                    yield position, oid.hex(), version, topic, state

            c.sqlite_cursor.executemany(
                f"INSERT INTO {self.events_table_name} (rowid, originator_id, originator_version, topic, state) "
                "VALUES (?,?,?,?,?)",
                hexed(),
            )
            if checkpoints is None:
                self._chain_loaded(c)
            else:
                c.sqlite_cursor.executemany(
                    INSERT_CHECKPOINT,
                    ((cp.last_position, cp.events, cp.hash, cp.marks, cp.scheme) for cp in checkpoints),
                )
            return count

    def _chain_loaded(self, c: SQLiteCursor) -> None:
        reader = c.sqlite_cursor.connection.execute(
            f"SELECT rowid, originator_id, originator_version, topic, state FROM {self.events_table_name} ORDER BY rowid"
        )
        rows = ((p, bytes.fromhex(o), v, t, bytes(s)) for p, o, v, t, s in reader)
        for cp in self.linker.checkpoints(GENESIS, rows):
            c.execute(INSERT_CHECKPOINT, (cp.last_position, cp.events, cp.hash, cp.marks, cp.scheme))


def sqlite_rows(conn: Any, table: str = "stored_events", after: int = 0) -> Iterator[Row]:
    """Every stored event of an SQLite events database after a position, in position order (streaming)."""
    for p, o, v, t, s in conn.execute(
        f"SELECT rowid, originator_id, originator_version, topic, state FROM {table} WHERE rowid > ? ORDER BY rowid",
        (after,),
    ):
        yield p, bytes.fromhex(o), v, t, bytes(s)


def sqlite_checkpoints(conn: Any) -> Iterator[Checkpoint]:
    """The chain's checkpoints of an SQLite events database in order; none if it has no chain table."""
    present = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (CHAIN_TABLE,)).fetchone()
    if not present:
        return
    for last, n, h, marks, scheme in conn.execute(
        f"SELECT last_position, events, hash, marks, scheme FROM {CHAIN_TABLE} ORDER BY last_position"
    ):
        yield Checkpoint(last, n, bytes(h), bytes(marks), scheme)


def chain_bounds(conn: Any) -> Iterator[int]:
    """The last position of each checkpoint, in order (none without a chain), streaming."""
    if _has_chain(conn):
        for (last,) in conn.execute(f"SELECT last_position FROM {CHAIN_TABLE} ORDER BY last_position"):
            yield last


def range_checkpoints(conn: Any, low: int, high: int) -> tuple[list[Checkpoint], bytes | None]:
    """The checkpoints ending in (low, high], and the hash to chain them on: b"" at the start of the log,
    None when low is not where a checkpoint ends (a stretch the chain does not cover)."""
    if not _has_chain(conn):
        return [], None
    before = conn.execute(
        f"SELECT last_position, hash FROM {CHAIN_TABLE} WHERE last_position <= ? ORDER BY last_position DESC LIMIT 1",
        (low,),
    ).fetchone()
    if before is None:
        prev: bytes | None = b""
    elif before[0] == low:
        prev = bytes(before[1])
    else:
        prev = None
    checkpoints = [
        Checkpoint(last, n, bytes(h), bytes(marks), scheme)
        for last, n, h, marks, scheme in conn.execute(
            f"SELECT last_position, events, hash, marks, scheme FROM {CHAIN_TABLE} "
            "WHERE last_position > ? AND last_position <= ? ORDER BY last_position",
            (low, high),
        )
    ]
    return checkpoints, prev


def head_checkpoint(path: Any) -> tuple[int, bytes] | None:
    """The last checkpoint's position and hash of the SQLite events database at path."""
    import sqlite3

    from tracker.store.location import sqlite_read_uri

    conn = sqlite3.connect(sqlite_read_uri(path), uri=True)
    try:
        row = conn.execute(
            f"SELECT last_position, hash FROM {CHAIN_TABLE} ORDER BY last_position DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return (row[0], bytes(row[1])) if row else None


def _has_chain(conn: Any) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (CHAIN_TABLE,)).fetchone()
    return found is not None
