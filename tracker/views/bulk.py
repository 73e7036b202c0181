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
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

import orjson

from tracker.records import Record
from tracker.views.projections import HANDLERS, MODULES, channels, interactions, timeline
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
            steps.extend((False, sql, ()) for sql in EXPAND)
            self.waiting = 0
        return steps
