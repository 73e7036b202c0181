"""Locks and load (issue 11): writers, a poller and catch-ups running at once as real processes.

Nothing is lost or doubled, no process prints a traceback, one projector writes a views file at a
time, readers of current read models never wait, and a locked database is one line, never a traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from crashkit import (
    TRACKER,
    assert_converges,
    count_types,
    init_store,
    log_records,
    run,
    source_urls,
    tracker_env,
    write_facts,
)
from feedserver import rss, serve

from tests.conftest import StoreSpec
from tracker.store.retry import is_locked, retry_locked
from tracker.views import Views

BULK, BULK_SIZE, SINGLES, FEEDS, ITEMS = 2, 1500, 6, 3, 30


def _start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [TRACKER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=tracker_env()
    )


def _finish(procs: list[subprocess.Popen[str]]) -> None:
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert "Traceback" not in err, err
        assert p.returncode == 0, f"{' '.join(p.args)} exited {p.returncode}: {err.strip()}"  # type: ignore[arg-type]


def test_poller_bulk_and_single_appends_at_once(store_spec: StoreSpec, tmp_path: Path) -> None:
    """Two bulk appends, six single appends and a poll run at once: every fact and report once, no traceback."""
    init_store(store_spec)
    files = [write_facts(tmp_path / f"bulk-{n}.jsonl", n * BULK_SIZE, BULK_SIZE) for n in range(BULK)]
    with serve() as server:
        s = store_spec.open()
        try:
            for n in range(FEEDS):
                items = [(f"https://wire.example.org/{n}/{i}", f"Story {n}-{i}", f"Text {i}.") for i in range(ITEMS)]
                s.add_feed(server.set(f"/f{n}.xml", rss(items)), name=f"wire-{n}", language="en")
        finally:
            s.close()
        procs = [_start(["poll", "--quiet", *store_spec.args()])]
        procs += [_start(["append", "--file", str(f), *store_spec.args()]) for f in files]
        procs += [
            _start(
                [
                    "append",
                    "call",
                    "-a",
                    "Antony Blinken",
                    "-a",
                    "Wang Yi",
                    "--on",
                    f"2020-01-{4 * n + 1:02d}",
                    "--source",
                    f"https://example.org/single/{n}",
                    *store_spec.args(),
                ]
            )
            for n in range(SINGLES)
        ]
        _finish(procs)
    records = log_records(store_spec.url, store_spec.views)
    facts = source_urls(records, "InteractionReported")
    assert count_types(records)["InteractionReported"] == BULK * BULK_SIZE + SINGLES
    assert max(facts.values()) == 1
    reports = source_urls(records, "ReportIngested")
    assert (len(reports), max(reports.values())) == (FEEDS * ITEMS, 1)
    assert_converges(store_spec.url, store_spec.views, tmp_path)


def _behind(spec: StoreSpec, size: int, tmp_path: Path) -> None:
    init_store(spec)
    run(["append", "--file", str(write_facts(tmp_path / "facts.jsonl", 0, size)), *spec.args()])


def test_catch_ups_at_once_take_turns(store_spec: StoreSpec, tmp_path: Path) -> None:
    """Three readers catching up the same views file at once: all succeed, no row doubled (equal to a rebuild)."""
    _behind(store_spec, 3000, tmp_path)
    readers = [_start(["timeline", "--format", "json", "--kind", "call", *store_spec.args()]) for _ in range(3)]
    outputs = []
    for p in readers:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and "Traceback" not in err, err
        outputs.append(out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert_converges(store_spec.url, store_spec.views, tmp_path)


def test_a_reader_of_current_views_never_waits_for_a_writer(tmp_path: Path) -> None:
    """While another process holds the projector lock and a write transaction, a read of current views answers."""
    spec = StoreSpec("sqlite", str(tmp_path / "store"), tmp_path / "store")
    _behind(spec, 50, tmp_path)
    run(["timeline", "--format", "json", *spec.args()])  # now current
    holder = Views(spec.views_db)
    try:
        with holder.writer_lock(), holder.transaction():
            start = time.perf_counter()
            p = run(["timeline", "--format", "json", "--kind", "call", *spec.args()], timeout=20)
            waited = time.perf_counter() - start
    finally:
        holder.close()
    assert p.stdout.startswith("[")
    print(f"read while the projector lock was held: {waited:.2f}s")


def test_a_write_waits_for_a_lock_held_briefly(tmp_path: Path) -> None:
    """An append started while another process holds the store's write lock for a moment waits and succeeds."""
    spec = StoreSpec("sqlite", str(tmp_path / "store"), tmp_path / "store")
    init_store(spec)
    blocker = sqlite3.connect(spec.views / "events.db", isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        p = _start(["append", "--file", str(write_facts(tmp_path / "f.jsonl", 0, 200)), *spec.args()])
        time.sleep(1.5)
        blocker.execute("ROLLBACK")
    finally:
        blocker.close()
    _finish([p])
    assert count_types(log_records(spec.url, spec.views))["InteractionReported"] == 200


def test_a_database_locked_past_its_wait_is_one_line(tmp_path: Path) -> None:
    """A write that cannot get the store's lock within SQLite's wait exits 1 with one line, no traceback."""
    spec = StoreSpec("sqlite", str(tmp_path / "store"), tmp_path / "store")
    init_store(spec)
    blocker = sqlite3.connect(spec.views / "events.db", isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        env = tracker_env() | {"TRACKER_SQLITE_LOCK_TIMEOUT": "1", "TRACKER_LOCK_BOUND": "1"}
        args = ["append", "call", "-a", "Antony Blinken", "-a", "Wang Yi", "--on", "2020-01-01",
                "--source", "https://example.org/locked", *spec.args()]  # fmt: skip
        p = subprocess.run([TRACKER, *args], capture_output=True, text=True, env=env, timeout=120, check=False)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "busy" in lines[0] and "try again" in lines[0], p.stderr
    assert count_types(log_records(spec.url, spec.views))["InteractionReported"] == 0


def test_retry_locked_backs_off_then_succeeds_or_gives_one_line() -> None:
    """A locked action is retried with growing pauses until it passes; past the bound it is OperationFailed."""
    from tracker.errors import OperationFailed

    now = [0.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        now[0] += seconds

    attempts = iter([True, True, True, False])

    def action() -> str:
        if next(attempts):
            raise sqlite3.OperationalError("database is locked")
        return "done"

    assert retry_locked(action, bound=5, sleep=sleep, clock=lambda: now[0]) == "done"
    assert len(pauses) == 3 and pauses[0] <= pauses[2]

    def always() -> None:
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(OperationFailed, match="busy"):
        retry_locked(always, bound=2, sleep=sleep, clock=lambda: now[0])
    assert not is_locked(sqlite3.OperationalError("no such table: x"))
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        retry_locked(lambda: always_other(), bound=2, sleep=sleep, clock=lambda: now[0])


def test_retry_locked_ends_on_a_clock_that_rounding_cannot_move(monkeypatch: pytest.MonkeyPatch) -> None:
    """A last pause of a rounding error must not spin forever on a clock held in large floats.

    These starts and jitter seeds once spun: the pause left was smaller than the clock's float step.
    """
    import random

    for start, seed in ((1022.2857142857143, 156), (1022.5714285714286, 158), (1023.2857142857143, 163)):
        monkeypatch.setattr(random, "uniform", random.Random(seed).uniform)
        _gives_up_from(start)


def _gives_up_from(start: float) -> None:
    from tracker.errors import OperationFailed

    now = [start]
    calls = [0]

    def sleep(seconds: float) -> None:
        calls[0] += 1
        if calls[0] > 1000:
            raise AssertionError("retry_locked kept sleeping past its bound")
        now[0] += seconds

    def always() -> None:
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(OperationFailed, match="busy"):
        retry_locked(always, bound=2, sleep=sleep, clock=lambda: now[0])


def always_other() -> None:
    raise sqlite3.OperationalError("no such table: x")
