"""The review queue as a page or as terminal lines: each candidate fact with its evidence highlighted in place.

Pure: candidate objects in (tracker.views.candidates' shape, with the report's text where known), text out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

__all__ = ["CONTEXT", "fact_line", "in_context", "render_review_html"]

CONTEXT = 160  # characters of the report shown either side of the evidence


def fact_line(fact: Mapping[str, Any]) -> str:
    """A fact in one line: kind, status when not occurred, parties, date."""
    parties = fact.get("participants") or [fact.get("target") or fact.get("channel") or fact.get("actor")]
    status = f" ({fact['status']})" if fact.get("status") not in (None, "occurred") else ""
    return f"{fact['kind']}{status}: {', '.join(str(p) for p in parties)}, {fact.get('occurred_on')}"


def in_context(candidate: Mapping[str, Any], text: str | None) -> tuple[str, str, str]:
    """The evidence and the report's words either side of it (before, evidence, after), cut at CONTEXT."""
    evidence = candidate["evidence"]
    start, end = evidence.get("start"), evidence.get("end")
    if text is None or start is None or end is None or text[start:end] != evidence["text"]:
        return "", evidence["text"], ""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return (
        ("…" if start > CONTEXT else "") + before,
        text[start:end],
        after + ("…" if end + CONTEXT < len(text) else ""),
    )


def render_review_html(candidates: Sequence[Mapping[str, Any]], texts: Mapping[str, str], title: str) -> str:
    """One self-contained page: each candidate, its confidence and rule, the evidence marked in its report."""
    rows = []
    for c in candidates:
        before, evidence, after = in_context(c, texts.get(c["report_id"]))
        report = c["report"]
        flag = " <em>(background)</em>" if c.get("background") else ""
        rows.append(
            f"<section><h2><code>{escape(c['id'])}</code> {escape(fact_line(c['fact']))}{flag}</h2>"
            f"<p class=meta>confidence {c['confidence']:.2f} · {escape(c['status'])} · rule: {escape(c.get('rule') or '')}"
            f' · <a href="{escape(report["url"])}">{escape(report.get("title") or report["url"])}</a>'
            f" ({escape(report.get('outlet') or '')})</p>"
            f"<blockquote>{escape(before)}<mark>{escape(evidence)}</mark>{escape(after)}</blockquote></section>"
        )
    body = "\n".join(rows) or "<p>Nothing waits for review.</p>"
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>{escape(title)}</title><style>body{{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto}}"
        "mark{background:#ffe27a}blockquote{border-left:3px solid #ccc;margin:0;padding:.2rem 1rem;color:#333}"
        ".meta{color:#666;font-size:13px}h2{font-size:16px}</style></head>"
        f"<body><h1>{escape(title)}</h1>\n{body}\n</body></html>\n"
    )
