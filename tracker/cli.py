"""The `tracker` command line: a thin layer over tracker.api.Session.

Each command builds a Session, calls one library method and prints the result; errors
become one line on stderr and exit code 2 (bad input) or 1 (failed operation).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from tracker.errors import DomainError, OperationFailed

T = TypeVar("T")

app = typer.Typer(
    name="tracker",
    help="An event-sourced ledger of diplomatic relations (US–China first), and the state it projects.\n\n"
    "Example: tracker demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
actors_app = typer.Typer(
    help="List, show and register actors.\n\nExample: tracker actors show 谢锋", no_args_is_help=True
)
channels_app = typer.Typer(
    help="The channel catalogue and each channel's status.\n\nExample: tracker channels list", no_args_is_help=True
)
projections_app = typer.Typer(
    help="The read models: position and rebuild.\n\nExample: tracker projections status", no_args_is_help=True
)
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


def fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def session(store: str | None, views: str | None, *, create: bool = False) -> Iterator[Any]:
    """Open the store and turn every error into one line and an exit code."""
    from tracker.api import open_session

    s = None
    try:
        s = open_session(store, views, create=create)
        if s.views_set_aside is not None:
            typer.echo(
                f"warning: the read models were unreadable; kept them as {s.views_set_aside} and rebuilding from the log",
                err=True,
            )
        yield s
    except typer.Exit:
        raise
    except DomainError as e:
        fail(str(e), 2)
    except OperationFailed as e:
        fail(str(e), 1)
    except KeyboardInterrupt:
        fail("interrupted; nothing half-written was kept", 130)
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
    except Exception as e:
        if os.environ.get("TRACKER_DEBUG"):
            raise
        text = str(e).strip().splitlines()
        fail(f"{type(e).__name__}: {text[0] if text else ''} (set TRACKER_DEBUG=1 for details)", 1)
    finally:
        if s is not None:
            s.close()


def emit_json(data: Any) -> None:
    from tracker.render import to_json

    typer.echo(to_json(data, pretty=sys.stdout.isatty()))


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        fail(f"--format {fmt!r} is not one of {', '.join(allowed)}", 2)


def use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


# -- init, demo ---------------------------------------------------------------------------


@app.command()
def init(store: Store = None, views: ViewsOpt = None) -> None:
    """Create the store and load the reference data (states, officials, channels). Idempotent.

    Example: tracker init --store ./data
    """
    with session(store, views, create=True) as s:
        counts = s.init()
        typer.echo(
            f"store ready at {s.location.describe()}: {counts['actors']} actors, {counts['offices']} offices, "
            f"{counts['channels']} channels, {counts['aliases']} aliases added"
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
            typer.echo(f"recorded {len(outcomes)} facts in {s.location.describe()}", err=True)
            status = s.status(as_of=DEMO_AS_OF, since="2018-01-01")
            _print_status(s, status, fmt, output)
    finally:
        if temp is not None:
            temp.cleanup()


# -- append, correct, retract -------------------------------------------------------------

KINDS_HELP = (
    "meeting, call, talks, statement, intent-to-meet, appeal, demand, criticism, meeting-declined, "
    "military-cooperation, sanction-imposed, sanction-lifted, channel-suspended, channel-stalled, "
    "channel-resumed, office-assumed, office-left"
)


def _source_of(
    url: str | None, outlet: str | None, language: str | None, published: str | None, title: str | None
) -> dict[str, Any] | None:
    if url is None:
        return None
    return {
        k: v
        for k, v in {
            "url": url,
            "outlet": outlet,
            "language": language,
            "published_at": published,
            "title": title,
        }.items()
        if v
    }


@app.command()
def append(
    kind: Annotated[str | None, typer.Argument(help=f"The kind of fact: {KINDS_HELP}", show_default=False)] = None,
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

    Example: tracker append meeting -a "Xie Feng" -a "Ely Ratner" --on 2023-07-12 --location Pentagon
    --source https://www.reuters.com/… --outlet Reuters --language en
    """
    check_format(fmt, ("text", "json"))
    if file is not None and kind is not None:
        fail("give either KIND with options or --file, not both", 2)
    with session(store, views, create=True) as s:
        from tracker.api import parse_jsonl

        if file is not None:
            from tracker.api import bulk_work

            with bulk_work():
                facts = parse_jsonl(_read_input(file), what=file if file != "-" else "stdin")
            if not facts:
                fail(f"{file}: no facts in it", 2)
        else:
            if kind is None:
                fail("give a KIND (e.g. meeting) or --file FACTS.jsonl; see tracker append --help", 2)
            raw: dict[str, Any] = {
                "kind": kind, "initiator": initiator, "recipient": recipient, "occurred_on": on, "until": until,
                "status": status, "location": location, "channel": channel, "summary": summary,
                "source": _source_of(source, outlet, language, published, title), "target": target,
                "authority": authority, "program": program, "legal_basis": legal_basis, "reason": reason,
                "office": office, "state": state,
            }  # fmt: skip
            if kind.startswith("office-"):
                raw["actor"] = actor[0] if actor else None
                if actor and len(actor) > 1:
                    fail("office facts take one --actor", 2)
            else:
                raw["participants"] = actor or []
            if kind == "sanction-imposed":
                raw["imposed_by"] = by
            else:
                raw["by"] = by
            facts = [{k: v for k, v in raw.items() if v not in (None, [], "")}]
        outcomes = s.append(facts, new_actor=new_actor)
        if fmt == "json":
            emit_json([o.as_json() for o in outcomes])
        elif file is not None:
            counts: dict[str, int] = {}
            for o in outcomes:
                counts[o.action] = counts.get(o.action, 0) + 1
            typer.echo(f"{len(outcomes)} facts: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items())))
        else:
            for o in outcomes:
                typer.echo(f"{o.action} {o.kind} {o.fact_id}")


def _read_input(file: str) -> str:
    try:
        if file == "-":
            return sys.stdin.read()
        return Path(file).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{file}: no such file", 2)
    except UnicodeDecodeError:
        fail(f"{file}: not UTF-8 text", 2)
    except OSError as e:
        fail(f"{file}: {e.strerror}", 2)
    raise AssertionError("unreachable")


@app.command()
def correct(
    fact_id: Annotated[str, typer.Argument(help="Fact id (at least 6 leading characters)")],
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
    fact_id: Annotated[str, typer.Argument(help="Fact id (at least 6 leading characters)")],
    reason: Annotated[str, typer.Option(help="Why the fact is withdrawn")],
    source: Annotated[str, typer.Option(help="URL of the source of the retraction")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Withdraw a fact by appending a retraction; the original stays in the log.

    Example: tracker retract 3f2a9c1b --reason "the outlet withdrew the story" --source https://…
    """
    with session(store, views) as s:
        o = s.retract(fact_id, reason, {"url": source})
        typer.echo(f"{o.action} {o.kind} {o.fact_id}")


# -- reading ------------------------------------------------------------------------------


def _print_status(s: Any, status: dict[str, Any], fmt: str, output: Path | None) -> None:
    from tracker import render as reports

    if fmt == "html" and output is None:
        fail("--format html needs --output FILE", 2)
    text = reports.render_status(
        status, fmt, color=use_color() and output is None, pretty=output is not None or sys.stdout.isatty()
    )
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"cannot write {output}: {e.strerror}", 1)
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(text)


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
    check_format(fmt, ("text", "markdown", "json", "html"))
    with session(store, views) as s:
        status = s.status(dyad=dyad, as_of=as_of, known_at=known_at, since=since, changes_since=changes_since)
        _print_status(s, status, fmt, output)


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
        from tracker import render as reports

        typer.echo(reports.render_timeline(rows, fmt, color=use_color()), nl=fmt != "csv")


@app.command()
def history(
    fact_id: Annotated[str, typer.Argument(help="Fact id (or its first characters)")],
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every event of one fact, oldest first, with its sources.

    Example: tracker history 3f2a9c1b
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


@actors_app.command("list")
def actors_list(
    kind: Annotated[str | None, typer.Option(help="state, person or organization")] = None,
    state: Annotated[str | None, typer.Option(help="e.g. CHN")] = None,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every registered actor.

    Example: tracker actors list --state CHN
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.actors(kind, state.upper() if state else None)
        if fmt == "json":
            emit_json(rows)
            return
        for a in rows:
            typer.echo(f"{a['id']:<28} {a['kind']:<12} {a['state'] or '':<4} {a['name']} {a['names'].get('zh', '')}")


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="Slug, name or alias in any language")],
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """One actor with names, aliases and offices.

    Example: tracker actors show 李尚福
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        a = s.actor(name)
        if fmt == "json":
            emit_json(a)
            return
        typer.echo(f"{a['name']} ({a['id']}), {a['kind']}, {a['state'] or 'no state'}")
        typer.echo("names: " + ", ".join(f"{k}: {v}" for k, v in a["names"].items()))
        if a["aliases"]:
            typer.echo("aliases: " + ", ".join(a["aliases"]))
        for o in a["offices"]:
            typer.echo(f"  {o['since']} – {o['until'] or 'now':<10} {o['office']} ({o['organization'] or o['state']})")


@actors_app.command("add")
def actors_add(
    slug: Annotated[str, typer.Argument(help="Short id, e.g. dong-jun")],
    name: Annotated[str, typer.Option(help="English name")],
    zh: Annotated[str | None, typer.Option(help="Chinese name")] = None,
    kind: Annotated[str, typer.Option(help="person, organization or state")] = "person",
    state: Annotated[str | None, typer.Option(help="State, e.g. CHN")] = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another name; repeat")] = None,
    wikidata: Annotated[str | None, typer.Option(help="Wikidata id, e.g. Q123")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Register an actor.

    Example: tracker actors add zhang-san --name "Zhang San" --zh 张三 --state CHN
    """
    with session(store, views, create=True) as s:
        names = {"en": name, **({"zh": zh} if zh else {})}
        s.add_actor(slug, kind, state, names, alias or [], wikidata)
        typer.echo(f"registered {slug}")


@actors_app.command("alias")
def actors_alias(
    actor: Annotated[str, typer.Argument(help="Slug, name or alias")],
    alias: Annotated[str, typer.Argument(help="The new alias")],
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Add another name an actor is known by.

    Example: tracker actors alias xie-feng 謝鋒
    """
    with session(store, views) as s:
        slug = s.add_alias(actor, alias)
        typer.echo(f"{slug} is also {alias}")


@channels_app.command("list")
def channels_list(
    dyad: Annotated[str | None, typer.Option(help="e.g. CHN-USA")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status on this date")] = None,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every channel and its status.

    Example: tracker channels list --as-of 2023-07-31
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.channels(dyad, as_of)
        if fmt == "json":
            emit_json(rows)
            return
        for c in rows:
            typer.echo(
                f"{c['slug']:<24} {c['status']:<10} since {c['since'] or '—':<10} {c['name']} / {c['names'].get('zh') or ''}"
            )


@channels_app.command("show")
def channels_show(
    name: Annotated[str, typer.Argument(help="Slug or alias, e.g. 防长会谈")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status on this date")] = None,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """One channel with its dated history.

    Example: tracker channels show mmca
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        c = s.channel(name, as_of)
        if fmt == "json":
            emit_json(c)
            return
        typer.echo(f"{c['name']} ({c['slug']}): {c['status']} since {c['since'] or '—'}")
        for h in c["history"]:
            typer.echo(f"  {h['on']} {h['status']:<10} {h['reason'] or ''} {h['source'] or ''}".rstrip())


# -- export, import, verify, backup, projections -----------------------------------------


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default stdout)")] = None,
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Every stored event, oldest first, one JSON object a line.

    Example: tracker export > ledger.jsonl
    """
    check_format(fmt, ("jsonl", "csv"))
    with session(store, views) as s:
        if output is None:
            s.export(sys.stdout, fmt)
            return
        tmp = output.with_name(output.name + ".part")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            count = s.export(f, fmt)
        tmp.replace(output)
        typer.echo(f"exported {count} events to {output}", err=True)


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
        result = s.import_(_read_input(file), what=file)
        typer.echo(f"read {result['read']} events: {result['imported']} imported, {result['skipped']} already present")


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
                f"{'ok' if result['ok'] else 'FAILED'}: {result['events']} events, {result['aggregates']} facts, "
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
        typer.echo(f"backed up {result['events']} events to {result['path']}")


@projections_app.command("status")
def projections_status(store: Store = None, views: ViewsOpt = None, fmt: Format = "text") -> None:
    """Where each read model is in the log, and how far behind.

    Example: tracker projections status
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        result = s.projections_status()
        if fmt == "json":
            emit_json(result)
            return
        typer.echo(f"log at position {result['log_position']}; views in {result['views']}")
        for p in result["projections"]:
            typer.echo(f"  {p['name']:<14} at {p['position']:>9}  behind {p['behind']}")


@projections_app.command("rebuild")
def projections_rebuild(store: Store = None, views: ViewsOpt = None) -> None:
    """Recreate the read models from the log (they are disposable).

    Example: tracker projections rebuild
    """
    with session(store, views) as s:
        total = s.app.max_position()
        with _progress(total, "rebuilding") as advance:
            count = s.rebuild(progress=advance)
        typer.echo(f"rebuilt read models from {count} events")


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    if not sys.stderr.isatty() or total < 10_000:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


def main() -> None:  # pragma: no cover - the console script
    app()


if __name__ == "__main__":
    main()
