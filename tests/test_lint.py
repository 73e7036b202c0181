"""The code stays ruff-clean and mypy-clean, as the style guide asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return [found]


def test_ruff_check_and_format() -> None:
    """ruff finds nothing to fix and nothing to reformat."""
    check = subprocess.run(
        [*_tool("ruff"), "check", "events", "tracker", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [*_tool("ruff"), "format", "--check", "events", "tracker", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout


def test_mypy() -> None:
    """mypy finds no type errors in events/ and tracker/."""
    result = subprocess.run([*_tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-3000:]
