"""`tracker feeds`: subscribe, list, show, remove, OPML import and export; `tracker poll` and `run` poll them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli.common import App, Format, Store, ViewsOpt, app, check_format, emit_json, fail, plural, session

feeds_app = App(
    help="Feeds to follow: subscribe, list (with each feed's health), show, remove, OPML import and export. "
    "The poll and run commands poll them: now, or each on its interval.\n\n"
    "Example: tracker feeds add https://www.state.gov/feed/ --name state-dept --every 30m --language en"
)
app.add_typer(feeds_app, name="feeds")


def _line(f: dict[str, Any]) -> str:
    from tracker.reports.common import feed_health

    health = feed_health(f) + (f": {f['last_error']}" if f.get("last_error") else "")
    return (
        f"{f['name']:<24} every {f['every']:<5} {f['language']:<4} {f['trust']:<6} {f['reports']:>6} reports  "
        f"{f['url']}  [{health}]"
    )


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The feed's http or https URL (RSS, Atom or JSON Feed)")],
    name: Annotated[str | None, typer.Option(help="A name unique among feeds (default: the URL's host)")] = None,
    every: Annotated[str, typer.Option(help="Polling interval such as 15m, 2h or 1d (from 1m to 7d)")] = "15m",
    language: Annotated[str, typer.Option(help="en, zh or auto (detected per item)")] = "auto",
    trust: Annotated[
        str, typer.Option(help="review (queue candidates) or auto (accept above the threshold)")
    ] = "review",
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Subscribe to a feed. A URL already subscribed is refused.

    Example: tracker feeds add https://www.state.gov/feed/ --name state-dept --every 30m --language en
    """
    check_format(fmt, ("text", "json"))
    with session(store, views, setup=False) as s:
        outcome = s.add_feed(url, name=name, every=every, language=language, trust=trust)
        feed = next(f for f in s.feeds() if f["id"] == outcome.fact_id)
        if fmt == "json":
            emit_json({**feed, "action": outcome.action})
            return
        typer.echo(f"{outcome.action} {feed['name']} ({feed['url']}), every {feed['every']}")


@feeds_app.command("list")
def feeds_list(fmt: Format = "text", store: Store = None, views: ViewsOpt = None) -> None:
    """Every feed followed, with its settings and health.

    The JSON is a list of objects: name, url, language, trust, every, last_polled, last_status,
    last_error, next_poll, failures, reports (and id, interval in seconds, subscribed_at).
    The poll fields are null until the feed's first poll. A failing feed is never dropped:
    it shows its last_error and failures in a row, and is polled again after its back-off.

    Example: tracker feeds list --format json
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.feeds()
        if fmt == "json":
            emit_json(rows)
            return
        for f in rows:
            typer.echo(_line(f))
        if not rows:
            typer.echo("no feeds; add one with `tracker feeds add URL`")


@feeds_app.command("show")
def feeds_show(
    name: Annotated[str, typer.Argument(help="The feed's name or URL")],
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """One feed: its settings and health (poll fields null until its first poll).

    Example: tracker feeds show state-dept --format json
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        f = s.feed(name)
        if fmt == "json":
            emit_json(f)
            return
        for key in ("name", "url", "language", "trust", "every", "subscribed_at", "last_polled", "last_status",
                    "last_error", "next_poll", "failures", "reports"):  # fmt: skip
            typer.echo(f"{key + ':':<15}{'-' if f[key] is None else f[key]}")


@feeds_app.command("remove")
def feeds_remove(
    name: Annotated[str, typer.Argument(help="The feed's name or URL")],
    reason: Annotated[str | None, typer.Option(help="Why it is no longer followed")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Stop following a feed (recorded as an event; adding its URL again takes it up again).

    Example: tracker feeds remove state-dept --reason "moved to a new URL"
    """
    with session(store, views, setup=False) as s:
        url = s.feed(name)["url"]
        s.remove_feed(name, reason)
        typer.echo(f"removed {name} ({url})")


@feeds_app.command("import")
def feeds_import(
    file: Annotated[str, typer.Argument(help="An OPML file, or - for stdin")],
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Subscribe to every feed of an OPML file, all or nothing; URLs already followed are skipped and counted.

    A file that is not well-formed OPML, or declares a DOCTYPE or ENTITY, adds nothing.

    Example: tracker feeds import subscriptions.opml
    """
    check_format(fmt, ("text", "json"))
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as e:
        fail(f"{file}: {e.strerror}", 2)
    with session(store, views, setup=False) as s:
        result = s.import_opml(data, what=file)
        if fmt == "json":
            emit_json(result)
            return
        typer.echo(f"added {plural(result['added'], 'feed')}, skipped {result['skipped']} already subscribed")


@feeds_app.command("export")
def feeds_export(
    file: Annotated[Path | None, typer.Argument(help="The OPML file to write (default: stdout)")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Write every feed followed as OPML 2.0, for any feed reader or `feeds import` into another store.

    Example: tracker feeds export feeds.opml
    """
    with session(store, views) as s:
        text = s.export_opml()
        count = len(s.feeds())
    if file is None:
        typer.echo(text, nl=False)
        return
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"{file}: {e.strerror}", 1)
    typer.echo(f"wrote {plural(count, 'feed')} to {file}", err=True)
