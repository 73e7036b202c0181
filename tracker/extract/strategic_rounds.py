"""Rounds of strategic communication: an encounter of several days that the report calls "strategic communication"
(战略沟通) is a round of talks, not a meeting (tests/extraction/README.md, "Talks or meeting").

Pure; part of tracker.extract.merge's last step.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.model import Candidate

__all__ = ["strategic_rounds"]

_STRATEGIC = re.compile(r"strategic communication|战略沟通|戰略溝通|戰略沟通|战略溝通", re.IGNORECASE)
# "ended two days of talks", 两天会谈: the length told in days (one day's "hours of talks" is a meeting's)
_DAYS = re.compile(r"\b(?:two|three|four|several|\d) days of (?:talks|meetings|discussions)\b", re.IGNORECASE)
_STATES = frozenset({"CHN", "USA"})


def _several_days(c: Candidate) -> bool:
    until = c.fact.get("until")
    return (until is not None and until != c.fact["occurred_on"]) or bool(_DAYS.search(c.evidence))


# "wrapped up two days of talks": the close of a round (lexicon_en), told of two states, names nobody of it
_CLOSED = re.compile(r"^two states: (?:end|conclud|wrap)", re.IGNORECASE)


def strategic_rounds(found: list[Candidate]) -> list[Candidate]:
    """A meeting of two persons over several days is talks when its sentence, or a later candidate naming one of its
    persons (双方同意继续用好这一战略沟通渠道), calls the encounter strategic communication."""
    out: list[Candidate] = []
    for i, c in enumerate(found):
        f = c.fact
        if _CLOSED.match(c.rule) and not f.get("channel"):
            # "Top U.S. and Chinese officials wrapped up two days of talks": off any channel, the round's parties are
            # its persons, whom the states do not stand for
            continue
        people = [p for p in f.get("participants") or () if p not in _STATES]
        if (
            f["kind"] == "meeting" and f.get("status", "occurred") == "occurred" and not c.rule.startswith("a visit")
            and len(people) == 2 and _several_days(c)
            and any(
                _STRATEGIC.search(o.evidence) and (o is c or set(people) & set(o.fact.get("participants") or ()))
                for o in found[i:]
            )
        ):  # fmt: skip
            c = replace(c, fact={**f, "kind": "talks"})
        out.append(c)
    return out
