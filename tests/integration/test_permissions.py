"""A store's folder and files are readable by their owner only: 0700 folders, 0600 files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import require_postgres
from tracker.store.location import create_private_file, make_private_folder

FACT = ["append", "call", "-a", "Lloyd Austin", "-a", "董军", "--on", "2024-04-16",
        "--source", "https://www.reuters.com/x", "--outlet", "Reuters"]  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def tracker(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")} | {"NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "tracker.cli", *args], env=env, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return result


@pytest.mark.parametrize("mask", [0o022, 0o000])
def test_private_folder_and_file_whatever_the_umask(tmp_path: Path, mask: int) -> None:
    """New folders are 0700 and new files 0600, SQLite's -wal and -shm included; existing ones keep their mode."""
    with umask(mask):
        folder = tmp_path / "a" / "store"
        make_private_folder(folder)
        assert mode(folder) == 0o700
        db = folder / "events.db"
        create_private_file(db)
        assert mode(db) == 0o600 and db.stat().st_size == 0
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE t (x)")
            conn.execute("INSERT INTO t VALUES (1)")
            conn.commit()
            for name in ("events.db", "events.db-wal", "events.db-shm"):
                assert mode(folder / name) == 0o600, name
        finally:
            conn.close()
        shared = tmp_path / "shared"
        shared.mkdir(mode=0o750)
        os.chmod(shared, 0o750)
        make_private_folder(shared)
        assert mode(shared) == 0o750  # an administrator's choice stands
        create_private_file(db)  # exists: left as it is, contents and all
        assert sqlite3.connect(db).execute("SELECT x FROM t").fetchone() == (1,)


def test_sqlite_store_views_poller_and_backup_are_private(tmp_path: Path) -> None:
    """init, a read (views.db), a poll (poller.db) and a backup create nothing others may read."""
    with umask(0o022):
        store = tmp_path / "store"
        tracker("init", "--store", str(store))
        tracker(*FACT, "--store", str(store))
        tracker("status", "--store", str(store))
        tracker("feeds", "add", "http://127.0.0.1:9/feed.xml", "--name", "closed", "--store", str(store))
        tracker("poll", "--store", str(store))  # fails to fetch (port 9), but keeps its state
        backups = tmp_path / "backups"
        tracker("backup", str(backups / "copy.db"), "--store", str(store))
    assert mode(store) == 0o700
    files = {p.name: mode(p) for p in store.iterdir() if not p.name.endswith(".lock")}
    assert {"events.db", "views.db", "poller.db"} <= set(files)
    assert files == dict.fromkeys(files, 0o600)
    assert mode(backups / "copy.db") == 0o600


def test_views_folder_of_a_postgres_store_is_private(pg_url: str, tmp_path: Path) -> None:
    """With PostgreSQL events, the local read models' new folder is 0700 and views.db 0600."""
    require_postgres()
    views = tmp_path / "analyst" / "views"
    with umask(0o022):
        tracker("init", "--store", pg_url, "--views", str(views))
    assert mode(views) == 0o700
    assert mode(views / "views.db") == 0o600
