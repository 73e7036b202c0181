"""The status report's sections from the read models: channels, sanctions, interactions, offices, index.

Read-only SQL. Keys follow the JSON contract (README, DESIGN §3); columns follow the events
(events.catalogue) through the projections.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from orjson import loads

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
    # Each interaction's participants and sources come with it, as JSON arrays built by SQLite: one
    # query, no Python loop over their rows (issue 12: 4,270 interactions of a 1M-event store).
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: the keys are INTERACTION_KEYS, in order
    rows = cursor.execute(
        f"SELECT {_SELECTED}, {_PARTICIPANTS}, {_SOURCES} FROM interactions WHERE {clause} ORDER BY occurred_on, "
        "recorded_at",
        params,
    ).fetchall()
    names = _names(conn)
    people = {slug: {"id": slug, "name": name, "state": state} for slug, (name, state) in names.items()}
    out = []
    groups: dict[str, list[dict[str, Any]]] = {}  # the same participants, as JSON, come again and again
    for row in rows:
        item = dict(zip(INTERACTION_KEYS, row, strict=False))  # the built keys hold NULL until set, in their place
        said = loads(row[-1])
        if (group := groups.get(row[-2])) is None:
            group = groups[row[-2]] = [
                people.get(slug) or {"id": slug, "name": slug, "state": None} for slug in loads(row[-2])
            ]
        item["participants"] = [dict(person) for person in group]
        item["location_name"] = place_name(item["location"])
        item["sources"] = [_source(values, item) for values in said]
        # From every account, those equal to the record included: they disagree with the others.
        item["disputed"] = _disputed(said) if len(said) > 1 else []
        out.append(item)
    return out


_SELECTED = ", ".join("NULL" if k in _BUILT else k for k in INTERACTION_KEYS)
_N_SOURCE = len(SOURCE_KEYS)
_PARTICIPANTS = (
    "(SELECT json_group_array(actor) FROM (SELECT actor FROM interaction_participants p "
    "WHERE p.interaction_id = interactions.id ORDER BY ord))"
)
# Oldest first, as sources_of gives them; each as [source keys..., account columns...].
_SOURCES = (
    f"(SELECT json_group_array(json_array({', '.join(SOURCE_KEYS + ACCOUNT_COLUMNS)})) FROM "
    f"(SELECT {', '.join(SOURCE_KEYS + ACCOUNT_COLUMNS)} FROM interaction_sources s "
    "WHERE s.interaction_id = interactions.id ORDER BY recorded_at, url))"
)


_DISPUTABLE_AT = tuple((name, _N_SOURCE + ACCOUNT_FIELDS.index(name)) for name in _DISPUTABLE)


def _disputed(sources: list[list[Any]]) -> list[str]:
    """The fields (date, last day, place) on which the reports of one interaction (rows of _SOURCES) disagree."""
    return [name for name, i in _DISPUTABLE_AT if len({s[i] for s in sources if s[i] is not None}) > 1]


_RECORD_SAYS = itemgetter(*ACCOUNT_FIELDS)


def _source(values: list[Any], record: dict[str, Any]) -> dict[str, Any]:
    item = dict(zip(SOURCE_KEYS, values, strict=False))
    said = tuple(values[_N_SOURCE:])
    # What this report said of the interaction (its date, last day, place and summary), unless it
    # says what the record says: then it adds nothing to read and is left out.
    if (
        said != _RECORD_SAYS(record)
        and any(v is not None for v in said)
        and not all(v is None or v == record[k] for k, v in zip(ACCOUNT_FIELDS, said, strict=True))
    ):
        item["account"] = dict(zip(ACCOUNT_FIELDS, said, strict=True))
    return item


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
