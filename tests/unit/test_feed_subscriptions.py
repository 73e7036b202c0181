"""Feed subscriptions decided in memory: the Feed aggregate's events and the read model's interval format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from events.commands import ChangeFeed, SubscribeFeed, UnsubscribeFeed
from events.decide import decide
from events.ids import feed_id
from events.report import Feed
from events.state import State
from events.values import DomainError
from tracker.feeds.decide import format_interval
from tracker.views.feeds import every

NOW = datetime(2026, 11, 26, tzinfo=UTC)
URL = "https://www.state.gov/feed/"


def test_subscribe_change_unsubscribe_and_take_up_again() -> None:
    """Each feed command leaves its event on the feed of the URL's id; a removed URL is taken up again by FeedChanged."""
    state = State()
    assert decide(state, SubscribeFeed(URL, "state", "en", 900, "review"), NOW).action == "subscribed"
    feed = state.get(feed_id(URL))
    assert decide(state, ChangeFeed(URL, {"interval": 900}), NOW).action == "unchanged"
    assert decide(state, ChangeFeed(URL, {"interval": 3600}), NOW).action == "changed"
    assert decide(state, UnsubscribeFeed(URL, "moved"), NOW).action == "unsubscribed"
    with pytest.raises(DomainError, match="not subscribed"):
        decide(state, UnsubscribeFeed(URL, None), NOW)
    assert decide(state, SubscribeFeed(URL, "again", "zh", 600, "auto"), NOW).action == "resubscribed"
    assert [type(e).__name__ for e in state.events()] == [
        "FeedSubscribed", "FeedChanged", "FeedUnsubscribed", "FeedChanged"]  # fmt: skip
    assert (feed.name, feed.language, feed.interval, feed.trust, feed.removed) == ("again", "zh", 600, "auto", False)


def test_a_live_url_or_a_taken_name_is_refused() -> None:
    """A URL followed is refused with its name; a name another live feed has is refused."""
    state = State([Feed.subscribe(URL, "state", "en", 900, "review", timestamp=NOW)])
    with pytest.raises(DomainError, match="already subscribed as state"):
        decide(state, SubscribeFeed(URL, "other", "en", 900, "review"), NOW)
    with pytest.raises(DomainError, match="already taken"):
        decide(state, SubscribeFeed("https://x.example.org/f", "state", "en", 900, "review", {"state": URL}), NOW)


@pytest.mark.parametrize("seconds", [60, 90, 900, 3600, 5400, 86400, 7 * 86400])
def test_the_read_model_writes_intervals_as_the_poller_does(seconds: int) -> None:
    """views.feeds.every agrees with feeds.decide.format_interval, so `every` reads back with parse_interval."""
    assert every(seconds) == format_interval(timedelta(seconds=seconds))
