"""One append: `tracker append meeting ...` as a process, median wall time of 20 runs.

Baseline: `python -c pass`, median of 20. Also checks that the append path imports none of
the heavy optional modules (httpx, feedparser, apscheduler, rich, jinja2), and reports the
cumulative import time of tracker.cli from `python -X importtime`.
"""

from __future__ import annotations

import json
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

RUNS = 20
TARGET_MS = 200
HEAVY = ("httpx", "feedparser", "apscheduler", "rich", "jinja2")

IMPORTS_SNIPPET = r"""
import atexit, json, sys
def dump():
    with open(%(out)r, "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(dump)
sys.argv = ["tracker", "append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-06-01",
            "--source", "https://x.org/imports", "--store", %(store)r]
import tracker.cli
tracker.cli.main()
"""


def append_cmd(store: Path, i: int) -> list[str]:
    day = date(2023, 7, 12) + timedelta(days=3 * i)  # 3 days apart: never merged with each other
    return [
        common.TRACKER, "append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner",
        "--on", day.isoformat(), "--source", f"https://x.org/{i}", "--store", str(store),
    ]  # fmt: skip


def imported_modules(store: Path, scratch: Path) -> list[str]:
    out = scratch / "modules.json"
    common.python_snippet(IMPORTS_SNIPPET % {"out": str(out), "store": str(store)})
    return json.loads(out.read_text())


def import_time_ms() -> float | None:
    """Cumulative import time of tracker.cli (from -X importtime), in ms."""
    r = common.run([common.PYTHON, "-X", "importtime", "-c", "import tracker.cli"])
    for line in r["stderr"].splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "tracker.cli":
            return int(parts[1]) / 1000
    return None


def main(**_: Any) -> dict[str, Any]:
    print(f"one append: median of {RUNS} processes", flush=True)
    with common.temp_dir("one-") as scratch:
        store = scratch / "store"
        common.tracker("init", "--store", str(store))
        common.tracker("append", "--file", str(common.facts_file(0, 1000)), "--store", str(store))
        common.run(append_cmd(store, 1000))  # warm-up: first append after init also catches up the views
        walls = [common.run(append_cmd(store, i))["wall"] for i in range(RUNS)]
        base = [common.run([common.PYTHON, "-c", "pass"])["wall"] for _ in range(RUNS)]
        modules = imported_modules(store, scratch)
    med = statistics.median(walls) * 1000
    base_med = statistics.median(base) * 1000
    heavy = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})
    imp = import_time_ms()
    print(f"  tracker append: median {med:.0f} ms (min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f})")
    print(f"  python -c pass: median {base_med:.0f} ms")
    print(f"  import tracker.cli: {imp:.0f} ms cumulative" if imp is not None else "  import tracker.cli: n/a")
    print(f"  heavy modules imported by the append path: {', '.join(heavy) or 'none'} ({len(modules)} modules)")
    rows = [
        common.row(
            "one append",
            med,
            "ms",
            baseline=base_med,
            baseline_label="python -c pass",
            target=f"<= {TARGET_MS}",
            ok=med <= TARGET_MS,
        ),
        common.row(
            "one append: heavy imports",
            len(heavy),
            "modules",
            target="0 of " + "/".join(HEAVY),
            ok=not heavy,
            note=("imports " + ", ".join(heavy)) if heavy else "",
        ),
        common.row("import tracker.cli", imp, "ms", target="(info)"),
    ]
    return {
        "measure": "one append",
        "walls_ms": [w * 1000 for w in walls],
        "baseline_walls_ms": [w * 1000 for w in base],
        "heavy_imports": heavy,
        "module_count": len(modules),
        "import_ms": imp,
        "rows": rows,
    }


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(), args)
