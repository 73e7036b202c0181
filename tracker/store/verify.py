"""`tracker verify` on an SQLite store: sequence checks in SQL, decode checks on every core, the hash chain.

Each fact's versions must run 1..n and follow each other in log order (two SQL queries,
run in a thread: SQLite releases the GIL); every event's state must be JSON and its topic
must name a known event class (checked by worker processes over ranges of the log); the hash
chain is recomputed from the first event to the last (sequential by nature: one more process,
started with the workers).
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import msgspec

from tracker.store.codec import dashed

__all__ = ["chain_sqlite", "verify_sqlite"]

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


Range = tuple[Path, str, int, int, int, "tuple[int, bytes] | None"]


def _decode_range(args: Range) -> dict[str, Any]:
    """Decode checks over the rows in (low, high], and the chain's checkpoints that end in it.

    Ranges end on checkpoint boundaries, so each one is chained on the stored hash of the
    checkpoint before it (checked in turn by the range before): the chain check runs on every
    core too, in the same pass over the rows.
    """
    from tracker.store.chain import GENESIS, check_chain, linker
    from tracker.store.recorder import range_checkpoints

    path, table, low, high, limit, head = args
    problems: list[str] = []
    count = last = 0
    first_row: int | None = None
    decode = json.JSONDecoder().decode
    fast_decode = msgspec.json.Decoder().decode  # the same verdict as json's, in a third of the time
    fromhex = bytes.fromhex
    with _connect(path) as c:
        c.isolation_level = None
        c.execute("BEGIN")
        checkpoints, prev = range_checkpoints(c, low, high)
        cursor = c.execute(
            f"SELECT rowid, originator_id, originator_version, topic, state FROM {table} "
            "WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
            (low, high),
        )

        def batches() -> Any:
            # Checked a batch at a time: a generator step per row costs more than the checks.
            nonlocal count, last, first_row
            while batch := cursor.fetchmany(2000):
                count += len(batch)
                last = batch[-1][0]
                if first_row is None:
                    first_row = batch[0][0]
                if len(problems) < limit:
                    for position, _, _, topic, state in batch:
                        if not _resolves(topic):
                            problems.append(f"position {position}: unknown event type {topic}")
                        try:
                            fast_decode(state)
                        except (msgspec.DecodeError, TypeError):
                            # msgspec refuses some JSON that json reads (NaN, a lone surrogate): json has the last word.
                            try:
                                decode(state.decode("utf-8"))
                            except (ValueError, AttributeError):
                                problems.append(f"position {position}: state does not decode")
                try:
                    yield [(p, fromhex(o), v, t, s + b"") for p, o, v, t, s in batch]
                except (TypeError, ValueError):  # a row changed behind tracker's back to other types
                    yield [_coerced(row) for row in batch]

        stream = itertools.chain.from_iterable(batches())
        chain: dict[str, Any] = {"sealed": False, "problem": None, "chained": 0, "head_seen": False}
        if prev is not None:
            chain = check_chain(stream, checkpoints, linker(), head, prev=prev or GENESIS, whole=False)
        for _ in stream:  # the rows the chain check did not need still get the decode checks
            pass
        chain["head_seen"] = head is not None and chain["head_seen"]
        c.execute("COMMIT")
    return {"events": count, "last": last, "problems": problems, "first_row": first_row, **chain}


def _coerced(row: tuple[Any, ...]) -> tuple[int, bytes, int, str, bytes]:
    # Whatever a tampered row holds, hash something: its link then fails, naming the position.
    p, o, v, t, s = row
    try:
        oid = bytes.fromhex(o)
    except (TypeError, ValueError):
        oid = str(o).encode()
    state = s if isinstance(s, bytes) else str(s).encode()
    return p, oid, v if isinstance(v, int) else -1, str(t), state


def chain_sqlite(path: Path, table: str = "stored_events", head: tuple[int, bytes] | None = None) -> dict[str, Any]:
    """Recompute the hash chain of an SQLite store over one read transaction (one consistent view)."""
    from tracker.store.chain import check_chain, linker
    from tracker.store.recorder import sqlite_checkpoints, sqlite_rows

    conn = _connect(path)
    try:
        conn.isolation_level = None
        conn.execute("BEGIN")
        return check_chain(sqlite_rows(conn, table), sqlite_checkpoints(conn), linker(), head)
    finally:
        conn.close()


def verify_sqlite(
    path: Path,
    table: str = "stored_events",
    progress: Callable[[int], None] | None = None,
    limit: int = 100,
    *,
    head: tuple[int, bytes] | None = None,
) -> dict[str, Any]:
    """Check the whole log of an SQLite store; constant memory, all cores."""
    from tracker.store.recorder import chain_bounds, head_checkpoint

    top = head_checkpoint(path)
    sequence: dict[str, Any] = {}
    checker = threading.Thread(target=_sequence, args=(path, table, limit, sequence), name="tracker-verify-sequence")
    problems: list[str] = []
    cores = os.cpu_count() or 1
    ranges: list[Range] = []
    with _connect(path) as c:
        end = max(c.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0, top[0] if top else 0)
        if end:
            step = max(MIN_RANGE, min(MAX_RANGE, end // (cores * 8) + 1))
            ranges = [
                (path, table, low, high, limit, head if head and low < head[0] <= high else None)
                for low, high in _spans(0, end, step, chain_bounds(c))
            ]
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
    checker.join()
    for r in results:
        problems += r["problems"]
    problems = sequence.get("problems", []) + problems
    return {
        "events": sum(r["events"] for r in results),
        "aggregates": sequence.get("aggregates", 0),
        "last_position": max((r["last"] for r in results), default=0),
        "problems": problems[:limit],
        "ok": not problems,
        **_chain_verdict(results, top, head),
    }


def _spans(start: int, end: int, step: int, bounds: Iterable[int]) -> list[tuple[int, int]]:
    """(low, high] ranges of about step events covering start..end, cut only at checkpoint ends while the chain lasts."""
    spans = []
    low = last = start
    for last in bounds:
        if last - low >= step:
            spans.append((low, last))
            low = last
    if low < last:
        spans.append((low, last))
        low = last
    spans += [(x, min(x + step, end)) for x in range(low, end, step)]
    return spans


def _chain_verdict(
    results: list[dict[str, Any]], top: tuple[int, bytes] | None, head: tuple[int, bytes] | None
) -> dict[str, Any]:
    """The chain's result over all ranges: the first problem in log order, the head, whether sealed.

    top: the last checkpoint (position, hash), read before the ranges were planned.
    """
    sealed = top is not None
    problem = next((r["problem"] for r in results if r["problem"]), None)
    if problem is None and sealed:
        stray = next((r["first_row"] for r in results if r["first_row"] is not None and not r["sealed"]), None)
        if stray is not None:
            problem = f"position {stray}: not in the chain (inserted after the head, or written without the chain)"
    if problem is None and head is not None and not any(r["head_seen"] for r in results):
        if top is None:
            problem = "the log has no chain (unsealed), so it cannot be checked against the head given"
        elif head[0] > top[0]:
            problem = f"the log ends at position {top[0]}, before the head given ({head[0]}): cut short"
        else:
            problem = f"position {head[0]}: the head given names no event of this log"
    return {
        "sealed": sealed,
        "problem": problem,
        "head": {"position": top[0], "hash": top[1].hex()} if top and problem is None else None,
        "chained": sum(r["chained"] for r in results),
    }


def _track(results: Any, progress: Callable[[int], None] | None) -> Any:
    for result in results:
        if progress:
            progress(result[0])
        yield result
