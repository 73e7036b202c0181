"""Queries over the reports read model: the newest reports, one report, full-text search, reports per feed.

The objects are those of `tracker reports list|show|search --format json`: id, url, title,
outlet, language, published_at, feeds (their names), versions, truncated and ingested_at; one
report adds its text and the rest of its row, a search hit its snippet.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from typing import Any

from tracker.views.projections.reports import SEPARATOR, searchable

__all__ = ["KEYS", "counts_by_feed", "feed_id", "fts_query", "report", "reports", "review_pending", "search"]

_COLUMNS = "r.id, r.url, r.title, r.outlet, r.language, r.published_at, r.versions, r.truncated, r.ingested_at"
_NEWEST = "ORDER BY COALESCE(r.published_at, r.ingested_at) DESC, r.ingested_at DESC, r.id"
# The keys of a report in `reports list --format json`, in order (show and search add theirs after).
KEYS = ("id", "url", "title", "outlet", "language", "published_at", "feeds", "versions", "truncated", "ingested_at")
# What a snippet marks a match with, and how many tokens (words, or Chinese characters) it shows.
MARK = ("[", "]")
SNIPPET_TOKENS = 24

# A query is phrases in double quotes (an unclosed quote runs to the end) and words between them.
_PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORDY = re.compile(r"[^\W_]")


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression for what a user typed, or None when it holds nothing to search for.

    Every word must appear (`Austin Dong`); "quoted words" must appear together; a word ending in
    * is a prefix (`sanction*`). Nothing else is FTS5 syntax: OR, NOT, NEAR, ^, : and ( ) are
    searched as text or dropped, so no query is an SQL error. Each word or phrase is cut as the
    index is (projections.reports.searchable): a Chinese word becomes the phrase of its characters.
    """
    terms = []
    for m in _PIECE.finditer(unicodedata.normalize("NFKC", query)):
        phrase, word = m.group(1), m.group(2)
        text = phrase if phrase is not None else word.rstrip("*")
        if not _WORDY.search(text):
            continue
        prefix = word is not None and word.endswith("*")
        terms.append(f'"{searchable(text)}"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def _feeds(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[str]]:
    """The names of the feeds carrying each report (a feed's id when the read model has no such feed), first seen first."""
    rows = conn.execute(
        "SELECT rf.report_id, COALESCE(f.name, rf.feed_id) FROM report_feeds rf LEFT JOIN feeds f ON f.id = rf.feed_id "
        "WHERE rf.report_id IN (SELECT value FROM json_each(?)) ORDER BY rf.seen_at, rf.feed_id",
        (json.dumps(ids),),
    )
    found: dict[str, list[str]] = {i: [] for i in ids}
    for report_id, name in rows:
        found[report_id].append(name)
    return found


def _objects(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    feeds = _feeds(conn, [r["id"] for r in rows])
    out = []
    for row in rows:
        item = dict(row)
        item["truncated"] = bool(item["truncated"])
        item["feeds"] = feeds[item["id"]]
        out.append({k: item.pop(k) for k in KEYS} | item)
    return out


def feed_id(conn: sqlite3.Connection, name: str) -> str | None:
    """The id of the feed of a name or URL (a live one first, then a removed one), or None."""
    row = conn.execute(
        "SELECT id FROM feeds WHERE name = ? OR url = ? ORDER BY removed_at IS NOT NULL, removed_at DESC LIMIT 1",
        (name, name),
    ).fetchone()
    return row[0] if row else None


def reports(conn: sqlite3.Connection, feed: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The newest reports (by publication, else ingestion), of one feed (its id) or all."""
    where, params = ("", ()) if feed is None else (
        "WHERE r.id IN (SELECT report_id FROM report_feeds WHERE feed_id = ?) ", (feed,))  # fmt: skip
    rows = conn.execute(f"SELECT {_COLUMNS} FROM reports r {where}{_NEWEST} LIMIT ?", (*params, limit)).fetchall()
    return _objects(conn, rows)


def report(conn: sqlite3.Connection, id_or_prefix: str) -> dict[str, Any] | None:
    """One report by its URL, id or id prefix, with its text; None if none; a prefix of several raises ValueError."""
    key = id_or_prefix.strip()
    extra = "r.text, r.derived_from, r.content_sha256, r.revised_at"
    rows = conn.execute(f"SELECT {_COLUMNS}, {extra} FROM reports r WHERE r.url = ?", (key,)).fetchall()
    if not rows:
        rows = conn.execute(
            f"SELECT {_COLUMNS}, {extra} FROM reports r WHERE r.id LIKE ? ORDER BY r.id LIMIT 2", (key + "%",)
        ).fetchall()
    if len(rows) > 1:
        raise ValueError(f"report id {key!r} is ambiguous: give more characters")
    return _objects(conn, rows)[0] if rows else None


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """The reports whose title or text match the query (fts_query), best first, each with a snippet of its text.

    Raises ValueError when the query holds nothing to search for.
    """
    match = fts_query(query)
    if match is None:
        raise ValueError(f"nothing to search for in {query!r}: give a word")
    sql = (
        f"SELECT {_COLUMNS}, snippet(report_search_fts, 1, ?, ?, '…', ?) AS snippet "
        "FROM report_search_fts JOIN report_search s ON s.rowid = report_search_fts.rowid "
        "JOIN reports r ON r.id = s.report_id WHERE report_search_fts MATCH ? "
        # A match in the title weighs four times one in the text.
        "ORDER BY bm25(report_search_fts, 4.0, 1.0), COALESCE(r.published_at, r.ingested_at) DESC LIMIT ?"
    )
    try:
        rows = conn.execute(sql, (*MARK, SNIPPET_TOKENS, match, limit)).fetchall()
    except sqlite3.OperationalError as e:  # fts_query quotes everything: kept as a line, should it ever happen
        raise ValueError(f"cannot search for {query!r}: {e}") from None
    found = _objects(conn, rows)
    for item in found:
        item["snippet"] = item["snippet"].replace(SEPARATOR, "") if item["snippet"] else ""
    return found


def counts_by_feed(conn: sqlite3.Connection) -> dict[str, int]:
    """How many reports each feed carries, by feed id (a feed with none is absent)."""
    return dict(conn.execute("SELECT feed_id, COUNT(*) FROM report_feeds GROUP BY feed_id"))


def review_pending(conn: sqlite3.Connection) -> int:
    """Candidate facts extracted from reports and neither accepted nor rejected yet."""
    return int(conn.execute("SELECT COUNT(*) FROM candidates WHERE status = 'pending'").fetchone()[0])
