"""Read model: every dated fact in one table, coded (CAMEO, Goldstein), for timelines and the index."""

from __future__ import annotations

from events.vocab import CHANNEL_SUSPENSION_CODE, SANCTION_CODE, SANCTION_LIFT_CODE
from tracker.records import Record
from tracker.views.projections.ops import Op

SCHEMA = [
    """CREATE TABLE timeline (
        id TEXT PRIMARY KEY, fact_id TEXT NOT NULL, fact_type TEXT NOT NULL, dyad TEXT NOT NULL,
        occurred_on TEXT NOT NULL, kind TEXT NOT NULL, code TEXT, goldstein REAL,
        summary TEXT, recorded_at TEXT NOT NULL, source_url TEXT)""",
    "CREATE INDEX timeline_when ON timeline(dyad, occurred_on)",
]

_COUNTED = "('occurred', 'declined')"

# source_url is the fact's first source: facts of one kind sharing a date and a first source are
# one announcement in the index (three channels suspended by one statement count once).
_FROM_INTERACTION = f"""INSERT OR REPLACE INTO timeline
    SELECT id, id, 'interaction', dyad, occurred_on, kind, cameo, goldstein, summary, recorded_at,
           (SELECT url FROM interaction_sources s WHERE s.interaction_id = i.id ORDER BY recorded_at, rowid LIMIT 1)
    FROM interactions i WHERE id = ? AND retracted = 0 AND status IN {_COUNTED}"""


def reported(r: Record) -> list[Op]:
    """Row operation that adds an interaction to the timeline if it is reported as occurred or declined."""
    d = r.data
    if d["status"] not in ("occurred", "declined"):
        return []
    return [
        (
            "INSERT OR REPLACE INTO timeline VALUES (?,?,'interaction',?,?,?,?,?,?,?,?)",
            (
                r.aggregate_id,
                r.aggregate_id,
                d["dyad"],
                d["occurred_on"],
                d["kind"],
                d["cameo"],
                d["goldstein"],
                d["summary"],
                r.recorded_at,
                d["source"]["url"],
            ),
        )
    ]


def interaction_changed(r: Record) -> list[Op]:
    """Row operations that rebuild an interaction's timeline row from the interactions table after it changed."""
    return [("DELETE FROM timeline WHERE id = ?", (r.aggregate_id,)), (_FROM_INTERACTION, (r.aggregate_id,))]


def _sanction_rows(r: Record) -> list[Op]:
    sid = r.aggregate_id
    return [
        ("DELETE FROM timeline WHERE fact_id = ?", (sid,)),
        (
            """INSERT INTO timeline SELECT id || ':imposed', id, 'sanction',
                   CASE WHEN target_state IS NULL OR target_state = imposed_by THEN imposed_by
                        WHEN imposed_by < target_state THEN imposed_by || '-' || target_state
                        ELSE target_state || '-' || imposed_by END,
                   effective_on, 'sanction-imposed', ?, ?, authority || ' ' || program || ' sanction on ' || target,
                   recorded_at, (SELECT url FROM sanction_sources s WHERE s.sanction_id = x.id
                                 ORDER BY recorded_at, rowid LIMIT 1)
               FROM sanctions x WHERE id = ? AND retracted = 0""",
            (SANCTION_CODE[0], SANCTION_CODE[1], sid),
        ),
        (
            """INSERT INTO timeline SELECT id || ':lifted', id, 'sanction',
                   (SELECT dyad FROM timeline WHERE id = ? || ':imposed'), lifted_on, 'sanction-lifted', ?, ?,
                   authority || ' ' || program || ' sanction on ' || target || ' lifted', updated_at,
                   (SELECT url FROM sanction_sources s WHERE s.sanction_id = x.id AND s.event = 'SanctionLifted'
                    ORDER BY recorded_at, rowid LIMIT 1)
               FROM sanctions x WHERE id = ? AND retracted = 0 AND lifted_on IS NOT NULL""",
            (sid, SANCTION_LIFT_CODE[0], SANCTION_LIFT_CODE[1], sid),
        ),
    ]


def _channel(status: str, code: str | None, goldstein: float | None):  # type: ignore[no-untyped-def]
    def handler(r: Record) -> list[Op]:
        return [
            (
                """INSERT OR REPLACE INTO timeline SELECT ?, id, 'channel', dyad, ?, ?, ?, ?,
                       name || ' ' || ? || coalesce(': ' || ?, ''), ?, ? FROM channels WHERE id = ?""",
                (
                    f"{r.aggregate_id}:{r.position}",
                    r.data["on"],
                    f"channel-{status}",
                    code,
                    goldstein,
                    status,
                    r.data.get("reason"),
                    r.recorded_at,
                    r.data["source"]["url"],
                    r.aggregate_id,
                ),
            )
        ]

    return handler


def channel_retracted(r: Record) -> list[Op]:
    """Row operation that removes a withdrawn channel assessment from the timeline."""
    d = r.data
    return [
        (
            "DELETE FROM timeline WHERE fact_id = ? AND kind = ? AND occurred_on = ?",
            (r.aggregate_id, f"channel-{d['status']}", d["on"]),
        )
    ]


HANDLERS = {
    "ChannelAssessmentRetracted": channel_retracted,
    "InteractionReported": reported,
    "InteractionAmended": interaction_changed,
    "InteractionRetracted": interaction_changed,
    "InteractionConfirmed": interaction_changed,
    "InteractionCancelled": interaction_changed,
    "SanctionImposed": _sanction_rows,
    "SanctionAmended": _sanction_rows,
    "SanctionLifted": _sanction_rows,
    "SanctionRetracted": _sanction_rows,
    "ChannelSuspended": _channel("suspended", *CHANNEL_SUSPENSION_CODE),
    "ChannelStalled": _channel("stalled", None, None),
    "ChannelResumed": _channel("resumed", None, None),
}
