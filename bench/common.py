"""Shared benchmark helpers: timing, subprocess runs with peak RSS, the cached store builder, result tables.

Standard library only (plus the tracker and eventsourcing packages the venv already has).
Every measure script returns a dict {"measure": ..., "rows": [row, ...], ...}; a row is
{measure, value, unit, baseline, ratio, target, pass}. `bench/run` collects the rows.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
# Bump when the generator or the store format changes: cached stores are keyed by it.
DATA_VERSION = os.environ.get("BENCH_DATA_VERSION", "v1")
FULL_SIZE = 1_000_000
QUICK_SIZE = 100_000
CHUNK = 100_000

PYTHON = sys.executable
TRACKER = str(Path(sys.executable).parent / "tracker")

KINDS = ["meeting", "call", "statement", "demand", "criticism", "appeal", "intent-to-meet"]
PAIRS = [
    ["Xie Feng", "Ely Ratner"],
    ["Lloyd Austin", "董军"],
    ["Antony Blinken", "Wang Yi"],
    ["Janet Yellen", "He Lifeng"],
    ["Jake Sullivan", "Li Shangfu"],
]
EPOCH = date(1900, 1, 1)
COMBOS = len(KINDS) * len(PAIRS)  # 35 (kind, pair) combinations, each on its own 3-day grid


# -- facts ------------------------------------------------------------------------------


def fact(i: int) -> dict[str, Any]:
    """Fact number i: no two facts share (kind, pair) within a day, so none are merged."""
    day = EPOCH + timedelta(days=3 * (i // COMBOS))
    kind = KINDS[i % len(KINDS)]
    pair = PAIRS[(i // len(KINDS)) % len(PAIRS)]
    return {
        "kind": kind,
        "participants": pair,
        "occurred_on": day.isoformat(),
        "source": {"url": f"https://example.org/{i}", "outlet": "Bench", "language": "en"},
        "summary": f"Bench fact {i}: {kind} between {pair[0]} and {pair[1]}.",
    }


def fact_line(i: int) -> str:
    return json.dumps(fact(i), ensure_ascii=False) + "\n"


def write_facts(path: Path, start: int, count: int) -> Path:
    """Facts start .. start+count-1 as JSON lines (cached: an existing complete file is reused)."""
    if path.exists() and path.with_suffix(".ok").exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for i in range(start, start + count):
            f.write(fact_line(i))
    tmp.replace(path)
    path.with_suffix(".ok").write_text("")
    return path


def facts_file(start: int, count: int) -> Path:
    return write_facts(DATA / DATA_VERSION / "facts" / f"facts-{start}-{count}.jsonl", start, count)


def date_of(i: int) -> date:
    return EPOCH + timedelta(days=3 * (i // COMBOS))


# -- timing -----------------------------------------------------------------------------


_BYTECODE = {
    "PYTHONPYCACHEPREFIX": str(Path(__file__).resolve().parent / "data" / "pycache"),
    "PYTHONDONTWRITEBYTECODE": "",
}


class Failed(RuntimeError):
    """A benchmarked command exited non-zero."""


def run(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, check: bool = True, input: str | None = None
) -> dict[str, Any]:
    """Run a command; returns wall seconds, peak RSS (MB) of that child, exit code, stdout, stderr."""
    # Bytecode cached as an installed package has it (a sandbox's PYTHONDONTWRITEBYTECODE would make
    # every timed process compile tracker/ and events/ again: 50–70 ms each); a caller may override.
    full_env = {**os.environ, **_BYTECODE, **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            list(cmd), stdout=out, stderr=err, stdin=subprocess.PIPE if input else subprocess.DEVNULL, env=full_env
        )
        if input:
            assert p.stdin is not None
            p.stdin.write(input.encode())
            p.stdin.close()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    result = {
        "wall": wall,
        "rss_mb": usage.ru_maxrss / 1024,
        # CPU and block I/O of the child: a slow run that read from disk, or waited for CPU, shows here.
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "sys_s": usage.ru_stime,
        "in_blocks": usage.ru_inblock,
        "out_blocks": usage.ru_oublock,
        "rc": p.returncode,
        "stdout": stdout,
        "stderr": stderr,
    }
    if check and p.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited {p.returncode}: {stderr.strip()[-2000:]}")
    return result


def tracker(*args: str, **kw: Any) -> dict[str, Any]:
    return run([TRACKER, *args], **kw)


def python_snippet(code: str, **kw: Any) -> dict[str, Any]:
    """Run Python code in a fresh interpreter; if it prints a JSON line last, it is parsed into ["json"]."""
    result = run([PYTHON, "-c", code], **kw)
    lines = [line for line in result["stdout"].splitlines() if line.strip()]
    if lines:
        with suppress(json.JSONDecodeError):
            result["json"] = json.loads(lines[-1])
    return result


def median_wall(make_cmd: Callable[[int], Sequence[str]], runs: int = 20) -> tuple[float, list[float]]:
    walls = [run(make_cmd(i))["wall"] for i in range(runs)]
    return statistics.median(walls), walls


@contextmanager
def temp_dir(prefix: str = "bench-") -> Iterator[Path]:
    """A scratch folder under bench/data (same disk as the cached stores; /tmp may be tmpfs)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=DATA))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# -- the cached store -------------------------------------------------------------------


def store_path(size: int) -> Path:
    return DATA / DATA_VERSION / f"store-{size}"


def build_store(size: int, *, log: Callable[[str], None] | None = None) -> Path:
    """The store with `size` generated facts (plus reference data), built once and cached.

    `tracker init`, then `tracker append --file` in chunks of 100,000, then one `tracker status`
    so the views are caught up. A `complete.json` marker makes a half-built store get rebuilt.
    """
    log = log or (lambda m: print(m, file=sys.stderr, flush=True))
    path = store_path(size)
    marker = path / "complete.json"
    if marker.exists():
        built = json.loads(marker.read_text()).get("code")
        if built and built != code_fingerprint():
            log(
                f"note: {path.name} was built by different events/ code (fingerprint {built} != {code_fingerprint()});"
                " delete it or set BENCH_DATA_VERSION to rebuild"
            )
        ensure_views(path, log)
        return path
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    log(f"building the {size:,}-fact store in {path} (cached for later runs)")
    t0 = time.perf_counter()
    tracker("init", "--store", str(path))
    for start in range(0, size, CHUNK):
        count = min(CHUNK, size - start)
        f = facts_file(start, count)
        r = tracker("append", "--file", str(f), "--store", str(path))
        log(f"  facts {start:,}..{start + count - 1:,}: {r['wall']:.1f} s ({count / r['wall']:,.0f} facts/s)")
    r = tracker("status", "--format", "json", "--store", str(path))
    log(f"  views caught up: {r['wall']:.1f} s")
    checkpoint(path)
    events = count_events(path)
    marker.write_text(
        json.dumps(
            {
                "facts": size,
                "events": events,
                "version": DATA_VERSION,
                "code": code_fingerprint(),
                "seconds": time.perf_counter() - t0,
            }
        )
    )
    log(f"  store ready: {events:,} events in {time.perf_counter() - t0:.0f} s")
    return path


def ensure_views(path: Path, log: Callable[[str], None]) -> None:
    """Rebuild a cached store's views when the current code has projections they lack, or they lag the log.

    (The read-model schema may change under a cached store: a new projection without a schema bump.)
    """
    from tracker.views.projections import NAMES

    r = tracker("projections", "status", "--format", "json", "--store", str(path), check=False)
    try:
        info = json.loads(r["stdout"])
        have = {p["name"]: p["position"] for p in info["projections"]}
        ok = r["rc"] == 0 and set(NAMES) <= set(have) and all(have[n] == info["log_position"] for n in NAMES)
    except (json.JSONDecodeError, KeyError, TypeError):
        ok = False
    if ok:
        return
    log(f"  the views of {path.name} do not match the current projections; rebuilding them (cached afterwards)")
    r = tracker("projections", "rebuild", "--store", str(path))
    log(f"  {r['stdout'].strip()} in {r['wall']:.1f} s")
    checkpoint(path)


def code_fingerprint() -> str:
    """A short hash of events/*.py: the stored event format. A mismatch is reported, not acted on."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted((ROOT / "events").glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


def store_info(path: Path) -> dict[str, Any]:
    return json.loads((path / "complete.json").read_text())


def checkpoint(path: Path) -> None:
    """Fold the WAL into the database files so copies are self-contained."""
    for name in ("events.db", "views.db"):
        db = path / name
        if db.exists():
            conn = sqlite3.connect(str(db))
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()


def count_events(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path / 'events.db'}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    finally:
        conn.close()


def copy_store(src: Path, dst: Path) -> Path:
    """A private copy of a cached store, for measures that write to it."""
    checkpoint(src)
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("events.db", "views.db"):
        if (src / name).exists():
            shutil.copyfile(src / name, dst / name)
    # Flush the copy's dirty pages now: otherwise the kernel writes them back during the
    # measurement, and the first fsync of the measured command waits for gigabytes.
    os.sync()
    return dst


def size_from_args(args: Any) -> int:
    if getattr(args, "size", None):
        return int(args.size)
    return QUICK_SIZE if getattr(args, "quick", False) else FULL_SIZE


def new_id(i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/{i}"))


# The library baseline for reading the log: page through notifications and decode each one.
DECODE_SNIPPET = r"""
import json, sys, time
from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent
from tracker.session import open_session
s = open_session({store!r})
app = s.store
assert type(app.mapper.transcoder).__name__ == "JSONTranscoder", app.mapper.transcoder
t0 = time.perf_counter()
n = 0
start = 0
while True:
    batch = app.recorder.select_notifications(start, limit=1000, inclusive_of_start=False)
    if not batch:
        break
    for x in batch:
        app.mapper.to_domain_event(StoredEvent(x.originator_id, x.originator_version, x.topic, x.state))
    n += len(batch)
    start = batch[-1].id
wall = time.perf_counter() - t0
s.close()
print(json.dumps({{"events": n, "seconds": wall}}))
"""


# The library's own transcoder for the baseline: tracker's log decodes through orjson/msgspec
# (tracker.store.jsoncodec) unless told otherwise.
LIBRARY_TRANSCODER = {"TRACKER_TRANSCODER_TOPIC": "eventsourcing.persistence:JSONTranscoder"}


def decode_baseline(store: Path) -> dict[str, Any]:
    """Decode the whole log with the library (in a subprocess): events, seconds, events/s, peak RSS."""
    r = python_snippet(DECODE_SNIPPET.format(store=str(store)), env=LIBRARY_TRANSCODER)
    j = r["json"]
    return {"events": j["events"], "seconds": j["seconds"], "rate": j["events"] / j["seconds"], "rss_mb": r["rss_mb"]}


# -- results ----------------------------------------------------------------------------


def row(
    measure: str,
    value: float | None,
    unit: str,
    *,
    baseline: float | None = None,
    baseline_label: str | None = None,
    ratio: float | None = None,
    target: str = "",
    ok: bool | None = None,
    note: str = "",
) -> dict[str, Any]:
    if ratio is None and baseline and value is not None:
        ratio = value / baseline
    return {
        "measure": measure,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_label": baseline_label,
        "ratio": ratio,
        "target": target,
        "pass": ok,
        "note": note,
    }


def fmt_num(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return f"{x:,}"
    if isinstance(x, float):
        if abs(x) >= 1000:
            return f"{x:,.0f}"
        if abs(x) >= 10:
            return f"{x:.1f}"
        return f"{x:.3g}" if abs(x) >= 0.01 else f"{x:.2g}"
    return str(x)


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "FAIL")


def print_table(rows: list[dict[str, Any]], out: Any = None) -> None:
    out = out or sys.stdout
    headers = ["measure", "value", "unit", "baseline", "ratio", "target", "pass"]
    table = [
        [
            r["measure"],
            fmt_num(r["value"]),
            r["unit"],
            fmt_num(r["baseline"]) + (f" ({r['baseline_label']})" if r.get("baseline_label") else ""),
            fmt_num(r["ratio"]),
            r["target"],
            verdict(r["pass"]),
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line, file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for t in table:
        print("  ".join(c.ljust(w) for c, w in zip(t, widths, strict=True)), file=out)
    for r in rows:
        if r.get("note"):
            print(f"  note: {r['measure']}: {r['note']}", file=out)


def base_parser(description: str) -> Any:
    import argparse

    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help=f"use the {QUICK_SIZE:,}-fact store instead of {FULL_SIZE:,}")
    p.add_argument("--size", type=int, help="store size in facts (overrides --quick)")
    p.add_argument("--json", action="store_true", help="print the result dict as JSON too")
    return p


def finish(result: dict[str, Any], args: Any) -> dict[str, Any]:
    print()
    print_table(result["rows"])
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return result


def machine() -> dict[str, Any]:
    import platform

    mem = {}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("MemTotal", "MemAvailable"):
                mem[key] = value.strip()
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
