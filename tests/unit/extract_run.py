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
