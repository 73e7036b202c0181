"""Sub-commands per noun: actors, channels, projections."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.common import (
    Format,
    Store,
    ViewsOpt,
    actors_app,
    channels_app,
    check_format,
    emit_json,
    plural,
    progress_bar,
    projections_app,
    session,
)


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
    with session(store, views, setup=False) as s:
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
        typer.echo("tables: " + ", ".join(f"{name} {rows}" for name, rows in result["tables"].items()))


@projections_app.command("rebuild")
def projections_rebuild(store: Store = None, views: ViewsOpt = None) -> None:
    """Recreate the read models from the log (they are disposable).

    Example: tracker projections rebuild
    """
    with session(store, views) as s:
        total = s.store.max_position()
        with progress_bar(total, "rebuilding") as advance:
            count = s.rebuild(progress=advance)
        typer.echo(f"rebuilt read models from {plural(count, 'event')}")
