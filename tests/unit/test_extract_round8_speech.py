"""Round 8 rules for what is said, on invented sentences from the phrase audit (/work/notes/audit.md): a date
between the verb and its complement, the speaker taken from an organ or an attribution at the end, the wire's
paraphrases of 坚决反对, orders worded "told … to stop", readouts worded "made clear to" or "said at his meeting",
and the Chinese demand words 奉劝, 正告 and 须."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

PUBLISHED = {"en": "2024-06-05T09:00:00+00:00", "zh": "2024-06-05T09:00:00+08:00"}


def of_kind(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, language, PUBLISHED[language]) if c.fact["kind"] == kind]


def speakers(text: str, language: str, kind: str) -> list[tuple[list[str], str | None, str]]:
    return [(f["participants"], f.get("recipient"), f["occurred_on"]) for f in of_kind(text, language, kind)]


def test_a_date_between_the_verb_and_its_complement_keeps_the_demand() -> None:
    text = "China asked the United States on Tuesday to immediately stop military contact with Taiwan."
    assert speakers(text, "en", "demand") == [(["CHN"], "USA", "2024-06-04")]
    text = "Antony Blinken pressed Wang Yi on Tuesday to stop Chinese companies from supplying Russia's war effort."
    assert speakers(text, "en", "demand") == [(["antony-blinken"], "CHN", "2024-06-04")]


def test_called_on_a_day_for_something_is_no_phone_call() -> None:
    text = "China called on Tuesday for dialogue with the United States to resolve differences."
    assert of_kind(text, "en", "call") == []
    assert of_kind(text, "en", "talks") == []


def test_told_or_warned_to_stop_is_a_demand_with_no_reproach_beside_it() -> None:
    text = "China on Tuesday told the United States to stop interfering in its internal affairs."
    assert speakers(text, "en", "demand") == [(["CHN"], "USA", "2024-06-04")]
    assert of_kind(text, "en", "criticism") == []


def test_what_a_demand_asks_stopped_after_a_date_is_no_reproach_of_its_own() -> None:
    text = "Dong Jun called on the U.S. on Tuesday to stop provocations in the Taiwan Strait."
    assert [f["participants"] for f in of_kind(text, "en", "demand")] == [["dong-jun"]]
    assert of_kind(text, "en", "criticism") == []


def test_needs_to_and_a_quoted_imperative_are_demands_of_the_other_side() -> None:
    text = "Lin Jian said on Tuesday that the United States needs to stop its interference."
    assert [f["participants"] for f in of_kind(text, "en", "demand")] == [["lin-jian"]]
    text = 'Washington must "stop sending wrong signals to Taiwan independence forces", Mao Ning said on Tuesday.'
    assert speakers(text, "en", "demand") == [(["mao-ning"], "USA", "2024-06-04")]


def test_an_organ_speaks_for_its_state_as_subject_or_in_the_attribution() -> None:
    text = 'The State Department on Tuesday rebuked Beijing for its "dangerous" maneuvers near the Second Thomas Shoal.'
    assert speakers(text, "en", "criticism") == [(["USA"], "CHN", "2024-06-04")]
    text = "The United States must stop arming Taiwan, China's defense ministry said on Tuesday."
    assert speakers(text, "en", "demand") == [(["CHN"], "USA", "2024-06-04")]
    text = 'China\'s actions were "dangerous and irresponsible", the Pentagon said in a statement on Tuesday.'
    assert speakers(text, "en", "criticism") == [(["USA"], "CHN", "2024-06-04")]


def test_a_spokesman_named_after_the_words_with_his_day_speaks_them() -> None:
    text = "美方应立即停止售台武器，国防部发言人张晓刚4日说。"
    assert speakers(text, "zh", "demand") == [(["zhang-xiaogang"], "USA", "2024-06-04")]


def test_the_wire_paraphrases_of_firm_opposition_are_criticism() -> None:
    for text in (
        "China said on Tuesday it firmly opposes the U.S. arms sale to Taiwan.",
        "China voiced strong opposition on Tuesday to the U.S. arms sale to Taiwan.",
        'China\'s foreign ministry hit back on Tuesday, calling the U.S. report "full of prejudice".',
        "The United States on Tuesday faulted China for failing to rein in its coast guard.",
    ):
        assert [f["occurred_on"] for f in of_kind(text, "en", "criticism")] == ["2024-06-04"], text


def test_a_us_position_against_unilateral_change_is_no_criticism() -> None:
    text = "Biden said Washington strongly opposes unilateral efforts to change the status quo."
    assert of_kind(text, "en", "criticism") == []


def test_what_he_called_is_no_phone_call() -> None:
    text = 'Lin Jian on Tuesday condemned what he called Washington\'s "Cold War mentality".'
    assert of_kind(text, "en", "call") == []
    assert [f["participants"] for f in of_kind(text, "en", "criticism")] == [["lin-jian"]]


def test_a_readout_told_to_the_other_side_in_the_encounter_noun_phrase() -> None:
    text = (
        "Dong Jun told Lloyd Austin in their meeting on Tuesday that Taiwan is at the core of China's core interests."
    )
    assert [f["participants"] for f in of_kind(text, "en", "meeting")] == [["dong-jun", "lloyd-austin"]]
    assert speakers(text, "en", "statement") == [(["dong-jun"], "USA", "2024-06-04")]
    text = "Lloyd Austin made clear to Dong Jun when they met on Tuesday that Washington would stand by its allies."
    assert speakers(text, "en", "statement") == [(["lloyd-austin"], "CHN", "2024-06-04")]


def test_said_at_his_meeting_with_is_a_readout() -> None:
    text = (
        "Lloyd Austin said at his meeting with Dong Jun on Tuesday that the United States would continue to fly, "
        "sail and operate wherever international law allows."
    )
    assert speakers(text, "en", "statement") == [(["lloyd-austin"], "CHN", "2024-06-04")]


def test_made_clear_that_in_a_readout_after_the_lede() -> None:
    text = (
        "Lloyd Austin met Dong Jun in Singapore on Tuesday. "
        "Austin made clear that Washington would stand by its allies, a Pentagon readout said."
    )
    assert [f["participants"] for f in of_kind(text, "en", "statement")] == [["lloyd-austin"]]


def test_chinese_spokesperson_demand_words() -> None:
    for text in (
        "国防部发言人张晓刚4日奉劝美方停止在南海挑衅。",
        "国防部发言人吴谦4日正告美方，立即停止在台海的挑衅行为。",
        "国防部发言人吴谦4日表示，美方须立即停止在台海的挑衅行为。",
    ):
        assert [f["recipient"] for f in of_kind(text, "zh", "demand")] == ["USA"], text


def test_strong_indignation_is_criticism() -> None:
    text = "外交部发言人毛宁4日对美方的做法表示强烈愤慨。"
    assert [f["participants"] for f in of_kind(text, "zh", "criticism")] == [["mao-ning"]]


def test_an_appeal_to_stop_is_a_demand() -> None:
    assert speakers("中方4日呼吁美方停止对华技术封锁。", "zh", "demand") == [(["CHN"], "USA", "2024-06-04")]
    assert of_kind("中方4日呼吁美方停止对华技术封锁。", "zh", "appeal") == []


def test_a_state_that_summons_an_envoy_protests_to_him() -> None:
    text = "China summoned U.S. Ambassador Nicholas Burns on Tuesday to protest the arms sale."
    assert speakers(text, "en", "criticism") == [(["CHN"], "nicholas-burns", "2024-06-04")]


def test_the_taiwan_strait_in_a_reason_is_a_place_not_a_party() -> None:
    text = "中方4日就美舰过航台湾海峡向美方提出严正交涉。"
    assert speakers(text, "zh", "criticism") == [(["CHN"], "USA", "2024-06-04")]


def test_cheng_after_the_encounters_shi_clause_is_a_readout() -> None:
    text = "美国国防部长奥斯汀4日在会见董军时称，美方将继续在国际法允许的地方飞行和航行。"
    assert speakers(text, "zh", "statement") == [(["lloyd-austin"], "CHN", "2024-06-04")]
