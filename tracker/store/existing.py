"""Which aggregates exist, many thousands of ids a query: the duplicate check of a bulk append.

Each id is one seek of the events table's primary key. The rows of the aggregates found are
read with it, in the same read transaction, so that deciding on them needs no query of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from tracker.store.recorder import HEX_ID, big_cache

__all__ = ["Rows", "existing_rows", "existing_versions"]

PG_IDS = 10_000  # ids a PostgreSQL existence query sends as one array (600 queries of 500 were 14% of a bulk append)
SQLITE_IDS = 30_000  # ids an SQLite query binds (its statement limit is 32,766 parameters)


Rows = dict[int, list[tuple[int, str, bytes]]]
"""Stored rows (version, topic, state) of each aggregate found, oldest first, by the id's int."""


def existing_versions(recorder: Any, ids: Iterable[UUID], *, postgres: bool) -> dict[UUID, int]:
    """The current version of each given aggregate that exists, in one query per 10,000 ids."""
    table = recorder.events_table_name
    wanted = list(dict.fromkeys(ids))
    found: dict[UUID, int] = {}
    step = PG_IDS if postgres else 500
    for start in range(0, len(wanted), step):
        chunk = wanted[start : start + step]
        if postgres:
            qualified = f'"{recorder.datastore.schema}"."{table}"'
            sql = f"SELECT originator_id, MAX(originator_version) FROM {qualified} WHERE originator_id = ANY(%s) GROUP BY originator_id"
            params: Any = (chunk,)
        else:
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT originator_id, MAX(originator_version) FROM {table} WHERE originator_id IN ({marks}) GROUP BY originator_id"
            params = [u.hex for u in chunk]
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            for row in c.fetchall():
                key, version = (row[0], row[1]) if not isinstance(row, dict) else tuple(row.values())
                found[key if isinstance(key, UUID) else UUID(key)] = version
    return found


def existing_rows(recorder: Any, ids: Iterable[UUID] | Mapping[int, UUID], *, postgres: bool) -> tuple[set[UUID], Rows]:
    """Which of the given aggregates exist (have a first event), and the stored rows of each.

    ids may come keyed by each id's int already (as the ledger gathers them): hashing 300,000
    UUIDs again cost 0.09 s of a bulk append's duplicate check.
    """
    # an int hashes in C, a UUID in Python
    by_int = ids if isinstance(ids, Mapping) else {u.int: u for u in ids}
    if postgres:
        return _existing_pg(recorder, list(by_int.values()))
    # Sorted, the queries walk the key's pages once in order (each query sorts only its own ids):
    # in a log of 1M events, 300,000 ids in random order took 0.53 s against 0.41 s.
    table = recorder.events_table_name
    with recorder.datastore.transaction(commit=False) as c:
        # Each id as stored (UUID.hex is this format, through a property). Zero-padded lowercase
        # hex sorts as its int does, and ints sort faster than strings (0.22 s for 300,000 strings).
        wanted = [HEX_ID % n for n in sorted(_worth_seeking(c, table, by_int))]
        if len(wanted) > SQLITE_IDS:
            big_cache(c)
        # The positions of the events of the ids found: the primary key alone answers this.
        positions: list[int] = []
        for start in range(0, len(wanted), SQLITE_IDS):
            chunk = wanted[start : start + SQLITE_IDS]
            c.execute(f"SELECT rowid FROM {table} WHERE originator_id IN ({','.join('?' * len(chunk))})", chunk)
            positions.extend(p for (p,) in c.fetchall())
        # Then their rows, in log order: the table's pages in order, not one seek an id in key
        # order (a fifth less time for 100,000 known facts in a log of 100,000).
        positions.sort()
        by_stored: dict[str, list[tuple[int, str, bytes]]] = {}  # by the id as stored: a str hashes in C
        for start in range(0, len(positions), SQLITE_IDS):
            at = positions[start : start + SQLITE_IDS]
            c.execute(
                f"SELECT originator_id, originator_version, topic, state FROM {table} "
                f"WHERE rowid IN ({','.join('?' * len(at))}) ORDER BY rowid",
                at,
            )
            for o, v, t, st in c.fetchall():
                held = by_stored.get(o)
                if held is None:
                    by_stored[o] = [(v, t, st)]
                else:
                    held.append((v, t, st))
    for held in by_stored.values():
        if len(held) > 1:
            held.sort(key=_version)  # log order is version order, unless a restore said otherwise
    # Only an aggregate with a first event exists: events without one are no aggregate.
    found = {int(o, 16): held for o, held in by_stored.items() if held[0][0] == 1}
    return {by_int[i] for i in found}, found


def _worth_seeking(c: Any, table: str, by_int: Mapping[int, UUID]) -> Iterable[int]:
    """The ids to seek in the key: all given, or only those in the log when it holds fewer events than that.

    A first bulk append into a fresh store asks for 300,000 candidate ids of a log of a few
    hundred events: formatting, sorting and seeking each took 0.47 s of its 3.3 s. Reading the
    log's own ids instead costs a step per event. max(rowid) is the count or more (a restored
    log may have gaps), so the scan is chosen only when it is surely the smaller.
    """
    c.execute(f"SELECT max(rowid) FROM {table}")
    events = c.fetchone()[0] or 0
    if events >= len(by_int):
        return by_int
    c.execute(f"SELECT DISTINCT originator_id FROM {table}")
    return [n for n in (int(o, 16) for (o,) in c.fetchall()) if n in by_int]


def _version(row: tuple[int, str, bytes]) -> int:
    return row[0]


def _existing_pg(recorder: Any, wanted: list[UUID]) -> tuple[set[UUID], Rows]:
    events = f'"{recorder.datastore.schema}"."{recorder.events_table_name}"'
    rows: list[tuple[UUID, int, str, bytes]] = []
    with recorder.datastore.transaction(commit=False) as c:
        for start in range(0, len(wanted), PG_IDS):
            c.execute(
                f"SELECT originator_id, originator_version, topic, state FROM {events} "
                "WHERE originator_id = ANY(%s) ORDER BY originator_id, originator_version",
                (wanted[start : start + PG_IDS],),
            )
            rows.extend(
                (_uuid_of(r["originator_id"]), r["originator_version"], r["topic"], bytes(r["state"]))
                for r in c.fetchall()
            )
    found = {oid for oid, version, _, _ in rows if version == 1}
    ahead: Rows = {}
    for oid, version, topic, state in rows:
        if oid not in found:
            continue  # events without a first one: not an aggregate existing_ids reports
        held = ahead.get(oid.int)
        if held is None:
            ahead[oid.int] = [(version, topic, state)]
        else:
            held.append((version, topic, state))
    return found, ahead


def _uuid_of(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)
