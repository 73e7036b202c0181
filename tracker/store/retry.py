"""Retrying what SQLite refuses with "database is locked", with back-off, within a bounded time.

SQLite's busy timeout covers most waits, but not all: a deferred transaction that read before
another process wrote gets SQLITE_BUSY at once, and a long bulk append can hold the lock past the
timeout. Past the bound the caller gets one line (OperationFailed, exit 1), never a traceback.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from tracker.errors import OperationFailed

__all__ = ["LOCK_BOUND", "is_locked", "locked_message", "retry_locked"]

T = TypeVar("T")

# Seconds a write keeps retrying a locked database before giving up (TRACKER_LOCK_BOUND).
LOCK_BOUND = float(os.environ.get("TRACKER_LOCK_BOUND", "30"))


def is_locked(e: BaseException) -> bool:
    """Whether an error is SQLite's "database is locked" (or "… table is locked"), raw or wrapped by eventsourcing."""
    seen: set[int] = set()
    while e is not None and id(e) not in seen:  # a cause chain can loop back on itself
        seen.add(id(e))
        if isinstance(e, sqlite3.OperationalError) and "is locked" in str(e):
            return True
        if type(e).__name__ == "OperationalError" and "database is locked" in str(e):
            return True
        e = e.__cause__  # type: ignore[assignment]
    return False


def locked_message(what: str, waited: float | None = None) -> str:
    """The one line a user sees when the lock outlasted the wait."""
    held = f"for more than {waited:.0f} s" if waited is not None else "too long"
    return f"{what} is busy: another process held its lock {held} (database is locked); nothing was written, try again"


def retry_locked(
    action: Callable[[], T],
    *,
    what: str = "the database",
    bound: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Run action, again after a growing pause with jitter while SQLite says the database is locked, for up to bound seconds.

    The action must be safe to repeat: a locked error means nothing of it was kept (SQLite rolls back).
    """
    limit = LOCK_BOUND if bound is None else bound
    start = clock()
    pause = 0.02
    while True:
        try:
            return action()
        except Exception as e:
            if not is_locked(e):
                raise
            left = limit - (clock() - start)
            # Below a millisecond is spent: a last sleep of a rounding error would not move a clock
            # that counts in large floats, and the loop would never end.
            if left < 0.001:
                raise OperationFailed(locked_message(what, limit)) from None
            # At least half the pause, however the jitter falls: the wait always moves toward the bound.
            sleep(min(left, max(pause / 2, random.uniform(pause / 2, pause))))
            pause = min(pause * 2, 1.0)
