"""Helpers for the crash, load and soak tests: real `tracker` processes, SIGKILL at a random moment,
and the checks that a store and its read models are consistent afterwards (issue 11).

A trial starts a command, sleeps uniform(0.1, 0.9) x the duration of a clean run of it (timed in the
same test), kills it with SIGKILL, then checks what it left; every random choice comes from a seeded
generator whose seed is printed, so `CRASH_SEED=… pytest …` replays a failure.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.conftest import StoreSpec

TRACKER = str(Path(sys.executable).parent / "tracker")
BENCH = Path(__file__).resolve().parents[1] / "bench"


def seeded(label: str) -> random.Random:
    """A generator seeded from CRASH_SEED (or the clock), printing the seed so a failing run can be replayed."""
    seed = int(os.environ.get("CRASH_SEED") or time.time_ns() % 1_000_000_007)
    report(f"{label}: CRASH_SEED={seed}")
    return random.Random(seed)


def fact(i: int, *, prefix: str = "fact") -> dict[str, Any]:
    """Fact number i, as bench/common.py makes them: no two merge, each with its own source URL."""
    sys.path.insert(0, str(BENCH))
    try:
        from common import fact as bench_fact  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(BENCH))
    f = bench_fact(i)
    f["source"]["url"] = f"https://example.org/{prefix}/{i}"
    return f


def write_facts(path: Path, start: int, count: int, *, prefix: str = "fact") -> Path:
    """Facts start .. start+count-1 as JSON lines."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(start, start + count):
            out.write(json.dumps(fact(i, prefix=prefix), ensure_ascii=False) + "\n")
    return path


def tracker_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TRACKER_DEBUG", None)  # a user's run: errors as one line, never a traceback
    env.pop("TRACKER_STORE", None)
    env.pop("TRACKER_VIEWS", None)
    return env


def run(args: Sequence[str], *, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `tracker ARGS` to the end; with check, a non-zero exit or a traceback fails the test."""
    p = subprocess.run(
        [TRACKER, *args], capture_output=True, text=True, env=tracker_env(), timeout=timeout, check=False
    )
    if check:
        assert p.returncode == 0, f"tracker {' '.join(args)} exited {p.returncode}: {p.stderr.strip()[-2000:]}"
    assert "Traceback" not in p.stderr, p.stderr
    return p


def timed(args: Sequence[str]) -> float:
    """Seconds a clean run of `tracker ARGS` takes (it must succeed)."""
    start = time.perf_counter()
    run(args)
    return time.perf_counter() - start


@dataclass
class Kill:
    """What one SIGKILL trial did: when it struck, and whether the command had already finished."""

    delay: float
    killed: bool
    returncode: int

    def describe(self) -> str:
        return (
            f"killed at {self.delay:.3f}s"
            if self.killed
            else f"finished before {self.delay:.3f}s (rc {self.returncode})"
        )


def kill_at(args: Sequence[str], delay: float) -> Kill:
    """Start `tracker ARGS`, SIGKILL it after delay seconds (unless it has finished), and reap it."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([TRACKER, *args], stdout=subprocess.DEVNULL, stderr=err, env=tracker_env())
        try:
            p.wait(timeout=delay)
            killed = False
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed = True
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    assert "Traceback" not in text, text
    if not killed:
        assert p.returncode == 0, text
    return Kill(delay, killed, p.returncode)


# -- what a store holds -------------------------------------------------------------------------


def log_records(url: str, views: Path) -> list[Any]:
    """Every stored event of a store (its read models opened at views, never caught up here)."""
    from tracker.session import open_session

    s = open_session(url, str(views))
    try:
        return s.store.read_batch(0, 10_000_000)
    finally:
        s.close()


def count_types(records: list[Any]) -> Counter[str]:
    return Counter(r.type for r in records)


def source_urls(records: list[Any], event_type: str) -> Counter[str]:
    """How many events of a type cite each source (or report) URL: a URL twice is a fact doubled."""
    urls: Counter[str] = Counter()
    for r in records:
        if r.type == event_type:
            data = r.data
            url = data.get("url") or (data.get("source") or {}).get("url")
            urls[url] += 1
    return urls


# -- read models ----------------------------------------------------------------------------------


def view_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read-model table but the tracking table and full-text shadow tables, sorted."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        fts = tuple(
            n
            for n in names
            if conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (n,))
            .fetchone()[0]
            .upper()
            .startswith("CREATE VIRTUAL")
        )
        rows = {}
        for name in names:
            if name == "tracking" or name.startswith(fts) or name == "sqlite_sequence":
                continue
            rows[name] = sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{name}"')), key=repr)
        return rows
    finally:
        conn.close()


def assert_converges(url: str, views: Path, scratch: Path) -> dict[str, Any]:
    """The read models at views, caught up normally, equal a rebuild into a fresh path; verify passes.

    Returns verify's result.
    """
    from tracker.session import open_session

    s = open_session(url, str(views))
    try:
        s.catch_up()
        assert s.views.position() == s.store.max_position()
        caught_up = view_rows(views / "views.db")
        verdict = s.verify()
    finally:
        s.close()
    assert verdict["ok"], verdict
    fresh = scratch / f"rebuilt-{time.monotonic_ns()}"
    r = open_session(url, str(fresh))
    try:
        r.rebuild()
    finally:
        r.close()
    rebuilt = view_rows(fresh / "views.db")
    assert caught_up.keys() == rebuilt.keys()
    for table in rebuilt:
        assert caught_up[table] == rebuilt[table], f"read model {table} differs from a rebuild"
    return verdict


def report(line: str) -> None:
    """Print a trial's line, and append it to CRASH_LOG if set (to collect the numbers of a run)."""
    print(line)
    log = os.environ.get("CRASH_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def init_store(spec: StoreSpec) -> None:
    """Create and initialise a store (reference data in), then close it."""
    s = spec.open(create=True)
    try:
        s.init()
    finally:
        s.close()
