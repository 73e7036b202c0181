"""Read model: sanctions with their effective and lifting dates and their sources."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from events.catalogue import fields_of
from events.values import SOURCE_FIELDS
from tracker.records import Record
from tracker.views.projections.ops import Op

SCHEMA = [
    """CREATE TABLE sanctions (
        id TEXT PRIMARY KEY, imposed_by TEXT NOT NULL, authority TEXT NOT NULL, program TEXT NOT NULL,
        legal_basis TEXT, target TEXT NOT NULL REFERENCES actors(slug), target_state TEXT, reason TEXT,
        effective_on TEXT NOT NULL, precision TEXT NOT NULL DEFAULT 'day', lifted_on TEXT, retracted INTEGER NOT NULL DEFAULT 0,
        recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE sanction_sources (
        sanction_id TEXT NOT NULL REFERENCES sanctions(id), url TEXT NOT NULL, outlet TEXT,
        language TEXT, published_at TEXT, title TEXT, derived_from TEXT, event TEXT NOT NULL,
        recorded_at TEXT NOT NULL, PRIMARY KEY (sanction_id, url))""",
]

# Each field of SanctionImposed is a column of the same name, but the source (its own table);
# amendments change columns of the same name too.
FACT_COLUMNS = fields_of("SanctionImposed", without=("source",))
# What the read model keeps of a source: not when it was retrieved, nor the quote (both stay in the log).
SOURCE_COLUMNS = tuple(f for f in SOURCE_FIELDS if f not in ("retrieved_at", "quote"))

_COLUMNS = frozenset(FACT_COLUMNS)
_GETTER = itemgetter(*FACT_COLUMNS)


def _fact(data: dict[str, Any]) -> tuple[Any, ...]:
    if "precision" not in data:  # version 1 of SanctionImposed dated every sanction to the day
        data = {**data, "precision": "day"}
    return _GETTER(data)  # type: ignore[no-any-return]


_INSERT = (
    f"INSERT OR REPLACE INTO sanctions (id, {', '.join(FACT_COLUMNS)}, lifted_on, retracted, recorded_at, updated_at) "
    f"VALUES (?, {', '.join('?' * len(FACT_COLUMNS))}, NULL, 0, ?, ?)"
)
_INSERT_SOURCE = (
    f"INSERT OR IGNORE INTO sanction_sources (sanction_id, {', '.join(SOURCE_COLUMNS)}, event, recorded_at) "
    f"VALUES (?, {', '.join('?' * len(SOURCE_COLUMNS))}, ?, ?)"
)


def _source(r: Record) -> Op:
    s = r.data["source"]
    return (_INSERT_SOURCE, (r.aggregate_id, *(s.get(f) for f in SOURCE_COLUMNS), r.type, r.recorded_at))


def imposed(r: Record) -> list[Op]:
    """Row operations that insert an imposed sanction with its first source."""
    return [(_INSERT, (r.aggregate_id, *_fact(r.data), r.recorded_at, r.recorded_at)), _source(r)]


def corroborated(r: Record) -> list[Op]:
    """Row operation that adds the new source."""
    return [_source(r)]


def amended(r: Record) -> list[Op]:
    """Row operations that update the amended columns the read model keeps, and add the source."""
    ops: list[Op] = [
        (f"UPDATE sanctions SET {k} = ?, updated_at = ? WHERE id = ?", (v, r.recorded_at, r.aggregate_id))
        for k, v in r.data["changes"].items()
        if k in _COLUMNS
    ]
    return [*ops, _source(r)]


def lifted(r: Record) -> list[Op]:
    """Row operations that set the date the sanction was lifted and add the source."""
    return [
        (
            "UPDATE sanctions SET lifted_on = ?, updated_at = ? WHERE id = ?",
            (r.data["effective_on"], r.recorded_at, r.aggregate_id),
        ),
        _source(r),
    ]


def retracted(r: Record) -> list[Op]:
    """Row operations that mark the sanction retracted and add the source."""
    return [
        ("UPDATE sanctions SET retracted = 1, updated_at = ? WHERE id = ?", (r.recorded_at, r.aggregate_id)),
        _source(r),
    ]


HANDLERS = {
    "SanctionImposed": imposed,
    "SanctionCorroborated": corroborated,
    "SanctionAmended": amended,
    "SanctionLifted": lifted,
    "SanctionRetracted": retracted,
}
