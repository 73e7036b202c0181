"""The status report as one self-contained HTML file: inline CSS and SVG, no script, nothing to load, prints on A4.

Every string is escaped with html.escape(quote=True), attribute values included; hyperlinks are drawn
only for http(s) URLs. A Content-Security-Policy meta tag forbids scripts and remote loads as a second
line of defence should an escape ever be missed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from tracker.reports.charts import COLOURS, channel_timeline_svg, index_chart_svg
from tracker.reports.common import Cell, Links, Section, clean, sections, subtitle, title

__all__ = ["render_html"]

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root { --ink: #1b1f23; --muted: #5f6b76; --rule: #d6dbe0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1120px;
       padding: 24px; background: #fff; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
.sub, .empty, .note { color: var(--muted); }
nav { margin: 10px 0 0; font-size: .9em; }
nav a { margin-right: 12px; }
a { color: #0b5cad; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: .92em; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.summary { max-width: 420px; }
td.date { white-space: nowrap; }
td.detail { min-width: 10em; }
.status { font-weight: 600; white-space: nowrap; }
.status-active { color: ACTIVE; } .status-stalled { color: #a66f00; }
.status-suspended { color: SUSPENDED; } .status-unknown, .status-lifted { color: var(--muted); }
svg.chart { width: 100%; height: auto; display: block; margin: 8px 0; }
svg .label { font-size: 12px; fill: var(--ink); }
svg .tick, svg .count { font-size: 10px; fill: var(--muted); }
svg .grid { stroke: #e3e7eb; stroke-width: 1; }
svg .axis { stroke: #6b7680; stroke-width: 1; }
svg .contact { fill: #0d47a1; }
footer { margin-top: 32px; font-size: .85em; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid-page; }
  svg.chart, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace("ACTIVE", COLOURS["active"]).replace("SUSPENDED", COLOURS["suspended"])

_CLASSES = {
    "Detail": "detail",
    "Date": "date",
    "Since": "date",
    "Until": "date",
    "On": "date",
    "Summary": "summary",
    "Status": "status",
}


def _e(value: Any) -> str:
    return escape(clean(value), quote=True)


def _cell(header: str, value: Cell) -> str:
    if isinstance(value, Links):
        inner = ", ".join(
            f'<a href="{escape(link.url, quote=True)}" rel="noopener noreferrer">{_e(link.label)}</a>'
            if link.url
            else _e(link.label)
            for link in value
        )
        return f"<td>{inner}</td>"
    css = _CLASSES.get(header, "")
    if css == "status":
        css += f" status-{_e(value.split(' ')[0])}"
    return f'<td class="{css}">{_e(value)}</td>' if css else f"<td>{_e(value)}</td>"


def _table(section: Section) -> str:
    if not section.rows:
        return f'<p class="empty">{_e(section.empty)}</p>'
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in section.headers)
    body = "\n".join(
        "<tr>" + "".join(_cell(h, c) for h, c in zip(section.headers, row, strict=True)) + "</tr>"
        for row in section.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _section(section: Section, figure: str = "") -> str:
    parts = [f'<section id="{_e(section.id)}">', f"<h2>{_e(section.title)}</h2>"]
    if figure:
        parts.append(figure)
    if section.note:
        parts.append(f'<p class="note">{_e(section.note)}</p>')
    parts += [_table(section), "</section>"]
    return "\n".join(parts)


def render_html(status: Mapping[str, Any]) -> str:
    """The status report as a single HTML document with the channel timeline and the monthly index as SVG.

    `status["channel_history"]` (optional) maps a channel id to its dated history, oldest first
    ([{on, status: suspended|stalled|resumed|contact}]); without it each channel is drawn from its current status.
    """
    window = status.get("window") or {}
    since = window.get("since") or status.get("as_of")
    until = window.get("until") or status.get("as_of")
    history = status.get("channel_history")
    history = history if isinstance(history, Mapping) else None
    channels: Sequence[Mapping[str, Any]] = status.get("channels") or ()
    by_id = {s.id: s for s in sections(status)}
    figures = {
        "channels": channel_timeline_svg(channels, since, until, history) if channels and since and until else "",
        "index": index_chart_svg(status.get("index") or (), since, until),
    }
    order = ["changes", "channels", "index", "sanctions", "interactions", "expected", "overdue", "offices", "feeds"]
    shown = [by_id[name] for name in order if name in by_id]
    nav = " ".join(f'<a href="#{_e(s.id)}">{_e(s.title)}</a>' for s in shown)
    pending = status.get("review_pending")
    heading = title(status)
    body = [
        "<header>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="sub">{_e(subtitle(status))}</p>',
        f'<p class="sub">{_e(pending)} candidate facts await review.</p>' if pending else "",
        f"<nav>{nav}</nav>",
        "</header>",
        "<main>",
        *(_section(s, figures.get(s.id, "")) for s in shown),
        "</main>",
        "<footer>Goldstein scale: −10 (conflict) to +10 (cooperation). Every fact cites its sources; "
        "a “(rewrite)” source restates another outlet and is not independent corroboration.</footer>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(heading)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *(line for line in body if line),
            "</body>",
            "</html>",
            "",
        ]
    )
