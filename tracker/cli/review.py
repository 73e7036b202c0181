"""`tracker review list|accept|reject` (the queue of candidate facts) and `tracker reports extract`."""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from tracker.cli.common import App, Format, Store, ViewsOpt, app, check_format, emit_json, plural, session, use_color
from tracker.cli.reports import reports_app

review_app = App(
    help="The facts extraction proposed from reports, waiting for an analyst: list them with their evidence, "
    "accept them (each is appended citing its report) or reject them with a reason.\n\n"
    "Example: tracker review list --kind meeting --min-confidence 0.5"
)
app.add_typer(review_app, name="review")


def _fact_line(fact: dict[str, Any]) -> str:
    parties = fact.get("participants") or [fact.get("target") or fact.get("channel") or fact.get("actor")]
    status = f" ({fact['status']})" if fact.get("status") not in (None, "occurred") else ""
    return f"{fact['kind']}{status} {', '.join(str(p) for p in parties)} on {fact.get('occurred_on')}"


def _highlight(c: dict[str, Any]) -> str:
    """The evidence sentence with the fact's parties in bold (on a terminal) or between ** (elsewhere)."""
    text = c["evidence"]["text"]
    names = [n for a in c["new_actors"] for n in a.get("names", {}).values()]
    if not names:
        return text
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    mark = ("\x1b[1m", "\x1b[0m") if use_color() else ("**", "**")
    return pattern.sub(lambda m: f"{mark[0]}{m.group()}{mark[1]}", text)


@review_app.command("list")
def review_list(
    feed: Annotated[str | None, typer.Option(help="Only candidates from this feed (its name)")] = None,
    kind: Annotated[str | None, typer.Option(help="Only candidates of this kind (meeting, call, …)")] = None,
    min_confidence: Annotated[float | None, typer.Option(min=0, max=1, help="Only at or above this confidence")] = None,
    status: Annotated[str, typer.Option(help="pending, accepted, rejected or all")] = "pending",
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many")] = None,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """The candidate facts waiting for review, most confident first, each with its evidence sentence.

    The JSON is a list of objects: id (REPORT#N), kind, fact (as append --file takes it), confidence,
    evidence {text, start, end}, rule, background, new_actors, status, report {url, title, outlet, …}, feed.

    Example: tracker review list --feed reuters-world --format json
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.review_list(
            feed=feed, kind=kind, min_confidence=min_confidence, status=None if status == "all" else status,
            limit=limit,
        )  # fmt: skip
        if fmt == "json":
            emit_json(rows)
            return
        for c in rows:
            flag = " [background]" if c["background"] else ""
            typer.echo(f"{c['id']:<12} {c['confidence']:.2f}  {_fact_line(c['fact'])}{flag}  ({c['status']})")
            typer.echo(f"             “{_highlight(c)}”")
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
    extraction found are registered first.

    Example: tracker review accept 2f257ad3#0 2f257ad3#2
    """
    if bool(ids) == all_:
        from tracker.cli.common import fail

        fail("give candidate ids or --all (not both)", 2)
    with session(store, views, setup=False) as s:
        outcomes = s.accept(None if all_ else ids)
        for o in outcomes:
            typer.echo(f"{o.action} {o.kind} {o.fact_id}")
        typer.echo(f"accepted {plural(len(outcomes), 'candidate')}")


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
