"""The Session's report use cases: the reports ingested from feeds, listed, shown and searched (issue 9).

A mixin of tracker.session.Session, beside FeedUseCases. Queries are tracker.views.reports';
bad input (an empty query, one of only search syntax, an unknown or ambiguous id, a limit
under 1) is a UsageError: one line at the command line, never an sqlite3 error.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from tracker.errors import UsageError
from tracker.views import reports as report_queries

__all__ = ["ReportUseCases"]

_ID_PREFIX = re.compile(r"[0-9a-f-]{6,36}")


def _limit(limit: int) -> int:
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    return limit


class ReportUseCases:
    """Reports as the read model has them: what Session offers for `tracker reports`."""

    @property
    def conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # Session's: the read models, caught up

    def reports(self, feed: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """The newest reports, of every feed or of one (by name or URL), at most limit of them."""
        feed_id = None
        if feed is not None:
            feed_id = report_queries.feed_id(self.conn, feed.strip())
            if feed_id is None:
                raise UsageError(f"no feed named {feed!r}; see `tracker feeds list`")
        return report_queries.reports(self.conn, feed=feed_id, limit=_limit(limit))

    def report(self, id_or_url: str) -> dict[str, Any]:
        """One report, with its text: by URL, full id or id prefix (at least 6 characters)."""
        key = id_or_url.strip()
        if not key:
            raise UsageError("give a report's id or URL; see `tracker reports list`")
        if "://" not in key and not _ID_PREFIX.fullmatch(key.lower()):
            raise UsageError(f"report id {id_or_url!r} is not an id: give at least 6 of its characters, or its URL")
        try:
            found = report_queries.report(self.conn, key if "://" in key else key.lower())
        except ValueError as e:
            raise UsageError(str(e)) from None
        if found is None:
            raise UsageError(f"no report with id or URL {id_or_url!r}; see `tracker reports list`")
        return found

    def search_reports(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """The reports whose title or text match a query (English or Chinese), best first, with snippets."""
        if not query.strip():
            raise UsageError("the search query is empty: give a word, e.g. tracker reports search Austin")
        try:
            return report_queries.search(self.conn, query, limit=_limit(limit))
        except ValueError as e:
            raise UsageError(str(e)) from None
