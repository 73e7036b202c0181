"""Decisions: given what the ledger holds, which events does a command produce?

Pure: no store, no clock (the time is passed in). The application loads the aggregates a
command reads (`reads`), calls `decide` for each command of a batch on one `State`, and saves
`State.events()` in one transaction. Tests call `decide` on a State built from literals.

The rules (DESIGN §1):
- Dedup: a report matches a recorded interaction of the same kind family, dyad and principal
  participants dated within a day (a Washington evening is a Beijing morning). A match
  corroborates it, with any source it did not cite yet; a retracted match is passed over.
- An expected interaction is confirmed by a report that it occurred, cancelled by one that it was
  called off.
- Sanctions, channel assessments and offices are idempotent: the same report twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from events.commands import (
    AddAlias,
    AddChannelAlias,
    AssessChannel,
    AssumeOffice,
    ChangeFeed,
    Command,
    CorrectFact,
    ImposeSanction,
    IngestReport,
    LeaveOffice,
    LiftSanction,
    Outcome,
    ProposeCandidates,
    RegisterActor,
    RegisterChannel,
    ReportInteraction,
    RetractAssessment,
    RetractFact,
    ReviewCandidate,
    SubscribeFeed,
    UnsubscribeFeed,
    WithdrawStaleTerms,
)
from events.feeds import decide_candidates, decide_feed, decide_report
from events.ids import actor_id, channel_id, feed_id, interaction_ids, report_id, sanction_id
from events.reported import account, already_reported, differences, reported_event
from events.state import State
from events.values import DomainError, Source
from events.vocab import INTERACTION_KINDS

__all__ = ["State", "account", "candidate_ids", "decide", "differences", "independent_sources", "reads"]

_ONE_DAY = timedelta(days=1)


def candidate_ids(cmd: ReportInteraction) -> list[UUID]:
    """Ids the interaction would have if dated its own day, the day before or the day after; its own first."""
    if cmd.candidates is None:
        family = INTERACTION_KINDS[cmd.kind].family
        day = cmd.occurred_on
        cmd.candidates = interaction_ids(family, cmd.dyad, cmd.principals, (day, day - _ONE_DAY, day + _ONE_DAY))
    return cmd.candidates


def reads(cmd: Command) -> list[UUID]:
    """The ids of the aggregates a decision on this command needs to see, if they exist."""
    if isinstance(cmd, ReportInteraction):
        return candidate_ids(cmd)
    if isinstance(cmd, ImposeSanction | LiftSanction):
        return [sanction_id(cmd.authority, cmd.program, cmd.target)]
    if isinstance(cmd, AssessChannel | RetractAssessment | AddChannelAlias):
        return [channel_id(cmd.dyad, cmd.channel)]
    if isinstance(cmd, RegisterChannel):
        return [channel_id(cmd.dyad, cmd.slug)]
    if isinstance(cmd, AssumeOffice | LeaveOffice | AddAlias | WithdrawStaleTerms):
        return [actor_id(cmd.actor)]
    if isinstance(cmd, RegisterActor):
        return [actor_id(cmd.slug)]
    if isinstance(cmd, SubscribeFeed | ChangeFeed | UnsubscribeFeed):
        return [feed_id(cmd.url)]
    if isinstance(cmd, IngestReport):
        return [report_id(cmd.key)]
    if isinstance(cmd, ProposeCandidates | ReviewCandidate):
        return [report_id(cmd.report)]
    return [cmd.fact_id]


def independent_sources(sources: Iterable[Source]) -> int:
    """How many sources report on their own: a rewrite of another cited source (derived_from) is not one."""
    cited = list(sources)
    urls = {s["url"] for s in cited}
    return sum(1 for s in cited if not s.get("derived_from") or s["derived_from"] not in urls)


def _changed(agg: Any, before: int) -> bool:
    # "Did anything change?" has one answer everywhere: did the aggregate gain an event?
    return len(agg.pending_events) > before


def decide(state: State, cmd: Command, now: datetime) -> Outcome:
    """Apply one command to the state: its events are left pending in the state's aggregates."""
    if isinstance(cmd, ReportInteraction):
        return _report(state, cmd, now)
    if isinstance(cmd, ImposeSanction):
        return _impose(state, cmd, now)
    if isinstance(cmd, LiftSanction):
        return _lift(state, cmd, now)
    if isinstance(cmd, AssessChannel):
        return _assess(state, cmd, now)
    if isinstance(cmd, RetractAssessment):
        channel = _need(state, channel_id(cmd.dyad, cmd.channel), f"channel {cmd.channel} is not registered")
        channel.retract_assessment(cmd.status, cmd.on, cmd.reason, cmd.source, timestamp=now)
        return Outcome(str(channel.id), "retracted", f"channel-{cmd.status}")
    if isinstance(cmd, AssumeOffice | LeaveOffice):
        return _office(state, cmd, now)
    if isinstance(cmd, RegisterActor):
        return _register_actor(state, cmd, now)
    if isinstance(cmd, AddAlias):
        actor = _need(state, actor_id(cmd.actor), f"actor {cmd.actor} is not registered")
        before = len(actor.pending_events)
        actor.add_alias(cmd.alias, timestamp=now)
        return Outcome(cmd.actor, "alias" if _changed(actor, before) else "unchanged", "alias")
    if isinstance(cmd, RegisterChannel):
        return _register_channel(state, cmd, now)
    if isinstance(cmd, AddChannelAlias):
        channel = _need(state, channel_id(cmd.dyad, cmd.channel), f"channel {cmd.channel} is not registered")
        before = len(channel.pending_events)
        channel.add_alias(cmd.alias, timestamp=now)
        return Outcome(str(channel.id), "alias" if _changed(channel, before) else "unchanged", "channel-alias")
    if isinstance(cmd, WithdrawStaleTerms):
        return _withdraw_stale(state, cmd, now)
    if isinstance(cmd, CorrectFact | RetractFact):
        return _correct_or_retract(state, cmd, now)
    if isinstance(cmd, SubscribeFeed | ChangeFeed | UnsubscribeFeed):
        return decide_feed(state, cmd, now)
    if isinstance(cmd, IngestReport):
        return decide_report(state, cmd, now)
    if isinstance(cmd, ProposeCandidates | ReviewCandidate):
        return decide_candidates(state, cmd, now)
    raise TypeError(f"unknown command {cmd!r}")


def _need(state: State, aggregate_id: UUID, missing: str) -> Any:
    found = state.get(aggregate_id)
    if found is None:
        raise DomainError(missing)
    return found


# -- interactions -------------------------------------------------------------------------


def _report(state: State, cmd: ReportInteraction, now: datetime) -> Outcome:
    ids = candidate_ids(cmd)
    own_retracted = False
    # Most reports of a bulk append are new: when no candidate is known, nothing below could find one.
    for cid in () if state.unseen(ids) else ids:
        entry = state.recorded(cid)
        if entry is not None:
            known = already_reported(entry, cmd)
            if known is not None:
                return known
        found = state.get(cid)
        if found is None:
            continue
        if found.retracted:
            own_retracted = own_retracted or cid == ids[0]
            continue
        return _another_report(found, cmd, now)
    if own_retracted:
        raise DomainError(
            f"interaction {ids[0]} with these participants on {cmd.occurred_on} was retracted; "
            "a retraction is final, so correct the date or participants of the new report"
        )
    if not cmd.sources:
        raise DomainError("every fact needs a source URL", field="source")
    state.add_created(ids[0], reported_event(ids[0], cmd, now))
    if len(cmd.sources) > 1:
        interaction = state.get(ids[0])
        said = account(cmd)
        for source in cmd.sources[1:]:
            interaction.corroborate(source, said, timestamp=now)
    return Outcome(str(ids[0]), "reported", cmd.kind)


def _another_report(interaction: Any, cmd: ReportInteraction, now: datetime) -> Outcome:
    action = "unchanged"
    sources = list(cmd.sources)
    if interaction.status == "expected" and cmd.status in ("occurred", "cancelled"):
        # The settling source is one not cited yet when there is one, so no URL is cited twice.
        settling = next((s for s in sources if not interaction.has_source(s["url"])), sources[0])
        sources.remove(settling)
        if cmd.status == "occurred":
            interaction.confirm(cmd.occurred_on, settling, timestamp=now)
            action = "confirmed"
        else:
            interaction.cancel(cmd.summary or "reported as cancelled", settling, timestamp=now)
            action = "cancelled"
    said = account(cmd)
    for source in sources:
        before = len(interaction.pending_events)
        interaction.corroborate(source, said, timestamp=now)
        if action == "unchanged" and _changed(interaction, before):
            action = "corroborated"
    return Outcome(str(interaction.id), action, cmd.kind, differs=differences(interaction, said))


def _correct_or_retract(state: State, cmd: CorrectFact | RetractFact, now: datetime) -> Outcome:
    from events.interaction import Interaction
    from events.sanction import Sanction

    fact = _need(state, cmd.fact_id, f"no interaction or sanction {cmd.fact_id}")
    if not isinstance(fact, Interaction | Sanction):
        raise DomainError(f"no interaction or sanction {cmd.fact_id}")
    kind = fact.kind if isinstance(fact, Interaction) else "sanction-imposed"
    if isinstance(cmd, CorrectFact):
        fact.amend(cmd.changes, cmd.reason, cmd.source, timestamp=now)
        return Outcome(str(cmd.fact_id), "amended", kind)
    fact.retract(cmd.reason, cmd.source, timestamp=now)
    return Outcome(str(cmd.fact_id), "retracted", kind)


# -- sanctions ----------------------------------------------------------------------------


def _impose(state: State, cmd: ImposeSanction, now: datetime) -> Outcome:
    from events.sanction import Sanction

    sid = sanction_id(cmd.authority, cmd.program, cmd.target)
    sanction = state.get(sid)
    rest: list[Source] = cmd.sources
    action = "unchanged"
    if sanction is None:
        sanction = Sanction.impose(
            imposed_by=cmd.imposed_by, authority=cmd.authority, program=cmd.program, legal_basis=cmd.legal_basis,
            target=cmd.target, target_state=cmd.target_state, reason=cmd.reason, effective_on=cmd.effective_on,
            source=cmd.sources[0], precision=cmd.precision, timestamp=now,
        )  # fmt: skip
        state.add(sanction)
        action, rest = "imposed", cmd.sources[1:]
    for source in rest:
        before = len(sanction.pending_events)
        sanction.corroborate(source, timestamp=now)
        if action == "unchanged" and _changed(sanction, before):
            action = "corroborated"
    return Outcome(str(sid), action, "sanction-imposed")


def _lift(state: State, cmd: LiftSanction, now: datetime) -> Outcome:
    sid = sanction_id(cmd.authority, cmd.program, cmd.target)
    sanction = _need(state, sid, f"no {cmd.authority} {cmd.program} sanction on {cmd.target} to lift")
    before = len(sanction.pending_events)
    sanction.lift(cmd.effective_on, cmd.sources[0], timestamp=now)
    return Outcome(str(sid), "lifted" if _changed(sanction, before) else "unchanged", "sanction-lifted")


# -- channels -----------------------------------------------------------------------------


def _assess(state: State, cmd: AssessChannel, now: datetime) -> Outcome:
    cid = channel_id(cmd.dyad, cmd.channel)
    channel = _need(state, cid, f"channel {cmd.channel} of {cmd.dyad} is not registered")
    before = len(channel.pending_events)
    source = cmd.sources[0]
    if cmd.status == "suspended":
        channel.suspend(cmd.on, cmd.by, cmd.reason, source, timestamp=now)
    elif cmd.status == "stalled":
        channel.stall(cmd.on, cmd.reason, source, timestamp=now)
    elif cmd.status == "resumed":
        channel.resume(cmd.on, cmd.reason, source, timestamp=now)
    else:
        raise DomainError(f"a channel is suspended, stalled or resumed, not {cmd.status!r}")
    return Outcome(str(cid), cmd.status if _changed(channel, before) else "unchanged", f"channel-{cmd.status}")


def _register_channel(state: State, cmd: RegisterChannel, now: datetime) -> Outcome:
    from events.channel import Channel

    cid = channel_id(cmd.dyad, cmd.slug)
    if state.get(cid) is not None:
        return Outcome(str(cid), "unchanged", "channel")
    state.add(Channel.register(cmd.slug, cmd.dyad, cmd.names, cmd.aliases, cmd.level, timestamp=now))
    return Outcome(str(cid), "registered", "channel")


# -- actors and offices -------------------------------------------------------------------


def _register_actor(state: State, cmd: RegisterActor, now: datetime) -> Outcome:
    from events.actor import Actor

    existing = state.get(actor_id(cmd.slug))
    if existing is not None:
        if not cmd.top_up:
            raise DomainError(f"actor {cmd.slug!r} is already registered")
        return Outcome(cmd.slug, "unchanged", "actor")
    state.add(Actor.register(cmd.slug, cmd.kind, cmd.state, cmd.names, cmd.aliases, cmd.wikidata, timestamp=now))
    return Outcome(cmd.slug, "registered", "actor")


def _office(state: State, cmd: AssumeOffice | LeaveOffice, now: datetime) -> Outcome:
    actor = _need(state, actor_id(cmd.actor), f"actor {cmd.actor} is not registered")
    before = len(actor.pending_events)
    if isinstance(cmd, AssumeOffice):
        actor.assume_office(
            cmd.office, cmd.organization, cmd.state, cmd.since, cmd.sources[0], precision=cmd.precision, timestamp=now
        )
        kind = "office-assumed"
    else:
        actor.leave_office(
            cmd.office, cmd.until, cmd.sources[0], since=cmd.since, precision=cmd.precision, timestamp=now
        )
        kind = "office-left"
    return Outcome(str(actor.id), "office" if _changed(actor, before) else "unchanged", kind)


def _withdraw_stale(state: State, cmd: WithdrawStaleTerms, now: datetime) -> Outcome:
    # Only terms the reference data gave are its to correct: what users recorded stays.
    actor = state.get(actor_id(cmd.actor))
    if actor is None:
        return Outcome(cmd.actor, "unchanged", "office-withdrawn")
    keep = {
        (office, since): (precision, until, until_precision)
        for office, since, precision, until, until_precision in cmd.keep
    }
    before = len(actor.pending_events)
    for held in [h for h in actor.offices if h.get("reference")]:
        given = keep.get((held["office"], held["since"]))
        ended_otherwise = (
            held["until"] is not None and given is not None and (held["until"], held["until_precision"]) != given[1:]
        )
        if given is None or ended_otherwise or held["precision"] != given[0]:
            actor.withdraw_term(
                held["office"], held["since"], "the reference data was corrected", cmd.source, timestamp=now
            )
    return Outcome(str(actor.id), "withdrawn" if _changed(actor, before) else "unchanged", "office-withdrawn")
