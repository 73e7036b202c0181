"""One append: `tracker append meeting ...` as a process, median wall time of 20 runs.

Baseline: `python -c pass`, median of 20, interleaved with the appends (the machine is shared:
compare the two, not the milliseconds). The tracker code runs from a bytecode cache, as an
installed package does (a scratch PYTHONPYCACHEPREFIX, filled by a warm-up run, so that
PYTHONDONTWRITEBYTECODE in the environment does not make every run compile tracker/ and
events/ again); the median with those two compiled at every run is reported beside, for information.

Also: where the time of one append goes (phases timed inside the process, medians of 10 runs),
a check that the append path imports none of the heavy optional modules nor what it keeps lazy
(typer and click, the other commands, feeds, extraction, reports), and the cumulative import
time of tracker.cli from `python -X importtime`.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

RUNS = 20
BREAKDOWN_RUNS = 10
TARGET_MS = 120
HEAVY = ("httpx", "feedparser", "apscheduler", "rich", "jinja2")
# Kept off the append path (issue 12): typer and click (tracker.cli.quick parses a plain append),
# the other commands' modules, the feed poller and its parsing, extraction and its Chinese tools,
# the renderers. A module path names the module and everything under it.
LAZY = (
    "typer", "click", "opencc", "pypinyin", "xml", "tracker.extract", "tracker.feeds", "tracker.reports",
    "tracker.cli.common", "tracker.cli.feeds", "tracker.cli.ledger", "tracker.cli.nouns", "tracker.cli.poll",
    "tracker.cli.reading", "tracker.cli.reports", "tracker.cli.review", "tracker.cli.storage",
    "tracker.input.feeds", "tracker.input.peer", "tracker.demo",
)  # fmt: skip

APPEND = ["append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner"]

IMPORTS_SNIPPET = r"""
import atexit, json, sys
def dump():
    with open(%(out)r, "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(dump)
sys.argv = ["tracker", *%(args)r]
import tracker.cli
tracker.cli.main()
"""

# The console script's work, timed at its seams: the import of tracker.session marks the end of the
# command line's part; wrappers put on as that module finishes importing time the library's steps.
BREAKDOWN_SNIPPET = r"""
import importlib.util, json, sys, time
t0 = time.perf_counter()
marks, spent = {}, {}

def timed(owner, name, key):
    inner = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - start
            marks[key + ".end"] = time.perf_counter()
    setattr(owner, name, wrapper)

def instrument(session):
    application, log = sys.modules["tracker.application"], sys.modules["tracker.store.log"]
    marks["library"] = time.perf_counter()
    timed(session, "open_session", "open")
    timed(session.Session, "_parse", "names")
    timed(application.Ledger, "_load", "load")
    timed(application.Ledger, "_decide", "decide")
    timed(log.EventLog, "put", "write")
    timed(session.Session, "append", "append")

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name != "tracker.session":
            return None
        marks["cli"] = time.perf_counter()
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            instrument(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Spy())
sys.argv = ["tracker", *%(args)r]
import tracker.cli
try:
    tracker.cli.main()
finally:
    marks["end"] = time.perf_counter()
    with open(%(out)r, "w") as f:
        json.dump({"t0": t0, "marks": marks, "spent": spent}, f)
"""

# Phase, and how it is computed from a breakdown run (ms).
PHASES = (
    ("interpreter start-up (python -c pass)", "baseline"),
    ("command line: tracker.cli and tracker.errors (→ events) imported, arguments read", "cli"),
    ("import the library (tracker.session: eventsourcing, events, input, store, views)", "library"),
    ("open the store (event log and read models)", "open"),
    ("name lookup and parsing (gazetteer, fact → command)", "names"),
    ("decide (load aggregates, dedup; aggregate classes imported)", "decide"),
    ("write (one transaction)", "write"),
    ("print the outcome, close", "output"),
    ("interpreter exit", "exit"),
)


def append_args(store: Path, i: int) -> list[str]:
    day = date(2023, 7, 12) + timedelta(days=3 * i)  # 3 days apart: never merged with each other
    return [*APPEND, "--on", day.isoformat(), "--source", f"https://x.org/{i}", "--store", str(store)]


def cached_env(scratch: Path) -> dict[str, str]:
    """Bytecode written to (and read from) a scratch cache, whatever PYTHONDONTWRITEBYTECODE says."""
    return {"PYTHONPYCACHEPREFIX": str(scratch / "pycache"), "PYTHONDONTWRITEBYTECODE": ""}


def uncached_env(store: Path, scratch: Path) -> dict[str, str]:
    """A bytecode cache for everything but tracker/ and events/, which are compiled at every run."""
    prefix = scratch / "pycache-cold"
    env = {"PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": ""}
    common.run([common.TRACKER, *append_args(store, 4000)], env=env)  # fills the cache
    for package in ("tracker", "events"):
        shutil.rmtree(prefix / common.ROOT.relative_to(common.ROOT.anchor) / package, ignore_errors=True)
    return {**env, "PYTHONDONTWRITEBYTECODE": "1"}


def imported_modules(store: Path, scratch: Path, env: dict[str, str]) -> list[str]:
    out = scratch / "modules.json"
    args = append_args(store, 5000)
    common.python_snippet(IMPORTS_SNIPPET % {"out": str(out), "args": args}, env=env)
    return json.loads(out.read_text())


def import_time_ms(env: dict[str, str]) -> float | None:
    """Cumulative import time of tracker.cli (from -X importtime), in ms."""
    r = common.run([common.PYTHON, "-X", "importtime", "-c", "import tracker.cli"], env=env)
    for line in r["stderr"].splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "tracker.cli":
            return int(parts[1]) / 1000
    return None


def breakdown_run(store: Path, scratch: Path, i: int, env: dict[str, str]) -> dict[str, float]:
    """One instrumented append: each phase in ms, the process's own start-up and exit included."""
    out = scratch / "breakdown.json"
    r = common.python_snippet(BREAKDOWN_SNIPPET % {"out": str(out), "args": append_args(store, i)}, env=env)
    data = json.loads(out.read_text())
    t0, m, spent = data["t0"], data["marks"], data["spent"]
    ms = {k: v * 1000 for k, v in spent.items()}
    phases = {
        "cli": (m["cli"] - t0) * 1000,
        "library": (m["library"] - m["cli"]) * 1000,
        "open": ms["open"],
        "names": ms["names"],
        "decide": ms["load"] + ms["decide"],
        "write": ms["write"],
        "output": (m["end"] - m["append.end"]) * 1000,
    }
    inside = (m["end"] - t0) * 1000
    # Left inside the process: the command's work between the library's calls (building the fact,
    # the session context).
    phases["other"] = inside - sum(phases.values())
    phases["outside"] = r["wall"] * 1000 - inside  # start-up and exit: the baseline is taken off below
    return phases


def breakdown(store: Path, scratch: Path, env: dict[str, str]) -> dict[str, float]:
    """Medians of the phases, each run beside a `python -c pass` whose median is the start-up and is taken off the exit."""
    runs, base = [], []
    for i in range(BREAKDOWN_RUNS):
        runs.append(breakdown_run(store, scratch, 2000 + i, env))
        base.append(common.run([common.PYTHON, "-c", "pass"])["wall"] * 1000)
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    result["baseline"] = statistics.median(base)
    result["exit"] = result.pop("outside") - result["baseline"]
    return result


def main(**_: Any) -> dict[str, Any]:
    print(f"one append: median of {RUNS} processes, each beside a `python -c pass`", flush=True)
    with common.temp_dir("one-") as scratch:
        store = scratch / "store"
        env = cached_env(scratch)
        common.tracker("init", "--store", str(store))
        common.tracker("append", "--file", str(common.facts_file(0, 1000)), "--store", str(store))
        # Warm-up: the first append after init also catches up the views, and fills the bytecode cache.
        common.run([common.TRACKER, *append_args(store, 1000)], env=env)
        no_cache = uncached_env(store, scratch)
        walls, base, cold = [], [], []
        for i in range(RUNS):  # interleaved, so that a busy spell of the machine hits all alike
            walls.append(common.run([common.TRACKER, *append_args(store, i)], env=env)["wall"])
            base.append(common.run([common.PYTHON, "-c", "pass"])["wall"])
            if i % 4 == 0:
                cold.append(common.run([common.TRACKER, *append_args(store, 100 + i)], env=no_cache)["wall"])
        base_med = statistics.median(base) * 1000
        phases = breakdown(store, scratch, env)
        modules = imported_modules(store, scratch, env)
        imp = import_time_ms(env)
    med = statistics.median(walls) * 1000
    cold_med = statistics.median(cold) * 1000
    heavy = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})
    lazy = sorted({p for p in LAZY for m in modules if m == p or m.startswith(p + ".")})
    print(f"  tracker append: median {med:.0f} ms (min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f})")
    print(f"  python -c pass: median {base_med:.0f} ms (same run); ratio {med / base_med:.1f}")
    print(f"  tracker/, events/ not byte-compiled (compiled at every run): median {cold_med:.0f} ms of {len(cold)}")
    print(f"  import tracker.cli: {imp:.0f} ms cumulative" if imp is not None else "  import tracker.cli: n/a")
    print(f"  heavy modules imported by the append path: {', '.join(heavy) or 'none'} ({len(modules)} modules)")
    print(f"  lazy modules imported by the append path: {', '.join(lazy) or 'none'}")
    print(f"  where the time goes (medians of {BREAKDOWN_RUNS} instrumented runs, ms):")
    for label, key in PHASES:
        print(f"    {label:<84} {phases[key]:6.1f}")
    print(f"    {'(other: between the calls above)':<84} {phases['other']:6.1f}")
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
        common.row("one append, tracker not byte-compiled", cold_med, "ms", baseline=base_med, target="(info)"),
        common.row(
            "one append: heavy imports",
            len(heavy),
            "modules",
            target="0 of " + "/".join(HEAVY),
            ok=not heavy,
            note=("imports " + ", ".join(heavy)) if heavy else "",
        ),
        common.row(
            "one append: lazy imports",
            len(lazy),
            "modules",
            target="0 (typer, click, other commands, feeds, extract, reports)",
            ok=not lazy,
            note=("imports " + ", ".join(lazy)) if lazy else "",
        ),
        common.row("import tracker.cli", imp, "ms", target="(info)"),
    ]
    return {
        "measure": "one append",
        "walls_ms": [w * 1000 for w in walls],
        "baseline_walls_ms": [w * 1000 for w in base],
        "no_bytecode_cache_walls_ms": [w * 1000 for w in cold],
        "breakdown_ms": phases,
        "heavy_imports": heavy,
        "lazy_imports": lazy,
        "module_count": len(modules),
        "import_ms": imp,
        "rows": rows,
    }


if __name__ == "__main__":
    args = common.base_parser(__doc__.splitlines()[0]).parse_args()
    common.finish(main(), args)
