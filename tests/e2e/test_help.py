"""The help pages of every command, listed from the typer app itself, and the bare and --version forms."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest
import typer.main
from typer.testing import CliRunner

import tracker
from tracker.cli import app
from tracker.input.facts import FACT_KINDS


def command_paths() -> list[tuple[list[str], click.Command]]:
    """Every command and group of the app, with the words that invoke it (the root is [])."""
    found: list[tuple[list[str], click.Command]] = []

    def walk(path: list[str], command: click.Command) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk([*path, name], sub)

    walk([], typer.main.get_command(app))
    return found


COMMANDS = command_paths()
IDS = [" ".join(path) or "tracker" for path, _ in COMMANDS]


def help_page(path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"NO_COLOR": "1"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_app_has_the_documented_commands() -> None:
    """The walk over the app finds every command of the contract, so the tests below cover them all."""
    assert {" ".join(p) for p, _ in COMMANDS} >= {
        "init", "demo", "append", "correct", "retract", "status", "timeline", "history", "log", "export",
        "import", "verify", "backup", "actors list", "actors show", "actors add", "actors alias",
        "channels list", "channels show", "projections status", "projections rebuild",
    }  # fmt: skip


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_shows_plain_brackets(path: list[str], command: click.Command) -> None:
    """Every help page shows `[default: …]` and `[required]` without a backslash before the bracket."""
    page = help_page(path)
    assert "\\[" not in page
    for param in command.params:
        if isinstance(param, click.Option) and param.required:
            assert "[required]" in page, param.name
    if any(isinstance(p, click.Argument) and p.required for p in command.params):
        assert "[required]" in page


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_describes_every_argument(path: list[str], command: click.Command) -> None:
    """Each positional argument is listed with a description, not as a bare name."""
    page = help_page(path)
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if not arguments:
        return
    section = page.split("Arguments:\n", 1)[1].split("\n\n", 1)[0]
    entries = [line.split(None, 1) for line in section.splitlines() if re.match(r"^  \S", line)]
    assert len(entries) == len(arguments), section
    for entry in entries:
        described = entry[1].replace("[required]", "").strip() if len(entry) > 1 else ""
        assert described, (path, entry)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_each_example_is_on_its_own_line(path: list[str], command: click.Command) -> None:
    """An example command line starts a line of the help page, never the middle of another sentence."""
    description = help_page(path).split("\nArguments:")[0].split("\nOptions:")[0]
    for line in description.splitlines():
        if "tracker " in line:
            assert re.match(r"^\s*([A-Z][\w ,]*: )?tracker ", line), (path, line)


def test_default_values_are_shown() -> None:
    """An option's default is shown as `[default: …]`."""
    assert "[default: text]" in help_page(["status"])


def test_append_help_lists_every_kind() -> None:
    """`tracker append --help` names every kind of fact it accepts, none broken across lines."""
    page = help_page(["append"])
    for kind in FACT_KINDS:
        assert re.search(rf"(?<![\w-]){re.escape(kind)}(?![\w-])", page), kind


def tracker_process(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG")}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "tracker.cli", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_version_prints_the_package_version() -> None:
    """`tracker --version` prints `tracker X.Y.Z` from tracker.__version__ and exits 0."""
    result = tracker_process("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"tracker {tracker.__version__}"


def test_bare_tracker_shows_help_and_exits_0() -> None:
    """A bare `tracker` prints the help with the list of commands, and it is not an error."""
    result = tracker_process()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: tracker")
    assert "Commands:" in result.stdout and "append" in result.stdout


def test_bare_group_shows_help_and_exits_0() -> None:
    """A bare `tracker actors` prints that group's help and exits 0, as the bare `tracker` does."""
    result = CliRunner().invoke(app, ["actors"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "Commands:" in result.output and "list" in result.output
