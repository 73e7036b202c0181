"""The event log of one store: aggregates in and out, and reads of the stored events.

It wraps eventsourcing's Application for its recorder, mapper and repository (what the library
does well), and on SQLite reads the events table with plain queries where the recorder's
objects cost more than the work (catch-up, rebuild, bulk dedup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder, StoredEvent, Transcoder, Transcoding

from events.state import Recorded
from tracker.errors import OperationFailed
from tracker.records import Record
from tracker.store.codec import dashed, decode_state, type_of_topic
from tracker.store.existing import existing_rows, existing_versions
from tracker.store.jsoncodec import FastJSONTranscoder, plain_fields
from tracker.store.mapping import to_stored_events
from tracker.store.retry import retry_locked

if TYPE_CHECKING:
    from eventsourcing.persistence import ApplicationRecorder, Mapper

__all__ = ["EventLog"]


class _DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class _Application(Application[UUID]):
    # The library's env prefix: settings may be given as TRACKER_… environment variables.
    name = "tracker"
    is_snapshotting_enabled = False

    def construct_transcoder(self) -> Transcoder:
        # The library's JSON transcoder, byte for byte, through orjson and msgspec (a third of a
        # bulk append's time was json); TRANSCODER_TOPIC in the env still chooses another.
        if self.env.get("TRANSCODER_TOPIC"):
            return super().construct_transcoder()
        transcoder = FastJSONTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(_DateAsISO())


class EventLog:
    """The stored events of one store: write aggregates' events, read them back."""

    def __init__(self, env: dict[str, str], *, read_only: bool = False, where: str = "") -> None:
        """Open the store eventsourcing's env describes (PERSISTENCE_MODULE and its settings).

        read_only: the store cannot be written (a snapshot, a read-only mount); writes fail
        with one line instead of SQLite's "attempt to write a readonly database".
        """
        self._app = _Application(env)
        self.recorder: ApplicationRecorder = self._app.recorder
        self.mapper: Mapper[UUID] = self._app.mapper
        self.read_only = read_only
        self.where = where
        # Stored rows (version, topic, state) of aggregates found by the last existing_ids, by the
        # id's int, each handed to get() once (see there).
        self._ahead: dict[int, list[tuple[int, str, bytes]]] = {}
        self.sqlite_path: Path | None = None
        if _is_sqlite(self.recorder):
            db_name = env["SQLITE_DBNAME"]
            self.sqlite_path = Path(unquote(db_name[5:].partition("?")[0]) if db_name.startswith("file:") else db_name)

    def _check_writable(self) -> None:
        if self.read_only:
            raise OperationFailed(f"the store at {self.where} is read-only; nothing was written")

    def close(self) -> None:
        """Close the store's connections."""
        self._app.close()

    # -- writing --------------------------------------------------------------------------

    def put(self, events: list[Any]) -> None:
        """Store new events in one transaction; IntegrityError if another writer stored one of those versions first.

        The list is the caller's no more: each event leaves it once encoded (it ends all None).
        """
        # Straight to the recorder: Application.save would check every object against its
        # runtime-checkable Protocols first, and EventStore.put builds a Recording and a
        # Notification per event that nothing here reads.
        self._ahead.clear()
        if events:
            self._check_writable()
            stored = to_stored_events(self.mapper, events, release=True)
            # A locked SQLite store rolled the transaction back (chain row and all): trying again is safe.
            retry_locked(lambda: self.recorder.insert_events(stored), what=f"the store at {self.where}")

    def insert(self, events: list[Any]) -> None:
        """Store events rebuilt from an export, as they are (import)."""
        self._ahead.clear()
        self._check_writable()
        stored = [self.mapper.to_stored_event(e) for e in events]
        retry_locked(lambda: self.recorder.insert_events(stored), what=f"the store at {self.where}")

    # -- reading --------------------------------------------------------------------------

    def get(self, aggregate_id: UUID) -> Any:
        """The aggregate as its events make it, or None if it has none.

        An aggregate the last existing_ids read ahead comes as a Recorded entry (events.state):
        its stored data now, the aggregate built from the rows already read when first used.
        """
        ahead = self._ahead.pop(aggregate_id.int, None)
        if ahead is not None:
            if self.mapper.cipher or self.mapper.compressor:
                return self._replay(aggregate_id, ahead)
            _, topic, state = ahead[0]
            return Recorded(
                aggregate_id, ahead[-1][0], topic, state, plain_fields, lambda: self._replay(aggregate_id, ahead)
            )
        try:
            return self._app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def _replay(self, aggregate_id: UUID, rows: list[tuple[int, str, bytes]]) -> Any:
        # As the library's repository rebuilds it (mapper, then each event's mutate), from rows
        # existing_ids read with the existence check.
        aggregate = None
        new, put = object.__new__, object.__setattr__
        for version, topic, state in rows:
            stored = new(StoredEvent)
            put(
                stored,
                "__dict__",
                {"originator_id": aggregate_id, "originator_version": version, "topic": topic, "state": state},
            )
            aggregate = self.mapper.to_domain_event(stored).mutate(aggregate)  # type: ignore[attr-defined]
        return aggregate

    def existing_versions(self, ids: Iterable[UUID]) -> dict[UUID, int]:
        """The current version of each given aggregate that exists, in one query per 10,000 ids."""
        return existing_versions(self.recorder, ids, postgres=not _is_sqlite(self.recorder))

    def existing_ids(self, ids: Iterable[UUID] | Mapping[int, UUID]) -> set[UUID]:
        """Which of the given aggregates exist (have a first event); ids may come keyed by their ints.

        The events found are read with the existence check, in the same read transaction, and
        get() hands each of those aggregates out from them once, instead of querying one
        aggregate at a time (13 s for a file of 100,000 known facts). They are as fresh as the
        answer itself: a writer that moved one of them since makes the caller's save fail on
        its version, and the caller loads again.
        """
        self._ahead = {}
        found, self._ahead = existing_rows(self.recorder, ids, postgres=not _is_sqlite(self.recorder))
        return found

    def read_batch(self, after: int, limit: int) -> list[Record]:
        """One batch of stored events after a position (the catch-up and rebuild hot path).

        On SQLite the rows are read with one plain query, skipping the recorder's per-row
        UUID and Notification objects; other backends go through the recorder.
        """
        recorder: Any = self.recorder
        if _is_sqlite(recorder) and not (self.mapper.cipher or self.mapper.compressor):
            with recorder.datastore.transaction(commit=False) as c:
                c.execute(
                    f"SELECT rowid, originator_id, originator_version, topic, state FROM {recorder.events_table_name} "
                    "WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (after, limit),
                )
                rows = c.fetchall()
            out = []
            for position, oid, version, topic, state in rows:
                data = decode_state(state)
                recorded_at = data.pop("timestamp")
                out.append(Record(position, dashed(oid), version, type_of_topic(topic), recorded_at, data))
            return out
        return list(self.read(after=after, limit=limit, stop=None, batches=1))

    def read(
        self, after: int = 0, limit: int = 1000, stop: int | None = None, batches: int | None = None
    ) -> Iterator[Record]:
        """Stored events after a position, oldest first, in batches."""
        position = after
        while True:
            batch = self.recorder.select_notifications(start=position, limit=limit, stop=stop, inclusive_of_start=False)
            if not batch:
                return
            for n in batch:
                yield self.record_of(n.id, n.originator_id, n.originator_version, n.topic, n.state)
            position = batch[-1].id
            if batches is not None:
                batches -= 1
                if batches <= 0:
                    return
            if len(batch) < limit:
                return

    def record_of(self, position: int, originator_id: Any, version: int, topic: str, state: bytes) -> Record:
        """Decode one stored event, decrypting and decompressing it if the store does, into a Record."""
        if self.mapper.cipher:
            state = self.mapper.cipher.decrypt(state)
        if self.mapper.compressor:
            state = self.mapper.compressor.decompress(state)
        data = decode_state(state)
        recorded_at = data.pop("timestamp")
        return Record(position, str(originator_id), version, type_of_topic(topic), recorded_at, data)

    def verify(
        self, progress: Callable[[int], None] | None = None, limit: int = 100, head: tuple[int, bytes] | None = None
    ) -> dict[str, Any]:
        """Sequence, decode and hash-chain check of the whole log, streaming (constant memory).

        head: (position, hash) kept from an earlier verify; the log must still reach it with that
        hash (a log cut short, or rewritten with a new chain, fails). The result's "sealed" is
        false for a log with events and no chain (made before the chain: see seal()).
        """
        recorder: Any = self.recorder
        if _is_sqlite(recorder) and not (self.mapper.cipher or self.mapper.compressor):
            from tracker.store.verify import verify_sqlite

            assert self.sqlite_path is not None
            result = verify_sqlite(self.sqlite_path, recorder.events_table_name, progress, limit, head=head)
        else:
            result = self._verify_generic(progress, limit)
            result |= self.check_chain(head)
        return _with_chain(result, limit)

    def check_chain(self, head: tuple[int, bytes] | None = None) -> dict[str, Any]:
        """Recompute the hash chain over one consistent view of the log (tracker.store.chain.check_chain)."""
        from tracker.store.chain import check_chain, linker

        recorder: Any = self.recorder
        if _is_sqlite(recorder):
            from tracker.store.verify import chain_sqlite

            assert self.sqlite_path is not None
            return chain_sqlite(self.sqlite_path, recorder.events_table_name, head)
        from tracker.store.recorder_pg import pg_checkpoints, pg_rows, pg_snapshot

        with pg_snapshot(recorder) as conn:
            # Two server-side cursors in one snapshot: neither the rows nor the marks are held in memory.
            checkpoints = pg_checkpoints(conn, recorder.chain_sql, recorder.datastore.schema)
            return check_chain(pg_rows(conn, recorder.events_sql), checkpoints, linker(), head)

    def seal(self) -> dict[str, Any]:
        """Chain the events stored before the chain existed, as they are now; the new head.

        This proves only that the log does not change after sealing, not that it was not
        changed before. UsageError if the log has a chain already.
        """
        self._check_writable()
        cp = self.recorder.seal()  # type: ignore[attr-defined]
        return {"head": {"position": cp.last_position, "hash": cp.hash.hex()} if cp else None}

    def _verify_generic(self, progress: Callable[[int], None] | None, limit: int) -> dict[str, Any]:
        """Any backend: decode every event with the library's mapper and follow each fact's versions."""
        from eventsourcing.persistence import StoredEvent

        last_version: dict[Any, int] = {}
        problems: list[str] = []
        count = last = 0
        while len(problems) < limit:
            batch = self.recorder.select_notifications(start=last, limit=5000, inclusive_of_start=False)
            if not batch:
                break
            for n in batch:
                want = last_version.get(n.originator_id, 0) + 1
                if n.originator_version != want:
                    problems.append(
                        f"position {n.id}: {n.originator_id} version {n.originator_version}, expected {want}"
                    )
                last_version[n.originator_id] = n.originator_version
                try:
                    self.mapper.to_domain_event(StoredEvent(n.originator_id, n.originator_version, n.topic, n.state))
                except Exception as e:
                    problems.append(f"position {n.id}: does not decode ({type(e).__name__})")
            count += len(batch)
            last = batch[-1].id
            if progress:
                progress(len(batch))
        return {
            "events": count,
            "aggregates": len(last_version),
            "last_position": last,
            "problems": problems[:limit],
            "ok": not problems,
        }

    def max_position(self) -> int:
        """The position of the last stored event, 0 for an empty log."""
        return self.recorder.max_notification_id() or 0

    def read_aggregate(self, fact_id: UUID) -> list[Record]:
        """Every event of one fact, oldest first (decrypted when the store is)."""
        stored = self.recorder.select_events(fact_id)
        return [self.record_of(0, s.originator_id, s.originator_version, s.topic, s.state) for s in stored]


def _with_chain(result: dict[str, Any], limit: int) -> dict[str, Any]:
    problem = result.pop("problem", None)
    result.pop("chained", None)
    result.pop("head_seen", None)
    if problem:
        result["problems"] = (result["problems"] + [problem])[:limit]
        result["ok"] = False
    if not result.get("sealed") and not result["events"]:
        result["sealed"] = True  # an empty log has nothing to seal: its first events start the chain
    return result


def _is_sqlite(recorder: Any) -> bool:
    from eventsourcing.sqlite import SQLiteRecorder

    return isinstance(recorder, SQLiteRecorder)
