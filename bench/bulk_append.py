"""Bulk append: `tracker append --file` of 100,000 facts as a subprocess, in facts/s.

Baselines, in the same run:
  (library) eventsourcing's own `app.events.put` of the same events (built by tracker's parsing and
      decisions beforehand, outside the timing) in one call, through tracker's own
      BulkSQLiteApplicationRecorder (executemany and the hash chain) and the library's default
      JSONTranscoder with tracker's date transcoding, GC off as tracker has it: the path tracker
      itself takes, as the library does it. Its events/s against tracker's facts/s (one event a fact here).
  (raw) sqlite3 `executemany` of the same JSON lines into an event-shaped table, one transaction, WAL.
Then how appends hold up as the store grows: the next 100,000 facts appended to a copy of the
cached store (1M facts; 100k with --quick) against the first 100,000 into a fresh store; and
appending the first 100,000 again (every fact known: nothing new is written).
Also PostgreSQL (a fresh schema in the local `test` database) unless --skip-postgres.

The SQLite fresh append, the library's put and the next chunk are run in turns, --repeats rounds
(3), after one small untimed append; each is reported as its median, with every run beside it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

FACTS = 100_000
TARGET_RATE = 30_000
TARGET_RATIO = 0.6
TARGET_PG = 20_000
TARGET_GROWTH = 1.10  # the chunk appended to the big store takes at most 10% longer than the first
TARGET_KNOWN = 3.0  # seconds to append 100,000 facts the store already holds
REPEATS = 3  # rounds of the interleaved SQLite runs; each figure is the median
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def tracker_sqlite(facts: Path, scratch: Path, known: bool = True) -> dict[str, Any]:
    store = scratch / "store-sqlite"
    common.tracker("init", "--store", str(store))
    r = common.tracker("append", "--file", str(facts), "--store", str(store))
    out = {
        "seconds": r["wall"],
        "rate": FACTS / r["wall"],
        "rss_mb": r["rss_mb"],
        "cpu_s": r["cpu_s"],
        "output": r["stdout"].strip(),
    }
    if known:
        # The same facts again: all known, so nothing is written (the idempotent re-append).
        again = common.tracker("append", "--file", str(facts), "--store", str(store))
        out["known"] = {"seconds": again["wall"], "output": again["stdout"].strip()}
    return out


def warm_up(scratch: Path) -> None:
    """A small untimed append first, so no timed process compiles bytecode or reads cold files.

    The bench keeps tracker's bytecode under bench/data/pycache: after any change to the code,
    the first process to import a module compiles it (tens of ms). An installed package has
    its bytecode compiled at install, so the timed processes should find it compiled too.
    """
    store = scratch / "store-warm-up"
    common.tracker("init", "--store", str(store))
    common.tracker("append", "--file", str(common.facts_file(0, 1000)), "--store", str(store))
    shutil.rmtree(store, ignore_errors=True)


def paired_runs(facts: Path, size: int, scratch: Path, repeats: int) -> dict[str, list[dict[str, Any]]]:
    """The fresh append, the library's put and the next chunk into the big store, interleaved `repeats` times.

    One sample of each, taken minutes apart, moved by a second or more with the machine's load
    (the same fresh append took 3.1 to 4.7 s within an hour); taken in turns, with the order
    reversed every other round, each median faces the same minutes as the others.
    """
    common.build_store(size)  # built (or checked) before anything is timed
    runs: dict[str, list[dict[str, Any]]] = {"fresh": [], "library": [], "grown": []}
    for round_ in range(repeats):
        order = ["fresh", "library", "grown"]
        for which in order if round_ % 2 == 0 else order[::-1]:
            with common.temp_dir(f"bulk-{which}-") as d:
                if which == "fresh":
                    runs[which].append(tracker_sqlite(facts, d, known=round_ == 0))
                elif which == "library":
                    runs[which].append(library_put(facts, d))
                else:
                    runs[which].append(later_chunk(size, d))
    return runs


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median time (the upper median for an even count), with every run's seconds beside it."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    out = dict(ordered[len(ordered) // 2])
    out["runs_seconds"] = [round(r["seconds"], 3) for r in runs]
    out.update({k: v for k, v in runs[0].items() if k == "known"})
    return out


def later_chunk(size: int, scratch: Path) -> dict[str, Any]:
    """The next 100,000 facts appended to a copy of the cached store of `size` facts."""
    cached = common.build_store(size)
    store = common.copy_store(cached, scratch / "store-grown")
    facts = common.facts_file(size, FACTS)
    r = common.tracker("append", "--file", str(facts), "--store", str(store))
    return {
        "store_facts": size,
        "seconds": r["wall"],
        "rate": FACTS / r["wall"],
        "cpu_s": r["cpu_s"],
        "output": r["stdout"].strip(),
    }


# The library's events table, as its SQLite recorder makes it: both raw baselines insert into this.
EVENTS_TABLE = (
    "CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB, "
    "PRIMARY KEY (originator_id, originator_version))"
)


def raw_sqlite(facts: Path, scratch: Path) -> dict[str, Any]:
    """Baseline (a): read the lines, one executemany in one transaction (WAL)."""
    import sqlite3

    db = scratch / "raw.db"
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(EVENTS_TABLE)
    t0 = time.perf_counter()
    with open(facts, "rb") as f:
        rows = [(common.new_id(i), 1, "bench:Fact", line) for i, line in enumerate(f)]
    t1 = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    wall = time.perf_counter() - t1
    count = conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    conn.close()
    assert count == FACTS, count
    # The rate counts only executemany + commit: reading the lines and making the ids is reported apart.
    return {"seconds": wall, "rate": FACTS / wall, "prepare_seconds": t1 - t0}


RAW_SNIPPET = r"""
import json, sqlite3, time, uuid
db = %(db)r
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA cache_size=-65536")  # as tracker's bulk insert has it
conn.execute(%(table)r)
with open(%(facts)r, "rb") as f:
    rows = [(uuid.uuid5(uuid.NAMESPACE_URL, "raw-%%d" %% i).hex, 1, "bench:Fact", line) for i, line in enumerate(f)]
t0 = time.perf_counter()
c0 = time.process_time()
conn.execute("BEGIN IMMEDIATE")
conn.executemany("INSERT INTO stored_events (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)", rows)
conn.execute("COMMIT")
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "rows": len(rows)}))
"""


def raw_growth(size: int, scratch: Path, repeats: int) -> dict[str, Any]:
    """SQLite's own share of the growth: raw executemany of 100,000 rows with random uuid keys into the
    library's events table, empty against a copy of the cached store's, interleaved `repeats` times.

    The keys are as random as tracker's (content hashes), so each new key lands on a random page
    of the table's primary key: into a 1M-row key nearly every page is read, changed and written.
    """
    facts = common.facts_file(size, FACTS)
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "grown": []}
    for round_ in range(repeats):
        for which in ("empty", "grown") if round_ % 2 == 0 else ("grown", "empty"):
            with common.temp_dir(f"raw-{which}-") as d:
                db = d / "events.db"
                if which == "grown":
                    common.copy_store(common.build_store(size), d / "store")
                    db = d / "store" / "events.db"
                r = common.python_snippet(RAW_SNIPPET % {"db": str(db), "facts": str(facts), "table": EVENTS_TABLE})
                runs[which].append(r["json"])
    empty = statistics.median(r["seconds"] for r in runs["empty"])
    grown = statistics.median(r["seconds"] for r in runs["grown"])
    return {"empty_seconds": empty, "grown_seconds": grown, "growth": grown / empty, "runs": runs}


# The library baseline: tracker builds the events (outside the timing), the library puts them.
LIBRARY_SNIPPET = r"""
import gc, json, time
from eventsourcing.application import Application
from tracker.application import Ledger
from tracker.input.batch import parse_facts
from tracker.input.jsonl import parse_jsonl
from tracker.session import open_session
from tracker.store.log import _DateAsISO

session = open_session(%(store)r)
session.catch_up()  # the names of the reference data, as tracker's own append finds them
facts = parse_jsonl(open(%(facts)r, encoding="utf-8").read())
lines = [f.pop("__line__", None) for f in facts]
commands = parse_facts(facts, lines, session.gazetteer(), session.default_dyad)
ledger = Ledger(session.store)
state = ledger._load(commands)
ledger._decide(state, commands)
events = state.events()
session.close()

class Library(Application):
    is_snapshotting_enabled = False
    def register_transcodings(self, transcoder):
        super().register_transcodings(transcoder)
        transcoder.register(_DateAsISO())

app = Library(env={
    "PERSISTENCE_MODULE": "eventsourcing.sqlite",
    "SQLITE_DBNAME": %(db)r,
    "APPLICATION_RECORDER_TOPIC": "tracker.store.recorder:BulkSQLiteApplicationRecorder",
})
assert type(app.mapper.transcoder).__name__ == "JSONTranscoder", app.mapper.transcoder
gc.disable()
t0 = time.perf_counter()
app.events.put(events)
wall = time.perf_counter() - t0
print(json.dumps({"seconds": wall, "events": len(events), "max": app.recorder.max_notification_id()}))
"""


def library_put(facts: Path, scratch: Path) -> dict[str, Any]:
    """Baseline (library): events.put of tracker's events through tracker's recorder, in its own interpreter."""
    store = scratch / "store-library"
    common.tracker("init", "--store", str(store))
    code = LIBRARY_SNIPPET % {"store": str(store), "facts": str(facts), "db": str(store / "events.db")}
    r = common.python_snippet(code)
    j = r["json"]
    assert j["events"] == FACTS, j
    return {
        "seconds": j["seconds"],
        "events": j["events"],
        "rate": j["events"] / j["seconds"],
        "process_wall": r["wall"],
    }


# Where the time of a bulk append goes: tracker's own append path, step by step, into a fresh
# store, in one interpreter (CPU seconds of each step; wall for the whole). Informational.
PHASES_SNIPPET = r"""
import gc, json, time
t_start = time.perf_counter()
cpu = time.process_time
wall = {}
from tracker.gcpause import bulk_work
from tracker.input.batch import parse_facts
from tracker.input.jsonl import parse_jsonl
from tracker.session import open_session
from tracker.store.mapping import to_stored_events
phases = {"import": cpu()}
w = [time.perf_counter()]
def step(name, t):
    phases[name] = phases.get(name, 0.0) + cpu() - t
    now = time.perf_counter()
    wall[name] = wall.get(name, 0.0) + now - w[0]
    w[0] = now
    return cpu()
wall["import"] = w[0] - t_start
t = cpu()
session = open_session(%(store)r)
t = step("open", t)
with open(%(facts)r, encoding="utf-8") as f:
    text = f.read()
with bulk_work():
    facts = parse_jsonl(text)
    t = step("read JSON lines", t)
    lines = [f.pop("__line__", None) for f in facts]
    session._refresh_gazetteer()  # what a first append into a fresh store does (its views lag the init)
    t = step("names (catch-up)", t)
    commands = parse_facts(facts, lines, session.gazetteer(), session.default_dyad)
    t = step("validate (parse_facts)", t)
    ledger = session.ledger
    state = ledger._load(commands)
    t = step("candidate ids + duplicate check", t)
    ledger._decide(state, commands)
    events = state.events()
    t = step("decide", t)
    stored = to_stored_events(session.store.mapper, events)
    t = step("encode", t)
    session.store.recorder.insert_events(stored)
    t = step("insert + chain + commit", t)
session.close()
t = step("close (WAL checkpoint)", t)
print(json.dumps({"phases": phases, "walls": wall, "wall": time.perf_counter() - t_start, "events": len(events)}))
"""


def phase_breakdown(facts: Path, scratch: Path, store: Path | None = None) -> dict[str, Any]:
    """The append of the facts into a store (a fresh one by default), step by step (CPU and wall s), in a subprocess."""
    if store is None:
        store = scratch / "store-phases"
        common.tracker("init", "--store", str(store))
    r = common.python_snippet(PHASES_SNIPPET % {"store": str(store), "facts": str(facts)})
    j = r["json"]
    assert j["events"] == FACTS, j
    return {"phases": j["phases"], "walls": j["walls"], "wall": j["wall"]}


def print_phases(b: dict[str, Any], what: str) -> None:
    print(f"  where the time goes ({what}; CPU s, wall s; {b['wall']:.2f} s wall in all):")
    for name, seconds in b["phases"].items():
        print(f"    {name:<34} {seconds:6.2f} {b['walls'].get(name, 0.0):6.2f}")


def tracker_postgres(facts: Path, scratch: Path) -> dict[str, Any]:
    import psycopg

    schema = f"bench_{int(time.time())}_{scratch.name[-6:].lower()}"
    schema = "".join(c if c.isalnum() or c == "_" else "_" for c in schema)
    url = f"{PG_URL}?schema={schema}"
    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        views = scratch / "pg-views"
        common.tracker("init", "--store", url, "--views", str(views))
        r = common.tracker("append", "--file", str(facts), "--store", url, "--views", str(views))
        return {"seconds": r["wall"], "rate": FACTS / r["wall"], "schema": schema}
    finally:
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def cpu_fresh(runs: dict[str, list[dict[str, Any]]]) -> float:
    return statistics.median(r["cpu_s"] for r in runs["fresh"])


def seconds_list(r: dict[str, Any]) -> str:
    return ", ".join(f"{x:.2f}" for x in r["runs_seconds"])


def main(
    skip_postgres: bool = False,
    size: int = common.FULL_SIZE,
    phases: bool = False,
    repeats: int = REPEATS,
    **_: Any,
) -> dict[str, Any]:
    facts = common.facts_file(0, FACTS)
    result: dict[str, Any] = {"measure": "bulk append", "facts": FACTS, "repeats": repeats}
    with common.temp_dir("bulk-") as scratch:
        print(f"bulk append of {FACTS:,} facts (medians of {repeats} interleaved runs)", flush=True)
        warm_up(scratch)
        runs = paired_runs(facts, size, scratch, repeats)
        t, lib, g = median_run(runs["fresh"]), median_run(runs["library"]), median_run(runs["grown"])
        print(
            f"  tracker append --file (SQLite): {t['seconds']:.2f} s, {t['rate']:,.0f} facts/s ({t['output']};"
            f" runs {seconds_list(t)} s)"
        )
        print(
            f"    CPU of the same process, median: {cpu_fresh(runs):.2f} s ({FACTS / cpu_fresh(runs):,.0f} facts a"
            f" CPU-second); load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (wall above CPU: waiting"
            " for a CPU or the disk)"
        )
        print(f"  the same file again (all known): {t['known']['seconds']:.2f} s ({t['known']['output']})")
        if phases:
            b = phase_breakdown(facts, scratch)
            result["phases"] = b
            print_phases(b, "one process, fresh store")
            grown = common.copy_store(common.build_store(size), scratch / "store-phases-grown")
            bg = phase_breakdown(common.facts_file(size, FACTS), scratch, grown)
            result["phases_grown"] = bg
            print_phases(bg, f"one process, the next {FACTS:,} into a copy of the {size:,}-fact store")
            shutil.rmtree(grown, ignore_errors=True)
        print(
            f"  (library) events.put, same events, tracker's recorder: {lib['seconds']:.2f} s, {lib['rate']:,.0f} events/s"
            f" (runs {seconds_list(lib)} s)"
        )
        a = raw_sqlite(facts, scratch)
        print(f"  (raw) sqlite3 executemany: {a['seconds']:.2f} s, {a['rate']:,.0f} rows/s")
        pairs = [y["seconds"] / x["seconds"] for x, y in zip(runs["fresh"], runs["grown"], strict=True)]
        print(
            f"  the next {FACTS:,} into a copy of the {size:,}-fact store: {g['seconds']:.2f} s, {g['rate']:,.0f} facts/s"
            f" ({g['seconds'] / t['seconds']:.2f} x the first chunk's time; runs {seconds_list(g)} s;"
            f" round by round {', '.join(f'{x:.2f}' for x in pairs)} x)"
        )
        # CPU of the same processes: what the store's size costs, with the machine's other load left out.
        cpu_t = cpu_fresh(runs)
        cpu_g = statistics.median(r["cpu_s"] for r in runs["grown"])
        print(f"    CPU, medians: {cpu_g:.2f} s against {cpu_t:.2f} s ({cpu_g / cpu_t:.2f} x)")
        raw = raw_growth(size, scratch, repeats)
        result["raw_growth"] = raw
        print(
            f"  (raw) sqlite3 executemany of {FACTS:,} rows with random keys, into the library's events table:"
            f" empty {raw['empty_seconds']:.2f} s, the {size:,}-event store's {raw['grown_seconds']:.2f} s"
            f" (+{raw['grown_seconds'] - raw['empty_seconds']:.2f} s, {raw['growth']:.2f} x): SQLite's own share;"
            f" tracker's growth +{g['seconds'] - t['seconds']:.2f} s"
        )
        result["runs"] = runs
        result["cpu_growth"] = cpu_g / cpu_t
        result.update(tracker=t, library=lib, raw_sqlite=a, grown=g)
        rows = [
            common.row(
                "bulk append (SQLite)",
                t["rate"],
                "facts/s",
                baseline=a["rate"],
                baseline_label="raw sqlite3 executemany",
                target=f">= {TARGET_RATE:,}",
                ok=t["rate"] >= TARGET_RATE,
            ),
            common.row(
                "bulk append vs library events.put",
                t["rate"],
                "facts/s",
                baseline=lib["rate"],
                baseline_label="events.put, same events and recorder",
                target=f"ratio >= {TARGET_RATIO}",
                ok=t["rate"] / lib["rate"] >= TARGET_RATIO,
            ),
            common.row(
                f"bulk append into {size // 1000:,}k-fact store",
                g["seconds"],
                "s",
                baseline=t["seconds"],
                baseline_label="first 100k, fresh store",
                target=f"ratio <= {TARGET_GROWTH}",
                ok=g["seconds"] / t["seconds"] <= TARGET_GROWTH,
                note=(
                    f"raw executemany of {FACTS // 1000}k random keys: {raw['empty_seconds']:.2f} s empty,"
                    f" {raw['grown_seconds']:.2f} s into the {size // 1000:,}k store ({raw['growth']:.2f} x)"
                ),
            ),
            common.row(
                "re-append 100k known facts",
                t["known"]["seconds"],
                "s",
                baseline=t["seconds"],
                baseline_label="first append",
                target=f"< {TARGET_KNOWN:g} s",
                ok=t["known"]["seconds"] < TARGET_KNOWN,
            ),
        ]
        if skip_postgres:
            rows.append(
                common.row("bulk append (PostgreSQL)", None, "facts/s", target=f">= {TARGET_PG:,}", note="skipped")
            )
        else:
            try:
                p = tracker_postgres(facts, scratch)
                print(f"  tracker append --file (PostgreSQL): {p['seconds']:.2f} s, {p['rate']:,.0f} facts/s")
                result["postgres"] = p
                rows.append(
                    common.row(
                        "bulk append (PostgreSQL)",
                        p["rate"],
                        "facts/s",
                        baseline=t["rate"],
                        baseline_label="SQLite, this run",
                        target=f">= {TARGET_PG:,}",
                        ok=p["rate"] >= TARGET_PG,
                    )
                )
            except Exception as e:
                print(f"  PostgreSQL: failed: {e}", flush=True)
                result["postgres"] = {"error": str(e)}
                rows.append(
                    common.row(
                        "bulk append (PostgreSQL)",
                        None,
                        "facts/s",
                        target=f">= {TARGET_PG:,}",
                        ok=False,
                        note=f"failed: {str(e)[:200]}",
                    )
                )
    result["rows"] = rows
    return result


if __name__ == "__main__":
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--phases", action="store_true", help="also time the append step by step (informational)")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="rounds of interleaved SQLite runs (median)")
    args = parser.parse_args()
    common.finish(
        main(
            skip_postgres=args.skip_postgres,
            size=common.size_from_args(args),
            phases=args.phases,
            repeats=args.repeats,
        ),
        args,
    )
