"""Commands: what a user or a feed asks the ledger to record, as plain values.

Names are already resolved: actors are slugs, channels a dyad and a slug, places a slug with
the state they lie in. A command is validated as far as it can be without the ledger's state;
`events.decide` checks the rest against that state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from events.values import Source

__all__ = [
    "AddAlias",
    "AddChannelAlias",
    "AssessChannel",
    "AssumeOffice",
    "ChangeFeed",
    "Command",
    "CorrectFact",
    "ImposeSanction",
    "IngestReport",
    "LeaveOffice",
    "LiftSanction",
    "Outcome",
    "ProposeCandidates",
    "RegisterActor",
    "RegisterChannel",
    "ReportInteraction",
    "RetractAssessment",
    "RetractFact",
    "ReviewCandidate",
    "SubscribeFeed",
    "UnsubscribeFeed",
    "WithdrawStaleTerms",
]


# slots, not frozen: a bulk append builds one per fact, and frozen dataclasses cost twice as much to build.
@dataclass(slots=True)
class ReportInteraction:
    """A source reports an interaction: new, or another report of one already recorded."""

    kind: str
    status: str
    participants: list[str]
    principals: list[str]  # the people and organisations among them (the states if none): the dedup key
    initiator: str | None
    recipient: str | None
    dyad: str
    occurred_on: date
    precision: str
    until: date | None
    location: str | None
    channel: str | None
    summary: str | None
    sources: list[Source]
    initiator_state: str | None = None  # the state of the initiator, else of the first participant
    location_state: str | None = None
    # The candidate ids (events.decide.candidate_ids), worked out once: the load and the decision both need them.
    candidates: list[UUID] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(slots=True)
class ImposeSanction:
    """A state imposes a sanction on a person or organisation."""

    target: str
    target_state: str | None
    imposed_by: str
    authority: str
    program: str
    legal_basis: str | None
    reason: str | None
    effective_on: date
    sources: list[Source]
    precision: str = "day"  # of effective_on: day, month or year


@dataclass(slots=True)
class LiftSanction:
    """A sanction is lifted."""

    target: str
    authority: str
    program: str
    effective_on: date
    sources: list[Source]


@dataclass(slots=True)
class AssessChannel:
    """A source says a channel was suspended, stalled or resumed on a date."""

    dyad: str
    channel: str
    status: str  # suspended, stalled, resumed
    on: date
    by: str | None
    reason: str | None
    sources: list[Source]


@dataclass(slots=True)
class RetractAssessment:
    """What was recorded of a channel on a date is withdrawn."""

    dyad: str
    channel: str
    status: str
    on: date
    reason: str
    source: Source


@dataclass(slots=True)
class AssumeOffice:
    """An actor takes up an office."""

    actor: str
    office: str
    organization: str | None
    state: str | None
    since: date
    sources: list[Source]
    precision: str = "day"  # of since: day, month or year


@dataclass(slots=True)
class LeaveOffice:
    """An actor leaves an office: the term begun on `since`, else the one held now."""

    actor: str
    office: str
    until: date
    sources: list[Source]
    since: date | None = None
    precision: str = "day"  # of until


@dataclass(slots=True)
class WithdrawStaleTerms:
    """The reference data was corrected: withdraw the reference terms of an actor it no longer gives.

    keep holds each term the data gives now: (office, since, since precision, until, until precision).
    A term it gives with another end or precision is withdrawn too, to be taken again as given.
    """

    actor: str
    keep: list[tuple[str, date, str, date | None, str | None]]
    source: Source


@dataclass(slots=True)
class RegisterActor:
    """A new actor; with top_up (reference data loaded again), one already registered is left as it is."""

    slug: str
    kind: str
    state: str | None
    names: dict[str, str]
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    top_up: bool = False


@dataclass(slots=True)
class AddAlias:
    """Another name an actor is known by."""

    actor: str
    alias: str


@dataclass(slots=True)
class RegisterChannel:
    """A channel of a dyad's catalogue; one already registered is left as it is."""

    slug: str
    dyad: str
    names: dict[str, str]
    aliases: list[str]
    level: str | None


@dataclass(slots=True)
class AddChannelAlias:
    """Another name a channel is known by."""

    dyad: str
    channel: str
    alias: str


@dataclass(slots=True)
class CorrectFact:
    """Fields of an interaction or a sanction are corrected."""

    fact_id: UUID
    changes: dict[str, Any]
    reason: str
    source: Source


@dataclass(slots=True)
class RetractFact:
    """An interaction or a sanction should not have been recorded."""

    fact_id: UUID
    reason: str
    source: Source


@dataclass(slots=True)
class SubscribeFeed:
    """Follow a feed: its URL (http or https), a name, its language, seconds between polls, and trust."""

    url: str
    name: str
    language: str  # en, zh or auto
    interval: int
    trust: str  # review or auto
    # Names of the live feeds as the read models know them (name -> url): names are unique among
    # live feeds, and the decision sees only the feed of this URL, not every other one.
    taken: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ChangeFeed:
    """Change the settings of a live feed (only those given)."""

    url: str
    changes: dict[str, Any]
    taken: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class UnsubscribeFeed:
    """Stop following a feed."""

    url: str
    reason: str | None


@dataclass(slots=True)
class IngestReport:
    """Record one feed item: a new report, a new version of a known one, or a known one in another feed.

    key is the item's canonical URL, else its guid (tracker.feeds.decide.item_key); feed is the feed's id.
    """

    key: str
    feed: str
    title: str | None
    outlet: str | None
    language: str | None
    published_at: datetime | None
    content_sha256: str
    text: str
    truncated: bool = False
    derived_from: str | None = None


@dataclass(slots=True)
class ProposeCandidates:
    """Record what an extractor proposes from a report: candidate facts with their evidence, for review."""

    report: str  # the report's key (its canonical URL, else its guid)
    candidates: list[dict[str, Any]]
    extractor_version: str


@dataclass(slots=True)
class ReviewCandidate:
    """Accept a report's candidate (the fact it became) or reject it (with a reason)."""

    report: str
    index: int
    fact_id: str | None = None
    reason: str | None = None


Command = (
    ReportInteraction
    | ImposeSanction
    | LiftSanction
    | AssessChannel
    | RetractAssessment
    | AssumeOffice
    | LeaveOffice
    | RegisterActor
    | AddAlias
    | WithdrawStaleTerms
    | RegisterChannel
    | AddChannelAlias
    | CorrectFact
    | RetractFact
    | SubscribeFeed
    | ChangeFeed
    | UnsubscribeFeed
    | IngestReport
    | ProposeCandidates
    | ReviewCandidate
)


@dataclass(slots=True)
class Outcome:
    """What one command did to the ledger."""

    fact_id: str
    # reported, corroborated, confirmed, cancelled, imposed, lifted, suspended, stalled, resumed, …, unchanged
    action: str
    kind: str
    differs: list[str] = field(default_factory=list)  # where another report disagreed with the record

    def as_json(self) -> dict[str, Any]:
        """The outcome as a JSON object: id, action and kind, and differs when the report disagreed."""
        out: dict[str, Any] = {"id": self.fact_id, "action": self.action, "kind": self.kind}
        if self.differs:
            out["differs"] = list(self.differs)
        return out
