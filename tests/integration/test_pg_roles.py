"""Least-privilege PostgreSQL: ops/postgres/setup.sh roles, the append-only trigger, passwords never shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import PG_DSN, require_postgres
from tracker.store import locate

ROOT = Path(__file__).resolve().parents[2]
SETUP = ROOT / "ops" / "postgres" / "setup.sh"
PASSWORD = "Pw-s3cr3t-9f1b"  # trust authentication accepts any; what matters is that it never shows

FACT = ["append", "call", "-a", "Lloyd Austin", "-a", "董军", "--on", "2024-04-16",
        "--source", "https://www.reuters.com/x", "--outlet", "Reuters"]  # fmt: skip


def psycopg_connect(user: str, autocommit: bool = True) -> object:
    import psycopg

    parts = urlsplit(PG_DSN)
    return psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, dbname=parts.path.lstrip("/"), user=user, autocommit=autocommit
    )


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "PG"))} | {"NO_COLOR": "1"}


def tracker(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker.cli", *args],
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class Roles:
    schema: str
    owner: str
    app: str
    views: Path

    def url(self, role: str, password: str | None = None) -> str:
        parts = urlsplit(PG_DSN)
        auth = f"{role}:{password}" if password else role
        return f"postgresql://{auth}@{parts.hostname}:{parts.port or 5432}{parts.path}?schema={self.schema}"

    def table(self, name: str = "tracker_events") -> str:
        return f'"{self.schema}".{name}'


def run_setup(roles: Roles, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    parts = urlsplit(PG_DSN)
    wrapper = tmp_path / "tracker"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tracker.cli "$@"\n')
    wrapper.chmod(0o755)
    env = clean_env() | {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "postgres",
        "TRACKER_PG_ADMIN_DB": parts.path.lstrip("/"),
        "TRACKER_BIN": str(wrapper),
        "TRACKER_PG_OWNER_PASSWORD": PASSWORD + "-owner",
        "TRACKER_PG_APP_PASSWORD": PASSWORD + "-app",
    }
    db = parts.path.lstrip("/")
    args = ["--db", db, "--schema", roles.schema, "--owner", roles.owner, "--app", roles.app, *extra]
    return subprocess.run(["bash", str(SETUP), *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def roles(pg_url: str, tmp_path: Path) -> Iterator[Roles]:
    """An owner and an application role (unique names: roles are cluster-wide), dropped afterwards."""
    if shutil.which("psql") is None or shutil.which("bash") is None:
        pytest.skip("psql and bash are needed to run ops/postgres/setup.sh")
    tag = uuid.uuid4().hex[:8]
    made = Roles(parse_qs(urlsplit(pg_url).query)["schema"][0], f"t_owner_{tag}", f"t_app_{tag}", tmp_path / "views")
    try:
        yield made
    finally:
        with psycopg_connect(urlsplit(PG_DSN).username or "postgres") as conn:  # type: ignore[attr-defined]
            for role in (made.owner, made.app):
                if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                    # The schema goes back to the fixture's user, which drops it.
                    conn.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
                    conn.execute(f'DROP OWNED BY "{role}"')
                    conn.execute(f'DROP ROLE "{role}"')


def refused(role: str, statement: str, *, restoring: bool = False) -> str:
    """The error a statement meets when run as role (in a transaction rolled back), or '' if it ran."""
    import psycopg

    with psycopg_connect(role, autocommit=False) as conn:  # type: ignore[attr-defined]
        try:
            if restoring:
                conn.execute("SET LOCAL tracker.restoring = 'on'")
            conn.execute(statement)
        except psycopg.Error as e:
            return str(e)
        finally:
            conn.rollback()
    return ""


def test_application_role_appends_and_reads_but_never_changes_events(roles: Roles, tmp_path: Path) -> None:
    """setup.sh makes an owner that runs init and an app role that appends and reads; UPDATE, DELETE, TRUNCATE fail for both."""
    setup = run_setup(roles, tmp_path)
    assert setup.returncode == 0, setup.stderr
    assert PASSWORD not in setup.stdout + setup.stderr
    assert "guarded" in setup.stdout

    app_url = roles.url(roles.app, PASSWORD + "-app")
    views = ["--views", str(roles.views)]
    appended = tracker(*FACT, "--store", app_url, *views)
    assert appended.returncode == 0, appended.stderr
    log = tracker("log", "--store", app_url, *views)
    assert log.returncode == 0 and "InteractionReported" in log.stdout, log.stderr
    assert PASSWORD not in appended.stdout + appended.stderr + log.stdout + log.stderr

    table = roles.table()
    # The application role: UPDATE is refused by the trigger (it holds UPDATE only because
    # PostgreSQL before 17 demands it for the library's LOCK … IN EXCLUSIVE MODE), DELETE and
    # TRUNCATE by privileges; setting tracker.restoring does not help it.
    assert "append-only" in refused(roles.app, f"UPDATE {table} SET topic = 'x'")
    assert "permission denied" in refused(roles.app, f"DELETE FROM {table}")
    assert "permission denied" in refused(roles.app, f"TRUNCATE {table}")
    assert "append-only" in refused(roles.app, f"UPDATE {table} SET topic = 'x'", restoring=True)
    assert "permission denied" in refused(roles.app, f"DELETE FROM {table}", restoring=True)
    assert "permission denied" in refused(roles.app, f'CREATE TABLE "{roles.schema}".other (x int)')
    # The owner: the trigger refuses, unless the restore setting is on.
    assert "append-only" in refused(roles.owner, f"UPDATE {table} SET topic = 'x'")
    assert "append-only" in refused(roles.owner, f"DELETE FROM {table}")
    assert "append-only" in refused(roles.owner, f"TRUNCATE {table}")
    assert refused(roles.owner, f"DELETE FROM {table}", restoring=True) == ""
    with psycopg_connect(roles.owner, autocommit=False) as conn:  # type: ignore[attr-defined]
        conn.execute("SET LOCAL tracker.restoring = 'on'")
        deleted = conn.execute(f"DELETE FROM {table} WHERE topic LIKE '%InteractionReported'").rowcount
        conn.rollback()
    assert deleted == 1
    assert "InteractionReported" in tracker("log", "--store", app_url, *views).stdout  # rolled back, still there


def test_setup_reruns_guard_tables_that_appear_later(roles: Roles, tmp_path: Path) -> None:
    """Run before init, the script guards nothing yet; re-run after init (and after event_chain appears) it guards and grants them."""
    first = run_setup(roles, tmp_path, "--no-init")
    assert first.returncode == 0 and "missing" in first.stdout, first.stderr
    views = ["--views", str(roles.views)]
    init = tracker("init", "--store", roles.url(roles.owner), *views)
    assert init.returncode == 0, init.stderr
    # The chain table of the hash chain (created by init where tracker has it): as the owner.
    chain = roles.table("event_chain")
    with psycopg_connect(roles.owner) as conn:  # type: ignore[attr-defined]
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {chain} (last_position bigint PRIMARY KEY, events integer NOT NULL, "
            "hash bytea NOT NULL, marks bytea NOT NULL, scheme text NOT NULL)"
        )
    assert "append-only" not in refused(roles.owner, f"DELETE FROM {chain}")  # not guarded yet
    for _ in range(2):
        again = run_setup(roles, tmp_path, "--no-init")
        assert again.returncode == 0 and "guarded" in again.stdout, again.stderr
    row = f"INSERT INTO {chain} VALUES (-1, 0, '\\x00', '\\x00', 'test')"
    assert refused(roles.app, row) == ""
    assert refused(roles.app, f"SELECT * FROM {chain}") == ""
    assert "permission denied" in refused(roles.app, f"UPDATE {chain} SET scheme = 'x'")
    assert "permission denied" in refused(roles.app, f"DELETE FROM {chain}")
    assert "append-only" in refused(roles.owner, f"UPDATE {chain} SET scheme = 'x'")
    assert "append-only" in refused(roles.owner, f"DELETE FROM {chain}")
    assert refused(roles.owner, f"DELETE FROM {chain}", restoring=True) == ""
    appended = tracker(*FACT, "--store", roles.url(roles.app), *views)
    assert appended.returncode == 0, appended.stderr
    verify = tracker("verify", "--store", roles.url(roles.app), *views)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_password_reaches_libpq_from_pgpassword(monkeypatch: pytest.MonkeyPatch) -> None:
    """A URL without a password takes PGPASSWORD (libpq ignores it once an empty password is given); a URL's own wins."""
    from tracker.store.log import EventLog

    require_postgres()
    parts = urlsplit(PG_DSN)
    bare = f"postgresql://{parts.username or 'postgres'}@{parts.hostname}:{parts.port or 5432}{parts.path}"
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    for url, expected in ((bare, PASSWORD), (bare.replace("@", ":other@", 1), "other")):
        log = EventLog({**locate(url, "/nonexistent-views").env, "CREATE_TABLE": "n"})
        try:
            with log.recorder.datastore.get_connection() as conn:  # type: ignore[attr-defined]
                assert conn.info.password == expected
        finally:
            log.close()


def test_password_is_never_printed(pg_url: str, tmp_path: Path) -> None:
    """Errors (refused, no such role), --help and status never show the password, from the URL or PGPASSWORD."""
    parts = urlsplit(PG_DSN)
    host = f"{parts.hostname}:{parts.port or 5432}"
    schema = parse_qs(urlsplit(pg_url).query)["schema"][0]
    views = ["--views", str(tmp_path / "views")]
    with_password = f"postgresql://postgres:{PASSWORD}@{host}{parts.path}?schema={schema}"
    cases = [
        (["status", "--store", f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/test", *views], {}, 1),
        (["status", "--store", "postgresql://postgres@127.0.0.1:1/test", *views], {"PGPASSWORD": PASSWORD}, 1),
        (["status", "--store", f"postgresql://no_such_role_x:{PASSWORD}@{host}/test", *views], {}, 1),
        (["status", "--store", f"postgresql://no_such_role_x@{host}/test", *views], {"PGPASSWORD": PASSWORD}, 1),
        (["init", "--store", with_password, *views], {}, 0),
        (["status", "--store", with_password, *views], {}, 0),
        (["status", "--format", "json", *views], {"TRACKER_STORE": with_password}, 0),
        (["--help"], {"TRACKER_STORE": with_password, "PGPASSWORD": PASSWORD}, 0),
        (["status", "--help"], {"TRACKER_STORE": with_password}, 0),
        (["verify", "--store", f"postgresql://postgres@{host}{parts.path}?schema={schema}", *views],
         {"PGPASSWORD": PASSWORD}, 0),
    ]  # fmt: skip
    for args, extra, code in cases:
        result = tracker(*args, env=clean_env() | extra)
        assert result.returncode == code, (args, result.stderr)
        assert PASSWORD not in result.stdout + result.stderr, args
        assert "Traceback" not in result.stderr
        if code:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
