"""A resumption still to come and what it governs: "the two sides will resume the talks … and restore telephone
conversations between theater commanders" tells a plan (the agreement carries it), no resumption and no call.

The lexicon reads "will" only in the words before a trigger, back to the previous one; a second verb joined by
"and" and the contact a planned resumption names as its object share the first verb's mood here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.triggers import Trigger

__all__ = ["planned"]

_ENCOUNTERS = frozenset({"meeting", "call", "talks"})
_JOINED = re.compile(r"[^,;:，。；：]*\b(?:and|as well as)\s+$|[^，。；：]*(?:并|和|及)$")
# "resume the", "restore telephone …": the contact the planned verb takes as its object
_OBJECT = re.compile(r"\s*(?:the |its |their |regular |military |direct |[\w.-]+ ){0,4}$")


# "would travel to China when conditions allowed", 条件成熟时访华, 在适当时候: a wish without a date, no planned visit
_SOMEDAY = re.compile(
    r"\bwhen (?:the )?conditions (?:allow|allowed|permit|permitted|are right)\b|\bwhen the time is right\b"
    r"|\bat an (?:appropriate|opportune) time\b|条件(?:成熟|允许|具备)时|(?:在)?适当(?:的)?时(?:候|机)|(?:在)?合适(?:的)?时(?:候|机)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,;:，。；：]")


def _someday(t: Trigger, text: str, offset: int) -> bool:
    s, e = t.span.start - offset, t.span.end - offset
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, s)), default=0)
    stop = _CLAUSE.search(text, e)
    return bool(_SOMEDAY.search(text, start, stop.start() if stop else len(text)))


def planned(found: list[Trigger], text: str, offset: int) -> list[Trigger]:
    """`found` with a resumption joined to a planned one made planned, and the contacts those take as objects
    and the encounters wished for "when conditions allow" dropped."""
    out: list[Trigger] = []
    plan: Trigger | None = None
    for t in found:
        gap = text[plan.span.end - offset : t.span.start - offset] if plan else ""
        if plan and t.kind == "channel-resumed" and t.status == "occurred" and _JOINED.fullmatch(gap):
            t = replace(t, status="expected")
        elif plan and t.kind in _ENCOUNTERS and plan.span.end <= t.span.start and _OBJECT.fullmatch(gap):
            continue
        if t.kind in _ENCOUNTERS and t.status == "expected" and _someday(t, text, offset):
            continue
        if t.kind == "channel-resumed":
            plan = t if t.status == "expected" and not t.background else None
        out.append(t)
    return out


# "held his first talks with Liu Zhenli in a video call", "met … by video link": the contact's mode is the call's
_BY_CALL = re.compile(r"[^;]{0,70}?\b(?:in|by|via|over|during) (?:a |an |the )?$", re.IGNORECASE)


def remote(found: list[Trigger], text: str, offset: int) -> list[Trigger]:
    """`found` with a meeting or talks told as held in a call (the call named after it in the clause) made a call."""
    out = list(found)
    for i, t in enumerate(found):
        if t.kind not in ("meeting", "talks"):
            continue
        later = next((o for o in found[i + 1 :] if o.kind == "call"), None)
        if later is not None and _BY_CALL.fullmatch(text, t.span.end - offset, later.span.start - offset):
            out[i] = replace(t, kind="call")
    return out
