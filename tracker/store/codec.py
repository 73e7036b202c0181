"""Stored events as JSON-native data: decoding states, dashed ids, type names, and events rebuilt from exports."""

from __future__ import annotations

import typing
from datetime import date, datetime
from functools import cache
from typing import Any
from uuid import UUID

from events.vocab import DATE_FIELDS
from tracker.store.jsoncodec import loads_plain

__all__ = ["dashed", "decode_state", "event_from_record", "type_of_topic"]


def decode_state(state: bytes | str) -> dict[str, Any]:
    """Event state as plain JSON data, without building domain objects (the fast path).

    Custom types stay as their data (a date as its ISO string), read through orjson
    (tracker.store.jsoncodec.loads_plain: the same values as the library's json reading).
    """
    return loads_plain(state)  # type: ignore[no-any-return]


def dashed(hex_id: str) -> str:
    """A uuid as SQLite stores it (32 hex digits) in its usual dashed form."""
    if len(hex_id) == 32:
        return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"
    return hex_id


@cache
def type_of_topic(topic: str) -> str:
    """'events.interaction:Interaction.InteractionReported' -> 'InteractionReported'."""
    return topic.rsplit(":", 1)[-1].rsplit(".", 1)[-1]


@cache
def _date_fields(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    hints = typing.get_type_hints(cls)
    dates, datetimes = set(), set()
    for name, hint in hints.items():
        args = typing.get_args(hint) or (hint,)
        if datetime in args:
            datetimes.add(name)
        elif date in args:
            dates.add(name)
    return frozenset(dates), frozenset(datetimes)


def event_from_record(cls: type, aggregate_id: str, version: int, recorded_at: str, data: dict[str, Any]) -> Any:
    """Rebuild a domain event of class cls from JSON-native data (the inverse of the export)."""
    dates, datetimes = _date_fields(cls)
    kwargs = dict(data)
    # An event stored at an older class_version is upcast by the class's own upcasters, as the
    # library does when it reads the store.
    from_version = kwargs.pop("class_version", 1)
    while from_version < getattr(cls, "class_version", 1):
        getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(kwargs)
        from_version += 1
    for name in dates:
        if isinstance(kwargs.get(name), str):
            kwargs[name] = date.fromisoformat(kwargs[name])
    for name in datetimes - {"timestamp"}:
        if isinstance(kwargs.get(name), str):
            kwargs[name] = datetime.fromisoformat(kwargs[name])
    if "changes" in kwargs and isinstance(kwargs["changes"], dict):
        kwargs["changes"] = {
            k: (date.fromisoformat(v) if k in DATE_FIELDS and isinstance(v, str) else v)
            for k, v in kwargs["changes"].items()
        }
    kwargs["originator_id"] = UUID(aggregate_id)
    kwargs["originator_version"] = version
    kwargs["timestamp"] = datetime.fromisoformat(recorded_at)
    return cls(**kwargs)
