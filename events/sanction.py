"""The Sanction aggregate: one measure by one authority against one target."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from events.ids import sanction_id
from events.values import DomainError, Source
from events.vocab import SANCTION_AMENDABLE_FIELDS

__all__ = ["Sanction"]


class Sanction(Aggregate):
    """A sanction imposed by a state on a person or organisation, until it is lifted."""

    class SanctionImposed(Aggregate.Created):
        # Version 2 added the precision of effective_on: a sanction known only by its year is not a day.
        class_version = 2

        imposed_by: str
        authority: str
        program: str
        legal_basis: str | None
        target: str
        target_state: str | None
        reason: str | None
        effective_on: date
        precision: str
        source: Source

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Sanctions recorded before version 2 were all dated to the day."""
            state["precision"] = "day"

        def apply(self, aggregate: Sanction) -> None:
            aggregate.target = self.target
            aggregate.effective_on = self.effective_on
            aggregate.lifted_on = None
            aggregate.sources = [self.source]
            aggregate.retracted = False

    class SanctionCorroborated(Aggregate.Event):
        source: Source

        def apply(self, aggregate: Sanction) -> None:
            aggregate.sources.append(self.source)

    class SanctionAmended(Aggregate.Event):
        changes: dict[str, Any]
        reason: str
        source: Source

        def apply(self, aggregate: Sanction) -> None:
            if "effective_on" in self.changes:
                aggregate.effective_on = self.changes["effective_on"]
            aggregate.sources.append(self.source)

    class SanctionLifted(Aggregate.Event):
        effective_on: date
        source: Source

        def apply(self, aggregate: Sanction) -> None:
            aggregate.lifted_on = self.effective_on
            aggregate.sources.append(self.source)

    class SanctionRetracted(Aggregate.Event):
        reason: str
        source: Source

        def apply(self, aggregate: Sanction) -> None:
            aggregate.retracted = True

    target: str
    effective_on: date
    lifted_on: date | None
    sources: list[Source]
    retracted: bool

    def __init__(self) -> None:
        pass

    @classmethod
    def impose(
        cls,
        *,
        imposed_by: str,
        authority: str,
        program: str,
        legal_basis: str | None,
        target: str,
        target_state: str | None,
        reason: str | None,
        effective_on: date,
        source: Source,
        precision: str = "day",
        **meta: Any,
    ) -> Sanction:
        """Impose a sanction, its id derived from its authority, program and target."""
        if not authority or not program:
            raise DomainError("a sanction needs an authority and a program", field="authority")
        return cls._create(
            cls.SanctionImposed,
            id=sanction_id(authority, program, target),
            imposed_by=imposed_by,
            authority=authority,
            program=program,
            legal_basis=legal_basis,
            target=target,
            target_state=target_state,
            reason=reason,
            effective_on=effective_on,
            precision=precision,
            source=source,
            **meta,
        )

    def corroborate(self, source: Source, **meta: Any) -> None:
        """Add another report; a source already cited adds nothing."""
        if not any(s["url"] == source["url"] for s in self.sources):
            self.trigger_event(self.SanctionCorroborated, source=source, **meta)

    def lift(self, effective_on: date, source: Source, **meta: Any) -> None:
        """Lift the sanction on a date no earlier than it took effect; lifting again on that date adds nothing."""
        if self.retracted:
            raise DomainError("this sanction was retracted")
        if self.lifted_on is not None:
            if self.lifted_on == effective_on:
                return
            raise DomainError(f"this sanction was already lifted on {self.lifted_on}")
        if effective_on < self.effective_on:
            raise DomainError(f"cannot lift on {effective_on}, before it took effect on {self.effective_on}")
        self.trigger_event(self.SanctionLifted, effective_on=effective_on, source=source, **meta)

    def amend(self, changes: dict[str, Any], reason: str, source: Source, **meta: Any) -> None:
        """Correct the sanction's legal basis, reason, effective date, program name or target state, with a reason."""
        unknown = set(changes) - set(SANCTION_AMENDABLE_FIELDS)
        if unknown:
            raise DomainError(f"cannot correct {', '.join(sorted(unknown))} of a sanction")
        if not reason or not reason.strip():
            raise DomainError("a correction needs a reason", field="reason")
        self.trigger_event(self.SanctionAmended, changes=changes, reason=reason, source=source, **meta)

    def retract(self, reason: str, source: Source, **meta: Any) -> None:
        """Withdraw the sanction as wrongly recorded, once only; a reason is required."""
        if self.retracted:
            raise DomainError("this sanction was already retracted")
        if not reason or not reason.strip():
            raise DomainError("a retraction needs a reason", field="reason")
        self.trigger_event(self.SanctionRetracted, reason=reason, source=source, **meta)
