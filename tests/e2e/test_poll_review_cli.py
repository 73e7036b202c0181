"""`tracker poll` and `tracker review` as a user runs them: summary lines, JSON, one-line errors with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer, rss, serve

TRACKER = [sys.executable, "-m", "tracker.cli"]
ITEMS = [
    ("https://wire.example.org/1", "Austin and Dong talk",
     "U.S. Defense Secretary Lloyd Austin held a video call with Chinese Defense Minister Dong Jun on Tuesday."),
    ("https://wire.example.org/2", "Weather", "Rain is expected in Beijing."),
]  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["NO_COLOR"] = "1"
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


@pytest.fixture
def store(tmp_path: Path, server: FeedServer) -> str:
    folder = str(tmp_path / "store")
    assert run("init", "--store", folder).returncode == 0
    url = server.set("/wire.xml", rss(ITEMS))
    assert run("feeds", "add", url, "--name", "wire", "--language", "en", "--store", folder).returncode == 0
    return folder


def test_poll_prints_a_line_a_feed_and_the_summary(store: str) -> None:
    """The first poll brings two reports; the second is a 304; JSON has the counts."""
    first = run("poll", "--store", store)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "wire: ok (2 new)", "1 feed: 1 ok, 0 not modified, 0 failed, 0 skipped; 2 new reports, 0 revised"]  # fmt: skip
    second = json.loads(run("poll", "--format", "json", "--store", store).stdout)
    assert (second["not_modified"], second["new_reports"]) == (1, 0)


def test_bad_poll_and_review_input_is_one_line_and_exit_2(store: str) -> None:
    """An unknown feed, a malformed or unknown candidate id, ids with --all: one line, exit 2, nothing changed."""
    before = run("log", "--store", store).stdout
    for args, message in (
        (("poll", "--feed", "nope"), "no feed named 'nope'"),
        (("review", "accept", "xyz"), "is not a candidate id"),
        (("review", "accept", "abcdef12#9"), "no candidate abcdef12#9"),
        (("review", "accept", "--all", "abcdef12#0"), "give candidate ids or --all"),
        (("review", "reject", "abcdef12#0", "--reason", "  "), "no candidate"),
        (("review", "list", "--format", "html"), "--format html needs --output"),
    ):
        result = run(*args, "--store", store)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr, (args, result.stderr)
    assert run("log", "--store", store).stdout == before


def test_review_lists_accepts_and_counts(store: str, tmp_path: Path) -> None:
    """The call waits for review with its evidence; accepting it appends the call citing the report."""
    run("poll", "--store", store)
    queue = json.loads(run("review", "list", "--format", "json", "--store", store).stdout)
    [call] = [c for c in queue if c["kind"] == "call"]
    assert call["evidence"]["text"].startswith("U.S. Defense Secretary Lloyd Austin")
    assert "**" in run("review", "list", "--store", store).stdout  # the evidence, marked in its report
    page = tmp_path / "queue.html"
    assert run("review", "list", "--format", "html", "--output", str(page), "--store", store).returncode == 0
    assert "<mark>U.S. Defense Secretary Lloyd Austin" in page.read_text(encoding="utf-8")
    accepted = run("review", "accept", call["id"], "--store", store)
    assert accepted.returncode == 0 and "accepted 1 candidate" in accepted.stdout, accepted.stderr
    status = json.loads(run("status", "--format", "json", "--as-of", "2030-01-01", "--since", "2000-01-01",
                            "--store", store).stdout)  # fmt: skip
    assert status["review_pending"] == len(queue) - 1
    assert [s["url"] for i in status["interactions"] if i["kind"] == "call" for s in i["sources"]] == [ITEMS[0][0]]


def test_reports_extract_proposes_nothing_twice(store: str) -> None:
    """`reports extract --all` after a poll reads every report again and proposes nothing already proposed."""
    run("poll", "--store", store)
    again = run("reports", "extract", "--all", "--format", "json", "--store", store)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {"reports": 2, "proposed": 0, "accepted": 0}
    # Without --all: the reports nothing was proposed from yet (here the weather item), read again in vain.
    text = run("reports", "extract", "--store", store)
    assert text.returncode == 0 and text.stdout.startswith("1 report read, 0 with new candidates"), text.stdout
