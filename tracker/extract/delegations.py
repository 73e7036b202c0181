"""Rosters of a Chinese encounter: a delegation's members, and the persons joined before a verb.

会见舒默率领的参议员代表团，成员包括参议员克雷坡等6人: the leader and the members the roster names are the
visitors, though the roster stands past the comma where a Chinese verb's objects otherwise stop. 康达（…）与…罗森柏格
（…）访问中国: both visit; the Latin glosses of names and the titles between them do not part them, a teller's verb
(毛宁宣布：应…王毅邀请) does.

Pure; part of tracker.extract.facts' parties around a trigger.
"""

from __future__ import annotations

import re

from tracker.extract import roles
from tracker.extract.model import ActorMention, Sentence

__all__ = ["joins", "objects_window", "visiting_party", "without_glosses"]

_DELEGATION = re.compile(r"代表团|代表團|访问团|訪問團|议员团|議員團")
# the clause naming the delegation's members, right after the comma that closes the object
_ROSTER = re.compile(r"[，,]\s*(?:其?(?:成员|成員|团员|團員)(?:包括|有|为|為)|包括)")
_CLAUSE_END = re.compile(r"[，,。；;]")


def objects_window(text: str, pos: int, language: str, reach: int) -> int:
    """Where the objects of an encounter verb ending at `pos` stop: `reach` characters on, or sooner at
    `roles.objects_end`; through the roster clause when the verb's object is a delegation."""
    stop = roles.objects_end(text, pos, language)
    if stop is None:
        return pos + reach
    roster = _ROSTER.match(text, stop) if language == "zh" and _DELEGATION.search(text, pos, stop) else None
    if roster is None:
        return min(pos + reach, stop)
    end = _CLAUSE_END.search(text, roster.end())
    return end.start() if end else len(text)


# 康达（Daniel Kritenbrink）与…罗森柏格: a Latin gloss after a Chinese name is no distance between two names
_GLOSS = re.compile(r"[（(][A-Za-z][^（()）]{0,60}[）)]")


def without_glosses(gap: str) -> str:
    """The words between two names without the bracketed Latin glosses of names."""
    return _GLOSS.sub("", gap)


_JOINS = re.compile(r"和|與|与|同|及|、|跟")
# a clause's end or a teller's verb between two names: 毛宁24日宣布：应…王毅邀请 joins no roster
_BREAK = re.compile(r"[，,。；;：:]|宣布|表示|说|說|称|稱|指出")


def visiting_party(before: list[ActorMention], visitor: ActorMention, sentence: Sentence) -> list[ActorMention]:
    """The visitor with those of its side a Chinese roster joins to it before the verb (康达（…）与…罗森柏格…访问
    中国: both visit), in text order; `before`: the persons before the verb."""
    text, base = sentence.text, sentence.span.start
    party = [visitor]
    for p in reversed([p for p in before if p.span.end <= visitor.span.start]):
        if p.state != visitor.state or not joins(text[p.span.end - base : party[0].span.start - base]):
            break
        party.insert(0, p)
    return party


def joins(gap: str) -> bool:
    """Whether the words between two names join them in one roster: 与, 和 or 、 within 30 characters (glosses not
    counted), with no clause's end and no teller's verb between."""
    gap = without_glosses(gap)
    return len(gap) <= 30 and not _BREAK.search(gap) and bool(_JOINS.search(gap))
