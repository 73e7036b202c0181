"""A report of an interaction, new or known: its creation event, and "already recorded" read from stored data.

Pure, like events.decide (which calls these): no store, no clock.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from operator import attrgetter
from typing import Any
from uuid import UUID

from events.catalogue import fields_of
from events.commands import Outcome, ReportInteraction
from events.state import Recorded
from events.vocab import CODEBOOK_VERSION, INTERACTION_KINDS, meeting_code

__all__ = ["account", "already_reported", "differences", "reported_event"]


def account(cmd: ReportInteraction) -> dict[str, Any]:
    """What a report says of an interaction: its date, last day, place and summary (ISO dates)."""
    return {
        "occurred_on": cmd.occurred_on.isoformat(),
        "until": cmd.until.isoformat() if cmd.until else None,
        "location": cmd.location,
        "summary": cmd.summary,
    }


def differences(interaction: Any, said: dict[str, Any]) -> list[str]:
    """The fields (date, last day, place) on which a report disagrees with the interaction as recorded.

    Summaries are not compared: two reports never word a meeting alike.
    """
    out = []
    for name in ("occurred_on", "until", "location"):
        value = getattr(interaction, name)
        recorded = value.isoformat() if hasattr(value, "isoformat") else value
        if said.get(name) is not None and recorded is not None and said[name] != recorded:
            out.append(name)
    return out


def already_reported(entry: Recorded, cmd: ReportInteraction) -> Outcome | None:
    """The outcome of a report that changes nothing of a stored interaction, from its stored data; None if unsure.

    Re-appending a file of known facts built every aggregate (decode and replay) only to find
    each source already cited. An interaction stored as its creation event alone is live, and
    its data says all the decision reads: the status, the one cited source, and the date, last
    day and place a disagreement is told by (ISO strings, as `differences` compares them). Any
    other case (more events, a source not cited yet, an expected interaction settled, an event
    stored at another class version) is None: the caller decides on the aggregate.
    """
    if entry.version != 1 or entry.topic != (_REPORTED_TOPIC or _reported_class()[3]):
        return None
    data = entry.fields(_READ)
    if "class_version" in data or (data.get("status") == "expected" and cmd.status in ("occurred", "cancelled")):
        return None
    source = data.get("source")
    url = source.get("url") if type(source) is dict else None
    if url is None or any(s["url"] != url for s in cmd.sources):
        return None
    # differences(), on the stored values: what the report says against what was recorded.
    said = (cmd.occurred_on.isoformat(), cmd.until.isoformat() if cmd.until else None, cmd.location)
    differs = [
        name
        for name, value in zip(("occurred_on", "until", "location"), said, strict=True)
        if value is not None and data.get(name) is not None and value != data[name]
    ]
    return Outcome(str(entry.id), "unchanged", cmd.kind, differs=differs)


# What already_reported reads of a stored InteractionReported.
_READ = ("status", "source", "occurred_on", "until", "location", "class_version")
# The fields of InteractionReported a report command carries as they are, and the codes added
# to them (the catalogue, not the aggregate class, so deciding needs no class built before it must).
_CODES = ("cameo", "goldstein", "plover", "codebook", "source")
_COPIED_IN_ORDER = tuple(f for f in fields_of("InteractionReported") if f not in _CODES)
_copy = attrgetter(*_COPIED_IN_ORDER)
_ALL_NAMES = ("originator_id", "originator_version", "timestamp", "originator_topic", *_COPIED_IN_ORDER, *_CODES)
_REPORTED: list[tuple[type, str, tuple[str, ...], str]] = []
_REPORTED_TOPIC = ""  # the event's topic, once _reported_class has looked it up


def reported_event(new_id: UUID, cmd: ReportInteraction, now: datetime) -> Any:
    """The InteractionReported event of a new interaction: the command's fields plus its codes."""
    kind = INTERACTION_KINDS[cmd.kind]
    cameo, goldstein = kind.cameo, kind.goldstein
    if cmd.kind == "meeting":
        cameo, goldstein = meeting_code(cmd.initiator_state, cmd.location_state, cmd.dyad)
    cls, topic, _, _ = _reported_class()
    # The event's fields in declaration order (the order of the stored JSON): its head, the
    # command's fields, read in one call, then the codes (_reported_class checks that they come so).
    codes = (cameo, goldstein, kind.plover, CODEBOOK_VERSION, cmd.sources[0])
    values = dict(zip(_ALL_NAMES, (new_id, 1, now, topic, *_copy(cmd), *codes), strict=True))
    # What the event's dataclass __init__ makes (the same attributes in the same order: the same
    # stored bytes) without a frozen setattr per field, as the library rebuilds stored events.
    event: Any = object.__new__(cls)
    object.__setattr__(event, "__dict__", values)
    return event


def _reported_class() -> tuple[type, str, tuple[str, ...], str]:
    """The event class, its aggregate's topic, its own fields in declaration order and its own topic (looked up once)."""
    if not _REPORTED:
        from eventsourcing.utils import get_topic

        from events.interaction import Interaction

        cls: Any = Interaction.InteractionReported
        head = ("originator_id", "originator_version", "timestamp", "originator_topic")
        names = tuple(f.name for f in dataclasses.fields(cls))
        assert names[:4] == head and names[4:] == (*_COPIED_IN_ORDER, *_CODES), names
        _REPORTED.append((cls, get_topic(Interaction), names[4:], get_topic(cls)))
        global _REPORTED_TOPIC
        _REPORTED_TOPIC = get_topic(cls)
    return _REPORTED[0]
