"""Read model: every correction, retraction, confirmation, cancellation and lifting, with its reason.

Source tables keep one row per fact and URL, so a correction citing a URL the fact already
cites would leave no trace there; this table keeps one row per event.
"""

from __future__ import annotations

import json

from tracker.records import Record
from tracker.views.projections.ops import Op

SCHEMA = [
    """CREATE TABLE corrections (
        position INTEGER PRIMARY KEY, fact_id TEXT NOT NULL, fact_type TEXT NOT NULL, event TEXT NOT NULL,
        reason TEXT, changes TEXT, source_url TEXT, recorded_at TEXT NOT NULL)""",
    "CREATE INDEX corrections_fact ON corrections(fact_id)",
    "CREATE INDEX corrections_when ON corrections(recorded_at)",
]


def _row(fact_type: str):  # type: ignore[no-untyped-def]
    def handler(r: Record) -> list[Op]:
        d = r.data
        changes = d.get("changes")
        if changes is None and "effective_on" in d:
            changes = {"lifted_on": d["effective_on"]}
        if changes is None and "status" in d and "on" in d:
            changes = {"status": d["status"], "on": d["on"]}
        if changes is None and "occurred_on" in d:
            changes = {"status": "occurred", "occurred_on": d["occurred_on"]}
        return [
            (
                "INSERT OR REPLACE INTO corrections VALUES (?,?,?,?,?,?,?,?)",
                (
                    r.position,
                    r.aggregate_id,
                    fact_type,
                    r.type,
                    d.get("reason"),
                    json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes is not None else None,
                    (d.get("source") or {}).get("url"),
                    r.recorded_at,
                ),
            )
        ]

    return handler


HANDLERS = {
    "InteractionAmended": _row("interaction"),
    "InteractionRetracted": _row("interaction"),
    "InteractionConfirmed": _row("interaction"),
    "InteractionCancelled": _row("interaction"),
    "SanctionAmended": _row("sanction"),
    "SanctionRetracted": _row("sanction"),
    "SanctionLifted": _row("sanction"),
    "ChannelAssessmentRetracted": _row("channel"),
}
