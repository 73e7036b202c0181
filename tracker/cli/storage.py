"""Commands over the whole store: export, import, verify, backup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import (
    Format,
    Store,
    ViewsOpt,
    app,
    check_format,
    emit_json,
    plural,
    read_input,
    session,
)

# -- export, import, verify, backup, projections -----------------------------------------


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or jsonfeed (facts)")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default stdout)")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every stored event, oldest first, one JSON object a line; or, with jsonfeed, the facts as a JSON Feed.

    Example: tracker export > ledger.jsonl
    """
    check_format(fmt, ("jsonl", "csv", "jsonfeed"))
    with session(store, views) as s:
        if fmt == "jsonfeed":
            if output is None:
                s.export_jsonfeed(sys.stdout)
                return
            tmp = output.with_name(output.name + ".part")
            with open(tmp, "w", encoding="utf-8") as f:
                items = s.export_jsonfeed(f)
            tmp.replace(output)
            typer.echo(f"exported {plural(items, 'fact')} to {output}", err=True)
            return
        if output is None:
            s.export(sys.stdout, fmt)
            return
        tmp = output.with_name(output.name + ".part")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            count = s.export(f, fmt)
        tmp.replace(output)
        typer.echo(f"exported {plural(count, 'event')} to {output}", err=True)


@app.command("import")
def import_cmd(
    file: Annotated[str, typer.Argument(help="A file written by tracker export (jsonl); - for stdin")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Append the exported events this store lacks (idempotent; all or nothing).

    Example: tracker import ledger.jsonl --store ./copy
    """
    with session(store, views, create=True) as s:
        result = s.import_(read_input(file), what=file)
        typer.echo(
            f"read {plural(result['read'], 'event')}: {result['imported']} imported, {result['skipped']} already present"
        )


@app.command()
def verify(store: Store = None, views: ViewsOpt = None, fmt: Format = "text") -> None:
    """Check the log: positions increase, versions run without gaps, every event decodes.

    Example: tracker verify
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        result = s.verify()
        if fmt == "json":
            emit_json(result)
        else:
            for p in result["problems"]:
                typer.echo(p, err=True)
            typer.echo(
                f"{'ok' if result['ok'] else 'FAILED'}: {plural(result['events'], 'event')}, "
                f"{plural(result['aggregates'], 'fact')}, "
                f"last position {result['last_position']}"
            )
        if not result["ok"]:
            raise typer.Exit(1)


@app.command()
def backup(
    path: Annotated[Path, typer.Argument(help="A new file, or a folder to put a dated file in")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """A consistent copy of the SQLite event store, safe while others append.

    Example: tracker backup ~/backups/
    """
    with session(store, views) as s:
        result = s.backup(path)
        typer.echo(f"backed up {plural(result['events'], 'event')} to {result['path']}")
