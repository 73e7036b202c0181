"""Queries over the candidates read model and what extraction needs to know: the review queue, actors with offices."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from tracker.views.status import where

__all__ = ["candidate", "candidates", "extraction_actors", "original_report", "reports_to_extract", "sanction_programs"]

_SELECT = (
    "SELECT c.report_id, c.idx, c.kind, c.fact, c.confidence, c.evidence, c.span_start, c.span_end, "
    "c.extractor_version, c.background, c.new_actors, c.rule, c.status, c.fact_id, c.reason, c.proposed_at, "
    "c.derived_from, "
    "r.url, r.title, r.outlet, r.language, r.published_at, r.derived_from, r.feed, COALESCE(f.name, r.feed), "
    "COALESCE(f.trust, 'review') FROM candidates c JOIN reports r ON r.id = c.report_id "
    "LEFT JOIN feeds f ON f.id = r.feed"
)


def _candidate(row: tuple[Any, ...]) -> dict[str, Any]:
    (rid, idx, kind, fact, confidence, evidence, start, end, version, background, new_actors, rule, status, fact_id,
     reason, proposed_at, rewrites, url, title, outlet, language, published_at, derived_from, feed_id, feed, trust) = row  # fmt: skip
    return {
        "id": f"{rid[:8]}#{idx}", "report_id": rid, "index": idx, "kind": kind, "fact": json.loads(fact),
        "confidence": confidence, "evidence": {"text": evidence, "start": start, "end": end},
        "extractor_version": version, "background": bool(background), "new_actors": json.loads(new_actors),
        "rule": rule, "status": status, "derived_from": rewrites, "fact_id": fact_id, "reason": reason, "proposed_at": proposed_at,
        "report": {"url": url, "title": title, "outlet": outlet, "language": language, "published_at": published_at,
                   "derived_from": derived_from},
        "feed": {"id": feed_id, "name": feed, "trust": trust},
    }  # fmt: skip


def candidates(
    conn: sqlite3.Connection,
    *,
    status: str | None = "pending",
    feed: str | None = None,
    kind: str | None = None,
    min_confidence: float | None = None,
    report_id: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Candidates by status (None: all), feed name, kind, confidence and report, most confident first."""
    clause, params = where(
        ("c.status = ?", status), ("COALESCE(f.name, r.feed) = ?", feed), ("c.kind = ?", kind),
        ("c.confidence >= ?", min_confidence), ("c.report_id = ?", report_id),
    )  # fmt: skip
    sql = f"{_SELECT} WHERE {clause}"
    sql += " ORDER BY c.confidence DESC, r.published_at, c.report_id, c.idx"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_candidate(row) for row in conn.execute(sql, params)]


def candidate(conn: sqlite3.Connection, report_prefix: str, index: int) -> list[dict[str, Any]]:
    """The candidates numbered index of the reports whose id starts with the prefix (one, unless ambiguous)."""
    rows = conn.execute(_SELECT + " WHERE c.report_id LIKE ? AND c.idx = ? LIMIT 2", (report_prefix + "%", index))
    return [_candidate(row) for row in rows]


def reports_to_extract(conn: sqlite3.Connection, *, every: bool, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Reports to extract from: those given by id, every report, or those nothing was proposed from yet."""
    sql = (
        "SELECT r.id, r.url, r.text, r.language, r.published_at, r.ingested_at, r.outlet, r.title, r.derived_from, "
        "r.feed FROM reports r"
    )
    params: tuple[Any, ...] = ()
    if ids is not None:
        sql += " WHERE r.id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(ids),)
    elif not every:
        sql += " WHERE NOT EXISTS (SELECT 1 FROM candidates c WHERE c.report_id = r.id)"
    rows = conn.execute(sql + " ORDER BY r.ingested_at, r.id", params).fetchall()
    keys = ("id", "url", "text", "language", "published_at", "ingested_at", "outlet", "title", "derived_from", "feed")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def extraction_actors(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every actor but states, in the shape of tracker/data/actors.json: names, aliases and dated offices."""
    offices: dict[str, list[dict[str, Any]]] = {}
    for actor_id, office, organization, state, since, until in conn.execute(
        "SELECT actor_id, office, organization, state, since, until FROM offices"
    ):
        offices.setdefault(actor_id, []).append(
            {"office": office, "organization": organization, "state": state, "since": since, "until": until}
        )
    return [
        {"slug": slug, "kind": kind, "state": state, "names": json.loads(names), "aliases": json.loads(aliases),
         "offices": offices.get(actor_id, [])}
        for actor_id, slug, kind, state, names, aliases in conn.execute(
            "SELECT id, slug, kind, state, names, aliases FROM actors WHERE kind != 'state' ORDER BY slug")
    ]  # fmt: skip


def sanction_programs(conn: sqlite3.Connection, target: str | None, imposed_by: str | None) -> list[tuple[str, str]]:
    """The authority and program of each sanction (not retracted) a state imposed on a target."""
    rows = conn.execute(
        "SELECT authority, program FROM sanctions WHERE target = ? AND imposed_by = ? AND retracted = 0",
        (target, imposed_by),
    )
    return [(a, p) for a, p in rows]


def original_report(conn: sqlite3.Connection, outlet: str, published_at: str, not_id: str) -> str | None:
    """The URL of the newest report from an outlet (by name, any case) published up to three days before."""
    row = conn.execute(
        "SELECT url FROM reports WHERE lower(outlet) = lower(?) AND id != ? AND url LIKE 'http%' "
        "AND julianday(COALESCE(published_at, ingested_at)) BETWEEN julianday(?) - 3 AND julianday(?) "
        "ORDER BY COALESCE(published_at, ingested_at) DESC LIMIT 1",
        (outlet, not_id, published_at, published_at),
    ).fetchone()
    return str(row[0]) if row else None
