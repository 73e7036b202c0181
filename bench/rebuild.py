"""Rebuild: `Session.rebuild()` on the cached store (1M events; 100k with --quick), events/s and peak RSS.

Runs in a subprocess with the views in a scratch folder (the cached views stay intact); peak
RSS is that child's ru_maxrss. Baseline: decoding every notification with the library
(`select_notifications(limit=1000)` + `mapper.to_domain_event`), also in a subprocess.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_RATE = 100_000
TARGET_RSS_MB = 300

REBUILD_SNIPPET = r"""
import json, time
from tracker.session import open_session
s = open_session(%(store)r, %(views)r)
t0 = time.perf_counter()
n = s.rebuild()
wall = time.perf_counter() - t0
s.close()
print(json.dumps({"events": n, "seconds": wall}))
"""


def measure_rebuild(store: Path, scratch: Path) -> dict[str, Any]:
    views = scratch / "views.db"
    r = common.python_snippet(REBUILD_SNIPPET % {"store": str(store), "views": str(views)})
    j = r["json"]
    return {
        "events": j["events"],
        "seconds": j["seconds"],
        "rate": j["events"] / j["seconds"],
        "rss_mb": r["rss_mb"],
        "process_wall": r["wall"],
    }


def main(size: int = common.FULL_SIZE, **_: Any) -> dict[str, Any]:
    store = common.build_store(size)
    events = common.store_info(store)["events"]
    print(f"rebuild of the {events:,}-event store", flush=True)
    with common.temp_dir("rebuild-") as scratch:
        r = measure_rebuild(store, scratch)
    print(f"  Session.rebuild(): {r['seconds']:.2f} s, {r['rate']:,.0f} events/s, peak RSS {r['rss_mb']:.0f} MB")
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
            f"rebuild peak RSS ({label})",
            r["rss_mb"],
            "MB",
            baseline=b["rss_mb"],
            baseline_label="library decode",
            target=f"<= {TARGET_RSS_MB}",
            ok=r["rss_mb"] <= TARGET_RSS_MB,
        ),
    ]
    return {"measure": "rebuild", "size": size, "events": events, "rebuild": r, "decode": b, "rows": rows}


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(common.size_from_args(args)), args)
