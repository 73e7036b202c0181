"""The Channel aggregate: a standing line of contact between two states, and its status."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from events.ids import channel_id
from events.values import DomainError, Source

__all__ = ["Channel"]


class Channel(Aggregate):
    """A military-to-military (or other) channel of a dyad; status is derived from these events."""

    class ChannelRegistered(Aggregate.Created):
        slug: str
        dyad: str
        names: dict[str, str]
        aliases: list[str]
        level: str | None

        def apply(self, aggregate: Channel) -> None:
            aggregate.slug = self.slug
            aggregate.dyad = self.dyad
            aggregate.names = dict(self.names)
            aggregate.aliases = list(self.aliases)
            aggregate.level = self.level
            aggregate.assessments = []

    class ChannelAliasAdded(Aggregate.Event):
        alias: str

        def apply(self, aggregate: Channel) -> None:
            aggregate.aliases.append(self.alias)

    class ChannelSuspended(Aggregate.Event):
        on: date
        by: str | None
        reason: str | None
        source: Source

        def apply(self, aggregate: Channel) -> None:
            aggregate.assessments.append(("suspended", self.on, self.source["url"]))

    class ChannelStalled(Aggregate.Event):
        on: date
        reason: str | None
        source: Source

        def apply(self, aggregate: Channel) -> None:
            aggregate.assessments.append(("stalled", self.on, self.source["url"]))

    class ChannelResumed(Aggregate.Event):
        on: date
        reason: str | None
        source: Source

        def apply(self, aggregate: Channel) -> None:
            aggregate.assessments.append(("resumed", self.on, self.source["url"]))

    class ChannelAssessmentRetracted(Aggregate.Event):
        status: str
        on: date
        reason: str
        source: Source

        def apply(self, aggregate: Channel) -> None:
            aggregate.assessments = [a for a in aggregate.assessments if (a[0], a[1]) != (self.status, self.on)]

    slug: str
    dyad: str
    names: dict[str, str]
    aliases: list[str]
    level: str | None
    assessments: list[tuple[str, date, str]]

    def __init__(self) -> None:
        pass

    @classmethod
    def register(
        cls, slug: str, dyad: str, names: dict[str, str], aliases: list[str], level: str | None, **meta: Any
    ) -> Channel:
        """Register a channel of a dyad, its id derived from the dyad and the slug."""
        return cls._create(
            cls.ChannelRegistered,
            id=channel_id(dyad, slug),
            slug=slug,
            dyad=dyad,
            names=names,
            aliases=list(aliases),
            level=level,
            **meta,
        )

    def add_alias(self, alias: str, **meta: Any) -> None:
        """Add a name the channel is known by; a name it already has is ignored."""
        if alias not in self.aliases and alias not in self.names.values() and alias != self.slug:
            self.trigger_event(self.ChannelAliasAdded, alias=alias, **meta)

    def _already(self, status: str, on: date, source: Source) -> bool:
        return (status, on, source["url"]) in self.assessments

    def suspend(self, on: date, by: str | None, reason: str | None, source: Source, **meta: Any) -> None:
        """Record the channel suspended on a date; the same source saying so again for that date adds nothing."""
        if not self._already("suspended", on, source):
            self.trigger_event(self.ChannelSuspended, on=on, by=by, reason=reason, source=source, **meta)

    def stall(self, on: date, reason: str | None, source: Source, **meta: Any) -> None:
        """Record the channel stalled on a date; the same source saying so again for that date adds nothing."""
        if not self._already("stalled", on, source):
            self.trigger_event(self.ChannelStalled, on=on, reason=reason, source=source, **meta)

    def resume(self, on: date, reason: str | None, source: Source, **meta: Any) -> None:
        """Record the channel resumed on a date; the same source saying so again for that date adds nothing."""
        if not self._already("resumed", on, source):
            self.trigger_event(self.ChannelResumed, on=on, reason=reason, source=source, **meta)

    def retract_assessment(self, status: str, on: date, reason: str, source: Source, **meta: Any) -> None:
        """Withdraw what was recorded of the channel on a date (suspended, stalled or resumed)."""
        if not reason or not reason.strip():
            raise DomainError("a retraction needs a reason", field="reason")
        if not any((a[0], a[1]) == (status, on) for a in self.assessments):
            recorded = ", ".join(f"{a[0]} on {a[1]}" for a in self.assessments) or "nothing"
            raise DomainError(f"{self.slug} was not recorded as {status} on {on}; recorded: {recorded}")
        self.trigger_event(self.ChannelAssessmentRetracted, status=status, on=on, reason=reason, source=source, **meta)
