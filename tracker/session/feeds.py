"""The Session's feed use cases: subscribe, list, show, remove, OPML import and export (issue 9, point 1).

A mixin of tracker.session.Session, kept in its own module so the session stays short. Parsing
is tracker.input.feeds', queries tracker.views.feeds', the interval format tracker.feeds.decide's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from events.commands import Command, Outcome, SubscribeFeed, UnsubscribeFeed
from events.values import DomainError
from tracker.errors import OperationFailed, UsageError

if TYPE_CHECKING:
    from tracker.feeds.poller import FeedOutcome, Poller, PollOptions, PollSummary
    from tracker.feeds.state import PollerStore
    from tracker.store import StoreLocation

# Parsing, queries and the interval format are imported where used: a session that only appends
# (`tracker append`, issue 12) never loads them.

__all__ = ["FeedUseCases"]

DEFAULT_EVERY = "15m"


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _seconds(every: str | None) -> int:
    from tracker.feeds.decide import parse_interval

    return int(parse_interval(every or DEFAULT_EVERY).total_seconds())


class FeedUseCases:
    """Feed subscriptions, as events: what Session offers for `tracker feeds`."""

    now: Callable[[], datetime]
    location: StoreLocation
    notes: list[str]

    @property
    def conn(self) -> sqlite3.Connection:
        raise NotImplementedError  # Session's: the read models, caught up

    def _execute(self, commands: list[Command]) -> list[Outcome]:
        raise NotImplementedError  # Session's

    if TYPE_CHECKING:  # PeerUseCases', beside this mixin in Session's bases; declared here for the type checker only

        def append_peer_facts(
            self, payloads: list[dict[str, Any]], *, labels: list[str] | None = None
        ) -> dict[str, Any]: ...

        def extract_reports(
            self, ids: list[str] | None = None, *, every: bool = False, progress: Callable[[int], None] | None = None
        ) -> dict[str, int]: ...

    def add_feed(
        self, url: str, *, name: str | None = None, every: str | None = None, language: str = "auto",
        trust: str = "review",
    ) -> Outcome:  # fmt: skip
        """Subscribe to a feed; a URL already followed, or a name another live feed has, is refused."""
        from tracker.input.feeds import subscribe_command
        from tracker.views import feeds as feed_queries

        taken = feed_queries.live_names(self.conn)
        command = subscribe_command(
            url, interval=_seconds(every), taken=taken, name=name, language=language, trust=trust
        )
        return self._execute([command])[0]

    def feeds(self) -> list[dict[str, Any]]:
        """Every live feed with its health, as `feeds list --format json` and the status JSON give them."""
        from tracker.views import feeds as feed_queries

        return self.with_health(feed_queries.feeds(self.conn))

    def feed(self, name: str) -> dict[str, Any]:
        """One live feed with its health, by name or URL."""
        from tracker.views import feeds as feed_queries

        found = feed_queries.feed(self.conn, name.strip())
        if found is None:
            raise UsageError(f"no feed named {name!r}; see `tracker feeds list`")
        return self.with_health([found])[0]

    # -- polling ------------------------------------------------------------------------

    @property
    def poller_path(self) -> Path:
        """poller.db, beside the read models: the poller's operational state."""
        from tracker.feeds.state import POLLER_FILE

        return self.location.views_path.parent / POLLER_FILE

    def poller_state(self) -> PollerStore:
        """The poller's state file, opened (and created) for polling."""
        from tracker.feeds.state import PollerStateError, PollerStore

        try:
            return PollerStore(self.poller_path)
        except PollerStateError as exc:
            raise OperationFailed(str(exc)) from exc

    def with_health(self, feeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Feed objects with the poller's last poll, next poll, failures, and the reports each has brought."""
        from tracker.views.reports import counts_by_feed

        counts = counts_by_feed(self.conn)
        health: dict[str, Any] = {}
        if self.poller_path.exists():
            with self.poller_state() as state:
                health = state.health()
        for f in feeds:
            f["reports"] = counts.get(f["id"], 0)
            polled = health.get(f["id"])
            if polled is not None:
                f.update(
                    last_polled=_stamp(polled.last_polled), last_status=polled.last_status,
                    last_error=polled.last_error, next_poll=_stamp(polled.next_poll), failures=polled.failures,
                )  # fmt: skip
        return feeds

    def poll(
        self,
        feed: str | None = None,
        *,
        options: PollOptions | None = None,
        progress: Callable[[FeedOutcome], None] | None = None,
        manual: bool = True,
        extract: bool = True,
    ) -> PollSummary:
        """Poll every live feed, or the one named, now: those inside a Retry-After or back-off window are skipped."""
        from tracker.feeds.poller import FeedRef

        chosen = [self.feed(feed)] if feed is not None else self.feeds()
        if not chosen:
            raise UsageError("no feeds to poll; add one with `tracker feeds add URL`")
        with self.poller(options, extract=extract) as poller:
            return poller.poll([FeedRef.of(f) for f in chosen], manual=manual, progress=progress)

    @contextmanager
    def poller(self, options: PollOptions | None = None, *, extract: bool = True) -> Iterator[Poller]:
        """A Poller writing through this session's ledger, with its state file open (extracting facts from the
        reports it brings unless extract is False: `tracker reports extract` does it later)."""
        from tracker.feeds.poller import Poller

        state = self.poller_state()

        def peer(payloads: list[dict[str, Any]], labels: list[str]) -> dict[str, Any]:
            return self.append_peer_facts(payloads, labels=labels)

        def extract_new(report_ids: list[str]) -> None:
            # The reports are stored whatever extraction makes of them; a failure here leaves them for
            # `tracker reports extract`, and says so, rather than failing the poll.
            try:
                self.extract_reports(report_ids)
            except Exception as exc:  # any extraction bug: the poll's reports are kept all the same
                self.notes.append(f"extraction of {len(report_ids)} reports failed ({type(exc).__name__}: {exc}); "
                                  "run `tracker reports extract` to retry")  # fmt: skip

        poller = Poller(
            state,
            self._execute,
            now=self.now,
            options=options,
            peer_facts=peer,
            extract=extract_new if extract else None,
        )
        try:
            yield poller
        finally:
            poller.close()
            state.close()

    def remove_feed(self, name: str, reason: str | None = None) -> Outcome:
        """Unsubscribe a live feed, by name or URL, with an optional reason."""
        from tracker.input.facts import parse_reason

        url = self.feed(name)["url"]
        return self._execute([UnsubscribeFeed(url, parse_reason(reason) if reason is not None else None)])[0]

    def import_opml(self, data: bytes, what: str = "OPML file") -> dict[str, int]:
        """Subscribe to every feed of an OPML file in one transaction, or none; URLs already followed are skipped."""
        from tracker.input.feeds import feed_name, parse_opml
        from tracker.views import feeds as feed_queries

        entries = parse_opml(data, what)
        taken = feed_queries.live_names(self.conn)
        live = set(taken.values())
        commands: list[Command] = []
        skipped = 0
        for e in entries:
            if e["url"] in live:
                skipped += 1
                continue
            live.add(e["url"])
            name = feed_name(e["url"], taken, e["name"], numbered=True)
            try:
                seconds = _seconds(e["every"])
            except DomainError:  # another reader's attribute of that name: the default interval
                seconds = _seconds(None)
            cmd = SubscribeFeed(e["url"], name, e["language"] or "auto", seconds, e["trust"] or "review", dict(taken))
            taken[name] = e["url"]
            commands.append(cmd)
        if commands:
            self._execute(commands)
        return {"added": len(commands), "skipped": skipped}

    def export_opml(self) -> str:
        """Every live feed as an OPML 2.0 document."""
        from tracker.reports.opml import write_opml

        return write_opml(self.feeds(), self.now().isoformat(timespec="seconds"))
