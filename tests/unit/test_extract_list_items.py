"""Every item of a sanction's list is a target, on invented reports: known and new firms inside "added … to the
Entity List", a firm after its descriptor ("U.S. drone maker X", 无人机企业X公司), a reported "would add"."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def targets(found: list[Candidate]) -> list[tuple[str, str]]:
    return sorted((c.fact["target"], c.fact["imposed_by"]) for c in found if c.kind == "sanction-imposed")


def test_a_known_firm_inside_the_added_list_is_a_target_with_its_company_word() -> None:
    found = run(
        "China on Thursday added Northrop Grumman Corp and Acme Aerial Works to its unreliable entity list.",
        "en", "2024-01-04T18:00:00+08:00",
    )  # fmt: skip
    assert targets(found) == [("acme-aerial-works", "CHN"), ("northrop-grumman", "CHN")]


def test_every_capitalised_item_of_an_entity_list_addition_is_a_target() -> None:
    """A name with no firm word ("Zhongke Sugar") still counts: the Entity List vouches for it."""
    found = run(
        "The Commerce Department on Tuesday added Zhongke Sugar, Polaris Optics Co and the Harbin Institute "
        "of Marine Engineering to the Entity List, saying they support China's military.",
        "en", "2024-03-05T18:00:00-05:00",
    )  # fmt: skip
    assert [t for t, _ in targets(found)] == [
        "harbin-institute-of-marine-engineering", "polaris-optics-co", "zhongke-sugar",
    ]  # fmt: skip


def test_a_firm_after_its_descriptor_is_a_target() -> None:
    found = run("China on Friday sanctioned U.S. drone maker Brinkfly, the foreign ministry said.", "en",
                "2024-10-11T18:00:00+08:00")  # fmt: skip
    assert targets(found) == [("brinkfly", "CHN")]


def test_a_reported_would_add_is_announced_not_hypothetical() -> None:
    found = run(
        "China said on Friday it would add Orbital Sentry Systems to its unreliable entity list.",
        "en", "2024-10-11T18:00:00+08:00",
    )  # fmt: skip
    assert targets(found) == [("orbital-sentry-systems", "CHN")]


def test_a_chinese_descriptor_is_no_part_of_the_firms_name_and_the_list_state_imposes_nothing() -> None:
    """对美国无人机企业X公司采取反制措施: the target is X公司, and 美国 inside the list is the target's state."""
    found = run("外交部11日宣布对美国无人机企业Flyhawk公司采取反制措施。", "zh", "2024-10-11T18:00:00+08:00")
    got = [(c.fact["target"], c.fact["imposed_by"], c.new_actors[0]["names"]) for c in found]
    assert [(imposed, names) for _, imposed, names in got] == [("CHN", {"zh": "Flyhawk公司", "en": "Flyhawk"})]


def test_each_items_descriptor_is_blanked_in_an_including_list() -> None:
    found = run(
        "The Commerce Department on Friday added dozens of Chinese companies, including chipmaker Westlake Micro "
        "and drone maker Skyloft, to its Entity List.", "en", "2020-12-18T20:00:00-05:00",
    )  # fmt: skip
    assert targets(found) == [("skyloft", "USA"), ("westlake-micro", "USA")]


def test_a_department_that_places_firms_on_a_blacklist_imposes_for_its_state() -> None:
    """The gate lets a report naming no known actor through when it tells a measure; the organ is the state."""
    found = run(
        "The Treasury Department on Thursday placed Hikari Vision and seven other Chinese firms on an investment "
        "blacklist.", "en", "2021-12-16T20:00:00-05:00",
    )  # fmt: skip
    assert targets(found) == [("hikari-vision", "USA")]


def test_names_beside_known_ones_are_targets_and_titles_are_no_part_of_them() -> None:
    found = run(
        "China said on Monday it would impose sanctions on Senator Marco Rubio, Representative Dana Whitfield "
        "and Arthur Penhallow over Xinjiang.", "en", "2020-07-13T20:00:00+08:00",
    )  # fmt: skip
    assert [t for t, _ in targets(found)] == ["arthur-penhallow", "dana-whitfield", "marco-rubio"]


def test_a_reason_after_the_list_names_no_target() -> None:
    found = run(
        "China imposed sanctions on the Hudson Institute on Friday for hosting Taiwan President Tsai Ing-wen.",
        "en", "2023-04-07T20:00:00+08:00",
    )  # fmt: skip
    assert [t for t, _ in targets(found)] == ["hudson-institute"]


def test_the_last_and_of_a_vouched_list_separates_before_a_comma() -> None:
    found = run(
        "China on Friday sanctioned seven U.S. defense companies, including Orbis, Kestrel Works and Talon Canada, "
        "over arms sales to Taiwan.", "en", "2024-12-27T20:00:00+08:00",
    )  # fmt: skip
    assert [t for t, _ in targets(found)] == ["kestrel-works", "orbis", "talon-canada"]


def test_the_chinese_export_control_list_is_chinas() -> None:
    found = run("商务部27日宣布，将因斯图公司、哈德逊技术公司等28家美国实体列入出口管制管控名单。", "zh",
                "2024-12-27T20:00:00+08:00")  # fmt: skip
    assert [imposed for _, imposed in targets(found)] == ["CHN", "CHN"]


def test_the_named_members_of_a_counted_group_are_the_targets_zh() -> None:
    found = run(
        "商务部5日发布公告，将13家美国军工企业列入不可靠实体清单，包括洛克希德·马丁公司、鹰眼航空公司和通用动力公司。",
        "zh", "2024-12-05T08:00:00+08:00",
    )  # fmt: skip
    got = [(c.fact["target"], c.fact["imposed_by"]) for c in found if c.kind == "sanction-imposed"]
    assert [t for t, _ in got if t in ("lockheed-martin", "general-dynamics")] == [
        "lockheed-martin",
        "general-dynamics",
    ]
    assert len(got) == 3 and {imposed for _, imposed in got} == {"CHN"}


def test_measures_listed_after_a_count_are_no_targets_zh() -> None:
    found = run("中方5日宣布采取8项反制措施，包括取消中美两军战区领导通话、暂停中美气候变化商谈。", "zh",
                "2022-08-05T20:00:00+08:00")  # fmt: skip
    assert not [c for c in found if c.kind == "sanction-imposed"]
