"""`tracker feeds` as a user runs it: add, refusals, list and show as JSON, remove, OPML in and out, status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TRACKER = [sys.executable, "-m", "tracker.cli"]
WIRE = "https://www.state.gov/feed/"
MFA = "https://www.fmprc.gov.cn/rss/eng.xml"
FEED_KEYS = {"name", "url", "language", "trust", "every", "last_polled", "last_status", "last_error", "next_poll",
             "failures", "reports"}  # fmt: skip


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG")}
    env["NO_COLOR"] = "1"
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, env=env, input=stdin, timeout=60)


@pytest.fixture
def store(tmp_path: Path) -> str:
    """A fresh initialised SQLite store folder."""
    folder = str(tmp_path / "store")
    assert run("init", "--store", folder).returncode == 0
    return folder


def log_length(store: str) -> int:
    return len(run("log", "--store", store).stdout.splitlines())


def feeds_json(store: str) -> list[dict]:  # type: ignore[type-arg]
    result = run("feeds", "list", "--format", "json", "--store", store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_add_then_list_and_show_as_json(store: str) -> None:
    """A feed added with options is listed and shown as JSON with every documented key and null poll fields."""
    added = run("feeds", "add", WIRE, "--name", "state-dept", "--every", "30m", "--language", "en", "--store", store)
    assert added.returncode == 0, added.stderr
    assert "subscribed state-dept" in added.stdout
    [feed] = feeds_json(store)
    assert set(feed) >= FEED_KEYS
    assert {k: feed[k] for k in ("name", "url", "language", "trust", "every")} == {
        "name": "state-dept", "url": WIRE, "language": "en", "trust": "review", "every": "30m"}  # fmt: skip
    assert (feed["last_polled"], feed["last_status"], feed["next_poll"], feed["failures"], feed["reports"]) == (
        None, None, None, 0, 0)  # fmt: skip
    shown = run("feeds", "show", "state-dept", "--format", "json", "--store", store)
    assert shown.returncode == 0 and json.loads(shown.stdout) == feed


def test_default_interval_is_15_minutes(store: str) -> None:
    """Without --every a feed is polled every 15m, named after its host."""
    assert run("feeds", "add", WIRE, "--store", store).returncode == 0
    [feed] = feeds_json(store)
    assert (feed["every"], feed["name"], feed["language"]) == ("15m", "state.gov", "auto")


def test_a_duplicate_url_is_refused_with_one_line_and_nothing_appended(store: str) -> None:
    """The same URL again exits 2 with one line naming the feed, and the log is unchanged."""
    assert run("feeds", "add", WIRE, "--name", "state-dept", "--store", store).returncode == 0
    before = log_length(store)
    again = run("feeds", "add", WIRE, "--name", "again", "--store", store)
    assert again.returncode == 2
    assert again.stderr.splitlines() == [f"error: {WIRE} is already subscribed as state-dept"]
    assert log_length(store) == before


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "example.org/feed"])
def test_a_non_http_url_is_refused(store: str, url: str) -> None:
    """Only http and https URLs are followed: anything else exits 2 with one line and appends nothing."""
    before = log_length(store)
    result = run("feeds", "add", url, "--store", store)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: feed URL {url!r} is not an http or https URL"]
    assert log_length(store) == before


def test_remove_takes_the_feed_off_the_list(store: str) -> None:
    """`feeds remove NAME --reason` removes it; removing it again exits 2."""
    run("feeds", "add", WIRE, "--name", "state-dept", "--store", store)
    removed = run("feeds", "remove", "state-dept", "--reason", "moved", "--store", store)
    assert removed.returncode == 0, removed.stderr
    assert feeds_json(store) == []
    assert run("feeds", "remove", "state-dept", "--store", store).returncode == 2
    assert "FeedUnsubscribed" in run("log", "--store", store).stdout


def test_opml_import_counts_added_and_skipped(store: str, tmp_path: Path) -> None:
    """A good OPML file adds its feeds; again, it adds none and counts them skipped."""
    opml = tmp_path / "subs.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline text="State" xmlUrl="{WIRE}"/>'
        f'<outline text="MFA" xmlUrl="{MFA}" language="en"/></body></opml>',
        encoding="utf-8",
    )
    first = run("feeds", "import", str(opml), "--store", store)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "added 2 feeds, skipped 0 already subscribed"
    second = run("feeds", "import", str(opml), "--format", "json", "--store", store)
    assert json.loads(second.stdout) == {"added": 0, "skipped": 2}
    assert sorted(f["name"] for f in feeds_json(store)) == ["MFA", "State"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f'<opml version="2.0"><body><outline text="State" xmlUrl="{WIRE}"/></body>', "not well-formed"),
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            f'<opml version="2.0"><body><outline text="&lol2;" xmlUrl="{WIRE}"/></body></opml>',
            "DOCTYPE or ENTITY",
        ),
    ],
    ids=["malformed", "entity"],
)
def test_a_malformed_or_hostile_opml_adds_nothing(store: str, tmp_path: Path, text: str, message: str) -> None:
    """A malformed file, or one declaring entities, exits 2 with one line and appends nothing."""
    opml = tmp_path / "bad.opml"
    opml.write_text(text, encoding="utf-8")
    before = log_length(store)
    result = run("feeds", "import", str(opml), "--store", store)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert log_length(store) == before
    assert feeds_json(store) == []


def test_opml_export_round_trips(store: str, tmp_path: Path) -> None:
    """`feeds export FILE` then `feeds import FILE` into a new store gives the same feeds; no FILE writes stdout."""
    run("feeds", "add", WIRE, "--name", "state-dept", "--every", "2h", "--language", "en", "--store", store)
    run("feeds", "add", MFA, "--name", "外交部", "--language", "zh", "--trust", "auto", "--store", store)
    opml = tmp_path / "out.opml"
    exported = run("feeds", "export", str(opml), "--store", store)
    assert exported.returncode == 0, exported.stderr
    stdout = run("feeds", "export", "--store", store).stdout

    def undated(text: str) -> list[str]:  # the two exports may fall in different seconds
        return [line for line in text.splitlines() if "<dateCreated>" not in line]

    assert undated(stdout) == undated(opml.read_text(encoding="utf-8")) and "外交部" in stdout
    other = str(tmp_path / "other")
    assert run("init", "--store", other).returncode == 0
    assert run("feeds", "import", str(opml), "--store", other).returncode == 0
    keys = ("name", "url", "language", "trust", "every")
    assert [{k: f[k] for k in keys} for f in feeds_json(other)] == [{k: f[k] for k in keys} for f in feeds_json(store)]


def test_status_json_lists_the_feeds(store: str) -> None:
    """`status --format json` holds under feeds the same objects as `feeds list --format json`."""
    run("feeds", "add", WIRE, "--name", "state-dept", "--store", store)
    status = json.loads(run("status", "--format", "json", "--store", store).stdout)
    assert status["feeds"] == feeds_json(store) and len(status["feeds"]) == 1
