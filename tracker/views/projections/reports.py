"""Read model: the reports ingested from feeds, the feeds carrying each, and their full-text search rows.

`reports` holds the latest version of each report (`versions` counts them); `report_feeds` one row
a feed carrying it, so a feed's report count is a query. `report_search` holds the searchable
title and text, with an FTS5 index over it (FTS below) that tracker.views.database sets up with
sqlite-utils' `enable_fts`, triggers included: the handlers only write `report_search`, and the
triggers keep the index equal to it through catch-up, `--known-at` views and a rebuild (which
builds the index once, at the end).

Chinese: FTS5's default tokenizer, unicode61, takes a run of Chinese characters for one token,
so 国防部长 inside a sentence is never found. `searchable` puts a zero-width space around every
Han or kana character, so each is its own token, and a query is cut the same way and searched
as a phrase (tracker.views.reports.fts_query): 国防部长 is the phrase "国 防 部 长", found
wherever the four characters stand together. The trigram tokenizer was measured against this
(3,000 mixed English and Chinese reports, SQLite 3.40): a similar index (12 MB against 14 MB) and
faster to build, but it matches nothing under three characters (会晤, 中美 and most Chinese words
are two) and it matches English inside words (`fen` finds "Defense"). The zero-width space is
invisible and stripped from snippets, and the text shown is always `reports.text`, as ingested.
Traditional characters are indexed and searched as simplified (OpenCC t2s), so 國防部長 finds 国防部长;
a snippet shows the simplified form.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from typing import Any

from events.catalogue import fields_of
from tracker.records import Record
from tracker.views.projections.ops import Op

__all__ = ["FTS", "HANDLERS", "SCHEMA", "searchable"]

SCHEMA = [
    """CREATE TABLE reports (
        id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, feed TEXT NOT NULL, title TEXT, outlet TEXT, language TEXT,
        published_at TEXT, content_sha256 TEXT NOT NULL, text TEXT NOT NULL, truncated INTEGER NOT NULL,
        derived_from TEXT, versions INTEGER NOT NULL, ingested_at TEXT NOT NULL, revised_at TEXT)""",
    # Each candidate fact an extractor proposed from a report, in proposal order (idx), and its review.
    """CREATE TABLE candidates (
        report_id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, fact TEXT NOT NULL,
        confidence REAL NOT NULL, evidence TEXT NOT NULL, span_start INTEGER, span_end INTEGER,
        extractor_version TEXT NOT NULL, background INTEGER NOT NULL, new_actors TEXT NOT NULL, rule TEXT,
        status TEXT NOT NULL, fact_id TEXT, reason TEXT, proposed_at TEXT NOT NULL, reviewed_at TEXT,
        derived_from TEXT, PRIMARY KEY (report_id, idx))""",
    "CREATE INDEX candidates_status ON candidates (status, confidence)",
    """CREATE TABLE report_feeds (
        report_id TEXT NOT NULL, feed_id TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (report_id, feed_id))""",
    # The FTS5 index's content table: an INTEGER PRIMARY KEY keeps rowids stable through VACUUM.
    """CREATE TABLE report_search (
        rowid INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE, title TEXT, text TEXT NOT NULL)""",
    "CREATE INDEX reports_newest ON reports (COALESCE(published_at, ingested_at))",
    "CREATE INDEX report_feeds_feed ON report_feeds (feed_id)",
]

# Full-text indexes for tracker.views.database to enable: content table -> (columns, tokenizer).
FTS = {"report_search": (("title", "text"), "unicode61 remove_diacritics 2")}

# Each field of ReportIngested is a column of the same name.
COLUMNS = fields_of("ReportIngested")
_INSERT = (
    f"INSERT INTO reports (id, {', '.join(COLUMNS)}, versions, ingested_at, revised_at) "
    f"VALUES (?, {', '.join('?' * len(COLUMNS))}, 1, ?, NULL)"
)
_FEED = "INSERT OR IGNORE INTO report_feeds (report_id, feed_id, seen_at) VALUES (?, ?, ?)"

# Han (with extensions A to G and compatibility ideographs) and kana: written without spaces between words.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f])")
SEPARATOR = "\u200b"  # zero-width space: a separator to unicode61, invisible in a snippet


def searchable(text: str | None) -> str | None:
    """Text as indexed: NFKC (full-width Latin as ASCII), traditional Chinese as simplified (OpenCC), each CJK
    character set apart by zero-width spaces. Queries go through the same, so 國防部長 finds 国防部长."""
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    if _CJK.search(text):
        text = _simplified(text)
    return _CJK.sub(SEPARATOR + r"\1" + SEPARATOR, text)


@cache
def _converter() -> Any:
    import opencc  # loaded only when a report holds Chinese

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    return str(_converter().convert(text))


def ingested(r: Record) -> list[Op]:
    """Row operations that insert the report, its first feed and its searchable text."""
    d = r.data
    return [
        (_INSERT, (r.aggregate_id, *(d[c] for c in COLUMNS), r.recorded_at)),
        (_FEED, (r.aggregate_id, d["feed"], r.recorded_at)),
        (
            "INSERT INTO report_search (report_id, title, text) VALUES (?, ?, ?)",
            (r.aggregate_id, searchable(d["title"]), searchable(d["text"])),
        ),
    ]


def revised(r: Record) -> list[Op]:
    """Row operations that make the new content the report's (a revision without a title keeps the old one)."""
    d = r.data
    return [
        (
            "UPDATE reports SET content_sha256 = ?, title = COALESCE(?, title), text = ?, truncated = ?, "
            "versions = versions + 1, revised_at = ? WHERE id = ?",
            (d["content_sha256"], d["title"], d["text"], d["truncated"], r.recorded_at, r.aggregate_id),
        ),
        (
            "UPDATE report_search SET title = COALESCE(?, title), text = ? WHERE report_id = ?",
            (searchable(d["title"]), searchable(d["text"]), r.aggregate_id),
        ),
        (_FEED, (r.aggregate_id, d["feed"], r.recorded_at)),
    ]


def seen(r: Record) -> list[Op]:
    """Row operation that adds the feed now carrying the report."""
    return [(_FEED, (r.aggregate_id, r.data["feed"], r.recorded_at))]


_CANDIDATE = (
    "INSERT INTO candidates (report_id, idx, kind, fact, confidence, evidence, span_start, span_end, "
    "extractor_version, background, new_actors, rule, status, proposed_at, derived_from) VALUES "
    "(?, (SELECT COUNT(*) FROM candidates WHERE report_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
)


def extracted(r: Record) -> list[Op]:
    """Row operations that add each candidate proposed, numbered after the report's earlier ones."""
    ops: list[Op] = []
    for c in r.data["candidates"]:
        evidence = c.get("evidence") or {}
        ops.append(
            (
                _CANDIDATE,
                (
                    r.aggregate_id, r.aggregate_id, c["fact"]["kind"], json.dumps(c["fact"], ensure_ascii=False),
                    float(c.get("confidence", 0)), evidence.get("text", ""), evidence.get("start"),
                    evidence.get("end"), r.data["extractor_version"], bool(c.get("background")),
                    json.dumps(c.get("new_actors") or [], ensure_ascii=False), c.get("rule"), r.recorded_at,
                    c.get("derived_from"),
                ),
            )
        )  # fmt: skip
    return ops


def accepted(r: Record) -> list[Op]:
    """Row operation that marks the candidate accepted, with the fact it became."""
    return [
        (
            "UPDATE candidates SET status = 'accepted', fact_id = ?, reviewed_at = ? WHERE report_id = ? AND idx = ?",
            (r.data["fact_id"], r.recorded_at, r.aggregate_id, r.data["index"]),
        )
    ]


def rejected(r: Record) -> list[Op]:
    """Row operation that marks the candidate rejected, with the reason."""
    return [
        (
            "UPDATE candidates SET status = 'rejected', reason = ?, reviewed_at = ? WHERE report_id = ? AND idx = ?",
            (r.data["reason"], r.recorded_at, r.aggregate_id, r.data["index"]),
        )
    ]


HANDLERS = {
    "ReportIngested": ingested,
    "ReportRevised": revised,
    "ReportSeen": seen,
    "CandidatesExtracted": extracted,
    "CandidateAccepted": accepted,
    "CandidateRejected": rejected,
}
