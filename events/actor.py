"""The Actor aggregate: states, people and organisations, their names and offices."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from events.ids import actor_id
from events.values import DomainError, Source

__all__ = ["ACTOR_KINDS", "Actor"]

ACTOR_KINDS = ("state", "person", "organization")

# The outlet of the reference data's sources: the terms `tracker init` may correct later.
REFERENCE_OUTLET = "reference data"


class Actor(Aggregate):
    """Someone who acts: a state, a person or an organisation."""

    class ActorRegistered(Aggregate.Created):
        slug: str
        kind: str
        state: str | None
        names: dict[str, str]
        aliases: list[str]
        wikidata: str | None

        def apply(self, aggregate: Actor) -> None:
            aggregate.slug = self.slug
            aggregate.kind = self.kind
            aggregate.state = self.state
            aggregate.names = dict(self.names)
            aggregate.aliases = list(self.aliases)
            aggregate.wikidata = self.wikidata
            aggregate.offices = []

    class AliasAdded(Aggregate.Event):
        alias: str

        def apply(self, aggregate: Actor) -> None:
            aggregate.aliases.append(self.alias)

    class OfficeAssumed(Aggregate.Event):
        """An office taken up, from a date known to a day, a month or a year (precision)."""

        # Version 2 added the precision of since: a start known only to the month is not a day.
        class_version = 2

        office: str
        organization: str | None
        state: str | None
        since: date
        precision: str
        source: Source

        def apply(self, aggregate: Actor) -> None:
            aggregate.offices.append(
                {
                    "office": self.office,
                    "since": self.since,
                    "precision": self.precision,
                    "until": None,
                    "until_precision": None,
                    "reference": self.source.get("outlet") == REFERENCE_OUTLET,
                }
            )

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 gave days."""
            state["precision"] = "day"

    class OfficeLeft(Aggregate.Event):
        """An office left, on a date known to a day, a month or a year (precision)."""

        class_version = 2

        office: str
        until: date
        precision: str
        source: Source

        def apply(self, aggregate: Actor) -> None:
            for held in aggregate.offices:
                if held["office"] == self.office and held["until"] is None:
                    held["until"] = self.until
                    held["until_precision"] = self.precision
                    break

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 gave days."""
            state["precision"] = "day"

    class OfficeTermWithdrawn(Aggregate.Event):
        """A term of office recorded in error (a corrected start or end) is withdrawn."""

        office: str
        since: date
        reason: str
        source: Source

        def apply(self, aggregate: Actor) -> None:
            aggregate.offices = [h for h in aggregate.offices if (h["office"], h["since"]) != (self.office, self.since)]

    slug: str
    kind: str
    state: str | None
    names: dict[str, str]
    aliases: list[str]
    wikidata: str | None
    offices: list[dict[str, Any]]

    def __init__(self) -> None:
        pass

    @classmethod
    def register(
        cls,
        slug: str,
        kind: str,
        state: str | None,
        names: dict[str, str],
        aliases: list[str] | None = None,
        wikidata: str | None = None,
        **meta: Any,
    ) -> Actor:
        """Register a new actor, its id derived from the slug; the kind must be known and the slug one word."""
        if kind not in ACTOR_KINDS:
            raise DomainError(f"actor kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
        if not slug or slug != slug.strip() or " " in slug:
            raise DomainError(f"actor slug {slug!r} must be one word such as xie-feng")
        return cls._create(
            cls.ActorRegistered,
            id=actor_id(slug),
            slug=slug,
            kind=kind,
            state=state,
            names=names,
            aliases=list(aliases or []),
            wikidata=wikidata,
            **meta,
        )

    def add_alias(self, alias: str, **meta: Any) -> None:
        """Add a name the actor is known by; a name it already has is ignored."""
        if alias in self.aliases or alias in self.names.values():
            return
        self.trigger_event(self.AliasAdded, alias=alias, **meta)

    def holds(self, office: str) -> bool:
        """Whether the actor holds the office now: taken and not yet left."""
        return any(h["office"] == office and h["until"] is None for h in self.offices)

    def assume_office(
        self,
        office: str,
        organization: str | None,
        state: str | None,
        since: date,
        source: Source,
        *,
        precision: str = "day",
        **meta: Any,
    ) -> None:
        """Record taking up an office; the same office from the same date again is ignored."""
        if any(h["office"] == office and h["since"] == since for h in self.offices):
            return
        self.trigger_event(
            self.OfficeAssumed,
            office=office,
            organization=organization,
            state=state,
            since=since,
            precision=precision,
            source=source,
            **meta,
        )

    def withdraw_term(self, office: str, since: date, reason: str, source: Source, **meta: Any) -> None:
        """Withdraw a term of office recorded in error; a term not held is an error."""
        if not any((h["office"], h["since"]) == (office, since) for h in self.offices):
            raise DomainError(f"{self.slug} has no term of {office!r} from {since}")
        if not reason or not reason.strip():
            raise DomainError("a withdrawal needs a reason", field="reason")
        self.trigger_event(self.OfficeTermWithdrawn, office=office, since=since, reason=reason, source=source, **meta)

    def leave_office(
        self,
        office: str,
        until: date,
        source: Source,
        *,
        since: date | None = None,
        precision: str = "day",
        **meta: Any,
    ) -> None:
        """Record leaving an office, on a date no earlier than it was taken: the term begun on since, else the one held.

        Leaving a term that was already left on that same date adds nothing.
        """
        terms = [h for h in self.offices if h["office"] == office and (since is None or h["since"] == since)]
        if any(h["until"] == until for h in terms):
            return
        held = next((h for h in terms if h["until"] is None), None)
        if held is None:
            raise DomainError(f"{self.slug} holds no office {office!r} to leave")
        if until < held["since"]:
            raise DomainError(f"{self.slug} cannot leave {office!r} on {until}, before taking it on {held['since']}")
        self.trigger_event(self.OfficeLeft, office=office, until=until, precision=precision, source=source, **meta)
