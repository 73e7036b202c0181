"""Rebuild: `Session.rebuild()` on the cached store (1M events; 100k with --quick), events/s and peak RSS.

Runs in a subprocess with the views in a scratch folder (the cached views stay intact); peak
RSS is that child's ru_maxrss. Baselines, each in a subprocess of the same run: decoding every
notification with the library (`select_notifications(limit=1000)` + `mapper.to_domain_event`), and
raw sqlite3 `executemany` of the very rows the rebuild wrote (read back from its views.db, untimed)
into a fresh file with the same tables (keys declared, secondary indexes left out, the views' page
and cache sizes, no journal, a commit every 50,000 rows): what writing the read models costs
through Python's sqlite3 alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_RATE = 40_000
TARGET_RSS_MB = 300

REBUILD_SNIPPET = r"""
import json, time
from tracker.session import open_session
s = open_session(%(store)r, %(views)r)
t0, c0 = time.perf_counter(), time.process_time()
n = s.rebuild()
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
s.close()
print(json.dumps({"events": n, "seconds": wall, "cpu_seconds": cpu}))
"""


EXECUTEMANY_SNIPPET = r"""
import json, sqlite3, time
from tracker.views.database import CACHE_KIB, PAGE_SIZE
from tracker.views.projections import SCHEMA
src = sqlite3.connect("file:%(views)s?mode=ro", uri=True)
dst = sqlite3.connect(%(target)r, isolation_level=None)
for pragma in (f"page_size={PAGE_SIZE}", "journal_mode=OFF", "synchronous=OFF", f"cache_size=-{CACHE_KIB}"):
    dst.execute("PRAGMA " + pragma)
tables = []
for statement in SCHEMA:
    if statement.startswith("CREATE TABLE"):
        dst.execute(statement)
        tables.append(statement.split()[2])
spent, cpu, rows, since_commit = 0.0, 0.0, 0, 0
dst.execute("BEGIN")
for table in tables:
    width = len(src.execute(f"SELECT * FROM {table} LIMIT 0").description)
    insert = f"INSERT INTO {table} VALUES ({', '.join('?' * width)})"
    cursor = src.execute(f"SELECT * FROM {table} ORDER BY rowid")
    while chunk := cursor.fetchmany(10_000):
        t0, c0 = time.perf_counter(), time.process_time()
        dst.executemany(insert, chunk)
        since_commit += len(chunk)
        if since_commit >= 50_000:
            dst.execute("COMMIT")
            dst.execute("BEGIN")
            since_commit = 0
        spent, cpu = spent + time.perf_counter() - t0, cpu + time.process_time() - c0
        rows += len(chunk)
t0, c0 = time.perf_counter(), time.process_time()
dst.execute("COMMIT")
spent, cpu = spent + time.perf_counter() - t0, cpu + time.process_time() - c0
print(json.dumps({"rows": rows, "seconds": spent, "cpu_seconds": cpu, "tables": len(tables)}))
"""


def measure_executemany(views: Path, scratch: Path) -> dict[str, Any]:
    """Raw executemany of every row of the rebuilt views.db into a fresh file (only the inserts timed)."""
    target = scratch / "executemany.db"
    r = common.python_snippet(EXECUTEMANY_SNIPPET % {"views": str(views), "target": str(target)})
    target.unlink(missing_ok=True)
    j = r["json"]
    return {
        "rows": j["rows"],
        "seconds": j["seconds"],
        "cpu_seconds": j["cpu_seconds"],
        "rows_per_s": j["rows"] / j["seconds"],
        "rss_mb": r["rss_mb"],
    }


def measure_rebuild(store: Path, scratch: Path) -> dict[str, Any]:
    views = scratch / "views.db"
    r = common.python_snippet(REBUILD_SNIPPET % {"store": str(store), "views": str(views)})
    j = r["json"]
    return {
        "events": j["events"],
        "seconds": j["seconds"],
        "rate": j["events"] / j["seconds"],
        # On a shared machine wall time depends on the neighbours; CPU time (user + system) much less.
        "cpu_seconds": j["cpu_seconds"],
        "cpu_rate": j["events"] / j["cpu_seconds"],
        "rss_mb": r["rss_mb"],
        "process_wall": r["wall"],
    }


def main(size: int = common.FULL_SIZE, **_: Any) -> dict[str, Any]:
    store = common.build_store(size)
    events = common.store_info(store)["events"]
    print(f"rebuild of the {events:,}-event store", flush=True)
    with common.temp_dir("rebuild-") as scratch:
        r = measure_rebuild(store, scratch)
        print(
            f"  Session.rebuild(): {r['seconds']:.2f} s, {r['rate']:,.0f} events/s, peak RSS {r['rss_mb']:.0f} MB"
            f" (CPU {r['cpu_seconds']:.2f} s: {r['cpu_rate']:,.0f} events a CPU-second)"
        )
        w = measure_executemany(scratch / "views.db", scratch)
    w["events_per_s"] = events / w["seconds"]
    w["events_per_cpu_s"] = events / w["cpu_seconds"]
    print(
        f"  raw executemany:   {w['seconds']:.2f} s for its {w['rows']:,} rows ({w['rows_per_s']:,.0f} rows/s,"
        f" {w['events_per_s']:,.0f} events/s; CPU {w['cpu_seconds']:.2f} s: {w['events_per_cpu_s']:,.0f} events a"
        " CPU-second)"
    )
    b = common.decode_baseline(store)
    print(f"  library decode:    {b['seconds']:.2f} s, {b['rate']:,.0f} events/s, peak RSS {b['rss_mb']:.0f} MB")
    label = f"{events // 1000:,}k events"
    rows = [
        common.row(
            f"rebuild ({label})",
            r["rate"],
            "events/s",
            baseline=b["rate"],
            baseline_label="library decode",
            target=f">= {TARGET_RATE:,}",
            ok=r["rate"] >= TARGET_RATE,
        ),
        common.row(
            f"rebuild vs executemany ({label})",
            r["rate"],
            "events/s",
            baseline=w["events_per_s"],
            baseline_label="raw executemany of its rows",
            target="(info)",
            note=f"{w['rows']:,} rows, {w['rows'] / events:.1f} a event",
        ),
        common.row(
            f"rebuild vs executemany, CPU ({label})",
            r["cpu_rate"],
            "events/CPU-s",
            baseline=w["events_per_cpu_s"],
            baseline_label="raw executemany of its rows",
            target="(info)",
        ),
        common.row(
            f"rebuild peak RSS ({label})",
            r["rss_mb"],
            "MB",
            baseline=b["rss_mb"],
            baseline_label="library decode",
            target=f"<= {TARGET_RSS_MB}",
            ok=r["rss_mb"] <= TARGET_RSS_MB,
        ),
    ]
    return {
        "measure": "rebuild",
        "size": size,
        "events": events,
        "rebuild": r,
        "executemany": w,
        "decode": b,
        "rows": rows,
    }


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(common.size_from_args(args)), args)
