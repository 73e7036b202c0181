"""Cues that narrow an encounter told in a sentence: who only accompanies, who is named after "since", what a
refusal refuses, a visit told only as the frame of its parts, and the two defence chiefs named by their offices.

Pure; helpers of tracker.extract.facts, reading a sentence (not facts' Scene: facts imports this module).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tracker.extract.actors import ActorIndex
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Sentence

__all__ = [
    "aide",
    "before_since",
    "both_chiefs",
    "first_to",
    "frames_its_parts",
    "mechanisms",
    "no_contact",
    "only_a_topic",
    "recalled",
    "refused_object",
    "told_again",
]

# "accompanied by Vice Foreign Minister Ma Zhaoxu", 在马朝旭陪同下, 马朝旭等陪同: aides at an encounter, no party to it
_ACCOMPANIED_EN = re.compile(r"\b(?:accompanied|flanked|escorted)\s+by\s+[^,;]{0,160}$", re.I)
_ACCOMPANIES_ZH = re.compile(r"[^，,。；]{0,3}?(?:陪同|陪同下)")
_SINCE = re.compile(r"\bsince\b", re.I)
_INCLUDED = re.compile(
    r"[^,;.]{0,40}?(?:,\s*)?\b(?:(?:that|which)\s+(?:also\s+)?(?:included|includes|featured)|including)\b", re.I
)
# what a refusal refuses: its object up to the clause's end; "a call for restraint" is no phone call
_OBJECT_END = re.compile(r"[，,。；;]|\s(?:and|but|while|after|as)\s")
_CALL_FOR = re.compile(r"\bcall(?:s|ed)? (?:for|on)\b", re.I)
_BOTH_CHIEFS_SUBJECT = re.compile(
    r"^\W*(?:the )?(?:defen[cs]e (?:chiefs|ministers) of the two (?:countries|nations|sides)"
    r"|two (?:(?:countries|nations)['’] )?defen[cs]e (?:chiefs|ministers))\b|^\W*(?:中美)?两国防长|^\W*(?:中美)?兩國防長",
    re.IGNORECASE,
)
_DEFENSE_OFFICES = (("USA", "Secretary of Defense"), ("CHN", "Minister of National Defense"))
# ", the first talks between …", ", their first meeting since …", 这是…一年多来首次会谈: an apposition naming the
# contact just told
_FIRST_APPOSITIVE = re.compile(
    r"(?:,|\s[-–—])\s+(?:the|their|its)\s+first\s+(?:[\w-]+\s+){0,3}$|[，,]\s*(?:这|這|此)(?:是|为|為|也是)[^。，]{0,30}?(?:首次|首度|第一次)$",
    re.I,
)
# 就美方提出中美防长通话一事发表谈话, 就…会晤问题答记者问: the encounter is the topic of what is said
_ABOUT_ZH = re.compile(r"就[^，。；]{0,30}$")
_TOPIC_ZH = re.compile(r"[^，。；]{0,6}?(?:一事|问题|問題|事宜)")


def aide(p: ActorMention, sentence: Sentence, language: str) -> bool:
    """Whether a person is told only as accompanying another at the encounter."""
    text, base = sentence.text, sentence.span.start
    start, end = p.span.start - base, p.span.end - base
    if language == "zh":
        # 马朝旭等陪同, 在马朝旭陪同下: the aide (王毅陪同习近平会见…: still an aide of the host)
        return _ACCOMPANIES_ZH.match(text, end) is not None
    return _ACCOMPANIED_EN.search(text, max(0, start - 180), start) is not None


def before_since(persons: list[ActorMention], t: Trigger, sentence: Sentence) -> list[ActorMention]:
    """The persons named before a "since" after the trigger: who is named after it only dates the act."""
    since = _SINCE.search(sentence.text, t.span.end - sentence.span.start)
    if since is None:
        return persons
    return [p for p in persons if p.span.start < sentence.span.start + since.start()]


def no_contact(t: Trigger, sentence: Sentence, triggers: tuple[Trigger, ...]) -> bool:
    """Whether an encounter word tells no contact of its own: told again, a topic, kinds of mechanism, a habit."""
    return (
        told_again(t, sentence, triggers) or only_a_topic(t, sentence) or mechanisms(t, sentence)
        or compared(t, sentence) or bool(_HABIT.match(sentence.text, t.span.end - sentence.span.start))
        or _SINCE_WHEN.search(sentence.text, 0, t.span.start - sentence.span.start) is not None
        or first_to(t, sentence)
    )  # fmt: skip


# 首位访华的美国防长 ("the first defence secretary to visit China"): the visit ranks a person, it tells no visit
_FIRST_TO_ZH = re.compile(r"(?:首位|首名|第一位|第一个|第一個|首个|首個|唯一一位|最后一位|最後一位)$")
_OF_ZH = re.compile(r"[^，。；]{0,6}?的")


def first_to(t: Trigger, sentence: Sentence) -> bool:
    """Whether a Chinese encounter word only ranks a person as the first (last, only) to do it (首位访华的…)."""
    start, end = t.span.start - sentence.span.start, t.span.end - sentence.span.start
    text = sentence.text
    return bool(_FIRST_TO_ZH.search(text, max(0, start - 6), start)) and bool(_OF_ZH.match(text, end))


# "a working group, which will meet twice a year", "will meet regularly": a schedule, no meeting on a day
_HABIT = re.compile(
    r"\s+(?:(?:twice|once|(?:two|three|four|\w+) times) (?:a|per|every|each) (?:year|month|quarter|week)"
    r"|(?:regularly|annually|periodically|quarterly|monthly|yearly)\b|every (?:\w+ )?(?:year|month|months|quarter))",
    re.I,
)


# 巴厘岛会晤以来的首次, "the first since their meeting in Bali": the encounter a "first since" compares with
_SINCE_EN = re.compile(
    r"\bsince (?:their |the |its |his |her |a )?(?:last |previous |earlier )?(?:[\w-]+ ){0,2}$", re.I
)
_SINCE_ZH = re.compile(r"(?:以来|以來)")


def compared(t: Trigger, sentence: Sentence) -> bool:
    """Whether an encounter word is only what a "first since" compares with (README: X is never a fact)."""
    start, end = t.span.start - sentence.span.start, t.span.end - sentence.span.start
    return bool(_SINCE_ZH.match(sentence.text, end) or _SINCE_EN.search(sentence.text, max(0, start - 40), start))


# "the first meeting since 2019, when Esper met Wei": the encounter X only compares with (never a fact)
_SINCE_WHEN = re.compile(
    r"\bsince (?:\w+ ){0,2}?\d{4},? when\b[^.;]*$|自\d{4}年[^，。；]{0,12}?以来[^。；]*?，?当时[^。；]*$"
)


def told_again(t: Trigger, sentence: Sentence, triggers: tuple[Trigger, ...]) -> bool:
    """Whether an encounter word only names again, in apposition, a contact the sentence told before it."""
    local = t.span.start - sentence.span.start
    return bool(_FIRST_APPOSITIVE.search(sentence.text, max(0, local - 40), local)) and any(
        o.kind in ("meeting", "call", "talks") and o.span.end <= t.span.start for o in triggers
    )


# "called off three channels of military dialogue with the United States": whole mechanisms, no encounter
_MECHANISMS = re.compile(r"\b(?:channels|mechanisms|lines|avenues|forms) of (?:[\w-]+ ){0,2}$", re.I)


def mechanisms(t: Trigger, sentence: Sentence) -> bool:
    """Whether an encounter word only names kinds of mechanism ("channels of military dialogue"), no encounter."""
    local = t.span.start - sentence.span.start
    return bool(_MECHANISMS.search(sentence.text, max(0, local - 60), local))


def only_a_topic(t: Trigger, sentence: Sentence) -> bool:
    """Whether a Chinese encounter word is only the topic of a remark (就…通话一事发表谈话)."""
    start, end = t.span.start - sentence.span.start, t.span.end - sentence.span.start
    return bool(_ABOUT_ZH.search(sentence.text, max(0, start - 30), start)) and bool(
        _TOPIC_ZH.match(sentence.text, end)
    )


_OWNER_OF = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?$")
_VISIT_NOUN = re.compile(r"visit|trip|journey", re.I)
_GOING_TO = re.compile(r"\s+(?:to|in)\b", re.I)


def recalled(t: Trigger, visitor: ActorMention, sentence: Sentence) -> bool:
    """Whether a visit is only named, as its visitor's ("a response to Pelosi's visit"), going nowhere the sentence
    tells: a recalled act (the caller checks that no place or state is named), no encounter."""
    base = sentence.span.start
    return (
        bool(_VISIT_NOUN.fullmatch(t.text))
        and visitor.span.end <= t.span.start
        and bool(_OWNER_OF.fullmatch(sentence.text, visitor.span.end - base, t.span.start - base))
        and not _GOING_TO.match(sentence.text, t.span.end - base)
    )


def frames_its_parts(t: Trigger, sentence: Sentence) -> bool:
    """Whether a visit is told as the frame of encounters its sentence names ("a visit that included talks")."""
    return bool(_INCLUDED.match(sentence.text, t.span.end - sentence.span.start))


def refused_object(after: str) -> str:
    """What a refusal verb refuses: the text after it up to its clause's end, without "call for"."""
    return _CALL_FOR.sub(" ", _OBJECT_END.split(after, maxsplit=1)[0])


def both_chiefs(
    kind: str, status: str, sentence: Sentence, index: ActorIndex, day: date
) -> tuple[dict[str, Any], list[ActorMention], str] | None:
    """ "The defence chiefs of the two countries met …", 两国防长…会谈 opening the sentence: the offices' holders."""
    if not _BOTH_CHIEFS_SUBJECT.search(sentence.text):
        return None
    both = [index.held([(office, None)], state, day) for state, office in _DEFENSE_OFFICES]
    if not all(both):
        return None
    return {"kind": kind, "status": status, "participants": both}, [], "both defence chiefs"


# A visit made to hold a round of a dialogue (访华，举行新一轮中美战略沟通; "to hold a new round of the strategic
# dialogue") is that round: talks, by the labelling conventions, not a meeting.
_HOLDS_ROUND = re.compile(
    r"(?:举行|舉行|进行|進行)[^，。；]{0,6}?(?:新一轮|新一輪)[^，。；]{0,8}?(?:战略沟通|戰略溝通|对话|對話|磋商)"
    r"|\bto hold (?:a|the) new round of (?:the )?[\w-]+(?: [\w-]+){0,3} (?:dialogue|consultations)",
    re.IGNORECASE,
)


def holds_round(t: Trigger, sentence: Sentence) -> bool:
    """Whether the sentence says the encounter told by `t` is held as a new round of a dialogue, after `t`."""
    return bool(_HOLDS_ROUND.search(sentence.text, t.span.end - sentence.span.start))


# "hosted Yang Jiechi, director of the Office of …, and Defense Minister Wei Fenghe": a list of objects whose items
# stand in apposition with their offices runs past the verb's reach; each ", and" + title joins the next item
# ("between Bessent, Greer and Vice Premier He": the last item of a plain list joins by "and" and its title alone)
_APPOSED_NEXT = re.compile(
    r"(?:,\s[^,;:.]{1,100}(?:\.\s?[^,;:.\s][^,;:.]{0,60})?,\s+and|,?\s+and)\s+(?:[A-Z][\w.'’-]*\s+){0,4}$"
)


def apposed_objects(
    t: Trigger, near: list[ActorMention], persons: list[ActorMention], sentence: Sentence
) -> list[ActorMention]:
    """`near` with the persons an English list of objects after the trigger joins to its last item."""
    after = [p for p in near if p.span.start >= t.span.end]
    if not after:
        return near
    out, last, base = list(near), after[-1], sentence.span.start
    for p in persons:
        if p.span.start <= last.span.end or p in out:
            continue
        if not _APPOSED_NEXT.fullmatch(sentence.text[last.span.end - base : p.span.start - base]):
            break
        out.append(p)
        last = p
    return out
