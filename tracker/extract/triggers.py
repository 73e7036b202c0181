"""A word that signals a fact, with what its context says of it: what tracker.extract.lexicon finds, kept apart so
that the lexicon's small helper modules (plans, prohibitions, third parties) read it without importing the lexicon.

Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.extract.model import Span

__all__ = ["Trigger"]


@dataclass(frozen=True)
class Trigger:
    """A word that signals a fact, with what its context says of it.

    `kind`: an interaction kind, or sanction-imposed, sanction-lifted, countermeasure, channel-suspended,
    channel-resumed, channel-stalled, office-assumed, office-left. `status`: occurred, expected, declined
    or cancelled. `role`: the grammatical subject's role — host (hosted, 会见), guest (visited, was received
    by), initiator (called, 召见), invited (应约: the other side initiated), object (the fact is the object's:
    "replacing Wei" means Wei left) — or None. `passive`: "was sanctioned", 遭制裁 (the subject undergoes it).
    `quoted`: inside quotation marks or the content of a demand; not an act of its grammatical subject.
    `governed_by`: the kind of the trigger whose clause it is in (intent-to-meet, demand, meeting-declined …).
    """

    kind: str
    span: Span
    text: str
    status: str = "occurred"
    negated: bool = False
    hypothetical: bool = False
    quoted: bool = False
    background: bool = False
    passive: bool = False
    role: str | None = None
    governed_by: str | None = None
