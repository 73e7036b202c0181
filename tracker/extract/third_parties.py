"""Reproach aimed at a third party: concern voiced about Russia's or North Korea's acts is no criticism of China.

The README's concern rule covers "the other side's acts"; a speaker in a U.S.–China encounter often also names
the acts of others ("voiced concern over Russia's war in Ukraine and North Korea's provocations",
对俄罗斯对乌克兰的战争以及朝鲜的挑衅表达关切). Such a reproach is dropped when its object names a third party and
neither side of the pair.
"""

from __future__ import annotations

import re

from tracker.extract.triggers import Trigger

__all__ = ["aimed_elsewhere"]

_THIRD_EN = re.compile(
    r"\b(?:Russia|Russian|Moscow|Kremlin|North Korea|North Korean|Pyongyang|DPRK|Iran|Iranian|Tehran|Houthis?|Hamas"
    r"|Hezbollah)\b"
)
_PAIR_EN = re.compile(
    r"\b(?:China|Chinese|Beijing|PRC|PLA|People's Liberation Army|United States|U\.S\.|US|Washington|American)\b"
)
_THIRD_ZH = re.compile(r"俄罗斯|俄方|俄军|朝鲜|朝方|伊朗|胡塞|哈马斯|真主党")
_PAIR_ZH = re.compile(r"中国|中方|解放军|北京|美国|美方|华盛顿")
# the object of an English reproach: what follows "concern over/about/at" up to the clause's end
_OBJECT_EN = re.compile(r"\s+(?:over|about|at|regarding|with|on)\b([^.;:]*)")
# a reproach word owned by who precedes it ("North Korea's provocations")
_OWNER_EN = re.compile(r"(\b[\w.]+(?: [A-Z]\w+)?)['’]s\s+(?:\w+\s+)?$")
# the Chinese object: 对…表达关切, …的挑衅
_OBJECT_ZH = re.compile(r"(?:对|就|对于)([^，。；：]*)$")
_OWNER_ZH = re.compile(r"([^，。；：、]{1,6})的$")


def _elsewhere(obj: str, language: str) -> bool:
    third, pair = (_THIRD_ZH, _PAIR_ZH) if language.startswith("zh") else (_THIRD_EN, _PAIR_EN)
    return bool(third.search(obj)) and not pair.search(obj)


def aimed_elsewhere(found: list[Trigger], text: str, offset: int, language: str) -> list[Trigger]:
    """`found` without the criticisms whose object or owner (in `text`, the sentence at `offset`) is a third
    party's act."""
    out = []
    for t in found:
        if t.kind == "criticism":
            s, e = t.span.start - offset, t.span.end - offset
            if language.startswith("zh"):
                m = _OBJECT_ZH.search(text, 0, s) or _OWNER_ZH.search(text, 0, s)
            else:
                m = _OBJECT_EN.match(text, e) or _OWNER_EN.search(text, max(0, s - 40), s)
            if m and _elsewhere(m.group(1), language):
                continue
        out.append(t)
    return out
