"""The state decisions are taken on: the aggregates a batch of commands reads and changes, in memory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

__all__ = ["State"]


class _NewFact:
    """A new aggregate held as its creation event only.

    Bulk appends create many interactions that nothing else in the batch touches; building
    the aggregate object for each costs more than saving it. It is built when asked for.
    """

    __slots__ = ("event",)

    def __init__(self, event: Any) -> None:
        self.event = event

    def aggregate(self) -> Any:
        agg = self.event.mutate(None)
        agg.pending_events.append(self.event)
        return agg


class State:
    """The aggregates a batch of decisions reads and changes, held in memory.

    It must hold every aggregate that `reads` names for the batch's commands and that exists:
    an id it lacks is taken as never recorded.
    """

    def __init__(self, aggregates: Iterable[Any] = ()) -> None:
        self._loaded: dict[UUID, Any] = {agg.id: agg for agg in aggregates}
        # Aggregates in the order the decisions first touched them: their events are saved in that order.
        self._held: dict[UUID, Any] = {}

    def get(self, aggregate_id: UUID) -> Any:
        """The aggregate with this id, or None if it was never recorded."""
        held = self._held.get(aggregate_id)
        if held is None:
            held = self._loaded.pop(aggregate_id, None)
            if held is None:
                return None
            self._held[aggregate_id] = held
        if isinstance(held, _NewFact):
            held = self._held[aggregate_id] = held.aggregate()
        return held

    def add(self, aggregate: Any) -> None:
        """A new aggregate, with its creation event pending."""
        self._held[aggregate.id] = aggregate

    def add_created(self, aggregate_id: UUID, event: Any) -> None:
        """A new aggregate given by its creation event alone (built if it is asked for later)."""
        self._held[aggregate_id] = _NewFact(event)

    def events(self) -> list[Any]:
        """Every new event of the batch, aggregate by aggregate in the order they were first touched."""
        out: list[Any] = []
        for held in self._held.values():
            if isinstance(held, _NewFact):
                out.append(held.event)
            else:
                out.extend(held.collect_events())
        return out
