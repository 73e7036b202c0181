"""What every renderer shares: the report's sections as plain cells, safe URLs, clean strings, channel spans.

A section is built once here and drawn by each format, so text, Markdown and HTML show the same facts.
Cells are plain strings or `Links`; escaping belongs to each format, never to this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from events.channel_status import CHANNEL_STATES

__all__ = [
    "CHANNEL_STATES",
    "TIMELINE_COLUMNS",
    "Link",
    "Links",
    "Section",
    "clean",
    "parse_day",
    "safe_url",
    "sections",
    "timeline_rows",
    "title",
]

TIMELINE_COLUMNS = ("id", "occurred_on", "type", "kind", "dyad", "code", "goldstein", "summary", "sources")
STATE_NAMES = {"CHN": "China", "USA": "US"}

# C0 and C1 control characters (terminal escapes, NUL, bidi tricks stay visible as text otherwise).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[\t\n\r\u2028\u2029]+")


def clean(value: Any) -> str:
    """A one-line printable string: None becomes '', newlines become spaces, control characters go."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = _SPACE.sub(" ", str(value))
    return _CONTROL.sub("", text).strip()


def safe_url(url: Any) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None (no javascript:, data:, file:)."""
    if not isinstance(url, str):
        return None
    text: str = url.strip()
    if not text or _CONTROL.search(text) or any(c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def parse_day(value: Any) -> date | None:
    """A date from '2023-07-12', '2023-07' (first of month), '2023' or a timestamp; None when unreadable."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()[:10]
    for candidate in (text, text + "-01", text + "-01-01"):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None  # None: not an http(s) URL, so shown as text only


class Links(tuple[Link, ...]):
    """The sources of one fact, as a cell."""


Cell = str | Links


@dataclass
class Section:
    id: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    empty: str = "None."
    note: str = ""


def _host(url: Any) -> str:
    # Only a web URL lends its host as a label; anything else is shown as "source", never as its text.
    safe = safe_url(url)
    return (urlsplit(safe).hostname or "") if safe else ""


def links(sources: Iterable[Any] | None) -> Links:
    """Sources as links: dicts of the contract ({url, outlet, derived_from…}) or bare URL strings."""
    out: list[Link] = []
    for s in sources or ():
        if isinstance(s, Mapping):
            url = s.get("url")
            label = clean(s.get("outlet")) or clean(_host(url))
            if s.get("derived_from"):
                label += " (rewrite)"
        else:
            url = s
            label = clean(_host(s))
        safe = safe_url(url)
        out.append(Link(label or "source", safe))
    return Links(out)


def _name(value: Any) -> str:
    if isinstance(value, Mapping):
        return clean(value.get("name") or value.get("id"))
    return clean(value)


def _participants(item: Mapping[str, Any]) -> str:
    names = []
    for p in item.get("participants") or ():
        name = _name(p)
        state = clean(p.get("state")) if isinstance(p, Mapping) else ""
        names.append(f"{name} ({state})" if state else name)
    return ", ".join(names)


def _when(item: Mapping[str, Any]) -> str:
    on = clean(item.get("occurred_on"))
    until = clean(item.get("until"))
    return f"{on} – {until}" if until and until != on else on


def title(status: Mapping[str, Any]) -> str:
    """The report's heading, e.g. 'China–US relations as of 2023-07-31'."""
    dyad = clean(status.get("dyad")) or "?"
    pair = "–".join(STATE_NAMES.get(s, s) for s in dyad.split("-"))
    return f"{pair} relations as of {clean(status.get('as_of'))}"


def subtitle(status: Mapping[str, Any]) -> str:
    window = status.get("window") or {}
    parts = [f"dyad {clean(status.get('dyad'))}"]
    if window:
        parts.append(f"window {clean(window.get('since'))} to {clean(window.get('until'))}")
    if status.get("known_at"):
        parts.append(f"known at {clean(status.get('known_at'))}")
    if status.get("generated_at"):
        parts.append(f"generated {clean(status.get('generated_at'))}")
    return "; ".join(parts)


# What a person calls the fields on which reports of one interaction can disagree.
FIELD_WORDS = {"occurred_on": "date", "until": "last day", "location": "place"}


def _kind(i: Mapping[str, Any]) -> str:
    text = clean(i.get("kind"))
    if i.get("status") not in (None, "occurred", "expected", "overdue") and not (
        i.get("status") == "declined" and text == "meeting-declined"
    ):
        text += f" ({clean(i['status'])})"
    disputed = [FIELD_WORDS.get(str(f), clean(f)) for f in i.get("disputed") or ()]
    if disputed:
        text += f"; sources differ on {', '.join(disputed)}"
    return text


def _interaction_rows(items: Iterable[Mapping[str, Any]]) -> list[tuple[Cell, ...]]:
    return [
        (
            _when(i),
            short_id(i.get("id")),
            _kind(i),
            _participants(i),
            clean(i.get("location_name") or i.get("location")),
            clean(i.get("summary")),
            links(i.get("sources")),
        )
        for i in items
    ]


def short_id(value: Any) -> str:
    """The first 8 characters of a fact's id: enough for `tracker history`, `correct` and `retract`."""
    return clean(value)[:8]


def _to_precision(day: Any, precision: Any) -> str:
    """A date shown no finer than it is known: 2023-03 when only the month is."""
    text = clean(day)
    return text[:7] if precision == "month" else text[:4] if precision == "year" else text


def _goldstein(value: Any) -> str:
    return f"{value:+.1f}" if isinstance(value, (int, float)) else clean(value)


def sections(status: Mapping[str, Any]) -> list[Section]:
    """The report's tables in reading order: channels, sanctions, interactions, expected, offices, index, changes."""
    out = [
        Section(
            "channels",
            "Military channels",
            ("Channel", "名称", "Status", "Since", "Last contact", "Sources"),
            [
                (
                    clean(c.get("name") or c.get("slug")),
                    clean((c.get("names") or {}).get("zh")),
                    clean(c.get("status") or "unknown"),
                    clean(c.get("since")),
                    clean(c.get("last_contact")),
                    links(c.get("sources")),
                )
                for c in status.get("channels") or ()
            ],
            empty="No channels registered.",
        ),
        Section(
            "sanctions",
            "Sanctions",
            ("Imposed by", "Target", "Program", "Authority", "Since", "Status", "Sources", "Id"),
            [
                (
                    clean(s.get("imposed_by")),
                    _name(s.get("target")) + (f" ({clean(s['target_state'])})" if s.get("target_state") else ""),
                    clean(s.get("program")),
                    clean(s.get("authority")),
                    clean(s.get("since")),
                    clean(s.get("status")) + (f" {clean(s['lifted_on'])}" if s.get("lifted_on") else ""),
                    links(s.get("sources")),
                    short_id(s.get("id")),
                )
                for s in sorted(status.get("sanctions") or (), key=lambda s: (s.get("status") != "active",))
            ],
            empty="No sanctions in force or lifted.",
        ),
        Section(
            "interactions",
            "Interactions",
            ("Date", "Id", "Kind", "Participants", "Location", "Summary", "Sources"),
            _interaction_rows(status.get("interactions") or ()),
            empty="No interactions in the window.",
        ),
        Section(
            "expected",
            "Expected interactions",
            ("Date", "Id", "Kind", "Participants", "Location", "Summary", "Sources"),
            _interaction_rows(e for e in status.get("expected") or () if e.get("status") != "overdue"),
            empty="None expected.",
        ),
        Section(
            "overdue",
            "Overdue: expected, date passed, not confirmed",
            ("Date", "Id", "Kind", "Participants", "Location", "Summary", "Sources"),
            _interaction_rows(e for e in status.get("expected") or () if e.get("status") == "overdue"),
            empty="Nothing overdue.",
            note="Expected interactions whose date has passed with no report that they took place or were called off.",
        ),
        Section(
            "offices",
            "Office holders",
            ("State", "Office", "Holder", "Since", "Until"),
            [
                (
                    clean(o.get("state")),
                    clean(o.get("office")),
                    _name(o.get("actor")),
                    _to_precision(o.get("since"), o.get("precision")),
                    clean(o.get("until")),
                )
                for o in status.get("offices") or ()
            ],
            empty="No offices known.",
        ),
        Section(
            "index",
            "Cooperation–conflict index (Goldstein, by month)",
            ("Month", "Announcements", "Facts", "Goldstein sum", "Mean"),
            [
                (
                    clean(m.get("month")),
                    clean(m.get("events")),
                    clean(m.get("facts", m.get("events"))),
                    _goldstein(m.get("goldstein_sum")),
                    _goldstein(m.get("goldstein_mean")),
                )
                for m in status.get("index") or ()
            ],
            empty="No dated facts in the window.",
            note="Facts of one kind sharing a date and a first source are one announcement, counted once.",
        ),
    ]
    if status.get("changes") is not None:
        out.append(changes_section(status["changes"]))
    feeds = status.get("feeds") or ()
    if feeds:
        out.append(
            Section(
                "feeds",
                "Sources",
                ("Feed", "Health", "Last polled", "Next poll", "Reports", "Last error"),
                [
                    (
                        clean(f.get("name") or f.get("url")),
                        feed_health(f),
                        _stamp(f.get("last_polled")),
                        _stamp(f.get("next_poll")),
                        clean(f.get("reports")),
                        clean(f.get("last_error")),
                    )
                    for f in feeds
                ],
                note="Feeds are never dropped for failing: a failing feed waits out its back-off and is polled again.",
            )
        )
    return out


def feed_health(feed: Mapping[str, Any]) -> str:
    """A feed's health in words: never polled, ok, not modified, or failing with how many failures in a row."""
    status = feed.get("last_status")
    if status is None:
        return "never polled"
    if status == "failed":
        failures = feed.get("failures") or 0
        return f"failing ({failures} in a row)"
    return "not modified" if status == "not-modified" else clean(status)


def _stamp(value: Any) -> str:
    # Recorded times to the minute, UTC as stored: "2023-07-13 06:00".
    text = clean(value)
    return text[:16].replace("T", " ") if len(text) > 10 and text[10] == "T" else text


def changes_section(changes: Mapping[str, Any]) -> Section:
    """The 'what changed' table from the dict `tracker.changes.changes_since` returns."""
    rows: list[tuple[Cell, ...]] = []
    for c in changes.get("channels") or ():
        rows.append(
            (
                "channel",
                clean(c.get("name") or c.get("slug")),
                f"{clean(c.get('from'))} → {clean(c.get('to'))}",
                clean(c.get("on")),
            )
        )
    for s in changes.get("sanctions") or ():
        detail = f"{clean(s.get('event'))}" + (f": {clean(s['program'])}" if s.get("program") else "")
        rows.append(("sanction", _name(s.get("target")), detail, clean(s.get("on"))))
    for i in changes.get("interactions") or ():
        kind = clean(i.get("kind")) + (f" ({clean(i['status'])})" if i.get("status") not in (None, "occurred") else "")
        rows.append(
            (
                "new " + kind,
                clean(i.get("summary")),
                f"occurred {clean(i.get('occurred_on'))}",
                _stamp(i.get("recorded_at")),
            )
        )
    for c in changes.get("corrections") or ():
        rows.append(
            (
                "correction",
                f"{clean(c.get('event'))} {clean(c.get('id'))[:8]}".strip(),
                clean(c.get("reason") or c.get("summary")),
                _stamp(c.get("recorded_at")),
            )
        )
    return Section(
        "changes",
        f"What changed since {clean(changes.get('since'))}",
        ("Change", "Subject", "Detail", "On"),
        rows,
        empty="Nothing changed.",
    )


def timeline_rows(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Timeline rows in date order (stable: same-day facts keep the order they came in)."""
    return sorted(rows, key=lambda r: clean(r.get("occurred_on")))
