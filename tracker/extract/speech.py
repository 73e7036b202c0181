"""Spoken acts: who speaks (or protests) and to whom — criticism, demands, appeals and statements.

Pure; the part of tracker.extract.facts that reads a spoken trigger's scene.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.extract.facts import NEAR, OTHER_SIDE, Built, Scene, home_of, parties
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention

__all__ = ["READOUT", "spoken_act"]

_MINISTRY = re.compile(
    r"foreign ministry|defen[cs]e ministry|commerce ministry|ministry of|spokes(?:man|woman|person)|['’]s navy"
    r"|['’]s military|delegation"
    r"|外交部|国防部|國防部|商务部|商務部|发言人|發言人"
)
# An organ of state just before a summons: the state summons ("the White House had summoned", 外交部召见).
_ORGAN_BEFORE = re.compile(
    r"(?:white house|state department|foreign ministry|pentagon|外交部|白宫|白宮|国务院|國務院)\s*(?:had |has )?$",
    re.IGNORECASE,
)
# 不顾中方强烈反对: a protest recalled as disregarded; a clause opening 针对/就 gives the reason of another act.
_OLD_PROTEST_ZH = re.compile(r"(?:不顾|不顧|无视|無視)[^，。；]*$|(?:^|[，。；])\s*(?:针对|針對)[^，。；]*$")
_INVITED_BY = re.compile(
    r"(?:^|[，,：:\s])应[^，,。；]{0,30}?(?:邀请|邀請|之邀)$|(?:at|on) the invitation$|invited by$", re.I
)
_SUMMONS = re.compile(r"summon|召见|召見", re.IGNORECASE)
_MEASURES = frozenset({"sanction-imposed", "countermeasure"})
_SAID = re.compile(r"\b(?:said|says|stated)\b|表示|指出|称|稱|说|說")


def _protester(t: Trigger, scene: Scene, states: list[str]) -> str:
    """The state that protests: in Chinese, the one just before the word in its clause (…，中方对此强烈不满), or
    the other side of it where the clause's subject is the one criticised (美方行径严重违反…)."""
    if scene.language == "zh":
        opening = _clause_opening(t, scene)
        own = [m.slug for m in scene.mentions if m.kind == "state" and opening <= m.span.start < t.span.start]
        if own and t.role == "object":
            return OTHER_SIDE.get(own[0], states[0])
        if own:
            return own[-1]
    return states[0]


def _clause_opening(t: Trigger, scene: Scene) -> int:
    text, base = scene.sentence.text, scene.sentence.span.start
    return base + max(text.rfind(c, 0, t.span.start - base) for c in "，,；;：:") + 1


_CLAUSE = re.compile(r",\s*(?:while|but|and|whereas)\s|;|；|。")


def _speaker(t: Trigger, scene: Scene) -> ActorMention | None:
    """Who speaks: before the words, the person a speech verb follows ("Lin said Washington had undermined …"),
    else the sentence's first person (郑泽光召见…提出严正交涉); after them, only a person who "said"."""
    text, base = scene.sentence.text, scene.sentence.span.start
    people = [m for m in scene.mentions if m.kind == "person"]
    # 拜登向习近平说明, "Xi told Biden": the person spoken to is not the speaker
    before = [m for m in people if m.span.end <= t.span.start and not _ADDRESSEE.search(text, 0, m.span.start - base)]
    clause = max((m.end() for m in _CLAUSE.finditer(text, 0, t.span.start - base)), default=0)
    if scene.language == "zh" and t.kind == "criticism":
        # 佩洛西抵台后，外交部副部长谢锋…召见…: the person of the protest's own clause protests
        clause = max(clause, max(text.rfind(c, 0, t.span.start - base) for c in "，,") + 1)
    own = [m for m in before if m.span.start - base >= clause] if clause else []
    if own:
        return own[-1]  # "…, while Yang Jiechi accused Washington": the person of the trigger's own clause
    speaking = [m for m in before if _SPEECH.match(text, m.span.end - base)]
    if speaking:
        return speaking[-1]
    if before:
        return before[0]
    after = [m for m in people if m.span.start >= t.span.end and _SPEECH.match(text, m.span.end - base)]
    return after[0] if after else None


_ADDRESSEE = re.compile(r"(?:向|对|對|同|与|與|跟|\btold\s)$")
READOUT = "words in a readout"
_SPEECH = re.compile(
    r"(?:\s*,[^,，]{0,60},)?\s*(?:said|says|told|added|stated|说|表示|称|指出|强调|宣布)", re.IGNORECASE
)


def _summoned_by_organ(t: Trigger, scene: Scene) -> tuple[str, ActorMention] | None:
    """The state and the official of the other side it summons through an organ named just before the verb
    ("The State Department summoned Chinese Ambassador Xie Feng", 外交部召见美国驻华大使)."""
    local = t.span.start - scene.sentence.span.start
    if not _SUMMONS.search(t.text) or not _ORGAN_BEFORE.search(scene.sentence.text, max(0, local - 40), local):
        return None
    reach = t.span.end + NEAR[scene.language]
    for m in scene.mentions:
        state = OTHER_SIDE.get(home_of(m) or "")
        if m.kind == "person" and state and t.span.end <= m.span.start <= reach:
            return state, m
    return None


def spoken_act(kind: str, status: str, t: Trigger, scene: Scene) -> Built | None:
    """The speaker (a person, or a state through its ministry) and the side spoken to."""
    _, states = parties(scene)
    fact: dict[str, Any] = {"kind": kind, "status": status}
    text, base = scene.sentence.text, scene.sentence.span.start
    if kind == "criticism" and scene.language == "zh" and _OLD_PROTEST_ZH.search(text, 0, t.span.start - base):
        return None  # 针对…不顾中方强烈反对和严正交涉…: the protest the reason recalls, not a new one
    if kind == "appeal" and _INVITED_BY.search(text, max(0, t.span.start - base - 40), t.span.end - base):
        return None  # 应王毅邀请, "at the invitation of": who invited frames a visit; it is no appeal
    summoned = _summoned_by_organ(t, scene)
    if summoned is not None:
        # "the White House had summoned Chinese Ambassador Qin Gang": the state, through an organ, protests.
        state, official = summoned
        fact["participants"] = [state, official.slug]
        fact["initiator"] = state
        return fact, [official], "protest to an official"
    speaker = _speaker(t, scene)
    ministry = _MINISTRY.search(scene.sentence.text)
    # Undated, a protest counts only as a ministry's or spokesperson's words (外交部表示…强烈不满), not as
    # "China has protested" told in passing.
    protest = (speaker is None and kind in ("criticism", "demand") and bool(states) and not t.background
               and (bool(scene.dates) or bool(ministry and _SAID.search(scene.sentence.text) and not scene.cues.background)))  # fmt: skip
    subject_is_state = bool(scene.mentions) and scene.mentions[0].kind == "state"
    if protest and any(o.kind in _MEASURES and o.span.end <= t.span.start for o in scene.triggers):
        return None  # "blacklisted them, accusing them of …": the measure's reason, not a protest of its own
    if protest and (ministry or subject_is_state):
        # "China's foreign ministry lodged stern representations", 外交部…强烈不满: the state protests, on a day.
        critic = _protester(t, scene, states)
        fact["participants"] = [critic]
        other = OTHER_SIDE.get(critic)
        if other:
            fact["recipient"] = other
        return fact, [], "a ministry's protest"
    if speaker is None or speaker.kind != "person":
        return None  # what "China" or an embassy said is commentary; a spoken act needs its speaker
    home = home_of(speaker)
    reach = NEAR[scene.language]
    addressed = [
        m for m in scene.mentions
        if m.kind == "person" and home_of(m) not in (None, home) and speaker.span.end <= m.span.start <= t.span.end + reach
    ]  # fmt: skip
    if kind == "criticism" and addressed:
        # "Zheng summoned Ambassador Branstad", 召见…大使: the protest is made to that official.
        fact["participants"] = [speaker.slug, addressed[0].slug]
        fact["initiator"] = speaker.slug
        return fact, [speaker, addressed[0]], "protest to an official"
    fact["participants"] = [speaker.slug]
    other = OTHER_SIDE.get(home or "")
    if other:
        fact["recipient"] = other
    return fact, [speaker], READOUT if t.role == "readout" else "speech"
