"""`tracker poll` (poll feeds now) and `tracker run` (the scheduler that polls each feed on its interval)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli.common import Format, Store, ViewsOpt, app, check_format, emit_json, progress_bar, session

# A poll of this many feeds or more shows a progress bar on a terminal.
_BAR_FROM = 5


@app.command("poll")
def poll(
    feed: Annotated[str | None, typer.Option(help="Poll only this feed (its name or URL)")] = None,
    fmt: Format = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line")] = False,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Poll every feed now (or the one given), append the new reports, and print one line a feed and a summary.

    A feed inside a Retry-After or back-off window is skipped, and the line says until when. The last
    line always counts the feeds ok, not modified, failed and skipped, and the new reports.
    Exit status: 0 even when some feeds failed: their errors are recorded on each feed (see feeds list).

    Example: tracker poll --feed state-dept
    """
    check_format(fmt, ("text", "json"))
    with session(store, views, setup=False) as s:
        total = 1 if feed is not None else len(s.feeds())
        lines: list[str] = []
        with progress_bar(total, "polling feeds", minimum=_BAR_FROM) as advance:

            def progress(outcome: Any) -> None:
                if advance is not None:
                    advance(1)
                    lines.append(outcome.line())
                elif fmt == "text" and not quiet:
                    typer.echo(outcome.line())

            summary = s.poll(feed, progress=progress)
        if fmt == "json":
            emit_json(summary.as_json())
            return
        if not quiet:
            for line in lines:
                typer.echo(line)
        typer.echo(summary.line())


@app.command("run")
def run(
    workers: Annotated[int, typer.Option(min=1, max=32, help="Feeds fetched at once")] = 4,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Run the scheduler: poll each feed on its own interval (with jitter), keep the read models caught up.

    One log line per poll on stdout. New, changed and removed subscriptions are picked up within 30 s.
    A feed failing or rate-limited waits out its back-off or Retry-After and is never dropped.
    SIGTERM or SIGINT (Ctrl-C) stops it cleanly: the write under way finishes, fetches in flight are dropped.
    For a service, see ops/tracker-run.service.

    Example: tracker run --store ~/tracker
    """
    import signal
    import threading

    from tracker.feeds.poller import FeedRef, PollOptions
    from tracker.feeds.scheduler import Scheduler, utc_stamp

    stop = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        stop.set()

    with session(store, views, setup=False) as s:
        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            with s.poller(PollOptions(workers=workers)) as poller:

                def log(line: str) -> None:
                    typer.echo(f"{utc_stamp()} {line}")

                def feeds() -> list[FeedRef]:
                    return [FeedRef.of(f) for f in s.feeds()]

                Scheduler(poller, feeds, s.catch_up, log, now=s.now, workers=workers).run(stop)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
