"""Options a user gives for reading: a dyad, a timeline kind."""

from __future__ import annotations

import difflib
from collections.abc import Collection

from events import INTERACTION_KINDS
from tracker.errors import UsageError

__all__ = ["TIMELINE_KINDS", "parse_dyad", "parse_kind"]

# The kinds a timeline row can have: interactions, sanctions and channel assessments.
TIMELINE_KINDS = (
    *INTERACTION_KINDS,
    "sanction-imposed",
    "sanction-lifted",
    "channel-suspended",
    "channel-stalled",
    "channel-resumed",
)


def parse_dyad(text: str, states: Collection[str] | None = None) -> str:
    """'usa-chn' -> 'CHN-USA': two ISO 3166 alpha-3 codes, sorted; each a registered state when states are given
    (an unknown one would otherwise print an empty report)."""
    parts = sorted(p.strip().upper() for p in text.split("-"))
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise UsageError(f"dyad {text[:40]!r} must be two ISO 3166 alpha-3 codes, e.g. CHN-USA")
    if states is not None:
        unknown = [p for p in parts if p not in states]
        if unknown:
            names = " and ".join(unknown)
            verb = "is not a registered state" if len(unknown) == 1 else "are not registered states"
            raise UsageError(
                f"dyad {text!r}: {names} {verb}; see `tracker actors list --kind state` (or register it with `tracker actors add`)"
            )
    return "-".join(parts)


def parse_kind(text: str | None) -> str | None:
    """A timeline kind (an interaction kind, sanction-imposed/-lifted, channel-suspended/-stalled/-resumed), or None."""
    if not text:
        return None
    kind = text.strip().lower()
    if kind in TIMELINE_KINDS:
        return kind
    close = difflib.get_close_matches(kind, TIMELINE_KINDS, n=1)
    hint = f"; did you mean {close[0]}?" if close else f"; kinds: {', '.join(TIMELINE_KINDS)}"
    raise UsageError(f"unknown kind {text[:40]!r}{hint}")
