"""Rounds: two officials meeting over several days outside a visit (Sullivan and Wang in Vienna, Malta, Bangkok) hold
a round of talks, not a meeting, whether or not the report names the format ("strategic communication", 战略沟通;
tests/extraction/README.md, "Talks or meeting"); a catalogue dialogue's round of days held by video is talks too.

Pure; part of tracker.extract.merge's last step.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from tracker.extract.facts import ROUNDS
from tracker.extract.model import DYAD, Candidate

__all__ = ["strategic_rounds"]

# "ended two days of talks", 两天会谈: the length told in days (one day's "hours of talks" is a meeting's)
_DAYS = re.compile(r"\b(?:two|three|four|several|\d) days of (?:talks|meetings|discussions)\b", re.IGNORECASE)
_ROUND = timedelta(days=4)  # the longest round told as a range of days (a week's range is a vague date)


def _several_days(c: Candidate) -> bool:
    until = c.fact.get("until")
    if until is not None and until != c.fact["occurred_on"] and c.fact.get("precision", "day") == "day":
        # A week's range ("last week", 下周) stands for an unknown day, not a round of days.
        span = date.fromisoformat(until) - date.fromisoformat(c.fact["occurred_on"])
        return span <= _ROUND
    return bool(_DAYS.search(c.evidence))


# "met … on the sidelines of the … Conference, held from September 18 to 20": the days are the forum's, and an
# encounter at a forum is a meeting
_SIDELINES = re.compile(r"\bon the (?:sidelines|margins) of\b|间隙|間隙", re.IGNORECASE)

# "wrapped up two days of talks": the close of a round (lexicon_en), told of two states, names nobody of it
_CLOSED = re.compile(r"^two states: (?:end|conclud|wrap)", re.IGNORECASE)


def strategic_rounds(found: list[Candidate]) -> list[Candidate]:
    """A meeting of two persons over several days, not told as a visit, is talks."""
    out: list[Candidate] = []
    for c in found:
        f = c.fact
        if _CLOSED.match(c.rule) and not f.get("channel"):
            # "Top U.S. and Chinese officials wrapped up two days of talks": off any channel, the round's parties are
            # its persons, whom the states do not stand for
            continue
        people = [p for p in f.get("participants") or () if p not in DYAD]
        if (
            f["kind"] == "meeting" and f.get("status", "occurred") == "occurred" and not c.rule.startswith("a visit")
            and len(people) >= 2 and _several_days(c) and not _SIDELINES.search(c.evidence)
        ):  # fmt: skip
            c = replace(c, fact={**f, "kind": "talks"})
        elif (
            f["kind"] == "call"
            and f.get("channel") in ROUNDS
            and f.get("precision", "day") == "day"
            and _several_days(c)
        ):
            # 9月28日至29日，中美两军以视频方式举行第16次国防政策协调会谈: a dialogue's round of days held by video is a
            # round of talks, not a call
            c = replace(c, fact={**f, "kind": "talks"})
        out.append(c)
    return out
