"""Feed bytes to items: RSS 0.9x/1.0/2.0, Atom (through feedparser) and JSON Feed (through json).

Pure: no I/O, no network, no clock. The caller fetches; this module only reads the bytes it is given, and
refuses (`FeedRefused`) what is hostile or not a feed at all, so a poll can record the error and go on (issue 9).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

__all__ = ["MAX_BYTES", "MAX_DEPTH", "FeedRefused", "Item", "ParsedFeed", "parse"]

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 512


class FeedRefused(ValueError):
    """The bytes are hostile, too big, undecodable or not a feed; the message is one line for `last_error`."""


@dataclass(frozen=True)
class Item:
    """One entry of a feed, reduced to plain values: text only, absolute http(s) URL only, times in UTC."""

    guid: str | None
    url: str | None
    title: str | None
    published: datetime | None
    text: str
    truncated: bool
    content_sha256: str
    language: str | None
    extension: dict[str, Any] | None = None  # a JSON Feed item's `_tracker` object (another tracker's fact)


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its title, link and language, its items, and a warning when items came from a broken document."""

    title: str | None
    link: str | None
    language: str | None
    items: tuple[Item, ...]
    warning: str | None


def parse(data: bytes, *, base_url: str | None = None, max_text: int = 100_000) -> ParsedFeed:
    """Parse feed bytes into items; relative links resolve against `base_url` or are dropped.

    Raises `FeedRefused` for entity declarations (billion laughs, XXE), documents over `MAX_BYTES` or nested
    deeper than `MAX_DEPTH`, HTML pages, and undecodable bytes that yield no items.
    """
    # feedparser.parse() treats a str as a URL or a path and fetches or opens it; even bytes are first tried
    # as a file name. We only ever hand it a stream over bytes, and refuse anything else outright.
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise FeedRefused(f"document too large ({len(data)} bytes, limit {MAX_BYTES})")
    if not data.strip():
        raise FeedRefused("empty document")
    # NULs removed, a UTF-16 or UTF-32 document reads as ASCII for the markup checks below.
    ascii_view = data.replace(b"\x00", b"") if b"\x00" in data[:1024] else data
    _refuse_entities(ascii_view)
    if _is_json_feed(ascii_view):
        return _parse_json_feed(data, base_url, max_text)
    _refuse_deep(ascii_view)
    return _parse_xml_feed(data, ascii_view, base_url, max_text)


# --- hostile markup -------------------------------------------------------------------------------------------

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(rb"<(/?)([A-Za-z_][^\s/<>]*)[^<>]*?(/?)>")
# HTML void elements often sit unclosed in CDATA item bodies; counting them would call a long article "deep".
_VOID = {b"br", b"img", b"hr", b"input", b"source", b"area", b"col", b"embed", b"param", b"track", b"wbr", b"meta"}


def _refuse_entities(data: bytes) -> None:
    # Any entity declaration is refused before a parser sees it: that alone stops entity expansion and external
    # entities (file:// or http:// reads), whatever the XML parser underneath would have done with them.
    if _DOCTYPE.search(data) and _ENTITY.search(data):
        raise FeedRefused("refused: the document declares XML entities (entity expansion or external entities)")


def _refuse_deep(data: bytes) -> None:
    depth = 0
    for match in _TAG.finditer(data):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            if depth > MAX_DEPTH:
                raise FeedRefused(f"refused: elements nested deeper than {MAX_DEPTH}")


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<!doctype html") or b"<html" in head


# --- XML feeds through feedparser ------------------------------------------------------------------------------


def _parse_xml_feed(data: bytes, ascii_view: bytes, base_url: str | None, max_text: int) -> ParsedFeed:
    try:
        # A stream, never bytes or str: feedparser would try those as a path or URL first. sanitize_html strips
        # scripts and styles before we reduce HTML to text (which skips them too). resolve_relative_uris only
        # rewrites links inside item HTML, which we drop; it fetches nothing either way. No response headers:
        # given any, feedparser wants a Content-Type and flags every document without one; item links are
        # joined to base_url below.
        result = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except Exception as error:  # feedparser on hostile bytes: recorded on the feed, not a crash of the poll
        raise FeedRefused(f"unparseable: {_one_line(error)}") from error
    entries = result.get("entries") or []
    exception = result.get("bozo_exception") if result.get("bozo") else None
    if not entries:
        if _looks_like_html(ascii_view) and result.get("version", "") == "":
            raise FeedRefused("not a feed (an HTML page)")
        if isinstance(exception, feedparser.CharacterEncodingUnknown):
            raise FeedRefused(f"undecodable: {_one_line(exception)}")
        if exception is not None and not result.get("version"):
            raise FeedRefused(f"not a feed: {_one_line(exception)}")
    feed = result.get("feed") or {}
    feed_language = _clean(feed.get("language"))
    items = tuple(_xml_item(entry, feed_language, base_url, max_text) for entry in entries)
    return ParsedFeed(
        title=_detail_text(feed, "title"),
        link=_absolute_url(feed.get("link"), base_url),
        language=feed_language,
        items=items,
        warning=_one_line(exception) if exception is not None else None,
    )


def _xml_item(entry: Any, feed_language: str | None, base_url: str | None, max_text: int) -> Item:
    contents = entry.get("content") or []
    bodies = [(c.get("value") or "", c.get("type") or "text/html") for c in contents]
    summary = entry.get("summary_detail") or {}
    if entry.get("summary"):
        bodies.append((entry.get("summary") or "", summary.get("type") or "text/html"))
    # The fullest body wins: content:encoded over description, Atom content over summary.
    texts = [_to_text(value, kind) for value, kind in bodies]
    text = max(texts, key=len, default="")
    language = None
    for detail in (*contents, summary, entry.get("title_detail") or {}):
        language = language or _clean(detail.get("language"))
    published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
    return _item(
        guid=_clean(entry.get("id")),
        url=_absolute_url(entry.get("link"), base_url),
        title=_detail_text(entry, "title"),
        published=published,
        text=text,
        language=language or feed_language,
        max_text=max_text,
    )


def _detail_text(node: Any, key: str) -> str | None:
    value = node.get(key)
    if not isinstance(value, str):
        return None
    kind = (node.get(f"{key}_detail") or {}).get("type") or "text/plain"
    return _to_text(value, kind) or None


def _struct_time(value: Any) -> datetime | None:
    try:
        # feedparser's struct_time is already in UTC.
        return datetime.fromtimestamp(calendar.timegm(value), UTC) if value else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


# --- JSON Feed (feedparser 6.0 has no JSON support) -----------------------------------------------------------


def _is_json_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and re.search(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/', head) is not None


def _parse_json_feed(data: bytes, base_url: str | None, max_text: int) -> ParsedFeed:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise FeedRefused(f"broken JSON Feed: {_one_line(error)}") from error
    if not isinstance(document, dict):
        raise FeedRefused("broken JSON Feed: not an object")
    feed_language = _clean(document.get("language"))
    items = []
    for entry in document.get("items") or []:
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("content_html"), str):
            text = _to_text(entry["content_html"], "text/html")
        else:
            text = _to_text(_str(entry.get("content_text")) or _str(entry.get("summary")) or "", "text/plain")
        guid = entry.get("id")
        items.append(
            _item(
                guid=str(guid) if isinstance(guid, str | int) and str(guid) else None,
                url=_absolute_url(_str(entry.get("url")), base_url),
                title=_to_text(_str(entry.get("title")) or "", "text/plain") or None,
                published=_iso_time(entry.get("date_published") or entry.get("date_modified")),
                text=text,
                language=_clean(entry.get("language")) or feed_language,
                max_text=max_text,
                extension=entry["_tracker"] if isinstance(entry.get("_tracker"), dict) else None,
            )
        )
    return ParsedFeed(
        title=_to_text(_str(document.get("title")) or "", "text/plain") or None,
        link=_absolute_url(_str(document.get("home_page_url")), base_url),
        language=feed_language,
        items=tuple(items),
        warning=None,
    )


def _iso_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- shared -----------------------------------------------------------------------------------------------------


def _item(
    *,
    guid: str | None,
    url: str | None,
    title: str | None,
    published: datetime | None,
    text: str,
    language: str | None,
    max_text: int,
    extension: dict[str, Any] | None = None,
) -> Item:
    truncated = len(text) > max_text
    text = text[:max_text]
    digest = hashlib.sha256("\x00".join((title or "", text, url or "")).encode("utf-8", "surrogatepass"))
    return Item(
        guid=guid,
        url=url,
        title=title,
        published=published,
        text=text,
        truncated=truncated,
        content_sha256=digest.hexdigest(),
        language=language,
        extension=extension,
    )


def _absolute_url(value: Any, base_url: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = value.strip()
    try:
        if base_url:
            url = urljoin(base_url, url)
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "template", "noscript"})
    _BREAK = frozenset({"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BREAK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self._BREAK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _to_text(value: str, kind: str) -> str:
    if "html" in kind:
        extractor = _TextExtractor()
        extractor.feed(value)
        extractor.close()
        value = "".join(extractor.parts)
    return " ".join(value.split())


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _one_line(error: BaseException) -> str:
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}"[:300]
