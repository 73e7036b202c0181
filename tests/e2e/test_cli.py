"""The `tracker` command as a user runs it: a real process, a real store folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TRACKER = [sys.executable, "-m", "tracker.cli"]


def run(*args: str, store: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("TRACKER_STORE", None)
    cmd = [*TRACKER, *args]
    if store is not None:
        cmd += ["--store", str(store)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, input=stdin, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run("init", store=path)
    assert result.returncode == 0, result.stderr
    return path


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


def test_append_then_status_json(store: Path) -> None:
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["append", "meeting", "-a", "Xie Fen", "--on", "2023-07-12", "--source", "https://x.org/a"],
            "did you mean Xie Feng",
        ),
        (
            ["append", "meeting", "-a", "Xie Feng", "--on", "2023-02-30", "--source", "https://x.org/a"],
            "not a real date",
        ),
        (["append", "meeting", "-a", "Xie Feng", "--on", "2023-07-12"], "needs a source"),
        (
            ["append", "channel-stalled", "--channel", "nope", "--on", "2023-07-12", "--source", "https://x.org/a"],
            "unknown channel",
        ),
        (["append", "teleport", "-a", "Xie Feng", "--on", "2023-07-12", "--source", "https://x.org/a"], "unknown kind"),
        (["status", "--as-of", "yesterday"], "not a date"),
        (["retract", "deadbeef", "--reason", "x", "--source", "https://x.org/a"], "no interaction or sanction"),
        (["status", "--format", "pdf"], "--format"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_appends_nothing(store: Path, args: list[str], message: str) -> None:
    """Bad input prints one line, exits 2 and leaves the log as it was."""
    before = run("projections", "status", "--format", "json", store=store)
    result = run(*args, store=store)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    after = run("projections", "status", "--format", "json", store=store)
    assert json.loads(after.stdout)["log_position"] == json.loads(before.stdout)["log_position"]


def test_file_append_is_all_or_nothing(store: Path, tmp_path: Path) -> None:
    """--file with one bad line names the line and appends nothing; a good file appends all."""
    good = {"kind": "call", "participants": ["Lloyd Austin", "董军"], "occurred_on": "2024-04-16",
            "source": {"url": "https://example.org/call", "outlet": "Reuters", "language": "en"}}  # fmt: skip
    bad = {**good, "occurred_on": "2024-13-40"}
    path = tmp_path / "facts.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    result = run("append", "--file", str(path), store=store)
    assert result.returncode == 2
    assert "line 2" in result.stderr
    path.write_text(json.dumps(good) + "\n")
    ok = run("append", "--file", "-", store=store, stdin=path.read_text())
    assert ok.returncode == 0, ok.stderr
    assert "1 reported" in ok.stdout


def test_corrupt_store_is_one_line_exit_1(tmp_path: Path) -> None:
    """A store folder whose events.db is not SQLite fails with one line, no traceback."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "events.db").write_bytes(b"this is not a database" * 100)
    result = run("status", store=folder)
    assert result.returncode == 1
    assert "not an SQLite database" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_import_verify(store: Path, tmp_path: Path) -> None:
    """Export to a file, import into a new store twice, verify both."""
    out = tmp_path / "ledger.jsonl"
    assert run("export", "--output", str(out), store=store).returncode == 0
    copy = tmp_path / "copy"
    first = run("import", str(out), store=copy)
    second = run("import", str(out), store=copy)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert " 0 imported" in second.stdout
    assert run("verify", store=copy).stdout.startswith("ok:")


def test_every_command_has_help_with_an_example() -> None:
    """Each command's --help shows an example."""
    for command in (["init"], ["demo"], ["append"], ["correct"], ["retract"], ["status"], ["timeline"], ["history"],
                    ["log"], ["export"], ["import"], ["verify"], ["backup"], ["actors", "list"], ["actors", "show"],
                    ["actors", "add"], ["actors", "alias"], ["channels", "list"], ["channels", "show"],
                    ["projections", "status"], ["projections", "rebuild"]):  # fmt: skip
        result = run(*command, "--help")
        assert result.returncode == 0
        assert "Example: tracker" in result.stdout, command


def test_unreadable_read_models_are_rebuilt(store: Path) -> None:
    """A damaged views.db is set aside with a warning and rebuilt from the log; the command succeeds."""
    before = json.loads(run("status", "--as-of", "2023-07-31", "--format", "json", store=store).stdout)
    for suffix in ("-wal", "-shm"):
        (store / f"views.db{suffix}").unlink(missing_ok=True)
    (store / "views.db").write_bytes(b"garbage, not a database" * 50)
    result = run("status", "--as-of", "2023-07-31", "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    assert "rebuilding from the log" in result.stderr
    after = json.loads(result.stdout)
    assert after["interactions"] == before["interactions"]
    assert list(store.glob("views.db.unreadable-*"))


def test_retract_a_channel_assessment(store: Path) -> None:
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
