"""Decisions on feeds and the reports they bring: subscribe, change, unsubscribe, ingest (events.decide dispatches here).

- A URL is one feed (its id is events.ids.feed_id(url)): a URL already followed is refused
  with the name it is followed as.
- Subscribing a URL that was unsubscribed takes the same feed up again: a FeedChanged that
  clears `removed` and sets the new settings, so its id (and later its reports) stay its own.
- Names are unique among live feeds (the command carries the live names the read models know).
- An item is one report however many feeds carry it: ingested once, seen by each further feed, and
  revised only by a content never seen before, so nothing is doubled however often a poll repeats.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from events.commands import (
    ChangeFeed,
    IngestReport,
    Outcome,
    ProposeCandidates,
    ReviewCandidate,
    SubscribeFeed,
    UnsubscribeFeed,
)
from events.ids import feed_id, report_id
from events.state import State
from events.values import DomainError

__all__ = ["decide_candidates", "decide_feed", "decide_report", "interval_text"]


def interval_text(seconds: int) -> str:
    """A feed's interval in its largest whole unit, as `--every` takes it: 15m, 2h, 1d, 90s."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _name_free(name: str, url: str, taken: dict[str, str]) -> None:
    holder = taken.get(name)
    if holder is not None and holder != url:
        raise DomainError(f"the name {name!r} is already taken by feed {holder}", field="name")


def decide_feed(state: State, cmd: SubscribeFeed | ChangeFeed | UnsubscribeFeed, now: datetime) -> Outcome:
    """Apply one feed command: its event is left pending on the Feed aggregate."""
    from events.report import Feed

    fid = feed_id(cmd.url)
    feed: Any = state.get(fid)
    if isinstance(cmd, SubscribeFeed):
        if feed is not None and not feed.removed:
            raise DomainError(f"{cmd.url} is already subscribed as {feed.name}", field="url")
        _name_free(cmd.name, cmd.url, cmd.taken)
        settings: dict[str, Any] = {
            "name": cmd.name,
            "language": cmd.language,
            "interval": cmd.interval,
            "trust": cmd.trust,
        }
        if feed is None:
            state.add(Feed.subscribe(cmd.url, **settings, timestamp=now))
            return Outcome(str(fid), "subscribed", "feed")
        feed.change({**settings, "removed": False}, timestamp=now)
        return Outcome(str(fid), "resubscribed", "feed")
    if feed is None or feed.removed:
        raise DomainError(f"{cmd.url} is not subscribed", field="url")
    before = len(feed.pending_events)
    if isinstance(cmd, ChangeFeed):
        if "name" in cmd.changes:
            _name_free(cmd.changes["name"], cmd.url, cmd.taken)
        feed.change({k: v for k, v in cmd.changes.items() if k != "removed"}, timestamp=now)
        return Outcome(str(fid), "changed" if len(feed.pending_events) > before else "unchanged", "feed")
    feed.unsubscribe(cmd.reason, timestamp=now)
    return Outcome(str(fid), "unsubscribed", "feed")


def decide_report(state: State, cmd: IngestReport, now: datetime) -> Outcome:
    """Ingest a feed item: ingested, revised, seen (by another feed) or unchanged."""
    from events.report import Report

    rid = report_id(cmd.key)
    report: Any = state.get(rid)
    if report is None:
        state.add(
            Report.ingest(
                url=cmd.key, feed=cmd.feed, title=cmd.title, outlet=cmd.outlet, language=cmd.language,
                published_at=cmd.published_at, content_sha256=cmd.content_sha256, text=cmd.text,
                truncated=cmd.truncated, derived_from=cmd.derived_from, timestamp=now,
            )
        )  # fmt: skip
        return Outcome(str(rid), "ingested", "report")
    if cmd.content_sha256 != report.content_sha256 and cmd.content_sha256 not in report.versions:
        report.revise(cmd.feed, cmd.content_sha256, cmd.title, cmd.text, cmd.truncated, timestamp=now)
        return Outcome(str(rid), "revised", "report")
    seen = report.see(cmd.feed, timestamp=now)
    return Outcome(str(rid), "seen" if seen else "unchanged", "report")


def decide_candidates(state: State, cmd: ProposeCandidates | ReviewCandidate, now: datetime) -> Outcome:
    """Propose a report's candidates (only those never proposed), or accept or reject one of them."""
    rid = report_id(cmd.report)
    report: Any = state.get(rid)
    if report is None:
        raise DomainError(f"no report {cmd.report}", field="report")
    if isinstance(cmd, ProposeCandidates):
        fresh = report.propose(cmd.candidates, cmd.extractor_version, timestamp=now)
        return Outcome(str(rid), "proposed" if fresh else "unchanged", "candidates")
    report.review(cmd.index, cmd.fact_id, cmd.reason, timestamp=now)
    return Outcome(str(rid), "accepted" if cmd.fact_id else "rejected", "candidate")
