"""Scaling: how append, rebuild, verify, status and as-of grow with the store (default sizes 10k, 100k, 1M facts).

For each size (cached stores, built on first use): `tracker append --file` of 10,000 new facts
into a copy of the store, facts/s; rebuild events/s, CPU events/s and peak RSS (subprocess,
scratch views); `tracker verify` events/s; `tracker status --format json` wall (views caught
up); `tracker status --as-of 2010-06-30` wall; and `--as-of` the middle date of the store's facts
(so every size has a full 365-day window of interactions: the status figure comparable across
sizes). Growth rows compare the largest size with the one before it: the rebuild rate must stay
within 15% (issue 12); the others are shown.
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
APPENDED = 10_000
REBUILD_GROWTH = 0.85  # the largest size's rebuild rate over the one before it (issue 12: within 15%)


def append_rate(cached: Path, size: int) -> dict[str, Any]:
    """`tracker append --file` of APPENDED new facts into a private copy of the store."""
    with common.temp_dir("scaling-append-") as scratch:
        store = common.copy_store(cached, scratch / "store")
        facts = scratch / "new.jsonl"
        facts.write_text("".join(common.fact_line(i) for i in range(size, size + APPENDED)), encoding="utf-8")
        r = common.tracker("append", "--file", str(facts), "--store", str(store))
    return {"append_rate": APPENDED / r["wall"], "append_s": r["wall"]}


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
    ap = append_rate(store, size)
    v = verify.measure_verify(store)
    st, st_n = status_wall(store)
    ao, ao_n = status_wall(store, "--as-of", catch_up.AS_OF)
    mid = common.date_of(size // 2).isoformat()
    am, am_n = status_wall(store, "--as-of", mid)
    out = {
        "size": size,
        "events": events,
        **ap,
        "rebuild_rate": rb["rate"],
        "rebuild_cpu_rate": rb["cpu_rate"],
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
        f"  {events:>9,} events: append {ap['append_rate']:>7,.0f} facts/s"
        f" | rebuild {rb['rate']:>7,.0f} ev/s ({rb['cpu_rate']:>7,.0f} a CPU-s) {rb['rss_mb']:>4.0f} MB"
        f" | verify {v['rate']:>9,.0f} ev/s"
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
            common.row(f"scaling append ({k})", p["append_rate"], "facts/s", target="(info)"),
            common.row(f"scaling rebuild ({k})", p["rebuild_rate"], "events/s", target="(info)"),
            common.row(f"scaling rebuild CPU ({k})", p["rebuild_cpu_rate"], "events/CPU-s", target="(info)"),
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
        before, last = points[-2], points[-1]
        k = f"{last['events'] // 1000:,}k/{before['events'] // 1000:,}k"
        growth_rows = [
            ("append rate", "append_rate", None),
            ("rebuild rate", "rebuild_rate", REBUILD_GROWTH),
            ("rebuild CPU rate", "rebuild_cpu_rate", None),
            ("verify rate", "verify_rate", None),
        ]
        for name, key, floor in growth_rows:
            ratio = last[key] / before[key]
            rows.append(
                common.row(
                    f"scaling {name} growth ({k})",
                    last[key],
                    "per s",
                    baseline=before[key],
                    baseline_label=f"{before['events']:,} events",
                    target=f">= {floor} x" if floor else "(info)",
                    ok=ratio >= floor if floor else None,
                )
            )
        # A status over a full year's window costs the same at every size, or grows slowly (index depth).
        rows.append(
            common.row(
                f"scaling as-of mid growth ({k})",
                last["as_of_mid_ms"],
                "ms",
                baseline=before["as_of_mid_ms"],
                baseline_label=f"{before['events']:,} events",
                target="(info)",
            )
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
