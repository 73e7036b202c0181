"""Value types of the domain: dates with precision, sources, dyads, and input errors."""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "LIMITS",
    "DomainError",
    "Source",
    "check_text",
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


# The years a fact may fall in: the ledger records diplomacy, from the Treaty of Nerchinsk
# (1689) era on, and expected meetings in the coming decades. A date outside is a typo; it
# would also overflow the dedup window (a day either side) at 9999-12-31 or 0001-01-01.
FIRST_YEAR = 1600
LAST_YEAR = 2200
_RANGE = f"dates must fall in the years {FIRST_YEAR} to {LAST_YEAR}"

# The longest text each kind of field takes, in characters: enough for any real summary,
# headline or URL, small enough that one fact cannot fill a report or the log.
NAME_LIMIT = 200  # actor and place names, aliases, outlets, offices, channels, authorities, programs
TITLE_LIMIT = 500  # source titles, legal bases
TEXT_LIMIT = 2_000  # summaries, reasons, quotes
URL_LIMIT = 2_048
LIMITS = {
    **dict.fromkeys(("summary", "reason", "quote"), TEXT_LIMIT),
    **dict.fromkeys(("title", "legal_basis"), TITLE_LIMIT),
    **dict.fromkeys(("url", "derived_from", "source"), URL_LIMIT),
}


def check_text(value: str, field: str, *, label: str | None = None) -> str:
    """The text stripped; a blank value or one over its field's limit (LIMITS, else NAME_LIMIT) is refused."""
    if 0 < len(value) <= NAME_LIMIT and not value[0].isspace() and not value[-1].isspace():
        return value  # the common case, without building a message or a stripped copy
    text = value.strip()
    name = label or field.replace("_", " ")
    if not text:
        raise DomainError(f"{name} is empty", field=field)
    limit = LIMITS.get(field, NAME_LIMIT)
    if len(text) > limit:
        raise DomainError(f"{name} is {len(text):,} characters long; at most {limit:,} are allowed", field=field)
    return text


def _in_range(value: date, text: object, field: str) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise DomainError(f"{field}: {str(text)[:40]!r} is out of range ({_RANGE})", field=_FIELDS.get(field))
    return value


# Flags and keys of dates that the domain calls by another name (DomainError.field).
_FIELDS = {"on": "occurred_on", "occurred_on": "occurred_on", "until": "until"}


# The common case, checked without urlsplit: scheme, a host without spaces, then a path.
_HTTP_URL = re.compile(r"^https?://([^/\s?#@]+)(?:[/?#][^\s]*)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str | date, *, field: str = "date") -> tuple[date, str]:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD into (first day, precision)."""
    if isinstance(text, datetime):
        return _in_range(text.date(), text, field), "day"
    if isinstance(text, date):
        return _in_range(text, text, field), "day"
    if type(text) is str and len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        # The common full date, parsed in C; anything odd goes the long way for its message.
        try:
            return _in_range(date.fromisoformat(text), text, field), "day"
        except ValueError:
            pass
    m = _DATE.match(str(text).strip())
    if not m:
        raise DomainError(f"{field}: {str(text)[:40]!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError as e:
        raise DomainError(f"{field}: {str(text)[:40]!r} is not a real date ({e})") from None
    precision = "day" if day else "month" if month else "year"
    return _in_range(value, text, field), precision


def parse_timestamp(text: str, *, field: str = "time") -> datetime:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC."""

    raw = str(text).strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        if not _DATE.match(raw):
            raise DomainError(f"{field}: {str(text)[:40]!r} is not a date or time (use ISO 8601)") from None
        d, _ = parse_date(raw, field=field)
        value = datetime(d.year, d.month, d.day)
    _in_range(value.date(), text, field)
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
    texts = (("outlet", outlet), ("language", language), ("title", title), ("quote", quote),
             ("derived_from", derived_from), ("published_at", published_at), ("retrieved_at", retrieved_at))  # fmt: skip
    for name, value in texts:
        if value is not None and not isinstance(value, str):
            raise DomainError(f"source {name} must be text, not {type(value).__name__}", field="source")
    if outlet is not None:
        outlet = check_text(outlet, "outlet", label="source outlet")
    if title is not None or quote is not None or derived_from is not None:
        title, quote, derived_from = (
            check_text(v, k, label=f"source {k.replace('_', ' ')}") if v is not None else None
            for k, v in (("title", title), ("quote", quote), ("derived_from", derived_from))
        )
    url = check_text(url, "url", label="source URL")
    fast = _HTTP_URL.match(url)
    if fast:
        host = fast.group(1)
        _check_host(host, url)
    else:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "urn", "file"):
            raise DomainError(f"source: {url[:80]!r} is not an http(s) URL", field="source")
        host = parts.netloc
        if parts.scheme in ("http", "https"):
            _check_host(host, url)
    if published_at:
        published_at = parse_timestamp(published_at, field="published").isoformat()
    if retrieved_at:
        retrieved_at = parse_timestamp(retrieved_at, field="retrieved").isoformat()
    if language is not None and not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", language):
        raise DomainError(f"language: {language[:40]!r} is not a language code such as en or zh", field="source")
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


# One label of a host name: letters (any script), digits, hyphens inside, at most 63.
_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?(?<!-)$")


def _check_host(netloc: str, url: str) -> None:
    if not _host_ok(netloc):
        raise DomainError(
            f"source: {url[:80]!r} has no host name (give a dotted name such as www.reuters.com, or an IP address)",
            field="source",
        )


@lru_cache(maxsize=4096)
def _host_ok(netloc: str) -> bool:
    """Whether the host of a URL is a dotted host name or an IP address (port and user info allowed)."""
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        literal, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
        if rest and port is None:
            return False
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return False
    else:
        host, colon, port_text = host.partition(":")
        port = port_text if colon else None
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            labels = host.removesuffix(".").split(".")
            if len(labels) < 2 or labels[-1].isdigit() or not all(_LABEL.match(label) for label in labels):
                return False
    return port is None or (port.isdigit() and 0 < int(port) < 65536)


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
