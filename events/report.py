"""The Report and Feed aggregates of feed ingestion (DESIGN §4).

Feeds are subscribed, changed and unsubscribed; each new feed item is a Report, ingested once
however many feeds carry it, and revised when its content changes (issue 9).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate

from events.ids import feed_id, report_id
from events.values import DomainError

__all__ = ["Feed", "Report"]


class Report(Aggregate):
    """One published article or feed item, ingested once by canonical URL or guid (events.ids.report_id).

    `versions` holds the hash of every content the report has had, so a feed still serving an older
    version next to one serving the newer does not make the report flip between them.
    """

    class ReportIngested(Aggregate.Created):
        url: str  # the item's canonical URL, else its guid: the report's identity
        feed: str  # the id of the feed it first came from
        title: str | None
        outlet: str | None
        language: str | None
        published_at: datetime | None
        content_sha256: str
        text: str
        truncated: bool  # the text was cut at the poller's cap
        derived_from: str | None

        def apply(self, aggregate: Report) -> None:
            aggregate.url = self.url
            aggregate.proposed = []
            aggregate.reviewed = set()
            aggregate.feeds = [self.feed]
            aggregate.content_sha256 = self.content_sha256
            aggregate.versions = [self.content_sha256]

    class ReportRevised(Aggregate.Event):
        feed: str
        content_sha256: str
        title: str | None
        text: str
        truncated: bool

        def apply(self, aggregate: Report) -> None:
            aggregate.content_sha256 = self.content_sha256
            aggregate.versions.append(self.content_sha256)
            if self.feed not in aggregate.feeds:
                aggregate.feeds.append(self.feed)

    class ReportSeen(Aggregate.Event):
        feed: str

        def apply(self, aggregate: Report) -> None:
            aggregate.feeds.append(self.feed)

    class CandidatesExtracted(Aggregate.Event):
        candidates: list[dict[str, Any]]
        extractor_version: str

        def apply(self, aggregate: Report) -> None:
            aggregate.proposed.extend(_fact_key(c["fact"]) for c in self.candidates)

    class CandidateAccepted(Aggregate.Event):
        index: int
        fact_id: str

        def apply(self, aggregate: Report) -> None:
            aggregate.reviewed.add(self.index)

    class CandidateRejected(Aggregate.Event):
        index: int
        reason: str

        def apply(self, aggregate: Report) -> None:
            aggregate.reviewed.add(self.index)

    url: str
    feeds: list[str]
    content_sha256: str
    versions: list[str]
    proposed: list[str]  # a key of each candidate ever proposed, in order: its index is its place here
    reviewed: set[int]

    def __init__(self) -> None:
        pass

    @classmethod
    def ingest(cls, **fields: Any) -> Report:
        """A new report, from the fields of ReportIngested (and the event's timestamp)."""
        return cls._create(cls.ReportIngested, id=report_id(fields["url"]), **fields)

    def revise(
        self, feed: str, content_sha256: str, title: str | None, text: str, truncated: bool, **meta: Any
    ) -> bool:
        """Record a content never seen before as a new version; a known one (even an older one) changes nothing."""
        if content_sha256 in self.versions:
            return self.see(feed, **meta)
        self.trigger_event(
            self.ReportRevised, feed=feed, content_sha256=content_sha256, title=title, text=text, truncated=truncated,
            **meta,
        )  # fmt: skip
        return True

    def propose(self, candidates: list[dict[str, Any]], extractor_version: str, **meta: Any) -> int:
        """Record the candidates not proposed before (by any extractor version); returns how many were new."""
        known = set(self.proposed)
        fresh = []
        for c in candidates:
            key = _fact_key(c["fact"])
            if key not in known:
                known.add(key)
                fresh.append(c)
        if fresh:
            self.trigger_event(self.CandidatesExtracted, candidates=fresh, extractor_version=extractor_version, **meta)
        return len(fresh)

    def review(self, index: int, fact_id: str | None, reason: str | None, **meta: Any) -> None:
        """Accept a candidate as the fact it became, or reject it with a reason; each is reviewed once."""
        if not 0 <= index < len(self.proposed):
            raise DomainError(f"report has no candidate {index}", field="candidate")
        if index in self.reviewed:
            raise DomainError(f"candidate {index} of this report was already reviewed", field="candidate")
        if fact_id is not None:
            self.trigger_event(self.CandidateAccepted, index=index, fact_id=fact_id, **meta)
        else:
            self.trigger_event(self.CandidateRejected, index=index, reason=reason or "rejected", **meta)

    def see(self, feed: str, **meta: Any) -> bool:
        """Record that another feed carries the report; a feed already known changes nothing."""
        if feed in self.feeds:
            return False
        self.trigger_event(self.ReportSeen, feed=feed, **meta)
        return True


def _fact_key(fact: dict[str, Any]) -> str:
    """What makes two candidates the same proposal: their fact's fields, in a stable order."""
    return json.dumps(fact, sort_keys=True, ensure_ascii=False, default=str)


class Feed(Aggregate):
    """A subscribed RSS, Atom or JSON feed, its id derived from its URL (events.ids.feed_id).

    An unsubscribed feed keeps its id: subscribing its URL again is a FeedChanged that
    clears `removed` and sets the settings anew (events.decide), not a second FeedSubscribed.
    """

    # The settings FeedChanged may carry, and `removed` (False when an unsubscribed feed is taken up again).
    CHANGEABLE = ("name", "language", "interval", "trust", "removed")

    class FeedSubscribed(Aggregate.Created):
        url: str
        name: str
        language: str
        interval: int  # seconds between polls
        trust: str

        def apply(self, aggregate: Feed) -> None:
            aggregate.url = self.url
            aggregate.name = self.name
            aggregate.language = self.language
            aggregate.interval = self.interval
            aggregate.trust = self.trust
            aggregate.removed = False

    class FeedChanged(Aggregate.Event):
        changes: dict[str, Any]

        def apply(self, aggregate: Feed) -> None:
            for key, value in self.changes.items():
                setattr(aggregate, key, value)

    class FeedUnsubscribed(Aggregate.Event):
        reason: str | None

        def apply(self, aggregate: Feed) -> None:
            aggregate.removed = True

    url: str
    name: str
    language: str
    interval: int
    trust: str
    removed: bool

    def __init__(self) -> None:
        pass

    @classmethod
    def subscribe(cls, url: str, name: str, language: str, interval: int, trust: str, **meta: Any) -> Feed:
        """Subscribe to a feed by URL, polled every interval seconds."""
        return cls._create(
            cls.FeedSubscribed,
            id=feed_id(url),
            url=url,
            name=name,
            language=language,
            interval=interval,
            trust=trust,
            **meta,
        )

    def change(self, changes: dict[str, Any], **meta: Any) -> None:
        """Change settings (name, language, interval, trust, removed); values it already has change nothing."""
        unknown = sorted(set(changes) - set(self.CHANGEABLE))
        if unknown:
            raise DomainError(f"a feed has no setting {', '.join(unknown)}")
        changed = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if changed:
            self.trigger_event(self.FeedChanged, changes=changed, **meta)

    def unsubscribe(self, reason: str | None, **meta: Any) -> None:
        """Stop following the feed; an unsubscribed feed cannot be unsubscribed again."""
        if self.removed:
            raise DomainError(f"feed {self.name} is not subscribed")
        self.trigger_event(self.FeedUnsubscribed, reason=reason, **meta)
