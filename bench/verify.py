"""Verify: `tracker verify --store DIR` on the cached store (1M events; 100k with --quick), events/s, hash chain included.

events/s = events checked / process wall time. Baselines, each measured in this run in a subprocess:
decoding every notification with the library (what verify must at least do); reading the raw
rows with sqlite3 (the floor of any pass over the log); reading them and chaining a SHA-256
over them in plain Python (the floor of the chain check alone, which is sequential).
A cached store built before the chain existed is copied and sealed first (the seal is timed too).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_RATE = 200_000

# The floor: every row read once, nothing done with it.
RAW_READ = r"""
import json, sqlite3, time
conn = sqlite3.connect({db!r})
t0 = time.perf_counter()
n = 0
for row in conn.execute("SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"):
    n += 1
print(json.dumps({{"events": n, "seconds": time.perf_counter() - t0}}))
"""

# The chain's floor: the same read, and one SHA-256 a row over the previous link and the row.
RAW_HASH = r"""
import hashlib, json, sqlite3, time
conn = sqlite3.connect({db!r})
t0 = time.perf_counter()
n = 0
prev = bytes(32)
sha = hashlib.sha256
for p, o, v, t, s in conn.execute("SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"):
    prev = sha(b"".join((prev, p.to_bytes(8, "big"), v.to_bytes(8, "big"), bytes.fromhex(o), t.encode(), s))).digest()
    n += 1
print(json.dumps({{"events": n, "seconds": time.perf_counter() - t0}}))
"""


def snippet_rate(code: str, db: Path) -> dict[str, Any]:
    r = common.python_snippet(code.format(db=str(db)))
    j = r["json"]
    return {"events": j["events"], "seconds": j["seconds"], "rate": j["events"] / j["seconds"]}


def measure_verify(store: Path) -> dict[str, Any]:
    r = common.tracker("verify", "--format", "json", "--store", str(store), check=False)
    j = json.loads(r["stdout"])
    return {
        "events": j["events"],
        "ok": j["ok"] and r["rc"] == 0,
        "sealed": j.get("sealed"),
        "seconds": r["wall"],
        "rate": j["events"] / r["wall"],
        "rss_mb": r["rss_mb"],
    }


def main(size: int = common.FULL_SIZE, **_: Any) -> dict[str, Any]:
    cached = common.build_store(size)
    events = common.store_info(cached)["events"]
    with common.temp_dir("verify-") as scratch:
        store = common.copy_store(cached, scratch / "store")
        seal = None
        if not measure_verify(store)["sealed"]:
            seal = common.tracker("verify", "--seal", "--store", str(store))["wall"]
            print(f"  the cached store had no chain: sealed a copy in {seal:.2f} s", flush=True)
        print(f"verify of the {events:,}-event store (hash chain included)", flush=True)
        v = measure_verify(store)
        print(
            f"  tracker verify: {v['seconds']:.2f} s, {v['rate']:,.0f} events/s, ok={v['ok']}, sealed={v['sealed']}, "
            f"peak RSS {v['rss_mb']:.0f} MB"
        )
        db = store / "events.db"
        raw = snippet_rate(RAW_READ, db)
        print(f"  raw read of the rows: {raw['seconds']:.2f} s, {raw['rate']:,.0f} events/s")
        hashed = snippet_rate(RAW_HASH, db)
        print(f"  raw read + SHA-256 chain: {hashed['seconds']:.2f} s, {hashed['rate']:,.0f} events/s")
    b = common.decode_baseline(cached)
    print(f"  library decode: {b['seconds']:.2f} s, {b['rate']:,.0f} events/s")
    fine = v["ok"] and v["sealed"] and v["events"] == events
    note = "" if fine else f"verify ok={v['ok']}, sealed={v['sealed']}, events {v['events']} vs {events}"
    rows = [
        common.row(
            f"verify with chain ({events // 1000:,}k events)",
            v["rate"],
            "events/s",
            baseline=b["rate"],
            baseline_label="library decode",
            target=f">= {TARGET_RATE:,}",
            ok=v["rate"] >= TARGET_RATE and fine,
            note=note,
        ),
        common.row(
            "verify vs raw read + hash chain",
            v["rate"],
            "events/s",
            baseline=hashed["rate"],
            baseline_label="raw read + SHA-256",
        ),
        common.row("verify vs raw read", v["rate"], "events/s", baseline=raw["rate"], baseline_label="raw read"),
    ]
    return {
        "measure": "verify",
        "size": size,
        "events": events,
        "verify": v,
        "decode": b,
        "raw_read": raw,
        "raw_hash": hashed,
        "seal_seconds": seal,
        "rows": rows,
    }


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(common.size_from_args(args)), args)
