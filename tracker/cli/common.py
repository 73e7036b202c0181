"""Shared parts of the command line: the app, common options, errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import click
import typer
import typer.core

from tracker.errors import DomainError, OperationFailed


class HelpCommand(typer.core.TyperCommand):
    """A command whose help shows `[default: …]`, `[required]` and each argument's description as written."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The Arguments and Options sections, with typer's rich escapes taken out."""
        _format_params(self, ctx, formatter)


class HelpGroup(typer.core.TyperGroup):
    """A group with the same help as HelpCommand; bare, it prints its help and exits 0 (not a usage error)."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's own options, then its commands."""
        _format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Print the help and exit 0 when the group is given no arguments at all."""
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)


def _format_params(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    # typer 0.19 escapes "[required]" for rich whenever rich is installed, even with
    # rich_markup_mode=None (fastapi/typer#1089), and click 8.5 resets the help typer gives an
    # argument: undo both here rather than pin click or turn on rich's help at every start-up.
    described = _argument_help(command)
    sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument) and not getattr(param, "help", None):
            param.help = described.get(param.name or "")  # type: ignore[attr-defined]
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in sections:
            sections[param.param_type_name].append((record[0], record[1].replace("\\[", "[")))
    for title, kind in (("Arguments", "argument"), ("Options", "option")):
        if sections[kind]:
            with formatter.section(title):
                formatter.write_dl(sections[kind])


def _argument_help(command: click.Command) -> dict[str, str]:
    from typer.models import ArgumentInfo
    from typer.utils import get_params_from_function

    function = getattr(command.callback, "__wrapped__", None)
    if function is None:
        return {}
    return {
        name: meta.default.help
        for name, meta in get_params_from_function(function).items()
        if isinstance(meta.default, ArgumentInfo) and meta.default.help
    }


class App(typer.Typer):
    """A typer app whose commands and groups use HelpCommand and HelpGroup."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=HelpGroup, no_args_is_help=True, rich_markup_mode=None, **kwargs)

    def command(self, *args: Any, cls: type[typer.core.TyperCommand] | None = None, **kwargs: Any) -> Any:
        """Register a command, with HelpCommand as its class."""
        return super().command(*args, cls=cls or HelpCommand, **kwargs)


app = App(
    name="tracker",
    help="An event-sourced ledger of diplomatic relations (US–China first), and the state it projects.\n\n"
    "Example: tracker demo",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
actors_app = App(help="List, show and register actors.\n\nExample: tracker actors show 谢锋")
channels_app = App(help="The channel catalogue and each channel's status.\n\nExample: tracker channels list")
projections_app = App(help="The read models: position and rebuild.\n\nExample: tracker projections status")


def _print_version(value: bool) -> None:
    if value:
        from tracker import __version__

        typer.echo(f"tracker {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit"),
    ] = False,
) -> None:
    pass


app.add_typer(actors_app, name="actors")
app.add_typer(channels_app, name="channels")
app.add_typer(projections_app, name="projections")

Store = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store folder (SQLite) or postgresql://user@host:port/db [env TRACKER_STORE]",
        show_default=False,
    ),
]
ViewsOpt = Annotated[
    str | None, typer.Option("--views", help="Read-model file or folder [env TRACKER_VIEWS]", show_default=False)
]
Format = Annotated[str, typer.Option("--format", "-f", help="text or json")]


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
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


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
            typer.echo(
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
            typer.echo(f"note: {note}", err=True)
    except typer.Exit:
        raise
    except DomainError as e:
        fail(domain_message(e, flags=flags), 2)
    except OperationFailed as e:
        fail(str(e), 1)
    except KeyboardInterrupt:
        fail("interrupted; nothing half-written was kept", 130)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
    except Exception as e:
        if os.environ.get("TRACKER_DEBUG"):
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

    typer.echo(to_json(data, pretty=sys.stdout.isatty()))


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
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(text)
