"""Commands that read the state: status, timeline, history, log."""

from __future__ import annotations

import json
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
    session,
    use_color,
)
from tracker.cli.status import run_status

# -- reading ------------------------------------------------------------------------------


@app.command("status")
def status_cmd(
    dyad: Annotated[str | None, typer.Option(help="Two ISO alpha-3 codes, default CHN-USA")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="What had occurred by this date")] = None,
    known_at: Annotated[str | None, typer.Option("--known-at", help="Only what had been recorded by this time")] = None,
    since: Annotated[
        str | None, typer.Option(help="Start of the interactions window (default: a year before --as-of)")
    ] = None,
    changes_since: Annotated[
        str | None, typer.Option("--changes-since", help="Add what changed since this date")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown, json or html")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file (needed for html)")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """The state of the relationship: channels, sanctions, interactions, expected, offices.

    Example: tracker status --as-of 2023-07-31 --format json
    """
    run_status(
        dyad=dyad, as_of=as_of, known_at=known_at, since=since, changes_since=changes_since, fmt=fmt,
        output=output, store=store, views=views,
    )  # fmt: skip


@app.command()
def timeline(
    dyad: Annotated[str | None, typer.Option(help="e.g. CHN-USA")] = None,
    since: Annotated[str | None, typer.Option(help="From this date")] = None,
    until: Annotated[str | None, typer.Option(help="To this date")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind")] = None,
    actor: Annotated[str | None, typer.Option(help="Only facts involving this actor")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown, json or csv")] = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every dated fact in date order, with its code, Goldstein value and sources.

    Example: tracker timeline --since 2023-01-01 --format csv
    """
    check_format(fmt, ("text", "markdown", "json", "csv"))
    with session(store, views) as s:
        rows = s.timeline(dyad=dyad, since=since, until=until, kind=kind, actor=actor)
        if fmt == "json":
            emit_json(rows)
            return
        from tracker.reports import render as reports

        typer.echo(reports.render_timeline(rows, fmt, color=use_color()), nl=fmt != "csv")


@app.command()
def history(
    fact_id: Annotated[str, typer.Argument(help="Fact id (or its first 6+ characters), or a channel's slug or name")],
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every event of one fact or channel, oldest first, with its sources.

    \b
    Example: tracker history 3f2a9c1b
    A channel: tracker history 防长会谈
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.history(fact_id)
        if fmt == "json":
            emit_json(rows)
            return
        for r in rows:
            data = r["data"]
            sources = [data["source"]["url"]] if isinstance(data.get("source"), dict) else []
            detail = data.get("summary") or data.get("reason") or data.get("changes") or ""
            said = data.get("account")
            if said:
                # What this report said of the interaction, so disagreements between sources show.
                parts = [said.get("occurred_on"), said.get("location"), said.get("summary")]
                detail = "says: " + "; ".join(str(p) for p in parts if p)
            typer.echo(f"v{r['version']} {r['recorded_at']} {r['type']} {detail} {' '.join(sources)}".rstrip())


@app.command()
def log(
    after: Annotated[int, typer.Option(help="Start after this position")] = 0,
    follow: Annotated[bool, typer.Option("--follow", help="Keep printing new events")] = False,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """The event log, oldest first.

    Example: tracker log --after 250 --format json
    """
    import time

    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        position = after
        while True:
            for r in s.log(after=position):
                if fmt == "json":
                    typer.echo(json.dumps(r.as_json(), ensure_ascii=False))
                else:
                    typer.echo(f"{r.position:>8} {r.recorded_at} {r.type:<24} {r.aggregate_id} v{r.version}")
                position = r.position
            if not follow:
                return
            time.sleep(1.0)
