"""Choose a renderer by format; each format's module is imported only when used, so the
append path never loads rich."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["render_status", "render_timeline", "to_json"]


def to_json(data: Any, *, pretty: bool = False) -> str:
    """JSON text; indented for a person at a terminal, compact (and three times faster:
    the C encoder does not indent) when piped to a program."""
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)


def render_status(status: dict[str, Any], fmt: str, *, color: bool = False, pretty: bool = False) -> str:
    """The status report in a format: json, markdown, html or text."""
    if fmt == "json":
        return to_json({k: v for k, v in status.items() if k != "channel_history"}, pretty=pretty)
    if fmt == "markdown":
        from tracker.reports.markdown import render_markdown

        return render_markdown(status)
    if fmt == "html":
        from tracker.reports.html import render_html

        return render_html(status)
    from tracker.reports.text import render_text

    return render_text(status, color)


def render_timeline(rows: list[dict[str, Any]], fmt: str, *, color: bool = False, pretty: bool = False) -> str:
    """The timeline in a format: json, markdown, csv or text."""
    if fmt == "json":
        return to_json(rows, pretty=pretty)
    if fmt == "markdown":
        from tracker.reports.markdown import render_timeline_markdown

        return render_timeline_markdown(rows)
    if fmt == "csv":
        from tracker.reports.text import render_timeline_csv

        return render_timeline_csv(rows)
    from tracker.reports.text import render_timeline_text

    return render_timeline_text(rows)
