"""Round 10c: names of new actors (titles before a name, firms' Latin names in Chinese lists) and a weekday of an
event still to come (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run
from tracker.extract import names as nm
from tracker.extract.firm_names import firm_names

_FRIDAY = "2024-03-08T10:00:00+00:00"  # a Friday


def _facts(text: str, language: str, kind: str, at: str = _FRIDAY) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, language, at) if c.kind == kind]


def _people(facts: list[dict[str, Any]]) -> list[list[str]]:
    return [sorted(str(p) for p in f["participants"]) for f in facts]


# -- a title word inside a longer title is no part of a foreign name ------------------------------------------------


def test_foreign_name_follows_the_last_title_word() -> None:
    text = "美国总统贸易顾问纳瓦罗表示"
    span = nm.han_name_after(text, text.index("贸易"), foreign=True)
    assert span is not None and text[span[0] : span[1]] == "纳瓦罗"


def test_climate_envoy_title_names_the_known_envoy() -> None:
    text = "中共中央外办主任王毅21日在北京会见美国总统气候问题特使克里。"
    facts = _facts(text, "zh", "meeting", "2023-07-21T20:00:00+08:00")
    assert _people(facts) == [["john-kerry", "wang-yi"]]


# -- a firm's Latin name inside a Chinese list -----------------------------------------------------------------------


def test_bracketed_gloss_names_the_firm() -> None:
    assert firm_names("蓝山航空公司（Blue Mountain Aviation）") == (
        "blue-mountain-aviation",
        {"zh": "蓝山航空公司", "en": "Blue Mountain Aviation"},
    )


def test_latin_name_before_a_company_word() -> None:
    assert firm_names("Orbit K公司") == ("orbit-k", {"zh": "Orbit K公司", "en": "Orbit K"})


def test_chinese_list_with_glosses_and_a_latin_name() -> None:
    text = (
        "中国商务部8日宣布，将蓝山航空公司（Blue Mountain Aviation）、北极星防务系统公司（Polaris Defense Systems）"
        "和Orbit K公司等3家美国实体列入不可靠实体清单。"
    )
    targets = {str(f["target"]) for f in _facts(text, "zh", "sanction-imposed", "2024-03-08T20:00:00+08:00")}
    assert targets == {"blue-mountain-aviation", "polaris-defense-systems", "orbit-k"}


def test_firm_name_opening_with_zhong_keeps_it() -> None:
    text = "美国商务部15日宣布，将中科星辰科技股份有限公司、华岭电子有限公司等20家中国实体列入实体清单。"
    facts = _facts(text, "zh", "sanction-imposed", "2024-03-16T10:00:00+08:00")
    named = {c.new_actors[0]["names"]["zh"] for c in run(text, "zh", "2024-03-16T10:00:00+08:00") if c.new_actors}
    assert "中科星辰科技股份有限公司" in named and len(facts) == 2


def test_plural_descriptors_in_an_english_list() -> None:
    text = (
        "The Commerce Department added the drone makers Skyward Aeronautics and the battery companies Voltara "
        "and Ionix to its Entity List on Thursday."
    )
    targets = {str(f["target"]) for f in _facts(text, "en", "sanction-imposed")}
    assert targets == {"skyward-aeronautics", "voltara", "ionix"}


# -- a weekday of an event still to come -----------------------------------------------------------------------------


def test_expected_event_on_a_bare_weekday_is_the_coming_one() -> None:
    text = (
        "Secretary of State Antony Blinken is due to hold talks with Foreign Minister Wang Yi in the coastal city "
        "of Xiamen on Monday."
    )
    facts = _facts(text, "en", "meeting")
    assert [(f["status"], f["occurred_on"]) for f in facts] == [("expected", "2024-03-11")]


def test_past_event_on_a_bare_weekday_stays_past() -> None:
    text = "Secretary of State Antony Blinken held talks with Foreign Minister Wang Yi in Xiamen on Monday."
    assert [f["occurred_on"] for f in _facts(text, "en", "meeting")] == ["2024-03-04"]


def test_chinese_expected_event_on_a_bare_weekday_is_the_coming_one() -> None:
    text = "据悉，周一在厦门，美国国务卿布林肯预计将同中国外交部长王毅举行会谈。"
    facts = _facts(text, "zh", "meeting", "2024-03-08T10:00:00+08:00")
    assert [(f["status"], f["occurred_on"]) for f in facts] == [("expected", "2024-03-11")]


# -- the Senate's and the NSC's titles in Chinese --------------------------------------------------------------------


def test_senate_titles_name_new_american_officials() -> None:
    text = "国家主席习近平9日在北京会见美国参议院多数党领袖萨默斯（Paul Summers）。"
    facts = _facts(text, "zh", "meeting", "2024-03-09T20:00:00+08:00")
    assert _people(facts) == [["paul-summers", "xi-jinping"]]


def test_nsc_senior_director_names_a_new_official() -> None:
    text = "外交部副部长谢锋8日会见白宫国家安全会议中国事务高级主任莫兰德（Mary Moreland）。"
    facts = _facts(text, "zh", "meeting", "2024-03-08T20:00:00+08:00")
    assert _people(facts) == [["mary-moreland", "xie-feng"]]


# -- a delegation and a visiting party -------------------------------------------------------------------------------


def test_delegation_roster_joins_the_meeting() -> None:
    text = (
        "国家主席习近平9日在北京会见美国参议院多数党领袖萨默斯（Paul Summers）率领的参议员代表团，"
        "成员包括共和党参议员霍布森（Lee Hobson）等5人。"
    )
    facts = _facts(text, "zh", "meeting", "2024-03-09T20:00:00+08:00")
    assert _people(facts) == [["lee-hobson", "paul-summers", "xi-jinping"]]


def test_two_visitors_joined_before_the_verb_visit_together() -> None:
    text = (
        "美国助理国务卿康达（Daniel Kritenbrink）与白宫国家安全会议中国事务高级主任莫兰德（Mary Moreland）"
        "3日至4日访问中国。"
    )
    facts = _facts(text, "zh", "meeting", "2024-03-06T20:00:00+08:00")
    assert _people(facts) == [["CHN", "daniel-kritenbrink", "mary-moreland"]]


# -- two days in a row, a round of several officials, a working group's meeting --------------------------------------


def test_two_days_in_a_row_are_a_range() -> None:
    text = "国务院副总理何立峰与美国财政部长贝森特3日和4日在伦敦举行会谈。"
    facts = [c.fact for c in run(text, "zh", "2025-06-06T20:00:00+08:00") if c.kind in ("meeting", "talks")]
    assert [(f["occurred_on"], f.get("until")) for f in facts] == [("2025-06-03", "2025-06-04")]


def test_days_apart_stay_two_dates() -> None:
    text = "何立峰3日和9日两次会见贝森特。"
    facts = [c.fact for c in run(text, "zh", "2025-06-10T20:00:00+08:00") if c.kind in ("meeting", "talks")]
    assert all(f.get("until") is None for f in facts)


def test_three_officials_over_two_days_hold_talks() -> None:
    text = "国务院副总理何立峰与美国财政部长贝森特、商务部长卢特尼克3日和4日在伦敦举行会谈。"
    kinds = {c.kind for c in run(text, "zh", "2025-06-06T20:00:00+08:00") if c.kind in ("meeting", "talks")}
    assert kinds == {"talks"}


def test_working_group_meeting_is_a_round_of_its_channel() -> None:
    text = "3月5日至6日，中美两军以视频方式举行危机沟通工作组会议。"
    facts = _facts(text, "zh", "talks", "2024-03-07T20:00:00+08:00")
    assert [f.get("channel") for f in facts] == ["crisis-communications-wg"]


def test_the_visitors_joined_as_subject_meet_the_host() -> None:
    text = (
        "美国助理国务卿康达（Daniel Kritenbrink）与白宫国家安全会议中国事务高级主任莫兰德（Mary Moreland）"
        "3日抵达北京，在钓鱼台与外交部副部长谢锋会谈。"
    )
    facts = _facts(text, "zh", "meeting", "2024-03-04T20:00:00+08:00")
    assert ["daniel-kritenbrink", "mary-moreland", "xie-feng"] in _people(facts)


def test_a_teller_is_no_member_of_the_visiting_party() -> None:
    text = "外交部发言人毛宁3日宣布：应中央外办主任、外交部长王毅邀请，美国国务卿布林肯将于6日至7日访华。"
    facts = [c.fact for c in run(text, "zh", "2024-03-03T20:00:00+08:00") if c.kind in ("meeting", "talks")]
    assert facts and all("mao-ning" not in f["participants"] for f in facts)


# -- a spokesperson who tells an encounter -------------------------------------------------------------------------


def test_the_spokesperson_who_tells_a_round_is_no_party() -> None:
    text = (
        "国防部新闻发言人张晓刚8日在例行记者会上介绍，3月5日至6日，中美两军举行会谈，"
        "由联合参谋部参谋长刘振立与美国参联会主席布朗共同主持。"
    )
    facts = [c.fact for c in run(text, "zh", "2024-03-08T20:00:00+08:00") if c.kind in ("meeting", "talks")]
    assert _people(facts) == [["charles-q-brown", "liu-zhenli"]]


def test_the_spokesperson_stays_when_the_encounter_names_no_one_else() -> None:
    text = "国防部新闻发言人张晓刚8日表示，美方提出两国防长通话，中方没有接受。"
    calls = [c.fact for c in run(text, "zh", "2024-03-08T20:00:00+08:00") if c.kind == "call"]
    assert calls == []


def test_a_dialogues_round_of_days_by_video_is_talks() -> None:
    text = "3月5日至6日，中美两军以视频方式举行第十七次国防政策协调会谈，由联合参谋部参谋长刘振立与美国参联会主席布朗共同主持。"
    kinds = {c.kind for c in run(text, "zh", "2024-03-08T20:00:00+08:00") if c.kind in ("call", "talks")}
    assert kinds == {"talks"}


def test_a_cleft_date_after_the_verb_is_its_own() -> None:
    text = (
        "美国媒体9日报道了两军联系中断的情况。"
        "报道说，美国参联会主席布朗上一次与联合参谋部参谋长刘振立通话是在3月7日，此后双方再无联系。"
    )
    calls = [c.fact for c in run(text, "zh", "2024-05-10T20:00:00+08:00") if c.kind == "call"]
    assert [f["occurred_on"] for f in calls] == ["2024-03-07"]
