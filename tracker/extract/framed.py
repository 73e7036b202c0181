"""An encounter named as the frame of what one party told the other: "In the first call, on October 30, X told
General Y that …", "During the meeting, X warned Y …", "X told Y …, in what was likely their last meeting".

The encounter word opens the sentence or stands in apposition, away from the persons, who are the speaker and
the addressee of the readout verb; the encounter is theirs, dated as the readout is, on the channel their offices pair on.
Pure; a step of tracker.extract.pipeline over the candidates, before readouts are checked against encounters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tracker.extract.actors import ActorIndex
from tracker.extract.model import DYAD, ActorMention, Candidate, Sentence
from tracker.extract.roles import channel_of

__all__ = ["framed_encounters"]

# "In the first call,", "During their meeting on Monday,": the frame opening the sentence; ", in what was likely
# the last meeting between the two leaders": the same frame in apposition after the readout
_FRAME = re.compile(
    r"(?:^[\"“]?|,\s+)(?i:in|during|at)\s+(?:what (?:was|is|were) (?:\w+\s+){0,2}?)?"
    r"(?:the|a|their|his|her|that|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<word>(?:phone |video |telephone )?(?:call|conversation)|meeting|talks)\b(?!\s+(?:to|for|on|with)\b)",
)
_CALL_WORDS = re.compile(r"call|conversation")
_READOUT = frozenset({"statement", "demand", "criticism"})


def framed_encounters(
    found: list[Candidate], sentences: Sequence[Sentence], mentions: Sequence[list[ActorMention]], index: ActorIndex
) -> list[Candidate]:
    """`found`, with the encounter framing a readout added before it when its sentence told no encounter."""
    out: list[Candidate] = []
    for c in found:
        if c.kind in _READOUT and c.fact.get("status", "occurred") == "occurred":
            made = _framed(c, found, sentences, mentions, index)
            if made is not None:
                out.append(made)
        out.append(c)
    return out


def _framed(
    c: Candidate,
    found: list[Candidate],
    sentences: Sequence[Sentence],
    mentions: Sequence[list[ActorMention]],
    index: ActorIndex,
) -> Candidate | None:
    frame = _FRAME.search(c.evidence)
    if frame is None or any(o.span == c.span and o.kind in ("meeting", "call", "talks") for o in found):
        return None
    at = next((i for i, s in enumerate(sentences) if s.span == c.span), None)
    if at is None:
        return None
    speaker = c.fact["participants"][0]
    persons = [m for m in mentions[at] if m.kind == "person" and m.state in DYAD]
    first = next((m for m in persons if m.slug == speaker), None)
    if first is None:
        return None
    addressee = next((m for m in persons if m.span.start > first.span.end and m.state != first.state), None)
    if addressee is None:
        return None
    kind = "call" if _CALL_WORDS.search(frame.group("word")) else "meeting"
    parties = [first.slug, addressee.slug]
    fact = {"kind": kind, "status": "occurred", "participants": parties}
    channel = channel_of(index, parties, date.fromisoformat(str(c.fact["occurred_on"])[:10]))
    if channel is not None and c.fact.get("precision") == "day":
        fact["channel"] = channel
    fact.update({k: c.fact[k] for k in ("occurred_on", "precision", "until") if k in c.fact})
    return replace(
        c,
        fact=fact,
        rule=f"an encounter framing a readout: {frame.group('word')}",
        homes={first.slug: first.state, addressee.slug: addressee.state},
        new_actors=[
            {"slug": m.slug, "names": m.names or {"en": m.name}, "office": m.office, "state": m.state, "kind": m.kind}
            for m in (first, addressee)
            if m.new
        ],
    )


# "Qin accepted an invitation to visit Washington": an acceptance naming no inviter
_ACCEPTED = re.compile(r"\baccept(?:s|ed|ing)? (?:an|the|a) invitation\b", re.I)
_ENCOUNTERS = ("meeting", "call", "talks")


def accepted_invitations(
    found: list[Candidate], sentences: Sequence[Sentence], mentions: Sequence[list[ActorMention]]
) -> list[Candidate]:
    """`found`, with an agreement to meet for an invitation accepted by a party of the encounter the report has
    just told, naming no inviter: the invitation came from the other party of that encounter."""
    out = list(found)
    for i, sentence in enumerate(sentences):
        accepted = _ACCEPTED.search(sentence.text)
        if accepted is None or any(c.span == sentence.span and c.kind == "intent-to-meet" for c in found):
            continue
        at = sentence.span.start + accepted.start()
        acceptors = [m for m in mentions[i] if m.kind == "person" and m.span.end <= at]
        others = [m for m in mentions[i] if m.kind == "person" and m.span.start >= at]
        if len(acceptors) != 1 or others:
            continue  # ("accepted Biden's invitation": the inviter is named, the sentence's own fact)
        told = [
            c for c in found
            if c.kind in _ENCOUNTERS and c.span.start < sentence.span.start and not c.background
            and c.fact.get("status") == "occurred" and len(c.fact["participants"]) == 2
            and acceptors[0].slug in c.fact["participants"] and not set(c.fact["participants"]) & DYAD
        ]  # fmt: skip
        if not told:
            continue
        encounter = told[-1]
        fact = {"kind": "intent-to-meet", "status": "occurred", "participants": list(encounter.fact["participants"])}
        fact.update({k: encounter.fact[k] for k in ("occurred_on", "precision") if k in encounter.fact})
        out.append(
            replace(
                encounter,
                fact=fact,
                evidence=sentence.text,
                span=sentence.span,
                rule=f"an invitation accepted from the other party: {accepted.group()}",
            )
        )
    return sorted(out, key=lambda c: c.span.start)
