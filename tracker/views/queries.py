"""Queries over the read models: the status report, listings, name lookup. Read-only SQL."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

__all__ = [
    "actors",
    "channel_status",
    "channels",
    "find_fact",
    "interactions",
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


def find_channel(conn: sqlite3.Connection, prefix: str) -> str | None:
    """The id of the one channel whose id starts with prefix (at least 6 characters), else None."""
    prefix = prefix.strip().lower()
    if len(prefix) < 6:
        return None
    rows = conn.execute("SELECT id FROM channels WHERE id LIKE ? LIMIT 2", (prefix + "%",)).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def assessments_on(conn: sqlite3.Connection, channel_uuid: str, day: str) -> list[str]:
    """What was recorded of a channel for a day: suspended, stalled or resumed (contacts aside)."""
    rows = conn.execute(
        "SELECT DISTINCT status FROM channel_history WHERE channel_id = ? AND on_date = ? AND fact_id IS NULL "
        "ORDER BY status",
        (channel_uuid, day),
    )
    return [r[0] for r in rows]


def _names(conn: sqlite3.Connection) -> dict[str, tuple[str, str | None]]:
    return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT slug, name, state FROM actors")}


def _sources(conn: sqlite3.Connection, table: str, key: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        _collect_sources(conn, out, table, key, f"({','.join('?' * len(chunk))})", chunk)
    return out


def _collect_sources(
    conn: sqlite3.Connection, out: dict[str, list[dict[str, Any]]], table: str, key: str, among: str, params: list[Any]
) -> None:
    cursor = conn.execute(
        f"SELECT {key}, url, outlet, language, published_at, derived_from, title FROM {table} "
        f"WHERE {key} IN {among} ORDER BY recorded_at, url",
        params,
    )
    for fact, url, outlet, language, published_at, derived_from, title in cursor:
        out[fact].append(
            {
                "url": url,
                "outlet": outlet,
                "language": language,
                "published_at": published_at,
                "derived_from": derived_from,
                "title": title,
            }
        )


def channel_status(rows: list[sqlite3.Row]) -> dict[str, Any]:
    """Derive status from a channel's dated history (oldest first), as DESIGN §1 defines it."""
    status, since, last_contact, sources = "unknown", None, None, []  # type: ignore[var-annotated]
    for r in rows:
        new = {"suspended": "suspended", "stalled": "stalled", "resumed": "active", "contact": "active"}[r["status"]]
        if r["status"] == "contact":
            last_contact = r["on_date"]
        if new != status:
            status, since, sources = new, r["on_date"], []
        if r["source_url"] and r["source_url"] not in sources:
            sources.append(r["source_url"])
    return {"status": status, "since": since, "last_contact": last_contact, "sources": sources}


def channels(conn: sqlite3.Connection, dyad: str | None, as_of: str) -> list[dict[str, Any]]:
    """The channels of one dyad (or all), each with its status from its history up to a date."""
    sql = "SELECT * FROM channels" + (" WHERE dyad = ?" if dyad else "") + " ORDER BY rowid"
    out = []
    for c in conn.execute(sql, (dyad,) if dyad else ()).fetchall():
        rows = conn.execute(
            "SELECT * FROM channel_history WHERE channel_id = ? AND on_date <= ? ORDER BY on_date, position",
            (c["id"], as_of),
        ).fetchall()
        names = json.loads(c["names"])
        out.append(
            {
                "id": c["id"],
                "slug": c["slug"],
                "name": c["name"],
                "names": {"en": names.get("en"), "zh": names.get("zh")},
                **channel_status(rows),
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
    sources = _sources(conn, "sanction_sources", "sanction_id", [r["id"] for r in rows])
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
    where = ["retracted = 0", f"status IN ({','.join('?' * len(statuses))})"]
    params: list[Any] = list(statuses)
    if dyad:
        where.append("dyad = ?")
        params.append(dyad)
    if since:
        where.append("occurred_on >= ?")
        params.append(since)
    if until:
        where.append("occurred_on <= ?")
        params.append(until)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if actor:
        where.append("id IN (SELECT interaction_id FROM interaction_participants WHERE actor = ?)")
        params.append(actor)
    chosen = f"SELECT id FROM interactions WHERE {' AND '.join(where)}"
    rows = conn.execute(
        f"SELECT {', '.join(_INTERACTION_COLUMNS)} FROM interactions WHERE {' AND '.join(where)} "
        "ORDER BY occurred_on, recorded_at",
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
        item = dict(zip(_INTERACTION_COLUMNS, row, strict=True))
        # Participants are built in place (between until and initiator) to keep the documented key order.
        fact = item["id"]
        item = {
            **{k: item[k] for k in _INTERACTION_COLUMNS[:8]},
            "participants": [
                dict(people.get(slug) or {"id": slug, "name": slug, "state": None}) for slug in parts.get(fact, [])
            ],
            **{k: item[k] for k in _INTERACTION_COLUMNS[8:]},
            "sources": sources.get(fact, []),
        }
        out.append(item)
    return out


_INTERACTION_COLUMNS = (
    "id",
    "kind",
    "status",
    "cameo",
    "goldstein",
    "occurred_on",
    "precision",
    "until",
    "initiator",
    "recipient",
    "location",
    "channel",
    "summary",
)


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
    where, params = ["1 = 1"], []
    for clause, value in (
        ("dyad = ?", dyad),
        ("occurred_on >= ?", since),
        ("occurred_on <= ?", until),
        ("kind = ?", kind),
    ):
        if value:
            where.append(clause)
            params.append(value)
    if actor:
        where.append(
            "(fact_id IN (SELECT interaction_id FROM interaction_participants WHERE actor = ?) "
            "OR fact_id IN (SELECT id FROM sanctions WHERE target = ?))"
        )
        params += [actor, actor]
    rows = conn.execute(
        f"SELECT * FROM timeline WHERE {' AND '.join(where)} ORDER BY occurred_on, recorded_at, id", params
    ).fetchall()
    ids = [r["fact_id"] for r in rows]
    srcs = _sources(conn, "interaction_sources", "interaction_id", ids)
    srcs.update(_sources(conn, "sanction_sources", "sanction_id", ids))
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
            "sources": [s["url"] for s in srcs.get(r["fact_id"], [])],
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


def actors(conn: sqlite3.Connection, kind: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
    """Every actor, optionally only those of one kind or one state, states first."""
    where, params = ["1 = 1"], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if state:
        where.append("state = ?")
        params.append(state)
    rows = conn.execute(f"SELECT * FROM actors WHERE {' AND '.join(where)} ORDER BY kind DESC, slug", params).fetchall()
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
            "until": r["until"],
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
