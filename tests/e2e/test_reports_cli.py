"""`tracker reports` as a user runs it: list, show and search, as text and JSON, and bad input as one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from events.commands import IngestReport
from tracker.session import open_session

TRACKER = [sys.executable, "-m", "tracker.cli"]
WIRE = "https://www.state.gov/feed/"
MEETING = "https://www.reuters.com/world/austin-dong-shangri-la/"
XINHUA = "https://www.news.cn/world/20240531/abc/c.html"
LIST_KEYS = ["id", "url", "title", "outlet", "language", "published_at", "feeds", "versions", "truncated",
             "ingested_at"]  # fmt: skip
ZH_TEXT = "美国国防部长奥斯汀在新加坡与中国国防部长董军举行会晤。"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG")}
    env["NO_COLOR"] = "1"
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with one feed and two reports (one revised, one Chinese), as the poller would leave it."""
    folder = str(tmp_path_factory.mktemp("reports") / "store")
    assert run("init", "--store", folder).returncode == 0
    assert run("feeds", "add", WIRE, "--name", "state-dept", "--store", folder).returncode == 0
    s = open_session(folder)
    try:
        feed = s.feed("state-dept")["id"]
        published = datetime(2024, 5, 31, tzinfo=UTC)
        s._execute([
            IngestReport(MEETING, feed, "Austin meets Dong", "Reuters", "en", published, "v1",
                         "Lloyd Austin met Dong Jun in Singapore."),
            IngestReport(MEETING, feed, "Austin meets Dong", "Reuters", "en", published, "v2",
                         "Lloyd Austin met Dong Jun at the Shangri-La Dialogue."),
            IngestReport(XINHUA, feed, "中美防长会晤", "新华社", "zh", datetime(2024, 5, 30, tzinfo=UTC), "z1", ZH_TEXT),
        ])  # fmt: skip
    finally:
        s.close()
    return folder


def as_json(*args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_list_as_json_newest_first(store: str) -> None:
    """`reports list` gives the documented objects, newest first; --limit and --feed narrow it."""
    rows = as_json("reports", "list", "--store", store)
    assert isinstance(rows, list) and [r["url"] for r in rows] == [MEETING, XINHUA]
    assert all(list(r) == LIST_KEYS for r in rows)
    assert (rows[0]["feeds"], rows[0]["versions"], rows[0]["truncated"]) == (["state-dept"], 2, False)
    assert [r["url"] for r in as_json("reports", "list", "--limit", "1", "--store", store)] == [MEETING]
    assert len(as_json("reports", "list", "--feed", "state-dept", "--store", store)) == 2


def test_list_as_text(store: str) -> None:
    """One line a report: short id, date, outlet, title."""
    result = run("reports", "list", "--store", store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "2024-05-31" in lines[0] and "Austin meets Dong" in lines[0]
    assert "新华社" in lines[1] and "中美防长会晤" in lines[1]


def test_show_by_prefix_with_text(store: str) -> None:
    """`reports show` takes an id prefix; its JSON adds the latest text and derived_from; text ends with the text."""
    [first, _] = as_json("reports", "list", "--store", store)
    shown = as_json("reports", "show", first["id"][:8], "--store", store)
    assert isinstance(shown, dict) and {k: shown[k] for k in LIST_KEYS} == first
    assert shown["text"] == "Lloyd Austin met Dong Jun at the Shangri-La Dialogue." and shown["derived_from"] is None
    text = run("reports", "show", MEETING, "--store", store)
    assert text.returncode == 0 and "versions:     2" in text.stdout
    assert text.stdout.rstrip().endswith("Shangri-La Dialogue.")


def test_search_english_and_chinese(store: str) -> None:
    """`reports search` finds English words and Chinese inside a sentence (two characters too), with a snippet."""
    [hit] = as_json("reports", "search", "Shangri-La", "--store", store)
    assert hit["url"] == MEETING and list(hit)[: len(LIST_KEYS)] == LIST_KEYS and "[Shangri-La]" in hit["snippet"]
    assert as_json("reports", "search", "Singapore", "--store", store) == []  # revised away
    [zh] = as_json("reports", "search", "会晤", "--store", store)
    assert zh["url"] == XINHUA and "[会晤]" in zh["snippet"]
    text = run("reports", "search", "国防部长", "--store", store)
    assert text.returncode == 0 and "[国防部长]" in text.stdout and "中美防长会晤" in text.stdout
    none = run("reports", "search", "Blinken", "--store", store)
    assert none.returncode == 0 and none.stdout.strip() == "no report matches 'Blinken'"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", '"'), "nothing to search for"),
        (("search", "*"), "nothing to search for"),
        (("search", "  "), "the search query is empty"),
        (("show", "ffffffff"), "no report with id or URL 'ffffffff'"),
        (("show", "abc"), "at least 6"),
        (("list", "--feed", "nowhere"), "no feed named 'nowhere'"),
        (("list", "--limit", "0"), "--limit must be 1 or more"),
        (("list", "--format", "xml"), "--format 'xml' is not one of text, json"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(store: str, args: tuple[str, ...], message: str) -> None:
    """Bad input exits 2 with one error line, never a traceback."""
    result = run("reports", *args, "--store", store)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert result.stderr.startswith("error: ")


def test_help_gives_examples() -> None:
    """`reports --help` lists list, show, search and extract with an example."""
    result = run("reports", "--help")
    assert result.returncode == 0
    assert all(c in result.stdout for c in ("list", "show", "search", "extract", "Example:"))
    assert "Example: tracker reports search" in run("reports", "search", "--help").stdout


def test_a_missing_store_says_init(tmp_path: Path) -> None:
    """On a store that does not exist, `reports list` says to run init and exits 2, as every reader does."""
    result = run("reports", "list", "--store", str(tmp_path / "none"))
    assert result.returncode == 2 and "tracker init" in result.stderr
