"""Commands over the whole store: export, import, verify, backup, restore, copy."""

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
    fail,
    plural,
    progress_bar,
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
def verify(
    head: Annotated[
        str | None, typer.Option("--head", help="POSITION:HASH from an earlier verify: the log must still reach it")
    ] = None,
    seal: Annotated[bool, typer.Option("--seal", help="Start the hash chain of a store made before it")] = False,
    store: Store = None,
    views: ViewsOpt = None,
    fmt: Format = "text",
) -> None:
    """Check the log: versions run without gaps, every event decodes, the hash chain holds; prints the head.

    Keep the head it prints somewhere else: `--head` with it later also finds a log cut short.
    Exit 1 when a check fails (the first bad position is named).

    Example: tracker verify --head 1042:9f2c…
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        if seal:
            sealed = s.seal()
            if fmt == "json":
                emit_json(sealed)
            elif sealed["head"] is None:
                typer.echo("nothing to seal: the log is empty (its first events start the chain)")
            else:
                h = sealed["head"]
                typer.echo(f"sealed: the chain now covers the log; head {h['position']}:{h['hash']}")
            return
        total = s.store.max_position()
        with progress_bar(total, "verifying") as advance:
            result = s.verify(advance, head=head)
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
            if result["head"]:
                typer.echo(f"head {result['head']['position']}:{result['head']['hash']}")
            if not result["sealed"]:
                typer.echo(
                    "note: this log has no hash chain (it was made before tracker kept one); "
                    "run `tracker verify --seal` to start it",
                    err=True,
                )
        if not result["ok"]:
            raise typer.Exit(1)


@app.command()
def backup(
    path: Annotated[Path, typer.Argument(help="A new file, or a folder to put a dated file in")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """A consistent copy of the event store as an SQLite file, safe while others append (SQLite or PostgreSQL).

    Example: tracker backup ~/backups/
    """
    with session(store, views) as s:
        result = s.backup(path)
        typer.echo(f"backed up {plural(result['events'], 'event')} to {result['path']}")


@app.command()
def restore(
    backup: Annotated[Path, typer.Argument(help="A file from tracker backup, or from tracker export (jsonl)")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Fill an empty store from a backup or an export: the same events at the same positions.

    Example: tracker restore ~/backups/events-20240101T000000.db --store ./restored
    """
    if not backup.expanduser().is_file():  # before a store is created for it
        fail(f"{backup} is not a file; give a backup (tracker backup) or an export (tracker export)", 2)
    with session(store, views, create=True) as s:
        result = s.restore(backup)
        typer.echo(f"restored {plural(result['events'], 'event')} from the {result['from']} {result['path']}")


@app.command("copy")
def copy_cmd(
    to: Annotated[str, typer.Option("--to", help="An empty store: a folder, or postgresql://…[?schema=NAME]")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Copy the whole store into an empty one (SQLite <-> PostgreSQL); all or nothing.

    Example: tracker copy --to postgresql://tracker@localhost/tracker
    """
    with session(store, views) as s:
        result = s.copy(to)
        head = result["head"]
        typer.echo(
            f"copied {plural(result['events'], 'event')} to {result['to']}"
            + (f"; head {head['position']}:{head['hash']}" if head else "")
        )
