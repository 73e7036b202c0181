"""Store location: a folder (SQLite) or a postgresql:// URL, turned into an eventsourcing env."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tracker.errors import UsageError
from tracker.store.cipher import cipher_env

__all__ = [
    "StoreLocation",
    "create_private_file",
    "default_folder",
    "locate",
    "make_private_folder",
    "mask_password",
    "sqlite_read_uri",
    "writable",
]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_ACCEPTED = "give a folder path (SQLite) or a postgresql:// URL (postgresql://user@host:port/db[?schema=NAME])"


def default_folder() -> Path:
    """The platform's user data folder for tracker."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False))


@dataclass(frozen=True)
class StoreLocation:
    """Where the event store and the read models live."""

    url: str
    backend: str  # "sqlite" or "postgres"
    folder: Path | None
    views_path: Path
    env: dict[str, str]

    @property
    def events_path(self) -> Path | None:
        """The SQLite event database in the store folder, or None for PostgreSQL."""
        return self.folder / "events.db" if self.folder else None

    def describe(self) -> str:
        """Where the events are, for messages: the SQLite file or the PostgreSQL address without credentials."""
        if self.backend == "sqlite":
            return str(self.events_path)
        parts = urlsplit(self.url)
        schema = self.env.get("POSTGRES_SCHEMA")
        return f"postgresql://{parts.hostname}:{parts.port or 5432}{parts.path}" + (
            f"?schema={schema}" if schema else ""
        )


def locate(store: str | None = None, views: str | None = None) -> StoreLocation:
    """Resolve --store/TRACKER_STORE and --views/TRACKER_VIEWS into a StoreLocation."""
    store = store or os.environ.get("TRACKER_STORE") or str(default_folder())
    views = views or os.environ.get("TRACKER_VIEWS")
    if store.startswith(("postgresql://", "postgres://")):
        return _postgres(store, views)
    scheme = _SCHEME.match(store)
    if scheme:
        # Anything else with a scheme would become a folder named after the URL.
        raise UsageError(f"store {mask_password(store)!r}: {scheme.group(1)}:// is not supported; {_ACCEPTED}")
    folder = Path(store).expanduser()
    views_path = Path(views).expanduser() if views else folder / "views.db"
    if views_path.suffix != ".db":
        views_path = views_path / "views.db"
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(folder / "events.db"),
        "SQLITE_LOCK_TIMEOUT": "10",
        "APPLICATION_RECORDER_TOPIC": "tracker.store.recorder:BulkSQLiteApplicationRecorder",
        **cipher_env(),
    }
    return StoreLocation(url=str(folder), backend="sqlite", folder=folder, views_path=views_path, env=env)


def _postgres(url: str, views: str | None) -> StoreLocation:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when asked
    except ValueError:
        raise UsageError(f"store {mask_password(url)!r}: the port is not a number from 1 to 65535") from None
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        # libpq takes PGPASSWORD only when no password is given, and psycopg passes the
        # library's empty one on, so it is read here; an empty one still lets ~/.pgpass answer.
        "POSTGRES_PASSWORD": unquote(parts.password) if parts.password else os.environ.get("PGPASSWORD", ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        # Small batches through the library's stored function: its default pipelined insert
        # deadlocks (client and server both waiting) when one transaction holds 100,000 events;
        # large batches through COPY (tracker.store.recorder_pg).
        "POSTGRES_ENABLE_DB_FUNCTIONS": "y",
        "APPLICATION_RECORDER_TOPIC": "tracker.store.recorder_pg:BulkPostgresApplicationRecorder",
        **cipher_env(),
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    if views:
        views_path = Path(views).expanduser()
    else:
        safe = f"{env['POSTGRES_HOST']}-{env['POSTGRES_PORT']}-{env['POSTGRES_DBNAME']}-{query.get('schema', ['public'])[0]}"
        views_path = default_folder() / "views" / safe
    if views_path.suffix != ".db":
        views_path = views_path / "views.db"
    return StoreLocation(url=url, backend="postgres", folder=None, views_path=views_path, env=env)


def mask_password(text: str) -> str:
    """The text with the password of any URL in it replaced by ***."""
    return re.sub(r"([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*):[^/\s@]*@", r"\1:***@", text)


def make_private_folder(path: Path) -> None:
    """Create a folder (and missing parents) that only its owner may enter: 0700.

    A folder that exists already keeps its mode: an administrator may have shared it on purpose.
    """
    path = Path(path)
    if path.is_dir():
        return
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode passes through the umask, which may lack bits 0o077


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner may read or write (0600), unless it exists.

    SQLite opens an empty file as a new database and gives its -wal, -shm and journal files the
    database file's mode, so creating the file first keeps all of them private without a
    process-wide umask (which would also change the mode of reports a user writes).
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def writable(path: Path) -> bool:
    """Whether this process may change path, or create it in the nearest folder that exists."""
    target = path = Path(path)
    while not path.exists():
        if path.parent == path:
            return False
        path = path.parent
    if path != target and not path.is_dir():
        return False  # a file stands where a folder would have to be created
    return os.access(path, os.W_OK) and (path.is_dir() or os.access(path.parent, os.W_OK))


def sqlite_read_uri(path: Path) -> str:
    """An SQLite URI that opens a database read-only, immutable when its folder cannot be written.

    A WAL database read with mode=ro still needs its -shm file: SQLite creates it beside the
    database, which an unwritable folder forbids, so there the file is opened as immutable
    (nothing can change it while it is read, since nothing may write there).
    """
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    if not os.access(Path(path).parent, os.W_OK) and not Path(f"{path}-shm").exists():
        uri += "&immutable=1"
    return uri
