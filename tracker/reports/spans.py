"""A channel's status over a window as coloured spans, and its contacts, for the HTML timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from events.channel_status import CHANNEL_STATES, Entry, transitions
from tracker.reports.common import clean, parse_day

__all__ = ["Span", "channel_spans"]


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    status: str


def channel_spans(
    channel: Mapping[str, Any], history: Sequence[Mapping[str, Any]] | None, since: date, until: date
) -> tuple[list[Span], list[date]]:
    """Coloured spans covering since..until and the contact dates, from a channel's dated history.

    Without a history, the channel's current status is drawn from its `since` date (unknown before).
    """
    if until < since:
        since, until = until, since
    if history is None:
        current = clean(channel.get("status")) or "unknown"
        current = current if current in CHANNEL_STATES else "unknown"
        start = parse_day(channel.get("since"))
        contact = parse_day(channel.get("last_contact"))
        contacts = [contact] if contact and since <= contact <= until else []
        if start and since < start <= until:
            return [Span(since, start, "unknown"), Span(start, until, current)], contacts
        return [Span(since, until, current)], contacts
    # The status over time follows the one channel-status rule (events.channel_status); history
    # from JSON may be unsorted or hold unreadable dates, which are skipped.
    dated = sorted(
        ((d, clean(h.get("status"))) for h in history if (d := parse_day(h.get("on"))) is not None),
        key=lambda e: e[0],
    )
    contacts = [on for on, word in dated if word == "contact" and since <= on <= until]
    state, start, spans = "unknown", since, []
    for on_text, new in transitions(Entry(on.isoformat(), word) for on, word in dated):
        on = date.fromisoformat(on_text)
        if on > until:
            break
        if on <= since:
            state = new
            continue
        spans.append(Span(start, on, state))
        start, state = on, new
    spans.append(Span(start, until, state))
    return [s for s in spans if s.end > s.start] or [Span(since, until, state)], contacts
