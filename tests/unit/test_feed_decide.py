"""The pure decisions of feed polling (tracker.feeds.decide): schedule, back-off, Retry-After, novelty, keys."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from events.values import DomainError
from tracker.feeds.decide import (
    MAX_BACKOFF,
    PollState,
    after_failure,
    after_success,
    classify,
    due,
    format_interval,
    item_key,
    parse_interval,
    remember,
)

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
EVERY = timedelta(minutes=15)


def succeed(state: PollState, *, now: datetime = NOW, **overrides: object) -> PollState:
    args: dict[str, object] = {
        "now": now,
        "interval": EVERY,
        "etag": None,
        "last_modified": None,
        "not_modified": False,
        "max_age": None,
        "jitter": 0.0,
        "rng": random.Random(1),
    }
    return after_success(state, **{**args, **overrides})  # type: ignore[arg-type]


def fail(state: PollState, *, now: datetime = NOW, retry_after: float | None = None, seed: int = 1) -> PollState:
    return after_failure(
        state, now=now, interval=EVERY, error="HTTP 500", retry_after=retry_after, rng=random.Random(seed)
    )


def fail_times(times: int, seed: int = 7) -> PollState:
    state, rng = PollState(), random.Random(seed)
    for _ in range(times):
        state = after_failure(state, now=NOW, interval=EVERY, error="boom", retry_after=None, rng=rng)
    return state


def test_a_new_feed_is_due() -> None:
    """A feed never polled is due at once, with no reason given."""
    assert due(PollState(), NOW) == (True, None)


def test_a_feed_is_not_due_before_its_next_poll_and_says_when() -> None:
    """After a success the feed waits for its next poll, and the reason names the time in UTC."""
    state = succeed(PollState())
    assert due(state, NOW + timedelta(minutes=14)) == (False, "next poll at 14:15 UTC")
    assert due(state, NOW + EVERY) == (True, None)


def test_a_reason_for_another_day_carries_the_date() -> None:
    """A wait that ends on another day names the date as well as the time."""
    state = PollState(next_poll=NOW + timedelta(days=1))
    assert due(state, NOW) == (False, "next poll at 2026-11-27 14:00 UTC")


def test_a_manual_poll_ignores_the_schedule_but_not_a_back_off() -> None:
    """`tracker poll` polls a feed whose next poll is ahead, but not one backing off or rate-limited."""
    assert due(succeed(PollState()), NOW + timedelta(minutes=1), manual=True) == (True, None)
    ok, reason = due(fail(PollState()), NOW + timedelta(minutes=1), manual=True)
    assert not ok and reason is not None and reason.startswith("backing off after 1 failure until ")
    ok, reason = due(fail(PollState(), retry_after=3600), NOW + timedelta(minutes=1), manual=True)
    assert not ok and reason == "rate-limited until 15:00 UTC (Retry-After)"


def test_back_off_reason_counts_the_failures() -> None:
    """A feed backing off says after how many failures and until when."""
    state = fail_times(3)
    ok, reason = due(state, NOW)
    assert not ok
    assert reason == f"backing off after 3 failures until {state.next_poll:%H:%M} UTC"


def test_back_off_grows_with_each_failure_and_is_capped() -> None:
    """Each failure in a row lengthens the wait, up to the cap of a day and never past it."""
    waits = []
    for times in range(1, 14):
        state = fail_times(times)
        assert state.next_poll is not None
        waits.append(state.next_poll - NOW)
    assert all(a < b for a, b in pairwise(waits[:7]))
    assert waits[0] <= EVERY
    assert all(wait <= timedelta(days=1) for wait in waits)
    assert waits[-1] >= MAX_BACKOFF * 0.9


def test_a_feed_failing_a_hundred_times_is_still_polled() -> None:
    """A feed is never disabled: after 100 failures its next poll is finite, within the cap, and comes."""
    state = fail_times(100)
    assert state.failures == 100
    assert state.next_poll is not None and NOW < state.next_poll <= NOW + timedelta(days=1)
    assert due(state, NOW + timedelta(days=1)) == (True, None)


def test_failure_records_a_one_line_error_and_keeps_validators() -> None:
    """A failure stores its error on one line and keeps the ETag and Last-Modified for the next try."""
    state = PollState(etag='"v1"', last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
    state = after_failure(
        state, now=NOW, interval=EVERY, error="bad\n  xml\tat line 3", retry_after=None, rng=random.Random(1)
    )
    assert (state.last_status, state.last_error, state.last_polled) == ("failed", "bad xml at line 3", NOW)
    assert (state.etag, state.last_modified) == ('"v1"', "Wed, 25 Nov 2026 10:00:00 GMT")


def test_retry_after_wins_over_back_off_and_skips_the_feed_until_then() -> None:
    """With Retry-After the wait is exactly what the server asked, shorter or longer than the back-off."""
    backing_off = fail_times(8)  # a back-off of hours
    shorter = after_failure(backing_off, now=NOW, interval=EVERY, error="429", retry_after=120, rng=random.Random(1))
    assert shorter.next_poll == shorter.retry_after_until == NOW + timedelta(seconds=120)
    longer = fail(PollState(), retry_after=3600)
    assert longer.next_poll == longer.retry_after_until == NOW + timedelta(hours=1)
    assert due(longer, NOW + timedelta(minutes=59)) == (False, "rate-limited until 15:00 UTC (Retry-After)")
    assert due(longer, NOW + timedelta(hours=1)) == (True, None)


def test_retry_after_is_bounded() -> None:
    """A Retry-After of years or of nothing is held between a minute and the cap, so it neither silences nor loops."""
    assert fail(PollState(), retry_after=10**12).retry_after_until == NOW + MAX_BACKOFF
    assert fail(PollState(), retry_after=float("nan")).retry_after_until == NOW + MAX_BACKOFF
    assert fail(PollState(), retry_after=0).retry_after_until == NOW + timedelta(minutes=1)


def test_success_resets_failures_and_stores_validators() -> None:
    """A success clears the failures, the error and any Retry-After, and stores the new validators."""
    state = fail(fail_times(5), retry_after=60)
    state = succeed(state, now=NOW + timedelta(hours=2), etag='"v2"', last_modified="Thu, 26 Nov 2026 13:00:00 GMT")
    assert (state.failures, state.last_error, state.retry_after_until, state.last_status) == (0, None, None, "ok")
    assert (state.etag, state.last_modified) == ('"v2"', "Thu, 26 Nov 2026 13:00:00 GMT")
    assert state.next_poll == NOW + timedelta(hours=2) + EVERY


def test_not_modified_keeps_validators_the_server_did_not_repeat() -> None:
    """A 304 without validators keeps the stored ones; a 200 without them clears them."""
    state = PollState(etag='"v1"', last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
    kept = succeed(state, not_modified=True)
    assert (kept.etag, kept.last_modified, kept.last_status) == (
        '"v1"',
        "Wed, 25 Nov 2026 10:00:00 GMT",
        "not-modified",
    )
    cleared = succeed(state)
    assert (cleared.etag, cleared.last_modified) == (None, None)


def test_success_honours_max_age_longer_than_the_interval() -> None:
    """A Cache-Control max-age longer than the interval delays the next poll to its end, jitter or not."""
    for seed in range(50):
        state = succeed(PollState(), max_age=3600, jitter=0.5, rng=random.Random(seed))
        assert state.next_poll is not None and state.next_poll >= NOW + timedelta(hours=1)
    assert succeed(PollState(), max_age=60).next_poll == NOW + EVERY
    assert succeed(PollState(), max_age=10**9).next_poll == NOW + MAX_BACKOFF


def test_jitter_stays_within_its_bounds_over_many_draws() -> None:
    """The next poll after a success stays within interval ± jitter and spreads across that range."""
    rng = random.Random(42)
    waits = [succeed(PollState(), jitter=0.1, rng=rng).next_poll - NOW for _ in range(2000)]  # type: ignore[operator]
    assert all(EVERY * 0.9 <= wait <= EVERY * 1.1 for wait in waits)
    assert min(waits) < EVERY * 0.92 and max(waits) > EVERY * 1.08


def test_back_off_jitter_stays_within_its_bounds() -> None:
    """The back-off wait is shortened by at most a tenth, never lengthened, over many draws."""
    for seed in range(500):
        wait = fail(PollState(failures=2), seed=seed).next_poll - NOW  # type: ignore[operator]
        assert EVERY * 4 * 0.9 <= wait <= EVERY * 4


def test_jitter_out_of_range_is_refused() -> None:
    """A jitter fraction outside 0 to 1 is a programming error, refused loudly."""
    with pytest.raises(ValueError):
        succeed(PollState(), jitter=1.5)


def test_naive_times_are_refused() -> None:
    """Times without a zone are refused rather than compared wrongly."""
    with pytest.raises(ValueError):
        due(PollState(), datetime(2026, 11, 26, 14, 0))


def test_classify_new_revised_unchanged() -> None:
    """An unseen key is new, a seen key with another hash is revised, and the same hash is unchanged."""
    seen = {"https://example.com/a": "h1"}
    assert classify(seen, "https://example.com/b", "h1") == "new"
    assert classify(seen, "https://example.com/a", "h2") == "revised"
    assert classify(seen, "https://example.com/a", "h1") == "unchanged"


def test_an_item_that_vanishes_and_comes_back_is_not_new() -> None:
    """Polls that no longer list an item do not forget it, so its return is unchanged (or a revision)."""
    state = remember(PollState(), "https://example.com/a", "h1")
    for _ in range(3):  # polls whose feed no longer lists the item
        state = succeed(state)
    assert classify(state.seen, "https://example.com/a", "h1") == "unchanged"
    assert classify(state.seen, "https://example.com/a", "h2") == "revised"


def test_remember_keeps_every_other_item() -> None:
    """Remembering one item keeps all the others seen before it."""
    state = remember(remember(PollState(), "a", "h1"), "b", "h2")
    assert dict(state.seen) == {"a": "h1", "b": "h2"}


def test_remember_replaces_the_hash_without_touching_the_old_state() -> None:
    """remember returns a new state with the latest hash and leaves the one it was given as it was."""
    first = remember(PollState(), "k", "h1")
    second = remember(first, "k", "h2")
    assert dict(first.seen) == {"k": "h1"} and dict(second.seen) == {"k": "h2"}


@pytest.mark.parametrize(
    ("guid", "url", "key"),
    [
        ("g1", "HTTPS://Example.COM/News/A?id=1#top", "https://example.com/News/A?id=1"),
        ("g1", "http://example.com:80", "http://example.com/"),
        (None, "https://example.com:443/a", "https://example.com/a"),
        (None, "https://example.com:8443/a", "https://example.com:8443/a"),
        ("tag:example.com,2026:1", None, "tag:example.com,2026:1"),
        ("  tag:x  ", "", "tag:x"),
        ("tag:x", "mailto:desk@example.com", "tag:x"),
        ("HTTP://Example.com/a#b", None, "http://example.com/a"),
        ("https://example.com/?p=17", "https://example.com/a", "https://example.com/a"),
        ("tag:x", "ftp://example.com/a", "tag:x"),
    ],
)
def test_item_key_is_the_canonical_url_else_the_guid(guid: str | None, url: str | None, key: str) -> None:
    """The key lowercases scheme and host, drops the fragment and default port, and falls back to the guid."""
    assert item_key(guid, url) == key


def test_one_article_in_two_feeds_has_one_key() -> None:
    """The same link written two ways by two feeds gives one key, whatever their guids."""
    assert item_key("feed-a-17", "https://Example.com/a#comments") == item_key("b:99", "https://example.com/a")


def test_an_item_with_no_link_and_no_guid_has_no_key() -> None:
    """An item with neither a link nor a guid is refused rather than given an accidental identity."""
    with pytest.raises(ValueError):
        item_key(None, " ")


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("15m", timedelta(minutes=15)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("60s", timedelta(minutes=1)),
        (" 7D ", timedelta(days=7)),
    ],
)
def test_parse_interval_reads_a_number_and_a_unit(text: str, interval: timedelta) -> None:
    """--every takes a whole number and s, m, h or d, case-insensitive."""
    assert parse_interval(text) == interval
    assert parse_interval(format_interval(interval)) == interval


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("15", "not a number and a unit"),
        ("m", "not a number and a unit"),
        ("1.5h", "not a number and a unit"),
        ("-5m", "not a number and a unit"),
        ("15 minutes", "not a number and a unit"),
        ("", "not a number and a unit"),
        ("30s", "not between 1m and 7d"),
        ("0m", "not between 1m and 7d"),
        ("8d", "not between 1m and 7d"),
    ],
)
def test_parse_interval_refuses_bad_input_in_one_line(text: str, words: str) -> None:
    """A malformed or out-of-range interval is a one-line DomainError on the every field."""
    with pytest.raises(DomainError) as error:
        parse_interval(text)
    assert words in str(error.value) and "\n" not in str(error.value)
    assert error.value.field == "every"


def test_format_interval_uses_the_largest_whole_unit() -> None:
    """Intervals show as feeds list prints them: 15m, 2h, 1d, 90s."""
    assert [format_interval(timedelta(seconds=s)) for s in (900, 7200, 86400, 90)] == ["15m", "2h", "1d", "90s"]
