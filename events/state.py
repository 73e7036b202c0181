"""The state decisions are taken on: the aggregates a batch of commands reads and changes, in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

__all__ = ["Recorded", "State"]


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


class Recorded:
    """An aggregate the store holds, kept as what the store read of it until a decision needs the object.

    Most reports of a known interaction change nothing, and that is told from a few fields of
    its creation event (events.reported.already_reported) in a fraction of the time decoding
    and replaying every event takes. The store gives the reader of those fields and the
    builder; both work on bytes it has already read. Attributes not its own are the built
    aggregate's.
    """

    __slots__ = ("_build", "_built", "_read", "_state", "id", "topic", "version")

    def __init__(
        self,
        aggregate_id: UUID,
        version: int,
        topic: str,
        state: Any,
        read: Callable[[Any, tuple[str, ...]], dict[str, Any]],
        build: Callable[[], Any],
    ) -> None:
        self.id = aggregate_id
        self.version = version  # how many events it has
        self.topic = topic  # of its first event, whose stored state fields() reads
        self._state = state
        self._read = read
        self._build = build
        self._built: Any = None

    def fields(self, names: tuple[str, ...]) -> dict[str, Any]:
        """These fields of its first event as plain JSON data (dates as ISO strings); one it lacks is left out."""
        return self._read(self._state, names)

    def aggregate(self) -> Any:
        """The aggregate its events make (built once)."""
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getattr__(self, name: str) -> Any:
        return getattr(self.aggregate(), name)


class State:
    """The aggregates a batch of decisions reads and changes, held in memory.

    It must hold every aggregate that `reads` names for the batch's commands and that exists:
    an id it lacks is taken as never recorded.
    """

    def __init__(self, aggregates: Iterable[Any] = ()) -> None:
        # Keyed by each id's integer: a UUID hashes in Python code, its int in C (a bulk append
        # looks up three candidate ids a fact, twice).
        self._loaded: dict[int, Any] = {agg.id.int: agg for agg in aggregates}
        # Aggregates in the order the decisions first touched them: their events are saved in that order.
        self._held: dict[int, Any] = {}

    def get(self, aggregate_id: UUID) -> Any:
        """The aggregate with this id, or None if it was never recorded."""
        key = aggregate_id.int
        held = self._held.get(key)
        if held is None:
            if not self._loaded:
                return None
            held = self._loaded.pop(key, None)
            if held is None:
                return None
            self._held[key] = held
        if isinstance(held, _NewFact | Recorded):
            held = self._held[key] = held.aggregate()
        return held

    def recorded(self, aggregate_id: UUID) -> Recorded | None:
        """The stored entry of an aggregate no decision of this batch has asked for yet, if the store gave one."""
        if not self._loaded:
            return None
        entry = self._loaded.get(aggregate_id.int)
        return entry if isinstance(entry, Recorded) else None

    def unseen(self, ids: list[UUID]) -> bool:
        """Whether none of these aggregates exists, in the store or in this batch (a new fact's case, told at once)."""
        held, loaded = self._held, self._loaded
        for aggregate_id in ids:
            key = aggregate_id.int
            if key in held or key in loaded:
                return False
        return True

    def add(self, aggregate: Any) -> None:
        """A new aggregate, with its creation event pending."""
        self._held[aggregate.id.int] = aggregate

    def add_created(self, aggregate_id: UUID, event: Any) -> None:
        """A new aggregate given by its creation event alone (built if it is asked for later)."""
        self._held[aggregate_id.int] = _NewFact(event)

    def events(self) -> list[Any]:
        """Every new event of the batch, aggregate by aggregate in the order they were first touched."""
        out: list[Any] = []
        for held in self._held.values():
            if isinstance(held, _NewFact):
                out.append(held.event)
            else:
                out.extend(held.collect_events())
        return out
