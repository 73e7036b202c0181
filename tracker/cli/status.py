"""`tracker status`'s work, with no typer: the typer command (tracker.cli.reading) and the fast path
of a plain status (tracker.cli.quick) both call run_status."""

from __future__ import annotations

from pathlib import Path

from tracker.cli.base import check_format, print_status, session

__all__ = ["run_status"]


def run_status(
    *,
    dyad: str | None = None,
    as_of: str | None = None,
    known_at: str | None = None,
    since: str | None = None,
    changes_since: str | None = None,
    fmt: str = "text",
    output: Path | None = None,
    store: str | None = None,
    views: str | None = None,
) -> None:
    """Print (or write to output) the status report of the store."""
    check_format(fmt, ("text", "markdown", "json", "html"))
    with session(store, views) as s:
        status = s.status(dyad=dyad, as_of=as_of, known_at=known_at, since=since, changes_since=changes_since)
        print_status(status, fmt, output)
