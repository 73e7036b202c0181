"""Opening the read models, setting damaged ones aside, rebuilding them, and building them as they stood.

They are disposable (the log is the truth): a damaged views.db costs a rebuild, never a
failed command, and the old file is kept beside it for inspection.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tracker.errors import OperationFailed
from tracker.records import Record
from tracker.views.database import Views, catch_up

__all__ = ["REBUILD_BATCH", "open_views", "rebuild_views", "views_copy", "views_known_at"]

# Events per transaction when rebuilding. Most events are staged and expanded at the end
# (tracker.views.bulk), so this mostly bounds the decoded events held at once (1M events:
# 212 MB peak RSS at 10,000).
REBUILD_BATCH = int(os.environ.get("TRACKER_REBUILD_BATCH", "10000"))


def open_views(path: Path, now: Callable[[], datetime]) -> tuple[Views, Path | None]:
    """Open the read models, and where the old file went if it was unreadable or of another schema."""
    try:
        return Views(path), None
    except OperationFailed:
        aside = path.with_name(f"{path.name}.unreadable-{now().strftime('%Y%m%dT%H%M%S')}")
        try:
            path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        except OSError as e:
            raise OperationFailed(
                f"read models at {path} are unreadable and cannot be moved aside: {e.strerror}"
            ) from None
        return Views(path), aside


def views_copy(path: Path) -> tuple[Views, str]:
    """Read models for a command that may not write them (a read-only store or snapshot).

    The file is copied (SQLite's backup) to a temporary file, removed on close, so the command
    catches up only what the copy lacks; unreadable, missing or of another schema, the read
    models are built in memory from the log instead. Returns them and how they were made.
    """
    import sqlite3
    import tempfile

    from tracker.views.database import SCHEMA_VERSION

    if path.exists():
        handle, name = tempfile.mkstemp(prefix="tracker-views-", suffix=".db")
        os.close(handle)
        try:
            # Without a -wal file whose changes it would miss, a file in a folder nobody may write is
            # read as immutable: SQLite then needs no -shm file beside it.
            wal = Path(str(path) + "-wal")
            mode = "ro" if (wal.exists() and wal.stat().st_size) else "ro&immutable=1"
            source = sqlite3.connect(f"file:{path}?mode={mode}", uri=True)
            target = sqlite3.connect(name)
            try:
                source.backup(target)
                version = target.execute("PRAGMA user_version").fetchone()[0]
            finally:
                target.close()
                source.close()
            if version == SCHEMA_VERSION:
                views = Views(name)
                views.temporary = True
                return views, "read models copied to a temporary file"
        except sqlite3.Error:
            pass
        Path(name).unlink(missing_ok=True)
    return Views(":memory:"), "read models built in memory"


def rebuild_views(
    views: Views,
    read: Callable[[int, int], list[Record]],
    *,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> tuple[Views, int]:
    """Build the read models afresh in a new file beside the old one, then swap it in.

    Readers keep using the old file meanwhile. Returns the new Views (the old one is closed)
    and how many events were applied; the caller catches up with what was appended meanwhile.
    """
    path = views.path
    if path is None:
        raise OperationFailed("in-memory views cannot be rebuilt")
    fresh_path = path.with_name(path.name + ".rebuilding")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(fresh_path) + suffix).unlink(missing_ok=True)
    fresh = Views(fresh_path, bulk=True)
    try:
        count = catch_up(fresh, read, now=now.isoformat(), progress=progress, batch_size=REBUILD_BATCH)
        fresh.finish_bulk()
    finally:
        fresh.close()
    with views.writer_lock():
        views.close()
        # The old WAL must not outlive its database: a new file beside it would replay it.
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        fresh_path.replace(path)
        fresh_path.with_suffix(".lock").unlink(missing_ok=True)
        return Views(path), count


def views_known_at(read: Callable[[int, int], list[Record]], limit: datetime, *, now: datetime) -> Views:
    """Read models in memory from only the events recorded by a time: what was known then (`--known-at`)."""
    views = Views(":memory:")
    catch_up(views, read, now=now.isoformat(), keep=lambda r: datetime.fromisoformat(r.recorded_at) <= limit)
    return views
