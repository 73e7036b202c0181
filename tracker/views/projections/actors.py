"""Read model: actors, every name they are known by, and their offices over time."""

from __future__ import annotations

import json

from events.values import normalise
from tracker.records import Record
from tracker.views.projections.ops import Op

SCHEMA = [
    """CREATE TABLE actors (
        id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, state TEXT,
        name TEXT NOT NULL, name_zh TEXT, names TEXT NOT NULL, aliases TEXT NOT NULL,
        wikidata TEXT, recorded_at TEXT NOT NULL)""",
    """CREATE TABLE actor_names (
        key TEXT NOT NULL, actor_id TEXT NOT NULL REFERENCES actors(id), name TEXT NOT NULL,
        PRIMARY KEY (key, actor_id))""",
    """CREATE TABLE offices (
        actor_id TEXT NOT NULL REFERENCES actors(id), office TEXT NOT NULL, organization TEXT,
        state TEXT, since TEXT NOT NULL, until TEXT, source_url TEXT, recorded_at TEXT NOT NULL,
        precision TEXT NOT NULL DEFAULT 'day', until_precision TEXT, PRIMARY KEY (actor_id, office, since))""",
    "CREATE INDEX offices_since ON offices(since)",
]


def _names(aid: str, names: list[str]) -> list[Op]:
    return [("INSERT OR IGNORE INTO actor_names VALUES (?,?,?)", (normalise(n), aid, n)) for n in names if n]


def registered(r: Record) -> list[Op]:
    """Row operations that insert a registered actor and index its slug, names and aliases for lookup."""
    d = r.data
    names = d["names"]
    display = names.get("en") or names.get("zh") or d["slug"]
    ops: list[Op] = [
        (
            "INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                r.aggregate_id,
                d["slug"],
                d["kind"],
                d["state"],
                display,
                names.get("zh"),
                json.dumps(names, ensure_ascii=False),
                json.dumps(d["aliases"], ensure_ascii=False),
                d.get("wikidata"),
                r.recorded_at,
            ),
        )
    ]
    return ops + _names(r.aggregate_id, [d["slug"], *names.values(), *d["aliases"]])


def alias_added(r: Record) -> list[Op]:
    """Row operations that append an alias to the actor and index it for lookup."""
    alias = r.data["alias"]
    return [
        ("UPDATE actors SET aliases = json_insert(aliases, '$[#]', ?) WHERE id = ?", (alias, r.aggregate_id)),
        *_names(r.aggregate_id, [alias]),
    ]


def office_assumed(r: Record) -> list[Op]:
    """Row operation that records an office the actor took up, not yet left."""
    d = r.data
    return [
        (
            "INSERT OR REPLACE INTO offices VALUES (?,?,?,?,?,NULL,?,?,?,NULL)",
            (
                r.aggregate_id,
                d["office"],
                d["organization"],
                d["state"],
                d["since"],
                d["source"]["url"],
                r.recorded_at,
                d.get("precision", "day"),  # version 1 gave days
            ),
        )
    ]


def office_left(r: Record) -> list[Op]:
    """Row operation that closes the actor's open term in the office."""
    d = r.data
    return [
        (
            "UPDATE offices SET until = ?, until_precision = ? WHERE rowid = (SELECT rowid FROM offices "
            "WHERE actor_id = ? AND office = ? AND until IS NULL ORDER BY since LIMIT 1)",
            (d["until"], d.get("precision", "day"), r.aggregate_id, d["office"]),
        )
    ]


def term_withdrawn(r: Record) -> list[Op]:
    """Row operation that removes a term of office recorded in error."""
    d = r.data
    return [
        (
            "DELETE FROM offices WHERE actor_id = ? AND office = ? AND since = ?",
            (r.aggregate_id, d["office"], d["since"]),
        )
    ]


HANDLERS = {
    "ActorRegistered": registered,
    "AliasAdded": alias_added,
    "OfficeAssumed": office_assumed,
    "OfficeLeft": office_left,
    "OfficeTermWithdrawn": term_withdrawn,
}
