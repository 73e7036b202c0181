"""What changed in a relationship since a date: the optional "changes" part of the status report.

Read-only SQL over the read models (tables defined in tracker/projections/*.py SCHEMA):

    {"since": "2023-07-01", "as_of": "2023-07-31",
     "channels":     [{"id", "slug", "name", "from", "to", "on"}],
     "sanctions":    [{"id", "target": {"id", "name"}, "program", "imposed_by", "event": "imposed"|"lifted", "on"}],
     "interactions": [{"id", "kind", "status", "occurred_on", "recorded_at", "summary"}],
     "corrections":  [{"id", "fact": "interaction"|"sanction", "event", "recorded_at", "reason", "source"}]}

"Changed" is defined once: a fact changed in the window (since, as_of] when its own date falls
in it (the day a channel's status changed, a sanction took effect or was lifted, an interaction
took place), and a correction when the ledger recorded it in that window. Nothing dated after
the as-of date appears.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from tracker.views import queries
from tracker.views.queries import channel_history

__all__ = ["changes_since", "channel_histories"]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _states(dyad: str) -> list[str]:
    return dyad.split("-")


def changes_since(conn: sqlite3.Connection, *, dyad: str, since: str, as_of: str) -> dict[str, Any]:
    """Channel status changes, sanctions imposed or lifted, interactions recorded and corrections since a date.

    conn is a read-model connection with sqlite3.Row rows, as every query in tracker.queries expects.
    """
    before = {c["id"]: c for c in queries.channels(conn, dyad, since)}
    channels = [
        {
            "id": c["id"],
            "slug": c["slug"],
            "name": c["name"],
            "from": before[c["id"]]["status"],
            "to": c["status"],
            "on": c["since"],
        }
        for c in queries.channels(conn, dyad, as_of)
        if c["id"] in before and before[c["id"]]["status"] != c["status"]
    ]

    states = _states(dyad)
    in_dyad = f"{{t}}imposed_by IN ({_marks(states)}) AND ({{t}}target_state IS NULL OR {{t}}target_state IN ({_marks(states)}))"
    names = {r[0]: r[1] for r in conn.execute("SELECT slug, name FROM actors")}
    sanctions: list[dict[str, Any]] = []
    for event, column in (("imposed", "effective_on"), ("lifted", "lifted_on")):
        rows = conn.execute(
            f"SELECT id, target, program, imposed_by, {column} AS on_date FROM sanctions "
            f"WHERE retracted = 0 AND {column} > ? AND {column} <= ? AND {in_dyad.format(t='')}",
            [since, as_of, *states, *states],
        ).fetchall()
        sanctions += [
            {
                "id": r["id"],
                "target": {"id": r["target"], "name": names.get(r["target"], r["target"])},
                "program": r["program"],
                "imposed_by": r["imposed_by"],
                "event": event,
                "on": r["on_date"],
            }
            for r in rows
        ]
    sanctions.sort(key=lambda s: (s["on"], s["event"], s["id"]))

    interactions = [
        {
            "id": r["id"],
            "kind": r["kind"],
            "status": r["status"],
            "occurred_on": r["occurred_on"],
            "recorded_at": r["recorded_at"],
            "summary": r["summary"],
        }
        for r in conn.execute(
            "SELECT * FROM interactions WHERE dyad = ? AND retracted = 0 AND occurred_on > ? AND occurred_on <= ? "
            "ORDER BY occurred_on, recorded_at, id",
            (dyad, since, as_of),
        )
    ]

    corrections = [
        {
            "id": r["fact_id"],
            "fact": r["fact_type"],
            "event": r["event"],
            "recorded_at": r["recorded_at"],
            "reason": r["reason"],
            "changes": json.loads(r["changes"]) if r["changes"] else None,
            "source": r["source_url"],
        }
        for r in conn.execute(
            f"""SELECT c.* FROM corrections c
                LEFT JOIN interactions i ON c.fact_type = 'interaction' AND i.id = c.fact_id
                LEFT JOIN sanctions x ON c.fact_type = 'sanction' AND x.id = c.fact_id
                LEFT JOIN channels ch ON c.fact_type = 'channel' AND ch.id = c.fact_id
                WHERE substr(c.recorded_at, 1, 10) > ? AND substr(c.recorded_at, 1, 10) <= ?
                  AND (i.dyad = ? OR ch.dyad = ? OR (x.id IS NOT NULL AND {in_dyad.format(t="x.")}))
                ORDER BY c.recorded_at, c.position""",
            [since, as_of, dyad, dyad, *states, *states],
        )
    ]
    return {
        "since": since,
        "as_of": as_of,
        "channels": channels,
        "sanctions": sanctions,
        "interactions": interactions,
        "corrections": corrections,
    }


def channel_histories(conn: sqlite3.Connection, *, dyad: str, until: str) -> dict[str, list[dict[str, Any]]]:
    """Each channel's dated history up to a date, oldest first: the optional status["channel_history"] for the HTML report."""
    return {
        c["id"]: channel_history(conn, c["id"], until)
        for c in conn.execute("SELECT id FROM channels WHERE dyad = ? ORDER BY rowid", (dyad,))
    }
