"""One act a speaker an encounter: a participant who both reproaches and urges the other side there makes a demand.

The readouts convention of tests/extraction/README.md: what a participant tells the other side in an encounter is
one act, the demand when the words urge ("rebuked the visiting minister, telling him Washington must stop …",
敦促美方纠正错误 beside 指责 in the talks), so the criticism the same words carry gives way to it.
"""

from __future__ import annotations

import re

from tracker.extract.model import Candidate

__all__ = ["demand_over_reproach"]

_ENCOUNTERS = frozenset({"meeting", "call", "talks"})
# A reproach named as a speech act, whose content the demand beside it tells ("delivered a rebuke …, telling him
# Washington must stop …"); not a word of reproach inside the demand ("should change its misguided policy"),
# which the labels keep as a criticism of its own.
_REBUKE = re.compile(r"rebuk|reprimand|admonish|scold|chid|berat|斥责|斥責|训斥|訓斥", re.IGNORECASE)


def demand_over_reproach(found: list[Candidate]) -> list[Candidate]:
    """Found without the rebukes of a speaker who, on that day, takes part in an encounter held and in the same
    sentence makes a demand of the same recipient (a reproach told apart from the demand stays its own)."""
    held = {
        (c.fact["occurred_on"], p)
        for c in found
        if c.fact["kind"] in _ENCOUNTERS and c.fact.get("status", "occurred") == "occurred"
        for p in c.fact.get("participants") or ()
    }
    demands = {_words(c) for c in found if c.fact["kind"] == "demand"}
    return [
        c
        for c in found
        if not (
            c.fact["kind"] == "criticism"
            and _REBUKE.search(c.rule.rpartition(": ")[2])
            and _words(c) in demands
            and _words(c)[:2] in held
        )
    ]


def _words(c: Candidate) -> tuple[str, str, int, str]:
    """Day, speaker (the initiator, else the first participant), sentence and recipient of a side's words."""
    speaker = c.fact.get("initiator") or next(iter(c.fact.get("participants") or ()), "")
    return str(c.fact["occurred_on"]), str(speaker), c.span.start, str(c.fact.get("recipient", ""))
