"""The pure domain of tracker: aggregates, their events, the kind vocabulary and value types.

No I/O, no clock: timestamps are passed in by the application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from events.ids import actor_id, channel_id, interaction_id, interaction_ids, sanction_id
from events.values import DomainError, Source, make_dyad, make_source, parse_date, parse_timestamp
from events.vocab import (
    AMENDABLE_FIELDS,
    CODEBOOK_VERSION,
    INTERACTION_KINDS,
    INTERACTION_STATUSES,
    Kind,
    check_interaction,
    meeting_code,
)

if TYPE_CHECKING:
    from events.actor import ACTOR_KINDS, Actor
    from events.channel import Channel
    from events.interaction import Interaction
    from events.report import Feed, Report
    from events.sanction import Sanction

__all__ = [
    "ACTOR_KINDS",
    "AMENDABLE_FIELDS",
    "CODEBOOK_VERSION",
    "INTERACTION_KINDS",
    "INTERACTION_STATUSES",
    "Actor",
    "Channel",
    "DomainError",
    "Feed",
    "Interaction",
    "Kind",
    "Report",
    "Sanction",
    "Source",
    "actor_id",
    "channel_id",
    "check_interaction",
    "interaction_id",
    "interaction_ids",
    "make_dyad",
    "make_source",
    "meeting_code",
    "parse_date",
    "parse_timestamp",
    "sanction_id",
]


_LAZY = {
    "Actor": "events.actor",
    "ACTOR_KINDS": "events.actor",
    "Channel": "events.channel",
    "Interaction": "events.interaction",
    "Sanction": "events.sanction",
    "Report": "events.report",
    "Feed": "events.report",
}


def __getattr__(name: str) -> object:
    # The aggregates load on first use: building eventsourcing aggregate classes costs 40 ms
    # of start-up, which commands that only read the log (status, timeline, verify) never need.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    if name == "EVENT_CLASSES":
        from events.actor import Actor
        from events.channel import Channel
        from events.interaction import Interaction
        from events.report import Feed, Report
        from events.sanction import Sanction

        return {
            cls.__name__: cls
            for agg in (Actor, Interaction, Channel, Sanction, Report, Feed)
            for cls in vars(agg).values()
            if isinstance(cls, type) and issubclass(cls, agg.Event) and cls.__name__ not in ("Event", "Created")
        }
    raise AttributeError(name)
