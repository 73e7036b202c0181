"""Words that only look like a side's act to the other: a demand the reason clause quotes from the other side
(针对美方21日要求中方关闭…作出的回应), and the reproach of a disciplinary verdict on one's own officers
(9人严重违背党的原则，涉嫌严重职务犯罪).

Pure; wraps tracker.extract.speech.spoken_act for the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.facts import OTHER_SIDE, Built, Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.model import DYAD, ActorMention, Candidate
from tracker.extract.speech import spoken_act

__all__ = ["in_round", "spoken", "voiced"]

# a reason clause opening on the other side: 针对美方…, 鉴于美国… (the act it names is the other side's)
_REASON_OF_OTHER = re.compile(r"(?:针对|針對|鉴于|鑒於|回应|回應)(?:美方|美国|美國|华盛顿|華盛頓)[^，,。；;]*$")
# 曾/曾经 right before the verb (发言人曾要求…): a remark made some time before the news
_ONCE = re.compile(r"曾经?(?:多次|一再|公开|再次)?$")
# the words of a disciplinary verdict: 违纪违法, 职务犯罪, 党的原则, 党纪
_DISCIPLINE = re.compile(r"违纪|違紀|职务犯罪|職務犯罪|党的原则|黨的原則|党纪|黨紀|受贿|受賄|开除党籍|開除黨籍")
# "as Beijing accuses Washington of …", "as China blames …": the present tense of a standing charge
# (and the words of its content: "…of stirring up the months of protests")
_RUNNING = re.compile(r"\bas\s+(?:[\w.'’]+\s+){1,3}?(?:accuses|blames|criticizes|criticises|faults)\b[^;:]*$")
_BREAK = re.compile(r"[，,；;。]")
# "halting the consultations in protest at U.S. arms sales": the motive of a measure, no words spoken
_IN_PROTEST = re.compile(r"\bin\s+protest\s+(?:at|over|against|of)\b", re.I)
# what a demand asks stopped: the reproach after it describes what is to stop (not "change its misguided policy",
# a reproach of its own)
_STOP = re.compile(
    r"\b(?:stop|cease|halt|end|cut (?:down )?on|curb|reduce|refrain from)\b|停止|减少|減少|收敛|收斂", re.I
)
# "urged China to join in condemning the coup", 敦促中方…一道谴责…: the condemnation is the act asked for
_CONDEMN = re.compile(r"谴责|譴責|condemn|denounc|critici[sz]", re.I)
# the other side named: a reproach of it is no verdict on one's own
_OTHER_SIDE = re.compile(r"美方|美国|美國|华盛顿|華盛頓|United States|U\.S\.|Washington|American", re.I)


def spoken(kind: str, status: str, t: Trigger, scene: Scene) -> Built | None:
    """speech.spoken_act, but for a demand the reason clause quotes from the other side and for a disciplinary
    verdict's words of reproach, which are no act to the other side."""
    text, base = scene.sentence.text, scene.sentence.span.start
    local = t.span.start - base
    if kind == "demand" and _REASON_OF_OTHER.search(text, 0, local):
        return None  # 中方此举是针对美方21日要求…作出的回应: the other side's earlier demand, the reason told
    if kind == "criticism" and _RUNNING.search(text, max(0, local - 160), t.span.end - base):
        return None  # "…, as Beijing accuses Washington of stirring up protests": a running charge, no act of a day
    if kind == "criticism" and _IN_PROTEST.match(text, max(0, local - 3)):
        return None  # "suspended the talks in protest over arms sales": the measure is the act, its motive no protest
    once = _ONCE.search(text, max(0, local - 6), local) if kind in ("demand", "criticism", "statement") else None
    if once and not scene.dates and any(_named_at(m, once.start() + base) for m in scene.mentions):
        # 发言人毛宁曾要求美方…: a named person's earlier remark the text does not date, told as background (not
        # 他曾力促…, the speaker's own account of the encounter)
        return None
    if kind == "criticism" and _DISCIPLINE.search(text) and not _OTHER_SIDE.search(text):
        return None  # 9人严重违背党的原则: the verdict on one's own officers criticises no one of the other side
    if (
        kind == "criticism"
        and t.governed_by == "demand"
        and any(
            o.kind == "demand"
            and o.span.end <= t.span.start
            and not _BREAK.search(text, o.span.end - base, local)
            and (_STOP.search(text, o.span.end - base, local) or _CONDEMN.match(t.text))
            for o in scene.triggers
        )
    ):
        return None  # "pressed them to cut down on unsafe and unprofessional actions": the demand's content, one act
    built = spoken_act(kind, status, t, scene)
    side = _SIDE_URGES.match(text) if built is None and kind == "demand" and scene.language == "zh" else None
    if side and side.end() == t.span.end - base:
        # 中方再次敦促美方立即撤销错误决定: a statement's own demand, told without its date (the statement's)
        critic = "CHN" if side.group(1) in ("中方", "中国", "中國") else "USA"
        return (
            {"kind": kind, "status": status, "participants": [critic], "recipient": OTHER_SIDE[critic]},
            [],
            "a side's demand",
        )
    return built


def _named_at(m: ActorMention, end: int) -> bool:
    """A person named by name (not 他/她 resolved to them) ending at a position."""
    return m.kind == "person" and m.span.end == end and m.span.end - m.span.start > 1


# 中方再次敦促美方…, 美方要求中方…: a side's demand to the other, opening its sentence
_SIDE_URGES = re.compile(
    r"(中方|中国|中國|美方)(?:再次|再度|也|还|還|同时|同時|进一步|進一步|坚决|堅決|强烈|強烈){0,2}(?:敦促|促请|促請|要求)(?=美方|中方|美国|美國)"
)


def voiced(found: list[Candidate]) -> list[Candidate]:
    """A side's demand told after an official of that side has spoken that day (黄雪平表示，美方此举…。中方要求美方
    立即纠正错误): the official's, as the state's protest told with the official who voiced it is one act."""
    out: list[Candidate] = []
    for c in found:
        if c.rule.startswith("a side's demand"):
            side, day = c.fact["participants"][0], c.fact["occurred_on"]
            spoke = [
                o.fact["participants"][0] for o in out
                if o.kind in _SPOKEN and o.fact.get("occurred_on") == day and len(o.fact.get("participants", ())) == 1
                and o.homes.get(o.fact["participants"][0]) == side
            ]  # fmt: skip
            if spoke:
                c = replace(c, fact={**c.fact, "participants": [spoke[-1]]})
        out.append(c)
    return out


_SPOKEN = frozenset({"statement", "criticism", "demand"})


def in_round(found: list[Candidate]) -> list[Candidate]:
    """A side's protest told undated after a round of several days the report tells (中美两军18日至20日…举行…会议。
    …中方重申，坚决反对…): said in that round, it carries the round's days, as a readout does."""
    out: list[Candidate] = []
    for c in found:
        f = c.fact
        if f["kind"] in ("criticism", "demand") and not c.dated and not c.background and f["participants"][0] in DYAD:
            rounds = [
                o.fact for o in out
                if o.kind == "talks" and o.fact.get("status") == "occurred" and o.fact.get("until") and not o.background
                and f["participants"][0] in o.fact["participants"] and o.span.start <= c.span.start
            ]  # fmt: skip
            if rounds:
                c = replace(c, fact={**f, "occurred_on": rounds[-1]["occurred_on"], "until": rounds[-1]["until"]})
        out.append(c)
    return out
