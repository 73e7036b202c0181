"""`tracker append KIND …` and `tracker status …` without typer: the commands a script runs many times over.

Importing typer and click and building the command line costs about a quarter of a one-fact
append, and a tenth of a status of the 1M-event store (issue 12). For the plain form of these
commands (append: a KIND and options given as `--name value`, `-a value` or `-f value`; status:
options only; each value a separate word not starting with `-`) this reads the words itself and
calls the same function the typer command calls (tracker.cli.appending.run_append,
tracker.cli.status.run_status). Anything else (help, `--file`, `--new-actor`, `--name=value`, an
unknown or repeated option, a value starting with `-`, an empty status value) returns None and goes
to typer, so its messages stay typer's own. tests/e2e/test_cli_quick.py checks that this reads
every plain form as click does.
"""

from __future__ import annotations

import errno
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, cast

__all__ = [
    "APPEND_OPTIONS",
    "STATUS_OPTIONS",
    "parse_append",
    "parse_status",
    "run_quick",
    "run_quick_append",
    "run_quick_status",
]

# The value options of `tracker append` (tracker.cli.ledger.append), by the words that give them,
# to the keyword of run_append they fill. `--actor`/`-a` may repeat; the others are given once.
APPEND_OPTIONS: dict[str, str] = {
    "--actor": "actor", "-a": "actor", "--initiator": "initiator", "--recipient": "recipient", "--on": "on",
    "--until": "until", "--status": "status", "--location": "location", "--channel": "channel",
    "--summary": "summary", "--source": "source", "--outlet": "outlet", "--language": "language",
    "--published": "published", "--title": "title", "--target": "target", "--by": "by",
    "--authority": "authority", "--program": "program", "--legal-basis": "legal_basis", "--reason": "reason",
    "--office": "office", "--state": "state", "--format": "fmt", "-f": "fmt", "--store": "store",
    "--views": "views",
}  # fmt: skip
_REPEATABLE = {"actor"}

# The options of `tracker status` (tracker.cli.reading.status_cmd) to the keywords of run_status.
STATUS_OPTIONS: dict[str, str] = {
    "--dyad": "dyad", "--as-of": "as_of", "--known-at": "known_at", "--since": "since",
    "--changes-since": "changes_since", "--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output",
    "--store": "store", "--views": "views",
}  # fmt: skip


def _read_words(args: list[str], options: dict[str, str], *, kind: bool) -> dict[str, Any] | None:
    """The options (and, with kind, the one KIND) these words give, or None unless they are in the plain form."""
    found: str | None = None
    values: dict[str, Any] = {}
    i = 0
    while i < len(args):
        word = args[i]
        if word.startswith("-"):
            name = options.get(word)
            if name is None or i + 1 >= len(args) or args[i + 1].startswith("-"):
                return None
            value = args[i + 1]
            if name in _REPEATABLE:
                values.setdefault(name, []).append(value)
            elif name in values:
                return None
            else:
                values[name] = value
            i += 2
        elif kind and found is None and word:
            found = word
            i += 1
        else:  # a second KIND (click: "unexpected extra argument"), an empty one, or any word for status
            return None
    if not kind:
        return values
    return None if found is None else {"kind": found, **values}


def parse_append(args: list[str]) -> dict[str, Any] | None:
    """run_append's arguments for the words after `append`, or None unless they are in the plain form."""
    return _read_words(args, APPEND_OPTIONS, kind=True)


def parse_status(args: list[str]) -> dict[str, Any] | None:
    """run_status's arguments for the words after `status`, or None unless they are in the plain form."""
    values = _read_words(args, STATUS_OPTIONS, kind=False)
    if values is None or "" in values.values():  # click makes a Path of "" its own way: leave it to typer
        return None
    if "output" in values:
        values["output"] = Path(values["output"])
    return values


def run_quick_append(arguments: dict[str, Any]) -> None:
    """Run the append and exit as click's standalone mode would: 0, the command's code, 1 on Ctrl-C or a closed pipe."""
    from tracker.cli.appending import run_append

    kind = arguments.pop("kind")
    run_quick(lambda: run_append(kind, **arguments))


def run_quick_status(arguments: dict[str, Any]) -> None:
    """Run the status and exit as click's standalone mode would."""
    from tracker.cli.status import run_status

    run_quick(lambda: run_status(**arguments))


def run_quick(command: Callable[[], None]) -> None:
    """Run a command and exit as click's standalone mode would: 0, the command's code, 1 on Ctrl-C or a closed pipe."""
    from tracker.cli.base import echo

    try:
        command()
    except (EOFError, KeyboardInterrupt):
        echo("", err=True)
        echo("Aborted!", err=True)
        sys.exit(1)
    except OSError as e:
        if e.errno != errno.EPIPE:
            raise
        from click.utils import _PacifyFlushWrapper  # what click's own main does on a closed pipe

        sys.stdout = cast(TextIO, _PacifyFlushWrapper(sys.stdout))
        sys.stderr = cast(TextIO, _PacifyFlushWrapper(sys.stderr))
        sys.exit(1)
    finally:
        # The command is done (the store closed, the output written): spare the exit the collector's
        # last pass over every object, a sixth of the whole run. Nothing is left to finalise: the
        # session closed its connections, and no file is open.
        gc.freeze()
    sys.exit(0)
