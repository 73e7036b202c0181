"""The pure decisions of feed polling: when a feed is due, back-off, Retry-After, what counts as new.

Like lemon24/reader's `Decider` beside its update `Pipeline`: no I/O, no clock, no randomness of its own.
The poller reads the state, fetches, and stores what these functions return; times and a seeded
`random.Random` are passed in, so every rule here is tested with literals.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from events.feeds import interval_text
from events.values import DomainError

__all__ = [
    "MAX_BACKOFF",
    "MAX_INTERVAL",
    "MIN_INTERVAL",
    "PollState",
    "after_failure",
    "after_success",
    "classify",
    "due",
    "format_interval",
    "item_key",
    "language_of",
    "parse_interval",
    "remember",
]

MIN_INTERVAL = timedelta(minutes=1)
MAX_INTERVAL = timedelta(days=7)
# Back-off, Retry-After and Cache-Control max-age are all capped here (or at the feed's own interval
# when that is longer): a feed is never disabled, and no publisher's header can silence it for longer.
MAX_BACKOFF = timedelta(hours=24)
# Back-off waits are shortened by up to this fraction, so feeds failing together spread out
# without any wait passing the cap.
BACKOFF_JITTER = 0.1
MAX_ERROR_LENGTH = 500

Status = Literal["ok", "not-modified", "failed"]
Novelty = Literal["new", "revised", "unchanged"]


@dataclass(frozen=True)
class PollState:
    """What the poller keeps about one feed between polls: operational, not events; losing it costs a re-fetch.

    seen maps each item key ever met in the feed to the sha256 of its content; it is never pruned by
    an item's absence, so an item that leaves the feed and comes back is not new.
    """

    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_status: Status | None = None
    last_error: str | None = None
    failures: int = 0
    next_poll: datetime | None = None
    retry_after_until: datetime | None = None
    seen: Mapping[str, str] = field(default_factory=dict)


def due(state: PollState, now: datetime, *, manual: bool = False) -> tuple[bool, str | None]:
    """Whether to poll the feed at now, and if not, a one-line reason.

    manual (`tracker poll`) ignores the ordinary schedule but never a Retry-After or back-off window.
    """
    _check_aware(now)
    if state.retry_after_until is not None and now < state.retry_after_until:
        return False, f"rate-limited until {_when(state.retry_after_until, now)} (Retry-After)"
    if state.next_poll is not None and now < state.next_poll:
        if state.failures:
            plural = "failure" if state.failures == 1 else "failures"
            return False, f"backing off after {state.failures} {plural} until {_when(state.next_poll, now)}"
        if not manual:
            return False, f"next poll at {_when(state.next_poll, now)}"
    return True, None


def after_success(
    state: PollState,
    *,
    now: datetime,
    interval: timedelta,
    etag: str | None,
    last_modified: str | None,
    not_modified: bool,
    max_age: float | None,
    jitter: float,
    rng: random.Random,
) -> PollState:
    """The state after a fetch that worked (200 or 304): failures reset, validators kept, the next poll scheduled.

    The next poll comes after the interval ± jitter (a fraction of it, 0 to 1), and never before a
    Cache-Control max-age (seconds) runs out, up to the cap.
    """
    _check_aware(now)
    _check_interval(interval)
    if not 0 <= jitter <= 1:
        raise ValueError(f"jitter must be a fraction from 0 to 1, not {jitter}")
    wait = interval + interval * (jitter * rng.uniform(-1, 1))
    if max_age is not None and max_age > 0:
        wait = max(wait, _bounded(max_age, timedelta(0), max(MAX_BACKOFF, interval)))
    if not_modified:
        # A 304 need not repeat the validators; the ones sent still stand.
        etag = etag if etag is not None else state.etag
        last_modified = last_modified if last_modified is not None else state.last_modified
    return replace(
        state,
        etag=etag,
        last_modified=last_modified,
        last_polled=now,
        last_status="not-modified" if not_modified else "ok",
        last_error=None,
        failures=0,
        next_poll=now + max(wait, timedelta(0)),
        retry_after_until=None,
    )


def after_failure(
    state: PollState,
    *,
    now: datetime,
    interval: timedelta,
    error: str,
    retry_after: float | None,
    rng: random.Random,
) -> PollState:
    """The state after a failed fetch or parse: one more failure and a longer wait, but never a disabled feed.

    The wait doubles with each failure in a row from the interval, less up to 10% jitter, capped at
    a day (or the interval, when longer), so a feed that always fails is still polled. A Retry-After
    (seconds) sets the wait instead, exactly, whether shorter or longer than the back-off, up to the same
    cap and at least a minute, so a 429 with Retry-After: 0 cannot make a loop.
    """
    _check_aware(now)
    _check_interval(interval)
    failures = state.failures + 1
    cap = max(MAX_BACKOFF, interval)
    retry_until = None
    if retry_after is not None:
        wait = _bounded(retry_after, MIN_INTERVAL, cap)
        retry_until = now + wait
    else:
        # Capped as seconds, before timedelta, so that a feed failing for months cannot overflow it.
        seconds = interval.total_seconds() * 2.0 ** min(failures - 1, 64)
        wait = _bounded(seconds, timedelta(0), cap) * (1 - BACKOFF_JITTER * rng.random())
    return replace(
        state,
        last_polled=now,
        last_status="failed",
        last_error=_one_line(error),
        failures=failures,
        next_poll=now + wait,
        retry_after_until=retry_until,
    )


def classify(seen: Mapping[str, str], key: str, content_sha256: str) -> Novelty:
    """Whether an item is new (key never seen), revised (seen with another hash) or unchanged (same hash)."""
    known = seen.get(key)
    if known is None:
        return "new"
    return "unchanged" if known == content_sha256 else "revised"


def remember(state: PollState, key: str, sha: str) -> PollState:
    """The state with an item's key and content hash recorded, replacing any earlier hash."""
    return replace(state, seen={**state.seen, key: sha})


def item_key(guid: str | None, url: str | None) -> str:
    """The identity of a feed item: its canonical URL, else its guid (canonical too when it is an http URL).

    The canonical form has the scheme and host in lower case, no fragment, no default port, and a
    path of at least "/", so one article linked by two feeds is one key.
    """
    for candidate in (url, guid):
        canonical = _canonical_url(candidate) if candidate else None
        if canonical:
            return canonical
    if guid and guid.strip():
        return guid.strip()
    raise ValueError("an item with neither a link nor a guid has no identity")


_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_interval(text: str) -> timedelta:
    """Parse a polling interval such as 30s, 15m, 2h or 1d, from a minute to seven days."""
    match = _INTERVAL.match(text)
    if not match:
        raise DomainError(
            f"interval {text[:40]!r} is not a number and a unit such as 30s, 15m, 2h or 1d", field="every"
        )
    interval = timedelta(**{_UNITS[match[2].lower()]: int(match[1])})
    if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
        raise DomainError(f"interval {text.strip()} is not between 1m and 7d", field="every")
    return interval


def format_interval(interval: timedelta) -> str:
    """An interval in the largest whole unit parse_interval reads back: 15m, 2h, 1d, 90s."""
    return interval_text(int(interval.total_seconds()))


def _canonical_url(text: str) -> str | None:
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme  # urlsplit lowercases it
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    host = hostport.lower()
    if port == {"http": 80, "https": 443}[scheme]:
        host = host.rsplit(":", 1)[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _bounded(seconds: float, low: timedelta, high: timedelta) -> timedelta:
    # Header values come from the publisher: a NaN or an absurd number must not overflow timedelta.
    if math.isnan(seconds):
        return high
    return timedelta(seconds=min(max(seconds, low.total_seconds()), high.total_seconds()))


def _when(moment: datetime, now: datetime) -> str:
    moment = moment.astimezone(UTC)
    same_day = moment.date() == now.astimezone(UTC).date()
    return moment.strftime("%H:%M UTC" if same_day else "%Y-%m-%d %H:%M UTC")


def _one_line(error: str) -> str:
    # Errors may quote a hostile document; one short line keeps `feeds list` and the logs readable.
    line = " ".join(error.split()) or "unknown error"
    return line if len(line) <= MAX_ERROR_LENGTH else line[: MAX_ERROR_LENGTH - 1] + "…"


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("poll times must carry a time zone")


def _check_interval(interval: timedelta) -> None:
    if interval <= timedelta(0):
        raise ValueError(f"a polling interval must be positive, not {interval}")


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def language_of(feed_language: str, declared: str | None, text: str) -> str | None:
    """A report's language: the feed's setting, else what the item or feed declares, else its script.

    Only en and zh are told apart (the first bilateral relationship's languages): a text mostly in Han
    characters is zh, one mostly in Latin letters is en, and anything else stays unknown (None).
    """
    if feed_language in ("en", "zh"):
        return feed_language
    if declared:
        primary = declared.strip().lower().replace("_", "-").split("-")[0]
        if primary in ("en", "zh"):
            return primary
    sample = text[:2000]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han and han * 3 >= latin:  # a Han character carries about a word; an English word about five letters
        return "zh"
    if latin >= 20:
        return "en"
    return None
