"""What a projection's handler returns: row operations, (sql, params), for the runner to execute."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.records import Record

__all__ = ["Handler", "Op"]

Op = tuple[str, tuple[Any, ...]]
Handler = Callable[[Record], list[Op]]
