"""What the extraction unit tests share: the shipped Context, built once a process, and one report extracted."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from tracker.extract.model import Candidate, Report
from tracker.extract.pipeline import Context, extract


@cache
def context() -> Context:
    return Context.shipped()


def run(text: str, language: str, published: str) -> list[Candidate]:
    """The candidates of one report published at `published` (ISO 8601 with its zone)."""
    return extract(Report(text, language, datetime.fromisoformat(published)), context())


def sanction_targets(text: str, language: str, published: str) -> set[tuple[str, str]]:
    """The (target, imposed_by) pairs of the sanctions one report proposes."""
    return {
        (str(c.fact["target"]), str(c.fact["imposed_by"]))
        for c in run(text, language, published)
        if c.kind == "sanction-imposed"
    }
