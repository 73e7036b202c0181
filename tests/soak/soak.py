"""The soak's worker processes (issue 11): a writer appending facts in a loop, and a poller running `tracker poll`.

Run by tests/soak/test_soak.py; each worker writes what it did (the source URLs the store acknowledged,
latencies, errors) as JSON to its --out file when its time is up.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: crashkit

from crashkit import TRACKER, fact, tracker_env

WRITERS = 4


def writer(store: str, views: str, number: int, until: float, out: Path, seed: int) -> None:
    """Append facts numbered number, number+4, … in batches of 1 to 50 until the deadline."""
    from tracker.session import open_session

    rng = random.Random(seed)
    done: dict[str, Any] = {"acked": [], "latencies": [], "errors": []}
    next_index = number
    s = open_session(store, views)
    try:
        while time.time() < until:
            size = rng.choice([1, 1, 1, 5, 20, 50])
            batch = [fact(next_index + WRITERS * k, prefix="soak") for k in range(size)]
            start = time.perf_counter()
            try:
                s.append(batch)
            except Exception as e:
                done["errors"].append(f"{type(e).__name__}: {e}")
            else:
                done["acked"] += [f["source"]["url"] for f in batch]
            done["latencies"].append(time.perf_counter() - start)
            next_index += WRITERS * size
    finally:
        s.close()
        out.write_text(json.dumps(done))


def poller(store: str, views: str, until: float, out: Path, every: float) -> None:
    """Run `tracker poll` as a user would, every few seconds until the deadline."""
    done: dict[str, Any] = {"latencies": [], "errors": [], "polls": 0}
    args = [TRACKER, "poll", "--quiet", "--store", store, "--views", views]
    while time.time() < until:
        start = time.perf_counter()
        p = subprocess.run(args, capture_output=True, text=True, env=tracker_env(), check=False)
        done["latencies"].append(time.perf_counter() - start)
        done["polls"] += 1
        if p.returncode != 0 or "Traceback" in p.stderr:
            done["errors"].append(f"exit {p.returncode}: {p.stderr.strip()[-500:]}")
        time.sleep(every)
    out.write_text(json.dumps(done))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["writer", "poller"])
    parser.add_argument("--store", required=True)
    parser.add_argument("--views", required=True)
    parser.add_argument("--until", type=float, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--number", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=float, default=1.0)
    a = parser.parse_args()
    if a.role == "writer":
        writer(a.store, a.views, a.number, a.until, a.out, a.seed)
    else:
        poller(a.store, a.views, a.until, a.out, a.every)


if __name__ == "__main__":
    main()
