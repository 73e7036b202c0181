"""The fast path of a one-fact append (tracker.cli.quick) reads and answers exactly as typer's `tracker append` does.

Not timed (bench/one_append.py measures); these check the behaviour is the same: the words read
into the same arguments as click reads them, every other form left to typer, and the same output,
errors and exit codes through both paths.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from tracker.cli import app
from tracker.cli.quick import APPEND_OPTIONS, STATUS_OPTIONS, parse_append, parse_status

TRACKER = [sys.executable, "-m", "tracker.cli"]


def click_reads(args: list[str], name: str = "append") -> dict[str, Any]:
    """The parameters click's command gets for these words, as the typer function receives them."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    with command.make_context(name, list(args)) as ctx:
        params = dict(ctx.params)
    return {k: (list(v) or None) if isinstance(v, tuple) else v for k, v in params.items()}


DEFAULTS: dict[str, Any] = {name: None for name in set(APPEND_OPTIONS.values()) | {"file"}} | {
    "fmt": "text",
    "new_actor": False,
}

PLAIN = [
    ["meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12", "--source", "https://x.org/1"],
    ["--store", "/tmp/s", "meeting", "--actor", "谢锋", "-a", "Ely Ratner", "--on", "2023-07", "-f", "json"],
    ["office-assumed", "-a", "dong-jun", "--office", "minister-of-defense", "--state", "CHN", "--on", "2023-12-29"],
    ["sanction-imposed", "--target", "li-shangfu", "--by", "USA", "--authority", "State", "--program", "CAATSA",
     "--legal-basis", "EO 13224", "--reason", "arms", "--on", "2018-09-20", "--source", "https://x.org/2"],
    ["channel-suspended", "--channel", "防长会谈", "--by", "CHN", "--reason", "Pelosi", "--on", "2022-08-05",
     "--format", "text", "--views", "/tmp/v"],
    ["call", "--summary", "", "--location", "Pentagon", "--status", "expected", "--until", "2023-07-13",
     "--initiator", "Xie Feng", "--recipient", "Ely Ratner", "--outlet", "Reuters", "--language", "en",
     "--published", "2023-07-12T10:00:00Z", "--title", "A title"],
]  # fmt: skip


@pytest.mark.parametrize("args", PLAIN, ids=lambda a: a[0])
def test_the_plain_forms_read_as_click_reads_them(args: list[str]) -> None:
    """Every plain append is read into the very arguments typer would pass to the command."""
    quick = parse_append(args)
    assert quick is not None
    assert DEFAULTS | quick == click_reads(args)


def value_options(name: str) -> dict[str, str]:
    """Each word that gives a value option of the click command, to the parameter it fills."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return {
        word: param.name
        for param in command.params
        if not getattr(param, "is_flag", False) and param.param_type_name == "option" and param.name != "file"
        for word in param.opts
    }


def test_every_value_option_of_append_is_in_the_table() -> None:
    """The fast path knows each value option of `append` by every name click gives it (a new option must be added)."""
    assert value_options("append") == APPEND_OPTIONS


def test_every_option_of_status_is_in_the_table() -> None:
    """The same for `status`, which has no flags and no argument: a new one must be added to the fast path."""
    command = typer.main.get_command(app).commands["status"]  # type: ignore[attr-defined]
    assert all(param.param_type_name == "option" and not param.is_flag for param in command.params)
    assert value_options("status") == STATUS_OPTIONS


STATUS_PLAIN = [
    [],
    ["--format", "json"],
    ["-f", "markdown", "--as-of", "2023-07-31", "--known-at", "2023-08-01T00:00:00Z", "--dyad", "CHN-USA"],
    ["--since", "2023-01-01", "--changes-since", "2023-06-01", "--store", "/tmp/s", "--views", "/tmp/v"],
    ["-f", "html", "-o", "/tmp/status.html"],
    ["--output", "out/status.md", "--format", "markdown"],
]


@pytest.mark.parametrize("args", STATUS_PLAIN, ids=lambda a: " ".join(a) or "bare")
def test_the_plain_status_forms_read_as_click_reads_them(args: list[str]) -> None:
    """Every plain status is read into the very arguments typer would pass to the command (a Path for --output)."""
    quick = parse_status(args)
    assert quick is not None
    defaults = {name: None for name in STATUS_OPTIONS.values()} | {"fmt": "text"}
    click = click_reads(args, "status")
    if click["output"] is not None:  # typer makes the Path its annotation asks for of click's string
        click["output"] = Path(click["output"])
    assert defaults | quick == click


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h"], ["json"], ["--format=json"], ["-fjson"], ["--format", "json", "--format", "text"],
     ["--as-of"], ["--as-of", "-1"], ["--output", ""], ["--dyad", ""], ["--bogus", "x"], ["--", "--format"]],
)  # fmt: skip
def test_every_other_status_form_is_left_to_typer(args: list[str]) -> None:
    """Help, an argument, `--name=value`, repeated or unknown options, empty values, values like options: typer's."""
    assert parse_status(args) is None


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["meeting", "-h"],
        ["--file", "facts.jsonl"],
        ["meeting", "--new-actor", "-a", "x"],
        ["meeting", "--on=2023-07-12"],
        ["meeting", "-aXie"],
        ["meeting", "--bogus", "x"],
        ["meeting", "--on", "2023-07-12", "--on", "2023-07-13"],
        ["meeting", "--summary", "-5 degrees"],
        ["meeting", "call"],
        ["meeting", "--on"],
        ["meeting", "--", "-a"],
        ["", "-a", "x"],
        ["-", "-a", "x"],
    ],
)
def test_every_other_form_is_left_to_typer(args: list[str]) -> None:
    """Help, --file, flags, `--name=value`, unknown or repeated options, values like options: typer's, with its messages."""
    assert parse_append(args) is None


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    """Two stores made alike: one written through the fast path, one through typer."""
    pair = (tmp_path / "quick", tmp_path / "typer")
    for folder in pair:
        subprocess.run([*TRACKER, "init", "--store", str(folder)], check=True, capture_output=True)
    return pair


CASES = [
    ["meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12", "--source", "https://x.org/1"],
    ["meeting", "-a", "谢锋", "-a", "Ely Ratner", "--on", "2023-07-13", "--source", "https://x.org/2",
     "--location", "Beijing"],
    ["meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12", "--source", "https://x.org/3", "-f", "json"],
    ["meeting", "-a", "Nobody Known", "--on", "2023-07-12", "--source", "https://x.org/4"],
    ["meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-13-45", "--source", "https://x.org/5"],
    ["meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12"],
    ["meeting", "-a", "Xie Feng", "--on", "2023-07-12", "--source", "https://x.org/6", "-f", "csv"],
    ["office-assumed", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12"],
    ["banquet", "-a", "Xie Feng", "--on", "2023-07-12", "--source", "https://x.org/7"],
    ["meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-20", "--source", "https://x.org/8",
     "--summary", ""],
]  # fmt: skip


def test_both_paths_print_and_exit_alike(stores: tuple[Path, Path]) -> None:
    """The same appends, in turn, through the console script's fast path and through typer: same stdout, stderr, code."""
    quick_store, typer_store = stores
    for args in CASES:
        assert parse_append(args) is not None
        quick = subprocess.run([*TRACKER, "append", *args, "--store", str(quick_store)], capture_output=True, text=True)
        slow = CliRunner().invoke(app, ["append", *args, "--store", str(typer_store)], env={"NO_COLOR": "1"})
        assert (quick.returncode, quick.stdout, quick.stderr) == (slow.exit_code, slow.stdout, slow.stderr), args
    missing = stores[0].parent / "missing"
    quick = subprocess.run([*TRACKER, "append", *CASES[0], "--store", str(missing)], capture_output=True, text=True)
    slow = CliRunner().invoke(app, ["append", *CASES[0], "--store", str(missing)], env={"NO_COLOR": "1"})
    assert (quick.returncode, quick.stderr) == (slow.exit_code, slow.stderr) == (2, quick.stderr)
    assert quick.stderr.startswith("error: no store at")


STATUS_CASES = [
    [],
    ["--format", "json"],
    ["-f", "markdown", "--as-of", "2023-07-31"],
    ["--format", "json", "--as-of", "2023-13-45"],
    ["--format", "json", "--known-at", "yesterday"],
    ["--format", "csv"],
    ["--format", "html"],
    ["--format", "json", "--dyad", "XXX-YYY"],
    ["--format", "json", "--since", "2023-01-01", "--changes-since", "2023-07-01"],
]


def without_clock(text: str) -> str:
    """The report with the time it was generated taken out: two runs a second apart say different times."""
    return re.sub(r"(generated_at\":\"|generated )[0-9T:+-]+", r"\1…", text)


def test_both_status_paths_print_and_exit_alike(stores: tuple[Path, Path]) -> None:
    """The same status reads, through the console script's fast path and through typer: same stdout, stderr, code."""
    store = stores[0]
    for args in CASES[:3]:
        subprocess.run([*TRACKER, "append", *args, "--store", str(store)], check=True, capture_output=True)
    missing = store.parent / "missing"
    for args in [*([*case, "--store", str(store)] for case in STATUS_CASES), ["--store", str(missing)]]:
        assert parse_status(args) is not None
        quick = subprocess.run([*TRACKER, "status", *args], capture_output=True, text=True)
        slow = CliRunner().invoke(app, ["status", *args], env={"NO_COLOR": "1"})
        ours, theirs = (quick.returncode, without_clock(quick.stdout), quick.stderr), (
            slow.exit_code, without_clock(slow.stdout), slow.stderr,
        )  # fmt: skip
        assert ours == theirs, args
    html = store.parent / "status.html"
    quick = subprocess.run([*TRACKER, "status", "-f", "html", "-o", str(html), "--store", str(store)], text=True,
                           capture_output=True)  # fmt: skip
    assert (quick.returncode, quick.stderr) == (0, f"wrote {html}\n")
    assert "Xie Feng" in html.read_text(encoding="utf-8")


ECHO = r"""
import sys
{setup}
echo("plain line")
echo("\x1b[1mbold\x1b[0m and 谢锋")
echo("no newline", nl=False)
echo("")
echo("on stderr \x1b[31mred\x1b[0m", err=True)
assert ("click" in sys.modules) == {click!r}
"""


def test_echo_without_click_writes_what_click_echo_writes() -> None:
    """tracker.cli.base.echo, with click not loaded, writes the bytes click.echo would (ANSI codes stripped off a terminal)."""
    ours = subprocess.run(
        [sys.executable, "-c", ECHO.format(setup="from tracker.cli.base import echo", click=False)],
        capture_output=True,
        check=True,
    )
    theirs = subprocess.run(
        [sys.executable, "-c", ECHO.format(setup="from click import echo", click=True)], capture_output=True, check=True
    )
    assert (ours.stdout, ours.stderr) == (theirs.stdout, theirs.stderr)
    assert b"\x1b" not in ours.stdout
