"""The channel-status rule (DESIGN §1), written once.

A channel's history is a list of dated entries, oldest first (by date, then by log position):
what was recorded of it (suspended, stalled, resumed) and each occurred interaction on it
(contact). Its status on a date follows from the entries up to that date:
`suspended` after a suspension, `stalled` after a stall, `active` after a resumption or a
contact, `unknown` before anything is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["CHANNEL_STATES", "EFFECT", "ChannelState", "Entry", "channel_state", "transitions"]

CHANNEL_STATES = ("active", "stalled", "suspended", "unknown")

# What each kind of history entry makes of the channel.
EFFECT = {"suspended": "suspended", "stalled": "stalled", "resumed": "active", "contact": "active"}


class Entry(NamedTuple):
    """One line of a channel's history: its date (ISO), what it was, and the source it cites."""

    on: str
    what: str  # suspended, stalled, resumed or contact
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ChannelState:
    """A channel's status on a date, since when, its last contact and the sources of the status."""

    status: str = "unknown"
    since: str | None = None
    last_contact: str | None = None
    sources: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The keys the status report gives each channel: status, since, last_contact, sources."""
        return {
            "status": self.status,
            "since": self.since,
            "last_contact": self.last_contact,
            "sources": list(self.sources),
        }


def channel_state(history: Iterable[Entry], on: str | None = None) -> ChannelState:
    """The status on a date (ISO; default: after every entry) from a history oldest first."""
    status, since, last_contact = "unknown", None, None
    sources: list[str] = []
    for entry in history:
        if on is not None and entry.on > on:
            break
        new = EFFECT[entry.what]
        if entry.what == "contact":
            last_contact = entry.on
        if new != status:
            status, since, sources = new, entry.on, []
        if entry.source and entry.source not in sources:
            sources.append(entry.source)
    return ChannelState(status, since, last_contact, tuple(sources))


def transitions(history: Iterable[Entry]) -> list[tuple[str, str]]:
    """(date, status) at each change of status, oldest first: what a timeline of the channel draws."""
    out: list[tuple[str, str]] = []
    status = "unknown"
    for entry in history:
        new = EFFECT.get(entry.what)
        if new is not None and new != status:
            out.append((entry.on, new))
            status = new
    return out
