"""Queries over the feeds read model: the feed objects of `feeds list --format json` and the status JSON."""

from __future__ import annotations

import sqlite3
from typing import Any

# The read model spells an interval as `--every` takes it (the one spelling, in the domain).
from events.feeds import interval_text as every

__all__ = ["every", "feed", "feeds", "live_names"]

_SELECT = "SELECT id, url, name, language, trust, interval, subscribed_at FROM feeds WHERE removed_at IS NULL"


def _feed(row: tuple[Any, ...]) -> dict[str, Any]:
    fid, url, name, language, trust, interval, subscribed_at = row
    # The poll fields stay null (failures and reports 0) until the poller records them (issue 9, points 2-3).
    return {
        "id": fid, "name": name, "url": url, "language": language, "trust": trust, "every": every(interval),
        "interval": interval, "subscribed_at": subscribed_at, "last_polled": None, "last_status": None,
        "last_error": None, "next_poll": None, "failures": 0, "reports": 0,
    }  # fmt: skip


def feeds(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every live feed, by name."""
    return [_feed(r) for r in conn.execute(_SELECT + " ORDER BY name, url")]


def feed(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    """The live feed of a name (or, failing that, of a URL), or None."""
    row = conn.execute(_SELECT + " AND name = ?", (name,)).fetchone()
    row = row or conn.execute(_SELECT + " AND url = ?", (name,)).fetchone()
    return _feed(row) if row else None


def live_names(conn: sqlite3.Connection) -> dict[str, str]:
    """The name of every live feed and its URL."""
    return dict(conn.execute("SELECT name, url FROM feeds WHERE removed_at IS NULL"))
