"""Feeds as events on a real store (SQLite and PostgreSQL): subscribe, refuse, remove, OPML in and out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from events.ids import feed_id
from tests.conftest import StoreSpec
from tracker.errors import DomainError, UsageError
from tracker.session import Session

WIRE = "https://www.state.gov/feed/"
MFA = "https://www.fmprc.gov.cn/rss/eng.xml"
FEED_KEYS = {"name", "url", "language", "trust", "every", "last_polled", "last_status", "last_error", "next_poll",
             "failures", "reports"}  # fmt: skip

GOOD_OPML = f"""<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>wires</title></head><body>
  <outline text="News">
    <outline type="rss" text="State" xmlUrl="{WIRE}" language="en"/>
    <outline type="rss" text="MFA" xmlUrl="{MFA}" every="1h" trust="auto"/>
  </outline>
</body></opml>""".encode()


def _types(session: Session) -> list[str]:
    return [r.type for r in session.log()]


def test_a_feed_is_subscribed_as_an_event_and_listed(session: Session) -> None:
    """Adding a feed records FeedSubscribed under the URL's id, and the read model lists it with every key."""
    outcome = session.add_feed(WIRE, name="state-dept", every="30m", language="en")
    assert outcome.fact_id == str(feed_id(WIRE)) and outcome.action == "subscribed"
    assert _types(session)[-1] == "FeedSubscribed"
    [feed] = session.feeds()
    assert set(feed) >= FEED_KEYS
    assert (feed["name"], feed["url"], feed["language"], feed["trust"], feed["every"], feed["interval"]) == (
        "state-dept", WIRE, "en", "review", "30m", 1800)  # fmt: skip
    assert (feed["last_polled"], feed["failures"], feed["reports"]) == (None, 0, 0)
    assert session.feed("state-dept") == feed == session.feed(WIRE)


def test_a_url_already_subscribed_is_refused_and_nothing_is_recorded(session: Session) -> None:
    """The same URL twice says which name it is subscribed as, and the log does not grow."""
    session.add_feed(WIRE, name="state-dept")
    end = session.store.max_position()
    with pytest.raises(DomainError, match="already subscribed as state-dept"):
        session.add_feed(WIRE, name="other")
    assert session.store.max_position() == end


def test_names_are_unique_among_live_feeds(session: Session) -> None:
    """A name another live feed has is refused; a default name is numbered instead."""
    session.add_feed(WIRE, name="wire")
    with pytest.raises(DomainError, match="already taken"):
        session.add_feed(MFA, name="wire")
    session.add_feed("https://www.state.gov/other-feed/")
    session.add_feed("https://state.gov/feed.xml")
    assert sorted(f["name"] for f in session.feeds()) == ["state.gov", "state.gov-2", "wire"]


@pytest.mark.parametrize(
    ("url", "options", "message"),
    [
        ("ftp://example.org/feed", {}, "not an http or https URL"),
        ("file:///etc/passwd", {}, "not an http or https URL"),
        ("https://localhost/feed", {}, "host name"),
        (WIRE, {"language": "fr"}, "--language"),
        (WIRE, {"trust": "always"}, "--trust"),
        (WIRE, {"every": "10s"}, "between 1m and 7d"),
    ],
)
def test_bad_options_are_refused(session: Session, url: str, options: dict[str, str], message: str) -> None:
    """Only http(s) URLs with a host name, languages en|zh|auto, trust review|auto and intervals of 1m-7d."""
    end = session.store.max_position()
    with pytest.raises(DomainError, match=message):
        session.add_feed(url, **options)
    assert session.store.max_position() == end


def test_a_removed_feed_leaves_the_list_and_can_be_taken_up_again(session: Session) -> None:
    """Removing records FeedUnsubscribed; adding the URL again is a FeedChanged on the same feed, with new settings."""
    session.add_feed(WIRE, name="state-dept")
    session.remove_feed("state-dept", reason="moved")
    assert _types(session)[-1] == "FeedUnsubscribed"
    assert session.feeds() == []
    with pytest.raises(UsageError, match="no feed named"):
        session.remove_feed("state-dept")
    again = session.add_feed(WIRE, name="state", every="2h")
    assert again.action == "resubscribed" and again.fact_id == str(feed_id(WIRE))
    assert _types(session)[-1] == "FeedChanged"
    [feed] = session.feeds()
    assert (feed["name"], feed["every"]) == ("state", "2h")


def test_opml_import_is_all_or_nothing_and_skips_duplicates(session: Session) -> None:
    """A good file adds its feeds with their attributes; importing it again adds none and counts them skipped."""
    assert session.import_opml(GOOD_OPML) == {"added": 2, "skipped": 0}
    by_name = {f["name"]: f for f in session.feeds()}
    assert (by_name["State"]["language"], by_name["State"]["every"]) == ("en", "15m")  # the default interval
    assert (by_name["MFA"]["every"], by_name["MFA"]["trust"]) == ("1h", "auto")
    assert session.import_opml(GOOD_OPML) == {"added": 0, "skipped": 2}
    assert len(session.feeds()) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD_OPML[:-20], "not well-formed"),
        (b"<rss><channel/></rss>", "not OPML"),
        (GOOD_OPML.replace(MFA.encode(), b"javascript:alert(1)"), "not an http or https URL"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<opml version="2.0"><body><outline text="&b;" xmlUrl="https://example.org/f"/></body></opml>',
            "DOCTYPE or ENTITY",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<opml version="2.0"><body><outline text="&x;" xmlUrl="https://example.org/f"/></body></opml>',
            "DOCTYPE or ENTITY",
        ),
    ],
    ids=["truncated", "not-opml", "bad-url", "entity-expansion", "external-entity"],
)
def test_a_bad_opml_file_adds_nothing(session: Session, data: bytes, message: str) -> None:
    """A malformed, foreign or hostile OPML file is refused whole: no event is recorded."""
    end = session.store.max_position()
    with pytest.raises(UsageError, match=message):
        session.import_opml(data)
    assert session.store.max_position() == end
    assert session.feeds() == []


def test_opml_export_round_trips(
    session: Session, make_session: Callable[..., Session], make_store: Callable[[str], StoreSpec]
) -> None:
    """Exported OPML imported into another store gives the same feeds and settings."""
    session.add_feed(WIRE, name="state-dept", every="30m", language="en")
    session.add_feed(MFA, name="外交部", language="zh", trust="auto")
    text = session.export_opml()
    other = make_session(make_store("other"), create=True)
    assert other.import_opml(text.encode()) == {"added": 2, "skipped": 0}
    keys = ("name", "url", "language", "trust", "every")
    assert [{k: f[k] for k in keys} for f in other.feeds()] == [{k: f[k] for k in keys} for f in session.feeds()]


def test_status_json_lists_the_feeds(session: Session) -> None:
    """The status report's feeds key holds the same objects as the feed list."""
    assert session.status()["feeds"] == []
    session.add_feed(WIRE, name="state-dept")
    assert session.status()["feeds"] == session.feeds()


def test_feeds_survive_a_rebuild_of_the_read_models(session: Session, backend: str) -> None:
    """The feeds read model is projected from the log: a rebuild gives the same list."""
    session.add_feed(WIRE, name="state-dept")
    session.add_feed(MFA, name="mfa")
    session.remove_feed("mfa")
    before = session.feeds()
    session.rebuild()
    assert session.feeds() == before
