"""The `tracker` command as a user runs it: a real process, a real store (an SQLite folder, and a
PostgreSQL schema given as --store URL with --views DIR)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import StoreSpec, new_store

TRACKER = [sys.executable, "-m", "tracker.cli"]


def run(*args: str, store: StoreSpec | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # The caller's settings must not change what the command does or prints.
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG")}
    env["NO_COLOR"] = "1"
    cmd = [*TRACKER, *args, *(store.args() if store is not None else [])]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, input=stdin, timeout=60)


def events(store: StoreSpec) -> list[dict[str, Any]]:
    """Every stored event, read in this process through the library, not through the command under test."""
    s = store.open()
    try:
        out = io.StringIO()
        s.export(out)
    finally:
        s.close()
    found = [json.loads(line) for line in out.getvalue().splitlines()]
    positions = [e["position"] for e in found]
    assert found and all(type(p) is int and p > 0 for p in positions), positions[:5]
    return found


def assert_unchanged(store: StoreSpec, before: list[dict[str, Any]]) -> None:
    """The log holds exactly the events it held before, event for event."""
    after = events(store)
    added = [(e["position"], e["type"]) for e in after[len(before) :]]
    assert after == before, f"the log changed: {len(before)} → {len(after)} events; new: {added[:5]}"


@pytest.fixture(scope="module")
def store(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreSpec]:
    """An initialised store of the backend under test, shared by this module's tests."""
    with new_store(backend, tmp_path_factory.mktemp(f"cli-{backend}")) as spec:
        result = run("init", store=spec)
        assert result.returncode == 0, result.stderr
        yield spec


def test_demo_prints_the_seed_story() -> None:
    """`tracker demo` works offline in a temporary store and shows the Pentagon meeting with two sources."""
    result = run("demo", "--format", "json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    meeting = next(i for i in status["interactions"] if i["occurred_on"] == "2023-07-12" and i["kind"] == "meeting")
    assert {p["id"] for p in meeting["participants"]} == {"xie-feng", "ely-ratner"}
    assert len(meeting["sources"]) == 2
    assert set(status) >= {"dyad", "as_of", "known_at", "generated_at", "channels", "sanctions", "interactions",
                           "expected", "offices", "index", "review_pending", "feeds"}  # fmt: skip


def test_append_then_status_json(store: StoreSpec) -> None:
    """Two appends in two languages show as one interaction with two sources."""
    a = run("append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12", "--location", "Pentagon",
            "--source", "https://www.reuters.com/x", "--outlet", "Reuters", "--language", "en", store=store)  # fmt: skip
    assert a.returncode == 0, a.stderr
    b = run("append", "meeting", "-a", "谢锋", "-a", "拉特纳", "--on", "2023-07-12", "--location", "五角大楼",
            "--source", "https://www.dw.com/zh/x", "--outlet", "DW", "--language", "zh", store=store)  # fmt: skip
    assert b.stdout.startswith("corroborated meeting"), b.stdout + b.stderr
    status = json.loads(run("status", "--as-of", "2023-07-31", "--format", "json", store=store).stdout)
    assert len(status["interactions"]) == 1
    assert len(status["interactions"][0]["sources"]) == 2


ON, SOURCE = ["--on", "2023-07-12"], ["--source", "https://x.org/a"]
TWO = ["-a", "Xie Feng", "-a", "Ely Ratner"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["append", "meeting", "-a", "Xie Fen", "-a", "Ely Ratner", *ON, *SOURCE], "did you mean Xie Feng"),
        (["append", "meeting", *TWO, "--on", "2023-02-30", *SOURCE], "not a real date"),
        (["append", "meeting", *TWO, *ON], "needs a source"),
        (["append", "channel-stalled", "--channel", "nope", *ON, *SOURCE], "unknown channel"),
        (["append", "teleport", *TWO, *ON, *SOURCE], "unknown kind"),
        (["status", "--as-of", "yesterday"], "not a date"),
        (["retract", "deadbeef", "--reason", "x", *SOURCE], "no interaction or sanction"),
        (["status", "--format", "pdf"], "--format"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_appends_nothing(store: StoreSpec, args: list[str], message: str) -> None:
    """Bad input prints one line, exits 2 and leaves the log as it was, event for event."""
    before = events(store)
    result = run(*args, store=store)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert_unchanged(store, before)


def test_file_append_is_all_or_nothing(store: StoreSpec, tmp_path: Path) -> None:
    """--file with one bad line names the line and appends nothing; a good file appends all."""
    good = {"kind": "call", "participants": ["Lloyd Austin", "董军"], "occurred_on": "2024-04-16",
            "source": {"url": "https://example.org/call", "outlet": "Reuters", "language": "en"}}  # fmt: skip
    bad = {**good, "occurred_on": "2024-13-40"}
    path = tmp_path / "facts.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    before = events(store)
    result = run("append", "--file", str(path), store=store)
    assert result.returncode == 2
    assert "line 2" in result.stderr
    assert_unchanged(store, before)
    path.write_text(json.dumps(good) + "\n")
    ok = run("append", "--file", "-", store=store, stdin=path.read_text())
    assert ok.returncode == 0, ok.stderr
    assert "1 reported" in ok.stdout
    added = events(store)[len(before) :]
    assert [(e["type"], e["data"]["occurred_on"]) for e in added] == [("InteractionReported", "2024-04-16")]


@pytest.mark.parametrize("command", [["status"], ["append", "call", *TWO, *ON, *SOURCE]])
def test_corrupt_store_is_one_line_exit_1(tmp_path: Path, command: list[str]) -> None:
    """A store folder whose events.db is not SQLite fails with exit 1 and one error line, no traceback, and stays as it was.

    SQLite-only: the damage is to the SQLite file in the store folder.
    """
    folder = tmp_path / "broken"
    folder.mkdir()
    garbage = b"this is not a database" * 100
    (folder / "events.db").write_bytes(garbage)
    result = run(*command, "--store", str(folder))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and re.search(r"not an? (SQLite )?database", lines[0]), lines[0]
    assert [p.name for p in folder.iterdir()] == ["events.db"]
    assert (folder / "events.db").read_bytes() == garbage


def test_export_import_verify(store: StoreSpec, make_store: Callable[[str], StoreSpec], tmp_path: Path) -> None:
    """Export to a file, import into a new store twice: the copy holds the same events and verifies."""
    out = tmp_path / "ledger.jsonl"
    assert run("export", "--output", str(out), store=store).returncode == 0
    copy = make_store("copy")
    first = run("import", str(out), store=copy)
    second = run("import", str(out), store=copy)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert " 0 imported" in second.stdout
    assert events(copy) == events(store)
    assert run("verify", store=copy).stdout.startswith("ok:")


def test_every_command_has_help_with_an_example() -> None:
    """Each command's --help shows an example (in this process: help reads no store, and 21 processes cost seconds)."""
    from typer.testing import CliRunner

    from tracker.cli import app

    for command in (["init"], ["demo"], ["append"], ["correct"], ["retract"], ["status"], ["timeline"], ["history"],
                    ["log"], ["export"], ["import"], ["verify"], ["backup"], ["restore"], ["copy"], ["actors", "list"],
                    ["actors", "show"], ["actors", "add"], ["actors", "alias"], ["channels", "list"], ["channels", "show"],
                    ["projections", "status"], ["projections", "rebuild"]):  # fmt: skip
        result = CliRunner().invoke(app, [*command, "--help"], env={"NO_COLOR": "1"})
        assert result.exit_code == 0, (command, result.output)
        assert "Example: tracker" in result.output, command


def test_unreadable_read_models_are_rebuilt(store: StoreSpec) -> None:
    """A damaged views.db is set aside with a warning and rebuilt from the log; the command succeeds."""
    before = json.loads(run("status", "--as-of", "2023-07-31", "--format", "json", store=store).stdout)
    for suffix in ("-wal", "-shm"):
        store.views_db.with_name(f"views.db{suffix}").unlink(missing_ok=True)
    store.views_db.write_bytes(b"garbage, not a database" * 50)
    result = run("status", "--as-of", "2023-07-31", "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    assert "rebuilding from the log" in result.stderr
    after = json.loads(result.stdout)
    assert after["interactions"] == before["interactions"]
    assert list(store.views.glob("views.db.unreadable-*"))


def test_retract_a_channel_assessment(store: StoreSpec) -> None:
    """`tracker retract CHANNEL --on DATE` withdraws the assessment; --kind without --on is refused."""
    ok = run("append", "channel-suspended", "--channel", "mmca", "--on", "2022-08-05", "--by", "CHN",
             "--source", "https://www.fmprc.gov.cn/x", store=store)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    bad = run(
        "retract", "mmca", "--kind", "channel-suspended", "--reason", "x", "--source", "https://x.org/r", store=store
    )
    assert bad.returncode == 2 and "--kind goes with --on" in bad.stderr
    done = run(
        "retract", "mmca", "--on", "2022-08-05", "--reason", "misreported", "--source", "https://x.org/r", store=store
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("retracted channel-suspended")
    channels = json.loads(run("channels", "list", "--as-of", "2023-01-01", "--format", "json", store=store).stdout)
    assert next(c for c in channels if c["slug"] == "mmca")["status"] == "unknown"
