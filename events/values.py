"""Value types of the domain: dates with precision, sources, dyads, and input errors."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "DomainError",
    "Source",
    "make_dyad",
    "make_source",
    "normalise",
    "parse_date",
    "parse_timestamp",
]

Source = dict[str, Any]
"""A source as stored in events: {url, outlet, language, published_at, retrieved_at,
title, quote, derived_from}. Plain JSON data, so exports and feeds carry it as is."""

SOURCE_FIELDS = ("url", "outlet", "language", "published_at", "retrieved_at", "title", "quote", "derived_from")


class DomainError(ValueError):
    """Input the domain refuses; the message is one line meant for a person.

    field names the fact's field at fault (occurred_on, source, reason…), so that an interface
    can point at its own name for it: the CLI's flag, a JSON key.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# The common case, checked without urlsplit: scheme, a host without spaces, then a path.
_HTTP_URL = re.compile(r"^https?://([^/\s?#@]+)(?:[/?#][^\s]*)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str | date, *, field: str = "date") -> tuple[date, str]:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD into (first day, precision)."""
    if isinstance(text, datetime):
        return text.date(), "day"
    if isinstance(text, date):
        return text, "day"
    if type(text) is str and len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        # The common full date, parsed in C; anything odd goes the long way for its message.
        try:
            return date.fromisoformat(text), "day"
        except ValueError:
            pass
    m = _DATE.match(str(text).strip())
    if not m:
        raise DomainError(f"{field}: {text!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError as e:
        raise DomainError(f"{field}: {text!r} is not a real date ({e})") from None
    precision = "day" if day else "month" if month else "year"
    return value, precision


def parse_timestamp(text: str, *, field: str = "time") -> datetime:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC."""

    raw = str(text).strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            d, _ = parse_date(raw, field=field)
        except DomainError:
            raise DomainError(f"{field}: {text!r} is not a date or time (use ISO 8601)") from None
        value = datetime(d.year, d.month, d.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def make_source(
    url: str | None,
    *,
    outlet: str | None = None,
    language: str | None = None,
    published_at: str | None = None,
    retrieved_at: str | None = None,
    title: str | None = None,
    quote: str | None = None,
    derived_from: str | None = None,
) -> Source:
    """Validate and normalise one source citation."""
    if not isinstance(url, str) or not url.strip():
        raise DomainError("every fact needs a source URL", field="source")
    for name, value in (("outlet", outlet), ("language", language), ("title", title), ("quote", quote),
                        ("derived_from", derived_from), ("published_at", published_at), ("retrieved_at", retrieved_at)):  # fmt: skip
        if value is not None and not isinstance(value, str):
            raise DomainError(f"source {name} must be text, not {type(value).__name__}")
    url = url.strip()
    fast = _HTTP_URL.match(url)
    if fast:
        host = fast.group(1)
    else:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "urn", "file") or (
            parts.scheme in ("http", "https") and not parts.netloc
        ):
            raise DomainError(f"source: {url!r} is not an http(s) URL")
        host = parts.netloc
    if published_at:
        published_at = parse_timestamp(published_at, field="published").isoformat()
    if retrieved_at:
        retrieved_at = parse_timestamp(retrieved_at, field="retrieved").isoformat()
    if language is not None and not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", language):
        raise DomainError(f"language: {language!r} is not a language code such as en or zh")
    return {
        "url": url,
        "outlet": outlet or host or None,
        "language": language,
        "published_at": published_at,
        "retrieved_at": retrieved_at,
        "title": title,
        "quote": quote,
        "derived_from": derived_from,
    }


def make_dyad(states: set[str] | list[str], default: str = "CHN-USA") -> str:
    """The dyad of a fact: its two states, sorted. A single state pairs with the default dyad."""
    unique = sorted(s for s in set(states) if s)
    if len(unique) >= 2:
        return "-".join(unique[:2]) if len(unique) == 2 else "-".join(unique)
    if len(unique) == 1 and unique[0] in default.split("-"):
        return default
    if len(unique) == 1:
        return unique[0]
    return default


def normalise(name: str) -> str:
    """The key a name is looked up by: case- and space-insensitive."""
    return " ".join(name.casefold().replace("\u3000", " ").split())
