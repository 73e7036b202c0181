"""The poll pipeline: for each feed, fetch, parse, decide what is new, append the reports, record the state.

The I/O beside tracker.feeds.decide's pure rules, as lemon24/reader's update pipeline sits beside its
`Decider`. Fetching and parsing run on worker threads, at most `per_host` at once against any one host;
appending and recording state happen on the caller's thread, one feed at a time, so the ledger has one
writer. Events go first and the poll state second: a crash between the two costs a re-fetch whose items
the ledger already holds (ingesting a known item changes nothing), never a lost or doubled report.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

from events.commands import Command, IngestReport, Outcome
from tracker.feeds.decide import PollState, after_failure, after_success, classify, due, item_key, language_of
from tracker.feeds.fetch import DEFAULT_MAX_BYTES, FetchResult, Validators, fetch, make_client
from tracker.feeds.parse import FeedRefused, ParsedFeed, parse
from tracker.feeds.state import PollerStore

__all__ = ["FeedOutcome", "FeedRef", "Fetched", "PollOptions", "PollSummary", "Poller"]

Append = Callable[[list[Command]], list[Outcome]]
# Session.append_peer_facts(payloads, labels): counts of added, corroborated and refused facts, and errors.
PeerFacts = Callable[[list[dict[str, Any]], list[str]], dict[str, Any]]
Progress = Callable[["FeedOutcome"], None]


@dataclass(frozen=True)
class FeedRef:
    """A feed as the read models know it: what a poll needs of its settings."""

    id: str
    url: str
    name: str
    language: str
    trust: str
    interval: int  # seconds

    @classmethod
    def of(cls, feed: dict[str, Any]) -> FeedRef:
        """From a feed object of `feeds list --format json`."""
        return cls(feed["id"], feed["url"], feed["name"], feed["language"], feed["trust"], int(feed["interval"]))


@dataclass(frozen=True)
class PollOptions:
    """The bounds of every fetch and the politeness of a poll."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_decompressed: int = DEFAULT_MAX_BYTES
    connect_timeout: float = 10.0
    deadline: float = 30.0
    max_redirects: int = 5
    max_text: int = 100_000
    workers: int = 8
    per_host: int = 2
    jitter: float = 0.1


@dataclass(frozen=True)
class Fetched:
    """What a worker brings back for one feed: the fetch, and the parsed feed or why it could not be read."""

    feed: FeedRef
    state: PollState
    result: FetchResult
    parsed: ParsedFeed | None = None
    error: str | None = None


Status = Literal["ok", "not-modified", "failed", "skipped"]


@dataclass
class FeedOutcome:
    """What one poll of one feed did."""

    feed: FeedRef
    status: Status
    reason: str | None = None  # why it failed or was skipped, in one line
    new: int = 0
    revised: int = 0
    seen: int = 0  # items another feed had brought first
    peer_facts: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One log line: the feed, what happened and, when any, the new reports."""
        what = self.status if self.reason is None else f"{self.status}: {self.reason}"
        counts = [
            f"{n} {word}"
            for n, word in ((self.new, "new"), (self.revised, "revised"), (self.peer_facts, "facts from the peer"))
            if n
        ]
        return f"{self.feed.name}: {what}" + (f" ({', '.join(counts)})" if counts else "")


@dataclass
class PollSummary:
    """Every feed's outcome of one poll, and the one summary line that ends it."""

    outcomes: list[FeedOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many feeds ended with the status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def new(self) -> int:
        """New reports, across feeds."""
        return sum(o.new for o in self.outcomes)

    @property
    def revised(self) -> int:
        """Revised reports, across feeds."""
        return sum(o.revised for o in self.outcomes)

    def line(self) -> str:
        """feeds ok, not modified, failed and skipped, and the new reports."""
        n = len(self.outcomes)
        return (
            f"{n} feed{'' if n == 1 else 's'}: {self.count('ok')} ok, {self.count('not-modified')} not modified, "
            f"{self.count('failed')} failed, {self.count('skipped')} skipped; {self.new} new "
            f"report{'' if self.new == 1 else 's'}, {self.revised} revised"
        )

    def as_json(self) -> dict[str, Any]:
        """The summary and each feed's outcome, for `--format json`."""
        return {
            "feeds": len(self.outcomes),
            **{s.replace("-", "_"): self.count(s) for s in ("ok", "not-modified", "failed", "skipped")},
            "new_reports": self.new,
            "revised_reports": self.revised,
            "outcomes": [
                {"name": o.feed.name, "url": o.feed.url, "status": o.status, "reason": o.reason, "new": o.new,
                 "revised": o.revised, "seen": o.seen, "peer_facts": o.peer_facts, "warnings": o.warnings}
                for o in self.outcomes
            ],
        }  # fmt: skip


class Poller:
    """Polls feeds into the ledger: `poll` for `tracker poll`, `fetch_one` and `commit` for the scheduler."""

    def __init__(
        self,
        state: PollerStore,
        append: Append,
        *,
        now: Callable[[], datetime],
        options: PollOptions | None = None,
        peer_facts: PeerFacts | None = None,
        rng: random.Random | None = None,
        extract: Callable[[list[str]], Any] | None = None,
    ) -> None:
        self.state = state
        self.append = append
        self.now = now
        self.options = options or PollOptions()
        self.peer_facts = peer_facts
        # Extraction of the reports a poll brought (new or revised), by report id, after they are stored.
        self.extract = extract
        self.rng = rng or random.Random()
        self._client = make_client(
            connect_timeout=self.options.connect_timeout,
            deadline=self.options.deadline,
            max_redirects=self.options.max_redirects,
            max_connections=max(self.options.workers * 2, 10),
        )
        # During a whole poll, extraction waits until every feed is stored: a rewrite ("Reuters reported …")
        # then finds the story it retells whichever feed came in first.
        self._deferred: list[str] | None = None
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.close()

    # -- the whole poll ---------------------------------------------------------------

    def poll(self, feeds: Sequence[FeedRef], *, manual: bool = True, progress: Progress | None = None) -> PollSummary:
        """Poll every feed that is due (`manual`: all but those inside a Retry-After or back-off window)."""
        summary = PollSummary()
        todo: list[tuple[FeedRef, PollState]] = []
        for feed in feeds:
            state = self.state.load(feed.id)
            go, reason = due(state, self.now(), manual=manual)
            if go:
                todo.append((feed, state))
            else:
                summary.outcomes.append(self._report(FeedOutcome(feed, "skipped", reason), progress))
        self._deferred = []
        try:
            for fetched in self._fetch_all(todo):
                summary.outcomes.append(self._report(self.commit(fetched), progress))
        finally:
            deferred, self._deferred = self._deferred, None
        if deferred and self.extract is not None:
            self.extract(deferred)
        order = {feed.id: i for i, feed in enumerate(feeds)}
        summary.outcomes.sort(key=lambda o: order[o.feed.id])
        return summary

    def _fetch_all(self, todo: list[tuple[FeedRef, PollState]]) -> Iterator[Fetched]:
        if not todo:
            return
        with ThreadPoolExecutor(max_workers=min(self.options.workers, len(todo)), thread_name_prefix="poll") as pool:
            futures = [pool.submit(self.fetch_one, feed, state) for feed, state in todo]
            for future in as_completed(futures):
                yield future.result()

    @staticmethod
    def _report(outcome: FeedOutcome, progress: Progress | None) -> FeedOutcome:
        if progress is not None:
            progress(outcome)
        return outcome

    # -- one feed ---------------------------------------------------------------------

    def fetch_one(self, feed: FeedRef, state: PollState) -> Fetched:
        """Fetch and parse one feed (thread-safe; no store is touched): never raises for a bad feed."""
        o = self.options
        with self._host_slot(feed.url):
            result = fetch(
                feed.url, Validators(state.etag, state.last_modified), client=self._client, max_bytes=o.max_bytes,
                max_decompressed=o.max_decompressed, connect_timeout=o.connect_timeout, deadline=o.deadline,
                max_redirects=o.max_redirects, now=self.now,
            )  # fmt: skip
        if not result.ok or result.not_modified or result.body is None:
            return Fetched(feed, state, result)
        try:
            parsed = parse(result.body, base_url=result.url, max_text=o.max_text)
        except FeedRefused as refused:
            return Fetched(feed, state, result, error=f"not read: {refused}")
        except RecursionError:
            return Fetched(feed, state, result, error="not read: nested too deeply")
        return Fetched(feed, state, result, parsed)

    def commit(self, fetched: Fetched) -> FeedOutcome:
        """Append one feed's new reports, then record its poll state (on the ledger's writer thread)."""
        feed, state, result = fetched.feed, fetched.state, fetched.result
        interval = timedelta(seconds=feed.interval)
        now = self.now()
        error = result.error or fetched.error
        if error is not None:
            failed = after_failure(
                state, now=now, interval=interval, error=error, retry_after=result.retry_after, rng=self.rng
            )
            self.state.save(feed.id, feed.url, failed)
            return FeedOutcome(feed, "failed", failed.last_error)
        outcome = FeedOutcome(feed, "not-modified" if result.not_modified else "ok")
        met: list[str] = []
        if fetched.parsed is not None:
            try:
                state, met = self._ingest(feed, state, fetched.parsed, outcome)
            except Exception as exc:  # the store refused the batch: recorded on the feed, the poll goes on
                failed = after_failure(
                    fetched.state, now=now, interval=interval, error=f"could not store: {exc}", retry_after=None,
                    rng=self.rng,
                )  # fmt: skip
                self.state.save(feed.id, feed.url, failed)
                return FeedOutcome(feed, "failed", failed.last_error)
        done = after_success(
            state, now=now, interval=interval, etag=result.validators.etag,
            last_modified=result.validators.last_modified, not_modified=result.not_modified,
            max_age=result.max_age, jitter=self.options.jitter, rng=self.rng,
        )  # fmt: skip
        self.state.save(feed.id, feed.url, done, met)
        return outcome

    def _ingest(
        self, feed: FeedRef, state: PollState, parsed: ParsedFeed, outcome: FeedOutcome
    ) -> tuple[PollState, list[str]]:
        if parsed.warning:
            outcome.warnings.append(parsed.warning)
        seen = dict(state.seen)
        commands: list[Command] = []
        met: list[str] = []
        met_keys: set[str] = set()
        payloads: list[dict[str, Any]] = []
        labels: list[str] = []
        peer_keys: set[str] = set()
        for item in parsed.items:
            try:
                key = item_key(item.guid, item.url)
            except ValueError as exc:
                outcome.warnings.append(f"item skipped: {exc}")
                continue
            if key in met_keys:  # the same item twice in one document: the first stands
                continue
            met.append(key)
            met_keys.add(key)
            if classify(seen, key, item.content_sha256) == "unchanged":
                continue
            # A peer tracker's facts (its `export --format jsonfeed`), taken as facts from a trusted feed only.
            if feed.trust == "auto" and item.extension is not None:
                payloads.append(item.extension)
                labels.append(key)
            if item.extension is not None:
                peer_keys.add(key)
            seen[key] = item.content_sha256
            commands.append(
                IngestReport(
                    key, feed.id, item.title, parsed.title or feed.name,
                    language_of(feed.language, item.language or parsed.language, item.text), item.published,
                    item.content_sha256, item.text, item.truncated,
                )
            )  # fmt: skip
        changed: list[str] = []
        if commands:
            for cmd, result in zip(commands, self.append(commands), strict=True):
                if result.action == "ingested":
                    outcome.new += 1
                elif result.action == "revised":
                    outcome.revised += 1
                elif result.action == "seen":
                    outcome.seen += 1
                # A peer tracker's item carries its facts already: nothing to extract from its text.
                if result.action in ("ingested", "revised") and cmd.key not in peer_keys:  # type: ignore[union-attr]
                    changed.append(result.fact_id)
        if changed and self.extract is not None:
            if self._deferred is not None:
                self._deferred.extend(changed)
            else:
                self.extract(changed)
        if payloads and self.peer_facts is not None:
            counts = self.peer_facts(payloads, labels)
            outcome.peer_facts = int(counts.get("added", 0))
            outcome.warnings.extend(str(e) for e in counts.get("errors", ())[:20])
        return replace(state, seen=seen), met

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        # httpx.Limits caps connections in total, not per host: a publisher with many feeds gets per_host at once.
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
        return slot
