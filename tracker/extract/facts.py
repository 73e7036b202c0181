"""The facts a trigger makes, by kind: who met whom, who sanctioned whom, which channel, which office.

Pure; the parts of tracker.extract.pipeline that read one sentence's scene: its actors, dates, channels and
places around a trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.extract import clauses, encounter_cues
from tracker.extract.actors import ActorIndex
from tracker.extract.delegations import joins, objects_window, visiting_party
from tracker.extract.encounter_cues import aide, before_since, both_chiefs, frames_its_parts, recalled, refused_object
from tracker.extract.gatherings import gathering, has_reference, in_reference, private_people, referred
from tracker.extract.lexicon import Cues, Trigger
from tracker.extract.model import ActorMention, DateMention, Sentence
from tracker.extract.roles import both_leaders, channel_within, counterpart, earlier_objects
from tracker.extract.tellers import without_tellers

__all__ = ["BOTH_SIDES", "CHANNEL_KINDS", "COUNTERPART", "INTERACTIONS", "NEAR", "OTHER_SIDE", "REASON_ZH", "SPOKEN", "TWO_SIDED", "Built", "Scene",
           "first_actor", "home_of", "interaction", "parties"]  # fmt: skip

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
    carried: str | None = None  # who announced the report's last sanction: a later list may be theirs
    place_states: dict[str, str] = field(default_factory=dict)  # the state of each place slug
    told_offices: tuple[str, ...] = ()  # offices the report's earlier office changes named


# "Dong's predecessor, Wei Fenghe", 董军的前任: the name tells whose relation is meant, the relation is the party
_RELATION = re.compile(
    r"['’]s\s+(?:(?:immediate|former|predecessor-but-one|new)\s+)?(?:predecessor|successor|deputy|aide|envoy|spokes\w+|"
    r"wife|husband|son|daughter)|的(?:前任|前前任|继任者|繼任者|副手|助手|特使|发言人|發言人|夫人|妻子|儿子|女儿)"
)


def parties(scene: Scene) -> tuple[list[ActorMention], list[str]]:
    persons: list[ActorMention] = []
    states: list[str] = []
    base = scene.sentence.span.start
    for m in scene.mentions:
        if m.kind != "state" and _RELATION.match(scene.sentence.text, m.span.end - base):
            continue
        if m.kind == "state":
            if m.slug not in states:
                states.append(m.slug)
        elif all(p.slug != m.slug for p in persons):
            persons.append(m)
    return persons, states


def _near(t: Trigger, scene: Scene, persons: list[ActorMention]) -> list[ActorMention]:
    """The persons around a trigger: those just before it (its subjects) and just after (its objects)."""
    reach = NEAR[scene.language]
    # A Chinese verb's objects stand before it (与董军通话) or right after, never past the next comma.
    end = scene.sentence.span.start + objects_window(scene.sentence.text, t.span.end - scene.sentence.span.start,
                                                     scene.language, reach)  # fmt: skip
    near = [
        p for p in earlier_objects(persons, scene.sentence.text, scene.sentence.span.start, t.span.start)
        if t.span.start - reach <= p.span.end <= t.span.start or t.span.end <= p.span.start <= end
    ]  # fmt: skip
    if scene.language == "zh" and near and near[0].span.end <= t.span.start:
        # 杨洁篪和国务委员兼外长王毅同美国国务卿布林肯、…沙利文举行对话: a roster joined without a comma, all parties
        earlier = [p for p in persons if p.span.end <= near[0].span.start]
        base = scene.sentence.span.start
        for p in reversed(earlier):
            if not joins(scene.sentence.text[p.span.end - base : near[0].span.start - base]):
                break
            near.insert(0, p)
    return near


_SINCE = re.compile(r"\bsince\b", re.I)

_TO_TAIWAN = re.compile(
    r"(?:\s*(?:to|of|in)\s+(?:the\s+)?(?:self-ruled\s+|self-governed\s+)?(?:island\s+of\s+)?)?\s*(?:Taiwan|台湾|臺灣|台灣|台|臺)"
    r"|\s*(?:(?:to|of|in)\s+)?the\s+(?:self-ruled|self-governed|democratically governed|democratic)\s+island",
    re.I,
)
_ENCOUNTER_WORD = re.compile(
    r"meet|talk|call|request|invitation|visit|dialogue|会晤|會晤|会见|會見|会面|會面|会谈|會談|通话|通話|邀请|邀請|请求|請求"
    r"|访问|訪問|对话|對話|沟通|溝通|防长|防長|致电|致電|电话|電話|回电|回電",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[，,。；]")


# "…, Pentagon press secretary Pat Ryder said." / "…，国防部发言人说。": who tells the act, not a party to it
_SOURCE = re.compile(r"\s*(?:said|says|told|added|wrote|according)\b|\s*(?:说|表示|称|透露)[。，,]?\s*$")


# "谭克非9日表示，…中方没有接受", "Ryder said China declined …": the teller, before the act told
_TELLER = re.compile(
    r"\s*(?:[0-9０-９]{1,2}日|on \w+day)?\s*(?:表示|说|說|称|稱|指出|透露|\bsaid\b|\btold reporters\b)", re.I
)


def _source(p: ActorMention, t: Trigger, scene: Scene) -> bool:
    base = scene.sentence.span.start
    if p.span.end <= t.span.start and _TELLER.match(scene.sentence.text, p.span.end - base):
        return True
    if p.span.start < t.span.end or not _SOURCE.match(scene.sentence.text, p.span.end - base):
        return False
    return bool(_CLAUSE_END.search(scene.sentence.text, t.span.end - base, p.span.start - base))


def _subject(t: Trigger, scene: Scene) -> ActorMention | None:
    """The last actor named before the trigger (the grammatical subject, in wire style), else the first after."""
    before = [m for m in scene.mentions if m.span.end <= t.span.start]
    if before:
        return before[-1]
    after = [m for m in scene.mentions if m.span.start >= t.span.end]
    return after[0] if after else None


def home_of(m: ActorMention) -> str | None:
    return m.slug if m.kind == "state" else m.state


_INVITER = re.compile(r"应([^，。；]{1,30}?)(?:邀请|邀請|之邀)|at the invitation of ([^,.;]{1,60})", re.I)


# A dialogue or consultation held as a round ("中美高层战略对话…举行"): talks, even off the catalogue's channels.
_ROUND = re.compile(r"对话|對話|磋商|战略沟通|戰略溝通|dialogue|consultations", re.IGNORECASE)
# "two rounds of talks", 多轮会谈: talks told in rounds stay talks (the length alone, "five hours of talks", does not
# tell them apart from a meeting: the labelled set has it both ways)
_MEASURED = re.compile(r"\brounds? of (?:\w+ )?talks|(?:多|几|幾|两|兩|[\d一二三四五六七八九十])轮会谈", re.I)
_PAIRED = re.compile(
    r"\b(?:U\.S\.|US|American) and Chinese\b(?:\s+\w+){0,3}\s*$|\bChinese and (?:U\.S\.|US|American)\b(?:\s+\w+){0,3}\s*$"
)


def _abroad(t: Trigger, scene: Scene) -> bool:
    """Whether the place a visit goes to, named right after its verb, lies in a third country."""
    after = [(slug, span) for slug, span in scene.places if 0 <= span.start - t.span.end <= 12]
    return bool(after) and scene.place_states.get(after[0][0]) not in (None, "CHN", "USA")


# "The two sides held a working group meeting under the Military Maritime Consultative Agreement"
_SIDES_SUBJECT = re.compile(r"^\W*(?:the two (?:sides|militaries|countries)|both sides|双方|雙方|两军|兩軍)\b", re.I)


def _two_sides(people: list[ActorMention]) -> bool:
    return {home_of(p) for p in people} >= {"CHN", "USA"}


def _inviters(scene: Scene) -> list[ActorMention]:
    """The persons who invited (应王毅邀请, "at the invitation of Wang Yi"): the hosts of a visit."""
    base = scene.sentence.span.start
    out = []
    for m in _INVITER.finditer(scene.sentence.text):
        key = 1 if m.group(1) is not None else 2
        start, end = base + m.start(key), base + m.end(key)
        out += [p for p in scene.mentions if p.kind == "person" and start <= p.span.start and p.span.end <= end]
    return out


# "The two sides agreed …", 双方同意: the parties of the encounter the report has just told.
BOTH_SIDES = re.compile(
    r"双方|雙方|两国元首|兩國元首|两国领导人|兩國領導人|两人|兩人|二人|两位(?:领导人|部长|防长)|兩位(?:領導人|部長|防長)|两国防长"
    r"|兩國防長|both sides|the two sides"
    r"|the two (?:leaders|men|women|presidents|ministers|secretaries|generals|officials|defen[cs]e chiefs|counterparts)"
    r"|\bthe two(?= (?:will|would|are|also|plan|agreed)\b)",
    re.I,
)
# Channels held in rounds of talks (a meeting on them is a round), not in leaders' meetings and calls.
ROUNDS = frozenset({"dpct", "mmca", "arms-control", "diplomatic-security-dialogue", "joint-staff-dialogue"})
# "The two defence ministers", 两国防长: the holders of both offices on the day.
BOTH_DEFENSE = re.compile(
    r"两国防长|两国国防部长|中美防长|兩國防長|兩國國防部長|中美防長|two defen[cs]e (?:ministers|chiefs)|defen[cs]e chiefs"
    r"|(?:top )?defen[cs]e (?:officials|ministers|leaders) of (?:the United States|the U\.S\.|America|China) and"
    r" (?:China|the United States|the U\.S\.)",
    re.IGNORECASE,
)


def interaction(kind: str, status: str, t: Trigger, scene: Scene, day: date, last: date | None = None) -> Built | None:
    """An encounter's fact (statements, demands: speech.spoken_act's); `last`: a month's or a year's last day."""
    # "The defence chiefs of the two countries met …": the offices' holders when no party is named
    built = _encounter(kind, status, t, scene, day)
    if built is None and kind in TWO_SIDED:
        built = both_chiefs(kind, status, scene.sentence, scene.index, day)
    if built is None:
        return None
    fact, used, rule = built
    if (fact["kind"] in TWO_SIDED or fact["kind"] == "meeting-declined") and BOTH_DEFENSE.search(scene.sentence.text):
        both = [scene.index.held([(o, None)], s, day) for s, o in (("USA", "Secretary of Defense"),
                                                                   ("CHN", "Minister of National Defense"))]  # fmt: skip
        fact["participants"] = list(dict.fromkeys([*fact["participants"], *(p for p in both if p)]))
        if all(both):
            # "the top defence officials of the United States and China met": the holders stand for their states
            fact["participants"] = [p for p in fact["participants"] if p not in OTHER_SIDE]
    elif fact["kind"] in TWO_SIDED and (
        leaders := both_leaders(fact["participants"], scene.sentence.text, scene.index, day)
    ):
        fact["participants"] = leaders  # 两国元首上月通电话时，习近平…: the other head of state, not the state
    if fact["kind"] == "meeting-declined" and fact.get("initiator") in OTHER_SIDE and "recipient" not in fact:
        # the side asked for the encounter: its person in the encounter, else the state
        asker = OTHER_SIDE[fact["initiator"]]
        people = [
            p for p in fact["participants"] if scene.index.by_slug.get(p) and scene.index.by_slug[p].state == asker
        ]
        fact["recipient"] = people[0] if people else asker
    if fact["kind"] in TWO_SIDED or fact["kind"] == "meeting-declined":
        # (a channel after a later agreement or encounter word is that word's: "met …, agreed to resume theatre talks")
        own = [c for c, sp in scene.channels if not any((o.kind == "intent-to-meet" and (t.span.end <= o.span.start
               <= sp.start or o.span.end <= sp.start < t.span.start)) or (o.kind in TWO_SIDED and t.span.end <= o.span.start
               and o.span.end <= sp.start) for o in scene.triggers)]  # fmt: skip
        text_channel = own[0] if own else None
        people = [p for p in fact["participants"] if p not in OTHER_SIDE]
        channel = text_channel or channel_within(scene.index, people, day, last or day)
        if channel:
            fact["channel"] = channel
        local = t.span.start - scene.sentence.span.start
        if (
            fact["kind"] == "talks" and text_channel is None and not _ROUND.search(t.text)
            and not _MEASURED.search(scene.sentence.text, max(0, local - 30), t.span.end - scene.sentence.span.start)
        ):  # fmt: skip
            fact["kind"] = "meeting"  # talks between two officials, off any channel's rounds, are a meeting
        elif fact["kind"] == "meeting" and (text_channel in ROUNDS or encounter_cues.holds_round(t, scene.sentence)):
            fact["kind"] = "talks"  # "hosted … for the second round of the dialogue": a round of talks
    return fact, used, rule


def _encounter(kind: str, status: str, t: Trigger, scene: Scene, day: date) -> Built | None:
    persons, states = parties(scene)
    persons = without_tellers(persons, t.span.start, scene.sentence)  # (发言人吴谦介绍，…会谈: no party to it)
    fact: dict[str, Any] = {"kind": kind, "status": status}
    if kind == "meeting-declined":
        after = scene.sentence.text[t.span.end - scene.sentence.span.start :][:80]
        after = refused_object(after)  # "rejected Washington's accusations and said …": the accusations
        if not _ENCOUNTER_WORD.search(after) and not _ENCOUNTER_WORD.search(
            scene.sentence.text[: t.span.start - scene.sentence.span.start][-40:]
        ):
            return None  # "rejected China's maritime claims": a refusal of something other than a meeting
        decliner = _subject(t, scene)
        if decliner is None:
            return None
        home = home_of(decliner)
        persons = [p for p in persons if not _source(p, t, scene)]
        persons = before_since(persons, t, scene.sentence)  # "has refused talks since Pelosi visited Taiwan"
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
    if has_reference(scene):
        if referred(scene, t.span.start, t.span.end):
            return None  # 落实两国元首会晤共识, 会晤以来: a reference, no act
        # "… the consensus reached at the meeting between Biden and Xi": its parties are not this encounter's
        persons = [p for p in persons if not in_reference(scene, p, t.span.start)]
    persons = [p for p in persons if not aide(p, scene.sentence, scene.language)]
    # "the first talks since Austin sat down with Wei": who met then is no party to what happens now
    persons = before_since(persons, t, scene.sentence)
    if scene.language != "zh" and t.role != "roster":
        # "Dong met his counterparts from Singapore, while Austin met Philippine officials": each clause its subject
        # (a boundary counts when a new subject follows it: not "Austin, while in Singapore, met Dong")
        base = scene.sentence.span.start
        cuts = [
            m for m in clauses.NEW_SUBJECT_EN.finditer(scene.sentence.text)
            if any(0 <= p.span.start - base - m.end() <= 45 for p in persons)
        ]  # fmt: skip
        opened = [m.end() for m in cuts if m.end() <= t.span.start - base]
        subordinate = [m for m in clauses.SUBORDINATE_EN.finditer(scene.sentence.text, t.span.end - base)
                       if any(0 <= p.span.start - base - m.end() <= 45 for p in persons)]  # fmt: skip
        closed = [m.start() for m in [*cuts, *subordinate] if m.start() >= t.span.end - base]
        closed.sort()
        lo, hi = base + (opened[-1] if opened else 0), base + (closed[0] if closed else len(scene.sentence.text))
        persons = clauses.in_time_clause([p for p in persons if lo <= p.span.start < hi], t, scene.sentence)
    if scene.language != "zh" and gathering(scene, t.span.end):
        return None  # "hosted Asia-Pacific leaders, including Xi, at a dinner": a gathering, not a meeting of two
    near = persons[:MAX_PARTICIPANTS] if t.role == "roster" else encounter_cues.apposed_objects(t, _near(t, scene, persons), persons, scene.sentence)  # fmt: skip
    if t.role == "guest" and _TO_TAIWAN.match(scene.sentence.text, t.span.end - scene.sentence.span.start):
        return None  # a visit to Taiwan is no encounter between the two states
    if t.role == "guest" and frames_its_parts(t, scene.sentence):
        return None  # "a two-day visit that included talks with Qin and a meeting with Wang": its parts tell them
    if t.role == "guest" and near:
        # A visit: the visitor and the side visited (the other state, or the state of the place).
        before = [p for p in near if p.span.end <= t.span.start]
        visitor = before[-1] if before else near[0]  # (康达与罗森柏格访问中国: those joined before it visit with it)
        party = visiting_party(before, visitor, scene.sentence) if scene.language == "zh" else [visitor]
        other = OTHER_SIDE.get(home_of(visitor) or "", "")
        hosts = [s for s in states if s == other] or ([other] if not (set(states) - {home_of(visitor)}) else [""])
        hosted = [p for p in near if p is not visitor and home_of(p) != home_of(visitor)]
        hosted = hosted or [p for p in _inviters(scene) if home_of(p) not in (None, home_of(visitor))]
        if _abroad(t, scene):
            return None  # "arrived in Vientiane, where Dong was also at the forum": a fellow guest, not a host
        if hosted:
            fact["participants"] = [*(p.slug for p in party), *(p.slug for p in hosted)]
            return fact, [*party, *hosted], "a visit"
        if hosts[0] and not (not states and not scene.places and recalled(t, visitor, scene.sentence)):
            fact["participants"] = [*(p.slug for p in party), hosts[0]]
            return fact, party, "a visit"
    local = t.span.start - scene.sentence.span.start
    if kind in TWO_SIDED and (
        _PAIRED.search(scene.sentence.text, max(0, local - 60), local)
        or (not persons and scene.channels and _SIDES_SUBJECT.search(scene.sentence.text, 0, local))
    ):
        # "U.S. and Chinese military officials held talks": the two states, whoever else the sentence names
        fact["participants"] = ["USA", "CHN"]
        return fact, [], "two states"
    subjects = [p for p in near if p.span.end <= t.span.start]
    if kind == "intent-to-meet" and _two_sides(subjects):
        persons = subjects  # "Wang and Sullivan agreed that Xi and Biden would talk": the agreement is theirs
    elif len(near) >= 2 and _two_sides(near):
        persons = near
    elif near:
        # 他稍早与王毅会面，昨天则与秦刚会谈: the party beside the verb, with the nearest one of the other side
        # before it (the subject), not everyone the sentence names.
        closest = min(near, key=lambda p: abs(p.span.start - t.span.start))
        opposite = [p for p in persons if p.span.end <= t.span.start and home_of(p) not in (None, home_of(closest))]
        if opposite:  # (with those a Chinese roster joins to it: 康达与罗森柏格…，在廊坊与谢锋会谈)
            party = visiting_party(opposite, opposite[-1], scene.sentence) if scene.language == "zh" else opposite[-1:]
            persons = sorted([*party, closest], key=lambda p: p.span.start)
        elif len(near) >= 2:
            persons = near
    if len(persons) >= 2:
        used = persons[:MAX_PARTICIPANTS]
        if {home_of(p) for p in used} & {"CHN", "USA"} != {"CHN", "USA"}:
            return None  # people of one side only (the Senate's vote, Vice President Vance): no encounter of the two
        fact["participants"] = [p.slug for p in used]
        return fact, used, "two named parties"
    if len(persons) == 1 and (COUNTERPART.search(scene.sentence.text) or BOTH_DEFENSE.search(scene.sentence.text)):
        # "his Chinese counterpart", "the first call between the two defence chiefs"
        other = counterpart(scene.index, persons[0].slug, day)
        if other is not None:
            fact["participants"] = [persons[0].slug, other]
            return fact, persons, "a named party and their counterpart"
    local = t.span.start - scene.sentence.span.start
    both = (kind == "intent-to-meet" and BOTH_SIDES.search(scene.sentence.text)) or (
        # "The two will meet again next month", 两人将再次会面: the parties of the encounter just told
        kind in TWO_SIDED and status == "expected" and BOTH_SIDES.search(scene.sentence.text, max(0, local - 30), local)
    )
    if len(persons) == 1:
        # The other side of the dyad only: a meeting with Taiwan's leader is no U.S.-China interaction.
        other_states = [s for s in states if s != persons[0].state and s == OTHER_SIDE.get(persons[0].state or "")]
        if other_states and private_people(scene, other_states[0]):
            return None  # "met U.S. business leaders", 会见美国工商界代表: people of the other country, not its state
        if other_states:
            fact["participants"] = [persons[0].slug, other_states[0]]
            return fact, persons, "a named party and a state"
        if not both:
            return None
        persons = []  # "Hegseth said both sides agreed to …": the two sides of the encounter told
    if {"CHN", "USA"} <= set(states) and not (t.role == "guest" and not persons):
        # (a visit needs its visitor: "requests by U.S. military ships to visit Hong Kong" names none)
        fact["participants"] = ["CHN", "USA"] if states.index("CHN") < states.index("USA") else ["USA", "CHN"]
        return fact, [], "two states"
    if both and not persons:
        # 双方同意…: the two states stand in for the parties of the encounter the report has just told
        fact["participants"] = ["CHN", "USA"]
        return fact, [], "both sides"
    return None


REASON_ZH = re.compile(r"\s*(?:针对|針對|就|回应|回應|鉴于|鑒於)")


def first_actor(scene: Scene) -> ActorMention | None:
    """An announcement's subject: the sentence's first actor ("The United States on Thursday imposed …")."""
    return scene.mentions[0] if scene.mentions else None
