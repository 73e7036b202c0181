"""Scaling: how rebuild, verify, status and as-of grow with the store (default sizes 10k, 100k, 1M facts).

For each size (cached stores, built on first use): rebuild events/s and peak RSS (subprocess,
scratch views), `tracker verify` events/s, `tracker status --format json` wall (views caught
up), `tracker status --as-of 2010-06-30` wall, and `--as-of` the middle date of the store's
facts (so every size has a full 365-day window of interactions). Targets apply at 1M only.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import catch_up
import common
import rebuild
import verify

DEFAULT_SIZES = [10_000, 100_000, 1_000_000]


def status_wall(store: Path, *extra: str, runs: int = 3) -> tuple[float, int]:
    cmd = catch_up.status_cmd(store, *extra)
    common.run(cmd)  # warm
    walls = []
    count = 0
    for _ in range(runs):
        r = common.run(cmd)
        walls.append(r["wall"])
        count = len(json.loads(r["stdout"]).get("interactions", []))
    return statistics.median(walls), count


def one_size(size: int) -> dict[str, Any]:
    store = common.build_store(size)
    events = common.store_info(store)["events"]
    with common.temp_dir("scaling-") as scratch:
        rb = rebuild.measure_rebuild(store, scratch)
    v = verify.measure_verify(store)
    st, st_n = status_wall(store)
    ao, ao_n = status_wall(store, "--as-of", catch_up.AS_OF)
    mid = common.date_of(size // 2).isoformat()
    am, am_n = status_wall(store, "--as-of", mid)
    out = {
        "size": size,
        "events": events,
        "rebuild_rate": rb["rate"],
        "rebuild_s": rb["seconds"],
        "rebuild_rss_mb": rb["rss_mb"],
        "verify_rate": v["rate"],
        "verify_s": v["seconds"],
        "status_ms": st * 1000,
        "status_interactions": st_n,
        "as_of_ms": ao * 1000,
        "as_of_interactions": ao_n,
        "as_of_mid": mid,
        "as_of_mid_ms": am * 1000,
        "as_of_mid_interactions": am_n,
    }
    print(
        f"  {events:>9,} events: rebuild {rb['rate']:>9,.0f} ev/s {rb['rss_mb']:>5.0f} MB | verify {v['rate']:>9,.0f} ev/s"
        f" | status {st * 1000:>5.0f} ms | as-of {catch_up.AS_OF} {ao * 1000:>5.0f} ms ({ao_n} int.)"
        f" | as-of {mid} {am * 1000:>5.0f} ms ({am_n} int.)",
        flush=True,
    )
    return out


def main(sizes: list[int] | None = None, **_: Any) -> dict[str, Any]:
    sizes = sizes or DEFAULT_SIZES
    print(f"scaling over {', '.join(f'{s:,}' for s in sizes)} facts", flush=True)
    points = [one_size(s) for s in sizes]
    rows = []
    for p in points:
        k = f"{p['events'] // 1000:,}k"
        rows += [
            common.row(f"scaling rebuild ({k})", p["rebuild_rate"], "events/s", target="(info)"),
            common.row(f"scaling rebuild RSS ({k})", p["rebuild_rss_mb"], "MB", target="(info)"),
            common.row(f"scaling verify ({k})", p["verify_rate"], "events/s", target="(info)"),
            common.row(f"scaling status ({k})", p["status_ms"], "ms", target="(info)"),
            common.row(f"scaling as-of {catch_up.AS_OF} ({k})", p["as_of_ms"], "ms", target="(info)"),
            common.row(f"scaling as-of mid {p['as_of_mid']} ({k})", p["as_of_mid_ms"], "ms", target="(info)"),
        ]
    if len(points) > 1:
        a, b = points[0], points[-1]
        growth = b["events"] / a["events"]
        print(
            f"  from {a['events']:,} to {b['events']:,} events (x{growth:.0f}): rebuild time x{b['rebuild_s'] / a['rebuild_s']:.1f},"
            f" verify time x{b['verify_s'] / a['verify_s']:.1f}, status x{b['status_ms'] / a['status_ms']:.1f},"
            f" as-of mid x{b['as_of_mid_ms'] / a['as_of_mid_ms']:.1f}, rebuild RSS x{b['rebuild_rss_mb'] / a['rebuild_rss_mb']:.1f}"
        )
    return {"measure": "scaling", "sizes": sizes, "points": points, "rows": rows}


if __name__ == "__main__":
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated fact counts, e.g. 10000,100000,1000000")
    args = parser.parse_args()
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    elif args.quick:
        sizes = [10_000, common.QUICK_SIZE]
    else:
        sizes = DEFAULT_SIZES
    common.finish(main(sizes), args)
