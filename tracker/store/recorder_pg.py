"""The PostgreSQL application recorder: COPY for large batches, and the hash chain in every insert.

eventsourcing's insert sends the batch as one array of composite rows; psycopg renders each
row as text, which cost about 3 s per 100,000 events, and the pipelined variant deadlocked on
a batch that size. COPY in binary sends the rows as they are. Small batches use the library's
own INSERT … unnest statement.

Every insert runs in one transaction that takes the library's table lock (which keeps
notification ids in commit order), inserts, and extends the hash chain (tracker.store.chain)
in event_chain: the lock serialises inserters, so the head read under it cannot move. (The
library's stored-function path for small batches takes no lock, so it is not used.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import IntegrityError, InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Composed, Identifier

from tracker.errors import OperationFailed, UsageError
from tracker.store.chain import GENESIS, Checkpoint, Linker, Row, linker, oid_bytes, scheme_problem

__all__ = ["CHAIN_TABLE", "BulkPostgresApplicationRecorder", "pg_checkpoints", "pg_rows", "pg_snapshot"]

BULK = 1000
CHAIN_TABLE = "event_chain"


class BulkPostgresApplicationRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.linker: Linker = linker()
        schema = Identifier(self.datastore.schema)
        self.events_sql = SQL("{0}.{1}").format(schema, Identifier(self.events_table_name))
        self.chain_sql = SQL("{0}.{1}").format(schema, Identifier(CHAIN_TABLE))
        self.create_chain_statement = SQL(
            "CREATE TABLE IF NOT EXISTS {0} (last_position bigint PRIMARY KEY, events integer NOT NULL, "
            "hash bytea NOT NULL, marks bytea NOT NULL, scheme text NOT NULL)"
        ).format(self.chain_sql)
        self.sql_create_statements.append(self.create_chain_statement)
        self.insert_returning = SQL(
            "INSERT INTO {0} (originator_id, originator_version, topic, state) "
            "SELECT originator_id, originator_version, topic, state FROM unnest(%s::{1}.{2}[]) "
            "RETURNING notification_id, originator_id, originator_version"
        ).format(self.events_sql, schema, Identifier(self.stored_event_type_name))
        self._chain_exists = False

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        """Insert the events (BULK or more with binary COPY) and extend the chain, in one locked transaction."""
        if not stored_events:
            return []
        try:
            with self.transaction() as curs:
                if len(stored_events) >= BULK:
                    ids = self._copy_in(curs, stored_events)
                else:
                    ids = self._insert_small(curs, stored_events)
                self._extend_chain(curs, ids, stored_events)
        except psycopg.IntegrityError as e:
            raise IntegrityError(str(e)) from e
        return ids

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Cursor[Any]]:
        """A transaction holding the events table lock (what every inserter takes first)."""
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._lock_table(curs)
            self._notify_channel(curs)
            yield curs

    def _insert_small(self, curs: psycopg.Cursor[Any], stored_events: Sequence[StoredEvent]) -> list[int]:
        rows = [
            self.construct_pg_stored_event(s.originator_id, s.originator_version, s.topic, s.state)
            for s in stored_events
        ]
        curs.execute(self.insert_returning, (rows,))
        by_key = {(r["originator_id"], r["originator_version"]): r["notification_id"] for r in curs.fetchall()}
        return [by_key[(_uuid(s.originator_id), s.originator_version)] for s in stored_events]

    def _copy_in(self, curs: psycopg.Cursor[Any], stored_events: Sequence[StoredEvent]) -> list[int]:
        copy = SQL("COPY {0} (originator_id, originator_version, topic, state) FROM STDIN (FORMAT BINARY)").format(
            self.events_sql
        )
        with curs.copy(copy) as rows:
            rows.set_types(["uuid", "int8", "text", "bytea"])
            for s in stored_events:
                rows.write_row((s.originator_id, s.originator_version, s.topic, s.state))
        # The table lock serialises inserters, so this transaction's ids are the last n
        # values its own session drew from the sequence.
        curs.execute(SQL("SELECT currval(pg_get_serial_sequence({0}, 'notification_id'))").format(self._qualified()))
        row = curs.fetchone()
        assert row is not None
        last = int(next(iter(row.values())) if isinstance(row, dict) else row[0])
        return list(range(last - len(stored_events) + 1, last + 1))

    def _qualified(self) -> str:
        return f'"{self.datastore.schema}"."{self.events_table_name}"'

    def _ensure_chain_table(self, curs: psycopg.Cursor[Any]) -> bool:
        """Whether the chain table exists, creating it if this role may (a store set up before the chain).

        Checked before creating: CREATE TABLE IF NOT EXISTS is refused to a role without CREATE
        on the schema (the least-privilege application role) even when the table exists. Created
        under the table lock every inserter takes, so two writers cannot race to create it.
        """
        if self._chain_exists:
            return True
        curs.execute("SELECT to_regclass(%s) IS NOT NULL AS present", (f'"{self.datastore.schema}"."{CHAIN_TABLE}"',))
        row = curs.fetchone()
        if not (row and row["present"]):
            try:
                assert curs.connection is not None
                with curs.connection.transaction():  # a savepoint: a refusal leaves the insert standing
                    curs.execute(self.create_chain_statement)
            except psycopg.errors.InsufficientPrivilege:
                return False  # the events go in unchained (unsealed) until the owner sets up and seals
        self._chain_exists = True
        return True

    def _require_chain_table(self, curs: psycopg.Cursor[Any]) -> None:
        if not self._ensure_chain_table(curs):
            raise OperationFailed(
                f"this role may not create the {CHAIN_TABLE} table in schema {self.datastore.schema!r}; "
                "run `tracker init --store …` as the schema's owner first"
            )

    def _extend_chain(
        self, curs: psycopg.Cursor[Any], ids: Sequence[int], stored_events: Sequence[StoredEvent]
    ) -> None:
        if not self._ensure_chain_table(curs):
            return
        curs.execute(SQL("SELECT hash, scheme FROM {0} ORDER BY last_position DESC LIMIT 1").format(self.chain_sql))
        head = curs.fetchone()
        if head is None:
            curs.execute(
                SQL("SELECT 1 FROM {0} WHERE notification_id < %s LIMIT 1").format(self.events_sql), (min(ids),)
            )
            if curs.fetchone() is not None:
                return  # an unsealed store (made before the chain): it stays so until `verify --seal`
            prev = GENESIS
        else:
            trouble = scheme_problem(head["scheme"], self.linker)
            if trouble:
                raise OperationFailed(f"cannot extend the log's hash chain: {trouble}; nothing was written")
            prev = bytes(head["hash"])
        rows = sorted(
            (i, oid_bytes(s.originator_id), s.originator_version, s.topic, bytes(s.state))
            for i, s in zip(ids, stored_events, strict=True)
        )
        self._insert_checkpoints(curs, self.linker.checkpoints(prev, rows))

    def _insert_checkpoints(self, curs: psycopg.Cursor[Any], checkpoints: Iterable[Checkpoint]) -> None:
        curs.executemany(
            SQL("INSERT INTO {0} VALUES (%s, %s, %s, %s, %s)").format(self.chain_sql),
            ((cp.last_position, cp.events, cp.hash, cp.marks, cp.scheme) for cp in checkpoints),
        )

    # -- whole-log operations: seal, restore, copy ----------------------------------------

    def seal(self) -> Checkpoint | None:
        """Chain every stored event as it is now, under the table lock; the last checkpoint, or None if empty."""
        with self.transaction() as curs:
            self._require_chain_table(curs)
            curs.execute(SQL("SELECT EXISTS (SELECT 1 FROM {0}) AS sealed").format(self.chain_sql))
            row = curs.fetchone()
            if row and row["sealed"]:
                raise UsageError("the log is sealed already (it has a hash chain); run `tracker verify` to check it")
            assert curs.connection is not None
            last = None
            for cp in self.linker.checkpoints(GENESIS, pg_rows(curs.connection, self.events_sql)):
                self._insert_checkpoints(curs, [cp])  # beside the server-side cursor: nothing piles up
                last = cp
            return last

    def load(self, rows: Iterable[Row], checkpoints: Iterable[Checkpoint] | None) -> int:
        """Fill an empty log with rows at their positions, and the chain (given, or made here), in one transaction.

        UsageError (nothing written) if the log is not empty.
        """
        with self.transaction() as curs:
            self._require_chain_table(curs)
            curs.execute(
                SQL("SELECT EXISTS (SELECT 1 FROM {0}) OR EXISTS (SELECT 1 FROM {1}) AS used").format(
                    self.events_sql, self.chain_sql
                )
            )
            row = curs.fetchone()
            if row and row["used"]:
                raise UsageError("the target store is not empty; restore and copy fill only an empty store")
            count = 0
            made: list[Checkpoint] = []
            copy = SQL(
                "COPY {0} (notification_id, originator_id, originator_version, topic, state) FROM STDIN (FORMAT BINARY)"
            ).format(self.events_sql)
            with curs.copy(copy) as out:
                out.set_types(["int8", "uuid", "int8", "text", "bytea"])

                def written() -> Iterator[Row]:
                    nonlocal count
                    for r in rows:
                        out.write_row((r[0], UUID(bytes=r[1]), r[2], r[3], r[4]))
                        count += 1
                        yield r

                if checkpoints is None:
                    made = list(self.linker.checkpoints(GENESIS, written()))
                else:
                    for _ in written():
                        pass
            # Given checkpoints stream in now (the COPY is over); made ones had to wait for it.
            self._insert_checkpoints(curs, made if checkpoints is None else checkpoints)
            if count:
                curs.execute(
                    SQL(
                        "SELECT setval(pg_get_serial_sequence({0}, 'notification_id'), MAX(notification_id)) FROM {1}"
                    ).format(self._qualified(), self.events_sql)
                )
            return count


def _uuid(oid: Any) -> UUID:
    return oid if isinstance(oid, UUID) else UUID(oid)


def pg_rows(conn: psycopg.Connection[Any], events: Composed, after: int = 0) -> Iterator[Row]:
    """Every stored event after a position, in position order, through a server-side cursor (in a transaction)."""
    with conn.cursor(name="tracker_rows", row_factory=tuple_row) as cur:
        cur.itersize = 5000
        cur.execute(
            SQL(
                "SELECT notification_id, originator_id, originator_version, topic, state FROM {0} "
                "WHERE notification_id > %s ORDER BY notification_id"
            ).format(events),
            (after,),
        )
        for p, o, v, t, s in cur:
            yield p, o.bytes, v, t, bytes(s)


def pg_checkpoints(conn: psycopg.Connection[Any], chain: Composed, schema: str) -> Iterator[Checkpoint]:
    """The chain's checkpoints in order; none if the store has no chain table (made before it)."""
    with conn.cursor(row_factory=tuple_row) as cur:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (f'"{schema}"."{CHAIN_TABLE}"',))
        found = cur.fetchone()
        if not found or not found[0]:
            return
    with conn.cursor(name="tracker_chain", row_factory=tuple_row) as cur:
        cur.itersize = 50
        cur.execute(
            SQL("SELECT last_position, events, hash, marks, scheme FROM {0} ORDER BY last_position").format(chain)
        )
        for last, n, h, marks, scheme in cur:
            yield Checkpoint(last, n, bytes(h), bytes(marks), scheme)


@contextmanager
def pg_snapshot(recorder: BulkPostgresApplicationRecorder) -> Iterator[psycopg.Connection[Any]]:
    """A connection in a read-only REPEATABLE READ transaction: one consistent view of the log while others write."""
    with recorder.datastore.get_connection() as conn, conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield conn
