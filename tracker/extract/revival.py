"""A later sentence that calls the report's last contact the first in a long while ("It was the first such talks
since … in July 2022", 这是…以来首次): the contact resumed its channel.

Pure; a report-level step of tracker.extract.pipeline, after the candidates of every sentence are found.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from tracker.extract.dates import find_dates
from tracker.extract.model import Candidate, DateMention, Report, Sentence

__all__ = ["long_silence", "resumed_later"]

_ENCOUNTERS = frozenset({"meeting", "call", "talks"})
# The sentence looks back at the contact just told: "It was the first …", "This marked the first …", 这是…首次.
_LOOKS_BACK = re.compile(
    r"^\W*(?:it|this|that|the (?:call|talks|meeting|visit|exchange))\s+(?:was|marked|is|were)\s+(?:also\s+)?"
    r"(?:the|their)\s+first\b|^\W*(?:这|這|此)(?:是|为|為|也是)[^。]{0,40}?(?:首次|首度)",
    re.IGNORECASE,
)
_LONG_GAP = re.compile(
    # ("in about 17 months", "in roughly a year and a half": an approximate gap is as long)
    r"\bin (?:more than |over |nearly |almost |about |roughly |around |some )?(?:(?:a|two|three|\d+) years?"
    r"|(?:1[2-9]|[2-9]\d) months)\b|一年多|(?:两|兩|\d+)年"
    r"|(?:1[2-9]|[2-9]\d|十[二三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)多?[个個]多?月",
    re.I,
)
# "Beijing had called the talks off in August 2022", "suspended such contacts after …": the contact just told
_SUSPENDED_THEM = re.compile(
    r"\b(?:suspended|called off|cut off|froze|halted|scrapped) (?:the|those|these|such|all such) (?:talks|dialogue"
    r"|consultations|contacts?|exchanges|calls|meetings|mechanism)\b|\bcalled (?:the|those|these|such) (?:talks"
    r"|dialogue|consultations|contacts?) off\b",
    re.I,
)
# A contact on a channel silent this long before it resumed the channel.
_SILENCE = timedelta(days=180)


def resumed_later(found: list[Candidate], sentences: list[Sentence], report: Report) -> list[Candidate]:
    """A channel-resumed fact for the last occurred contact on a channel before each look-back sentence."""
    out = list(found)
    for sentence in sentences:
        if _SUSPENDED_THEM.search(sentence.text):
            out = _after_suspension(out, sentence, report)
            continue
        if not _LOOKS_BACK.search(sentence.text):
            continue
        before = [
            c for c in found
            if c.fact["kind"] in _ENCOUNTERS and c.fact.get("status", "occurred") == "occurred" and c.fact.get("channel")
            and not c.background and c.span.end <= sentence.span.start
        ]  # fmt: skip
        if not before:
            continue
        contact = before[-1]
        if not (_LONG_GAP.search(sentence.text) or _long_before(contact, sentence, report)):
            continue
        fact = {
            "kind": "channel-resumed", "channel": contact.fact["channel"],
            "occurred_on": contact.fact["occurred_on"], "precision": contact.fact["precision"],
        }  # fmt: skip
        if all(c.fact != fact for c in out):
            out.append(
                replace(contact, fact=fact, evidence=sentence.text, span=sentence.span, homes={}, new_actors=[],
                        rule="a later 'first since': " + sentence.text[:40])
            )  # fmt: skip
    return out


def _after_suspension(found: list[Candidate], sentence: Sentence, report: Report) -> list[Candidate]:
    """ "… held the talks on Monday. Beijing had called the talks off in August 2022": the contact just told,
    later than the suspension the sentence dates, resumed its channel."""
    dates = find_dates(sentence, report)
    if not dates:
        return found
    since = max(d.day for d in dates)
    contacts = [
        c for c in found
        if c.fact["kind"] in _ENCOUNTERS and c.fact.get("status", "occurred") == "occurred" and c.fact.get("channel")
        and not c.background and c.span.end <= sentence.span.start and since < (_day(c) or since)
    ]  # fmt: skip
    if not contacts:
        return found
    contact = contacts[-1]
    channel = contact.fact["channel"]
    if any(c.fact["kind"] == "channel-resumed" and c.fact.get("channel") == channel for c in found):
        return found
    fact = {
        "kind": "channel-resumed", "channel": channel,
        "occurred_on": contact.fact["occurred_on"], "precision": contact.fact["precision"],
    }  # fmt: skip
    return [*found, replace(contact, fact=fact, evidence=sentence.text, span=sentence.span, homes={}, new_actors=[],
                            rule="a contact after the suspension told: " + sentence.text[:40])]  # fmt: skip


def _day(c: Candidate) -> date | None:
    try:
        return date.fromisoformat(str(c.fact["occurred_on"]))
    except ValueError:
        return None


def _long_before(contact: Candidate, sentence: Sentence, report: Report) -> bool:
    """Whether the sentence names a date long before the contact (the last time before it)."""
    day = _day(contact)
    if day is None:
        return False
    return any(d.day <= day - _SILENCE for d in find_dates(sentence, report))


_SINCE_CLAUSE = re.compile(r"\bsince\b[^,.;]*", re.I)
_RESTARTS = re.compile(r"reviv|resum|restor|re-?establish|恢复|恢復|重启|重啟", re.I)
_AFTER_SUSPENSION = re.compile(
    r"since (?:the (?:\w+ ){0,3}?(?:suspension|freeze|cut|halt|break|rupture)|(?:\w+ ){1,3}?(?:suspended|cut off|froze|"
    r"halted|called off|scrapped))",
    re.I,
)


# "their first in-person meeting", "the first face-to-face talks … in 18 months", 首次面对面会晤: a first of one mode
_IN_PERSON = re.compile(r"\bfirst (?:\w+ ){0,2}?(?:in-person|face-to-face)\b|首次(?:面对面|面對面|当面|當面)", re.I)


def long_silence(text: str, dates: list[DateMention], day: date) -> bool:
    """Whether a sentence telling a contact says its channel restarts: in so many words ("resuming", 恢复), after
    a suspension ("the first since Beijing suspended the talks"), or after a silence of six months or more ("the
    first in 17 months", "the first since November 2022", 一年多来首次). A shorter gap ("the first since June")
    is a routine round."""
    if _AFTER_SUSPENSION.search(text):
        return True
    if _IN_PERSON.search(text):
        return False  # "the first face-to-face talks in 18 months": calls may have kept the channel going
    if _LONG_GAP.search(text):
        return True
    if _RESTARTS.search(_SINCE_CLAUSE.sub("", text)):
        return True  # (not "the first … since military communication was restored": a comparison, two months back)
    return any(d.day <= day - _SILENCE for d in dates)
