"""Round 10: a round of a channel put off, told apart from a visit cut short and from a whole channel called off
(invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2026-03-14T10:00:00+08:00"  # a Saturday


def _facts(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, language, _AT) if c.kind == kind]


def test_postponed_round_of_a_channel_is_cancelled_talks_of_the_two_states() -> None:
    # the person recalled stands in another clause: the round is the two militaries'
    text = (
        "The ministry said on Saturday it was recalling Defence Minister Dong Jun from a visit to the United States "
        "and postponing the meeting of the Joint Staff Dialogue Mechanism."
    )
    talks = _facts(text, "en", "talks")
    assert [(t["status"], set(t["participants"]), t.get("channel")) for t in talks] == [
        ("cancelled", {"USA", "CHN"}, "joint-staff-dialogue")
    ]


def test_a_visit_the_visitor_is_recalled_from_is_called_off() -> None:
    text = "Beijing said on Saturday it had recalled Defence Minister Dong Jun from a visit to the United States."
    visits = _facts(text, "en", "meeting")
    assert [(v["status"], set(v["participants"])) for v in visits] == [("cancelled", {"dong-jun", "USA"})]


def test_chinese_postponed_round_on_its_planned_days() -> None:
    text = "国防部发言人说，中方14日推迟了原定于3月17日至18日在北京举行的中美两军联合参谋部对话机制会议。"
    talks = _facts(text, "zh", "talks")
    assert len(talks) == 1
    assert talks[0]["status"] == "cancelled" and set(talks[0]["participants"]) == {"USA", "CHN"}
    assert (talks[0]["occurred_on"], talks[0].get("until")) == ("2026-03-17", "2026-03-18")
    assert not _facts(text, "zh", "channel-suspended")


def test_put_off_in_the_lede_and_the_channel_later_are_one_round() -> None:
    text = (
        "China put off military talks with the United States that had been set to open in Beijing on Tuesday. "
        "The ministry said it was postponing the meeting of the Joint Staff Dialogue Mechanism."
    )
    talks = _facts(text, "en", "talks")
    assert [(t["occurred_on"], t.get("channel"), t["status"]) for t in talks] == [
        ("2026-03-17", "joint-staff-dialogue", "cancelled")
    ]


def test_a_postponed_visit_told_before_stays_the_visitors() -> None:
    text = "美国防长奥斯汀原定下月访华，因日程原因推迟。"
    assert not _facts(text, "zh", "talks")
    assert [set(f["participants"]) for f in _facts(text, "zh", "meeting")] == [{"lloyd-austin", "CHN"}]
    # the postponing word's clause names no round: what it puts off is the visit told before, no talks
    assert not _facts("Lloyd Austin planned to visit China, but the Pentagon postponed it on Saturday.", "en", "talks")


def test_a_cancelled_channel_is_still_the_suspension() -> None:
    text = "China on Saturday cancelled the Defense Policy Coordination Talks with the United States."
    assert not _facts(text, "en", "talks")
    assert _facts(text, "en", "channel-suspended")


def test_put_off_is_a_postponing_word() -> None:
    text = "China on Saturday put off military talks with the United States that had been set to open on Tuesday."
    talks = _facts(text, "en", "talks")
    assert [(t["status"], t["occurred_on"]) for t in talks] == [("cancelled", "2026-03-17")]
    # "put off by": deterred, no postponement
    assert not _facts("U.S. officials were put off by the tone of the talks with China on Saturday.", "en", "talks")


def test_a_postponed_round_told_by_a_spokesman_beside_a_recall_of_his_side() -> None:
    # the spokesman and the recalled minister are both China's: no encounter of theirs, still the round of the two
    text = (
        "国防部新闻发言人吴谦14日说，中方决定立即召回正在美国访问的国防部长董军，"
        "推迟原定于3月17日至18日在北京举行的中美两军联合参谋部对话机制会议。"
    )
    talks = _facts(text, "zh", "talks")
    assert [(set(t["participants"]), t.get("channel"), t["occurred_on"]) for t in talks] == [
        ({"USA", "CHN"}, "joint-staff-dialogue", "2026-03-17")
    ]


def test_the_spokeswoman_announcing_a_visit_is_no_party_to_it() -> None:
    text = (
        "外交部发言人汪文斌6日宣布：应中共中央政治局委员、中央外办主任王毅邀请，美国总统国家安全事务助理沙利文"
        "将于5月10日至11日访华，举行新一轮中美战略沟通。"
    )
    talks = [c.fact for c in run(text, "zh", "2023-05-06T10:00:00+08:00") if c.kind == "talks"]
    assert [set(t["participants"]) for t in talks] == [{"wang-yi", "jake-sullivan"}]


def test_the_visitor_a_de_clause_describes_after_the_visit_word() -> None:
    text = "国防部新闻发言人吴谦14日说，中方决定立即召回正在美国参加研讨会并访美的国防部长董军。"
    visits = _facts(text, "zh", "meeting")
    assert [(v["status"], set(v["participants"])) for v in visits] == [("cancelled", {"dong-jun", "USA"})]
