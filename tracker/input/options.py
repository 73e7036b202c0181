"""Options a user gives for reading: a dyad."""

from __future__ import annotations

from tracker.errors import UsageError

__all__ = ["parse_dyad"]


def parse_dyad(text: str) -> str:
    """'usa-chn' -> 'CHN-USA': two ISO 3166 alpha-3 codes, sorted."""
    parts = sorted(p.strip().upper() for p in text.split("-"))
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise UsageError(f"dyad {text!r} must be two ISO 3166 alpha-3 codes, e.g. CHN-USA")
    return "-".join(parts)
