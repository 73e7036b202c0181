"""Federation, pure: the ledger's records as a JSON Feed, and a peer's `_tracker` payloads back into commands."""

from __future__ import annotations

import json
from typing import Any

import pytest

from events.commands import ImposeSanction, LiftSanction, RegisterActor, ReportInteraction
from tracker.errors import UsageError
from tracker.feeds.parse import parse
from tracker.input.gazetteer import ActorRef, ChannelRef, Gazetteer
from tracker.input.peer import PAYLOAD_VERSION, peer_commands, read_payloads
from tracker.records import Record
from tracker.reports import jsonfeed as jf

SRC = {"url": "https://www.reuters.com/x", "outlet": "Reuters", "language": "en", "published_at": None,
       "retrieved_at": None, "title": "Rare meeting", "quote": None, "derived_from": None}  # fmt: skip
DW = {**SRC, "url": "https://www.dw.com/zh/y", "outlet": "Deutsche Welle", "language": "zh",
      "derived_from": SRC["url"]}  # fmt: skip
STATE = {**SRC, "url": "https://www.state.gov/z", "outlet": "U.S. Department of State"}
REF = {**SRC, "url": "https://en.wikipedia.org/wiki/Xie_Feng", "outlet": "reference data"}
MEETING = "ae8c42de-94f2-5223-bed3-d2d00678980a"
SANCTION = "0576c9f7-57b6-5731-90d0-b1731fd63f68"
CHANNEL = "f857935e-0496-593d-82c5-e2c57ad6b41d"
XIE_ID, RATNER_ID, ZHANG_ID = (f"00000000-0000-5000-8000-00000000000{n}" for n in (1, 2, 3))


def _records() -> list[Record]:
    """A small ledger: two people, a meeting with two sources, a sanction imposed then lifted, a retracted
    call, a channel stalled, a reference term of office and one a user recorded."""
    rows: list[tuple[str, str, dict[str, Any]]] = [
        (XIE_ID, "ActorRegistered", {"slug": "xie-feng", "kind": "person", "state": "CHN",
                                     "names": {"en": "Xie Feng", "zh": "谢锋"}, "aliases": [], "wikidata": None}),
        (RATNER_ID, "ActorRegistered", {"slug": "ely-ratner", "kind": "person", "state": "USA",
                                        "names": {"en": "Ely Ratner"}, "aliases": [], "wikidata": None}),
        (ZHANG_ID, "ActorRegistered", {"slug": "zhang-san", "kind": "person", "state": "CHN",
                                       "names": {"en": "Zhang San"}, "aliases": [], "wikidata": None}),
        (XIE_ID, "OfficeAssumed", {"office": "Ambassador", "organization": None, "state": "CHN",
                                   "since": "2023-05-01", "precision": "day", "source": REF}),
        (ZHANG_ID, "OfficeAssumed", {"office": "Attaché", "organization": None, "state": "CHN",
                                     "since": "2022-03-01", "precision": "month", "source": SRC}),
        (ZHANG_ID, "OfficeLeft", {"office": "Attaché", "until": "2023-01-01", "precision": "year", "source": STATE}),
        (MEETING, "InteractionReported", {"kind": "meeting", "status": "occurred",
                                          "participants": ["xie-feng", "ely-ratner"], "initiator": "USA",
                                          "recipient": None, "dyad": "CHN-USA", "occurred_on": "2023-07-12",
                                          "precision": "day", "until": None, "location": "pentagon", "channel": None,
                                          "summary": "Xie meets Ratner", "cameo": "043", "goldstein": 2.8,
                                          "plover": "CONSULT", "codebook": "x", "source": SRC}),
        (MEETING, "InteractionCorroborated", {"source": DW, "account": None}),
        (SANCTION, "SanctionImposed", {"imposed_by": "USA", "authority": "U.S. Department of State",
                                       "program": "CAATSA Section 231", "legal_basis": None, "target": "zhang-san",
                                       "target_state": "CHN", "reason": None, "effective_on": "2018-09-20",
                                       "source": STATE}),
        (SANCTION, "SanctionLifted", {"effective_on": "2020-01-01", "source": SRC}),
        ("11111111-1111-5111-8111-111111111111", "InteractionReported", {
            "kind": "call", "status": "occurred", "participants": ["xie-feng", "ely-ratner"], "initiator": None,
            "recipient": None, "dyad": "CHN-USA", "occurred_on": "2023-08-01", "precision": "day", "until": None,
            "location": None, "channel": None, "summary": None, "cameo": "041", "goldstein": 1.0, "plover": None,
            "codebook": "x", "source": SRC}),
        ("11111111-1111-5111-8111-111111111111", "InteractionRetracted", {"reason": "misread", "source": SRC}),
        (CHANNEL, "ChannelRegistered", {"slug": "defense-ministers", "dyad": "CHN-USA", "aliases": [], "level": None,
                                        "names": {"en": "Defense ministers' talks", "zh": "防长会谈"}}),
        (CHANNEL, "ChannelStalled", {"on": "2023-07-12", "reason": "stalled", "source": SRC}),
    ]  # fmt: skip
    versions: dict[str, int] = {}
    out = []
    for position, (aggregate, kind, data) in enumerate(rows, start=1):
        versions[aggregate] = versions.get(aggregate, 0) + 1
        out.append(
            Record(position, aggregate, versions[aggregate], kind, f"2024-01-01T00:00:{position:02d}+00:00", data)
        )
    return out


def _gazetteer() -> Gazetteer:
    states = [ActorRef(f"s{n}", slug, "state", slug, slug) for n, slug in enumerate(("CHN", "USA"))]
    people = [ActorRef("p1", "xie-feng", "person", "CHN", "Xie Feng"), ActorRef("p2", "ely-ratner", "person", "USA",
                                                                                   "Ely Ratner")]  # fmt: skip
    dm = ChannelRef(CHANNEL, "defense-ministers", "CHN-USA", "Defense ministers' talks")
    return Gazetteer.build([(a.slug, a) for a in states + people] + [("Xie Feng", people[0]), ("谢锋", people[0])],
                           [("defense-ministers", dm)])  # fmt: skip


def _feed() -> dict[str, Any]:
    return jf.jsonfeed(_records())


def _by_kind(feed: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["_tracker"]["fact"]["kind"]: item for item in feed["items"]}


def test_the_feed_is_plain_json_feed_one_item_per_fact() -> None:
    """Version, title and items; each item has an id, a URL, a title, text and a publication time, and parses as a feed."""
    feed = _feed()
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    kinds = sorted(_by_kind(feed))
    assert kinds == [
        "channel-stalled",
        "meeting",
        "office-assumed",
        "office-left",
        "sanction-imposed",
        "sanction-lifted",
    ]
    assert len({item["id"] for item in feed["items"]}) == len(feed["items"])
    for item in feed["items"]:
        assert item["id"] and item["external_url"].startswith("https://") and item["title"] and item["content_text"]
        assert item["date_published"].startswith("2024-01-01T")
    parsed = parse(json.dumps(feed, ensure_ascii=False).encode())
    assert [i.guid for i in parsed.items] == [item["id"] for item in feed["items"]]
    assert [i.extension for i in parsed.items] == [item["_tracker"] for item in feed["items"]]


def test_an_item_carries_the_fact_as_append_takes_it() -> None:
    """The meeting's item: its id, every source in order, slugs, and the actors it names with their names."""
    item = _by_kind(_feed())["meeting"]
    assert item["id"] == MEETING and item["external_url"] == SRC["url"]
    payload = item["_tracker"]
    assert payload["version"] == PAYLOAD_VERSION == jf.PAYLOAD_VERSION
    fact = payload["fact"]
    assert fact["participants"] == ["xie-feng", "ely-ratner"] and fact["initiator"] == "USA"
    assert [s["url"] for s in fact["sources"]] == [SRC["url"], DW["url"]]
    assert fact["sources"][1] == {"url": DW["url"], "outlet": "Deutsche Welle", "language": "zh",
                                  "title": "Rare meeting", "derived_from": SRC["url"]}  # fmt: skip
    assert "cameo" not in fact and "recipient" not in fact
    assert payload["actors"]["xie-feng"] == {
        "names": {"en": "Xie Feng", "zh": "谢锋"},
        "kind": "person",
        "state": "CHN",
    }


def test_retracted_facts_and_reference_terms_are_left_out() -> None:
    """The retracted call and the reference data's term of office are not in the feed; a user's term is, to its precision."""
    feed = _feed()
    assert "call" not in _by_kind(feed)
    assert [i["_tracker"]["fact"]["actor"] for i in feed["items"] if "office" in i["_tracker"]["fact"]] == [
        "zhang-san", "zhang-san"]  # fmt: skip
    assert _by_kind(feed)["office-assumed"]["_tracker"]["fact"]["occurred_on"] == "2022-03"
    assert _by_kind(feed)["office-left"]["_tracker"]["fact"]["occurred_on"] == "2023"


def test_a_confirmed_interaction_leads_with_the_source_that_confirmed_it() -> None:
    """A peer holding the expected interaction confirms it with a source it does not cite yet."""
    records = _records()
    meeting = next(r for r in records if r.type == "InteractionReported")
    expected = Record(meeting.position, meeting.aggregate_id, 1, meeting.type, meeting.recorded_at,
                      {**meeting.data, "status": "expected"})  # fmt: skip
    confirmed = Record(99, MEETING, 3, "InteractionConfirmed", "2024-02-01T00:00:00+00:00",
                       {"occurred_on": "2023-07-13", "source": STATE})  # fmt: skip
    feed = jf.jsonfeed([expected if r is meeting else r for r in records] + [confirmed])
    item = _by_kind(feed)["meeting"]
    fact = item["_tracker"]["fact"]
    assert (fact["status"], fact["occurred_on"]) == ("occurred", "2023-07-13")
    assert [s["url"] for s in fact["sources"]] == [STATE["url"], SRC["url"], DW["url"]]
    assert item["date_modified"] == "2024-02-01T00:00:00+00:00"


def test_payloads_become_commands_and_unknown_people_are_registered() -> None:
    """The round trip: each payload a command with slugs; the sanction's target, unknown here, registered first;
    the lifting ordered after the imposing whatever the feed's order."""
    feed = _feed()
    facts, errors = read_payloads([item["_tracker"] for item in feed["items"]])
    assert errors == []
    kinds = [f.fact["kind"] for f in facts]
    assert kinds.index("sanction-lifted") > kinds.index("sanction-imposed")
    gaz = _gazetteer()
    meeting = peer_commands(next(f for f in facts if f.fact["kind"] == "meeting"), gaz, "CHN-USA")
    assert len(meeting) == 1 and isinstance(meeting[0], ReportInteraction)
    assert meeting[0].participants == ["xie-feng", "ely-ratner"] and len(meeting[0].sources) == 2
    imposed = peer_commands(next(f for f in facts if f.fact["kind"] == "sanction-imposed"), gaz, "CHN-USA")
    assert isinstance(imposed[0], RegisterActor) and imposed[0].slug == "zhang-san" and imposed[0].state == "CHN"
    assert isinstance(imposed[1], ImposeSanction) and imposed[1].target == "zhang-san"
    lifted = peer_commands(next(f for f in facts if f.fact["kind"] == "sanction-lifted"), gaz, "CHN-USA")
    assert len(lifted) == 1 and isinstance(lifted[0], LiftSanction)  # zhang-san is known now


def _meeting_payload() -> dict[str, Any]:
    return json.loads(json.dumps(_by_kind(_feed())["meeting"]["_tracker"]))


def _broken(change: Any) -> dict[str, Any]:
    payload = _meeting_payload()
    change(payload)
    return payload


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("not an object", "not a JSON object"),
        (_broken(lambda p: p.update(version=2)), "unknown _tracker version '2'"),
        (_broken(lambda p: p.update(version="1")), "unknown _tracker version '1'"),
        (_broken(lambda p: p.update(version=True)), "unknown _tracker version"),
        (_broken(lambda p: p.pop("version")), "unknown _tracker version 'None'"),
        (_broken(lambda p: p.update(extra=1)), "unknown _tracker key 'extra'"),
        (_broken(lambda p: p.update(fact=[1])), "fact is not a JSON object"),
        (_broken(lambda p: p["fact"].update(kind="party")), "unknown kind 'party'"),
        (_broken(lambda p: p["fact"].update(colour="red")), "unknown fact field 'colour'"),
        (_broken(lambda p: p["fact"].update(participants="xie-feng")), "participants must be a list"),
        (_broken(lambda p: p["fact"].update(summary={"a": 1})), "summary must be text, not dict"),
        (_broken(lambda p: p["fact"].update(summary="x" * 1_000_000)), "summary is 1,000,000 characters long"),
        (_broken(lambda p: p["fact"].update(participants=["xie-feng"] * 10_000)), "participants has 10,000 entries"),
        (_broken(lambda p: p["fact"].update(sources=[])), "no sources"),
        (_broken(lambda p: p["fact"]["sources"].append("https://x.org")), "a source is not a JSON object"),
        (_broken(lambda p: p["fact"]["sources"][0].update(secret=1)), "unknown source field 'secret'"),
        (_broken(lambda p: p["fact"]["sources"][0].update(url="https://x.org/" + "a" * 5000)), "source url is 5,"),
        (_broken(lambda p: p.update(actors=[])), "actors is not a JSON object"),
        (_broken(lambda p: p.update(actors={f"a{n}": {} for n in range(1000)})), "actors has 1,000 entries"),
        (_broken(lambda p: p["actors"].update({"bad slug": {}})), "actor slug 'bad slug'"),
        (_broken(lambda p: p["actors"]["xie-feng"].update(kind="god")), "kind 'god' is not one of"),
        (_broken(lambda p: p["actors"]["xie-feng"].update(names={})), "names must map 1 to 10"),
        (_broken(lambda p: p["actors"]["xie-feng"].update(names={"en": " "})), "name is empty"),
        (_broken(lambda p: p["actors"]["xie-feng"].update(wikidata="Q1")), "is not {names, kind, state}"),
    ],
)
def test_a_bad_payload_is_refused_with_one_line_and_the_others_go_on(payload: Any, message: str) -> None:
    """Unknown versions, wrong shapes and huge values are refused by item, in one line, without a crash."""
    good = _meeting_payload()
    facts, errors = read_payloads([good, payload, good], labels=["a", "b", "c"])
    assert [f.label for f in facts] == ["item 'a'", "item 'c'"]
    assert len(errors) == 1 and errors[0].startswith("item 'b': ") and "\n" not in errors[0]
    assert message in errors[0]


def test_what_the_payload_claims_is_checked_against_this_ledger() -> None:
    """A new state, a person under a name another actor has here, or an unknown channel refuse the item,
    and leave the gazetteer as it was."""
    gaz = _gazetteer()
    before = {k: list(v) for k, v in gaz.actors.items()}

    def refused(payload: dict[str, Any], message: str) -> None:
        facts, errors = read_payloads([payload])
        assert errors == []
        with pytest.raises(UsageError, match=message):
            peer_commands(facts[0], gaz, "CHN-USA")
        assert {k: list(v) for k, v in gaz.actors.items()} == before

    stranger = {"names": {"en": "Zhang San"}, "kind": "person", "state": "CHN"}
    refused(_broken(lambda p: (p["fact"].update(participants=["xie-feng", "zhang-san"]),
                               p["actors"].update({"zhang-san": {**stranger, "state": "ATL"},
                                                   "ATL": {"names": {"en": "Atlantis"}, "kind": "state",
                                                           "state": "ATL"}}))),
            "unknown state 'ATL'")  # fmt: skip
    refused(_broken(lambda p: (p["fact"].update(participants=["zhang-san", "xie-feng-2"]),
                               p["actors"].update({"zhang-san": stranger,
                                                   "xie-feng-2": {**stranger, "names": {"zh": "谢锋"}}}))),
            "named '谢锋', which is xie-feng here")  # fmt: skip
    refused(_broken(lambda p: p["fact"].update(participants=["xie-feng", "nobody"])), "does not describe it")
    refused(_broken(lambda p: p["fact"].update(channel="hotline-x")), "unknown channel 'hotline-x'")
