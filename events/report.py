"""The Report and Feed aggregates: reserved for feed ingestion (DESIGN §4).

Their events are declared now so the catalogue and the store's topics are stable;
the use cases that trigger them arrive with the feed work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate

__all__ = ["Feed", "Report"]


class Report(Aggregate):
    """One published article or feed item, ingested once by canonical URL or guid."""

    class ReportIngested(Aggregate.Created):
        url: str
        feed: str | None
        title: str | None
        outlet: str | None
        language: str | None
        published_at: datetime | None
        content_sha256: str
        text: str
        derived_from: str | None

    class CandidatesExtracted(Aggregate.Event):
        candidates: list[dict[str, Any]]
        extractor_version: str

    class CandidateAccepted(Aggregate.Event):
        index: int
        fact_id: str

    class CandidateRejected(Aggregate.Event):
        index: int
        reason: str

    def __init__(self) -> None:
        pass


class Feed(Aggregate):
    """A subscribed RSS, Atom or JSON feed."""

    class FeedSubscribed(Aggregate.Created):
        url: str
        name: str
        language: str
        interval: int
        trust: str

    class FeedChanged(Aggregate.Event):
        changes: dict[str, Any]

    class FeedUnsubscribed(Aggregate.Event):
        reason: str | None

    def __init__(self) -> None:
        pass
