"""A sanction the report dated once and then tells again without a date ("X, under U.S. sanctions since 2018, …
Washington sanctioned X for his role in …"): the second telling is the same, older sanction, not a new one on the
day the report carries over.

Pure; a report-level step of tracker.extract.merge.
"""

from __future__ import annotations

from tracker.extract.model import Candidate

__all__ = ["retold_sanctions"]


def retold_sanctions(found: list[Candidate]) -> list[Candidate]:
    """The candidates without an undated sanction whose target and imposer an earlier-dated sanction already has."""
    dated = [c for c in found if c.kind == "sanction-imposed" and c.dated]
    return [
        c for c in found if not (c.kind == "sanction-imposed" and not c.dated and any(_earlier(d, c) for d in dated))
    ]


def _earlier(told: Candidate, again: Candidate) -> bool:
    a, b = told.fact, again.fact
    if a.get("target") != b.get("target") or a.get("imposed_by") != b.get("imposed_by"):
        return False
    # (dates compare as ISO prefixes: "2018" before "2026-03-14")
    start = str(a.get("occurred_on", ""))
    return bool(start) and start < str(b.get("occurred_on", ""))[: len(start)]
