"""Spoken acts of one report sorted out: which words are one act, and which a more specific act absorbs.

Pure; steps of tracker.extract.pipeline between the triggers and the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from tracker.extract.lexicon import Trigger
from tracker.extract.model import Candidate
from tracker.extract.speech import READOUT

__all__ = ["absorbed_by_reproach", "absorbed_by_summons", "mutual_invitations", "readouts", "specific_words"]

_SUMMON = re.compile(r"summon|召见|召見", re.IGNORECASE)
# Spoken kinds that say more than a statement does.
_SPECIFIC = frozenset({"criticism", "demand", "appeal", "intent-to-meet"})


def absorbed_by_summons(t: Trigger, triggers: Sequence[Trigger]) -> bool:
    """Whether a protest word is the purpose of a summons told before it in the sentence ("summoned the
    ambassador to protest", 召见…大使，提出严正交涉): one act, the summons', made to the official summoned."""
    if t.kind != "criticism" or _SUMMON.search(t.text):
        return False
    return any(o.kind == "criticism" and _SUMMON.search(o.text) and o.span.end <= t.span.start for o in triggers)


def absorbed_by_reproach(t: Trigger, triggers: Sequence[Trigger], text: str, offset: int) -> bool:
    """Whether a word of reproach is what a criticism verb just before it says ("accused Washington of
    provocation", 指责美方挑衅): one criticism, the verb's, whose speaker is the verb's subject."""
    if t.kind != "criticism":
        return False
    for o in triggers:
        if (
            o.kind == "criticism"
            and o.span.end <= t.span.start
            and t.span.start - o.span.end <= _REPROACH_REACH
            and not re.search(r"[，,；;。]", text[o.span.end - offset : t.span.start - offset])
        ):
            return True
    return False


_REPROACH_REACH = 40


def specific_words(found: list[Candidate]) -> list[Candidate]:
    """A speaker's statement gives way to their criticism, demand, appeal or agreement of the same day: "condemned
    the decision … and told the forum" is one criticism, not also a statement."""
    # "Tan spoke on the shootdown. Tan said China strongly protested": the speaker's act that day is the protest.
    specific = {
        (c.fact["occurred_on"], p)
        for c in found
        if c.fact["kind"] in _SPECIFIC
        for p in c.fact.get("participants") or ()
    }
    # Readouts convention: one act a speaker an encounter, so words that criticise or demand replace the statement
    reproach = {
        (c.fact["occurred_on"], p)
        for c in found
        if c.fact["kind"] in ("criticism", "demand")
        for p in c.fact.get("participants") or ()
    }
    # Words in a readout give way to any act of their speaker the sentence tells ("会后表示，他将访问中国").
    # (not the encounter itself: 王毅会见布林肯时表示…, "met Blinken and told him …" tell the encounter and its words)
    acts = {
        (c.span.start, p)
        for c in found
        if c.fact["kind"] != "statement" and not (c.fact["kind"] in _ENCOUNTERS and c.fact.get("status") == "occurred")
        for p in c.fact.get("participants") or ()
    }
    return [
        c for c in found
        if not (c.fact["kind"] == "statement" and any(
            (c.span.start, p) in acts or (c.fact["occurred_on"], p) in reproach if c.rule.startswith(READOUT)
            else any((day, p) in specific for day in _around(c.fact["occurred_on"]))
            for p in c.fact["participants"]))
    ]  # fmt: skip


def _around(day: str) -> tuple[str, ...]:
    """A day and its neighbours ("told the forum on Saturday" and "China protested on Sunday after Hegseth
    accused Beijing": one speech, dated by each sentence a day apart); a month or a year alone."""
    if len(day) != 10:
        return (day,)
    at = date.fromisoformat(day)
    return tuple((at + timedelta(days=k)).isoformat() for k in (-1, 0, 1))


_ENCOUNTERS = frozenset({"meeting", "call", "talks"})


def readouts(found: list[Candidate]) -> list[Candidate]:
    """What a party "stressed", "warned", 表示 or 强调 is a statement to the other side only in the readout of
    an encounter the report tells, by one of its participants, on its day (or undated, so of it)."""
    every = [c for c in found if c.fact["kind"] in _ENCOUNTERS and c.fact.get("status") == "occurred"]
    out = []
    for c in found:
        f = c.fact
        if c.rule.startswith(READOUT):
            speaker = f["participants"][0]
            # an older readout is one of an older encounter, dated on its day ("In the first call, on October 30,
            # 2020, Milley told Li …" in a report of 2021); a current one, of a current encounter
            told = [e for e in every if e.background == c.background]
            # the encounters told so far, its own sentence's too ("Xi told Biden during their call …")
            days = {(e.fact["occurred_on"], e.fact["precision"]) for e in told
                    if e.span.start <= c.span.start and _takes_part(speaker, e)}  # fmt: skip
            if not days and c.dated:
                # "Xi told Mattis on Wednesday that …. Xi met Mattis at the Great Hall": a lede told before the
                # encounter it comes from (kept below only when dated on its day)
                days = {(e.fact["occurred_on"], e.fact["precision"]) for e in told if _takes_part(speaker, e)}
            if (
                not days
                or (c.background and not c.dated)
                or (c.dated and (f["occurred_on"], f["precision"]) not in days)
            ):
                continue
            if _BEFORE_IT.search(c.evidence, 0, max(0, c.evidence.find(c.rule.split(": ", 1)[-1]))):
                continue  # 贝森特在通话前曾在白宫表示: words said before the encounter are not told in it
            if _praise_only(c):
                continue  # 董军表示，这次会晤是坦诚的; "told Austin the talks were useful": praise of the encounter
            if not c.dated:
                f["occurred_on"], f["precision"] = sorted(days)[-1]
        out.append(c)
    return out


# 通话前, 會晤前: the words come before the encounter (通话前后 is around it)
_BEFORE_IT = re.compile(r"(?:通话|通話|会晤|會晤|会谈|會談|会见|會見|会面|會面)(?:之)?前(?!后|後)")


def _takes_part(speaker: str, encounter: Candidate) -> bool:
    """The speaker is a party of the encounter, or the state one of its persons serves (美方在会谈中表示: the side)."""
    parties = encounter.fact["participants"]
    return speaker in parties or (speaker in ("CHN", "USA") and speaker in encounter.homes.values())


# Words that only praise the encounter or a shared aim (Readouts convention: no statement): "the talks were
# candid", 会晤是坦诚的、建设性的, 愿同中方保持沟通, "looked forward to further talks".
_PRAISE = re.compile(
    r"[，,：:\s]*(?-i:(?:[A-Z][\w.'’-]*\s+){0,3})(?:that\s+)?(?:(?:the|this|their|today['’]s)\s+)?"
    r"(?:meeting|talks|call|conversation|discussions?)\s+"
    r"(?:was|were|had been)\s+(?:\w+\s+){0,2}?(?:productive|constructive|candid|useful|positive|frank|substantive|good)\b"
    r"|[，,：:\s]*(?-i:(?:[A-Z][\w.'’-]*\s+){0,3})(?:that\s+)?(?:he|she)\s+(?:looked|looks)\s+forward\s+to\b"
    r"|[，,：:]?(?:这次|此次|本次|今天的|双方的)?(?:会晤|会谈|会见|通话|交流|对话|會晤|會談|會見|通話|交流|對話)[^。，,]{0,4}?"
    r"(?:坦诚|坦誠|建设性|建設性|积极|積極|务实|務實|深入|有益|富有成效|成功)"
    r"|[，,：:]?(?:美方|中方|我们|我們|他|她)?(?:愿|願|希望)(?:同|与|與|和)(?:美方|中方|对方|對方)[^。，,]{0,6}?"
    r"(?:保持|加强|加強|继续|繼續)(?:沟通|溝通|交流|对话|對話|联系|聯繫)(?=[。；;]|$)"
    r"|[，,：:]?(?:希望|期待)(?:双方|雙方|两国|兩國|两军|兩軍|中美)"
    # 表示双方在一些具体问题上取得进展、达成共识, "said the two sides had made progress": the encounter's outcome
    r"|[，,：:]?(?:双方|雙方|两国|兩國|中美)[^。，,；]{0,16}?(?:取得(?:了)?(?:积极|積極)?(?:进展|進展|成果)|达成(?:了)?共识|達成(?:了)?共識)"
    r"|[，,：:\s]*(?:that\s+)?the\s+two\s+sides\s+(?:had\s+|have\s+)?(?:made|achieved)\s+(?:\w+\s+){0,2}?progress\b"
    # 通话对两国都「非常好」, 美中关系是世界上最重要的双边关系, "the relationship is the most important in the world"
    r"|[，,：:]?(?:这次|此次|本次|這次)?(?:会晤|会谈|通话|會晤|會談|通話)[^。，,]{0,10}?[「“\"]?(?:非常好|很好|十分好|非常成功)"
    r"|[，,：:]?(?:美中|中美)(?:关系|關係)是[^。，,]{0,12}?最重要的(?:双边|雙邊)?(?:关系|關係)"
    r"|[，,：:\s]*(?:that\s+)?(?:the\s+)?(?:U\.S\.-China|US-China|China-U\.S\.|China-US)\s+relationship\s+(?:is|was)\s+the\s+"
    r"most\s+important\b"
    r"|[，,：:]?(?:双方|雙方|两国|兩國|两军|兩軍|中美)(?:应当|應當|应该|應該|应|應|要)?"
    r"(?:保持|加强|加強|继续|繼續)(?:沟通|溝通|交流|对话|對話|联系|聯繫)(?=[。；;]|$)"
    # a shared aim: 愿同中方共同努力, 布朗强调了保持沟通渠道畅通的重要性, "stressed the importance of …"
    r"|[，,：:]?(?:美方|中方|我们|我們|他|她)?(?:愿|願|希望)(?:同|与|與|和)(?:美方|中方|对方|對方)[^。，,]{0,6}?"
    r"(?:共同努力|一道努力|(?:携手|攜手)(?:努力|合作|前行)?|相向而行)(?=[。；;]|$)"
    # 美方高度重视同中方在气候问题上的合作: the value put on cooperation with the other side is a shared aim
    r"|[，,：:]?(?:美方|中方|我们|我們|他|她)?(?:高度)?(?:重视|重視|珍视|珍視)(?:同|与|與|和)(?:美方|中方|对方|對方)"
    r"[^。，,；]{0,20}?(?:合作|沟通|溝通|交流|对话|對話)(?=[。，,；;]|$)"
    r"|[，,：:]?(?:[^。，,；]{0,8}?(?:强调|強調|指出))?了?[^。，,；]{0,24}?的重要性(?=[。；;]|$)"
    r"|\s*(?:[\w.'’-]+\s+){0,2}?(?:of\s+)?(?:the\s+)?importance\s+of\b[^.;]*[.;]?$"
    # "told Dong it was important for the two countries to have better lines of communication": a shared aim
    r"|[,:\s]*(?-i:(?:[A-Z][\w.'’-]*\s+){0,3})(?:that\s+)?it\s+(?:was|is)\s+(?:\w+\s+)?important\s+"
    r"(?:for\s+(?:the\s+two|both)\b[^.;]{0,40}?\s)?to\s+(?:have|maintain|keep|strengthen|improve|build|enhance)\b"
    r"[^.;]{0,60}?\b(?:communication|dialogue|contacts?|channels?)\b",
    re.IGNORECASE,
)


def _praise_only(c: Candidate) -> bool:
    word = c.rule.split(": ", 1)[-1]
    at = c.evidence.find(word)
    return at >= 0 and bool(_PRAISE.match(c.evidence, at + len(word)))


_INVITES = re.compile(r"邀请|邀請|invit", re.IGNORECASE)


def mutual_invitations(found: list[Candidate]) -> list[Candidate]:
    """ "特朗普邀请习近平访问美国，习近平邀请特朗普访华", "each invited the other": invitations both ways in one
    sentence are one agreement to meet (intent-to-meet, CAMEO 036), not two appeals."""
    out: list[Candidate] = []
    for c in found:
        other = next(
            (o for o in out if o.kind == "appeal" and c.kind == "appeal" and o.span == c.span
             and _INVITES.search(o.rule) and _INVITES.search(c.rule)
             and o.fact.get("recipient") != c.fact.get("recipient")),
            None,
        )  # fmt: skip
        if other is None:
            out.append(c)
            continue
        fact = {**other.fact, "kind": "intent-to-meet", "status": "occurred",
                "participants": [*other.fact["participants"], *c.fact["participants"]]}  # fmt: skip
        fact.pop("recipient", None)
        out[out.index(other)] = replace(other, fact=fact, homes={**other.homes, **c.homes}, rule="mutual invitations")
    return out
