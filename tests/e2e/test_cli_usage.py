"""The command line on first use and with names: a missing store, channels by name, typos, wording."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TRACKER = [sys.executable, "-m", "tracker.cli"]
REUTERS = "https://www.reuters.com/world/chinas-ambassador-us-holds-rare-meeting-pentagon-2023-07-12/"


def run(*args: str, cwd: Path | None = None, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    # TRACKER_STORE unset: the store is --store, or the user data folder under the given home.
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG")}
    env["NO_COLOR"] = "1"
    if home is not None:
        env["HOME"] = str(home)
        env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An initialised SQLite store folder shared by this module's tests."""
    folder = tmp_path_factory.mktemp("usage") / "store"
    result = run("init", "--store", str(folder))
    assert result.returncode == 0, result.stderr
    yield str(folder)


WRITES = [
    ["append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12", "--source", REUTERS],
    ["append", "--file", "-"],
    ["actors", "add", "zhang-san", "--name", "Zhang San", "--state", "CHN"],
    ["actors", "alias", "xie-feng", "謝大使"],
    ["correct", "3f2a9c1b", "--on", "2023-07-13", "--reason", "date", "--source", REUTERS],
    ["retract", "3f2a9c1b", "--reason", "withdrawn", "--source", REUTERS],
]


@pytest.mark.parametrize("command", WRITES, ids=[" ".join(c[:2]) for c in WRITES])
def test_a_write_before_init_says_run_init_and_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    """Every write on a missing store (the default folder or --store) exits 2, says `tracker init`, and creates nothing."""
    home = tmp_path / "home"
    home.mkdir()
    for extra in ([], ["--store", str(tmp_path / "new")]):
        result = run(*command, *extra, cwd=tmp_path, home=home)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "tracker init" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["home"]


def test_import_into_a_new_store_creates_it(store: str, tmp_path: Path) -> None:
    """`tracker import ledger.jsonl --store ./copy` creates the new store, as the README says."""
    exported = run("export", "--output", str(tmp_path / "ledger.jsonl"), "--store", store)
    assert exported.returncode == 0, exported.stderr
    result = run("import", "ledger.jsonl", "--store", "./copy", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert " 0 already present" in result.stdout
    assert run("verify", "--store", "./copy", cwd=tmp_path).stdout.startswith("ok:")


def test_history_of_a_channel_by_name(store: str) -> None:
    """`tracker history` takes a channel's slug or Chinese name and lists every event of the channel."""
    stalled = run("append", "channel-stalled", "--channel", "defense-ministers", "--on", "2023-07-12",
                  "--source", REUTERS, "--store", store)  # fmt: skip
    assert stalled.returncode == 0, stalled.stderr
    by_slug = run("history", "defense-ministers", "--format", "json", "--store", store)
    assert by_slug.returncode == 0, by_slug.stderr
    events = json.loads(by_slug.stdout)
    assert [e["type"] for e in events][:1] == ["ChannelRegistered"]
    assert "ChannelStalled" in [e["type"] for e in events]
    assert len({e["aggregate_id"] for e in events}) == 1
    by_name = run("history", "防长会谈", "--store", store)
    assert by_name.returncode == 0, by_name.stderr
    assert "ChannelStalled" in by_name.stdout


def test_correct_of_a_channel_says_to_retract(store: str) -> None:
    """Correcting a channel is refused with a line saying channel assessments are retracted, not corrected."""
    for name in ("mmca", "防长会谈"):
        result = run("correct", name, "--on", "2023-07-13", "--reason", "date", "--source", REUTERS, "--store", store)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "retract" in result.stderr and "not corrected" in result.stderr, result.stderr


@pytest.mark.parametrize(("typo", "meant"), [("谢峰", "xie-feng"), ("李尚富", "li-shangfu"), ("Xie Fong", "xie-feng")])
def test_a_typo_in_any_script_gets_suggestions(store: str, typo: str, meant: str) -> None:
    """An unknown actor close to a known one, in Chinese as in Latin letters, is an error that suggests it."""
    result = run("append", "meeting", "-a", typo, "-a", "Ely Ratner", "--on", "2023-07-12", "--source", REUTERS,
                 "--store", store)  # fmt: skip
    assert result.returncode == 2
    assert "did you mean" in result.stderr and f"({meant})" in result.stderr, result.stderr


def test_one_fact_is_singular(store: str, tmp_path: Path) -> None:
    """A file of one fact reports `1 fact`, not `1 facts`."""
    fact = {"kind": "call", "participants": ["Lloyd Austin", "董军"], "occurred_on": "2024-04-16",
            "source": {"url": "https://www.defense.gov/x", "outlet": "U.S. Department of Defense", "language": "en"}}  # fmt: skip
    (tmp_path / "one.jsonl").write_text(json.dumps(fact, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("append", "--file", str(tmp_path / "one.jsonl"), "--store", store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 fact: "), result.stdout


def test_demo_again_on_the_same_store_adds_nothing(tmp_path: Path) -> None:
    """A second `tracker demo --store` on the same store says nothing was added."""
    first = run("demo", "--format", "json", "--store", str(tmp_path / "demo"))
    assert first.returncode == 0, first.stderr
    assert re.match(r"recorded \d+ facts in ", first.stderr), first.stderr
    second = run("demo", "--format", "json", "--store", str(tmp_path / "demo"))
    assert second.returncode == 0, second.stderr
    assert "nothing added" in second.stderr, second.stderr


def test_demo_in_a_temporary_store_prints_no_path() -> None:
    """`tracker demo` without --store says it used a temporary store, not the path of a folder already gone."""
    result = run("demo", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert re.match(r"recorded \d+ facts in a temporary store$", result.stderr.strip()), result.stderr
    assert "tracker-demo-" not in result.stderr
