"""`tracker review list|accept|reject` (the queue of candidate facts) and `tracker reports extract`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli.common import (
    App,
    Format,
    Store,
    ViewsOpt,
    app,
    check_format,
    emit_json,
    fail,
    plural,
    session,
    use_color,
)
from tracker.cli.reports import reports_app

review_app = App(
    help="The facts extraction proposed from reports, waiting for an analyst: list them with their evidence, "
    "accept them (each is appended citing its report) or reject them with a reason.\n\n"
    "Example: tracker review list --kind meeting --min-confidence 0.5"
)
app.add_typer(review_app, name="review")


def _highlighted(c: dict[str, Any], text: str | None) -> str:
    """The evidence in its report's words, in bold on a terminal (between ** elsewhere)."""
    from tracker.reports.review import in_context

    before, evidence, after = in_context(c, text)
    mark = ("\x1b[1m", "\x1b[0m") if use_color() else ("**", "**")
    return f"{before}{mark[0]}{evidence}{mark[1]}{after}".replace("\n", " ")


@review_app.command("list")
def review_list(
    feed: Annotated[str | None, typer.Option(help="Only candidates from this feed (its name)")] = None,
    kind: Annotated[str | None, typer.Option(help="Only candidates of this kind (meeting, call, …)")] = None,
    min_confidence: Annotated[float | None, typer.Option(min=0, max=1, help="Only at or above this confidence")] = None,
    status: Annotated[str, typer.Option(help="pending, accepted, rejected or all")] = "pending",
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many")] = None,
    fmt: Format = "text",
    output: Annotated[Path | None, typer.Option(help="Write to this file (--format html needs one)")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """The candidate facts waiting for review, most confident first, each with its evidence in its report.

    The JSON is a list of objects: id (REPORT#N), kind, fact (as append --file takes it), confidence,
    evidence {text, start, end}, rule, background, new_actors, status, report {url, title, outlet, …}, feed.

    --format html writes one page with each evidence sentence marked in its report's text.

    Example: tracker review list --feed reuters-world --format json
    """
    check_format(fmt, ("text", "json", "html"))
    if fmt == "html" and output is None:
        fail("--format html needs --output FILE", 2)
    with session(store, views) as s:
        rows = s.review_list(
            feed=feed, kind=kind, min_confidence=min_confidence, status=None if status == "all" else status,
            limit=limit,
        )  # fmt: skip
        if fmt == "json":
            emit_json(rows)
            return
        texts: dict[str, str] = {r: s.report(r)["text"] for r in {c["report_id"] for c in rows}}
        if fmt == "html":
            from tracker.reports.review import render_review_html

            assert output is not None
            try:
                output.write_text(render_review_html(rows, texts, "tracker: facts waiting for review"), "utf-8")
            except OSError as e:
                fail(f"cannot write {output}: {e.strerror}", 1)
            typer.echo(f"wrote {output}", err=True)
            return
        from tracker.reports.review import fact_line

        for c in rows:
            flag = " [background]" if c["background"] else ""
            typer.echo(f"{c['id']:<12} {c['confidence']:.2f}  {fact_line(c['fact'])}{flag}  ({c['status']})")
            typer.echo(f"             “{_highlighted(c, texts.get(c['report_id']))}”")
            typer.echo(f"             {c['report']['outlet'] or ''} {c['report']['url']}  rule: {c['rule']}")
        if not rows:
            typer.echo("nothing waits for review")


@review_app.command("accept")
def review_accept(
    ids: Annotated[list[str] | None, typer.Argument(help="Candidate ids (REPORT#N) from `review list`")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Accept every pending candidate")] = False,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Append the facts of the candidates given (or --all), each citing its report as its source.

    A fact the ledger already holds is corroborated by the report, not doubled. New officials the
    extraction found are registered first. With --all, a candidate that cannot be appended as it stands
    (a sanction named without its program, say) stays in the queue with its reason.

    Example: tracker review accept 2f257ad3#0 2f257ad3#2
    """
    if bool(ids) == all_:
        fail("give candidate ids or --all (not both)", 2)
    with session(store, views, setup=False) as s:
        left: list[str] = []
        outcomes = s.accept(None if all_ else ids, left=left)
        for o in outcomes:
            typer.echo(f"{o.action} {o.kind} {o.fact_id}")
        for line in left:
            typer.echo(f"left in the queue: {line}", err=True)
        typer.echo(
            f"accepted {plural(len(outcomes), 'candidate')}" + (f", {len(left)} left in the queue" if left else "")
        )


@review_app.command("reject")
def review_reject(
    cid: Annotated[str, typer.Argument(help="The candidate id (REPORT#N) from `review list`")],
    reason: Annotated[str, typer.Option(help="Why it is not a fact (kept in the report's history)")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Reject a candidate, with the reason.

    Example: tracker review reject 2f257ad3#1 --reason "a handshake, not a meeting"
    """
    with session(store, views, setup=False) as s:
        s.reject(cid, reason)
        typer.echo(f"rejected {cid}")


@reports_app.command("extract")
def reports_extract(
    all_: Annotated[bool, typer.Option("--all", help="Every report, not only those never extracted")] = False,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Run extraction over stored reports: those never extracted, or --all (a new extractor version).

    Only candidates never proposed before are added to the queue; trusted feeds' confident ones are appended.

    Example: tracker reports extract --all
    """
    check_format(fmt, ("text", "json"))
    with session(store, views, setup=False) as s:
        counts = s.extract_reports(every=all_)
        if fmt == "json":
            emit_json(counts)
            return
        typer.echo(
            f"{plural(counts['reports'], 'report')} read, {counts['proposed']} with new candidates, "
            f"{plural(counts['accepted'], 'fact')} appended from trusted feeds"
        )
