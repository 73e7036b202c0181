"""Shared fixtures: real stores on SQLite and the local PostgreSQL, a fixed clock.

One test body runs on each backend by asking for `backend` (directly, or through
`store_spec`, `store_url`, `make_store`, `make_session` or `session`): pytest runs it once on
an SQLite folder and once on a fresh PostgreSQL schema. Without the server the PostgreSQL runs
are skipped with the reason, except under CI (env CI set), where they fail.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.session import Session, open_session

SHARED = Path(__file__).resolve().parents[2] / "shared"
PG_DSN = os.environ.get("TRACKER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = [pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)]


class Clock:
    """A clock tests move by hand, so recorded times are known."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 1, 1, tzinfo=UTC))


# -- PostgreSQL ---------------------------------------------------------------------------


@functools.cache
def pg_available() -> str | None:
    """None when the test server answers, else why not (asked once a run)."""
    try:
        import psycopg

        with psycopg.connect(PG_DSN, connect_timeout=3):
            return None
    except Exception as e:
        return f"PostgreSQL at {PG_DSN} is not reachable ({type(e).__name__}); start it or set TRACKER_TEST_PG"


def require_postgres() -> None:
    """Skip the test when the server is down; fail it under CI, where the server must be up."""
    reason = pg_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def fresh_schema() -> Iterator[str]:
    """The URL of a new schema on the local PostgreSQL (`?schema=NAME`), dropped afterwards."""
    require_postgres()
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_DSN}?schema={schema}"
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema on the local PostgreSQL, dropped afterwards (for PostgreSQL-only tests)."""
    with fresh_schema() as url:
        yield url


# -- one store, either backend --------------------------------------------------------------


@dataclass(frozen=True)
class StoreSpec:
    """Where one store lives: the --store value and the folder its read models (views.db) go in."""

    backend: str
    url: str
    views: Path

    @property
    def views_db(self) -> Path:
        """The read-model file."""
        return self.views / "views.db"

    def args(self) -> list[str]:
        """The CLI options that name this store; SQLite keeps its views in the store folder, the default."""
        return ["--store", self.url] + (["--views", str(self.views)] if self.backend == "postgres" else [])

    def open(
        self, *, create: bool = False, views: Path | None = None, now: Callable[[], datetime] | None = None
    ) -> Session:
        """A session on this store (the caller closes it)."""
        kwargs = {"now": now} if now is not None else {}
        return open_session(self.url, str(views or self.views), create=create, **kwargs)


@contextmanager
def new_store(backend: str, folder: Path) -> Iterator[StoreSpec]:
    """A store that does not exist yet: a folder for SQLite, an empty schema for PostgreSQL."""
    if backend == "sqlite":
        yield StoreSpec("sqlite", str(folder / "store"), folder / "store")
        return
    with fresh_schema() as url:
        yield StoreSpec("postgres", url, folder / "views")


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend under test: each test that asks for it runs on SQLite and on PostgreSQL."""
    return str(request.param)


@pytest.fixture
def make_store(backend: str, tmp_path: Path) -> Iterator[Callable[[str], StoreSpec]]:
    """Makes new, empty stores of the backend under test (each name a folder under tmp_path)."""
    with ExitStack() as stack:
        yield lambda name: stack.enter_context(new_store(backend, tmp_path / name))


@pytest.fixture
def store_spec(make_store: Callable[[str], StoreSpec]) -> StoreSpec:
    """An empty store of the backend under test."""
    return make_store("main")


@pytest.fixture
def store_url(store_spec: StoreSpec) -> str:
    """The --store value of an empty store of the backend under test."""
    return store_spec.url


@pytest.fixture
def make_session(store_spec: StoreSpec, clock: Clock) -> Iterator[Callable[..., Session]]:
    """Opens sessions (on store_spec unless another spec is given) on the test clock; closes them all afterwards."""
    opened: list[Session] = []

    def make(spec: StoreSpec | None = None, *, create: bool = False, views: Path | None = None) -> Session:
        s = (spec or store_spec).open(create=create, views=views, now=clock)
        opened.append(s)
        return s

    yield make
    for s in reversed(opened):
        s.close()


@pytest.fixture
def session(make_session: Callable[..., Session]) -> Session:
    """An initialised store of the backend under test."""
    s = make_session(create=True)
    s.init()
    return s


@pytest.fixture
def sqlite_session(tmp_path: Path, clock: Clock) -> Iterator[Session]:
    """An initialised SQLite store in a temp folder, for what only SQLite has."""
    s = open_session(str(tmp_path / "store"), create=True, now=clock)
    s.init()
    yield s
    s.close()


REUTERS = {"url": "https://www.reuters.com/x", "outlet": "Reuters", "language": "en"}
DW = {"url": "https://www.dw.com/zh/x", "outlet": "DW", "language": "zh", "derived_from": "https://www.reuters.com/x"}
