"""What a demand forbids is its content, not a reproach of its own: "the United States must not interfere in China's
internal affairs", 美方不要干涉中国内政, "urged Washington to stop meddling in" are one demand each (the Readouts
convention: one act a speaker an encounter), where "interfere in internal affairs" alone would be a criticism.
And a wish whose verb is imperative (希望美方务必慎重处理) still demands: 务必 leaves the speaker no wish to soften.

Pure; part of tracker.extract.lexicon's find_triggers.
"""

from __future__ import annotations

import re

from tracker.extract.triggers import Trigger

__all__ = ["IMPERATIVE", "forbidden_acts"]

# a demand worded as a prohibition: "must not", "should never", 不要, 不得, 切勿
_PROHIBITIVE = re.compile(r"\b(?:not|never)\b|不要|不得|切勿|切莫|不能|决不|绝不|勿", re.IGNORECASE)
# between a demand and the act it asks to end: "Washington to stop", 美方停止
_TO_STOP = re.compile(
    r"^\s*(?:[\w.'’-]+\s+){0,5}?(?:to\s+)?(?:stop|cease|end|refrain\s+from|desist\s+from)\s+(?:its\s+|their\s+)?$"
    r"|^[^，,；;。]{0,6}?(?:停止|不再)$",
    re.IGNORECASE,
)
_NEAR = 3  # characters: the forbidden act follows the prohibition at once
IMPERATIVE = re.compile(r"务必|切勿|切莫")


def forbidden_acts(found: list[Trigger], text: str, base: int) -> list[Trigger]:
    """`found` without the reproaches that are what a demand just before them forbids (`text` starts at `base`)."""
    out: list[Trigger] = []
    demand: Trigger | None = None
    for t in found:
        if t.kind == "demand":
            demand = t
        elif t.kind == "criticism" and demand is not None and t.governed_by == "demand":
            gap = text[demand.span.end - base : t.span.start - base]
            said = text[demand.span.start - base : demand.span.end - base]
            if (len(gap.strip()) <= _NEAR and _PROHIBITIVE.search(said)) or _TO_STOP.search(gap):
                continue
        out.append(t)
    return out
