"""The rebuild's plan: each reported interaction staged as one row, expanded into its read-model rows by SQL.

An `InteractionReported` is five rows in four tables (the interaction, its participants, its first
source, its timeline entry) and, for a contact on a channel, a sixth. Sent one by one through
sqlite3 they cap a rebuild near 45k events/s, and their random uuid keys make every insert touch
pages all over the indexes (issue 12). A rebuild writes a fresh file nobody reads until it is
swapped in, so there each such event becomes one row of a temporary table, and `EXPAND` turns the
staged rows into the same rows, set-wise, in C. The interactions, their sources and the timeline
go in log order, as catch-up writes them, rowid for rowid: rowids break the ties of the report's
order, and a status query then reads a year's sources from a few clustered pages. The participants
go in key order: two small rows an event, whose key index, written in log order, was the part of
a 1M-event rebuild that grew faster than the log (in log order too: rebuild 0.78x the 100k rate,
against ~0.95x; the status query ~7 ms faster at 1M events).

The rows are the same as catch-up's only if nothing that reads or changes those tables runs
between the event and its expansion: an event any other handler takes first expands what is
staged (`Planner`). Events only actors, feeds and reports take (`INDEPENDENT`) touch none of the
tables involved, so a poll's reports do not interrupt the staging. tests/integration/test_views_bulk.py
holds the rebuild equal to catch-up, row for row and (participants aside) in rowid order, over
every kind of event.

The keys of the tables filled in log order are built after their rows (`keyed()`): uuid keys in log
order land all over a key index, and keeping those indexes up to date row by row was what grew faster
than the log (1M events: ~2.3 us a row against ~1.3 at 100k; the same rows without the key ~0.5 at
both, issue 12). In the fresh file these tables are made without their primary key but with a unique
index on the same columns, which catch-up's handlers look rows up by and which keeps OR REPLACE and OR
IGNORE acting as on the key; a large expansion drops it and builds it again from the sorted keys
(`expand_rekeyed()`); at the end `restore_keys` turns each index into the table's key, so the file's
schema is the one catch-up makes, byte for byte.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from functools import cache
from operator import itemgetter
from typing import Any

import orjson

from tracker.records import Record
from tracker.views.projections import HANDLERS, MODULES, SCHEMA, channels, interactions, timeline
from tracker.views.projections.interactions import ACCOUNT_COLUMNS, FACT_COLUMNS, SOURCE_COLUMNS

__all__ = [
    "EXPAND",
    "EXPAND_EVERY",
    "EXPAND_ROWS",
    "INDEPENDENT",
    "STAGE",
    "STAGEABLE",
    "STAGED",
    "Planner",
    "expand_rekeyed",
    "expand_rekeyed_rows",
    "keyed",
    "restore_keys",
    "schema",
    "schema_writable",
    "staged_row",
]

STAGED = "InteractionReported"
# The per-event handlers of STAGED whose rows EXPAND writes, in module order. Should another read
# model take STAGED, nothing is staged (rebuilds stay right, only slower) until EXPAND writes its
# rows too; tests/unit/test_views_bulk_plan.py fails meanwhile.
_EXPANDED = (interactions.reported, channels.contact_reported, timeline.reported)
STAGEABLE = tuple(HANDLERS[STAGED]) == _EXPANDED

# Types every one of whose handlers belongs to these modules: their tables are apart from EXPAND's.
_APART = ("actors", "feeds", "reports")
INDEPENDENT = frozenset(
    t
    for t in HANDLERS
    if t != STAGED
    and all(
        any(h in m.HANDLERS.values() for m in MODULES if m.__name__.rsplit(".", 1)[-1] in _APART) for h in HANDLERS[t]
    )
)

_COLUMNS = ("position", "id", "recorded_at", *FACT_COLUMNS, "participants", *SOURCE_COLUMNS)
# Columns without a type have no affinity: every value keeps the storage class it was bound with. The
# position is the rowid: read in log order without a sort.
STAGE = f"CREATE TEMP TABLE staged (position INTEGER PRIMARY KEY, {', '.join(_COLUMNS[1:])})"
_INSERT = f"INSERT INTO temp.staged VALUES ({', '.join('?' * len(_COLUMNS))})"

_facts = ", ".join(FACT_COLUMNS)
_sources = ", ".join(SOURCE_COLUMNS)
_said = ", ".join(c.removeprefix("said_") for c in ACCOUNT_COLUMNS)
# Each statement is the set-wise form of one handler of _EXPANDED (and the participants and source
# of interactions.reported), in log order; staged ids are new, so OR REPLACE and OR IGNORE only act
# as they would have one event at a time (a participant named twice keeps its first place).
EXPAND_ROWS = (
    f"INSERT OR REPLACE INTO interactions (id, {_facts}, retracted, retraction_reason, recorded_at, updated_at) "
    f"SELECT id, {_facts}, 0, NULL, recorded_at, recorded_at FROM temp.staged ORDER BY position",
    # In key order (a participant named twice in one event: its first place kept, as one at a time).
    "INSERT OR IGNORE INTO interaction_participants (interaction_id, actor, ord) "
    "SELECT s.id, p.value, p.key FROM temp.staged s, json_each(s.participants) p ORDER BY s.id, p.value, p.key",
    f"INSERT OR IGNORE INTO interaction_sources (interaction_id, {_sources}, event, recorded_at, "
    f"{', '.join(ACCOUNT_COLUMNS)}) SELECT id, {_sources}, '{STAGED}', recorded_at, {_said} FROM temp.staged "
    "ORDER BY position",
    # channels._CONTACT, for every staged interaction naming a channel (st: the staged row).
    "INSERT OR REPLACE INTO channel_history "
    "SELECT c.id, st.position, i.occurred_on, 'contact', NULL, NULL, i.id, "
    "(SELECT url FROM interaction_sources s WHERE s.interaction_id = i.id ORDER BY recorded_at LIMIT 1), i.recorded_at "
    "FROM temp.staged st JOIN interactions i ON i.id = st.id JOIN channels c ON c.slug = i.channel AND c.dyad = i.dyad "
    "WHERE st.channel IS NOT NULL AND st.channel != '' AND i.status = 'occurred' AND i.retracted = 0 "
    "ORDER BY st.position",
    "INSERT OR REPLACE INTO timeline SELECT id, id, 'interaction', dyad, occurred_on, kind, cameo, goldstein, "
    "summary, recorded_at, url FROM temp.staged WHERE status IN ('occurred', 'declined') ORDER BY position",
)
EXPAND = (*EXPAND_ROWS, "DELETE FROM temp.staged")


def _keyless(statement: str, columns: tuple[str, ...]) -> str:
    """The CREATE TABLE statement without its primary key (itself if the key is not written as expected)."""
    if len(columns) == 1:
        return statement.replace(f"{columns[0]} TEXT PRIMARY KEY,", f"{columns[0]} TEXT,", 1)
    return statement.replace(f", PRIMARY KEY ({', '.join(columns)}))", ")", 1)


def _table(statement: str) -> str:
    return statement.split("(", 1)[0].split()[2]


# The tables EXPAND fills in log order (participants go in key order: their key is cheap to keep), by
# key columns: each with its CREATE TABLE, without its key, and the unique index standing in for it.
_KEY_COLUMNS = {"interactions": ("id",), "interaction_sources": ("interaction_id", "url"), "timeline": ("id",)}


@cache
def schema_writable() -> bool:
    """Whether this SQLite lets a connection rewrite its schema table, as restore_keys does (asked once, at the
    first rebuild: the question opens a database, which no append or status needs).

    A build with SQLITE_DBCONFIG_DEFENSIVE on by default refuses it; a rebuild there keeps each key while its
    rows go in (slower at a million events, the same file). TRACKER_REBUILD_REKEY=0 asks for that path too.
    """
    if os.environ.get("TRACKER_REBUILD_REKEY", "1") == "0":
        return False
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute("UPDATE sqlite_master SET sql = sql WHERE name = 't'")
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


@cache
def keyed() -> dict[str, tuple[str, str, str]]:
    """The tables whose keys a rebuild builds after their rows, each with its CREATE TABLE, that statement
    without its key, and the unique index standing in for it; none where the schema cannot be rewritten."""
    if not schema_writable():
        return {}
    return {
        _table(s): (s, keyless, f"CREATE UNIQUE INDEX rebuild_key_{_table(s)} ON {_table(s)} ({', '.join(cols)})")
        for s in SCHEMA
        if s.startswith("CREATE TABLE")
        and (cols := _KEY_COLUMNS.get(_table(s)))
        and (keyless := _keyless(s, cols)) != s  # a key written otherwise: the table keeps it, rebuilds stay right
    }


def schema() -> list[str]:
    """The fresh file's schema: the views' tables, those of keyed() with a unique index instead of their key."""
    statements: list[str] = []
    for statement in SCHEMA:
        if statement.startswith("CREATE INDEX"):
            continue  # built at the end (Views.finish_bulk), from sorted keys
        table = keyed().get(_table(statement)) if statement.startswith("CREATE TABLE") else None
        statements.extend(table[1:] if table else (statement,))
    return statements


@cache
def expand_rekeyed_rows() -> tuple[str, ...]:
    """EXPAND_ROWS with each table of keyed() without its unique index while its rows go in, built again right
    after (before the next statement, which may look rows up by it). For an expansion of many rows (the last
    one, and every EXPAND_EVERY): sorting the keys of a whole table costs less than placing the new keys one at
    a time. Small expansions mid-log keep the indexes."""
    tables = keyed()
    out: list[str] = []
    for statement in EXPAND_ROWS:
        target = statement.split(" INTO ", 1)[1].split()[0]
        if target in tables:
            out.extend((f"DROP INDEX rebuild_key_{target}", statement, tables[target][2]))
        else:
            out.append(statement)
    return tuple(out)


def expand_rekeyed() -> tuple[str, ...]:
    """expand_rekeyed_rows(), then the staged rows emptied."""
    return (*expand_rekeyed_rows(), "DELETE FROM temp.staged")


def restore_keys(conn: sqlite3.Connection) -> None:
    """Turn each unique index of keyed() into its table's primary key, in the schema only (in the caller's transaction).

    A key of a rowid table is stored as a unique index on its columns, named sqlite_autoindex_<table>_1 and
    without SQL of its own: the index already written is that index. The schema version moves on, so
    SQLite reads the schema again; tests/integration/test_views_rebuild_keys.py checks the file with integrity_check
    and its schema against catch-up's.
    """
    tables = keyed()
    if not tables:
        return  # the tables kept their keys (schema_writable)
    conn.execute("PRAGMA writable_schema=ON")
    try:
        for table, (statement, _, _) in tables.items():
            conn.execute(
                "UPDATE sqlite_master SET name = ?, sql = NULL WHERE type = 'index' AND name = ?",
                (f"sqlite_autoindex_{table}_1", f"rebuild_key_{table}"),
            )
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (statement, table))
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema=OFF")


_fact = itemgetter(*FACT_COLUMNS)


def staged_row(r: Record) -> tuple[Any, ...]:
    """The staged row of one reported interaction."""
    d = r.data
    source = d["source"]
    return (
        r.position,
        r.aggregate_id,
        r.recorded_at,
        *_fact(d),
        orjson.dumps(d["participants"]).decode(),
        *[source.get(c) for c in SOURCE_COLUMNS],
    )


Plan = list[tuple[bool, str, Any]]
# Staged rows are expanded at least this often, which bounds the temporary table (~320 MB a million
# rows); expanding every 100,000 cost ~7% more CPU on a 1M-event rebuild, and emptying the table
# ~1 s more than leaving it to vanish with the connection (finish_bulk).
EXPAND_EVERY = int(os.environ.get("TRACKER_REBUILD_EXPAND_EVERY", "2000000"))


class Planner:
    """The SQL steps of each batch of one rebuild, in turn: STAGED events staged, the others planned by `others`.

    Before an event that is neither staged nor independent, what is staged is expanded, so it
    finds the rows it would have found one event at a time (`others` is catch-up's planner,
    tracker.views.database.plan, passed in: that module uses this one). The planner counts the
    rows staged and not yet expanded across batches, so its batches must be applied in order.
    """

    def __init__(self, others: Callable[[list[Record]], Plan], every: int | None = None) -> None:
        self.others = others
        self.every = every or EXPAND_EVERY
        self.waiting = 0  # staged rows not yet expanded (the fresh file's temp.staged starts empty)

    def __call__(self, records: Iterable[Record]) -> Plan:
        steps: Plan = []
        staged: list[tuple[Any, ...]] = []
        pending: list[Record] = []
        row = staged_row
        for record in records:
            kind = record.type
            if kind == STAGED and STAGEABLE:
                if pending:
                    steps.extend(self.others(pending))
                    pending = []
                staged.append(row(record))
                self.waiting += 1
                continue
            if kind not in INDEPENDENT and self.waiting:
                if staged:
                    steps.append((True, _INSERT, staged))
                    staged = []
                steps.extend((False, sql, ()) for sql in EXPAND)
                self.waiting = 0
            pending.append(record)
        if pending:
            steps.extend(self.others(pending))
        if staged:
            steps.append((True, _INSERT, staged))
        if self.waiting >= self.every:
            steps.extend((False, sql, ()) for sql in expand_rekeyed())
            self.waiting = 0
        return steps
