"""`tracker run`: each feed polled on its own interval by APScheduler 3.x, the read models kept caught up.

APScheduler's threads only fetch and parse (Poller.fetch_one). Everything that writes (appending reports,
the poll state, catching up the read models) happens on the thread that calls `Scheduler.run`, one feed at
a time, so the ledger keeps one writer and a stop request never cuts a write in half: the running commit
finishes, fetches still in flight are dropped (they cost a re-fetch), and `run` returns.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from tracker.feeds.decide import due
from tracker.feeds.poller import FeedOutcome, FeedRef, Fetched, Poller

__all__ = ["Scheduler", "utc_stamp"]

# Each feed's polls start up to this fraction of its interval late, so feeds sharing an interval spread out.
JITTER = 0.1


@dataclass
class _Done:
    fetched: Fetched
    finished: threading.Event


class Scheduler:
    """Runs until `stop` is set: one APScheduler interval job a feed, commits on the calling thread."""

    def __init__(
        self,
        poller: Poller,
        feeds: Callable[[], list[FeedRef]],
        catch_up: Callable[[], Any],
        log: Callable[[str], None],
        *,
        now: Callable[[], datetime],
        refresh: float = 30.0,
        workers: int = 4,
    ) -> None:
        self.poller = poller
        self.feeds = feeds
        self.catch_up = catch_up
        self.log = log
        self.now = now
        self.refresh = refresh
        self.workers = workers
        self._inbox: queue.Queue[_Done | str] = queue.Queue()
        self._stop = threading.Event()
        self._jobs: dict[str, FeedRef] = {}
        self.polls = 0

    def run(self, stop: threading.Event) -> None:
        """Schedule every live feed, then commit polls as they come in, until stop is set."""
        self._stop = stop
        scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(self.workers)},
            # coalesce: a feed late for several runs polls once; max_instances: never two polls of one feed at once.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )
        self._sync(scheduler)
        scheduler.add_job(lambda: self._inbox.put("sync"), IntervalTrigger(seconds=self.refresh), id="sync")
        scheduler.start()
        self.log(f"running: {len(self._jobs)} feed{'' if len(self._jobs) == 1 else 's'} scheduled")
        try:
            while not stop.is_set():
                try:
                    task = self._inbox.get(timeout=0.2)
                except queue.Empty:
                    continue
                if task == "sync":
                    self.catch_up()
                    self._sync(scheduler)
                elif isinstance(task, _Done):
                    try:
                        self._commit(task.fetched)
                    finally:
                        task.finished.set()
        finally:
            scheduler.shutdown(wait=False)
            self._release()
            self.log(f"stopped after {self.polls} poll{'' if self.polls == 1 else 's'}")

    def _commit(self, fetched: Fetched) -> None:
        outcome: FeedOutcome = self.poller.commit(fetched)
        self.polls += 1
        self.catch_up()
        self.log(outcome.line())

    def _poll(self, feed: FeedRef) -> None:
        # On an APScheduler thread: fetch and parse, then hand the result to the writer thread and wait for it,
        # so that max_instances=1 covers the whole poll, commit included.
        if self._stop.is_set():
            return
        state = self.poller.state.load(feed.id)
        now = self.now()
        if state.last_polled is not None and now - state.last_polled < timedelta(seconds=feed.interval / 2):
            # APScheduler's jitter can fire a job twice in quick succession; half an interval apart is too soon.
            return
        go, reason = due(state, now, manual=True)
        if not go:
            self.log(f"{feed.name}: skipped: {reason}")
            return
        fetched = self.poller.fetch_one(feed, state)
        if self._stop.is_set():
            return
        done = _Done(fetched, threading.Event())
        self._inbox.put(done)
        while not done.finished.wait(0.2):
            if self._stop.is_set():
                return

    def _release(self) -> None:
        # Polls waiting for a commit that will not come now: let their threads end.
        while True:
            try:
                task = self._inbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(task, _Done):
                task.finished.set()

    def _sync(self, scheduler: BackgroundScheduler) -> None:
        """Add a job for each new feed, reschedule a feed whose settings changed, drop a removed one."""
        current = {f.id: f for f in self.feeds()}
        for fid in set(self._jobs) - set(current):
            scheduler.remove_job(fid)
            self.log(f"{self._jobs.pop(fid).name}: no longer followed")
        for fid, feed in current.items():
            if self._jobs.get(fid) == feed:
                continue
            if fid in self._jobs:
                scheduler.remove_job(fid)
            state = self.poller.state.load(fid)
            # APScheduler runs on the wall clock whatever clock the poll decisions use: a first run time far
            # in its past would make it walk every missed interval since.
            wall = datetime.now(UTC)
            first = max(wall, state.next_poll) if state.next_poll else wall
            trigger = IntervalTrigger(seconds=feed.interval, jitter=int(feed.interval * JITTER) or None, timezone=UTC)
            scheduler.add_job(self._poll, trigger, args=[feed], id=fid, name=feed.name, next_run_time=first)
            self._jobs[fid] = feed


def utc_stamp(moment: datetime | None = None) -> str:
    """A log line's time: 2026-11-26T13:00:00Z."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
