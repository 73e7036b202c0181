"""The event store and all of its SQL: where it is, opening it, recorders, reading the log,
verify, export and import, backup.

SQLite (the embedded default, a folder) or PostgreSQL (a postgresql:// URL), through
eventsourcing's persistence modules.
"""

from __future__ import annotations

from typing import Any

from tracker.errors import OperationFailed, UsageError
from tracker.store.location import StoreLocation, default_folder, locate
from tracker.store.log import EventLog

__all__ = ["EventLog", "StoreLocation", "default_folder", "locate", "open_log"]


def open_log(location: StoreLocation, *, create: bool = False, setup: bool | None = None) -> EventLog:
    """Open the event log at a location (created when create is true).

    setup (default: create) runs the PostgreSQL schema statements. They are not safe to run
    from many processes at once (PostgreSQL answers "tuple concurrently updated"), so only
    commands that set a store up run them: writers that merely append do not.
    """
    env = dict(location.env)
    if location.backend == "postgres":
        env["CREATE_TABLE"] = "y" if (create if setup is None else setup) else "n"
    if location.backend == "sqlite":
        assert location.folder is not None
        events_path = location.folder / "events.db"
        if not events_path.exists():
            if not create:
                raise UsageError(f"no store at {location.folder}; run `tracker init` (or give --store)")
            try:
                location.folder.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise OperationFailed(f"cannot create the store folder {location.folder}: {e.strerror}") from None
        elif create is False:
            _check_sqlite_header(events_path)
    try:
        log = EventLog(env)
    except Exception as e:
        raise OperationFailed(f"cannot open the store at {location.describe()}: {_first_line(e)}") from None
    if location.backend == "postgres" and env["CREATE_TABLE"] == "n" and not _has_events_table(log):
        log.close()
        raise UsageError(f"no tracker store at {location.describe()}; run `tracker init --store …` first")
    return log


def _has_events_table(log: EventLog) -> bool:
    recorder: Any = log.recorder
    with recorder.datastore.transaction(commit=False) as c:
        c.execute(
            "SELECT to_regclass(%s) IS NOT NULL AS present",
            (f'"{recorder.datastore.schema}"."{recorder.events_table_name}"',),
        )
        row = c.fetchone()  # eventsourcing's PostgreSQL cursors return rows as dicts
    return bool(row and row["present"])


def _check_sqlite_header(path: Any) -> None:
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except OSError as e:
        raise OperationFailed(f"cannot read the store {path}: {e.strerror}") from None
    if header and header != b"SQLite format 3\x00":
        raise OperationFailed(f"{path} is not an SQLite database; is --store pointing at the right folder?")


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__
