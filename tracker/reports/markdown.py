"""The status report and the timeline as GitHub-flavoured Markdown, safe to paste into any Markdown viewer.

Every string from a user or a source is escaped: `<`, `>` and `&` become HTML entities (so no viewer
renders a tag), Markdown punctuation gets a backslash (so no text becomes a link, code or a table
cell boundary), and newlines become spaces. Links are drawn only for http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from tracker.reports.common import Cell, Links, Section, clean, links, sections, subtitle, timeline_rows, title

__all__ = ["escape_markdown", "markdown_link", "render_markdown", "render_timeline_markdown"]

# Punctuation that can open emphasis, code, a link or a strikethrough, or end a table cell (GFM).
_PUNCT = re.compile(r"([\\`*_\[\]|~])")
# Characters that end a link destination or a table cell, or start an autolink, percent-encoded.
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "|": "%7C", '"': "%22",
               "\\": "%5C", "`": "%60", "[": "%5B", "]": "%5D"}  # fmt: skip


def escape_markdown(value: Any) -> str:
    """One line of literal text: HTML entities for <>&, backslashes for Markdown punctuation, no newlines."""
    text = escape(clean(value), quote=False)
    return _PUNCT.sub(r"\\\1", text)


def markdown_link(label: Any, url: str | None) -> str:
    """[label](url) for an http(s) URL, else the escaped label alone."""
    text = escape_markdown(label) or "source"
    if not url:
        return text
    dest = "".join(_URL_UNSAFE.get(c, c) for c in url)
    return f"[{text}]({dest})"


def _cell(value: Cell) -> str:
    if isinstance(value, Links):
        return ", ".join(markdown_link(link.label, link.url) for link in value)
    return escape_markdown(value)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[str]:
    out = ["| " + " | ".join(escape_markdown(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _section(section: Section, level: str = "##") -> list[str]:
    out = ["", f"{level} {escape_markdown(section.title)}", ""]
    out += _table(section.headers, section.rows) if section.rows else [escape_markdown(section.empty)]
    return out


def render_markdown(status: Mapping[str, Any]) -> str:
    """The status report as Markdown: a heading, then one table per section; sources as links."""
    out = [f"# {escape_markdown(title(status))}", "", f"_{escape_markdown(subtitle(status))}_"]
    pending = status.get("review_pending")
    if pending:
        out += ["", f"{escape_markdown(pending)} candidate facts await review."]
    for section in sections(status):
        out += _section(section)
    return "\n".join(out) + "\n"


def render_timeline_markdown(rows: Iterable[Mapping[str, Any]]) -> str:
    """The timeline as one Markdown table, oldest first, with each fact's sources as links."""
    table_rows = [
        (
            clean(r.get("occurred_on")),
            clean(r.get("type")),
            clean(r.get("kind")),
            clean(r.get("dyad")),
            clean(r.get("code")),
            f"{r['goldstein']:+.1f}" if isinstance(r.get("goldstein"), (int, float)) else clean(r.get("goldstein")),
            clean(r.get("summary")),
            links(r.get("sources")),
        )
        for r in timeline_rows(rows)
    ]
    if not table_rows:
        return "No facts.\n"
    return (
        "\n".join(_table(("Date", "Type", "Kind", "Dyad", "Code", "Goldstein", "Summary", "Sources"), table_rows))
        + "\n"
    )
