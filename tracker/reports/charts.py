"""Inline SVG builders for the HTML report: the channel timeline and the monthly cooperation–conflict bars.

Every string drawn is escaped here; the SVG is meant to be pasted into HTML as is (no external
resources, no script), and prints as vectors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from tracker.reports.common import CHANNEL_STATES, clean, parse_day
from tracker.reports.spans import channel_spans

__all__ = ["COLOURS", "channel_timeline_svg", "index_chart_svg"]

COLOURS = {
    "active": "#2e7d32",
    "stalled": "#f9a825",
    "suspended": "#c62828",
    "unknown": "#bdbdbd",
    "positive": "#1565c0",
    "negative": "#c62828",
}

_WIDTH = 960
_LABEL = 250
_ROW = 24


def _e(value: Any) -> str:
    return escape(clean(value), quote=True)


def _months(since: date, until: date) -> list[date]:
    out, y, m = [], since.year, since.month
    while (y, m) <= (until.year, until.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def channel_timeline_svg(
    channels: Sequence[Mapping[str, Any]],
    since: str | date,
    until: str | date,
    history: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> str:
    """One row per channel, coloured by status across since..until, with a tick at each contact."""
    start, end = parse_day(since), parse_day(until)
    if start is None or end is None:
        return ""
    if end < start:
        start, end = end, start
    days = max((end - start).days, 1)
    plot = _WIDTH - _LABEL - 10

    def x(d: date) -> float:
        return round(_LABEL + plot * (min(max(d, start), end) - start).days / days, 1)

    top = 22
    height = top + _ROW * max(len(channels), 1) + 44
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="Channel status from {_e(start)} to {_e(end)}" class="chart">',
        f"<title>Channel status from {_e(start)} to {_e(end)}</title>",
    ]
    months = _months(start, end)
    step = 1 if len(months) <= 14 else 3 if len(months) <= 40 else 12
    for m in months[::step]:
        if m < start:
            continue
        out.append(f'<line x1="{x(m)}" y1="{top - 4}" x2="{x(m)}" y2="{height - 40}" class="grid"/>')
        out.append(f'<text x="{x(m)}" y="{top - 8}" class="tick" text-anchor="middle">{_e(m.isoformat()[:7])}</text>')
    for row, channel in enumerate(channels):
        y = top + row * _ROW
        ident = channel.get("id")
        rows = history.get(ident) if history is not None and isinstance(ident, str) else None
        spans, contacts = channel_spans(channel, rows, start, end)
        label = clean(channel.get("name") or channel.get("slug"))
        short = label if len(label) <= 38 else label[:37] + "…"
        out.append(
            f'<text x="{_LABEL - 8}" y="{y + 16}" class="label" text-anchor="end"><title>{_e(label)}</title>{_e(short)}</text>'
        )
        for s in spans:
            colour = COLOURS.get(s.status, COLOURS["unknown"])
            width = max(round(x(s.end) - x(s.start), 1), 0.5)
            out.append(
                f'<rect x="{x(s.start)}" y="{y + 4}" width="{width}" height="{_ROW - 8}" fill="{colour}" '
                f'class="span {_e(s.status)}"><title>{_e(label)}: {_e(s.status)} {_e(s.start)} – {_e(s.end)}</title></rect>'
            )
        for d in contacts:
            out.append(
                f'<path d="M{x(d)} {y + 1}l5 6h-10z" class="contact"><title>{_e(label)}: contact on {_e(d)}</title></path>'
            )
    legend_y = height - 18
    lx = _LABEL
    for state in CHANNEL_STATES:
        out.append(f'<rect x="{lx}" y="{legend_y - 10}" width="12" height="12" fill="{COLOURS[state]}"/>')
        out.append(f'<text x="{lx + 16}" y="{legend_y}" class="tick">{state}</text>')
        lx += 100
    out.append(f'<path d="M{lx + 6} {legend_y - 10}l5 6h-10z" class="contact"/>')
    out.append(f'<text x="{lx + 16}" y="{legend_y}" class="tick">contact</text>')
    out.append("</svg>")
    return "\n".join(out)


def index_chart_svg(
    index: Sequence[Mapping[str, Any]], since: str | date | None = None, until: str | date | None = None
) -> str:
    """Monthly Goldstein sums as bars (cooperation up, conflict down), each labelled with its count of facts."""
    by_month: dict[date, Mapping[str, Any]] = {}
    for entry in index:
        d = parse_day(entry.get("month"))
        if d is not None:
            by_month[d.replace(day=1)] = entry
    bounds = [d for d in (parse_day(since), parse_day(until), *by_month) if d is not None]
    if not bounds:
        return ""
    first, last = min(bounds), max(bounds)
    months = _months(first.replace(day=1), last.replace(day=1))
    sums = [_number(by_month.get(m, {}).get("goldstein_sum")) for m in months]
    peak = max([abs(v) for v in sums] + [1.0])
    height, top, bottom = 260, 24, 40
    half = (height - top - bottom) / 2
    zero = top + half
    left = 50
    slot = (_WIDTH - left - 10) / len(months)
    bar = max(min(slot * 0.7, 40), 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="Monthly cooperation–conflict index" class="chart">',
        "<title>Monthly cooperation–conflict index (Goldstein sum; count of facts above each bar)</title>",
        f'<line x1="{left}" y1="{zero}" x2="{_WIDTH - 10}" y2="{zero}" class="axis"/>',
        f'<text x="{left - 6}" y="{top + 4}" class="tick" text-anchor="end">{peak:+.0f}</text>',
        f'<text x="{left - 6}" y="{zero + 4}" class="tick" text-anchor="end">0</text>',
        f'<text x="{left - 6}" y="{height - bottom + 4}" class="tick" text-anchor="end">{-peak:+.0f}</text>',
    ]
    label_every = 1 if len(months) <= 14 else 3 if len(months) <= 40 else 12
    for i, (m, value) in enumerate(zip(months, sums, strict=True)):
        cx = left + slot * i + slot / 2
        row = by_month.get(m, {})
        count = clean(row.get("events")) or "0"
        h = round(half * abs(value) / peak, 1)
        y = zero - h if value >= 0 else zero
        kind = "positive" if value >= 0 else "negative"
        tip = f"{m.isoformat()[:7]}: {count} announcements, Goldstein sum {value:+.1f}"
        out.append(
            f'<rect x="{round(cx - bar / 2, 1)}" y="{y}" width="{round(bar, 1)}" height="{max(h, 0.5)}" '
            f'fill="{COLOURS[kind]}" class="bar {kind}"><title>{_e(tip)}</title></rect>'
        )
        if row:
            ty = y - 4 if value >= 0 else zero - 4  # a conflict month's count sits above the axis, clear of the labels
            out.append(f'<text x="{round(cx, 1)}" y="{ty}" class="count" text-anchor="middle">{_e(count)}</text>')
        if i % label_every == 0:
            out.append(
                f'<text x="{round(cx, 1)}" y="{height - bottom + 18}" class="tick" text-anchor="middle">{_e(m.isoformat()[:7])}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0
