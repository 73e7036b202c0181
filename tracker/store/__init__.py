"""The event store and all of its SQL: where it is, opening it, recorders, reading the log,
verify, export and import, backup.

SQLite (the embedded default, a folder) or PostgreSQL (a postgresql:// URL), through
eventsourcing's persistence modules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tracker.errors import OperationFailed, UsageError
from tracker.store.cipher import check_cipher
from tracker.store.location import (
    StoreLocation,
    create_private_file,
    default_folder,
    locate,
    make_private_folder,
    mask_password,
    sqlite_read_uri,
    writable,
)
from tracker.store.log import EventLog

__all__ = ["SETUP_ATTEMPTS", "EventLog", "StoreLocation", "default_folder", "locate", "open_log", "writable"]


def open_log(location: StoreLocation, *, create: bool = False, setup: bool | None = None) -> EventLog:
    """Open the event log at a location (created when create is true).

    setup (default: create) runs the PostgreSQL schema statements. They are not safe to run
    from many processes at once (PostgreSQL answers "tuple concurrently updated"), so only
    commands that set a store up run them: writers that merely append do not.
    """
    env = dict(location.env)
    read_only = False
    if location.backend == "postgres":
        env["CREATE_TABLE"] = "y" if (create if setup is None else setup) else "n"
        if env["CREATE_TABLE"] == "y" and env.get("POSTGRES_SCHEMA"):
            _create_schema(location)
    if location.backend == "sqlite":
        assert location.folder is not None
        events_path = location.folder / "events.db"
        if not events_path.exists():
            if not create:
                raise UsageError(f"no store at {location.folder}; run `tracker init` (or give --store)")
            try:
                make_private_folder(location.folder)
                create_private_file(events_path)  # SQLite gives its -wal and -shm files this file's mode
            except OSError as e:
                raise OperationFailed(f"cannot create the store folder {location.folder}: {e.strerror}") from None
        elif create is False:
            _check_sqlite_header(events_path)
        if events_path.exists() and not (writable(events_path) and writable(location.folder)):
            # A snapshot or a store on a read-only mount: read it without creating -wal/-shm files.
            read_only = True
            _check_no_pending_wal(events_path)
            env["SQLITE_DBNAME"] = sqlite_read_uri(events_path)
            env["CREATE_TABLE"] = "n"
    if location.backend == "postgres":
        _reach(location)
    log = _construct(location, env, read_only)
    if location.backend == "postgres" and env["CREATE_TABLE"] == "n" and not _has_events_table(log):
        log.close()
        raise UsageError(f"no tracker store at {location.describe()}; run `tracker init --store …` first")
    try:
        check_cipher(log)  # encrypted events without the key (or with another): one line, exit 2
    except BaseException:
        log.close()
        raise
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


def _check_no_pending_wal(events_path: Path) -> None:
    wal, shm = Path(f"{events_path}-wal"), Path(f"{events_path}-shm")
    if not os.access(events_path.parent, os.W_OK) and wal.exists() and wal.stat().st_size and not shm.exists():
        raise OperationFailed(
            f"{events_path} has unfinished writes in {wal.name} and its folder is read-only; "
            "copy the folder somewhere writable to read it"
        )


def _connect_args(location: StoreLocation, *, dbname: str | None = None) -> dict[str, Any]:
    env = location.env
    return {
        "dbname": dbname or env["POSTGRES_DBNAME"],
        "host": env["POSTGRES_HOST"],
        "port": int(env["POSTGRES_PORT"]),
        "user": env["POSTGRES_USER"],
        "password": env["POSTGRES_PASSWORD"] or None,
        "connect_timeout": int(env.get("POSTGRES_CONNECT_TIMEOUT", "5")),
    }


# PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against another session creating the same
# table: one that has not committed yet (a process killed mid-setup whose server session has not
# noticed, or two setups at once) makes it fail on the catalogue's own unique keys.
_CONCURRENT_DDL = ("pg_type_typname_nsp_index", "pg_class_relname_nsp_index", "tuple concurrently updated")
SETUP_ATTEMPTS = 5


def _construct(location: StoreLocation, env: dict[str, str], read_only: bool) -> EventLog:
    """The EventLog; a PostgreSQL setup that raced another session's is run again once that one is done."""
    import time

    for attempt in range(SETUP_ATTEMPTS):
        try:
            return EventLog(env, read_only=read_only, where=location.describe())
        except Exception as e:
            racing = env.get("CREATE_TABLE") == "y" and any(m in _chain_text(e) for m in _CONCURRENT_DDL)
            if not racing or attempt == SETUP_ATTEMPTS - 1:
                raise OperationFailed(
                    f"cannot open the store at {location.describe()}: {_reason(location, e)}"
                ) from None
            time.sleep(0.2 * (attempt + 1))  # the other session commits, or its server notices it is gone
    raise AssertionError("unreachable")


def _chain_text(e: BaseException) -> str:
    """The messages of an exception and of those it was raised from (the library wraps psycopg's)."""
    parts: list[str] = []
    seen: BaseException | None = e
    while seen is not None and len(parts) < 5:
        parts.append(str(seen))
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def _create_schema(location: StoreLocation) -> None:
    """CREATE SCHEMA IF NOT EXISTS for the ?schema= of the URL (init), naming the cause when it cannot."""
    import psycopg
    from psycopg import sql

    schema = location.env["POSTGRES_SCHEMA"]
    try:
        with psycopg.connect(**_connect_args(location), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
    except psycopg.errors.InsufficientPrivilege:
        raise OperationFailed(
            f"schema {schema!r} does not exist at {location.describe()} and this user may not create it; "
            f'ask an administrator to run: CREATE SCHEMA "{schema}"'
        ) from None
    except psycopg.Error as e:
        raise OperationFailed(f"cannot open the store at {location.describe()}: {_pg_reason(location, e)}") from None


def _reach(location: StoreLocation) -> None:
    """Connect once directly before the pool does: a wrong role, password or database fails at once with its
    cause, where the library's pool would wait out its whole connect timeout first."""
    import psycopg

    try:
        with psycopg.connect(**_connect_args(location)):
            pass
    except psycopg.Error as e:
        raise OperationFailed(f"cannot open the store at {location.describe()}: {_pg_reason(location, e)}") from None


def _reason(location: StoreLocation, e: BaseException) -> str:
    """Why a store could not be opened, in one line without credentials.

    eventsourcing's pool reports only "couldn't get a connection after 5.00 sec": connect once
    more directly to learn the cause (no such database, refused, authentication failed).
    """
    if location.backend != "postgres":
        return _first_line(e)
    import psycopg

    try:
        with psycopg.connect(**_connect_args(location)):
            pass
    except psycopg.Error as direct:
        return _pg_reason(location, direct)
    except Exception:
        pass
    return _pg_reason(location, e)


def _pg_reason(location: StoreLocation, e: BaseException) -> str:
    lines = [line.strip() for line in str(e).strip().splitlines() if line.strip()]
    # libpq: 'connection failed: connection to server at "h" (ip), port 5432 failed: FATAL:  database "x" does not exist'
    text = lines[0] if lines else type(e).__name__
    for marker in ("FATAL:", "failed: "):
        if marker in text:
            text = text.rsplit(marker, 1)[1].strip()
            break
    if "Connection refused" in text or "connection refused" in text.lower():
        text = f"connection refused (is PostgreSQL running on {location.env['POSTGRES_HOST']}:{location.env['POSTGRES_PORT']}?)"
    return _masked(location, text)


def _masked(location: StoreLocation, text: str) -> str:
    password = location.env.get("POSTGRES_PASSWORD")
    text = mask_password(text)
    return text.replace(password, "***") if password else text
