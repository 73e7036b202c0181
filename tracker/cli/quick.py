"""`tracker append KIND …` without typer: the one-fact append a script runs many times over.

Importing typer and click and building the command line costs about a quarter of such an
append (issue 12). For the plain form of the command (a KIND and options given as `--name
value`, `-a value` or `-f value`, each value a separate word not starting with `-`) this reads the words
itself and calls the same function the typer command calls (tracker.cli.appending.run_append).
Anything else (help, `--file`, `--new-actor`, `--name=value`, an unknown or repeated option, a
value starting with `-`) returns None and goes to typer, so its messages stay typer's own.
tests/e2e/test_cli_quick.py checks that this reads every plain form as click does.
"""

from __future__ import annotations

import errno
import gc
import sys
from typing import Any, TextIO, cast

__all__ = ["APPEND_OPTIONS", "parse_append", "run_quick_append"]

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


def parse_append(args: list[str]) -> dict[str, Any] | None:
    """run_append's arguments for the words after `append`, or None unless they are in the plain form."""
    kind: str | None = None
    values: dict[str, Any] = {}
    i = 0
    while i < len(args):
        word = args[i]
        if word.startswith("-"):
            name = APPEND_OPTIONS.get(word)
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
        elif kind is None and word:
            kind = word
            i += 1
        else:  # a second KIND (click: "unexpected extra argument") or an empty one
            return None
    if kind is None:
        return None
    return {"kind": kind, **values}


def run_quick_append(arguments: dict[str, Any]) -> None:
    """Run the append and exit as click's standalone mode would: 0, the command's code, 1 on Ctrl-C or a closed pipe."""
    from tracker.cli.appending import run_append
    from tracker.cli.base import echo

    kind = arguments.pop("kind")
    try:
        run_append(kind, **arguments)
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
        # The append is done (the store closed, the output written): spare the exit the collector's
        # last pass over every object, a sixth of the whole run. Nothing is left to finalise: the
        # session closed its connections, and no file is open.
        gc.freeze()
    sys.exit(0)
