"""The Interaction aggregate: meetings, calls, statements, refusals, with their sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from events.fields import declared_fields
from events.values import DomainError, Source
from events.vocab import AMENDABLE_FIELDS, check_interaction

__all__ = ["AMENDABLE_FIELDS", "Interaction"]


class Interaction(Aggregate):
    """One reported interaction between two states, kept with every source that reported it."""

    class InteractionReported(Aggregate.Created):
        kind: str
        status: str
        participants: list[str]
        initiator: str | None
        recipient: str | None
        dyad: str
        occurred_on: date
        precision: str
        until: date | None
        location: str | None
        channel: str | None
        summary: str | None
        cameo: str
        goldstein: float
        plover: str | None
        codebook: str
        source: Source

        def apply(self, aggregate: Interaction) -> None:
            for name in _REPORTED_FIELDS:
                setattr(aggregate, name, getattr(self, name))
            aggregate.participants = list(self.participants)
            aggregate.sources = [self.source]
            aggregate.retracted = False

    class InteractionCorroborated(Aggregate.Event):
        """Another report of the interaction, with what it said of it (its account)."""

        # Version 2 added the account: a report a day later, elsewhere or in other words is
        # still the same interaction, but what it said is kept, so disagreements show.
        class_version = 2

        source: Source
        account: dict[str, Any] | None

        def apply(self, aggregate: Interaction) -> None:
            aggregate.sources.append(self.source)

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 kept no account: what the report said is not known."""
            state["account"] = None

    class InteractionAmended(Aggregate.Event):
        changes: dict[str, Any]
        reason: str
        source: Source

        def apply(self, aggregate: Interaction) -> None:
            for name, value in self.changes.items():
                setattr(aggregate, name, value)
            aggregate.sources.append(self.source)

    class InteractionRetracted(Aggregate.Event):
        reason: str
        source: Source

        def apply(self, aggregate: Interaction) -> None:
            aggregate.retracted = True

    class InteractionConfirmed(Aggregate.Event):
        occurred_on: date
        source: Source

        def apply(self, aggregate: Interaction) -> None:
            aggregate.status = "occurred"
            aggregate.occurred_on = self.occurred_on
            if not aggregate.has_source(self.source["url"]):
                aggregate.sources.append(self.source)

    class InteractionCancelled(Aggregate.Event):
        reason: str
        source: Source

        def apply(self, aggregate: Interaction) -> None:
            aggregate.status = "cancelled"
            if not aggregate.has_source(self.source["url"]):
                aggregate.sources.append(self.source)

    kind: str
    status: str
    participants: list[str]
    initiator: str | None
    recipient: str | None
    dyad: str
    occurred_on: date
    precision: str
    until: date | None
    location: str | None
    channel: str | None
    summary: str | None
    cameo: str
    goldstein: float
    sources: list[Source]
    retracted: bool

    def __init__(self) -> None:
        pass

    check = staticmethod(check_interaction)

    def has_source(self, url: str) -> bool:
        """Whether a source with this URL is already cited."""
        return any(s["url"] == url for s in self.sources)

    def corroborate(self, source: Source, account: dict[str, Any] | None = None, **meta: Any) -> None:
        """Add another report, with what it said (ACCOUNT_FIELDS); a source already cited adds nothing."""
        if not self.has_source(source["url"]):
            self.trigger_event(self.InteractionCorroborated, source=source, account=account, **meta)

    def confirm(self, occurred_on: date, source: Source, **meta: Any) -> None:
        """Mark an expected interaction as having occurred, on the date given."""
        if self.status != "expected":
            raise DomainError(f"interaction is {self.status}, only an expected one can be confirmed")
        self.trigger_event(self.InteractionConfirmed, occurred_on=occurred_on, source=source, **meta)

    def cancel(self, reason: str, source: Source, **meta: Any) -> None:
        """Mark an expected interaction as cancelled."""
        if self.status != "expected":
            raise DomainError(f"interaction is {self.status}, only an expected one can be cancelled")
        self.trigger_event(self.InteractionCancelled, reason=reason, source=source, **meta)

    def amend(self, changes: dict[str, Any], reason: str, source: Source, **meta: Any) -> None:
        """Correct fields of a live interaction; the changes must alter something and leave it valid."""
        self._check_live()
        unknown = set(changes) - set(AMENDABLE_FIELDS) - {"participants"}
        if unknown:
            raise DomainError(f"cannot correct {', '.join(sorted(unknown))}; fields: {', '.join(AMENDABLE_FIELDS)}")
        effective = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if not effective:
            raise DomainError("the correction changes nothing")
        merged = {
            f: effective.get(f, getattr(self, f)) for f in ("kind", "status", "precision", "occurred_on", "until")
        }
        self.check(**merged)
        if not reason or not reason.strip():
            raise DomainError("a correction needs a reason", field="reason")
        self.trigger_event(self.InteractionAmended, changes=effective, reason=reason, source=source, **meta)

    def retract(self, reason: str, source: Source, **meta: Any) -> None:
        """Withdraw a live interaction that should not have been recorded; a reason is required."""
        self._check_live()
        if not reason or not reason.strip():
            raise DomainError("a retraction needs a reason", field="reason")
        self.trigger_event(self.InteractionRetracted, reason=reason, source=source, **meta)

    def _check_live(self) -> None:
        if self.retracted:
            raise DomainError("this interaction was retracted; report it anew instead")


# The fields of a report the aggregate keeps as they are: every declared field of the event
# but the participants (copied) and the source (the first of a list).
_REPORTED_FIELDS = tuple(
    f for f in declared_fields(Interaction.InteractionReported) if f not in ("participants", "source")
)
