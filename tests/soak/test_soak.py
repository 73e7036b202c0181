"""The soak (issue 11): 4 writers and a poller against a loopback feed that keeps changing, on PostgreSQL.

Outside the default suite. Run (10 minutes by default; TRACKER_SOAK_SECONDS sets the duration,
TRACKER_SOAK_REPORT=FILE keeps the figures as JSON):

    .venv/bin/python -m pytest -m slow -s -n 0 -p no:cacheprovider tests/soak/test_soak.py

It reports the facts appended, lost (acknowledged but not in the log: must be 0), duplicated (one
source reported twice: must be 0), the same for the feed's reports, the worst latency and verify's verdict.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from crashkit import count_types, log_records, run, seeded, source_urls, tracker_env
from feedserver import FeedServer, rss, serve

from tracker.session import open_session

SOAK = Path(__file__).resolve().parent / "soak.py"
WINDOW = 100  # items a feed shows at a time: far more than it gains between two polls


def _feed_changer(server: FeedServer, stop: threading.Event, rng: random.Random, served: set[str]) -> None:
    """Every half second: two new items on each feed, and one item already shown revised."""
    items: dict[int, list[tuple[str, str, str]]] = {0: [], 1: []}
    n = 0
    while not stop.is_set():
        for feed, shown in items.items():
            for _ in range(2):
                url = f"https://wire.example.org/soak/{feed}/{n}"
                shown.append((url, f"Story {n}", f"Text of story {n}."))
                n += 1
            if shown and rng.random() < 0.5:
                i = rng.randrange(len(shown))
                link, title, _ = shown[i]
                shown[i] = (link, title, f"Revised text {rng.random()}.")
            del shown[:-WINDOW]
            server.set(f"/soak-{feed}.xml", rss(shown))
            served.update(link for link, _, _ in shown)
        stop.wait(0.5)


@pytest.mark.slow
def test_soak(pg_url: str, tmp_path: Path) -> None:
    """Ten minutes of 4 writers and a poller: nothing lost, nothing doubled, verify passes."""
    seconds = float(os.environ.get("TRACKER_SOAK_SECONDS", "600"))
    rng = seeded("soak")
    views = str(tmp_path / "views")
    s = open_session(pg_url, views, create=True)
    try:
        s.init()
    finally:
        s.close()
    served: set[str] = set()
    stop = threading.Event()
    with serve() as server:
        changer = threading.Thread(target=_feed_changer, args=(server, stop, rng, served), daemon=True)
        changer.start()
        time.sleep(0.6)
        s = open_session(pg_url, views)
        try:
            for feed in (0, 1):
                s.add_feed(server.url(f"/soak-{feed}.xml"), name=f"soak-{feed}", language="en")
        finally:
            s.close()
        until = time.time() + seconds
        common = ["--store", pg_url, "--views", views, "--until", str(until)]
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(SOAK),
                    "writer",
                    *common,
                    "--number",
                    str(w),
                    "--seed",
                    str(rng.randrange(1 << 30)),
                    "--out",
                    str(tmp_path / f"writer-{w}.json"),
                ],
                env=tracker_env(),
                stderr=subprocess.PIPE,
                text=True,
            )
            for w in range(4)
        ]
        procs.append(
            subprocess.Popen(
                [sys.executable, str(SOAK), "poller", *common, "--out", str(tmp_path / "poller.json")],
                env=tracker_env(),
                stderr=subprocess.PIPE,
                text=True,
            )
        )
        stderr = [p.communicate(timeout=seconds + 600)[1] for p in procs]
        stop.set()
        changer.join()
        # One last poll after the feeds stop changing: every item ever shown must now be in the log.
        run(["poll", "--quiet", "--store", pg_url, "--views", views])
    figures = _figures(pg_url, Path(views), tmp_path, served)
    figures["stderr_tracebacks"] = sum("Traceback" in e for e in stderr)
    print("soak:", json.dumps(figures))
    if os.environ.get("TRACKER_SOAK_REPORT"):
        Path(os.environ["TRACKER_SOAK_REPORT"]).write_text(json.dumps(figures, indent=2))
    assert figures["facts_lost"] == 0 and figures["facts_duplicated"] == 0, figures
    assert figures["reports_lost"] == 0 and figures["reports_duplicated"] == 0, figures
    assert figures["verify_ok"], figures
    assert figures["errors"] == [] and figures["stderr_tracebacks"] == 0, figures


def _figures(url: str, views: Path, tmp_path: Path, served: set[str]) -> dict[str, Any]:
    writers = [json.loads((tmp_path / f"writer-{w}.json").read_text()) for w in range(4)]
    poller = json.loads((tmp_path / "poller.json").read_text())
    acked = [u for w in writers for u in w["acked"]]
    records = log_records(url, views)
    facts = source_urls(records, "InteractionReported")
    reports = source_urls(records, "ReportIngested")
    s = open_session(url, str(views))
    try:
        started = time.perf_counter()
        verdict = s.verify()
        verify_seconds = time.perf_counter() - started
    finally:
        s.close()
    write_latencies = [x for w in writers for x in w["latencies"]]
    return {
        "seconds": float(os.environ.get("TRACKER_SOAK_SECONDS", "600")),
        "events": len(records),
        "appends": len(write_latencies),
        "facts_appended": len(acked),
        "facts_in_log": count_types(records)["InteractionReported"],
        "facts_lost": len(set(acked) - set(facts)),
        "facts_duplicated": sum(1 for c in facts.values() if c > 1) + (len(acked) - len(set(acked))),
        "polls": poller["polls"],
        "items_served": len(served),
        "reports_ingested": len(reports),
        "reports_revised": count_types(records)["ReportRevised"],
        "reports_lost": len(served - set(reports)),
        "reports_duplicated": sum(1 for c in reports.values() if c > 1),
        "worst_append_latency_s": round(max(write_latencies, default=0.0), 3),
        "worst_poll_latency_s": round(max(poller["latencies"], default=0.0), 3),
        "verify_ok": bool(verdict["ok"]),
        "verify_seconds": round(verify_seconds, 2),
        "errors": [e for w in writers for e in w["errors"]] + poller["errors"],
    }
