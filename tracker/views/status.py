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
from events.vocab import ACCOUNT_FIELDS
from tracker.data import place_name
from tracker.views.feeds import feeds
from tracker.views.projections.interactions import ACCOUNT_COLUMNS
from tracker.views.reports import review_pending

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
# location_name, disputed and each source's account are compatible additions (README).
INTERACTION_KEYS = (
    "id", "kind", "status", "cameo", "goldstein", "occurred_on", "precision", "until", "participants",
    "initiator", "recipient", "location", "location_name", "channel", "summary", "sources", "disputed",
)  # fmt: skip
SOURCE_KEYS = ("url", "outlet", "language", "published_at", "derived_from", "title")
_BUILT = ("participants", "location_name", "sources", "disputed")
_INTERACTION_COLUMNS = tuple(k for k in INTERACTION_KEYS if k not in _BUILT)
# The fields on which sources can disagree in a way an analyst should see (wording always differs).
_DISPUTABLE = ("occurred_on", "until", "location")


def sources_of(conn: sqlite3.Connection, table: str, key: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The sources of each fact (interaction or sanction) as the contract shows them, oldest first."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        _collect_sources(conn, out, table, key, f"({','.join('?' * len(chunk))})", chunk)
    return out


def _collect_sources(
    conn: sqlite3.Connection,
    out: dict[str, list[dict[str, Any]]],
    table: str,
    key: str,
    among: str,
    params: list[Any],
    *,
    accounts: bool = False,
) -> None:
    columns = SOURCE_KEYS + (ACCOUNT_COLUMNS if accounts else ())
    cursor = conn.execute(
        f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE {key} IN {among} ORDER BY recorded_at, url",
        params,
    )
    n = len(SOURCE_KEYS)
    for fact, *values in cursor:
        item = dict(zip(SOURCE_KEYS, values[:n], strict=True))
        if accounts and any(v is not None for v in values[n:]):
            # What this report said of the interaction: its date, last day, place and summary.
            item["account"] = dict(zip(ACCOUNT_FIELDS, values[n:], strict=True))
        out[fact].append(item)


def disputed(sources: list[dict[str, Any]]) -> list[str]:
    """The fields (date, last day, place) on which the reports of one interaction disagree."""
    out = []
    for name in _DISPUTABLE:
        said = {s["account"][name] for s in sources if s.get("account") and s["account"].get(name) is not None}
        if len(said) > 1:
            out.append(name)
    return out


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
                "precision": r["precision"],
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
    until: str | None,
    statuses: tuple[str, ...],
    kind: str | None = None,
    actor: str | None = None,
    also: tuple[str, list[Any]] | None = None,
) -> list[dict[str, Any]]:
    """Live interactions with the given statuses and filters (and the condition `also`), with participants and sources."""
    clause, params = where(
        "retracted = 0",
        (f"status IN ({','.join('?' * len(statuses))})", list(statuses)),
        also or ("", None),
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
    _collect_sources(conn, sources, "interaction_sources", "interaction_id", f"({chosen})", params, accounts=True)
    out = []
    for row in rows:
        columns = dict(zip(_INTERACTION_COLUMNS, row, strict=True))
        fact = columns["id"]
        cited = sources.get(fact, [])
        dispute = disputed(cited) if len(cited) > 1 else []
        for source in cited:
            # A report that says what the record says adds nothing to read: its account is left out.
            said = source.get("account")
            if said is not None and all(said[k] is None or said[k] == columns[k] for k in ACCOUNT_FIELDS):
                del source["account"]
        built = {
            "participants": [
                dict(people.get(slug) or {"id": slug, "name": slug, "state": None}) for slug in parts.get(fact, [])
            ],
            "location_name": place_name(columns["location"]),
            "sources": cited,
            "disputed": dispute,
        }
        out.append({k: built[k] if k in built else columns[k] for k in INTERACTION_KEYS})
    return out


def offices(conn: sqlite3.Connection, dyad: str | None, as_of: str) -> list[dict[str, Any]]:
    states = _states(dyad)
    # A date known only to its month or year may be any day of it: a term is listed while it may
    # have been held (from the start of its first period to the end of its last), so a handover
    # known only to its year shows both holders that year rather than neither.
    where = (
        "o.since <= ? AND (o.until IS NULL OR date(o.until, CASE o.until_precision WHEN 'year' THEN '+1 year' "
        "WHEN 'month' THEN '+1 month' ELSE '+0 days' END) > ?)"
    )
    params: list[Any] = [as_of, as_of]
    if states:
        where += f" AND coalesce(o.state, a.state) IN ({','.join('?' * len(states))})"
        params += states
    rows = conn.execute(
        f"SELECT a.slug, a.name, o.office, o.organization, coalesce(o.state, a.state) AS state, o.since, o.until, "
        f"o.precision "
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
            "precision": r["precision"],
            # Only offices held on the as-of date are listed: their end, if any, came later (no hindsight).
            "until": None,
        }
        for r in rows
    ]


def index(conn: sqlite3.Connection, dyad: str | None, since: str, until: str) -> list[dict[str, Any]]:
    """The monthly cooperation–conflict index: announcements, facts, and the Goldstein sum and mean.

    Facts of one kind that share a date and a first source are one announcement (China's
    2022-08-05 countermeasures suspended three channels in one statement): it counts once, with
    its facts' mean Goldstein value. `events` counts announcements, `facts` every dated fact.
    """
    clause, params = where(("occurred_on >= ?", since), ("occurred_on <= ?", until), ("dyad = ?", dyad))
    rows = conn.execute(
        f"""SELECT month, COUNT(*) AS n, SUM(facts) AS facts, SUM(g) AS total FROM (
                SELECT substr(occurred_on, 1, 7) AS month, COUNT(*) AS facts, AVG(coalesce(goldstein, 0)) AS g
                FROM timeline WHERE {clause} GROUP BY occurred_on, kind, coalesce(source_url, id))
            GROUP BY month ORDER BY month""",
        params,
    ).fetchall()
    return [
        {
            "month": r["month"],
            "events": r["n"],
            "facts": r["facts"],
            "goldstein_sum": round(r["total"], 2),
            "goldstein_mean": round(r["total"] / r["n"], 2),
        }
        for r in rows
    ]


def expected(conn: sqlite3.Connection, *, dyad: str, since: str, as_of: str) -> list[dict[str, Any]]:
    """Interactions expected as of a date, those whose last day has passed marked overdue.

    As of a date means: announced by then (a first source published by then, or of unknown
    publication), and not yet confirmed or called off by then. One confirmed later to have
    occurred after that date, or called off by a report published after it, was still expected.
    """
    # Three queries, each served by an index: an OR of them would scan every interaction.
    # Confirmations are few: look them up first, rather than every interaction dated after as_of.
    confirmed = [
        r[0] for r in conn.execute("SELECT DISTINCT fact_id FROM corrections WHERE event = 'InteractionConfirmed'")
    ]
    confirmed_later = (f"occurred_on > ? AND id IN ({','.join('?' * len(confirmed))})", [as_of, *confirmed])
    cancelled_later = (
        "EXISTS (SELECT 1 FROM interaction_sources s WHERE s.interaction_id = interactions.id "
        "AND s.event = 'InteractionCancelled' AND s.published_at > ?)",
        # published_at is a timestamp: any time on the as-of day sorts before "T99".
        [as_of + "T99"],
    )
    found = [
        *interactions(conn, dyad=dyad, since=since, until=None, statuses=("expected",)),
        *(
            interactions(conn, dyad=dyad, since=since, until=None, statuses=("occurred",), also=confirmed_later)
            if confirmed
            else []
        ),
        *interactions(conn, dyad=dyad, since=since, until=None, statuses=("cancelled",), also=cancelled_later),
    ]
    found.sort(key=lambda i: str(i["occurred_on"]))
    out = []
    for item in found:
        first = item["sources"][0] if item["sources"] else {}
        published = first.get("published_at")
        if published and published[:10] > as_of:
            continue  # announced after the as-of date: not known then
        item["status"] = "overdue" if last_day(item) < as_of else "expected"
        out.append(item)
    return out


def last_day(item: dict[str, Any]) -> str:
    """The last day an interaction's date covers: its until, else the end of its month or year by precision."""
    if item.get("until"):
        return str(item["until"])
    on = str(item["occurred_on"])
    if item.get("precision") == "year":
        return on[:4] + "-12-31"
    if item.get("precision") == "month":
        year, month = int(on[:4]), int(on[5:7])
        following = date(year + (month == 12), month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    return on


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
        "expected": expected(conn, dyad=dyad, since=start, as_of=end),
        "offices": offices(conn, dyad, end),
        "index": index(conn, dyad, start, end),
        "review_pending": review_pending(conn),
        "feeds": feeds(conn),
    }
