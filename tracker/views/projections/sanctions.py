"""Read model: sanctions with their effective and lifting dates and their sources."""

from __future__ import annotations

from tracker.records import Record
from tracker.views.projections import Op

SCHEMA = [
    """CREATE TABLE sanctions (
        id TEXT PRIMARY KEY, imposed_by TEXT NOT NULL, authority TEXT NOT NULL, program TEXT NOT NULL,
        legal_basis TEXT, target TEXT NOT NULL REFERENCES actors(slug), target_state TEXT, reason TEXT,
        effective_on TEXT NOT NULL, lifted_on TEXT, retracted INTEGER NOT NULL DEFAULT 0,
        recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE sanction_sources (
        sanction_id TEXT NOT NULL REFERENCES sanctions(id), url TEXT NOT NULL, outlet TEXT,
        language TEXT, published_at TEXT, title TEXT, derived_from TEXT, event TEXT NOT NULL,
        recorded_at TEXT NOT NULL, PRIMARY KEY (sanction_id, url))""",
]

_AMENDABLE = {"legal_basis", "reason", "effective_on", "target_state"}


def _source(r: Record) -> Op:
    s = r.data["source"]
    return (
        "INSERT OR IGNORE INTO sanction_sources VALUES (?,?,?,?,?,?,?,?,?)",
        (
            r.aggregate_id,
            s["url"],
            s.get("outlet"),
            s.get("language"),
            s.get("published_at"),
            s.get("title"),
            s.get("derived_from"),
            r.type,
            r.recorded_at,
        ),
    )


def imposed(r: Record) -> list[Op]:
    """Row operations that insert an imposed sanction with its first source."""
    d = r.data
    return [
        (
            "INSERT OR REPLACE INTO sanctions VALUES (?,?,?,?,?,?,?,?,?,NULL,0,?,?)",
            (
                r.aggregate_id,
                d["imposed_by"],
                d["authority"],
                d["program"],
                d["legal_basis"],
                d["target"],
                d["target_state"],
                d["reason"],
                d["effective_on"],
                r.recorded_at,
                r.recorded_at,
            ),
        ),
        _source(r),
    ]


def corroborated(r: Record) -> list[Op]:
    """Row operation that adds the new source."""
    return [_source(r)]


def amended(r: Record) -> list[Op]:
    """Row operations that update the amended columns the read model keeps, and add the source."""
    ops: list[Op] = [
        (f"UPDATE sanctions SET {k} = ?, updated_at = ? WHERE id = ?", (v, r.recorded_at, r.aggregate_id))
        for k, v in r.data["changes"].items()
        if k in _AMENDABLE
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
