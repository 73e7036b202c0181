"""Channel facts a trigger makes: which channels were suspended, stalled or resumed, and by whom.

Pure; the part of tracker.extract.pipeline that reads a channel trigger's scene (tracker.extract.facts.Scene).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from tracker.extract.facts import COUNTERPART, REASON_ZH, Built, Scene, first_actor, home_of
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Candidate, Sentence
from tracker.extract.names import fold
from tracker.extract.roles import channel_of, counterpart

__all__ = ["channel_facts", "suspended_by_lede", "suspended_object"]


def _actor_outside_reasons(scene: Scene) -> ActorMention | None:
    """The sentence's first actor outside a reason clause: 针对美方…，中方宣布取消… is China's act."""
    text, base = fold(scene.sentence.text), scene.sentence.span.start
    for m in scene.mentions:
        local = m.span.start - base
        clause = max(text.rfind(c, 0, local) for c in "，,。；;") + 1
        ends = [i for i in (text.find(c, local) for c in "，,。；;") if i >= 0]
        if ends and text[min(ends) - 1] in "后後":
            continue  # 佩洛西访问台湾后，中方宣布取消…: a time clause; who acted in it is not who calls off
        if _REASON_OBJECT.search(text, clause, local):
            continue  # 外交部宣布针对佩洛西窜台采取…措施: the reason's object sits mid-clause, after the announcer
        if not (REASON_ZH.match(text, clause) or _SOURCE_ZH.match(text, clause)):
            return m
    return None


_SOURCE_ZH = re.compile(r"\s*据")
_REASON_OBJECT = re.compile(r"(?:针对|鉴于|回应)[^，,。；;]{0,6}$")


def _actor_before(t: Trigger, scene: Scene) -> ActorMention | None:
    """The actor right before an English verb in its clause ("since Beijing suspended the talks")."""
    text, base = scene.sentence.text, scene.sentence.span.start
    near = [m for m in scene.mentions if m.span.end <= t.span.start and t.span.start - m.span.end <= 12
            and not re.search(r"[,;]", text[m.span.end - base : t.span.start - base])]  # fmt: skip
    return near[-1] if near else None


# 但战区领导通话至今仍未实现, "but the commanders' channel has yet to resume": the channel named is still silent
_NOT_YET = re.compile(
    r"仍未|尚未|还未|還未|至今未|没有恢复|沒有恢復|\b(?:has|have) yet to\b"
    r"|\b(?:has|have) (?:still )?not (?:yet )?(?:resumed|been restored|taken place)|\bremains? (?:suspended|frozen)"
)


def _unmet(scene: Scene, span: Any) -> bool:
    """Whether the channel at `span` stands in a clause that says it has not happened yet."""
    text, local = scene.sentence.text, span.end - scene.sentence.span.start
    ends = [i for i in (text.find(c, local) for c in "，,。；;") if i >= 0]
    return bool(_NOT_YET.search(text, local, min(ends) if ends else len(text)))


def _same_part(t: Trigger, scene: Scene) -> list[tuple[str, Any]]:
    """The channels in the semicolon-delimited part of the sentence that holds the trigger, when that part names
    any: 1月，国防部工作会晤恢复举行；4月，海上军事安全磋商机制会议召开 resumes the first channel only, the second
    part tells a meeting of its own."""
    text, base = scene.sentence.text, scene.sentence.span.start
    local = t.span.start - base
    start = max(text.rfind(c, 0, local) for c in "；;") + 1
    ends = [i for i in (text.find(c, local) for c in "；;") if i >= 0]
    end = min(ends) if ends else len(text)
    own = [(c, span) for c, span in scene.channels if start <= span.start - base < end]
    return own or list(scene.channels)


def channel_facts(kind: str, t: Trigger, scene: Scene, day: date | None = None) -> list[Built]:
    subject = _actor_outside_reasons(scene) if scene.language == "zh" else _actor_before(t, scene) or first_actor(scene)
    by = home_of(subject) if subject is not None else None
    out: list[Built] = []
    channels = list(
        dict.fromkeys(c for c, span in _same_part(t, scene) if not (kind == "channel-resumed" and _unmet(scene, span)))
    )
    if not channels and kind == "channel-stalled" and day is not None:
        # "Beijing snubbed Austin's efforts to meet his Chinese counterpart, and military communications have
        # stalled": the channel of the people the sentence names.
        people = [m.slug for m in scene.mentions if m.kind == "person"]
        if len(people) == 1 and COUNTERPART.search(scene.sentence.text):
            other = counterpart(scene.index, people[0], day)
            people += [other] if other else []
        found = channel_of(scene.index, people, day)
        channels = [found] if found else []
    for slug in channels:
        fact: dict[str, Any] = {"kind": kind, "channel": slug}
        if by and kind == "channel-suspended":
            fact["by"] = by
        out.append((fact, [], "channel"))
    return out


# The verbs of a lede that tells a side calling channels off ("China on Friday called off three channels …").
_CALLS_OFF = re.compile(r"call(?:s|ed)? off|cancel|suspend|halt|scrap|取消|暂停|暫停|中止|叫停", re.I)


def suspended_by_lede(
    found: list[Candidate], sentences: list[Sentence], mentions: list[list[ActorMention]]
) -> list[Candidate]:
    """A suspension whose sentence names no side ("the foreign ministry said it was cancelling the theatre
    commanders' talks") is by the side the report's lede has calling channels off."""
    if not any(c.kind == "channel-suspended" and "by" not in c.fact for c in found):
        return found
    lede = next(((s, ms) for s, ms in zip(sentences, mentions, strict=True) if ms), None)
    if lede is None or not _CALLS_OFF.search(lede[0].text):
        return found
    by = home_of(lede[1][0])
    if by not in ("CHN", "USA"):
        return found
    return [
        replace(c, fact={**c.fact, "by": by})
        if c.kind == "channel-suspended" and "by" not in c.fact and c.span.start >= lede[0].span.start
        and not any(m.span.start >= c.span.start and m.span.end <= c.span.end for ms in mentions for m in ms)
        else c
        for c in found
    ]  # fmt: skip


# How far (characters) a suspension reaches the talks it names, and the words it may reach over ("froze the arms
# control consultations with …": the channel's own name).
_REACH = 12
_NAMED_OBJECT = re.compile(r"\s*(?:the |its |all )?(?:[\w-]+ ){0,4}")


def suspended_object(scene: Scene, suspension: Trigger, t: Trigger) -> bool:
    """Whether the contact word at `t` is what the suspension just before it suspends (not a contact of its own).
    A cancellation of an encounter between named people, with no channel named, is that encounter's ("canceled a
    meeting between Dong Jun and Lloyd Austin"): the encounter is the fact, cancelled."""
    gap = t.span.start - suspension.span.end
    if gap < 0 or (suspension.status == "cancelled" and not scene.channels and t.kind != "talks"):
        return False
    sentence, base = scene.sentence, scene.sentence.span.start
    return gap <= _REACH or bool(
        _NAMED_OBJECT.fullmatch(sentence.text, suspension.span.end - base, t.span.start - base)
    )
