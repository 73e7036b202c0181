"""The one declaration of each event's fields is its class: this reads it back."""

from __future__ import annotations

import dataclasses
from functools import cache

__all__ = ["declared_fields"]

# What eventsourcing adds to every event: identity, order and time, not the fact's own fields.
_LIBRARY_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


@cache
def declared_fields(event_class: type) -> tuple[str, ...]:
    """The fields an event class declares, in declaration order (not the library's id, version and time)."""
    return tuple(f.name for f in dataclasses.fields(event_class) if f.name not in _LIBRARY_FIELDS)  # type: ignore[arg-type]
