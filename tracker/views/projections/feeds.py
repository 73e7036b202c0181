"""Read model: the feeds followed, their settings, and when each was subscribed and removed."""

from __future__ import annotations

from events.catalogue import fields_of
from tracker.records import Record
from tracker.views.projections.ops import Op

SCHEMA = [
    """CREATE TABLE feeds (
        id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, name TEXT NOT NULL, language TEXT NOT NULL,
        interval INTEGER NOT NULL, trust TEXT NOT NULL, subscribed_at TEXT NOT NULL, removed_at TEXT,
        removal_reason TEXT, updated_at TEXT NOT NULL)""",
    "CREATE INDEX feeds_name ON feeds (name)",
]

# Each field of FeedSubscribed is a column of the same name; FeedChanged changes columns of the same name.
COLUMNS = fields_of("FeedSubscribed")
_COLUMNS = frozenset(COLUMNS)
_INSERT = (
    f"INSERT OR REPLACE INTO feeds (id, {', '.join(COLUMNS)}, subscribed_at, removed_at, removal_reason, updated_at) "
    f"VALUES (?, {', '.join('?' * len(COLUMNS))}, ?, NULL, NULL, ?)"
)


def subscribed(r: Record) -> list[Op]:
    """Row operation that inserts the new feed."""
    return [(_INSERT, (r.aggregate_id, *(r.data[c] for c in COLUMNS), r.recorded_at, r.recorded_at))]


def changed(r: Record) -> list[Op]:
    """Row operations that update the changed settings; a feed taken up again is live from now."""
    ops: list[Op] = [
        (f"UPDATE feeds SET {k} = ?, updated_at = ? WHERE id = ?", (v, r.recorded_at, r.aggregate_id))
        for k, v in r.data["changes"].items()
        if k in _COLUMNS
    ]
    if r.data["changes"].get("removed") is False:
        ops.append(
            (
                "UPDATE feeds SET removed_at = NULL, removal_reason = NULL, subscribed_at = ? WHERE id = ?",
                (r.recorded_at, r.aggregate_id),
            )
        )
    return ops


def unsubscribed(r: Record) -> list[Op]:
    """Row operation that marks the feed removed, with the reason given."""
    return [
        (
            "UPDATE feeds SET removed_at = ?, removal_reason = ?, updated_at = ? WHERE id = ?",
            (r.recorded_at, r.data["reason"], r.recorded_at, r.aggregate_id),
        )
    ]


HANDLERS = {
    "FeedSubscribed": subscribed,
    "FeedChanged": changed,
    "FeedUnsubscribed": unsubscribed,
}
