"""The side a Chinese reason clause (鉴于…, 由于…) names as the one whose act it gives as the reason."""

from __future__ import annotations

import re

from tracker.extract.facts import OTHER_SIDE, Scene, home_of

_REASON_OPENS = re.compile(r"\s*(?:鉴于|鑒於|由于|由於|因为|因為)")
_OBJECT_MARK = re.compile(r"[对對向同与與就]$")


def reason_critic(scene: Scene, start: int, end: int) -> str | None:
    """The critic where text[start:end] of the sentence is a reason clause: the other side of the first party it
    names, a person counting for their state (鉴于美国众议长佩洛西不顾中方反对: the reason is the U.S. side's act,
    so China criticises); None where the clause gives no reason or names no side."""
    text, base = scene.sentence.text, scene.sentence.span.start
    if not _REASON_OPENS.match(text, start):
        return None
    for m in scene.mentions:
        if not base + start <= m.span.start < base + end or m.kind not in ("state", "person"):
            continue
        if _OBJECT_MARK.search(text, max(0, m.span.start - base - 1), m.span.start - base):
            continue  # 鉴于美方对中方…: 中方 after 对 is the one acted upon
        side = home_of(m) if m.kind == "person" else m.slug
        if side in OTHER_SIDE:
            return OTHER_SIDE[side]
    return None


# 鉴于佩洛西不顾中方反对: a name inside the reason clause, before any comma, is whose act the reason gives
_IN_REASON = re.compile(r"(?:鉴于|鑒於)[^，,。；;]*$")


def in_reason(text: str, at: int) -> bool:
    """Whether position `at` of a sentence lies in a 鉴于 clause (whose person acted, and so does not speak)."""
    return bool(_IN_REASON.search(text, 0, at))


def reason_person(scene: Scene, side: str, before: int) -> str | None:
    """The first person of `side` named inside a 鉴于 clause before `before` (the one a reproach after it is about)."""
    text, base = scene.sentence.text, scene.sentence.span.start
    named = [m for m in scene.mentions if m.kind == "person" and home_of(m) == side and m.span.start < before
             and in_reason(text, m.span.start - base)]  # fmt: skip
    return named[0].slug if named else None
