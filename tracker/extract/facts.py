"""The facts a trigger makes, by kind: who met whom, who sanctioned whom, which channel, which office.

Pure; the parts of tracker.extract.pipeline that read one sentence's scene: its actors, dates, channels and
places around a trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.extract.actors import ActorIndex
from tracker.extract.lexicon import Cues, Trigger
from tracker.extract.model import ActorMention, DateMention, Sentence
from tracker.extract.names import fold
from tracker.extract.roles import channel_of, counterpart
from tracker.extract.targets import HEAD_OF, LIST_END, list_start_zh, list_targets, named_targets

__all__ = ["CHANNEL_KINDS", "INTERACTIONS", "NEAR", "SPOKEN", "TWO_SIDED", "Built", "Scene", "channel_facts", "home_of",
           "interaction", "sanctions"]  # fmt: skip

INTERACTIONS = frozenset(
    {"meeting", "call", "talks", "statement", "intent-to-meet", "appeal", "demand", "criticism",
     "meeting-declined", "military-cooperation"}
)  # fmt: skip
TWO_SIDED = frozenset({"meeting", "call", "talks", "intent-to-meet", "military-cooperation"})
SPOKEN = frozenset({"statement", "appeal", "demand", "criticism"})
CHANNEL_KINDS = frozenset({"channel-suspended", "channel-resumed", "channel-stalled"})
OTHER_SIDE = {"CHN": "USA", "USA": "CHN"}
MAX_PARTICIPANTS = 6
# How far from a trigger (characters) its subjects and objects stand, by language.
NEAR = {"en": 90, "zh": 30}
COUNTERPART = re.compile(r"(?:chinese|u\.s\.|american|his|her) counterpart\b(?!s)|对口|同行|對口", re.IGNORECASE)


Built = tuple[dict[str, Any], list[ActorMention], str]


@dataclass
class Scene:
    """One sentence and what was found in it."""

    sentence: Sentence
    mentions: list[ActorMention]
    dates: list[DateMention]
    channels: list[tuple[str, Any]]
    places: list[tuple[str, Any]]
    cues: Cues
    language: str
    index: ActorIndex
    triggers: tuple[Trigger, ...] = ()


def _parties(scene: Scene) -> tuple[list[ActorMention], list[str]]:
    persons: list[ActorMention] = []
    states: list[str] = []
    for m in scene.mentions:
        if m.kind == "state":
            if m.slug not in states:
                states.append(m.slug)
        elif all(p.slug != m.slug for p in persons):
            persons.append(m)
    return persons, states


def _near(t: Trigger, scene: Scene, persons: list[ActorMention]) -> list[ActorMention]:
    """The persons around a trigger: those just before it (its subjects) and just after (its objects)."""
    reach = NEAR[scene.language]
    end = t.span.end + reach
    if scene.language == "zh":
        # A Chinese verb's objects stand before it (与董军通话) or right after, never past the next comma.
        stop = _CLAUSE_END.search(scene.sentence.text, t.span.end - scene.sentence.span.start)
        if stop:
            end = min(end, scene.sentence.span.start + stop.start())
    return [
        p for p in persons
        if t.span.start - reach <= p.span.end <= t.span.start or t.span.end <= p.span.start <= end
    ]  # fmt: skip


_TO_TAIWAN = re.compile(
    r"(?:\s*(?:to|of|in)\s+(?:the\s+)?(?:self-ruled\s+|self-governed\s+)?(?:island\s+of\s+)?)?\s*(?:Taiwan|台湾|臺灣|台灣|台|臺)",
    re.I,
)
_ENCOUNTER_WORD = re.compile(
    r"meet|talk|call|request|invitation|visit|dialogue|会晤|會晤|会见|會見|会面|會面|会谈|會談|通话|通話|邀请|邀請|请求|請求"
    r"|访问|訪問|对话|對話|沟通|溝通|防长|防長",
    re.IGNORECASE,
)
_MINISTRY = re.compile(
    r"foreign ministry|defen[cs]e ministry|commerce ministry|ministry of|外交部|国防部|國防部|商务部|商務部"
)
_CLAUSE_END = re.compile(r"[，,。；]")
_CLAUSE = re.compile(r",\s*(?:while|but|and|whereas)\s|;|；|。")


def _speaker(t: Trigger, scene: Scene) -> ActorMention | None:
    """Who speaks: before the words, the person a speech verb follows ("Lin said Washington had undermined …"),
    else the sentence's first person (郑泽光召见…提出严正交涉); after them, only a person who "said"."""
    text, base = scene.sentence.text, scene.sentence.span.start
    people = [m for m in scene.mentions if m.kind == "person"]
    before = [m for m in people if m.span.end <= t.span.start]
    clause = max((m.end() for m in _CLAUSE.finditer(text, 0, t.span.start - base)), default=0)
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


_SPEECH = re.compile(
    r"(?:\s*,[^,，]{0,60},)?\s*(?:said|says|told|added|stated|说|表示|称|指出|强调|宣布)", re.IGNORECASE
)


def _subject(t: Trigger, scene: Scene) -> ActorMention | None:
    """The last actor named before the trigger (the grammatical subject, in wire style), else the first after."""
    before = [m for m in scene.mentions if m.span.end <= t.span.start]
    if before:
        return before[-1]
    after = [m for m in scene.mentions if m.span.start >= t.span.end]
    return after[0] if after else None


def home_of(m: ActorMention) -> str | None:
    return m.slug if m.kind == "state" else m.state


# Channels held in rounds of talks (a meeting on them is a round), not in leaders' meetings and calls.
ROUNDS = frozenset({"dpct", "mmca", "arms-control", "diplomatic-security-dialogue", "joint-staff-dialogue"})
# "The two defence ministers", 两国防长: the holders of both offices on the day.
BOTH_DEFENSE = re.compile(
    r"两国防长|两国国防部长|中美防长|兩國防長|兩國國防部長|中美防長|two defen[cs]e (?:ministers|chiefs)|defen[cs]e chiefs",
    re.IGNORECASE,
)


def interaction(kind: str, status: str, t: Trigger, scene: Scene, day: date) -> Built | None:
    built = _encounter(kind, status, t, scene, day)
    if built is None:
        return None
    fact, used, rule = built
    if (fact["kind"] in TWO_SIDED or fact["kind"] == "meeting-declined") and BOTH_DEFENSE.search(scene.sentence.text):
        both = [scene.index.held([(o, None)], s, day) for s, o in (("USA", "Secretary of Defense"),
                                                                   ("CHN", "Minister of National Defense"))]  # fmt: skip
        fact["participants"] = list(dict.fromkeys([*fact["participants"], *(p for p in both if p)]))
    if fact["kind"] in TWO_SIDED or fact["kind"] == "meeting-declined":
        text_channel = scene.channels[0][0] if scene.channels else None
        channel = text_channel or channel_of(scene.index, [p for p in fact["participants"] if p not in OTHER_SIDE], day)
        if channel:
            fact["channel"] = channel
        if fact["kind"] == "talks" and text_channel is None:
            fact["kind"] = "meeting"  # talks between two officials, off any channel's rounds, are a meeting
        elif fact["kind"] == "meeting" and text_channel in ROUNDS:
            fact["kind"] = "talks"  # "hosted … for the second round of the dialogue": a round of talks
    return fact, used, rule


def _encounter(kind: str, status: str, t: Trigger, scene: Scene, day: date) -> Built | None:
    persons, states = _parties(scene)
    fact: dict[str, Any] = {"kind": kind, "status": status}
    if kind in SPOKEN:
        speaker = _speaker(t, scene)
        protest = speaker is None and kind == "criticism" and bool(scene.dates) and bool(states)
        subject_is_state = bool(scene.mentions) and scene.mentions[0].kind == "state"
        if protest and (_MINISTRY.search(scene.sentence.text) or subject_is_state):
            # "China's foreign ministry lodged stern representations", 外交部…强烈不满: the state protests, on a day.
            fact["participants"] = [states[0]]
            other = OTHER_SIDE.get(states[0])
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
        return fact, [speaker], "speech"
    if kind == "meeting-declined":
        after = scene.sentence.text[t.span.end - scene.sentence.span.start :][:80]
        if not _ENCOUNTER_WORD.search(after) and not _ENCOUNTER_WORD.search(
            scene.sentence.text[: t.span.start - scene.sentence.span.start][-40:]
        ):
            return None  # "rejected China's maritime claims": a refusal of something other than a meeting
        decliner = _subject(t, scene)
        if decliner is None:
            return None
        home = home_of(decliner)
        others = [p for p in persons if p.state != home]
        fact["status"] = "occurred"
        fact["participants"] = [p.slug for p in persons if p.kind != "state"] or [decliner.slug]
        if len(fact["participants"]) == 1 and COUNTERPART.search(scene.sentence.text):
            other = counterpart(scene.index, fact["participants"][0], day)
            if other is not None:
                fact["participants"].append(other)
        if home:
            fact["initiator"] = home
        if others:
            fact["recipient"] = others[0].slug
        return fact, persons, "refusal"
    near = _near(t, scene, persons)
    if t.role == "guest" and _TO_TAIWAN.match(scene.sentence.text, t.span.end - scene.sentence.span.start):
        return None  # a visit to Taiwan is no encounter between the two states
    if t.role == "guest" and near:
        # A visit: the visitor and the side visited (the other state, or the state of the place).
        before = [p for p in near if p.span.end <= t.span.start]
        visitor = before[-1] if before else near[0]
        other = OTHER_SIDE.get(home_of(visitor) or "", "")
        hosts = [s for s in states if s == other] or ([other] if not (set(states) - {home_of(visitor)}) else [""])
        hosted = [p for p in near if p is not visitor and home_of(p) != home_of(visitor)]
        if hosted:
            fact["participants"] = [visitor.slug, *(p.slug for p in hosted)]
            return fact, [visitor, *hosted], "a visit"
        if hosts[0]:
            fact["participants"] = [visitor.slug, hosts[0]]
            return fact, [visitor], "a visit"
    if len(near) >= 2:
        persons = near
    if len(persons) >= 2:
        used = persons[:MAX_PARTICIPANTS]
        if {home_of(p) for p in used} & {"CHN", "USA"} != {"CHN", "USA"}:
            return None  # people of one side only (the Senate's vote, Vice President Vance): no encounter of the two
        fact["participants"] = [p.slug for p in used]
        return fact, used, "two named parties"
    if len(persons) == 1 and COUNTERPART.search(scene.sentence.text):
        other = counterpart(scene.index, persons[0].slug, day)
        if other is not None:
            fact["participants"] = [persons[0].slug, other]
            return fact, persons, "a named party and their counterpart"
    if len(persons) == 1:
        # The other side of the dyad only: a meeting with Taiwan's leader is no U.S.-China interaction.
        other_states = [s for s in states if s != persons[0].state and s == OTHER_SIDE.get(persons[0].state or "")]
        if not other_states:
            return None
        fact["participants"] = [persons[0].slug, other_states[0]]
        return fact, persons, "a named party and a state"
    if {"CHN", "USA"} <= set(states):
        fact["participants"] = ["CHN", "USA"] if states.index("CHN") < states.index("USA") else ["USA", "CHN"]
        return fact, [], "two states"
    return None


_CLAUSE_ZH = re.compile(r"[，,]")
_LIST_OF = re.compile(r"(unreliable )?(?:entity|sdn) list", re.I)
_GOES_ON_ZH = re.compile(r"\s*(?:对|以|因|为|并|将)")
_REASON_ZH = re.compile(r"\s*(?:针对|針對|就|回应|回應|鉴于|鑒於)")
_MECHANISM = re.compile(r"工作机制|工作機制|办公室|辦公室")


def _first(scene: Scene) -> ActorMention | None:
    """An announcement's subject: the sentence's first actor ("The United States on Thursday imposed …")."""
    return scene.mentions[0] if scene.mentions else None


def sanctions(kind: str, t: Trigger, scene: Scene) -> list[Built]:
    reach = NEAR[scene.language]
    text, base = fold(scene.sentence.text), scene.sentence.span.start  # 對 as 对: same offsets
    if _MECHANISM.match(text, t.span.end - base):
        return []  # 不可靠实体清单工作机制 names the body that announces, not a listing
    parties = [m for m in scene.mentions if m.kind != "state"]
    # A list of targets runs on while each name follows the last closely ("Pompeo … and 27 others, including
    # Robert O'Brien, John Bolton …").
    after: list[ActorMention] = []
    edge = t.span.end
    for m in sorted((m for m in parties if m.span.start >= t.span.end), key=lambda m: m.span.start):
        gap = text[edge - base : m.span.start - base]
        if len(gap) > reach * 3 // 2 or LIST_END.search(gap) or (scene.language == "zh" and _CLAUSE_ZH.search(gap)):
            break  # a Chinese object follows its verb in the clause (制裁李尚福); a list stands before it
        after.append(m)
        edge = m.span.end
    before = [m for m in parties if t.span.start - reach <= m.span.end <= t.span.start]
    targets = after if after and not (t.passive or t.background) else before[-1:] or after
    if scene.language == "zh" and not after and not (t.passive or t.background):
        targets = []  # an active Chinese sanction names its targets after 对 or after the verb, never before
    opening = max(text.rfind(c, 0, t.span.start - base) for c in "，,。；;") + 1
    while scene.language == "zh" and opening > 1 and _GOES_ON_ZH.match(text, opening):
        opening = max(text.rfind(c, 0, opening - 1) for c in "，,。；;") + 1  # 针对美方…，对…实施制裁: one clause
    if scene.language == "zh" and _REASON_ZH.match(text, opening):
        return []  # 针对美方…实施制裁，中方决定…: the other side's sanction is the reason given, not news
    subject = _first(scene)
    imposer = None
    if scene.language == "zh":
        # 针对美方…，中方决定对…实施制裁: the state just before the list decides, not the one in the reason.
        start = list_start_zh(text, t.span.start - base)
        end = t.span.start - base if start is None else start
        # Back clause by clause from the list: the nearest state named outside a reason clause (针对美方…).
        own: list[ActorMention] = []
        while end > 0 and not own:
            clause = max(text.rfind(c, 0, end) for c in "，,。；;") + 1
            if not _REASON_ZH.match(text, clause):
                own = [m for m in scene.mentions if m.kind == "state" and base + clause <= m.span.start < base + end]
            end = clause - 1
        subject = own[-1] if own else subject
    if subject is not None and subject.kind == "state" and not t.passive:
        imposer = subject.slug
    listing = _LIST_OF.search(t.text)
    if listing:
        # Only the U.S. keeps the Entity List and the SDN list; only China the unreliable entity list.
        imposer = "CHN" if listing.group(1) else "USA"
    if any(m.kind == "organization" and HEAD_OF.match(text, m.span.end - base) for m in targets):
        # "Raytheon Technologies chief executive Greg Hayes": the firm names the person it is sanctioned as head of.
        targets = []
    # Only China keeps an unreliable entity list and speaks of 反制.
    china_only = kind == "countermeasure" or "不可靠" in t.text or "不可靠" in text[: t.span.start - base][-20:]
    by_default = imposer or ("CHN" if china_only else None)
    if by_default and not (t.passive or t.background):
        listed, parents = list_targets(
            t, scene.sentence, scene.mentions, OTHER_SIDE.get(by_default), scene.language, reach
        )
        if scene.language == "zh":
            # A Chinese list stands before its verb (对 A、B、C 实施制裁): every name in it is a target.
            start = list_start_zh(text, t.span.start - base)
            inside = [m for m in parties if start is not None and base + start < m.span.start < t.span.start]
            if inside or listed:
                targets = _merge_spans(inside, listed)
        else:
            targets = _merge_spans([m for m in targets if m.slug not in parents], [], listed)
    if not targets and scene.language == "en" and imposer and not (t.passive or t.background):
        targets = named_targets(t, scene.sentence, scene.mentions, OTHER_SIDE.get(imposer), NEAR["en"])
    if not targets:
        return []
    lifted = kind == "sanction-lifted"
    out: list[Built] = []
    for target in targets:
        by = imposer or ("CHN" if kind == "countermeasure" else OTHER_SIDE.get(target.state or ""))
        if by is None or by == target.state or target.state not in (None, OTHER_SIDE.get(by)):
            continue  # a sanction of this dyad falls on the other side (not on Russia's arms exporter, the seller)
        fact = {"kind": "sanction-lifted" if lifted else "sanction-imposed", "target": target.slug, "imposed_by": by}
        out.append((fact, [target], "sanction"))
    return out


def _merge_spans(*groups: list[ActorMention]) -> list[ActorMention]:
    """Mentions of several lists, once each, in text order (a known name inside a listed name gives way)."""
    out: list[ActorMention] = []
    for m in sorted((m for g in groups for m in g), key=lambda m: (m.span.start, -(m.span.end - m.span.start))):
        if any(o.slug == m.slug or (o.span.start <= m.span.start and m.span.end <= o.span.end) for o in out):
            continue
        out = [o for o in out if not (m.span.start <= o.span.start and o.span.end <= m.span.end)]
        out.append(m)
    return out


def channel_facts(kind: str, t: Trigger, scene: Scene, day: date | None = None) -> list[Built]:
    subject = _first(scene)
    by = home_of(subject) if subject is not None else None
    out: list[Built] = []
    channels = list(dict.fromkeys(c for c, _ in scene.channels))
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
