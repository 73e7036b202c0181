"""Round 7 rules for sanctions, offices and names, on invented sentences: list items opened by an ordinal,
designations under a sanctions law, China's commerce minister, transliterated names before 进行, the date of a
replacement beside a relative clause, a same-day "Earlier in the day", terms that end."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run


def facts(text: str, language: str, published: str | None = None) -> list[dict[str, Any]]:
    published = published or ("2024-03-08T09:00:00+08:00" if language == "zh" else "2024-03-08T09:00:00-05:00")
    return [c.fact for c in run(text, language, published)]


def of_kind(text: str, language: str, kind: str, published: str | None = None) -> list[dict[str, Any]]:
    return [f for f in facts(text, language, published) if f["kind"] == kind]


def test_a_list_item_may_open_with_an_ordinal() -> None:
    text = (
        "The Commerce Department on Friday added Hunan Skyline Avionics Co. and the 27th Research Institute of "
        "China Aerospace Science Corp. to its Entity List."
    )
    targets = [f["target"] for f in of_kind(text, "en", "sanction-imposed")]
    assert "27th-research-institute-of-china-aerospace-science-corp" in targets
    assert len(targets) == 2


def test_a_designation_under_a_sanctions_law_sanctions_and_the_law_is_no_target() -> None:
    text = (
        "The Treasury Department on Friday designated Li Weidong and Zhao Minghai under the Global Magnitsky Act, "
        "freezing any U.S. assets they hold."
    )
    targets = sorted(f["target"] for f in of_kind(text, "en", "sanction-imposed"))
    assert targets == ["li-weidong", "zhao-minghai"]
    assert of_kind("The ministry designated Li Weidong as its new spokesman on Friday.", "en", "sanction-imposed") == []


def test_chinas_commerce_minister_is_a_new_official_of_china() -> None:
    text = "Chinese Commerce Minister Zhou Mingde met Gina Raimondo in Beijing on Tuesday."
    meetings = of_kind(text, "en", "meeting")
    assert [sorted(f["participants"]) for f in meetings] == [["gina-raimondo", "zhou-mingde"]]


def test_a_transliterated_name_stops_before_jinxing() -> None:
    text = "国务院副总理何立峰7日在北京与美国贸易代表格林菲尔德进行了会谈。"
    meetings = of_kind(text, "zh", "meeting")
    assert len(meetings) == 1
    assert "gelinfeierde" in meetings[0]["participants"]


def test_a_relative_clause_dates_the_one_replaced_not_the_replacement() -> None:
    text = (
        "China named Qin Gang as foreign minister on Friday. "
        "Qin replaces Wang Yi, who had held the post since 2013 and joined the Politburo in October."
    )
    left = of_kind(text, "en", "office-left", "2022-12-30T21:00:00+08:00")
    assert [(f["actor"], f["occurred_on"]) for f in left] == [("wang-yi", "2022-12-30")]


def test_earlier_in_the_day_is_the_same_day_not_background() -> None:
    text = (
        "Xi Jinping received Lloyd Austin in Beijing on Tuesday. "
        "Earlier in the day Austin held talks with Dong Jun at the defense ministry."
    )
    found = run(text, "en", "2024-03-05T20:00:00+08:00")
    met = [c for c in found if c.kind == "meeting" and "dong-jun" in c.fact["participants"]]
    assert met and not met[0].background


def test_a_term_that_ends_is_its_holders_departure() -> None:
    text = "美国国防部长奥斯汀的任期于1月20日结束。"
    left = of_kind(text, "zh", "office-left", "2025-01-21T09:00:00+08:00")
    assert [(f["actor"], f["occurred_on"]) for f in left] == [("lloyd-austin", "2025-01-20")]
