"""The read models (views.db) and all of their SQL: schema, catch-up with tracking, projections
(pure handlers: events to rows), queries and changes.

Disposable: every table is rebuilt from the event log by `tracker projections rebuild`.
"""

from __future__ import annotations

from tracker.views import queries
from tracker.views.database import SCHEMA_VERSION, Views, catch_up
from tracker.views.rebuild import open_views, rebuild_views, views_copy, views_known_at

__all__ = [
    "SCHEMA_VERSION",
    "Views",
    "catch_up",
    "open_views",
    "queries",
    "rebuild_views",
    "views_copy",
    "views_known_at",
]
