"""The ledger's use cases: load → decide → save.

Given an event log (any object with `existing_ids`, `get` and `put`), the Ledger loads the
aggregates a batch of commands reads, lets `events.decide` take every decision in memory, and
saves all the new events in one transaction, or none.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from events import DomainError
from events.commands import Command, Outcome
from events.decide import State, decide, reads
from tracker.errors import OperationFailed, UsageError

__all__ = ["EventLogPort", "Ledger", "utc_now"]


def utc_now() -> datetime:
    """The time now, in UTC: the clock a session uses unless a test gives another."""
    return datetime.now(UTC)


class EventLogPort(Protocol):
    """What the ledger needs of an event log."""

    def existing_ids(self, ids: Iterable[UUID] | Mapping[int, UUID]) -> set[UUID]:
        """Which of these aggregates have been recorded (given, or keyed by each id's int)."""
        ...

    def get(self, aggregate_id: UUID) -> Any:
        """The aggregate as its events make it, or None."""
        ...

    def put(self, events: list[Any]) -> None:
        """Store new events in one transaction; IntegrityError if another writer got there first.

        It may drop each event from the list once it is encoded: the caller holds on to none of them.
        """
        ...


class Ledger:
    """The ledger of a relationship: every use case appends events, never edits them."""

    def __init__(self, log: EventLogPort, now: Callable[[], datetime] = utc_now) -> None:
        self.log = log
        self.now = now

    def execute(self, commands: Sequence[Command], *, attempts: int = 10) -> list[Outcome]:
        """Decide every command and save their events in one transaction: all or nothing.

        A concurrent writer that saved the same aggregate first makes the save fail with
        IntegrityError; the batch is then loaded and decided again on the new state. With n
        writers racing on one fact, each round has one winner, so the last may need n
        attempts; a short random pause keeps the losers from colliding again in step.
        """
        for attempt in range(attempts):
            state = self._load(commands)
            outcomes = self._decide(state, commands)
            events = state.events()
            del state  # put() lets go of each event once encoded: nothing else may hold them (memory)
            try:
                self.log.put(events)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise OperationFailed("another writer kept changing the same facts; try again") from None
                time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
                continue
            return outcomes
        raise AssertionError("unreachable")

    def _load(self, commands: Sequence[Command]) -> State:
        # Keyed by each id's int: a UUID hashes in Python code, an int in C (three candidate ids
        # a reported interaction). One entry an id (a dict per command cost a third more).
        wanted: dict[int, UUID] = {}
        for cmd in commands:
            for aggregate_id in reads(cmd):
                wanted[aggregate_id.int] = aggregate_id
        # One existence query for the whole batch, then only what exists is read back and replayed.
        found = self.log.existing_ids(wanted) if wanted else set()
        if not found:
            return State()  # all new (a fresh bulk append): no need to look up each of its ids again
        # In any order: State looks its entries up by id, and saves events in the order decisions touch them.
        return State(self.log.get(u) for u in found)

    def _decide(self, state: State, commands: Sequence[Command]) -> list[Outcome]:
        now = self.now()  # the facts of one batch are recorded together, in one transaction
        outcomes = []
        for number, cmd in enumerate(commands, start=1):
            try:
                outcomes.append(decide(state, cmd, now))
            except DomainError as e:
                if len(commands) > 1:
                    raise UsageError(f"fact {number}: {e}", field=e.field) from None
                raise
        return outcomes
