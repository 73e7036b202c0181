"""`tracker reports`: the reports ingested from feeds, listed, shown and searched (FTS5, English and Chinese).

Extraction of candidate facts from them (`reports extract`) comes later.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli.common import App, Format, Store, ViewsOpt, app, check_format, emit_json, session

reports_app = App(
    help="Reports ingested from feeds: list the newest, show one, search titles and texts in English or Chinese.\n\n"
    'Example: tracker reports search "defense minister"'
)
app.add_typer(reports_app, name="reports")

Limit = Annotated[int, typer.Option("--limit", "-n", help="At most this many reports")]


def _line(r: dict[str, Any]) -> str:
    published = (r["published_at"] or r["ingested_at"])[:10]
    return f"{r['id'][:8]}  {published}  {r['outlet'] or '-':<14} {r['title'] or r['url']}"


@reports_app.command("list")
def reports_list(
    feed: Annotated[str | None, typer.Option(help="Only the reports a feed carries (its name or URL)")] = None,
    limit: Limit = 50,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """The newest reports (by publication date, else ingestion), of every feed or of one.

    The JSON is a list of objects: id, url, title, outlet, language, published_at, feeds (their
    names), versions, truncated, ingested_at.

    Example: tracker reports list --feed state-dept --limit 10
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.reports(feed=feed, limit=limit)
        if fmt == "json":
            emit_json(rows)
            return
        for r in rows:
            typer.echo(_line(r))
        if not rows:
            typer.echo(
                "no reports yet; they come from the feeds followed (`tracker feeds add URL`, then `tracker poll`)"
            )


@reports_app.command("show")
def reports_show(
    report: Annotated[str, typer.Argument(help="The report's id (at least 6 characters of it) or URL")],
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """One report: where it came from, its versions and its text.

    The JSON is the object of `reports list` with text, derived_from, content_sha256 and revised_at.

    Example: tracker reports show 3f2a9c1d --format json
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        r = s.report(report)
        if fmt == "json":
            emit_json(r)
            return
        r = {**r, "feeds": ", ".join(r["feeds"])}
        for key in ("id", "url", "title", "outlet", "language", "published_at", "feeds", "versions", "truncated",
                    "derived_from", "ingested_at", "revised_at"):  # fmt: skip
            typer.echo(f"{key + ':':<14}{'-' if r[key] is None else r[key]}")
        typer.echo("")
        typer.echo(r["text"])


@reports_app.command("search")
def reports_search(
    query: Annotated[str, typer.Argument(help='Words that must all appear; "quoted words" together; word* a prefix')],
    limit: Limit = 20,
    fmt: Format = "text",
    store: Store = None,
    views: ViewsOpt = None,
) -> None:
    """Search the titles and texts of the reports, English or Chinese, best match first.

    Every word must appear; "quoted words" must appear together; a word ending in * is a
    prefix. Chinese needs no spaces: 国防部长 and 会晤 are found inside a sentence (traditional
    and simplified characters are not matched to each other). Each hit has a snippet of its
    text, the matches in [brackets]. The JSON is the objects of `reports list` with a snippet.

    Example: tracker reports search "Dong Jun" --limit 5

    Example: tracker reports search 国防部长
    """
    check_format(fmt, ("text", "json"))
    with session(store, views) as s:
        rows = s.search_reports(query, limit=limit)
        if fmt == "json":
            emit_json(rows)
            return
        for r in rows:
            typer.echo(_line(r))
            typer.echo(f"          {r['snippet']}")
        if not rows:
            typer.echo(f"no report matches {query!r}")
