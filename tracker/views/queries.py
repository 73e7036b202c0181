"""Lookups and listings over the read models: names, fact ids, actors, timeline, channel history.

Read-only SQL; the status report's sections are in tracker.views.status.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from tracker.views.status import channels, sources_of, status, where

__all__ = [
    "actor_offices",
    "actors",
    "assessments_on",
    "channel_history",
    "channels",
    "find_fact",
    "names",
    "status",
    "timeline",
]


def names(conn: sqlite3.Connection) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every name of every actor, as (name, id, slug, kind, state, display name), and of every channel,
    as (name, id, slug, dyad, display name): what a gazetteer is built from."""
    actor_rows = conn.execute(
        "SELECT n.name, a.id, a.slug, a.kind, a.state, a.name AS display FROM actor_names n JOIN actors a ON a.id = n.actor_id"
    ).fetchall()
    channel_rows = conn.execute(
        "SELECT n.name, c.id, c.slug, c.dyad, c.name AS display FROM channel_names n JOIN channels c ON c.id = n.channel_id"
    ).fetchall()
    return [tuple(r) for r in actor_rows], [tuple(r) for r in channel_rows]


def find_fact(conn: sqlite3.Connection, prefix: str) -> tuple[str, str] | None:
    """(id, table) of the interaction or sanction whose id starts with prefix; ambiguity raises ValueError."""
    prefix = prefix.strip().lower()
    found: list[tuple[str, str]] = []
    for table in ("interactions", "sanctions"):
        rows = conn.execute(f"SELECT id FROM {table} WHERE id LIKE ? LIMIT 3", (prefix + "%",)).fetchall()
        found.extend((r[0], table) for r in rows)
    if len(found) > 1:
        raise ValueError(f"id {prefix!r} is ambiguous: give more characters")
    return found[0] if found else None


def assessments_on(conn: sqlite3.Connection, channel_uuid: str, day: str) -> list[str]:
    """What was recorded of a channel for a day: suspended, stalled or resumed (contacts aside)."""
    rows = conn.execute(
        "SELECT DISTINCT status FROM channel_history WHERE channel_id = ? AND on_date = ? AND fact_id IS NULL "
        "ORDER BY status",
        (channel_uuid, day),
    )
    return [r[0] for r in rows]


def timeline(
    conn: sqlite3.Connection,
    *,
    dyad: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
) -> list[dict[str, Any]]:
    """Timeline rows, filtered by dyad, dates, kind or actor, by date, with their source URLs."""
    clause, params = where(
        ("dyad = ?", dyad),
        ("occurred_on >= ?", since),
        ("occurred_on <= ?", until),
        ("kind = ?", kind),
        (
            "(fact_id IN (SELECT interaction_id FROM interaction_participants WHERE actor = ?) "
            "OR fact_id IN (SELECT id FROM sanctions WHERE target = ?))",
            [actor, actor] if actor else None,
        ),
    )
    rows = conn.execute(
        f"SELECT * FROM timeline WHERE {clause} ORDER BY occurred_on, recorded_at, id", params
    ).fetchall()
    ids = [r["fact_id"] for r in rows]
    srcs = sources_of(conn, "interaction_sources", "interaction_id", ids)
    srcs.update(sources_of(conn, "sanction_sources", "sanction_id", ids))
    return [
        {
            "id": r["fact_id"],
            "occurred_on": r["occurred_on"],
            "type": r["fact_type"],
            "kind": r["kind"],
            "dyad": r["dyad"],
            "code": r["code"],
            "goldstein": r["goldstein"],
            "summary": r["summary"],
            # A channel's assessment cites its one source on its own row.
            "sources": [s["url"] for s in srcs.get(r["fact_id"], [])]
            if r["fact_type"] != "channel"
            else [r["source_url"]] * bool(r["source_url"]),
        }
        for r in rows
    ]


def actors(conn: sqlite3.Connection, kind: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
    """Every actor, optionally only those of one kind or one state, states first."""
    clause, params = where(("kind = ?", kind), ("state = ?", state))
    rows = conn.execute(f"SELECT * FROM actors WHERE {clause} ORDER BY kind DESC, slug", params).fetchall()
    return [
        {
            "id": r["slug"],
            "uuid": r["id"],
            "kind": r["kind"],
            "state": r["state"],
            "name": r["name"],
            "names": json.loads(r["names"]),
            "aliases": json.loads(r["aliases"]),
            "wikidata": r["wikidata"],
        }
        for r in rows
    ]


def actor_offices(conn: sqlite3.Connection, actor_uuid: str) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM offices WHERE actor_id = ? ORDER BY since", (actor_uuid,)).fetchall()
    return [
        {
            "office": r["office"],
            "organization": r["organization"],
            "state": r["state"],
            "since": r["since"],
            "precision": r["precision"],
            "until": r["until"],
            "until_precision": r["until_precision"],
            "source": r["source_url"],
        }
        for r in rows
    ]


def channel_history(conn: sqlite3.Connection, channel_uuid: str, until: str = "9999-12-31") -> list[dict[str, Any]]:
    """A channel's dated history up to a date, oldest first."""
    rows = conn.execute(
        "SELECT * FROM channel_history WHERE channel_id = ? AND on_date <= ? ORDER BY on_date, position",
        (channel_uuid, until),
    ).fetchall()
    return [
        {
            "on": r["on_date"],
            "status": r["status"],
            "by": r["by"],
            "reason": r["reason"],
            "fact_id": r["fact_id"],
            "source": r["source_url"],
        }
        for r in rows
    ]
