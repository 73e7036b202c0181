"""The typer app and its common options; the shared helpers that need no typer are tracker.cli.base's."""

from __future__ import annotations

from typing import Annotated, Any

import click
import typer
import typer.core

from tracker.cli.base import (
    FLAGS,
    check_format,
    domain_message,
    emit_json,
    fail,
    plural,
    print_status,
    progress_bar,
    read_input,
    session,
    use_color,
)

__all__ = [
    "FLAGS",
    "App",
    "Format",
    "HelpCommand",
    "HelpGroup",
    "Store",
    "ViewsOpt",
    "actors_app",
    "app",
    "channels_app",
    "check_format",
    "domain_message",
    "emit_json",
    "fail",
    "plural",
    "print_status",
    "progress_bar",
    "projections_app",
    "read_input",
    "session",
    "use_color",
]


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
