"""The `tracker` command line: a thin layer over tracker.session.Session.

Each command builds a Session, calls one library method and prints the result; errors
become one line on stderr and exit code 2 (bad input) or 1 (failed operation).
"""

from __future__ import annotations

from tracker.cli import feeds, ledger, nouns, poll, reading, reports, review, storage  # noqa: F401 - registers the commands
from tracker.cli.common import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - the console script
    """Run the command line: the `tracker` console script."""
    app(prog_name="tracker")
