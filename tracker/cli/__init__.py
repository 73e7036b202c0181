"""The `tracker` command line: a thin layer over tracker.session.Session.

Each command builds a Session, calls one library method and prints the result; errors
become one line on stderr and exit code 2 (bad input) or 1 (failed operation).

A run imports only what its command needs (issue 12): the module that defines it, and typer
only when the command is not a plain one-fact append or a plain status (tracker.cli.quick). `tracker.cli.app`
is the whole app, every command registered, as the tests and the help need it.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Any

__all__ = ["app", "main"]

# The command modules, in the order their commands appear in `tracker --help`.
MODULES = ("feeds", "ledger", "nouns", "poll", "reading", "reports", "review", "storage")

# Each top-level command (or group) to the modules that register it and its sub-commands.
COMMANDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("init", "demo", "append", "correct", "retract"), ("ledger",)),
    **dict.fromkeys(("actors", "channels", "projections"), ("nouns",)),
    "feeds": ("feeds",),
    **dict.fromkeys(("poll", "run"), ("poll",)),
    **dict.fromkeys(("status", "timeline", "history", "log"), ("reading",)),
    "reports": ("reports", "review"),  # `reports extract` is review's
    "review": ("review",),
    **dict.fromkeys(("export", "import", "verify", "backup", "restore", "copy"), ("storage",)),
}


def load_commands(names: tuple[str, ...] = MODULES) -> Any:
    """Register the commands of the given modules on the app (all by default) and return the app."""
    for name in names:
        import_module(f"tracker.cli.{name}")
    from tracker.cli.common import app

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:  # pragma: no cover - the console script
    """Run the command line: the `tracker` console script."""
    args = sys.argv[1:]
    # (_TRACKER_COMPLETE asks click for shell completion instead of a run.)
    if args[:1] == ["append"] and "_TRACKER_COMPLETE" not in os.environ:
        import gc

        # One fact allocates little; the collector's passes over the objects the imports create
        # would cost a tenth of the run.
        gc.disable()
        from tracker.cli.quick import parse_append, run_quick_append

        arguments = parse_append(args[1:])
        if arguments is not None:
            run_quick_append(arguments)  # exits
        gc.enable()
    elif args[:1] == ["status"] and "_TRACKER_COMPLETE" not in os.environ:
        from tracker.cli.quick import parse_status, run_quick_status

        arguments = parse_status(args[1:])
        if arguments is not None:
            run_quick_status(arguments)  # exits
    # A known command needs only its own modules; anything else (help, a typo typer suggests
    # a command for) gets them all.
    load_commands(COMMANDS.get(args[0], MODULES) if args else MODULES)(prog_name="tracker")
