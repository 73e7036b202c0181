"""Feed subscriptions from the command line and from OPML files → SubscribeFeed commands.

OPML is read with the standard library's ElementTree, after refusing any DOCTYPE or ENTITY
declaration outright (as defusedxml does): no entity of a file ever expands, internal (billion
laughs) or external (XXE). A file that does not parse adds nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

from events.commands import SubscribeFeed
from events.values import DomainError, check_text, make_source
from tracker.errors import UsageError

__all__ = ["LANGUAGES", "OPML_LIMIT", "TRUST", "check_feed_url", "feed_name", "parse_opml", "subscribe_command"]

LANGUAGES = ("en", "zh", "auto")
TRUST = ("review", "auto")
OPML_LIMIT = 10 * 1024 * 1024  # bytes: a subscription list, not a corpus
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_feed_url(url: str) -> str:
    """The feed URL stripped: http or https with a host name, as for source URLs (events.values.make_source)."""
    if not isinstance(url, str) or not url.strip():
        raise UsageError("a feed needs a URL", field="url")
    url = url.strip()
    scheme = urlsplit(url).scheme.lower() if "://" in url else ""
    if scheme not in ("http", "https"):
        raise UsageError(f"feed URL {url[:80]!r} is not an http or https URL", field="url")
    try:
        return make_source(url)["url"]
    except DomainError as e:
        raise UsageError(str(e).replace("source:", "feed URL", 1), field="url") from None


def _choice(value: str, allowed: tuple[str, ...], flag: str) -> str:
    if value not in allowed:
        raise UsageError(f"{flag} {value[:40]!r} is not one of {', '.join(allowed)}", field=flag.lstrip("-"))
    return value


def feed_name(url: str, taken: dict[str, str], name: str | None = None, *, numbered: bool = False) -> str:
    """The name given (checked), else the URL's host without www.; numbered (name-2, …) when another live feed
    has it and the name was not given, or numbered is true (names from an OPML file)."""
    if name is not None:
        name = check_text(name, "name", label="feed name")
        if not numbered:
            return name
    base = name or (urlsplit(url).hostname or url).removeprefix("www.")
    found, n = base, 1
    while taken.get(found, url) != url:
        n += 1
        found = f"{base}-{n}"
    return found


def subscribe_command(
    url: str, *, interval: int, taken: dict[str, str], name: str | None = None, language: str = "auto",
    trust: str = "review",
) -> SubscribeFeed:  # fmt: skip
    """A SubscribeFeed from the options of `tracker feeds add` (interval in seconds, already parsed)."""
    url = check_feed_url(url)
    return SubscribeFeed(
        url, feed_name(url, taken, name), _choice(language, LANGUAGES, "--language"), interval,
        _choice(trust, TRUST, "--trust"), dict(taken),
    )  # fmt: skip


def parse_opml(data: bytes, what: str = "OPML file") -> list[dict[str, Any]]:
    """Every feed outline of an OPML file as {url, name, language, every, trust} (absent ones None), in order.

    Refused whole: a file over OPML_LIMIT, one with a DOCTYPE or ENTITY declaration, one that is
    not well-formed XML or not OPML, and one with an outline whose URL is not http(s).
    """
    if len(data) > OPML_LIMIT:
        raise UsageError(f"{what} is over {OPML_LIMIT // (1024 * 1024)} MiB")
    if _DECLARATION.search(data):
        raise UsageError(f"{what} declares a DOCTYPE or ENTITY; refused (entities could expand or read files)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise UsageError(f"{what} is not well-formed XML ({e}); nothing was added") from None
    if root.tag != "opml" or root.find("body") is None:
        raise UsageError(f"{what} is not OPML (no <opml><body>); nothing was added")
    found = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url is None:
            continue  # a folder of outlines
        try:
            url = check_feed_url(url)
        except UsageError as e:
            raise UsageError(f"{what}: {e}; nothing was added") from None
        language = outline.get("language")
        found.append({
            "url": url,
            "name": (outline.get("title") or outline.get("text") or "").strip() or None,
            "language": language if language in LANGUAGES else None,
            "every": outline.get("every"),
            "trust": outline.get("trust") if outline.get("trust") in TRUST else None,
        })  # fmt: skip
    return found
