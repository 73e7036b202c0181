"""The stored-event record as the log, export, import and projections see it: JSON-native data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Record"]


@dataclass(frozen=True, slots=True)
class Record:
    """One stored event: its place in the log, its aggregate, its type and its data."""

    position: int
    aggregate_id: str
    version: int
    type: str
    recorded_at: str
    data: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        """The record as a JSON object, the shape that export writes and import reads back."""
        return {
            "position": self.position,
            "aggregate_id": self.aggregate_id,
            "version": self.version,
            "type": self.type,
            "recorded_at": self.recorded_at,
            "data": self.data,
        }
