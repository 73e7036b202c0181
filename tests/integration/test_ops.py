"""The operations scripts in ops/ work as documented."""

from __future__ import annotations

import configparser
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    subprocess.run(
        [sys.executable, "-m", "tracker.cli", "init", "--store", str(folder)], check=True, capture_output=True
    )
    return folder


def test_backup_script_copies_and_prunes(store: Path, tmp_path: Path) -> None:
    """ops/backup.sh writes a consistent copy and keeps only the newest N."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    backups = tmp_path / "backups"
    backups.mkdir()
    for stamp in ("20200101T000000Z", "20200102T000000Z", "20200103T000000Z"):
        (backups / f"events-{stamp}.db").write_bytes(b"old")
    wrapper = tmp_path / "tracker"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tracker.cli "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "TRACKER_STORE": str(store), "TRACKER_BIN": str(wrapper)}
    result = subprocess.run(
        ["bash", str(ROOT / "ops" / "backup.sh"), str(backups), "2"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    kept = sorted(p.name for p in backups.glob("events-*.db"))
    assert len(kept) == 2
    assert "events-20200103T000000Z.db" in kept
    newest = backups / kept[-1]
    count = sqlite3.connect(newest).execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    assert count > 0


def test_systemd_units_point_at_the_backup_script() -> None:
    """The service runs ops/backup.sh and the timer is a valid nightly schedule."""
    service = configparser.ConfigParser(strict=False)
    service.read(ROOT / "ops" / "systemd" / "tracker-backup.service")
    command = service["Service"]["ExecStart"].split()
    assert command[0].endswith("ops/backup.sh")
    assert (ROOT / "ops" / "backup.sh").stat().st_mode & 0o111
    timer = configparser.ConfigParser(strict=False)
    timer.read(ROOT / "ops" / "systemd" / "tracker-backup.timer")
    assert timer["Timer"]["OnCalendar"].startswith("*-*-*")
    assert timer["Install"]["WantedBy"] == "timers.target"
