"""Read model: interactions, their participants and every source that reported them."""

from __future__ import annotations

from events.vocab import AMENDABLE_FIELDS
from tracker.records import Record
from tracker.views.projections import Op

SCHEMA = [
    """CREATE TABLE interactions (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, cameo TEXT NOT NULL,
        goldstein REAL NOT NULL, plover TEXT, dyad TEXT NOT NULL, occurred_on TEXT NOT NULL,
        precision TEXT NOT NULL, until TEXT, location TEXT, channel TEXT, summary TEXT,
        initiator TEXT REFERENCES actors(slug), recipient TEXT REFERENCES actors(slug), codebook TEXT, retracted INTEGER NOT NULL DEFAULT 0,
        retraction_reason TEXT, recorded_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    # status first: the report asks for occurred and for expected interactions separately.
    "CREATE INDEX interactions_when ON interactions(dyad, status, occurred_on)",
    """CREATE TABLE interaction_participants (
        interaction_id TEXT NOT NULL REFERENCES interactions(id), actor TEXT NOT NULL REFERENCES actors(slug),
        ord INTEGER NOT NULL, PRIMARY KEY (interaction_id, actor))""",
    """CREATE TABLE interaction_sources (
        interaction_id TEXT NOT NULL REFERENCES interactions(id), url TEXT NOT NULL,
        outlet TEXT, language TEXT, published_at TEXT, title TEXT, quote TEXT, derived_from TEXT,
        event TEXT NOT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (interaction_id, url))""",
]

# Amendable fields are columns of the same name: the domain's list is the one to keep.
_COLUMNS = frozenset(AMENDABLE_FIELDS)


def _source(r: Record, source: dict) -> Op:  # type: ignore[type-arg]
    return (
        "INSERT OR IGNORE INTO interaction_sources VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            r.aggregate_id,
            source["url"],
            source.get("outlet"),
            source.get("language"),
            source.get("published_at"),
            source.get("title"),
            source.get("quote"),
            source.get("derived_from"),
            r.type,
            r.recorded_at,
        ),
    )


def _participants(r: Record, slugs: list[str]) -> list[Op]:
    return [
        ("INSERT OR IGNORE INTO interaction_participants VALUES (?,?,?)", (r.aggregate_id, slug, i))
        for i, slug in enumerate(slugs)
    ]


def reported(r: Record) -> list[Op]:
    """Row operations that insert a reported interaction with its participants and first source."""
    d = r.data
    return [
        (
            "INSERT OR REPLACE INTO interactions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,NULL,?,?)",
            (
                r.aggregate_id,
                d["kind"],
                d["status"],
                d["cameo"],
                d["goldstein"],
                d["plover"],
                d["dyad"],
                d["occurred_on"],
                d["precision"],
                d["until"],
                d["location"],
                d["channel"],
                d["summary"],
                d["initiator"],
                d["recipient"],
                d["codebook"],
                r.recorded_at,
                r.recorded_at,
            ),
        ),
        *_participants(r, d["participants"]),
        _source(r, d["source"]),
    ]


def corroborated(r: Record) -> list[Op]:
    """Row operations that add the new source and update the interaction's time of change."""
    return [_source(r, r.data["source"]), _touch(r)]


def _touch(r: Record) -> Op:
    return ("UPDATE interactions SET updated_at = ? WHERE id = ?", (r.recorded_at, r.aggregate_id))


def amended(r: Record) -> list[Op]:
    """Row operations that update the amended columns, replace the participants if changed, and add the source."""
    ops: list[Op] = []
    for name, value in r.data["changes"].items():
        if name in _COLUMNS:
            ops.append((f"UPDATE interactions SET {name} = ? WHERE id = ?", (value, r.aggregate_id)))
        elif name == "participants":
            ops.append(("DELETE FROM interaction_participants WHERE interaction_id = ?", (r.aggregate_id,)))
            ops.extend(_participants(r, value))
    return [*ops, _source(r, r.data["source"]), _touch(r)]


def retracted(r: Record) -> list[Op]:
    """Row operations that mark the interaction retracted, with the reason, and add the source."""
    return [
        (
            "UPDATE interactions SET retracted = 1, retraction_reason = ?, updated_at = ? WHERE id = ?",
            (r.data["reason"], r.recorded_at, r.aggregate_id),
        ),
        _source(r, r.data["source"]),
    ]


def confirmed(r: Record) -> list[Op]:
    """Row operations that mark the interaction occurred on the confirmed date and add the source."""
    return [
        (
            "UPDATE interactions SET status = 'occurred', occurred_on = ?, updated_at = ? WHERE id = ?",
            (r.data["occurred_on"], r.recorded_at, r.aggregate_id),
        ),
        _source(r, r.data["source"]),
    ]


def cancelled(r: Record) -> list[Op]:
    """Row operations that mark the interaction cancelled and add the source."""
    return [
        ("UPDATE interactions SET status = 'cancelled', updated_at = ? WHERE id = ?", (r.recorded_at, r.aggregate_id)),
        _source(r, r.data["source"]),
    ]


HANDLERS = {
    "InteractionReported": reported,
    "InteractionCorroborated": corroborated,
    "InteractionAmended": amended,
    "InteractionRetracted": retracted,
    "InteractionConfirmed": confirmed,
    "InteractionCancelled": cancelled,
}
