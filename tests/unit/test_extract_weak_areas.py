"""Weak areas of extraction pinned on invented sentences: meetings that are not (denied, a fellow guest abroad, aides
"accompanied by", a visit that only frames its parts), participants told as "the two", the one replaced named bare
(接替常立新), retirements dated before "as", readouts told in the meeting's own sentence, channels of encounters dated
by a year, and criticism worded without a verb of blame."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.extract_run import run
from tracker.extract.model import Candidate

EN = "2024-11-20T09:00:00-05:00"
ZH = "2024-11-20T09:00:00+08:00"


def kinds(found: list[Candidate], kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in found if c.kind == kind]


# -- meetings ----------------------------------------------------------------------------------------------------


def test_an_aide_accompanying_a_minister_is_no_party() -> None:
    found = run("Wang Yi met Antony Blinken in Beijing on Tuesday, accompanied by Vice Foreign Minister Ma Zhaoxu.",
                "en", EN)  # fmt: skip
    assert [f["participants"] for f in kinds(found, "meeting")] == [["wang-yi", "antony-blinken"]]


def test_the_subject_before_an_accompanied_by_apposition_meets() -> None:
    found = run("Antony Blinken, accompanied by Assistant Secretary of State for East Asian and Pacific Affairs "
                "Daniel Kritenbrink and U.S. Ambassador Nicholas Burns, met Wang Yi on Tuesday.", "en", EN)  # fmt: skip
    assert [sorted(f["participants"]) for f in kinds(found, "meeting")] == [["antony-blinken", "wang-yi"]]


def test_an_aide_in_chinese_is_no_party() -> None:
    found = run("布林肯19日在外交部副部长马朝旭陪同下会见了王毅。", "zh", ZH)
    assert [f["participants"] for f in kinds(found, "meeting")] == [["antony-blinken", "wang-yi"]]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The State Department denied that Jake Sullivan had met Wang Yi in Vienna on Tuesday.", "en"),
        ("Officials dismissed reports of a meeting between Jake Sullivan and Wang Yi on Tuesday.", "en"),
        ("外交部19日否认王毅与沙利文在维也纳会面。", "zh"),
    ],
)
def test_a_denied_meeting_is_none(text: str, language: str) -> None:
    assert not kinds(run(text, language, EN if language == "en" else ZH), "meeting")


def test_a_fellow_guest_abroad_is_not_met_by_arriving() -> None:
    found = run("Lloyd Austin arrived in Vientiane on Monday, where Dong Jun was also attending the forum.", "en", EN)
    assert not kinds(found, "meeting")


def test_a_visit_that_included_encounters_is_told_by_them() -> None:
    found = run("Secretary of State Antony Blinken ended a visit to Beijing on Tuesday that included a meeting with "
                "Vice President Han Zheng.", "en", EN)  # fmt: skip
    assert [c.fact["participants"] for c in found if c.kind == "meeting"] == [["antony-blinken", "han-zheng"]]
    assert not [c for c in found if c.rule.startswith("a visit")]  # the visit frames the meeting, no second fact


def test_the_two_are_the_pair_named_before() -> None:
    found = run("U.S. Defense Secretary Lloyd Austin and Chinese Defense Minister Dong Jun attended the forum's "
                "opening dinner on Friday. The two men met on Saturday.", "en", EN)  # fmt: skip
    meetings = kinds(found, "meeting")
    assert [(sorted(f["participants"]), f["occurred_on"]) for f in meetings] == [
        (["dong-jun", "lloyd-austin"], "2024-11-16")
    ]


def test_liang_ren_are_the_pair_named_before() -> None:
    found = run("美国国防部长奥斯汀与中国国防部长董军出席了论坛开幕式。两人19日举行会晤。", "zh", ZH)
    assert [sorted(f["participants"]) for f in kinds(found, "meeting")] == [["dong-jun", "lloyd-austin"]]


def test_the_two_countries_are_no_pair_of_people() -> None:
    found = run("Joe Biden spoke with Xi Jinping by phone on Monday. The two countries agreed to hold talks.", "en", EN)
    assert all("joe-biden" not in f["participants"] or f["kind"] == "call" for f in [c.fact for c in found])


def test_a_refusal_dated_by_a_year_gets_its_channel() -> None:
    found = run("China rejected a U.S. request in 2023 for a meeting between Lloyd Austin and Li Shangfu, the "
                "Pentagon said on Tuesday.", "en", "2024-05-21T09:00:00-04:00")  # fmt: skip
    refusals = kinds(found, "meeting-declined")
    assert [(f["precision"], f.get("channel")) for f in refusals] == [("year", "defense-ministers")]


# -- readouts ----------------------------------------------------------------------------------------------------


def test_words_told_in_the_meetings_own_sentence_are_a_statement() -> None:
    found = run("王毅19日会见布林肯时表示，台湾问题是中美关系中不可逾越的红线。", "zh", ZH)
    assert [(f["participants"], f.get("recipient")) for f in kinds(found, "statement")] == [(["wang-yi"], "USA")]


@pytest.mark.parametrize(
    "text",
    [
        "王毅19日会见布林肯时表示，双方在一些具体问题上取得了进展。",
        "王毅19日会见布林肯时表示，中方愿同美方保持沟通。",
    ],
)
def test_praise_of_the_outcome_is_no_statement(text: str) -> None:
    assert not kinds(run(text, "zh", ZH), "statement")


# -- offices -----------------------------------------------------------------------------------------------------


def test_the_one_replaced_named_bare_leaves_the_office_of_the_nearest_clause() -> None:
    found = run("十四届全国人大常委会29日表决，决定董军为国务委员，任命董军为国防部部长，接替常立新。", "zh",
                "2023-12-29T20:00:00+08:00")  # fmt: skip
    assert [(f["actor"], f["office"]) for f in kinds(found, "office-left")] == [
        ("chang-lixin", "Minister of National Defense")
    ]


def test_a_retirement_dated_before_as_leaves_the_office() -> None:
    found = run("Gen. Mark Milley retired on Friday as Chairman of the Joint Chiefs of Staff.", "en",
                "2023-10-01T09:00:00-04:00")  # fmt: skip
    assert [(f["actor"], f["office"], f["occurred_on"]) for f in kinds(found, "office-left")] == [
        ("mark-milley", "Chairman of the Joint Chiefs of Staff", "2023-09-29")
    ]


# -- criticism ---------------------------------------------------------------------------------------------------


def test_a_reproach_inside_a_demand_is_also_a_criticism() -> None:
    found = run("Lin Jian said on Tuesday the United States should drop its misguided approach to trade.", "en", EN)
    assert sorted(c.kind for c in found) == ["criticism", "demand"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Lin Jian said on Tuesday that U.S. arms sales to Taiwan threatened regional stability.", "en"),
        ("林剑19日表示，美方售台武器严重威胁台海和平稳定。", "zh"),
        ("林剑19日表示，美方此举破坏地区和平稳定。", "zh"),
    ],
)
def test_a_threat_to_peace_is_a_criticism(text: str, language: str) -> None:
    found = run(text, language, EN if language == "en" else ZH)
    assert [(c.kind, c.fact["participants"], c.fact.get("recipient")) for c in found] == [
        ("criticism", ["lin-jian"], "USA")
    ]


def test_a_destabilising_act_asked_to_stop_is_no_criticism() -> None:
    found = run(
        "五角大楼19日表示，奥斯汀重申美方致力于维护和平稳定，并敦促中方避免采取进一步破坏稳定的行动。", "zh", ZH
    )
    assert [c.kind for c in found] == ["demand"]


def test_a_dated_succession_gives_the_successor_the_office() -> None:
    found = run("Gen. Charles Q. Brown succeeded Mark Milley as Chairman of the Joint Chiefs of Staff on Friday.", "en",
                "2023-10-01T09:00:00-04:00")  # fmt: skip
    assert sorted((c.kind, c.fact["actor"], c.fact["occurred_on"]) for c in found) == [
        ("office-assumed", "charles-q-brown", "2023-09-29"),
        ("office-left", "mark-milley", "2023-09-29"),
    ]


def test_a_successor_told_after_a_retirement_takes_the_office() -> None:
    found = run("Mark Milley retired on Friday as Chairman of the Joint Chiefs of Staff and was succeeded by Gen. "
                "Charles Q. Brown.", "en", "2023-10-01T09:00:00-04:00")  # fmt: skip
    assert sorted((c.kind, c.fact["actor"]) for c in found) == [
        ("office-assumed", "charles-q-brown"),
        ("office-left", "mark-milley"),
    ]


def test_a_successor_dated_apart_is_not_given_the_departures_date() -> None:
    found = run("Li Shangfu was removed as defence minister in October and was succeeded by Dong Jun in December.",
                "en", "2024-01-05T09:00:00+08:00")  # fmt: skip
    assert [c.fact["occurred_on"] for c in found if c.kind == "office-assumed"] in ([], ["2023-12"])


# -- statements --------------------------------------------------------------------------------------------------


def test_testimony_to_lawmakers_is_no_statement() -> None:
    assert not run("Lloyd Austin told lawmakers on Tuesday that China was the pacing challenge.", "en", EN)


def test_a_speech_to_a_named_dialogue_about_the_other_side_is_a_statement() -> None:
    found = run("Lloyd Austin told the Shangri-La Dialogue on Saturday that China's drills near Taiwan were a concern.",
                "en", EN)  # fmt: skip
    assert [(c.kind, c.fact["participants"], c.fact.get("recipient")) for c in found] == [
        ("statement", ["lloyd-austin"], "CHN")
    ]


def test_a_speech_told_again_as_an_accusation_a_day_later_is_one_criticism() -> None:
    found = run("Beijing said on Sunday it had lodged a complaint with Washington after Lloyd Austin accused China "
                "of bullying its neighbours. Austin told the Shangri-La Dialogue on Saturday that China's drills near "
                "Taiwan were a concern.", "en", "2024-06-02T18:00:00+08:00")  # fmt: skip
    assert not [c for c in found if c.kind == "statement"]
    assert [c.fact["participants"] for c in found if c.kind == "criticism"][-1] == ["lloyd-austin"]


# -- refusals ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "China rejected Washington's accusations on Tuesday and said talks with Lloyd Austin were still possible.",
        "China on Tuesday rejected Lloyd Austin's call for restraint in the South China Sea.",
    ],
)
def test_refusing_something_else_than_an_encounter_is_no_refusal(text: str) -> None:
    assert not kinds(run(text, "en", EN), "meeting-declined")


def test_who_is_named_after_since_is_no_party_to_a_refusal() -> None:
    found = run("Beijing has refused U.S. requests for military talks since Nancy Pelosi visited Taiwan in 2022.", "en",
                EN)  # fmt: skip
    assert all("nancy-pelosi" not in f["participants"] for f in kinds(found, "meeting-declined"))


# -- sanction targets --------------------------------------------------------------------------------------------


def test_a_list_closed_by_a_collective_noun_names_each_body() -> None:
    found = run("外交部发言人19日宣布，中方决定对美国人权基金会、良知之声、自由观察、国际和平研究所等反华非政府组织实施制裁。",
                "zh", ZH)  # fmt: skip
    targets = [c.fact["target"] for c in found if c.kind == "sanction-imposed"]
    assert len(targets) == 4 and "guojihepingyanjiusuo" in targets


def test_a_bare_firm_word_is_no_target() -> None:
    found = run("外交部7日发布决定，针对美方近期再次宣布对台湾地区出售武器，并以各种借口对中方企业和个人实施非法单边制裁，依据《反外国制裁法》，"
                "决定对甲乙防务公司、丙丁系统公司等2家美国军工企业采取反制措施。", "zh", ZH)  # fmt: skip
    assert [c.fact["imposed_by"] for c in found if c.kind == "sanction-imposed"] == ["CHN", "CHN"]


def test_the_defence_chiefs_of_the_two_countries_are_the_offices_holders() -> None:
    found = run("The defence chiefs of the two countries met in Vientiane on Wednesday. Lloyd Austin later said he "
                "had raised the South China Sea.", "en", EN)  # fmt: skip
    assert [(sorted(f["participants"]), f.get("channel")) for f in kinds(found, "meeting")] == [
        (["dong-jun", "lloyd-austin"], "defense-ministers")
    ]
