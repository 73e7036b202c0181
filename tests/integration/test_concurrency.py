"""Several processes appending the same fact at once: one reports it, the others corroborate it."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from tests.conftest import StoreSpec
from tracker.session import open_session

WRITERS = 4


def _append(store: str, views: str, n: int, barrier: Any, results: Any) -> None:
    s = open_session(store, views)
    try:
        fact = {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
                "source": {"url": f"https://example.org/writer/{n}", "outlet": "Test", "language": "en"}}  # fmt: skip
        s.catch_up()
        barrier.wait(timeout=30)
        results.put(s.append([fact])[0].action)
    except Exception as e:
        results.put(f"error: {type(e).__name__}: {e}")
    finally:
        s.close()


def _race(store: str, views: list[str]) -> list[str]:
    """Start the writers together (a barrier) and collect what each append did."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(WRITERS)
    results = ctx.Queue()
    writers = [ctx.Process(target=_append, args=(store, views[n], n, barrier, results)) for n in range(WRITERS)]
    for w in writers:
        w.start()
    actions = sorted(results.get(timeout=60) for _ in writers)
    for w in writers:
        w.join(timeout=30)
    return actions


def test_racing_writers_make_one_fact_with_every_source(store_spec: StoreSpec, tmp_path: Path) -> None:
    """Four writers racing on one meeting: one reported, three corroborated, four sources, no error."""
    views = [str(tmp_path / f"views-{n}") for n in range(WRITERS)]
    s = open_session(store_spec.url, views[0], create=True)
    try:
        s.init()
    finally:
        s.close()
    actions = _race(store_spec.url, views)
    assert actions == ["corroborated"] * (WRITERS - 1) + ["reported"]
    s = open_session(store_spec.url, views[0])
    try:
        status = s.status(as_of="2023-07-31")
        assert len(status["interactions"]) == 1
        assert len(status["interactions"][0]["sources"]) == WRITERS
        assert s.verify()["ok"]
    finally:
        s.close()
