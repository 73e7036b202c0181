"""Round 8 rules for Chinese wording and dates, on invented sentences from the phrase audit (/work/notes/audit.md):
call and meeting verbs (通了电话, 电话交谈, 视频连线, 拜会), a channel's own name that is no call (直通电话, 战区领导人通话),
a round not held (已两年未举行), a wish to meet that is no meeting (期待), and the planned day after 原定."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.unit.extract_run import run
from tracker.extract.dates_en import Clock
from tracker.extract.dates_zh import scan_zh

PUBLISHED = "2024-06-05T09:00:00+08:00"


def of_kind(text: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "zh", PUBLISHED) if c.fact["kind"] == kind]


def kinds(text: str) -> list[str]:
    return sorted(c.fact["kind"] for c in run(text, "zh", PUBLISHED))


def test_call_verbs_with_aspect_or_a_noun() -> None:
    for text in (
        "董军4日同美国国防部长奥斯汀通了电话。",
        "国防部长董军4日与美国国防部长奥斯汀进行了电话交谈。",
        "国防部长董军4日与美国国防部长奥斯汀通过视频连线进行了交流。",
    ):
        assert [f["participants"] for f in of_kind(text, "call")] == [["dong-jun", "lloyd-austin"]], text


def test_a_courtesy_call_is_a_meeting() -> None:
    text = "美国国防部长奥斯汀4日在北京拜会了中央军委副主席张又侠。"
    assert [f["occurred_on"] for f in of_kind(text, "meeting")] == ["2024-06-04"]


def test_a_channels_own_name_is_no_call() -> None:
    assert of_kind("中美两军直通电话4日被中方切断。", "call") == []
    assert of_kind("中美两军4日重新开通国防部直通电话。", "call") == []
    assert of_kind("中美战区领导人通话4日恢复。", "call") == []


def test_a_round_not_held_for_years_is_no_round() -> None:
    assert of_kind("中美海上军事安全磋商机制会议已两年未举行。", "talks") == []


def test_a_wish_to_meet_is_no_meeting() -> None:
    assert of_kind("美国国防部长奥斯汀4日表示期待与董军会面。", "meeting") == []


def test_the_planned_day_after_yuanding_is_the_nearest_one() -> None:
    clock = Clock(date(2024, 6, 5), False)
    ahead = [h.day for h in scan_zh("中方4日取消了原定7日举行的会晤", clock)]
    assert date(2024, 6, 7) in ahead and date(2024, 5, 7) not in ahead
    behind = [h.day for h in scan_zh("原定3日举行的会谈被推迟", clock)]
    assert behind == [date(2024, 6, 3)]


def test_a_consensus_on_resuming_told_before_the_words_is_an_intent() -> None:
    text = "中美双方4日就恢复海上军事安全磋商机制会议达成共识。"
    assert [f["channel"] for f in of_kind(text, "intent-to-meet")] == ["mmca"]
    assert of_kind(text, "channel-resumed") == []


def test_a_polite_refusal_is_a_refusal_not_a_meeting() -> None:
    text = "美方称，中方谢绝了美国国防部长奥斯汀与董军会面的提议。"
    assert [f["initiator"] for f in of_kind(text, "meeting-declined")] == ["CHN"]
    assert of_kind(text, "meeting") == []


def test_office_verbs_zengbu_and_jiechu() -> None:
    [fact] = [c.fact for c in run("张升民23日被增补为中央军委副主席。", "zh", "2024-10-24T09:00:00+08:00")
              if c.fact["kind"] == "office-assumed"]  # fmt: skip
    assert fact["actor"] == "zhang-shengmin"
    text = "特朗普21日解除美军参联会主席布朗的参联会主席职务。"
    [fact] = [c.fact for c in run(text, "zh", "2025-02-22T09:00:00+08:00") if c.fact["kind"] == "office-left"]
    assert fact["actor"] == "charles-q-brown"
