"""Who is no party to a two-sided encounter although the sentence names them: a host's group ("hosted Asia-Pacific
leaders, including Xi"), the other country's private people ("met U.S. business leaders", 会见美国工商界代表) and the
parties of an encounter only referred to (落实两国元首会晤共识, "to prepare for a meeting between Biden and Xi")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from tracker.extract.model import ActorMention, Sentence


class Scene(Protocol):
    """What these rules read of tracker.extract.facts.Scene (which imports them: no cycle)."""

    @property
    def sentence(self) -> Sentence: ...
    @property
    def mentions(self) -> Sequence[ActorMention]: ...
    @property
    def language(self) -> str: ...


_GROUP_INCLUDING = re.compile(
    r"[^.;]{0,60}?\b(?:leaders|ministers|counterparts|officials|delegations|heads of (?:state|government)|guests)"
    r",?\s+(?:including|among them|such as)\b"
)


def gathering(scene: Scene, at: int) -> bool:
    """Whether the encounter word ending at `at` (absolute) takes a group that includes the other side's person:
    a gathering, not a meeting of two."""
    return bool(_GROUP_INCLUDING.match(scene.sentence.text, at - scene.sentence.span.start))


_PRIVATE = re.compile(
    r"(?:\s*(?:[\w-]+\s+){0,2}?(?:business(?:es)?|executives|companies|firms|CEOs|scholars|academics|students|experts"
    r"|think[- ]tanks?|entrepreneurs|investors|journalists|veterans|farmers)\b"
    r"|(?:\S{0,4}?)(?:工商界|企业界|企業界|商界|企业家|企業家|学者|學者|学生|學生|友好人士|各界人士|智库|智庫|媒体|媒體))",
    re.IGNORECASE,
)


def private_people(scene: Scene, state: str) -> bool:
    """Whether every mention of the state in the sentence qualifies private people ("U.S. business leaders")."""
    base = scene.sentence.span.start
    named = [m for m in scene.mentions if m.kind == "state" and m.slug == state]
    return bool(named) and all(_PRIVATE.match(scene.sentence.text, m.span.end - base) for m in named)


# An encounter noun named as a reference point, not told as an act: its consensus, spirit or results, the time since
# or after it, or what prepares for it.
_REFERRED_ZH = re.compile(r"(?:达成的|達成的)?(?:重要)?(?:共识|共識|精神|成果)|以来|以來|做准备|做準備")
_ENCOUNTER_ZH = re.compile(r"会晤|會晤|会见|會見|会谈|會談|峰会|峰會")
_CLAUSE_ZH = re.compile(r"[，,。；]")
_OPENS_ZH = re.compile(r"落实|落實|贯彻|貫徹|就|为|為|自|继|繼|按照|根据|根據")
_REFERENCE_EN = re.compile(
    r"\b(?:at|for|of|on|after|before|from|since) (?:a|an|the|their) (?:[\w-]+ ){0,2}?(?:meeting|summit) between\b"
)


_ANY_REFERENCE_ZH = re.compile(
    r"(?:会晤|會晤|会见|會見|会谈|會談|峰会|峰會)(?:(?:达成的|達成的)?(?:重要)?(?:共识|共識|精神|成果)|以来|以來|做准备|做準備)"
)


def has_reference(scene: Scene) -> bool:
    """Whether the sentence refers to an encounter at all (a cheap test before the per-person one)."""
    pattern = _ANY_REFERENCE_ZH if scene.language == "zh" else _REFERENCE_EN
    return bool(pattern.search(scene.sentence.text))


def referred(scene: Scene, start: int, end: int) -> bool:
    """Whether the Chinese encounter word at [start, end) (absolute) is only a reference (会晤共识, 会晤以来)."""
    if scene.language != "zh":
        return False
    return bool(_REFERRED_ZH.match(scene.sentence.text, end - scene.sentence.span.start))


def in_reference(scene: Scene, person: Any, at: int) -> bool:
    """Whether a person is named inside a referred encounter other than the trigger at `at` (absolute): 落实习近平主席
    和拜登总统会晤共识, "the consensus reached at the meeting between Biden and Xi"."""
    text, base = scene.sentence.text, scene.sentence.span.start
    where = person.span.start - base
    if scene.language != "zh":
        ref = _REFERENCE_EN.search(text, 0, where)
        return ref is not None and ref.start() > at - base and not re.search(r"[,;]", text[ref.end() : where])
    for word in _ENCOUNTER_ZH.finditer(text):
        if word.start() + base == at or not _REFERRED_ZH.match(text, word.end()):
            continue
        opens = [m.end() for m in _OPENS_ZH.finditer(text, 0, word.start())]
        lo = max([*opens, *(m.end() for m in _CLAUSE_ZH.finditer(text, 0, word.start()))], default=0)
        if lo <= where < word.start() and not (lo <= at - base < word.start()):
            return True
    return False
