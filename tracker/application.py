"""The Tracker application: one method per use case over eventsourcing's Application."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding
from eventsourcing.utils import get_topic

# The aggregates (events.actor, .channel, .interaction, .sanction) are imported inside the
# use cases that need them: commands that only read the log skip building their classes.
from events import (
    CODEBOOK_VERSION,
    INTERACTION_KINDS,
    DomainError,
    Source,
    actor_id,
    channel_id,
    interaction_ids,
    make_source,
    meeting_code,
    sanction_id,
)
from tracker.errors import OperationFailed, UsageError
from tracker.log import LogReader

if TYPE_CHECKING:
    from tracker.facts import (
        Command,
        ReportInteraction,
    )

__all__ = ["Outcome", "Tracker"]

REFERENCE_SOURCE = "urn:tracker:reference-data"


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Outcome:
    """What one appended fact did to the ledger."""

    fact_id: str
    action: str  # reported, corroborated, confirmed, imposed, lifted, assessed, office, unchanged
    kind: str

    def as_json(self) -> dict[str, str]:
        """The outcome as a JSON object: id, action and kind."""
        return {"id": self.fact_id, "action": self.action, "kind": self.kind}


class Tracker(LogReader, Application[UUID]):
    """The ledger of a relationship: every use case appends events, never edits them."""

    name = "tracker"
    is_snapshotting_enabled = False

    def __init__(self, env: dict[str, str] | None = None, now: Callable[[], datetime] = utc_now) -> None:
        super().__init__(env)
        self.now = now

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Register the library's transcodings, plus dates as ISO strings."""
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # -- reading the store --------------------------------------------------------------

    def _get(self, aggregate_id: UUID, pending: dict[UUID, Any]) -> Any:
        if aggregate_id in pending:
            held = pending[aggregate_id]
            if isinstance(held, _NewFact):
                held = pending[aggregate_id] = held.aggregate()
            return held
        try:
            agg: Any = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        pending[aggregate_id] = agg
        return agg

    # -- reference data -------------------------------------------------------------------

    def load_reference(
        self, states: list[dict[str, Any]], people: list[dict[str, Any]], channels: list[dict[str, Any]]
    ) -> dict[str, int]:
        """Register reference actors, their offices and the channel catalogue; re-runnable."""
        from events.actor import Actor
        from events.channel import Channel

        ts = self.now()
        pending: dict[UUID, Any] = {}
        counts = {"actors": 0, "aliases": 0, "offices": 0, "channels": 0}
        known = self.existing_versions(
            [actor_id(a["slug"]) for a in [*states, *people]] + [channel_id(c["dyad"], c["slug"]) for c in channels]
        )
        for item in [*states, *people]:
            aid = actor_id(item["slug"])
            if aid in known:
                actor = self._get(aid, pending)
                for alias in item.get("aliases", []):
                    if alias not in actor.aliases and alias not in actor.names.values():
                        actor.add_alias(alias, timestamp=ts)
                        counts["aliases"] += 1
            else:
                actor = Actor.register(
                    item["slug"], item["kind"], item.get("state"), item["names"], item.get("aliases", []),
                    item.get("wikidata"), timestamp=ts,
                )  # fmt: skip
                pending[aid] = actor
                counts["actors"] += 1
            for office in item.get("offices", []):
                since = date.fromisoformat(office["since"])
                source = make_source(office.get("source") or REFERENCE_SOURCE, outlet="reference data")
                if not any(h["office"] == office["office"] and h["since"] == since for h in actor.offices):
                    actor.assume_office(
                        office["office"], office.get("organization"), office.get("state", item.get("state")),
                        since, source, timestamp=ts,
                    )  # fmt: skip
                    counts["offices"] += 1
                still_open = any(
                    h["office"] == office["office"] and h["since"] == since and h["until"] is None
                    for h in actor.offices
                )
                if office.get("until") and still_open:
                    actor.leave_office(office["office"], date.fromisoformat(office["until"]), source, timestamp=ts)
        for item in channels:
            cid = channel_id(item["dyad"], item["slug"])
            if cid not in known:
                pending[cid] = Channel.register(
                    item["slug"], item["dyad"], item["names"], item.get("aliases", []), item.get("level"), timestamp=ts
                )
                counts["channels"] += 1
        self._save(pending)
        return counts

    def register_actor(
        self,
        slug: str,
        kind: str,
        state: str | None,
        names: dict[str, str],
        aliases: list[str],
        wikidata: str | None = None,
    ) -> str:
        """Register a new actor and return its id; a slug already registered is an error."""
        from events.actor import Actor

        aid = actor_id(slug)
        if aid in self.existing_versions([aid]):
            raise UsageError(f"actor {slug!r} is already registered")
        actor = Actor.register(slug, kind, state, names, aliases, wikidata, timestamp=self.now())
        self._save({aid: actor})
        return str(aid)

    def add_alias(self, aid: UUID, alias: str) -> bool:
        """Add a name an actor is known by; False when it already had it."""
        pending: dict[UUID, Any] = {}
        actor = self._get(aid, pending)
        if actor is None:
            raise UsageError("unknown actor")
        before = len(actor.pending_events)
        actor.add_alias(alias, timestamp=self.now())
        added = len(actor.pending_events) > before
        self._save(pending)
        return added

    # -- facts ----------------------------------------------------------------------------

    def record(self, commands: Sequence[Command], *, attempts: int = 10) -> list[Outcome]:
        """Append many facts in one transaction: all or nothing.

        A concurrent writer that saved the same aggregate first makes the save fail with
        IntegrityError; the decision is then taken again on the new state. With n writers
        racing on one fact, each round has one winner, so the last may need n attempts; a
        short random pause keeps the losers from colliding again in step.
        """
        for attempt in range(attempts):
            pending, outcomes = self._decide(commands)
            try:
                self._save(pending)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise OperationFailed("another writer kept changing the same facts; try again") from None
                time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
                continue
            return outcomes
        raise AssertionError("unreachable")

    def _save(self, pending: dict[UUID, Any]) -> None:
        # Straight to the event store, in one transaction: Application.save would check every
        # object against its runtime-checkable Protocols first, which costs more than the insert.
        events: list[Any] = []
        for held in pending.values():
            if isinstance(held, _NewFact):
                events.append(held.event)
            else:
                events.extend(held.collect_events())
        if events:
            self.events.put(events)

    def _decide(self, commands: Sequence[Command]) -> tuple[dict[UUID, Any], list[Outcome]]:
        from tracker.facts import ReportInteraction

        pending: dict[UUID, Any] = {}
        candidates: dict[int, list[UUID]] = {}
        for cmd in commands:
            if isinstance(cmd, ReportInteraction):
                candidates[id(cmd)] = _candidate_ids(cmd)
        wanted = [i for ids in candidates.values() for i in ids]
        existing = self.existing_ids(wanted) if wanted else set()
        outcomes = []
        ts = self.now()  # the facts of one append are recorded together, in one transaction
        for number, cmd in enumerate(commands, start=1):
            try:
                outcomes.append(self._decide_one(cmd, pending, existing, candidates.get(id(cmd), []), ts))
            except DomainError as e:
                if len(commands) > 1:
                    raise UsageError(f"fact {number}: {e}") from None
                raise
        return pending, outcomes

    def _decide_one(
        self, cmd: Command, pending: dict[UUID, Any], existing: set[UUID], ids: list[UUID], ts: datetime
    ) -> Outcome:
        from events.sanction import Sanction
        from tracker.facts import (
            AssessChannel,
            AssumeOffice,
            ImposeSanction,
            LeaveOffice,
            LiftSanction,
            ReportInteraction,
        )

        if isinstance(cmd, ReportInteraction):
            return self._report(cmd, pending, existing, ids, ts)
        if isinstance(cmd, ImposeSanction):
            sid = sanction_id(cmd.authority, cmd.program, cmd.target.slug)
            sanction = self._get(sid, pending)
            if sanction is None:
                sanction = Sanction.impose(
                    imposed_by=cmd.imposed_by, authority=cmd.authority, program=cmd.program,
                    legal_basis=cmd.legal_basis, target=cmd.target.slug, target_state=cmd.target.state,
                    reason=cmd.reason, effective_on=cmd.effective_on, source=cmd.sources[0], timestamp=ts,
                )  # fmt: skip
                pending[sid] = sanction
                action = "imposed"
                rest = cmd.sources[1:]
            else:
                action, rest = "unchanged", cmd.sources
            for source in rest:
                if sanction.corroborate(source, timestamp=ts):
                    action = "corroborated" if action == "unchanged" else action
            return Outcome(str(sid), action, "sanction-imposed")
        if isinstance(cmd, LiftSanction):
            sid = sanction_id(cmd.authority, cmd.program, cmd.target.slug)
            sanction = self._get(sid, pending)
            if sanction is None:
                raise UsageError(f"no {cmd.authority} {cmd.program} sanction on {cmd.target.slug} to lift")
            lifted = sanction.lift(cmd.effective_on, cmd.sources[0], timestamp=ts)
            return Outcome(str(sid), "lifted" if lifted else "unchanged", "sanction-lifted")
        if isinstance(cmd, AssessChannel):
            cid = UUID(cmd.channel.id)
            channel = self._get(cid, pending)
            if channel is None:
                raise UsageError(f"channel {cmd.channel.slug} is not registered; run `tracker init`")
            if cmd.status == "suspended":
                changed = channel.suspend(cmd.on, cmd.by, cmd.reason, cmd.sources[0], timestamp=ts)
            else:
                assess = channel.stall if cmd.status == "stalled" else channel.resume
                changed = assess(cmd.on, cmd.reason, cmd.sources[0], timestamp=ts)
            return Outcome(str(cid), cmd.status if changed else "unchanged", f"channel-{cmd.status}")
        if isinstance(cmd, AssumeOffice | LeaveOffice):
            aid = UUID(cmd.actor.id)
            actor = self._get(aid, pending)
            if actor is None:
                raise UsageError(f"actor {cmd.actor.slug} is not registered")
            before = len(actor.pending_events)
            if isinstance(cmd, AssumeOffice):
                actor.assume_office(cmd.office, cmd.organization, cmd.state, cmd.since, cmd.sources[0], timestamp=ts)
                kind = "office-assumed"
            else:
                actor.leave_office(cmd.office, cmd.until, cmd.sources[0], timestamp=ts)
                kind = "office-left"
            return Outcome(str(aid), "office" if len(actor.pending_events) > before else "unchanged", kind)
        raise TypeError(f"unknown command {cmd!r}")

    def _report(
        self, cmd: ReportInteraction, pending: dict[UUID, Any], existing: set[UUID], ids: list[UUID], ts: datetime
    ) -> Outcome:
        from events.interaction import Interaction

        for cid in ids:
            if cid in pending or cid in existing:
                interaction = self._get(cid, pending)
                if interaction is None or interaction.retracted:
                    continue
                action = "unchanged"
                sources = list(cmd.sources)
                if interaction.status == "expected" and cmd.status == "occurred":
                    interaction.confirm(cmd.occurred_on, sources.pop(0), timestamp=ts)
                    action = "confirmed"
                elif interaction.status == "expected" and cmd.status == "cancelled":
                    interaction.cancel(cmd.summary or "reported as cancelled", sources.pop(0), timestamp=ts)
                    action = "cancelled"
                for source in sources:
                    if interaction.corroborate(source, timestamp=ts) and action == "unchanged":
                        action = "corroborated"
                return Outcome(str(cid), action, cmd.kind)
        kind = INTERACTION_KINDS[cmd.kind]
        cameo, goldstein = kind.cameo, kind.goldstein
        if cmd.kind == "meeting":
            initiator = cmd.initiator or (cmd.participants[0] if cmd.participants else None)
            initiator_state = (
                initiator.slug if initiator and initiator.kind == "state" else (initiator.state if initiator else None)
            )
            cameo, goldstein = meeting_code(initiator_state, cmd.location_state, cmd.dyad)
        new_id = ids[0]
        # eventsourcing's metaclass makes event classes dataclasses at run time; mypy cannot see it.
        reported = Interaction.InteractionReported(  # type: ignore[call-arg]
            originator_id=new_id,
            originator_version=1,
            originator_topic=get_topic(Interaction),
            kind=cmd.kind,
            status=cmd.status,
            participants=[p.slug for p in cmd.participants],
            initiator=cmd.initiator.slug if cmd.initiator else None,
            recipient=cmd.recipient.slug if cmd.recipient else None,
            dyad=cmd.dyad,
            occurred_on=cmd.occurred_on,
            precision=cmd.precision,
            until=cmd.until,
            location=cmd.location,
            channel=cmd.channel.slug if cmd.channel else None,
            summary=cmd.summary,
            cameo=cameo,
            goldstein=goldstein,
            plover=kind.plover,
            codebook=CODEBOOK_VERSION,
            source=cmd.sources[0],
            timestamp=ts,
        )
        pending[new_id] = _NewFact(reported)
        if len(cmd.sources) > 1:
            interaction = self._get(new_id, pending)
            for source in cmd.sources[1:]:
                interaction.corroborate(source, timestamp=ts)
        return Outcome(str(new_id), "reported", cmd.kind)

    # -- corrections ----------------------------------------------------------------------

    def correct(self, fact_id: UUID, changes: dict[str, Any], reason: str, source: Source) -> Outcome:
        """Amend an interaction or a sanction and say what was done."""
        from events.interaction import Interaction
        from events.sanction import Sanction

        pending: dict[UUID, Any] = {}
        fact = self._get(fact_id, pending)
        if isinstance(fact, Interaction):
            fact.amend(changes, reason, source, timestamp=self.now())
            kind = fact.kind
        elif isinstance(fact, Sanction):
            fact.amend(changes, reason, source, timestamp=self.now())
            kind = "sanction-imposed"
        else:
            raise UsageError(f"no interaction or sanction {fact_id}")
        self._save(pending)
        return Outcome(str(fact_id), "amended", kind)

    def retract_assessment(self, channel: UUID, status: str, on: date, reason: str, source: Source) -> Outcome:
        """Withdraw a channel's suspension, stall or resumption recorded for a date."""
        pending: dict[UUID, Any] = {}
        found = self._get(channel, pending)
        if found is None:
            raise UsageError(f"no channel {channel}")
        found.retract_assessment(status, on, reason, source, timestamp=self.now())
        self._save(pending)
        return Outcome(str(channel), "retracted", f"channel-{status}")

    def retract(self, fact_id: UUID, reason: str, source: Source) -> Outcome:
        """Retract an interaction or a sanction and say what was done."""
        from events.interaction import Interaction
        from events.sanction import Sanction

        pending: dict[UUID, Any] = {}
        fact = self._get(fact_id, pending)
        if isinstance(fact, Interaction):
            kind = fact.kind
        elif isinstance(fact, Sanction):
            kind = "sanction-imposed"
        else:
            raise UsageError(f"no interaction or sanction {fact_id}")
        fact.retract(reason, source, timestamp=self.now())
        self._save(pending)
        return Outcome(str(fact_id), "retracted", kind)


class _NewFact:
    """A new aggregate held as its creation event only.

    Bulk appends create many interactions that nothing else touches in the batch; building
    the aggregate object for each costs more than the save. It is built when needed.
    """

    __slots__ = ("event",)

    def __init__(self, event: Any) -> None:
        self.event = event

    def aggregate(self) -> Any:
        agg = self.event.mutate(None)
        agg.pending_events.append(self.event)
        return agg


def _candidate_ids(cmd: ReportInteraction) -> list[UUID]:
    """Ids this interaction would have if reported on its date, the day before or the day after.

    The first is its own id; the others find the same meeting reported from another time zone.
    """
    family = INTERACTION_KINDS[cmd.kind].family
    principals = [p.slug for p in cmd.participants if p.kind != "state"] or [p.slug for p in cmd.participants]
    day = cmd.occurred_on
    return interaction_ids(family, cmd.dyad, principals, (day, day - _ONE_DAY, day + _ONE_DAY))


_ONE_DAY = timedelta(days=1)
