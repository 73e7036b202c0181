"""`tracker verify` on an SQLite store: sequence checks in SQL, decode checks on every core.

Each fact's versions must run 1..n and follow each other in log order (two SQL queries,
run in a thread: SQLite releases the GIL); every event's state must be JSON and its topic
must name a known event class (checked by worker processes over ranges of the log).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from tracker.store.codec import dashed

__all__ = ["verify_sqlite"]

# Ranges of the log handed to each worker: small enough to share the work evenly.
MIN_RANGE = 128
MAX_RANGE = 50_000


def _connect(path: Path) -> sqlite3.Connection:
    from tracker.store.location import sqlite_read_uri

    return sqlite3.connect(sqlite_read_uri(path), uri=True, timeout=10)


def _sequence(path: Path, table: str, limit: int, out: dict[str, Any]) -> None:
    problems: list[str] = []
    with _connect(path) as c:
        rows = c.execute(
            f"SELECT originator_id, MIN(originator_version), MAX(originator_version), COUNT(*) FROM {table} "
            "GROUP BY originator_id HAVING MIN(originator_version) != 1 OR MAX(originator_version) != COUNT(*) "
            f"LIMIT {limit}"
        ).fetchall()
        problems += [f"{dashed(oid)}: versions {low}..{high} with {n} events (a gap)" for oid, low, high, n in rows]
        rows = c.execute(
            f"SELECT originator_id, originator_version, rowid FROM (SELECT originator_id, originator_version, "
            f"rowid, LAG(rowid) OVER (PARTITION BY originator_id ORDER BY originator_version) AS before "
            f"FROM {table}) WHERE before > rowid LIMIT {limit}"
        ).fetchall()
        problems += [
            f"position {position}: {dashed(oid)} version {version} precedes its version {version - 1}"
            for oid, version, position in rows
        ]
        out["aggregates"] = c.execute(f"SELECT COUNT(DISTINCT originator_id) FROM {table}").fetchone()[0]
    out["problems"] = problems


_TOPICS: dict[str, bool] = {}


def _resolves(topic: str) -> bool:
    known = _TOPICS.get(topic)
    if known is None:
        from eventsourcing.utils import resolve_topic

        try:
            resolve_topic(topic)
            known = True
        except Exception:
            known = False
        _TOPICS[topic] = known
    return known


def _decode_range(args: tuple[Path, str, int, int, int]) -> tuple[int, int, list[str]]:
    path, table, low, high, limit = args
    problems: list[str] = []
    count = last = 0
    loads = json.loads
    with _connect(path) as c:
        for position, topic, state in c.execute(
            f"SELECT rowid, topic, state FROM {table} WHERE rowid > ? AND rowid <= ? ORDER BY rowid", (low, high)
        ):
            count += 1
            last = position
            if not _resolves(topic):
                problems.append(f"position {position}: unknown event type {topic}")
            try:
                loads(state)
            except ValueError:
                problems.append(f"position {position}: state does not decode")
            if len(problems) >= limit:
                break
    return count, last, problems


def verify_sqlite(
    path: Path, table: str = "stored_events", progress: Callable[[int], None] | None = None, limit: int = 100
) -> dict[str, Any]:
    """Check the whole log of an SQLite store; constant memory, all cores."""
    with _connect(path) as c:
        first, end = c.execute(f"SELECT MIN(rowid), MAX(rowid) FROM {table}").fetchone()
    sequence: dict[str, Any] = {}
    checker = threading.Thread(target=_sequence, args=(path, table, limit, sequence), name="tracker-verify-sequence")
    count = last = 0
    problems: list[str] = []
    cores = os.cpu_count() or 1
    ranges = []
    if end is not None:
        step = max(MIN_RANGE, min(MAX_RANGE, (end - first) // (cores * 8) + 1))
        ranges = [(path, table, low, min(low + step, end), limit) for low in range(first - 1, end, step)]
    workers = min(cores, len(ranges))
    if workers > 1:
        # The workers are forked (map submits every range at once) before the checker thread
        # starts: forking a process that runs threads can copy a held lock into the child.
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            pending = pool.map(_decode_range, ranges)
            checker.start()
            results = list(_track(pending, progress))
    else:
        checker.start()
        results = list(_track(map(_decode_range, ranges), progress))
    for n, at, found in results:
        count += n
        last = max(last, at)
        problems += found
    checker.join()
    problems = sequence.get("problems", []) + problems
    return {
        "events": count,
        "aggregates": sequence.get("aggregates", 0),
        "last_position": last,
        "problems": problems[:limit],
        "ok": not problems,
    }


def _track(results: Any, progress: Callable[[int], None] | None) -> Any:
    for result in results:
        if progress:
            progress(result[0])
        yield result
