"""Round 11h rules, on invented sentences: the readout of a call is no call of its own; a rebuke at an encounter
whose words urge is the speaker's demand (one act a speaker an encounter)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def facts(text: str, language: str) -> list[dict[str, Any]]:
    published = "2024-11-21T09:00:00+08:00" if language == "zh" else "2024-11-21T09:00:00-05:00"
    return [c.fact for c in extract(Report(text, language, datetime.fromisoformat(published)), context())]


def of_kind(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [f for f in facts(text, language) if f["kind"] == kind]


def test_the_readout_of_a_call_is_no_second_call() -> None:
    text = "王毅20日应约同布林肯通电话。美国国务院在美国东部时间19日晚发布的通话稿说，布林肯敦促中方停止在南海的挑衅。"
    calls = of_kind(text, "zh", "call")
    assert [sorted(c["participants"]) for c in calls] == [["antony-blinken", "wang-yi"]]
    # the call told in its own words still counts
    assert of_kind("布林肯20日与王毅通话。", "zh", "call") != []


def test_a_rebuke_whose_words_urge_at_an_encounter_is_the_demand() -> None:
    text = (
        "Wang Yi delivered a sharp rebuke to visiting Secretary of State Antony Blinken in Beijing on Wednesday, "
        'telling him that Washington must "stop interfering" in Hong Kong.'
    )
    assert [f["participants"] for f in of_kind(text, "en", "demand")] == [["wang-yi"]]
    assert of_kind(text, "en", "criticism") == []


def test_a_rebuke_without_an_encounter_stays_a_criticism() -> None:
    text = "Wang Yi on Wednesday rebuked Washington, saying that the United States must stop interfering in Hong Kong."
    assert of_kind(text, "en", "demand") != []
    assert of_kind(text, "en", "criticism") != []


def test_a_call_dated_again_in_the_other_zone_is_one_call() -> None:
    text = "王毅21日上午与布林肯通电话。布林肯在美国东部时间20日晚的通话前曾表示，他希望与中方保持沟通。"
    assert len(of_kind(text, "zh", "call")) == 1
    # two calls of the same people on two days, told without a time zone, stay two
    two = "王毅20日与布林肯通电话。王毅21日再次与布林肯通电话。"
    assert len(of_kind(two, "zh", "call")) == 2


def test_valuing_cooperation_with_the_other_side_is_no_statement() -> None:
    met = "王毅10日在北京会见美国国家安全顾问沙利文。"
    praise = met + "沙利文表示，美方高度重视同中方在禁毒领域的合作。"
    assert of_kind(praise, "zh", "statement") == []
    position = met + "沙利文表示，美方将继续奉行一个中国政策。"
    assert of_kind(position, "zh", "statement") != []


def test_talks_on_a_day_of_a_visit_are_the_visits_meeting() -> None:
    text = "（中央社華盛頓4日綜合外電報導）美國國務院表示，副國務卿坎貝爾3日至4日訪問中國，在天津與中國外交部副部長馬朝旭會談。"
    meetings = of_kind(text, "zh", "meeting")
    assert [(m["occurred_on"], m.get("until")) for m in meetings] == [("2024-11-03", "2024-11-04")]
    assert "CHN" not in meetings[0]["participants"]


def test_the_date_of_a_visit_is_no_visit() -> None:
    text = "坎贝尔3日访问中国。双方为沙利文明年访问中国作准备。国务院未说明沙利文访问的具体时间。"
    sullivan = [m for m in of_kind(text, "zh", "meeting") if "jake-sullivan" in m["participants"]]
    assert [m["status"] for m in sullivan] == ["expected"]
    assert of_kind("沙利文访问中国。", "zh", "meeting") != []


def test_a_title_with_its_own_name_after_a_comma_is_the_next_person() -> None:
    text = (
        "The two sides agreed on Monday to keep in touch, after two days of talks in Beijing between Secretary of State Antony "
        "Blinken, Assistant Secretary of State Mallory Stewart and Chinese Vice Foreign Minister Ma Zhaoxu."
    )
    parties = [f["participants"] for f in facts(text, "en") if f["kind"] in ("meeting", "talks")]
    assert parties == [["antony-blinken", "mallory-stewart", "ma-zhaoxu"]]
    # an apposed title without a name of its own stays the name's
    alone = "Antony Blinken, the Secretary of State, met Ma Zhaoxu in Beijing on Monday."
    assert [f["participants"] for f in of_kind(alone, "en", "meeting")] == [["antony-blinken", "ma-zhaoxu"]]
