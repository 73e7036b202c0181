"""A sentence that only looks back at the contact the report has told ("This was the first visit to China by a
U.S. national security adviser since 2016", 这是…以来…首次访华): no encounter of its own when an earlier candidate of
the report is that contact, with the same visitor.

Pure; a report-level step of tracker.extract.merge.
"""

from __future__ import annotations

import re

from tracker.extract.model import DYAD, Candidate

__all__ = ["looked_back"]

_ENCOUNTERS = frozenset({"meeting", "call", "talks"})
# 这是…首次访华, "This was the first visit …": the sentence opens on the contact just told
_THIS_FIRST = re.compile(
    r"^\W*(?:this|it)\s+(?:was|is|marked)\s+(?:also\s+)?(?:the|their|his|her)\s+first\b"
    r"|^\W*(?:这|這|此)(?:是|为|為|也是)[^。，,]{0,40}?(?:首次|首度|第一次)",
    re.IGNORECASE,
)


def looked_back(found: list[Candidate]) -> list[Candidate]:
    """The candidates without an encounter a looking-back sentence tells again of an earlier one."""
    out: list[Candidate] = []
    for c in found:
        if c.kind in _ENCOUNTERS and _THIS_FIRST.search(c.evidence) and any(_same_party(o, c) for o in out):
            continue
        out.append(c)
    return out


def _same_party(told: Candidate, again: Candidate) -> bool:
    """An earlier encounter, with its status, sharing a named person with the one told again."""
    if told.kind not in _ENCOUNTERS or told.fact.get("status") != again.fact.get("status"):
        return False
    people = set(again.fact.get("participants") or ()) - set(DYAD)
    return bool(people & set(told.fact.get("participants") or ()))
