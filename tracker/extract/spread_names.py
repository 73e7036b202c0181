"""One name a Chinese list spreads over places (位于济南、深圳和郑州的国家超级计算中心): a body in each place,
named as such branches are (国家超级计算济南中心), the place before the head's last institution word.

Pure; a helper of tracker.extract.targets' items_after_zh.
"""

from __future__ import annotations

import re

from tracker.extract.model import ActorMention, Span

__all__ = ["spread_mentions"]

_SPREAD = re.compile(
    r"\s*(?:以及|及|和)?\s*(?:位于|设在|在)(?P<places>[^的]{2,40})的(?P<head>[^\s，,。；;、]{3,20})\s*$"
)
_PLACE_SPLIT = re.compile(r"以及|、|和|及|，|,")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}")
# the last word of a body's name, before which a branch puts its place (国家超级计算|济南|中心)
_INSTITUTION_END = re.compile(r"(?:中心|研究院|研究所|实验室|基地)$")


def spread_mentions(original: str, start: int, end: int, base: int, state: str | None) -> list[ActorMention]:
    """A new organization for each place of the spread name original[start:end], or none when it is no such name."""
    from tracker.extract.names import slug_for, to_simplified

    m = _SPREAD.match(original, start, end)
    if m is None:
        return []
    places = [p.strip() for p in _PLACE_SPLIT.split(m.group("places")) if p.strip()]
    if len(places) < 2 or not all(_PLACE.fullmatch(p) for p in places):
        return []
    head = m.group("head")
    tail = _INSTITUTION_END.search(head)
    cut = tail.start() if tail else 0
    out = []
    for place in places:
        name = head[:cut] + place + head[cut:]
        out.append(
            ActorMention(
                slug_for(name), "organization", state, Span(base + start, base + end), name, None, True,
                {"zh": to_simplified(name)},
            )
        )  # fmt: skip
    return out
