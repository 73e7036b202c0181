"""The pure domain of tracker: aggregates, their events, the kind vocabulary and value types.

No I/O, no clock: timestamps are passed in by the application.
"""

from __future__ import annotations

from events.actor import ACTOR_KINDS, Actor
from events.channel import Channel
from events.ids import actor_id, channel_id, interaction_id, interaction_ids, sanction_id
from events.interaction import AMENDABLE_FIELDS, Interaction
from events.sanction import Sanction
from events.values import DomainError, Source, make_dyad, make_source, parse_date, parse_timestamp
from events.vocab import CODEBOOK_VERSION, INTERACTION_KINDS, INTERACTION_STATUSES, Kind, meeting_code

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
    "interaction_id",
    "interaction_ids",
    "make_dyad",
    "make_source",
    "meeting_code",
    "parse_date",
    "parse_timestamp",
    "sanction_id",
]


def __getattr__(name: str) -> object:
    # Report and Feed (and so the full event catalogue) load on first use: the append path
    # never needs them, and building eventsourcing aggregate classes costs start-up time.
    if name in ("Report", "Feed"):
        from events import report

        return getattr(report, name)
    if name == "EVENT_CLASSES":
        from events.report import Feed, Report

        return {
            cls.__name__: cls
            for agg in (Actor, Interaction, Channel, Sanction, Report, Feed)
            for cls in vars(agg).values()
            if isinstance(cls, type) and issubclass(cls, agg.Event) and cls.__name__ not in ("Event", "Created")
        }
    raise AttributeError(name)
