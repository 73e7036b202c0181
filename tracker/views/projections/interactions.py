"""Read model: interactions, their participants and every source that reported them."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from events.catalogue import fields_of
from events.values import SOURCE_FIELDS
from events.vocab import ACCOUNT_FIELDS
from tracker.records import Record
from tracker.views.projections.ops import Op

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
        event TEXT NOT NULL, recorded_at TEXT NOT NULL, said_occurred_on TEXT, said_until TEXT, said_location TEXT,
        said_summary TEXT, PRIMARY KEY (interaction_id, url))""",
]

# Each field of InteractionReported is a column of the same name, but the participants and the
# source, which have their own tables; amendments change columns of the same name too.
FACT_COLUMNS = fields_of("InteractionReported", without=("participants", "source"))
# What the read model keeps of a source: all but when it was retrieved (that stays in the log).
SOURCE_COLUMNS = tuple(f for f in SOURCE_FIELDS if f != "retrieved_at")

_COLUMNS = frozenset(FACT_COLUMNS)
_fact = itemgetter(*FACT_COLUMNS)
_INSERT = (
    f"INSERT OR REPLACE INTO interactions (id, {', '.join(FACT_COLUMNS)}, retracted, retraction_reason, recorded_at, "
    f"updated_at) VALUES (?, {', '.join('?' * len(FACT_COLUMNS))}, 0, NULL, ?, ?)"
)
# What each report said of the interaction (its account), beside its source: said_occurred_on, …
ACCOUNT_COLUMNS = tuple(f"said_{f}" for f in ACCOUNT_FIELDS)
_INSERT_SOURCE = (
    f"INSERT OR IGNORE INTO interaction_sources (interaction_id, {', '.join(SOURCE_COLUMNS)}, event, recorded_at, "
    f"{', '.join(ACCOUNT_COLUMNS)}) VALUES (?, {', '.join('?' * (len(SOURCE_COLUMNS) + 2 + len(ACCOUNT_COLUMNS)))})"
)
_NO_ACCOUNT: dict[str, Any] = {}


def _source(r: Record, source: dict[str, Any], account: dict[str, Any] | None = None) -> Op:
    said = account or _NO_ACCOUNT
    return (
        _INSERT_SOURCE,
        (
            r.aggregate_id,
            *(source.get(f) for f in SOURCE_COLUMNS),
            r.type,
            r.recorded_at,
            *(said.get(f) for f in ACCOUNT_FIELDS),
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
        (_INSERT, (r.aggregate_id, *_fact(d), r.recorded_at, r.recorded_at)),
        *_participants(r, d["participants"]),
        _source(r, d["source"], d),
    ]


def corroborated(r: Record) -> list[Op]:
    """Row operations that add the new source and update the interaction's time of change."""
    # Version 1 of the event kept no account (upcast: None).
    return [_source(r, r.data["source"], r.data.get("account")), _touch(r)]


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
