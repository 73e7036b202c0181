"""Read model: the channel catalogue and the dated history its status is derived from.

Status is not stored: it is read from channel_history as of a date, so `--as-of` needs
no replay (the rule: events.channel_status).
"""

from __future__ import annotations

import json

from events.values import normalise
from tracker.records import Record
from tracker.views.projections.ops import Op

SCHEMA = [
    """CREATE TABLE channels (
        id TEXT PRIMARY KEY, slug TEXT NOT NULL, dyad TEXT NOT NULL, name TEXT NOT NULL,
        name_zh TEXT, names TEXT NOT NULL, aliases TEXT NOT NULL, level TEXT,
        recorded_at TEXT NOT NULL, UNIQUE (dyad, slug))""",
    """CREATE TABLE channel_names (
        key TEXT NOT NULL, channel_id TEXT NOT NULL REFERENCES channels(id), name TEXT NOT NULL,
        PRIMARY KEY (key, channel_id))""",
    """CREATE TABLE channel_history (
        channel_id TEXT NOT NULL REFERENCES channels(id), position INTEGER NOT NULL,
        on_date TEXT NOT NULL, status TEXT NOT NULL, by TEXT, reason TEXT, fact_id TEXT,
        source_url TEXT, recorded_at TEXT NOT NULL, PRIMARY KEY (channel_id, position))""",
    "CREATE INDEX channel_history_when ON channel_history(channel_id, on_date, position)",
    "CREATE INDEX channel_history_fact ON channel_history(fact_id)",
]


def registered(r: Record) -> list[Op]:
    """Row operations that insert a registered channel and index its slug, names and aliases for lookup."""
    d = r.data
    names = d["names"]
    ops: list[Op] = [
        (
            "INSERT OR REPLACE INTO channels VALUES (?,?,?,?,?,?,?,?,?)",
            (
                r.aggregate_id,
                d["slug"],
                d["dyad"],
                names.get("en") or d["slug"],
                names.get("zh"),
                json.dumps(names, ensure_ascii=False),
                json.dumps(d["aliases"], ensure_ascii=False),
                d["level"],
                r.recorded_at,
            ),
        )
    ]
    for name in [d["slug"], *names.values(), *d["aliases"]]:
        ops.append(("INSERT OR IGNORE INTO channel_names VALUES (?,?,?)", (normalise(name), r.aggregate_id, name)))
    return ops


def alias_added(r: Record) -> list[Op]:
    """Row operations that append an alias to the channel and index it for lookup."""
    alias = r.data["alias"]
    return [
        ("UPDATE channels SET aliases = json_insert(aliases, '$[#]', ?) WHERE id = ?", (alias, r.aggregate_id)),
        ("INSERT OR IGNORE INTO channel_names VALUES (?,?,?)", (normalise(alias), r.aggregate_id, alias)),
    ]


def _assessment(status: str):  # type: ignore[no-untyped-def]
    def handler(r: Record) -> list[Op]:
        d = r.data
        return [
            (
                "INSERT OR REPLACE INTO channel_history VALUES (?,?,?,?,?,?,NULL,?,?)",
                (
                    r.aggregate_id,
                    r.position,
                    d["on"],
                    status,
                    d.get("by"),
                    d.get("reason"),
                    d["source"]["url"],
                    r.recorded_at,
                ),
            )
        ]

    return handler


_CONTACT = """INSERT OR REPLACE INTO channel_history
    SELECT c.id, ?, i.occurred_on, 'contact', NULL, NULL, i.id,
           (SELECT url FROM interaction_sources s WHERE s.interaction_id = i.id ORDER BY recorded_at LIMIT 1),
           i.recorded_at
    FROM interactions i JOIN channels c ON c.slug = i.channel AND c.dyad = i.dyad
    WHERE i.id = ? AND i.status = 'occurred' AND i.retracted = 0"""


def contact_reported(r: Record) -> list[Op]:
    """Row operation that adds a contact to a channel's history when the interaction names one and occurred."""
    if not r.data.get("channel"):
        return []
    return [(_CONTACT, (r.position, r.aggregate_id))]


def contact_changed(r: Record) -> list[Op]:
    """Row operations that derive an interaction's contact in channel history again after it changed."""
    return [
        ("DELETE FROM channel_history WHERE fact_id = ?", (r.aggregate_id,)),
        (_CONTACT, (r.position, r.aggregate_id)),
    ]


def assessment_retracted(r: Record) -> list[Op]:
    """Row operation that removes a withdrawn assessment from the channel's history."""
    d = r.data
    return [
        (
            "DELETE FROM channel_history WHERE channel_id = ? AND status = ? AND on_date = ? AND fact_id IS NULL",
            (r.aggregate_id, d["status"], d["on"]),
        )
    ]


HANDLERS = {
    "ChannelRegistered": registered,
    "ChannelAliasAdded": alias_added,
    "ChannelAssessmentRetracted": assessment_retracted,
    "ChannelSuspended": _assessment("suspended"),
    "ChannelStalled": _assessment("stalled"),
    "ChannelResumed": _assessment("resumed"),
    "InteractionReported": contact_reported,
    "InteractionAmended": contact_changed,
    "InteractionRetracted": contact_changed,
    "InteractionConfirmed": contact_changed,
    "InteractionCancelled": contact_changed,
}
