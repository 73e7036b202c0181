"""poller.db on a temp dir: what a poll records survives reopening; a damaged file is one clear error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.feeds.decide import PollState, language_of
from tracker.feeds.state import PollerStateError, PollerStore

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_state_and_seen_items_round_trip(tmp_path: Path) -> None:
    """Validators, times, failures and the items met are read back as written, by another opening."""
    state = PollState(
        etag='"v1"', last_modified="Wed, 31 Dec 2025 10:00:00 GMT", last_polled=NOW, last_status="failed",
        last_error="HTTP 500", failures=2, next_poll=NOW + timedelta(minutes=30),
        retry_after_until=NOW + timedelta(hours=1), seen={"https://a.org/1": "sha1", "https://a.org/2": "sha2"},
    )  # fmt: skip
    with PollerStore(tmp_path / "poller.db") as store:
        store.save("feed-1", "https://a.org/feed", state, ["https://a.org/1", "https://a.org/2"])
        store.save("feed-1", "https://a.org/feed", state, ["https://a.org/1"])  # a later poll meeting one item
    with PollerStore(tmp_path / "poller.db") as store:
        assert store.load("feed-1") == state
        assert store.load("feed-2") == PollState()
        assert store.health()["feed-1"].failures == 2 and store.health()["feed-1"].seen == {}
        store.forget(["feed-1"])
        assert store.load("feed-1") == PollState()


def test_a_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    """A file that is not SQLite says so, and that deleting it only costs a re-fetch."""
    path = tmp_path / "poller.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PollerStateError, match="delete it to start afresh"):
        PollerStore(path)


@pytest.mark.parametrize(
    ("feed", "declared", "text", "expected"),
    [
        ("en", "zh-CN", "中文", "en"),  # the feed's setting wins
        ("auto", "zh-Hant-TW", "", "zh"),  # a declared language, by its primary subtag
        ("auto", "en_US", "", "en"),
        ("auto", "fr", "中美国防部长举行视频通话，讨论两军关系。", "zh"),  # an unsupported declaration: the script
        ("auto", None, "Austin and Dong Jun held a video call on Tuesday, the Pentagon said.", "en"),
        ("auto", None, "美国国防部长奥斯汀（Lloyd James Austin III）与中国国防部长董军（Dong Jun）通话", "zh"),
        ("auto", None, "2023-07-12", None),  # too little to tell
    ],
)
def test_language_of(feed: str, declared: str | None, text: str, expected: str | None) -> None:
    """A report's language: the feed's setting, else the declared one, else its script."""
    assert language_of(feed, declared, text) == expected
