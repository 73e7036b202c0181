"""Verify: `tracker verify --store DIR` on the cached store (1M events; 100k with --quick), events/s.

events/s = events checked / process wall time. Baseline: decoding every notification with the
library (what verify must at least do), in a subprocess.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_RATE = 200_000


def measure_verify(store: Path) -> dict[str, Any]:
    r = common.tracker("verify", "--format", "json", "--store", str(store))
    j = json.loads(r["stdout"])
    return {
        "events": j["events"],
        "ok": j["ok"],
        "seconds": r["wall"],
        "rate": j["events"] / r["wall"],
        "rss_mb": r["rss_mb"],
    }


def main(size: int = common.FULL_SIZE, **_: Any) -> dict[str, Any]:
    store = common.build_store(size)
    events = common.store_info(store)["events"]
    print(f"verify of the {events:,}-event store", flush=True)
    v = measure_verify(store)
    print(
        f"  tracker verify: {v['seconds']:.2f} s, {v['rate']:,.0f} events/s, ok={v['ok']}, peak RSS {v['rss_mb']:.0f} MB"
    )
    b = common.decode_baseline(store)
    print(f"  library decode: {b['seconds']:.2f} s, {b['rate']:,.0f} events/s")
    rows = [
        common.row(
            f"verify ({events // 1000:,}k events)",
            v["rate"],
            "events/s",
            baseline=b["rate"],
            baseline_label="library decode",
            target=f">= {TARGET_RATE:,}",
            ok=v["rate"] >= TARGET_RATE and v["ok"] and v["events"] == events,
            note="" if v["ok"] and v["events"] == events else f"verify ok={v['ok']}, events {v['events']} vs {events}",
        )
    ]
    return {"measure": "verify", "size": size, "events": events, "verify": v, "decode": b, "rows": rows}


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(common.size_from_args(args)), args)
