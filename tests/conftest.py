"""Shared fixtures: real stores on temp dirs, the local PostgreSQL, a fixed clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.session import Session, open_session

SHARED = Path(__file__).resolve().parents[2] / "shared"
PG_DSN = os.environ.get("TRACKER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


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


@pytest.fixture
def session(tmp_path: Path, clock: Clock) -> Iterator[Session]:
    """An initialised SQLite store in a temp folder."""
    s = open_session(str(tmp_path / "store"), create=True, now=clock)
    s.init()
    yield s
    s.close()


def pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_DSN.replace("postgresql://", "postgresql://", 1), connect_timeout=3):
            return None
    except Exception as e:
        return f"PostgreSQL at {PG_DSN} is not reachable ({type(e).__name__}); start it or set TRACKER_TEST_PG"


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    """A fresh schema on the local PostgreSQL, dropped afterwards."""
    reason = pg_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_DSN}?schema={schema}"
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


REUTERS = {"url": "https://www.reuters.com/x", "outlet": "Reuters", "language": "en"}
DW = {"url": "https://www.dw.com/zh/x", "outlet": "DW", "language": "zh", "derived_from": "https://www.reuters.com/x"}
