"""The seed story polled from a loopback feed and turned into facts: trust=auto appends, trust=review queues."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

import pytest
from feedserver import FeedServer, serve

from tests.conftest import SHARED
from tracker.session import Session

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the seed corpus is not at {CORPUS} (it ships beside the repository, not in it)"
)
REUTERS = "https://www.reuters.com/world/chinas-ambassador-us-holds-rare-meeting-pentagon-2023-07-12/"
DW = "https://www.dw.com/zh/中国驻美大使罕见造访五角大楼/a-66218787"


def _feed(items: list[tuple[str, str, str, str, str]], outlet: str) -> bytes:
    entries = "".join(
        f"<item><link>{escape(link)}</link><title>{escape(title)}</title><pubDate>{date}</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for link, title, date, text, _ in items
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{outlet}</title>"
            f"<link>https://example.org/</link>{entries}</channel></rss>").encode()  # fmt: skip


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        en = (CORPUS / "2023-07-12-reuters-en.txt").read_text(encoding="utf-8")
        zh = (CORPUS / "2023-07-13-dw-zh.txt").read_text(encoding="utf-8")
        s.set("/reuters.xml", _feed([(REUTERS, "China's ambassador holds rare meeting at Pentagon",
                                      "Wed, 12 Jul 2023 21:27:00 GMT", en, "en")], "Reuters"))  # fmt: skip
        s.set("/dw.xml", _feed([(DW, "中国驻美大使罕见造访五角大楼", "Thu, 13 Jul 2023 01:00:00 GMT", zh, "zh")], "DW"))
        yield s


def _meeting(session: Session) -> dict:  # type: ignore[type-arg]
    status = session.status(as_of="2023-07-31", since="2023-01-01")
    [meeting] = [
        i for i in status["interactions"] if {p["id"] for p in i["participants"]} >= {"xie-feng", "ely-ratner"}
    ]
    return meeting  # type: ignore[no-any-return]


def test_trusted_feeds_give_one_meeting_with_two_sources(session: Session, server: FeedServer) -> None:
    """Reuters and DW, polled with trust=auto: one Xie–Ratner meeting on 12 July citing both, and Xie's demand."""
    session.add_feed(server.url("/reuters.xml"), name="reuters", language="en", trust="auto")
    session.add_feed(server.url("/dw.xml"), name="dw", language="zh", trust="auto")
    summary = session.poll()
    assert summary.new == 2, summary.line()
    meeting = _meeting(session)
    assert meeting["occurred_on"] == "2023-07-12"
    assert {s["url"] for s in meeting["sources"]} == {REUTERS, DW}
    # DW's story opens with 路透社报道: a rewrite of Reuters', not an independent source.
    assert {s["url"]: s.get("derived_from") for s in meeting["sources"]} == {REUTERS: None, DW: REUTERS}
    status = session.status(as_of="2023-07-31", since="2023-01-01")
    demands = [i for i in status["interactions"] if i["kind"] == "demand"]
    assert [p["id"] for d in demands for p in d["participants"]] == ["xie-feng"]
    assert session.review_list(status="accepted")


def test_a_feed_under_review_queues_the_same_facts(session: Session, server: FeedServer) -> None:
    """With trust=review nothing is appended; the candidates wait with their evidence; accepting them gives the meeting."""
    session.add_feed(server.url("/reuters.xml"), name="reuters", language="en", trust="review")
    before = session.status(as_of="2023-07-31", since="2023-01-01")["interactions"]
    session.poll()
    assert session.status(as_of="2023-07-31", since="2023-01-01")["interactions"] == before
    queue = session.review_list()
    text = session.report(queue[0]["report_id"])["text"]
    assert queue and all(text[c["evidence"]["start"] : c["evidence"]["end"]] == c["evidence"]["text"] for c in queue)
    assert session.status()["review_pending"] == len(queue)
    meeting = next(c for c in queue if c["kind"] == "meeting" and "xie-feng" in c["fact"]["participants"])
    session.accept([meeting["id"]])
    assert {s["url"] for s in _meeting(session)["sources"]} == {REUTERS}
    assert session.status()["review_pending"] == len(queue) - 1
    rejected = queue[-1] if queue[-1]["id"] != meeting["id"] else queue[0]
    session.reject(rejected["id"], "not a fact")
    assert session.status()["review_pending"] == len(queue) - 2


def _picture(session: Session) -> dict:  # type: ignore[type-arg]
    """What an analyst reads of the seed story in the status: facts, their dates, parties and sources."""
    status = session.status(as_of="2023-07-31", since="2023-01-01")
    facts = sorted(
        (i["kind"], i["status"], i["occurred_on"], tuple(sorted(p["id"] for p in i["participants"])),
         tuple(sorted((x["url"], x.get("derived_from")) for x in i["sources"])))
        for i in status["interactions"] + status["expected"]
    )  # fmt: skip
    return {
        "facts": facts,
        "sanctions": sorted((x["target"]["id"], x["status"], x["since"], x["precision"]) for x in status["sanctions"]),
        "channels": {c["id"]: c["status"] for c in status["channels"] if c["status"] != "unknown"},
    }


def _both_feeds(session: Session, server: FeedServer, trust: str) -> None:
    session.add_feed(server.url("/reuters.xml"), name="reuters", language="en", trust=trust)
    session.add_feed(server.url("/dw.xml"), name="dw", language="zh", trust=trust)
    session.poll()


def test_the_seed_story_as_an_analyst_would_write_it(session: Session, server: FeedServer) -> None:
    """trust=auto: the meeting with two sources (DW a rewrite), the stalled channel, the declined Shangri-La
    meeting, the sanction since 2018, Kerry's expected visit and Xie's demand."""
    _both_feeds(session, server, "auto")
    picture = _picture(session)
    kinds = {(kind, status, parties) for kind, status, _, parties, _ in picture["facts"]}
    assert ("meeting", "occurred", ("ely-ratner", "xie-feng")) in kinds
    assert ("meeting-declined", "declined", ("li-shangfu", "lloyd-austin")) in kinds
    assert ("meeting", "overdue", ("CHN", "john-kerry")) in kinds  # expected for 17-23 July, unconfirmed by the 31st
    assert ("demand", "occurred", ("xie-feng",)) in kinds
    assert ("li-shangfu", "active", "2018-01-01", "year") in picture["sanctions"]  # known to the year, no more
    assert "stalled" in picture["channels"].values()


def test_review_accept_all_gives_the_same_status(
    session: Session,
    make_session,
    make_store,
    server: FeedServer,  # type: ignore[no-untyped-def]
) -> None:
    """trust=review queues what trust=auto appends; accepting the confident ones gives the same picture."""
    _both_feeds(session, server, "auto")
    reviewed = make_session(make_store("reviewed"), create=True)
    reviewed.init()
    _both_feeds(reviewed, server, "review")
    assert _picture(reviewed)["facts"] == []
    for c in reviewed.review_list():
        if (c["confidence"] >= 0.8 and not c["background"]) or (c["background"] and c["kind"] == "sanction-imposed"):
            reviewed.accept([c["id"]])
    assert _picture(reviewed) == _picture(session)


def test_extracting_again_proposes_nothing_new(session: Session, server: FeedServer) -> None:
    """`reports extract --all` over reports already extracted proposes nothing: each candidate is proposed once."""
    _both_feeds(session, server, "review")
    queue = session.review_list()
    assert session.extract_reports(every=True) == {"reports": 2, "proposed": 0, "accepted": 0}
    assert session.extract_reports() == {"reports": 0, "proposed": 0, "accepted": 0}  # none left unextracted
    assert session.review_list() == queue


def test_a_failing_extractor_loses_no_report(session: Session, server: FeedServer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Reports are kept when extraction fails; the failure is a note, and `reports extract` retries later."""
    import tracker.extract.pipeline as pipeline

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(pipeline, "extract", broken)
    session.add_feed(server.url("/reuters.xml"), name="reuters", language="en", trust="auto")
    assert session.poll().new == 1
    assert any("extraction of 1 reports failed" in n for n in session.notes)
    assert session.review_list() == []
    monkeypatch.undo()
    assert session.extract_reports()["proposed"] == 1
