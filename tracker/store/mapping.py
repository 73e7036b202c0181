"""Domain events to stored events for a bulk write: the library's Mapper.to_stored_event, with less around it.

The stored event is exactly what the mapper makes (the same topic, state bytes, id and version);
what is saved is the per-event overhead of a bulk append: the topic and class version are looked
up once per class, and the frozen StoredEvent is filled in directly instead of through its
dataclass __init__. A store with a cipher or compressor goes through the library's mapper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import get_topic

__all__ = ["to_stored_events"]

_classes: dict[type, tuple[str, int]] = {}
_new = object.__new__
_set = object.__setattr__


def _class_info(cls: type) -> tuple[str, int]:
    info = _classes.get(cls)
    if info is None:
        info = _classes[cls] = (get_topic(cls), getattr(cls, "class_version", 1))
    return info


def to_stored_events(mapper: Mapper[Any], events: Sequence[Any], *, release: bool = False) -> list[StoredEvent]:
    """The stored events the mapper would make of these domain events, in order.

    release: events is a list the caller gives up; each event is dropped from it once encoded,
    so that a bulk append does not hold every event and its stored form at once (the memory of
    the one is reused for the other: fewer fresh pages, less time in the kernel).
    """
    if mapper.cipher is not None or mapper.compressor is not None:
        return [mapper.to_stored_event(e) for e in events]
    encode = mapper.transcoder.encode
    out = []
    drop = events if release and type(events) is list else None
    for i, event in enumerate(events):
        if drop is not None:
            drop[i] = None
        topic, class_version = _class_info(type(event))
        state = dict(vars(event))
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        if class_version > 1:
            state["class_version"] = class_version
        stored = _new(StoredEvent)
        _set(
            stored,
            "__dict__",
            {
                "originator_id": originator_id,
                "originator_version": originator_version,
                "topic": topic,
                "state": encode(state),
            },
        )
        out.append(stored)
    return out
