"""The status report and the timeline for a terminal (rich tables when colour is on), and the timeline as CSV."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tracker.reports.common import (
    TIMELINE_COLUMNS,
    Cell,
    Links,
    Section,
    clean,
    sections,
    subtitle,
    timeline_rows,
    title,
)

__all__ = ["render_text", "render_timeline_csv", "render_timeline_text"]

_STATUS_STYLE = {"active": "green", "stalled": "yellow", "suspended": "bold red", "unknown": "dim", "lifted": "dim"}
_WIDTH = 120
# The widest a cell prints, in terminal columns: a long summary (or one stored before the
# input limits) is cut with an ellipsis, so one cell cannot print megabytes. JSON, Markdown,
# HTML and CSV keep the whole text.
MAX_CELL = 160


def _cell(value: Cell) -> str:
    if isinstance(value, Links):
        return _cut(", ".join(link.label for link in value))
    return _cut(value)


def _cut(text: str, limit: int = MAX_CELL) -> str:
    if len(text) <= limit // 2:  # the common case: short enough whatever its characters
        return text
    width = 0
    for i, c in enumerate(text):
        width += 2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        if width > limit - 1:
            return text[:i] + "…"
    return text


def _width(text: str) -> int:
    # Chinese names take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _plain(heading: str, sub: str, parts: Iterable[Section]) -> str:
    out = [heading, "=" * _width(heading)]
    if sub:
        out.append(sub)
    for section in parts:
        out += ["", section.title, "-" * _width(section.title)]
        rows = [tuple(_cell(c) for c in row) for row in section.rows]
        out += _plain_table(section.headers, rows) if rows else [section.empty]
    return "\n".join(out) + "\n"


def _rich(heading: str, sub: str, parts: Iterable[Section], width: int) -> str:
    from rich.console import Console  # lazy: the append path must not pay for rich
    from rich.table import Table
    from rich.text import Text

    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=width, record=False)
    console.print(Text(heading, style="bold"))
    if sub:
        console.print(Text(sub, style="dim"))
    for section in parts:
        # Text() everywhere: a summary such as "[red]x[/]" must print as written, not as markup.
        table = Table(title=Text(section.title, style="bold"), title_justify="left", expand=False, show_lines=False)
        for header in section.headers:
            table.add_column(Text(header), overflow="fold")
        for row in section.rows:
            cells = []
            for header, value in zip(section.headers, row, strict=True):
                text = _cell(value)
                style = _STATUS_STYLE.get(text.split(" ")[0], "") if header == "Status" else ""
                cells.append(Text(text, style=style))
            table.add_row(*cells)
        console.print()
        if section.rows:
            console.print(table)
        else:
            console.print(Text(section.title, style="bold"))
            console.print(Text(section.empty, style="dim"))
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def render_text(status: Mapping[str, Any], color: bool = False, width: int = _WIDTH) -> str:
    """The status report for a terminal: rich tables with colour when color is true, else aligned plain text."""
    parts = sections(status)
    pending = status.get("review_pending")
    sub = subtitle(status) + (f"; {pending} candidate facts await review" if pending else "")
    if color:
        return _rich(title(status), sub, parts, width)
    return _plain(title(status), sub, parts)


def _timeline_section(rows: Iterable[Mapping[str, Any]]) -> Section:
    return Section(
        "timeline",
        "Timeline",
        ("Date", "Type", "Kind", "Dyad", "Code", "Goldstein", "Summary", "Sources"),
        [
            (
                clean(r.get("occurred_on")),
                clean(r.get("type")),
                clean(r.get("kind")),
                clean(r.get("dyad")),
                clean(r.get("code")),
                f"{r['goldstein']:+.1f}" if isinstance(r.get("goldstein"), (int, float)) else clean(r.get("goldstein")),
                clean(r.get("summary")),
                str(len(r.get("sources") or ())),
            )
            for r in timeline_rows(rows)
        ],
        empty="No facts.",
    )


def render_timeline_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """The timeline as aligned plain text, oldest first."""
    section = _timeline_section(rows)
    if not section.rows:
        return section.empty + "\n"
    return "\n".join(_plain_table(section.headers, [tuple(map(_cell, r)) for r in section.rows])) + "\n"


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def render_timeline_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The timeline as CSV with a header row, oldest first; sources joined by spaces; text cells defused for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TIMELINE_COLUMNS)
    for r in timeline_rows(rows):
        goldstein = r.get("goldstein")
        writer.writerow(
            [
                _defuse(r.get("id")),
                _defuse(r.get("occurred_on")),
                _defuse(r.get("type")),
                _defuse(r.get("kind")),
                _defuse(r.get("dyad")),
                _defuse(r.get("code")),
                "" if goldstein is None else (goldstein if isinstance(goldstein, (int, float)) else _defuse(goldstein)),
                _defuse(r.get("summary")),
                " ".join(_defuse(u) for u in r.get("sources") or ()),
            ]
        )
    return out.getvalue()
