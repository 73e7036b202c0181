"""The event catalogue: each stored event's type and its fields, as plain data.

The event classes (events.actor, .interaction, .channel, .sanction, .report) declare these
fields with their types; a test holds the two equal. Read models, queries and reports take
their columns from here, so they follow the events without importing the aggregate classes
(building those costs start-up time that reading commands never need).
"""

from __future__ import annotations

__all__ = ["EVENT_FIELDS", "fields_of"]

EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    # Actor
    "ActorRegistered": ("slug", "kind", "state", "names", "aliases", "wikidata"),
    "AliasAdded": ("alias",),
    "OfficeAssumed": ("office", "organization", "state", "since", "precision", "source"),
    "OfficeLeft": ("office", "until", "precision", "source"),
    "OfficeTermWithdrawn": ("office", "since", "reason", "source"),
    # Interaction
    "InteractionReported": (
        "kind", "status", "participants", "initiator", "recipient", "dyad", "occurred_on", "precision", "until",
        "location", "channel", "summary", "cameo", "goldstein", "plover", "codebook", "source",
    ),
    "InteractionCorroborated": ("source", "account"),
    "InteractionAmended": ("changes", "reason", "source"),
    "InteractionRetracted": ("reason", "source"),
    "InteractionConfirmed": ("occurred_on", "source"),
    "InteractionCancelled": ("reason", "source"),
    # Channel
    "ChannelRegistered": ("slug", "dyad", "names", "aliases", "level"),
    "ChannelAliasAdded": ("alias",),
    "ChannelSuspended": ("on", "by", "reason", "source"),
    "ChannelStalled": ("on", "reason", "source"),
    "ChannelResumed": ("on", "reason", "source"),
    "ChannelAssessmentRetracted": ("status", "on", "reason", "source"),
    # Sanction
    "SanctionImposed": (
        "imposed_by", "authority", "program", "legal_basis", "target", "target_state", "reason", "effective_on",
        "precision", "source",
    ),
    "SanctionCorroborated": ("source",),
    "SanctionAmended": ("changes", "reason", "source"),
    "SanctionLifted": ("effective_on", "source"),
    "SanctionRetracted": ("reason", "source"),
    # Report
    "ReportIngested": (
        "url", "feed", "title", "outlet", "language", "published_at", "content_sha256", "text", "truncated",
        "derived_from",
    ),
    "ReportRevised": ("feed", "content_sha256", "title", "text", "truncated"),
    "ReportSeen": ("feed",),
    "CandidatesExtracted": ("candidates", "extractor_version"),
    "CandidateAccepted": ("index", "fact_id"),
    "CandidateRejected": ("index", "reason"),
    # Feed
    "FeedSubscribed": ("url", "name", "language", "interval", "trust"),
    "FeedChanged": ("changes",),
    "FeedUnsubscribed": ("reason",),
}  # fmt: skip


def fields_of(event_type: str, *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The fields of an event type, in declaration order, leaving out those named."""
    return tuple(f for f in EVENT_FIELDS[event_type] if f not in without)
