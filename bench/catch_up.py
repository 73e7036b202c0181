"""Catch-up and as-of on a private copy of the cached store (1M events; 100k with --quick).

catch-up: with the views caught up, append 10 new facts (one `tracker append --file`), then time
`tracker status --format json` as a process: it must catch the views up by those 10 events.
as-of: then time `tracker status --as-of 2010-06-30 --format json` (views caught up).
Baselines: `tracker status --format json` with nothing to catch up (for catch-up), and
`python -c pass` (process start-up floor).
Where the time goes: after 10 more facts, the same work in one process, phase by phase (imports,
opening the store, catching up, the status query, its JSON, closing), each timed; printed, and
kept in the result as `phases_ms`.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_CATCH_UP_MS = 250
TARGET_AS_OF_MS = 1000
AS_OF = "2010-06-30"
# The views file is read through a memory map: the pages a query touches (and the kernel maps around them)
# count in RSS, though they are the kernel's shared page cache, not memory the process allocated.
MAPPED = ", with mapped pages of views.db"


PHASES_SNIPPET = r"""
import json, sys, time
t = [time.perf_counter()]
phases = {}
def lap(name):
    now = time.perf_counter()
    phases[name] = round((now - t[0]) * 1000, 1)
    t[0] = now
from tracker.session import open_session
from tracker.reports.render import render_status
lap("imports")
s = open_session(%(store)r)
lap("open")
caught = s.catch_up()
lap("catch-up")
status = s.status()
lap("status query")
text = render_status(status, "json")
lap("json")
s.close()
lap("close")
print(json.dumps({"phases": phases, "caught_up": caught, "bytes": len(text)}))
"""


def status_cmd(store: Path, *extra: str) -> list[str]:
    return [common.TRACKER, "status", "--format", "json", *extra, "--store", str(store)]


def measure(store: Path, size: int, scratch: Path) -> dict[str, Any]:
    """Run on a store whose views are caught up; appends 10 facts to it."""
    common.run(status_cmd(store))  # make sure the views are caught up, warm the page cache
    caught_up = statistics.median(common.run(status_cmd(store))["wall"] for _ in range(3))
    new = scratch / "ten.jsonl"
    new.write_text("".join(common.fact_line(i) for i in range(size, size + 10)), encoding="utf-8")
    appended = common.tracker("append", "--file", str(new), "--store", str(store))
    r = common.run(status_cmd(store))
    status = json.loads(r["stdout"])
    a = common.run(status_cmd(store, "--as-of", AS_OF))
    as_of = json.loads(a["stdout"])
    more = scratch / "ten-more.jsonl"
    more.write_text("".join(common.fact_line(i) for i in range(size + 10, size + 20)), encoding="utf-8")
    common.tracker("append", "--file", str(more), "--store", str(store))
    phases = common.python_snippet(PHASES_SNIPPET % {"store": str(store)})["json"]
    return {
        "status_caught_up_s": caught_up,
        "append_10_s": appended["wall"],
        "append_output": appended["stdout"].strip(),
        "catch_up_s": r["wall"],
        "catch_up_rss_mb": r["rss_mb"],
        "catch_up_interactions": len(status.get("interactions", [])),
        "as_of_s": a["wall"],
        "as_of_rss_mb": a["rss_mb"],
        "as_of_interactions": len(as_of.get("interactions", [])),
        "as_of_bytes": len(a["stdout"]),
        "as_of_echo": as_of.get("as_of"),
        "phases_ms": phases["phases"],
        "phases_caught_up": phases["caught_up"],
    }


def main(size: int = common.FULL_SIZE, **_: Any) -> dict[str, Any]:
    cached = common.build_store(size)
    events = common.store_info(cached)["events"]
    print(f"catch-up and as-of on a copy of the {events:,}-event store", flush=True)
    with common.temp_dir("catchup-") as scratch:
        store = common.copy_store(cached, scratch / "store")
        m = measure(store, size, scratch)
    base = statistics.median(common.run([common.PYTHON, "-c", "pass"])["wall"] for _ in range(5))
    print(f"  status, nothing to catch up:     {m['status_caught_up_s'] * 1000:.0f} ms")
    print(f"  append 10 facts:                 {m['append_10_s'] * 1000:.0f} ms ({m['append_output']})")
    print(
        f"  status after 10 new facts:       {m['catch_up_s'] * 1000:.0f} ms (peak RSS {m['catch_up_rss_mb']:.0f} MB{MAPPED})"
    )
    print(
        f"  status --as-of {AS_OF}:       {m['as_of_s'] * 1000:.0f} ms, {m['as_of_interactions']:,} interactions, "
        f"{m['as_of_bytes']:,} bytes (peak RSS {m['as_of_rss_mb']:.0f} MB{MAPPED})"
    )
    print(
        f"  in one process, after 10 more:   {', '.join(f'{k} {v:.0f} ms' for k, v in m['phases_ms'].items())}"
        f" ({m['phases_caught_up']} events caught up)"
    )
    label = f"{events // 1000:,}k events"
    catch_ms = m["catch_up_s"] * 1000
    as_of_ms = m["as_of_s"] * 1000
    rows = [
        common.row(
            f"catch-up status ({label})",
            catch_ms,
            "ms",
            baseline=m["status_caught_up_s"] * 1000,
            baseline_label="status, caught up",
            target=f"<= {TARGET_CATCH_UP_MS}",
            ok=catch_ms <= TARGET_CATCH_UP_MS,
        ),
        common.row(
            f"as-of status ({label})",
            as_of_ms,
            "ms",
            baseline=base * 1000,
            baseline_label="python -c pass",
            target=f"<= {TARGET_AS_OF_MS}",
            ok=as_of_ms <= TARGET_AS_OF_MS and m["as_of_echo"] == AS_OF,
            note="" if m["as_of_echo"] == AS_OF else f"as_of in output is {m['as_of_echo']!r}",
        ),
    ]
    return {"measure": "catch-up", "size": size, "events": events, **m, "rows": rows}


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(common.size_from_args(args)), args)
