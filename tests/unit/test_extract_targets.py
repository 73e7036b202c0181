"""Sanctions that list firms and people the gazetteer does not know, in English and Chinese (invented texts)."""

from __future__ import annotations

from datetime import datetime

from tests.unit.extract_run import context
from tracker.extract.evaluate import same_new_actors
from tracker.extract.model import Candidate, Report
from tracker.extract.pipeline import extract


def sanctions(text: str, language: str, published: str) -> dict[str, tuple[str, str]]:
    """Each sanction candidate's target as its new actor's name (or its slug when known), with the imposer."""
    found: list[Candidate] = extract(Report(text, language, datetime.fromisoformat(published)), context())
    out = {}
    for c in found:
        if c.kind != "sanction-imposed":
            continue
        names = {a["slug"]: a["names"] for a in c.new_actors}
        target = c.fact["target"]
        name = next(iter(names[target].values())) if target in names else target
        out[name] = (c.fact["imposed_by"], target)
    return out


def test_units_listed_after_their_parent_are_the_targets_not_the_parent() -> None:
    got = sanctions(
        "BEIJING - China on Friday announced countermeasures against three units of Lockheed Martin - Lockheed "
        "Martin Missiles and Fire Control, Lockheed Martin Aeronautics and Lockheed Martin Space - and six of the "
        "company's senior executives, the foreign ministry said.",
        "en",
        "2024-06-21T12:00:00+08:00",
    )
    assert set(got) == {"Lockheed Martin Missiles and Fire Control", "Lockheed Martin Aeronautics",
                        "Lockheed Martin Space"}  # fmt: skip
    assert {by for by, _ in got.values()} == {"CHN"}


def test_a_chinese_list_before_its_verb_gives_every_firm_and_a_longer_name_beats_a_known_one() -> None:
    got = sanctions(
        "商务部不可靠实体清单工作机制20日发布公告，将参与对台军售的通用原子航空系统公司、通用动力陆地系统公司和"
        "波音防务、空间与安全集团列入不可靠实体清单。",
        "zh",
        "2024-05-20T18:00:00+08:00",
    )
    # 通用动力 alone is the parent the index knows: the unit listed is the longer name around it.
    assert set(got) == {"通用原子航空系统公司", "通用动力陆地系统公司", "Boeing Defense, Space & Security"}
    assert {by for by, _ in got.values()} == {"CHN"}


def test_people_after_titles_in_a_chinese_list_and_the_imposer_of_the_clause() -> None:
    got = sanctions(
        "外交部发言人13日宣布，针对美方以所谓人权问题为由实施制裁，中方决定对美国国会参议员卢比奥、克鲁兹，"
        "国会众议员史密斯以及无任所大使布朗巴克实施对等制裁。",
        "zh",
        "2020-07-13T16:00:00+08:00",
    )
    # 布朗巴克 is not 布朗 (Brown) however the index spells him; 美方 in the reason is not the imposer.
    assert set(got) == {"marco-rubio", "克鲁兹", "史密斯", "布朗巴克"}
    assert {by for by, _ in got.values()} == {"CHN"}
    assert got["克鲁兹"][1] == "keluzi"


def test_a_firm_list_with_etc_stops_at_its_count() -> None:
    got = sanctions(
        "外交部发言人7日宣布，中方决定对BAE系统陆地与军备公司、航境公司、卫讯公司等3家美国军工企业采取反制措施。",
        "zh",
        "2024-01-07T16:00:00+08:00",
    )
    assert set(got) == {"BAE系统陆地与军备公司", "航境公司", "卫讯公司"}
    assert {by for by, _ in got.values()} == {"CHN"}


def test_the_scorer_takes_a_new_actor_by_its_name_in_any_script() -> None:
    found = extract(
        Report("中方决定对美国众议员史密斯实施制裁。", "zh", datetime.fromisoformat("2020-07-13T16:00:00+08:00")),
        context(),
    )
    labelled = [{"slug": "chris-smith", "names": {"en": "Chris Smith", "zh": "史密斯"}}]
    same = same_new_actors(found, labelled)
    assert same == {"shimisi": "chris-smith"}


def test_traditional_characters_read_as_simplified() -> None:
    got = sanctions(
        "中國外交部12日宣布，鑑於美國眾議員史密斯近日竄訪台灣，中方決定對史密斯採取反制措施。",
        "zh",
        "2023-04-12T16:00:00+08:00",
    )
    assert set(got) == {"史密斯"} and got["史密斯"][0] == "CHN"


def test_the_other_sides_sanction_given_as_the_reason_is_not_news() -> None:
    got = sanctions(
        "外交部13日宣布，针对美方上周以所谓人权问题为由制裁李尚福，中方决定对众议员史密斯实施制裁。",
        "zh",
        "2020-07-13T16:00:00+08:00",
    )
    assert set(got) == {"史密斯"}


def test_an_entity_list_listing_names_its_firms_inside_the_verb_and_is_american() -> None:
    got = sanctions(
        "WASHINGTON - The Commerce Department on Friday added Beijing Nanjiang Aerospace Technology Co, China "
        "Electronics Technology Group Corporation 48th Research Institute, Guangzhou Tian-Hai-Xiang Aviation "
        "Technology Co and Shanxi Eagles Men Aviation Science and Technology Group Co to its Entity List.",
        "en",
        "2023-02-10T20:00:00+00:00",
    )
    assert set(got) == {"Beijing Nanjiang Aerospace Technology Co",
                        "China Electronics Technology Group Corporation 48th Research Institute",
                        "Guangzhou Tian-Hai-Xiang Aviation Technology Co",
                        "Shanxi Eagles Men Aviation Science and Technology Group Co"}  # fmt: skip
    assert {by for by, _ in got.values()} == {"USA"}  # "China" inside a firm's name is not the imposer


def test_a_chinese_name_after_a_quoted_title_and_the_reason_clause_before_the_list() -> None:
    got = sanctions(
        "外交部发言人23日宣布，针对美方本月9日以所谓人权问题为由，对西藏自治区党委原书记吴英杰实施非法制裁，中方决定"
        "依据《反外国制裁法》，对美国国务院原“中国政策首席规划师”余茂春、“美国国会及行政当局中国委员会”副主任"
        "托德·斯坦恩采取反制措施。",
        "zh",
        "2022-12-23T16:00:00+08:00",
    )
    assert set(got) == {"余茂春", "托德·斯坦恩"}
    assert {by for by, _ in got.values()} == {"CHN"}
