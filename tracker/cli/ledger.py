"""Commands that append to the ledger: init, demo, append, correct, retract."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.appending import run_append
from tracker.cli.common import (
    Format,
    Store,
    ViewsOpt,
    app,
    fail,
    plural,
    print_status,
    session,
)

# -- init, demo ---------------------------------------------------------------------------


@app.command()
def init(store: Store = None, views: ViewsOpt = None) -> None:
    """Create the store and load the reference data (states, officials, channels). Idempotent.

    Example: tracker init --store ./data
    """
    with session(store, views, create=True) as s:
        counts = s.init()
        typer.echo(
            f"store ready at {s.location.describe()}: {plural(counts['actors'], 'actor')}, "
            f"{plural(counts['offices'], 'office')}, {plural(counts['channels'], 'channel')}, "
            f"{plural(counts['aliases'], 'alias')} added"
        )


@app.command()
def demo(
    store: Store = None,
    views: ViewsOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown, json or html")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to a file")] = None,
) -> None:
    """Record the seed story (the 12 July 2023 Pentagon meeting) in a temporary store and print its status.

    Example: tracker demo --format markdown
    """
    import tempfile

    from tracker.demo import DEMO_AS_OF, record_demo

    temp = None
    if store is None:
        temp = tempfile.TemporaryDirectory(prefix="tracker-demo-")
        store = temp.name
    try:
        with session(store, views, create=True) as s:
            outcomes = record_demo(s)
            where = "a temporary store" if temp is not None else s.location.describe()
            added = sum(o.action != "unchanged" for o in outcomes)
            if added:
                typer.echo(f"recorded {plural(added, 'fact')} in {where}", err=True)
            else:
                typer.echo(
                    f"nothing added: the demo's {plural(len(outcomes), 'fact')} are already in {where}", err=True
                )
            status = s.status(as_of=DEMO_AS_OF, since="2018-01-01")
            print_status(status, fmt, output)
    finally:
        if temp is not None:
            temp.cleanup()


# -- append, correct, retract -------------------------------------------------------------


@app.command()
def append(
    kind: Annotated[
        str | None, typer.Argument(help="The kind of fact: one of the kinds above", show_default=False)
    ] = None,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", "-a", help="A participant (slug, name or alias); repeat")
    ] = None,
    initiator: Annotated[str | None, typer.Option(help="Who initiated it")] = None,
    recipient: Annotated[str | None, typer.Option(help="Who it was aimed at")] = None,
    on: Annotated[str | None, typer.Option("--on", help="When it occurred: YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    until: Annotated[str | None, typer.Option(help="Last day of multi-day talks")] = None,
    status: Annotated[str | None, typer.Option(help="occurred (default), expected, declined, cancelled")] = None,
    location: Annotated[str | None, typer.Option(help="Where, e.g. Pentagon or 五角大楼")] = None,
    channel: Annotated[
        str | None, typer.Option(help="Channel slug or alias, e.g. defense-ministers or 防长会谈")
    ] = None,
    summary: Annotated[str | None, typer.Option(help="One sentence")] = None,
    source: Annotated[str | None, typer.Option(help="Source URL (required)")] = None,
    outlet: Annotated[str | None, typer.Option(help="Source outlet, e.g. Reuters")] = None,
    language: Annotated[str | None, typer.Option(help="Source language, e.g. en or zh")] = None,
    published: Annotated[str | None, typer.Option(help="Source publication time (ISO 8601)")] = None,
    title: Annotated[str | None, typer.Option(help="Source title")] = None,
    target: Annotated[str | None, typer.Option(help="Sanction target")] = None,
    by: Annotated[str | None, typer.Option(help="State imposing the sanction or suspending the channel")] = None,
    authority: Annotated[str | None, typer.Option(help="Sanctioning authority")] = None,
    program: Annotated[str | None, typer.Option(help="Sanctions program")] = None,
    legal_basis: Annotated[str | None, typer.Option("--legal-basis", help="Legal basis")] = None,
    reason: Annotated[str | None, typer.Option(help="Reason")] = None,
    office: Annotated[str | None, typer.Option(help="Office (office-assumed, office-left)")] = None,
    state: Annotated[str | None, typer.Option(help="State of the office")] = None,
    file: Annotated[
        str | None, typer.Option("--file", help="JSON lines (or a JSON array) of facts; - for stdin")
    ] = None,
    new_actor: Annotated[bool, typer.Option("--new-actor", help="Register unknown actors instead of failing")] = False,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Append one fact, or many with --file (all or nothing).

    \b
    Kinds of fact:
      interactions: meeting, call, talks, statement, intent-to-meet, appeal, demand,
                    criticism, meeting-declined, military-cooperation
      sanctions:    sanction-imposed, sanction-lifted (--target --by --authority --program)
      channels:     channel-suspended, channel-stalled, channel-resumed (--channel)
      offices:      office-assumed, office-left (-a ACTOR --office --state)

    \b
    Example: tracker append meeting -a "Xie Feng" -a "Ely Ratner" --on 2023-07-12 \\
      --location Pentagon --source https://www.reuters.com/… --outlet Reuters --language en
    """
    run_append(
        kind, actor=actor, initiator=initiator, recipient=recipient, on=on, until=until, status=status,
        location=location, channel=channel, summary=summary, source=source, outlet=outlet, language=language,
        published=published, title=title, target=target, by=by, authority=authority, program=program,
        legal_basis=legal_basis, reason=reason, office=office, state=state, file=file, new_actor=new_actor,
        fmt=fmt, store=store, views=views,
    )  # fmt: skip


@app.command()
def correct(
    fact_id: Annotated[
        str,
        typer.Argument(help="Fact id (at least 6 leading characters); a channel's assessments are retracted instead"),
    ],
    reason: Annotated[str, typer.Option(help="Why the fact is corrected")],
    source: Annotated[str, typer.Option(help="URL of the source of the correction")],
    outlet: Annotated[str | None, typer.Option()] = None,
    language: Annotated[str | None, typer.Option()] = None,
    kind: Annotated[str | None, typer.Option(help="New kind")] = None,
    status: Annotated[str | None, typer.Option(help="New status")] = None,
    on: Annotated[str | None, typer.Option("--on", help="New date")] = None,
    until: Annotated[str | None, typer.Option(help="New last day")] = None,
    location: Annotated[str | None, typer.Option(help="New location")] = None,
    channel: Annotated[str | None, typer.Option(help="New channel")] = None,
    summary: Annotated[str | None, typer.Option(help="New summary")] = None,
    actor: Annotated[list[str] | None, typer.Option("--actor", "-a", help="New participants; repeat")] = None,
    initiator: Annotated[str | None, typer.Option()] = None,
    recipient: Annotated[str | None, typer.Option()] = None,
    legal_basis: Annotated[str | None, typer.Option("--legal-basis", help="Sanctions: new legal basis")] = None,
    effective: Annotated[str | None, typer.Option(help="Sanctions: new effective date")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Correct a fact by appending an amendment; the original stays in the log.

    Example: tracker correct 3f2a9c1b --on 2023-07-13 --reason "Beijing date" --source https://…
    """
    changes = {
        "kind": kind, "status": status, "occurred_on": on, "until": until, "location": location, "channel": channel,
        "summary": summary, "participants": actor or None, "initiator": initiator, "recipient": recipient,
        "legal_basis": legal_basis, "effective_on": effective,
    }  # fmt: skip
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        fail("say what to correct, e.g. --on 2023-07-13 or --summary …", 2)
    with session(store, views) as s:
        o = s.correct(fact_id, changes, reason, {"url": source, "outlet": outlet, "language": language})
        typer.echo(f"{o.action} {o.kind} {o.fact_id}")


@app.command()
def retract(
    fact_id: Annotated[str, typer.Argument(help="Fact id (at least 6 leading characters), or a channel with --on")],
    reason: Annotated[str, typer.Option(help="Why the fact is withdrawn")],
    source: Annotated[str, typer.Option(help="URL of the source of the retraction")],
    on: Annotated[str | None, typer.Option("--on", help="Channels: the date of the assessment to withdraw")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Channels: channel-suspended, channel-stalled or channel-resumed")
    ] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Withdraw a fact by appending a retraction; the original stays in the log.

    \b
    Example: tracker retract 3f2a9c1b --reason "the outlet withdrew it" --source https://…
    A channel assessment: tracker retract mmca --on 2022-08-05 --reason "misread" \\
      --source https://…
    """
    if kind is not None and on is None:
        fail("--kind goes with --on, to retract a channel assessment", 2)
    with session(store, views) as s:
        o = s.retract(fact_id, reason, {"url": source}, on=on, kind=kind)
        typer.echo(f"{o.action} {o.kind} {o.fact_id}")
