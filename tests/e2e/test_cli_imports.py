"""What a one-fact `tracker append` imports: only what it needs (issue 12); the whole app is still there for the rest.

The append path runs as the console script does, in a fresh interpreter, and the test reads its
sys.modules. Not timed: bench/one_append.py measures the time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Kept off the plain append path: typer and click, the other commands' modules, the feed poller and
# its parsing, extraction and its Chinese tools, the renderers, and the heavy optional libraries.
LAZY = (
    "typer", "click", "rich", "httpx", "feedparser", "apscheduler", "jinja2", "opencc", "pypinyin", "xml",
    "tracker.extract", "tracker.feeds", "tracker.reports", "tracker.demo", "tracker.input.feeds",
    "tracker.input.peer", "tracker.cli.common", "tracker.cli.feeds", "tracker.cli.ledger", "tracker.cli.nouns",
    "tracker.cli.poll", "tracker.cli.reading", "tracker.cli.reports", "tracker.cli.review", "tracker.cli.storage",
)  # fmt: skip

RUN = r"""
import json, sys
sys.argv = ["tracker", *json.loads(sys.argv[1])]
import tracker.cli
try:
    tracker.cli.main()
except SystemExit as e:
    code = e.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def run_main(*args: str) -> tuple[int, str, list[str]]:
    """tracker.cli.main() with these arguments in a fresh interpreter: exit code, stdout, modules imported."""
    r = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(args)], capture_output=True, text=True, timeout=120, check=False
    )
    report = json.loads(r.stderr.strip().splitlines()[-1])
    return report["code"], r.stdout, report["modules"]


def loaded(modules: list[str]) -> list[str]:
    return sorted({p for p in LAZY for m in modules if m == p or m.startswith(p + ".")})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("imports") / "store"
    subprocess.run(
        [sys.executable, "-m", "tracker.cli", "init", "--store", str(folder)], check=True, capture_output=True
    )
    return folder


def test_a_plain_append_imports_none_of_the_lazy_modules(store: Path) -> None:
    """`tracker append meeting -a … --on … --source …` appends without typer, click, feeds, extraction or reports."""
    code, out, modules = run_main(
        "append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12",
        "--source", "https://example.org/imports", "--store", str(store),
    )  # fmt: skip
    assert code == 0
    assert out.startswith("reported meeting ")
    assert "tracker.session" in modules  # it did reach the library
    assert loaded(modules) == []


def test_an_append_that_fails_imports_none_of_them_either(store: Path) -> None:
    """An unknown actor is refused (exit 2) on the same path: the error needs no typer."""
    code, _, modules = run_main(
        "append", "meeting", "-a", "Nobody Known", "--on", "2023-07-12", "--source", "https://example.org/x",
        "--store", str(store),
    )  # fmt: skip
    assert code == 2
    assert loaded(modules) == []


def test_a_plain_status_imports_neither_typer_nor_click(store: Path) -> None:
    """`tracker status --format json` reads the views without typer or click; the renderers it needs are loaded."""
    code, out, modules = run_main("status", "--format", "json", "--store", str(store))
    assert code == 0
    assert json.loads(out)["dyad"] == "CHN-USA"
    assert "tracker.reports.render" in modules
    # It renders the report and reads the feeds' health: those it needs. The command line's others it does not.
    needed = ("tracker.reports", "tracker.feeds", "xml")
    assert [m for m in loaded(modules) if not m.startswith(needed)] == []


def test_an_append_typer_must_read_goes_to_typer(store: Path) -> None:
    """`--help` (or any form the fast path does not read) is typer's: the app is loaded, with the ledger's commands only."""
    code, out, modules = run_main("append", "--help")
    assert code == 0
    assert "Usage: tracker append [OPTIONS] [KIND]" in out
    assert "typer" in modules and "tracker.cli.ledger" in modules
    assert "tracker.cli.feeds" not in modules and "tracker.session" not in modules


def test_another_command_imports_only_its_own_module(store: Path) -> None:
    """`tracker actors list` registers the nouns' commands, not the feeds', review's or storage's."""
    code, out, modules = run_main("actors", "list", "--store", str(store))
    assert code == 0
    assert "xie-feng" in out
    cli = sorted(m for m in modules if m.startswith("tracker.cli."))
    assert cli == ["tracker.cli.base", "tracker.cli.common", "tracker.cli.nouns"]


def test_the_app_attribute_has_every_command() -> None:
    """`from tracker.cli import app` (the tests' CliRunner) still gets every command and group."""
    code = (
        "import json, typer.main\nfrom tracker.cli import app\n"
        "print(json.dumps(sorted(typer.main.get_command(app).commands)))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    commands = set(json.loads(r.stdout))
    from tracker.cli import COMMANDS

    assert commands == set(COMMANDS)


TREE = r"""
import json, sys
import typer.main
from tracker.cli import load_commands
app = load_commands(tuple(json.loads(sys.argv[1])))
root = typer.main.get_command(app)
print(json.dumps({name: sorted(getattr(cmd, "commands", {})) for name, cmd in root.commands.items()}))
"""


def command_tree(modules: tuple[str, ...]) -> dict[str, list[str]]:
    """Each top-level command and its sub-commands, with only these command modules imported."""
    r = subprocess.run(
        [sys.executable, "-c", TREE, json.dumps(modules)], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(r.stdout)


def test_each_command_is_whole_with_only_its_modules() -> None:
    """The modules COMMANDS names for a command register it with every sub-command the whole app gives it."""
    from tracker.cli import COMMANDS, MODULES

    whole = command_tree(MODULES)
    for modules in sorted(set(COMMANDS.values())):
        partial = command_tree(modules)
        for name in (n for n, m in COMMANDS.items() if m == modules):
            assert partial.get(name) == whole[name], (name, modules)
