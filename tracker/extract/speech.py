"""Spoken acts: who speaks (or protests) and to whom — criticism, demands, appeals and statements.

Pure; the part of tracker.extract.facts that reads a spoken trigger's scene.
"""

from __future__ import annotations

import re
from typing import Any

from tracker.extract.facts import NEAR, OTHER_SIDE, Built, Scene, home_of, parties
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention
from tracker.extract.organs import names_side, organ_side, told_at_end
from tracker.extract.reason_side import in_reason, reason_critic, reason_person
from tracker.extract.reported_side import criticised_subject
from tracker.extract.side_words import own_part, side_readout

__all__ = ["READOUT", "spoken_act"]

# "invited him to visit": an object pronoun after the verb
_HIM = re.compile(r"\s*(?:him|her)\b")

_MINISTRY = re.compile(
    r"foreign ministry|defen[cs]e ministry|commerce ministry|ministry of|spokes(?:man|woman|person)|['’]s navy"
    r"|['’]s military|delegation|\bthe ministry\b|(?:Chinese|U\.S\.) (?:[Nn]avy|[Mm]ilitary)"
    r"|外交部|国防部|國防部|商务部|商務部|发言人|發言人"
)
# An organ of state just before a summons: the state summons ("the White House had summoned", 外交部召见).
_ORGAN_BEFORE = re.compile(
    r"(?:white house|state department|foreign ministry|defen[cs]e ministry|pentagon|外交部|国防部|國防部|白宫|白宮|国务院"
    r"|國務院)(?:也|还|還|当天|當天|同日|当日|當日|\d{1,2}日|昨天|今天){0,2}\s*(?:had |has |also )?$",
    re.IGNORECASE,
)
# 不顾中方强烈反对: a protest recalled as disregarded; a clause opening 针对/就 gives the reason of another act.
_OLD_PROTEST_ZH = re.compile(r"(?:不顾|不顧|无视|無視)[^，。；]*$|(?:^|[，。；])\s*(?:针对|針對)[^，。；]*$")
_INVITED_BY = re.compile(
    r"(?:^|[，,：:\s])[应應][^，,。；]{0,30}?(?:邀请|邀請|之邀)$|(?:at|on) the invitation$|invited by$", re.I
)
_ORGAN = re.compile(r"white house|state department|foreign ministry|pentagon|外交部|白宫|白宮|国务院|國務院", re.I)
# A protest lodged with an official (召见, 交涉, "summoned", "lodged representations"), not concerns voiced in a talk
_ENVOY = re.compile(
    r"[^，,。；;]{0,6}?(?:驻华|駐華|大使|武官|使馆|使館)|(?:['’]s )?(?:\w+ ){0,2}?(?:ambassador|envoy|"
    r"attach[eé]|embassy)",
    re.I,
)
# 中方强调，美方应…, "The Chinese side stressed that …": a side's words told in a readout, undated but not in passing
_SIDE_SAYS = re.compile(  # (opening the sentence or a clause: 消息说，双方…，中方强调…)
    r"(?:^|(?<=[，,：:]))\s*(?:中方|美方|(?:the )?(?:Chinese|U\.S\.|American) side)\s*(?:强调|強調|表示|指出|重申|stressed|said|told)"
    # "The U.S. delegation raised concerns about …": a delegation speaks for its state
    r"|^\s*(?:the )?(?:Chinese|U\.S\.|American) delegation\s+(?:stressed|said|told|raised|voiced|expressed|urged)",
    re.I,
)
_FORMAL = re.compile(r"summon|protest|representations|lodged|召见|召見|交涉|抗议|抗議", re.IGNORECASE)
_SUMMONS = re.compile(r"summon|召见|召見", re.IGNORECASE)
_MEASURES = frozenset({"sanction-imposed", "countermeasure"})
# A spokesperson's words are the state's act whatever verb tells them ("a ministry spokesman accused …").
_VOICE = re.compile(r"spokes(?:man|woman|person)|发言人|發言人", re.IGNORECASE)
_SAID = re.compile(r"\b(?:said|says|stated)\b|表示|指出|称|稱|说|說")
_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?")  # "accused Beijing", "accused the United States": the verb's object


def _protester(t: Trigger, scene: Scene, states: list[str]) -> str:
    """The state that protests: in Chinese, the one just before the word in its clause (…，中方对此强烈不满), or
    the other side of it where the clause's subject is the one criticised (美方行径严重违反…)."""
    after = _FROM_STATE.match(scene.sentence.text, t.span.end - scene.sentence.span.start)
    if after:
        # "drawing a sharp rebuke from Beijing": the state the reproach comes from
        came = _CAPITAL.match(scene.sentence.text, after.end())
        if came:
            return "CHN" if came.group(1) else "USA"
    if scene.language != "zh" and (
        told := told_at_end(
            scene.sentence.text,
            t.span.end - scene.sentence.span.start,
            any(m.kind == "person" for m in scene.mentions),
        )
    ):
        return (
            told  # "The U.S. moves seriously harmed China's interests, the Chinese foreign ministry said": the teller
        )
    if critic := criticised_subject(t, scene):
        return critic  # "a spokesperson said the United States had seriously violated …": the subject is reproached
    if scene.language == "zh":
        opening = _clause_opening(t, scene)
        text, base = scene.sentence.text, scene.sentence.span.start
        own = [
            m.slug for m in scene.mentions
            if m.kind == "state" and opening <= m.span.start < t.span.start
            and not _OBJECT_MARK.search(text, max(0, m.span.start - base - 1), m.span.start - base)
        ]  # fmt: skip  # (美方对中方…表示严重关切: 中方 after 对 is whom the concern is about)
        if own and (
            t.role == "object" or _REASON_OPENS.match(scene.sentence.text, opening - scene.sentence.span.start)
        ):
            return OTHER_SIDE.get(own[0], states[0])  # 鉴于美方不负责任的做法: the reason names who is criticised
        if not own and t.role == "object":
            # 美方再次宣布对台军售，严重损害中国主权: the subject of the clause before carries on into this one
            end = opening - base - 1  # (美方挑起事端，突然要求中方…，严重违反…: back to the clause opening on a side)
            for _ in range(3):
                before = text.rfind("，", 0, end) + 1
                chained = [m.slug for m in scene.mentions if m.kind == "state" and base + before <= m.span.start < base + end
                           and not _OBJECT_MARK.search(text, max(0, m.span.start - base - 1), m.span.start - base)]  # fmt: skip
                # (鉴于佩洛西…窜访台湾，严重干涉…: the side whose act a reason clause gives is the one criticised)
                if (reasoned := reason_critic(scene, before, end)) or (chained and _SUBJECT_OPENS.match(text, before)):
                    return reasoned or OTHER_SIDE.get(chained[0], states[0])
                if before == 0:
                    break
                end = before - 1
        last = (
            next(m for m in reversed(scene.mentions) if m.kind == "state" and m.span.start < t.span.start)
            if own
            else None
        )
        if last is not None and _OWNED.match(scene.sentence.text, last.span.end - scene.sentence.span.start):
            return OTHER_SIDE.get(last.slug, states[0])  # 中方的拦截行为不安全: the possessor is criticised
        if own:
            return own[-1]
    return states[0]


def _clause_opening(t: Trigger, scene: Scene) -> int:
    text, base = scene.sentence.text, scene.sentence.span.start
    return base + max(text.rfind(c, 0, t.span.start - base) for c in "，,；;：:") + 1


_POSSESSIVE = re.compile(r"['’]s?\s|的")
_RIGHT_BEFORE = re.compile(
    r"(?:\s+(?:on|late|early|last|this)\s+\w+)?\s*(?:\s(?:also|again|publicly|sharply|strongly))?\s*"
)
_WHO = re.compile(r",\s*who\b")
_FROM_STATE = re.compile(r"\s+from\s+(?:the\s+)?")
_CAPITAL = re.compile(r"(Beijing|China\b)|Washington|United States|U\.S\.")
_OBJECT_MARK = re.compile(r"[对對向同与與就]$")
_SUBJECT_OPENS = re.compile(r"\s*(?:美方|中方|美国|美國|中国|中國)")  # the clause opens on a side, its subject
_OWNED = re.compile(r"[^，。；的]{0,4}的")  # 中方的拦截行为, 中方战机的拦截行为: a possessor
_REASON_OPENS = re.compile(r"\s*(?:鉴于|鑒於|由于|由於|因为|因為)")
_CLAUSE = re.compile(r",\s*(?:while|but|and|whereas)\s|;|；|。")


# 就美国众议长佩洛西窜访台湾提出严正交涉: the person after 就, 对 or 针对 in the protest's clause is its topic
_TOPIC_ZH = re.compile(r"(?:就|对|對|针对|針對)[^，,。；]*$")


def _speaker(t: Trigger, scene: Scene) -> ActorMention | None:
    """Who speaks: before the words, the person a speech verb follows ("Lin said Washington had undermined …"),
    else the sentence's first person (郑泽光召见…提出严正交涉); after them, only a person who "said"."""
    text, base = scene.sentence.text, scene.sentence.span.start
    people = [m for m in scene.mentions if m.kind == "person"]
    # 拜登向习近平说明, "Xi told Biden": the person spoken to is not the speaker
    before = [m for m in people if m.span.end <= t.span.start and not _ADDRESSEE.search(text, 0, m.span.start - base)]
    # "condemned Pelosi's visit", 佩洛西窜访台湾严重违反…: whose act is criticised is not who criticises
    clause = max((m.end() for m in _CLAUSE.finditer(text, 0, t.span.start - base)), default=0)
    if scene.language == "zh" and t.kind in ("criticism", "appeal"):
        # 佩洛西抵台后，外交部副部长谢锋…召见…: the person of the protest's own clause protests
        clause = max(clause, max(text.rfind(c, 0, t.span.start - base) for c in "，,") + 1)
    before = [
        m for m in before
        if not _POSSESSIVE.match(text, m.span.end - base)
        and not (scene.language == "zh" and _TOPIC_ZH.search(text, clause, m.span.start - base))
        and not (scene.language == "zh" and in_reason(text, m.span.start - base))
        and not (t.role == "object" and m.span.start - base >= clause and not _SPEECH.match(text, m.span.end - base))
    ]  # fmt: skip
    relative = [m for m in before if _WHO.match(text, m.span.end - base)]
    if relative and not _CLAUSE.search(text, relative[-1].span.end - base + 6, t.span.start - base):
        return relative[-1]  # "Sherman later met Wang Yi, who set out three bottom lines": the relative's person
    own = [m for m in before if m.span.start - base >= clause] if clause else []
    if own:
        return own[-1]  # "…, while Yang Jiechi accused Washington": the person of the trigger's own clause
    speaking = [m for m in before if _SPEECH.match(text, m.span.end - base)]
    if speaking:
        return speaking[-1]
    opener = _OPENER.match(text) if scene.language == "en" else None
    if (
        opener and before and before[-1].span.start - base >= opener.end()
        and _RIGHT_BEFORE.fullmatch(text, before[-1].span.end - base, t.span.start - base)
    ):  # fmt: skip
        # "During his meeting with Dong, Austin raised concerns": who is named in the opener is not the subject
        return before[-1]
    if before and (scene.language == "zh" or scene.mentions[0] is before[0]):
        return before[0]  # the sentence's subject ("Blinken on Friday criticized …"), not an object of another verb
    if before and _RIGHT_BEFORE.fullmatch(text, before[-1].span.end - base, t.span.start - base):
        return before[-1]  # "… after Pete Hegseth accused Beijing": the verb's own subject, right before it
    after = [m for m in people if m.span.start >= t.span.end and _SPEECH.match(text, m.span.end - base)]
    return after[0] if after else None


# an opening adverbial ("During his talks with Dong Jun on Friday,", "After meeting Wang Yi,") before the subject
_OPENER = re.compile(
    r"(?:During|In|At|After|Before|Following|Ahead of|On the sidelines of|Meeting|Speaking|Talking)\b[^,;]{0,120},"
)


def _about(scene: Scene, other: str | None) -> bool:
    """Whether the sentence names the other side (its state, a person of it) or Taiwan: what a statement outside an
    encounter must be about (Readouts convention)."""
    return any(m.state == other or m.slug == other for m in scene.mentions) or bool(_TAIWAN.search(scene.sentence.text))


_TAIWAN = re.compile(r"Taiwan|台湾|臺灣|台灣")
_ORGAN_TELLS = re.compile(
    r"\b(?:the )?(?:White House|Pentagon|State Department|Department|Ministry|ministry|embassy|Embassy|readout|agency)"
    r"(?: of [A-Z][\w ]{0,30}?)?\s+said in a statement"
)
_OPEN_LINES = re.compile(
    r"\bcommit(?:ment|ted) to (?:maintaining|keeping) (?:open )?(?:military[- ]to[- ]military |military )?"
    r"(?:lines|channels)\b|保持(?:两军|兩軍|双方|雙方|两国|兩國|中美)?(?:沟通|溝通|对话|對話)(?:渠道|管道)?畅通|保持(?:两军|兩軍|双方"
    r"|雙方|两国|兩國|中美)?(?:沟通|溝通|对话|對話)(?:渠道|管道)?暢通",
    re.IGNORECASE,
)
# "… committed to keeping lines open, but warned against …": a position told beside the shared aim
_BUT = re.compile(r"\b(?:but|however|while|yet)\b|但|然而|同时|同時", re.IGNORECASE)
_ADDRESSEE = re.compile(r"(?:向|对|對|同|与|與|跟|\btold\s)$")
READOUT = "words in a readout"
_SPEECH = re.compile(
    # ("Mao Ning on Tuesday said", 毛宁4日表示: the day between the name and the verb)
    r"(?:\s*,[^,，]{0,60},)?(?:\s*(?:on \w+day|\d{1,2}日|昨天|今天|当天|當天))?\s*(?:had\s+|has\s+)?"
    r"(?:said|says|told|added|stated|说|表示|称|指出|强调|宣布)",
    re.IGNORECASE,
)


def _summoned(t: Trigger, scene: Scene, other: str) -> str | None:
    """The official of the other side a state summons ("China summoned U.S. Ambassador Nicholas Burns"), else None."""
    if not _SUMMONS.search(t.text):
        return None
    reach = t.span.end + NEAR[scene.language]
    near = [m.slug for m in scene.mentions if m.kind == "person" and home_of(m) == other
            and t.span.end <= m.span.start <= reach]  # fmt: skip
    return near[0] if near else None


def _summoned_by_organ(t: Trigger, scene: Scene) -> tuple[str, ActorMention] | None:
    """The state and the official of the other side it summons through an organ named just before the verb
    ("The State Department summoned Chinese Ambassador Xie Feng", 外交部召见美国驻华大使)."""
    local = t.span.start - scene.sentence.span.start
    if not _SUMMONS.search(t.text):
        return None
    if not _ORGAN_BEFORE.search(scene.sentence.text, max(0, local - 40), local) and not (
        _ORGAN.search(scene.sentence.text, 0, local) and _speaker(t, scene) is None
    ):
        return None  # "China's foreign ministry condemned Pelosi's visit and summoned …": the organ, still
    reach = t.span.end + NEAR[scene.language]
    for m in scene.mentions:
        state = OTHER_SIDE.get(home_of(m) or "")
        if m.kind == "person" and state and t.span.end <= m.span.start <= reach:
            return state, m
    for m in scene.mentions:
        # 国防部召见美国驻华使馆国防武官, "summoned the U.S. defense attache": an envoy left unnamed is their state
        if (
            m.kind == "state"
            and m.slug in OTHER_SIDE
            and t.span.end <= m.span.start <= reach
            and _ENVOY.match(scene.sentence.text, m.span.end - scene.sentence.span.start)
        ):
            return OTHER_SIDE[m.slug], m
    return None


def _criticised(t: Trigger, scene: Scene, side: str) -> str | None:
    """The person of `side` whose act a reproach names in its own clause (佩洛西…窜访…严重干涉中国内政)."""
    if t.role != "object":
        return None
    opening = _clause_opening(t, scene)
    if scene.language == "zh":
        opening = scene.sentence.span.start + max(scene.sentence.text.rfind(c, 0, opening - scene.sentence.span.start - 1)
                                                  for c in "，,；;：:") + 1  # fmt: skip
    named = [m for m in scene.mentions if m.kind == "person" and home_of(m) == side
             and opening <= m.span.start < t.span.start]  # fmt: skip
    return named[0].slug if named else reason_person(scene, side, t.span.start)


# "lodged stern representations with the United States, saying Hegseth had smeared China": whose act is reproached
_SAYING = re.compile(r",\s+(?:saying|accusing|charging)\s+(?:that\s+)?")


def _reproached_after(t: Trigger, scene: Scene, side: str) -> str | None:
    """The person of `side` who opens a ", saying …" clause after a protest, else None."""
    text, base = scene.sentence.text, scene.sentence.span.start
    starts = {base + m.end() for m in _SAYING.finditer(text, t.span.end - base)}
    named = [m for m in scene.mentions if m.kind == "person" and home_of(m) == side and m.span.start in starts]
    return named[0].slug if named else None


# "Pence's remarks were slander", 彭斯的讲话…: a reproach of a person's words or act names that person.
_WORDS_OF = re.compile(
    r"(?:['’]s\s+(?:[a-z-]+\s+){0,2}?(?:remarks|speech|comments|words|statements?|claims|accusations|visit|trip|address)"
    r"|的(?:有关|有關|相关|相關)?(?:讲话|講話|言论|言論|发言|發言|表态|表態|演讲|演講))"
)


def _words_of(t: Trigger, scene: Scene, speaker: str | None, side: str | None) -> str | None:
    """The person (of `side` when known) whose words or act the reproach at `t` judges, named with a possessive
    earlier in the sentence, else None."""
    text, base = scene.sentence.text, scene.sentence.span.start
    for m in scene.mentions:
        if (m.kind == "person" and m.slug != speaker and m.span.end <= t.span.start
                and (side is None or home_of(m) == side)
                and _WORDS_OF.match(text, m.span.end - base)):  # fmt: skip
            return m.slug
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
        if official.kind == "state":
            return {**fact, "participants": [state], "recipient": official.slug}, [], "protest to an envoy"
        fact["participants"] = [state, official.slug]
        fact["initiator"] = state
        return fact, [official], "protest to an official"
    if kind == "statement" and _OPEN_LINES.search(o := own_part(text, t.span.start - base)) and not _BUT.search(o):
        return (
            None  # "our commitment to maintaining open lines …", 致力于保持两军沟通渠道畅通: a shared aim, no position
        )
    if kind == "statement" and _ORGAN_TELLS.search(text, max(0, t.span.start - base - 40), t.span.end - base):
        return None  # "…, the White House said in a statement": an organ telling the news makes no statement
    if (side := side_readout(kind, t, scene)) is not None:
        return side  # 汪文斌说，…；中方阐明了…严正立场: the side right before the verb speaks, not the teller
    speaker = _speaker(t, scene)
    ministry = _MINISTRY.search(scene.sentence.text)
    # "The State Department rebuked Beijing", "…, the Pentagon said": an organ speaks for its state
    organ = organ_side(text, t.span.start - base, t.span.end - base) if scene.language == "en" else None
    if organ and not states and names_side(text, OTHER_SIDE[organ]):
        states = [OTHER_SIDE[organ]]  # "denounced an intercept by a Chinese fighter jet": the adjective names it
    # Undated, a protest counts only as a ministry's or spokesperson's words (外交部表示…强烈不满), not as
    # "China has protested" told in passing.
    protest = (speaker is None and kind in ("criticism", "demand") and bool(states) and not t.background
               and (bool(scene.dates) or bool(_SIDE_SAYS.search(scene.sentence.text))
                    or bool(ministry and _SAID.search(scene.sentence.text) and not scene.cues.background)
                    or bool(_VOICE.search(scene.sentence.text) and not scene.cues.background)))  # fmt: skip
    # "he had accused Beijing of …": a state named only as the object is the one reproached, not the subject
    subject_is_state = bool(scene.mentions) and scene.mentions[0].kind == "state" and not (scene.language == "en"
        and _OBJECT_GAP.fullmatch(text, t.span.end - base, scene.mentions[0].span.start - base))  # fmt: skip
    if protest and any(
        o.kind in _MEASURES and o.span.end <= t.span.start
        and not any(m.kind == "state" and o.span.end <= m.span.start < t.span.start for m in scene.mentions)
        and not _FROM_STATE.match(text, t.span.end - base)
        for o in scene.triggers
    ):  # fmt: skip
        return None  # "blacklisted them, accusing them of …": the measure's reason (中方对此…不满 is China's own act)
    if protest and (ministry or subject_is_state or organ):
        # "China's foreign ministry lodged stern representations", 外交部…强烈不满: the state protests, on a day.
        critic = organ or _protester(t, scene, states)
        other = OTHER_SIDE.get(critic)
        named = [home_of(m) for m in scene.mentions if m.kind == "person"]
        if named and critic in named and other not in named and not any(home_of(m) == other for m in scene.mentions):
            return None  # "the party expelled Li and Wei, accusing both of taking bribes": no other side to protest to
        fact["participants"] = [critic]
        if other:
            fact["recipient"] = (
                _criticised(t, scene, other)
                or _reproached_after(t, scene, other)
                or _summoned(t, scene, other)
                or other
            )
        return fact, [], "a ministry's protest"
    if speaker is None or speaker.kind != "person":
        return None  # what "China" or an embassy said is commentary; a spoken act needs its speaker
    home = home_of(speaker)
    reach = NEAR[scene.language]
    addressed = [
        m for m in scene.mentions
        if m.kind == "person" and home_of(m) not in (None, home) and t.span.start <= m.span.start <= t.span.end + reach
    ]  # fmt: skip
    if kind == "criticism" and addressed and _FORMAL.search(t.text):
        # "Zheng summoned Ambassador Branstad", 召见…大使: the protest is made to that official.
        fact["participants"] = [speaker.slug, addressed[0].slug]
        fact["initiator"] = speaker.slug
        return fact, [speaker, addressed[0]], "protest to an official"
    fact["participants"] = [speaker.slug]
    other = OTHER_SIDE.get(home or "")
    judged = _words_of(t, scene, speaker.slug, other) if kind == "criticism" else None
    if judged is not None:
        fact["recipient"] = judged
        return fact, [speaker], READOUT if t.role == "readout" else "speech"
    if kind == "statement" and t.role != "readout" and not _about(scene, other):
        # "delivered a speech at the Reagan forum", "said in a statement he was honoured": not about the other side
        return None
    if other:
        fact["recipient"] = (_criticised(t, scene, other) if kind == "criticism" else None) or other
    if kind == "appeal" and addressed and addressed[0].span.start - t.span.end <= 2:
        fact["recipient"] = addressed[0].slug  # 邀请魏凤和访问五角大楼, "invited Wei to visit": the one invited
    elif kind == "appeal" and _HIM.match(text, t.span.end - base):
        # "held talks with his counterpart Wei … and invited him to visit": the one the pronoun stands for
        pronoun_of = [
            m for m in scene.mentions if m.kind == "person" and home_of(m) == other and m.span.end <= t.span.start
        ]
        fact["recipient"] = pronoun_of[-1].slug if pronoun_of else fact.get("recipient")
    return fact, [speaker], READOUT if t.role == "readout" else "speech"
