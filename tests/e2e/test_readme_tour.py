"""The README's five-minute tour, run line by line in bash as a reader pastes it, so the two cannot drift."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def tour_commands() -> list[str]:
    """The commands of the tour's sh block: lines ending in a backslash joined to the next, comments dropped."""
    section = README.read_text(encoding="utf-8").split("## A five-minute tour", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert found, "no ```sh block in the README's tour"
    commands: list[str] = []
    current: list[str] = []
    for line in found.group(1).splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current.append(line)
        if not line.endswith("\\"):
            commands.append("\n".join(current))
            current = []
    assert not current, f"the tour ends inside a continued line: {current}"
    return commands


def fresh_checkout(tmp_path: Path) -> Path:
    """A folder as the reader has it after the install line: examples/ and a .venv whose bin holds tracker."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    bin_dir = Path(sys.executable).parent
    if (bin_dir / "activate").exists() and (bin_dir / "tracker").exists():
        (work / ".venv").symlink_to(bin_dir.parent, target_is_directory=True)
    else:  # the suite runs outside a virtual environment with the console script: stand in for both
        stub = work / ".venv" / "bin"
        stub.mkdir(parents=True)
        (stub / "activate").write_text(f'export PATH="{stub}:{bin_dir}:$PATH"\n', encoding="utf-8")
        (stub / "tracker").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tracker.cli "$@"\n', encoding="utf-8")
        (stub / "tracker").chmod(0o755)
    return work


def test_the_tour_starts_by_putting_tracker_on_the_path() -> None:
    """The tour's first command activates the virtual environment of the install line."""
    assert tour_commands()[0].split("#")[0].strip() == ". .venv/bin/activate"


def test_the_tour_has_no_placeholders() -> None:
    """Every URL of the tour is complete and every id is one the reader got from an earlier command."""
    for command in tour_commands():
        code = command.split(" #")[0]
        assert "…" not in code, command
        assert not re.search(r"(history|correct|retract) [0-9a-f]{6,}\b", code), command


def test_the_readme_tour_runs_as_written(tmp_path: Path) -> None:
    """Every command of the README tour exits 0 when run in order in one fresh bash."""
    commands = tour_commands()
    script = ["set -o pipefail"]
    for number, command in enumerate(commands):
        script.append(command)
        script.append(f'__rc=$?; [ "$__rc" -eq 0 ] || {{ echo "tour command {number} exited $__rc" >&2; exit 97; }}')
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_") and k != "VIRTUAL_ENV"}
    env |= {
        "NO_COLOR": "1",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TRACKER_STORE": str(tmp_path / "fresh-store"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    result = subprocess.run(
        ["bash", "--norc", "--noprofile"],
        input="\n".join(script) + "\n",
        cwd=fresh_checkout(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    failed = re.search(r"tour command (\d+) exited (\d+)", result.stderr)
    where = f"\n$ {commands[int(failed.group(1))]}\n" if failed else ""
    assert result.returncode == 0, f"{where}{result.stderr[-3000:]}"
