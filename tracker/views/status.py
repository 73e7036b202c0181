"""The status report's sections from the read models: channels, sanctions, interactions, offices, index.

Read-only SQL. Keys follow the JSON contract (README, DESIGN §3); columns follow the events
(events.catalogue) through the projections.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from events.channel_status import Entry, channel_state

__all__ = [
    "INTERACTION_KEYS",
    "SOURCE_KEYS",
    "channels",
    "index",
    "interactions",
    "offices",
    "sanctions",
    "sources_of",
    "status",
]


def where(*conditions: str | tuple[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause and its parameters: plain clauses always, (clause, value) when a value is given
    (a list gives one parameter an item)."""
    clauses: list[str] = []
    params: list[Any] = []
    for condition in conditions:
        if isinstance(condition, str):
            clauses.append(condition)
            continue
        clause, value = condition
        if value:
            clauses.append(clause)
            params.extend(value if isinstance(value, list) else [value])
    return " AND ".join(clauses) or "1 = 1", params


def _names(conn: sqlite3.Connection) -> dict[str, tuple[str, str | None]]:
    return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT slug, name, state FROM actors")}


# The keys of the JSON contract, in its order: each is a read-model column of the same name, but
# participants and sources, which are built from their own tables.
INTERACTION_KEYS = (
    "id", "kind", "status", "cameo", "goldstein", "occurred_on", "precision", "until", "participants",
    "initiator", "recipient", "location", "channel", "summary", "sources",
)  # fmt: skip
SOURCE_KEYS = ("url", "outlet", "language", "published_at", "derived_from", "title")
_INTERACTION_COLUMNS = tuple(k for k in INTERACTION_KEYS if k not in ("participants", "sources"))


def sources_of(conn: sqlite3.Connection, table: str, key: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The sources of each fact (interaction or sanction) as the contract shows them, oldest first."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        _collect_sources(conn, out, table, key, f"({','.join('?' * len(chunk))})", chunk)
    return out


def _collect_sources(
    conn: sqlite3.Connection, out: dict[str, list[dict[str, Any]]], table: str, key: str, among: str, params: list[Any]
) -> None:
    cursor = conn.execute(
        f"SELECT {key}, {', '.join(SOURCE_KEYS)} FROM {table} WHERE {key} IN {among} ORDER BY recorded_at, url",
        params,
    )
    for fact, *values in cursor:
        out[fact].append(dict(zip(SOURCE_KEYS, values, strict=True)))


def channels(conn: sqlite3.Connection, dyad: str | None, as_of: str) -> list[dict[str, Any]]:
    """The channels of one dyad (or all), each with its status on a date from its history (events.channel_status)."""
    sql = "SELECT id, slug, name, names FROM channels" + (" WHERE dyad = ?" if dyad else "") + " ORDER BY rowid"
    out = []
    for c in conn.execute(sql, (dyad,) if dyad else ()).fetchall():
        history = [
            Entry(*r)
            for r in conn.execute(
                "SELECT on_date, status, source_url FROM channel_history WHERE channel_id = ? AND on_date <= ? "
                "ORDER BY on_date, position",
                (c["id"], as_of),
            )
        ]
        names = json.loads(c["names"])
        out.append(
            {
                "id": c["id"],
                "slug": c["slug"],
                "name": c["name"],
                "names": {"en": names.get("en"), "zh": names.get("zh")},
                **channel_state(history, as_of).as_json(),
            }
        )
    return out


def _states(dyad: str | None) -> list[str]:
    return dyad.split("-") if dyad else []


def sanctions(conn: sqlite3.Connection, dyad: str | None, as_of: str) -> list[dict[str, Any]]:
    states = _states(dyad)
    where = "retracted = 0 AND effective_on <= ?"
    params: list[Any] = [as_of]
    if states:
        marks = ",".join("?" * len(states))
        where += f" AND imposed_by IN ({marks}) AND (target_state IS NULL OR target_state IN ({marks}))"
        params += states + states
    rows = conn.execute(f"SELECT * FROM sanctions WHERE {where} ORDER BY effective_on, id", params).fetchall()
    names = _names(conn)
    sources = sources_of(conn, "sanction_sources", "sanction_id", [r["id"] for r in rows])
    out = []
    for r in rows:
        lifted = r["lifted_on"] is not None and r["lifted_on"] <= as_of
        out.append(
            {
                "id": r["id"],
                "imposed_by": r["imposed_by"],
                "authority": r["authority"],
                "program": r["program"],
                "legal_basis": r["legal_basis"],
                "target": {"id": r["target"], "name": names.get(r["target"], (r["target"], None))[0]},
                "target_state": r["target_state"],
                "reason": r["reason"],
                "since": r["effective_on"],
                "lifted_on": r["lifted_on"] if lifted else None,
                "status": "lifted" if lifted else "active",
                "sources": [s["url"] for s in sources.get(r["id"], [])],
            }
        )
    return out


def interactions(
    conn: sqlite3.Connection,
    *,
    dyad: str | None,
    since: str | None,
    until: str,
    statuses: tuple[str, ...],
    kind: str | None = None,
    actor: str | None = None,
) -> list[dict[str, Any]]:
    """Live interactions with the given statuses and filters, with participants and sources, by date."""
    clause, params = where(
        "retracted = 0",
        (f"status IN ({','.join('?' * len(statuses))})", list(statuses)),
        ("dyad = ?", dyad),
        ("occurred_on >= ?", since),
        ("occurred_on <= ?", until),
        ("kind = ?", kind),
        ("id IN (SELECT interaction_id FROM interaction_participants WHERE actor = ?)", actor),
    )
    chosen = f"SELECT id FROM interactions WHERE {clause}"
    rows = conn.execute(
        f"SELECT {', '.join(_INTERACTION_COLUMNS)} FROM interactions WHERE {clause} ORDER BY occurred_on, recorded_at",
        params,
    ).fetchall()
    names = _names(conn)
    people = {slug: {"id": slug, "name": name, "state": state} for slug, (name, state) in names.items()}
    # Participants and sources of all chosen interactions in one query each.
    parts: dict[str, list[str]] = defaultdict(list)
    for fact, slug in conn.execute(
        f"SELECT interaction_id, actor FROM interaction_participants WHERE interaction_id IN ({chosen}) ORDER BY ord",
        params,
    ):
        parts[fact].append(slug)
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    _collect_sources(conn, sources, "interaction_sources", "interaction_id", f"({chosen})", params)
    out = []
    for row in rows:
        columns = dict(zip(_INTERACTION_COLUMNS, row, strict=True))
        fact = columns["id"]
        built = {
            "participants": [
                dict(people.get(slug) or {"id": slug, "name": slug, "state": None}) for slug in parts.get(fact, [])
            ],
            "sources": sources.get(fact, []),
        }
        out.append({k: built[k] if k in built else columns[k] for k in INTERACTION_KEYS})
    return out


def offices(conn: sqlite3.Connection, dyad: str | None, as_of: str) -> list[dict[str, Any]]:
    states = _states(dyad)
    where = "o.since <= ? AND (o.until IS NULL OR o.until > ?)"
    params: list[Any] = [as_of, as_of]
    if states:
        where += f" AND coalesce(o.state, a.state) IN ({','.join('?' * len(states))})"
        params += states
    rows = conn.execute(
        f"SELECT a.slug, a.name, o.office, o.organization, coalesce(o.state, a.state) AS state, o.since, o.until "
        f"FROM offices o JOIN actors a ON a.id = o.actor_id WHERE {where} ORDER BY state, o.office, o.since",
        params,
    ).fetchall()
    return [
        {
            "actor": {"id": r["slug"], "name": r["name"]},
            "office": r["office"],
            "organization": r["organization"],
            "state": r["state"],
            "since": r["since"],
            "until": r["until"],
        }
        for r in rows
    ]


def index(conn: sqlite3.Connection, dyad: str | None, since: str, until: str) -> list[dict[str, Any]]:
    """The monthly cooperation–conflict index: count and Goldstein sum and mean of dated facts."""
    where = "occurred_on >= ? AND occurred_on <= ?"
    params: list[Any] = [since, until]
    if dyad:
        where += " AND dyad = ?"
        params.append(dyad)
    rows = conn.execute(
        f"SELECT substr(occurred_on, 1, 7) AS month, COUNT(*) AS n, SUM(coalesce(goldstein, 0)) AS total "
        f"FROM timeline WHERE {where} GROUP BY month ORDER BY month",
        params,
    ).fetchall()
    return [
        {
            "month": r["month"],
            "events": r["n"],
            "goldstein_sum": round(r["total"], 2),
            "goldstein_mean": round(r["total"] / r["n"], 2),
        }
        for r in rows
    ]


def status(
    conn: sqlite3.Connection, *, dyad: str, as_of: date, since: date | None = None, window_days: int = 365
) -> dict[str, Any]:
    """The state of a relationship on a date: the `tracker status --format json` body."""
    start = (since or (as_of - timedelta(days=window_days))).isoformat()
    end = as_of.isoformat()
    return {
        "dyad": dyad,
        "as_of": end,
        "window": {"since": start, "until": end},
        "channels": channels(conn, dyad, end),
        "sanctions": sanctions(conn, dyad, end),
        "interactions": interactions(conn, dyad=dyad, since=start, until=end, statuses=("occurred", "declined")),
        "expected": interactions(conn, dyad=dyad, since=start, until="9999-12-31", statuses=("expected",)),
        "offices": offices(conn, dyad, end),
        "index": index(conn, dyad, start, end),
        "review_pending": 0,
        "feeds": [],
    }
