"""The controlled vocabulary of interaction kinds, with CAMEO, PLOVER and Goldstein values.

The codebook version is pinned and stored in every reported interaction, so a later
change of the mapping never silently rewrites the meaning of old facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "ACCOUNT_FIELDS",
    "AMENDABLE_FIELDS",
    "CHANNEL_SUSPENSION_CODE",
    "CODEBOOK_VERSION",
    "DATE_FIELDS",
    "INTERACTION_KINDS",
    "INTERACTION_STATUSES",
    "PRECISIONS",
    "SANCTION_AMENDABLE_FIELDS",
    "SANCTION_CODE",
    "SANCTION_LIFT_CODE",
    "Kind",
    "check_interaction",
    "meeting_code",
]

CODEBOOK_VERSION = "cameo-1.1b3+plover-2021.1/tracker-1"


@dataclass(frozen=True, slots=True)
class Kind:
    """One interaction kind and its codes."""

    name: str
    family: str
    cameo: str
    goldstein: float
    plover: str | None
    description: str


INTERACTION_KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("meeting", "meet", "040", 1.0, "CONSULT", "an in-person meeting or visit"),
        Kind("call", "call", "041", 1.0, "CONSULT-phone", "a telephone or video call"),
        Kind("talks", "meet", "046", 7.0, "CONSULT", "a formal negotiation or dialogue round"),
        Kind("statement", "statement", "010", 0.0, None, "a public statement"),
        Kind("intent-to-meet", "intent", "036", 4.0, "AGREE", "an agreement to meet or resume"),
        Kind("appeal", "appeal", "026", 4.0, None, "an appeal to meet or to cooperate"),
        Kind("demand", "demand", "1054", -5.0, "REQUEST", "a demand, e.g. lift a sanction first"),
        Kind("criticism", "criticism", "111", -2.0, "ACCUSE", "criticism or denunciation"),
        Kind("meeting-declined", "decline", "125", -5.0, "REJECT-meet", "a refused meeting"),
        Kind("military-cooperation", "cooperation", "062", 7.4, "COOPERATE", "military cooperation"),
    )
}

# CAMEO refines "meeting" by where it happened relative to the initiator.
_MEETING_CODES = {
    "host": ("043", 2.8),
    "visit": ("042", 1.9),
    "third-place": ("044", 2.5),
    "unknown": ("040", 1.0),
}


def meeting_code(initiator_state: str | None, location_state: str | None, dyad: str) -> tuple[str, float]:
    """CAMEO code and Goldstein value of a meeting seen from its initiator's side."""
    if not initiator_state or not location_state:
        return _MEETING_CODES["unknown"]
    if location_state == initiator_state:
        return _MEETING_CODES["host"]
    if location_state in dyad.split("-"):
        return _MEETING_CODES["visit"]
    return _MEETING_CODES["third-place"]


INTERACTION_STATUSES = ("occurred", "expected", "declined", "cancelled")
PRECISIONS = ("day", "month", "year")

SANCTION_CODE = ("163", -8.0)
CHANNEL_SUSPENSION_CODE = ("164", -7.0)
# Lifting a sanction is CAMEO 081 ("ease administrative sanctions"); its Goldstein value
# here is tracker's own choice, as the scale gives none for 081 specifically.
SANCTION_LIFT_CODE = ("081", 5.0)


# Fields of an interaction a correction may change (InteractionAmended.changes).
AMENDABLE_FIELDS = (
    "kind",
    "status",
    "occurred_on",
    "precision",
    "until",
    "location",
    "channel",
    "summary",
    "initiator",
    "recipient",
)


# Fields of a sanction a correction may change (SanctionAmended.changes).
SANCTION_AMENDABLE_FIELDS = ("legal_basis", "reason", "effective_on", "program_name", "target_state")

# What a report says of an interaction, kept with each report (InteractionCorroborated.account)
# so that where sources disagree shows; dates as ISO strings.
ACCOUNT_FIELDS = ("occurred_on", "until", "location", "summary")

# Fields a correction may change that hold dates: stored as ISO strings, read back as dates.
DATE_FIELDS = ("occurred_on", "until", "effective_on")


def check_interaction(kind: str, status: str, precision: str, occurred_on: date, until: date | None) -> None:
    """Refuse an interaction whose kind, status, precision or dates are not valid."""
    from events.values import DomainError

    if kind not in INTERACTION_KINDS:
        raise DomainError(f"unknown kind {kind!r}; kinds: {', '.join(INTERACTION_KINDS)}")
    if status not in INTERACTION_STATUSES:
        raise DomainError(f"status {status!r} is not one of {', '.join(INTERACTION_STATUSES)}")
    if precision not in PRECISIONS:
        raise DomainError(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    if until is not None and until < occurred_on:
        raise DomainError(f"the last day {until} is before the first day {occurred_on}", field="until")
