"""Bulk append: `tracker append --file` of 100,000 facts as a subprocess, in facts/s.

Baselines, in the same run:
  (a) raw sqlite3 `executemany` of the same JSON lines into an event-shaped table, one transaction, WAL;
  (b) eventsourcing's own batched save: 100,000 simple Aggregates, `app.save(*batch)` in batches of 1,000.
Also PostgreSQL (a fresh schema in the local `test` database) unless --skip-postgres.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

FACTS = 100_000
TARGET_RATE = 40_000
TARGET_RATIO = 0.7
TARGET_PG = 20_000
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def tracker_sqlite(facts: Path, scratch: Path) -> dict[str, Any]:
    store = scratch / "store-sqlite"
    common.tracker("init", "--store", str(store))
    r = common.tracker("append", "--file", str(facts), "--store", str(store))
    return {"seconds": r["wall"], "rate": FACTS / r["wall"], "rss_mb": r["rss_mb"], "output": r["stdout"].strip()}


def raw_sqlite(facts: Path, scratch: Path) -> dict[str, Any]:
    """Baseline (a): read the lines, one executemany in one transaction (WAL)."""
    import sqlite3

    db = scratch / "raw.db"
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB, "
        "PRIMARY KEY(originator_id, originator_version))"
    )
    t0 = time.perf_counter()
    with open(facts, "rb") as f:
        rows = [(common.new_id(i), 1, "bench:Fact", line) for i, line in enumerate(f)]
    t1 = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    wall = time.perf_counter() - t1
    count = conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    conn.close()
    assert count == FACTS, count
    # The rate counts only executemany + commit: reading the lines and making the ids is reported apart.
    return {"seconds": wall, "rate": FACTS / wall, "prepare_seconds": t1 - t0}


ES_SNIPPET = r"""
import json, sys, time
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

class Fact(Aggregate):
    def __init__(self, kind: str, occurred_on: str, url: str, summary: str):
        self.kind = kind
        self.occurred_on = occurred_on
        self.url = url
        self.summary = summary

class Bench(Application):
    pass

app = Bench(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": %(db)r})
n = %(n)d
t0 = time.perf_counter()
saving = 0.0
for start in range(0, n, 1000):
    batch = [Fact("meeting", "1900-01-01", "https://example.org/%%d" %% i, "Bench fact %%d" %% i)
             for i in range(start, min(n, start + 1000))]
    t1 = time.perf_counter()
    app.save(*batch)
    saving += time.perf_counter() - t1
wall = time.perf_counter() - t0
print(json.dumps({"seconds": wall, "save_seconds": saving, "max": app.recorder.max_notification_id()}))
"""


def eventsourcing_batched(scratch: Path) -> dict[str, Any]:
    """Baseline (b), in its own interpreter (like the tracker command, minus start-up)."""
    r = common.python_snippet(ES_SNIPPET % {"db": str(scratch / "es.db"), "n": FACTS})
    j = r["json"]
    assert j["max"] == FACTS, j
    # The rate counts creating the aggregates and saving them (the tracker must make its events too).
    return {
        "seconds": j["seconds"],
        "rate": FACTS / j["seconds"],
        "save_only_rate": FACTS / j["save_seconds"],
        "process_wall": r["wall"],
    }


def tracker_postgres(facts: Path, scratch: Path) -> dict[str, Any]:
    import psycopg

    schema = f"bench_{int(time.time())}_{scratch.name[-6:].lower()}"
    schema = "".join(c if c.isalnum() or c == "_" else "_" for c in schema)
    url = f"{PG_URL}?schema={schema}"
    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        views = scratch / "pg-views"
        common.tracker("init", "--store", url, "--views", str(views))
        r = common.tracker("append", "--file", str(facts), "--store", url, "--views", str(views))
        return {"seconds": r["wall"], "rate": FACTS / r["wall"], "schema": schema}
    finally:
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main(skip_postgres: bool = False, **_: Any) -> dict[str, Any]:
    facts = common.facts_file(0, FACTS)
    result: dict[str, Any] = {"measure": "bulk append", "facts": FACTS}
    with common.temp_dir("bulk-") as scratch:
        print(f"bulk append of {FACTS:,} facts", flush=True)
        t = tracker_sqlite(facts, scratch)
        print(f"  tracker append --file (SQLite): {t['seconds']:.2f} s, {t['rate']:,.0f} facts/s ({t['output']})")
        a = raw_sqlite(facts, scratch)
        print(f"  (a) raw sqlite3 executemany:      {a['seconds']:.2f} s, {a['rate']:,.0f} rows/s")
        b = eventsourcing_batched(scratch)
        print(
            f"  (b) eventsourcing save x1000:     {b['seconds']:.2f} s, {b['rate']:,.0f} events/s"
            f" (save() alone {b['save_only_rate']:,.0f}/s)"
        )
        result.update(tracker=t, raw_sqlite=a, eventsourcing=b)
        rows = [
            common.row(
                "bulk append (SQLite)",
                t["rate"],
                "facts/s",
                baseline=a["rate"],
                baseline_label="raw sqlite3",
                target=f">= {TARGET_RATE:,}",
                ok=t["rate"] >= TARGET_RATE,
            ),
            common.row(
                "bulk append vs eventsourcing",
                t["rate"],
                "facts/s",
                baseline=b["rate"],
                baseline_label="es save x1000",
                target=f"ratio >= {TARGET_RATIO}",
                ok=t["rate"] / b["rate"] >= TARGET_RATIO,
            ),
        ]
        if skip_postgres:
            rows.append(
                common.row("bulk append (PostgreSQL)", None, "facts/s", target=f">= {TARGET_PG:,}", note="skipped")
            )
        else:
            try:
                p = tracker_postgres(facts, scratch)
                print(f"  tracker append --file (PostgreSQL): {p['seconds']:.2f} s, {p['rate']:,.0f} facts/s")
                result["postgres"] = p
                rows.append(
                    common.row(
                        "bulk append (PostgreSQL)",
                        p["rate"],
                        "facts/s",
                        target=f">= {TARGET_PG:,}",
                        ok=p["rate"] >= TARGET_PG,
                    )
                )
            except Exception as e:
                print(f"  PostgreSQL: failed: {e}", flush=True)
                result["postgres"] = {"error": str(e)}
                rows.append(
                    common.row(
                        "bulk append (PostgreSQL)",
                        None,
                        "facts/s",
                        target=f">= {TARGET_PG:,}",
                        ok=False,
                        note=f"failed: {str(e)[:200]}",
                    )
                )
    result["rows"] = rows
    return result


if __name__ == "__main__":
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    common.finish(main(skip_postgres=args.skip_postgres), args)
