"""Federation between two stores: one tracker's `export --format jsonfeed` appended by another (issue 9, point 8).

Each test runs on SQLite and on PostgreSQL. The feed goes from file to parser here; a test through
real HTTP and the poller (a trust=auto feed whose items carry `_tracker`) comes with the poller.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

from feedserver import FeedServer, serve

from tests.conftest import StoreSpec
from tracker.demo import DEMO_AS_OF, record_demo
from tracker.feeds.parse import parse
from tracker.session import Session

NYT = {"url": "https://www.nytimes.com/2023/06/18/world/asia/blinken-china-qin-gang.html", "outlet": "The New York Times",
       "language": "en", "published_at": "2023-06-18T12:00:00Z", "title": "Blinken meets Qin Gang in Beijing"}  # fmt: skip
XINHUA = {"url": "https://english.news.cn/20230718/kerry-meets-wang-yi.html", "outlet": "Xinhua", "language": "en"}


def _payloads(session: Session) -> tuple[list[dict[str, Any]], list[str]]:
    """The store's JSON Feed, through the feed parser as the poller reads it: each item's `_tracker` and id."""
    out = io.StringIO()
    session.export_jsonfeed(out)
    feed = parse(out.getvalue().encode("utf-8"))
    items = [i for i in feed.items if i.extension is not None]
    assert len(items) == len(feed.items)
    return [i.extension for i in items if i.extension is not None], [i.guid or "" for i in items]


def _facts(session: Session) -> dict[str, Any]:
    """What the status JSON says of every fact, sources as URL lists (their order is the read model's)."""
    status = session.status(as_of=DEMO_AS_OF, since="2018-01-01")

    def key(fact: dict[str, Any]) -> dict[str, Any]:
        urls = [s if isinstance(s, str) else s["url"] for s in fact["sources"]]
        kept = ("id", "kind", "status", "occurred_on", "until", "location", "channel", "summary", "since", "program")
        return {**{k: fact.get(k) for k in kept}, "sources": sorted(urls), "cited": len(urls)}

    return {
        "interactions": sorted((key(f) for f in status["interactions"] + status["expected"]), key=str),
        "sanctions": sorted((key(f) for f in status["sanctions"]), key=str),
        "channels": [(c["slug"], c["status"], c["since"]) for c in status["channels"]],
    }


def _pair(make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]) -> tuple[Session, Session]:
    """Store A holds the demo's seed story; store B only the reference data."""
    a = make_session(make_store("a"), create=True)
    record_demo(a)
    b = make_session(make_store("b"), create=True)
    b.init()
    return a, b


def test_a_peer_gets_the_same_facts_with_the_same_sources(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """B appends A's feed: its status JSON has A's interactions, sanctions and channel states, with the same
    ids and source URLs; nothing is refused."""
    a, b = _pair(make_store, make_session)
    payloads, labels = _payloads(a)
    counts = b.append_peer_facts(payloads, labels=labels)
    assert counts["errors"] == [] and counts["refused"] == 0
    assert counts["added"] == counts["items"] == len(payloads) > 10
    assert _facts(b) == _facts(a)
    assert b.verify()["ok"]


def test_reading_the_same_feed_again_appends_nothing(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """The second and third reading of one feed leave B's log where it was: every item unchanged."""
    a, b = _pair(make_store, make_session)
    payloads, _ = _payloads(a)
    b.append_peer_facts(payloads)
    end, facts = b.store.max_position(), _facts(b)
    for _ in range(2):
        counts = b.append_peer_facts(payloads)
        assert (counts["added"], counts["corroborated"], counts["unchanged"]) == (0, 0, len(payloads))
    assert b.store.max_position() == end
    assert _facts(b) == facts


def test_a_source_the_peer_added_corroborates_and_nothing_doubles(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """B takes A's facts, adds a second source to one and a new person's call; A reads B's feed: its fact gains the
    source, the call and the person arrive, and no fact or source is doubled."""
    a, b = _pair(make_store, make_session)
    b.append_peer_facts(_payloads(a)[0])
    before = _facts(a)
    assert [o.action for o in b.append([{"kind": "meeting", "participants": ["Antony Blinken", "秦刚"],
                                         "occurred_on": "2023-06-18", "source": NYT}])] == ["corroborated"]  # fmt: skip
    b.append([{"kind": "call", "participants": ["John Kerry", "Liu Qiaoyun"], "occurred_on": "2023-07-18",
               "summary": "Kerry and Liu Qiaoyun talk", "source": XINHUA}], new_actor=True)  # fmt: skip
    counts = a.append_peer_facts(_payloads(b)[0])
    assert counts["errors"] == []
    assert (counts["added"], counts["corroborated"], counts["actors"]) == (1, 1, 1)
    after = _facts(a)
    blinken = next(f for f in after["interactions"] if f["summary"] and f["summary"].startswith("Blinken"))
    assert NYT["url"] in blinken["sources"] and blinken["cited"] == 3
    assert all(f["cited"] == len(set(f["sources"])) for f in after["interactions"] + after["sanctions"])
    assert len(after["interactions"]) == len(before["interactions"]) + 1
    assert a.actor("Liu Qiaoyun")["names"] == {"en": "Liu Qiaoyun"}
    # Each now holds what the other does, and a further round changes nothing on either side.
    b.append_peer_facts(_payloads(a)[0])
    assert _facts(a) == _facts(b)
    end_a, end_b = a.store.max_position(), b.store.max_position()
    a.append_peer_facts(_payloads(b)[0])
    b.append_peer_facts(_payloads(a)[0])
    assert (a.store.max_position(), b.store.max_position()) == (end_a, end_b)


def test_an_expected_interaction_confirmed_by_the_peer_is_confirmed_once(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """A confirms the expected Kerry visit; B, which had it as expected from A, confirms it with A's new source and
    cites no source twice."""
    a, b = _pair(make_store, make_session)
    b.append_peer_facts(_payloads(a)[0])
    kerry = {"kind": "meeting", "participants": ["John Kerry", "CHN"], "occurred_on": "2023-07-17",
             "location": "Beijing", "source": XINHUA}  # fmt: skip
    assert [o.action for o in a.append([kerry])] == ["confirmed"]
    counts = b.append_peer_facts(_payloads(a)[0])
    assert counts["corroborated"] == 1 and counts["errors"] == []
    facts = _facts(b)
    visit = next(f for f in facts["interactions"] if XINHUA["url"] in f["sources"])
    assert visit["status"] == "occurred" and visit["cited"] == 2 == len(set(visit["sources"]))
    # The read model keeps a URL once; the fact itself must not cite one twice either.
    cited = [s["url"] for s in b.store.get(UUID(visit["id"])).sources]
    assert sorted(cited) == sorted({XINHUA["url"], *visit["sources"]})
    assert facts == _facts(a)


def test_a_bad_item_costs_only_itself(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """Among good items, one of an unknown version and one naming a channel B lacks are refused by name; the rest
    are appended."""
    a, b = _pair(make_store, make_session)
    payloads, labels = _payloads(a)
    stalled = labels.index(next(label for label, p in zip(labels, payloads, strict=True)
                                if p["fact"]["kind"] == "channel-stalled"))  # fmt: skip
    payloads[stalled] = {**payloads[stalled], "fact": {**payloads[stalled]["fact"], "channel": "hotline-x"}}
    payloads[0] = {**payloads[0], "version": 99}
    counts = b.append_peer_facts(payloads, labels=labels)
    assert counts["refused"] == 2 and counts["added"] == len(payloads) - 2
    assert counts["errors"][0] == f"item {labels[0]!r}: unknown _tracker version '99' (this tracker reads 1)"
    assert (
        counts["errors"][1].startswith(f"item {labels[stalled]!r}: ")
        and "unknown channel 'hotline-x'" in counts["errors"][1]
    )


def test_the_export_command_writes_the_feed(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session], tmp_path: Path
) -> None:
    """`tracker export --format jsonfeed --output FILE` writes the same document the library does; jsonl stays the default."""
    spec = make_store("a")
    a = make_session(spec, create=True)
    record_demo(a)
    out = tmp_path / "feed.json"
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS")}
    run = subprocess.run([sys.executable, "-m", "tracker.cli", "export", "--format", "jsonfeed", "--output", str(out),
                          *spec.args()], capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "exported 14 facts" in run.stderr
    parsed = parse(out.read_bytes())
    assert [i.extension for i in parsed.items] == _payloads(a)[0]


def _serve_export(server: FeedServer, path: str, session: Session) -> str:
    out = io.StringIO()
    session.export_jsonfeed(out)
    return server.set(path, out.getvalue().encode("utf-8"), content_type="application/feed+json")


def test_two_stores_follow_each_other_over_http(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """A and B poll each other's JSON Feed over loopback with trust=auto: B gets A's facts, A gets B's new
    source as a corroboration, and polling both again (the feeds unchanged) appends nothing."""
    a, b = _pair(make_store, make_session)
    with serve() as server:
        b.add_feed(_serve_export(server, "/a-reviewed.json", a), name="reviewed", trust="review", every="1h")
        reviewed = b.poll().outcomes[0]
        assert (reviewed.status, reviewed.peer_facts) == ("ok", 0) and reviewed.new > 10
        assert _facts(b)["interactions"] == []  # a feed under review brings reports, not facts
        b.remove_feed("reviewed")
        b.add_feed(_serve_export(server, "/a.json", a), name="peer-a", trust="auto", every="1h")
        first = b.poll()
        assert first.outcomes[0].peer_facts > 10, first.outcomes[0].warnings
        assert _facts(b) == _facts(a)
        b.append([{"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
                   "location": "Pentagon", "source": NYT}])  # fmt: skip
        a.add_feed(_serve_export(server, "/b.json", b), name="peer-b", trust="auto", every="1h")
        assert a.poll().outcomes[0].status == "ok"
        assert _facts(a) == _facts(b)
        assert NYT["url"] in str(_facts(a)["interactions"])
        facts_in_b = [r.type for r in b.store.read() if not r.type.startswith("Report")]
        _serve_export(server, "/a.json", a)  # A's feed now also carries the source it took from B
        again = b.poll().outcomes[0]
        assert (again.status, again.new, again.peer_facts) == ("ok", 0, 0)
        assert [r.type for r in b.store.read() if not r.type.startswith("Report")] == facts_in_b
        assert a.poll().outcomes[0].status == "not-modified"
        assert a.verify()["ok"] and b.verify()["ok"]
