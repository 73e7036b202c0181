"""What every command shares that needs no typer: output, errors to exit codes, the session's context.

Kept apart from tracker.cli.common (the typer app) so that `tracker append KIND …` can run
without importing typer or click at all (tracker.cli.quick): they cost a quarter of a one-fact
append. When click is loaded (every other command), output and exits go through it exactly as
before: `echo` is click.echo and `fail` raises click's Exit.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from tracker.errors import DomainError, OperationFailed

__all__ = [
    "FLAGS",
    "check_format",
    "domain_message",
    "echo",
    "emit_json",
    "exit_with",
    "fail",
    "plural",
    "print_status",
    "progress_bar",
    "read_input",
    "session",
    "use_color",
]

# click.utils.strip_ansi's pattern: echo strips these when the stream is not a terminal, as click.echo does.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line on stdout (stderr with err) as click.echo does: ANSI codes stripped off a terminal, then flushed."""
    stream = sys.stderr if err else sys.stdout
    encoding = getattr(stream, "encoding", None) or "ascii"
    if "click" in sys.modules or _is_ascii(encoding):
        # click loaded (the typer path), or a stream click would re-wrap as UTF-8: click's own echo, exactly.
        import click

        click.echo(message, err=err, nl=nl)
        return
    text = message + "\n" if nl else message
    if not text:
        stream.flush()
        return
    try:
        terminal = stream.isatty()
    except Exception:
        terminal = False
    if not terminal:
        text = _ANSI.sub("", text)
    stream.write(text)
    stream.flush()


def _is_ascii(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False


def exit_with(code: int) -> BaseException:
    """The exception that ends the command with an exit code: click's Exit under click, else SystemExit."""
    click = sys.modules.get("click")
    if click is not None:
        exit_type: type[BaseException] = click.exceptions.Exit
        return exit_type(code)
    return SystemExit(code)


def _is_exit(e: BaseException) -> bool:
    click = sys.modules.get("click")
    return click is not None and isinstance(e, click.exceptions.Exit)


# The domain names the field at fault (DomainError.field); at the command line it is a flag.
FLAGS = {
    "occurred_on": "--on",
    "until": "--until",
    "source": "--source",
    "reason": "--reason",
    "authority": "--authority",
    "program": "--program",
    "participants": "--actor",
    "status": "--status",
    "precision": "--on",
    "every": "--every",
}


def domain_message(e: DomainError, *, flags: bool = True) -> str:
    """The error's line, pointing at the flag to fix when the domain names a field and flags were used."""
    flag = FLAGS.get(e.field or "") if flags else None
    text = str(e)
    return f"{text} ({flag})" if flag and flag not in text else text


def fail(message: str, code: int) -> NoReturn:
    """Print an error line on stderr and exit with the given code."""
    echo(f"error: {message}", err=True)
    raise exit_with(code)


@contextmanager
def session(
    store: str | None,
    views: str | None,
    *,
    create: bool = False,
    setup: bool | None = None,
    flags: bool = True,
    catch_up: bool | None = None,
) -> Iterator[Any]:
    """Open the store and turn every error into one line and an exit code.

    create: make a missing store (init, demo, import); every other command on a missing store
    says to run `tracker init` and exits 2. flags: name the flag to fix. catch_up (default: not
    create): show a progress bar while a long catch-up of the read models runs first.
    """
    from tracker.session import open_session

    s = None
    try:
        s = open_session(store, views, create=create, setup=setup)
        if s.views_set_aside is not None:
            echo(
                f"warning: the read models were unreadable; kept them as {s.views_set_aside} and rebuilding from the log",
                err=True,
            )
        if (not create if catch_up is None else catch_up) and sys.stderr.isatty():
            # A long catch-up (after a bulk append, or a rebuild of damaged views) shows progress;
            # a short one happens unseen on the first read.
            behind = s.store.max_position() - s.views.position()
            if behind >= 10_000:
                with progress_bar(behind, "catching up the read models") as advance:
                    s.catch_up(advance)
        yield s
        # Notes (e.g. read models built in memory for a read-only store) after the command's output,
        # and only when it succeeded: an error stays one line.
        for note in s.notes:
            echo(f"note: {note}", err=True)
    except DomainError as e:
        fail(domain_message(e, flags=flags), 2)
    except OperationFailed as e:
        fail(str(e), 1)
    except KeyboardInterrupt:
        fail("interrupted; nothing half-written was kept", 130)
    except BrokenPipeError:
        sys.stderr.close()
        raise exit_with(0) from None
    except Exception as e:
        if _is_exit(e) or os.environ.get("TRACKER_DEBUG"):
            raise
        from tracker.store.retry import is_locked, locked_message

        if is_locked(e):
            # SQLite's busy wait ran out: a failed operation the user can simply retry, not a crash.
            fail(locked_message("the store"), 1)
        text = str(e).strip().splitlines()
        fail(f"{type(e).__name__}: {text[0] if text else ''} (set TRACKER_DEBUG=1 for details)", 1)
    finally:
        if s is not None:
            s.close()


def plural(count: int, noun: str) -> str:
    """`1 fact`, `2 facts`, `2 aliases`: a count and its noun."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun}es" if noun.endswith("s") else f"{count} {noun}s"


def emit_json(data: Any) -> None:
    """Print data as JSON, indented when stdout is a terminal."""
    from tracker.reports.render import to_json

    echo(to_json(data, pretty=sys.stdout.isatty()))


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    """Exit with a usage error unless fmt is one of the allowed formats."""
    if fmt not in allowed:
        fail(f"--format {fmt!r} is not one of {', '.join(allowed)}", 2)


def use_color() -> bool:
    """Whether to colour output: stdout is a terminal, NO_COLOR is unset and TERM is not dumb."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def read_input(file: str) -> str:
    """The text of a file, or of stdin for `-`; a file that cannot be read exits with a usage error."""
    try:
        if file == "-":
            return sys.stdin.read()
        return Path(file).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{file}: no such file", 2)
    except UnicodeDecodeError:
        fail(f"{file}: not UTF-8 text", 2)
    except OSError as e:
        fail(f"{file}: {e.strerror}", 2)
    raise AssertionError("unreachable")


@contextmanager
def progress_bar(total: int, label: str, *, minimum: int = 10_000) -> Iterator[Callable[[int], None] | None]:
    """A callback that advances a progress bar, or None when stderr is not a terminal or the job is under minimum."""
    if not sys.stderr.isatty() or total < minimum:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


def print_status(status: dict[str, Any], fmt: str, output: Path | None) -> None:
    """Render the status report and print it, or write it to output (which HTML requires)."""
    from tracker.reports import render as reports

    if fmt == "html" and output is None:
        fail("--format html needs --output FILE", 2)
    text = reports.render_status(
        status, fmt, color=use_color() and output is None, pretty=output is not None or sys.stdout.isatty()
    )
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"cannot write {output}: {e.strerror}", 1)
        echo(f"wrote {output}", err=True)
    else:
        echo(text)
