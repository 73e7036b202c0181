"""Round 10f: lists of sanctioned firms and people the gazetteer lacks — members after "among them", designations
"pursuant to" an executive order, posts between the names of a list, Latin names glossed in brackets, the keeper
of a Chinese-named list, and a lone 中 that opens a firm's name (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run, sanction_targets

_AT = "2026-05-06T10:00:00+00:00"


def _targets(text: str, language: str = "en") -> set[tuple[str, str]]:
    return sanction_targets(text, language, _AT)


def _names(text: str, language: str) -> list[dict[str, str]]:
    return [a["names"] for c in run(text, language, _AT) if c.kind == "sanction-imposed" for a in c.new_actors]


def test_members_after_among_them_each_with_a_plural_descriptor() -> None:
    text = (
        "The Commerce Department said on Tuesday it was adding 14 entities to its Entity List, among them the drone "
        "makers Lantern Peak Aviation and Qilu Skyworks and the battery companies Voltaris and Greenhold, which "
        "it said supplied the army."
    )
    assert _targets(text) == {
        ("lantern-peak-aviation", "USA"), ("qilu-skyworks", "USA"), ("voltaris", "USA"), ("greenhold", "USA"),
    }  # fmt: skip
    text = (
        "Washington said it was adding 3 firms to its Entity List, including Lantern Peak Aviation and Qilu Skyworks "
        "and the battery company Voltaris."
    )
    assert _targets(text) == {("lantern-peak-aviation", "USA"), ("qilu-skyworks", "USA"), ("voltaris", "USA")}


def test_a_designation_pursuant_to_an_executive_order() -> None:
    text = (
        "Today, the Department of the Treasury is designating two PRC officials, Zhao Minghe, Director of the Kashgar Water Bureau, "
        "and Liu Fangwen, pursuant to Executive Order 13818."
    )
    assert _targets(text) == {("zhao-minghe", "USA"), ("liu-fangwen", "USA")}
    assert _targets("The two designations build on an action against Liu Fangwen last year.") == set()


def test_posts_between_the_names_listed_after_the_announcement() -> None:
    text = (
        "China on Tuesday imposed sanctions on five American individuals and entities. The foreign ministry said "
        "those targeted included Dana Whitlock, chair of the Pacific Liberty Commission, Owen Marsh, Asia director "
        "at Civic Rights Watch, and the Harbour Freedom Council."
    )
    found = _targets(text)
    assert {("dana-whitlock", "CHN"), ("owen-marsh", "CHN"), ("harbour-freedom-council", "CHN")} <= found
    assert not any("pacific" in target or "civic" in target for target, _ in found)


def test_latin_names_glossed_in_brackets_and_the_unreliable_list_is_chinas() -> None:
    text = (
        "在美方加征关税后，商务部宣布，将银河防务公司（Galaxy Defense）、北岭科技公司（Northridge Technologies）"
        "等2家美国实体列入不可靠实体清单。"
    )
    assert _targets(text, "zh") == {("galaxy-defense", "CHN"), ("northridge-technologies", "CHN")}
    assert {"zh": "银河防务公司", "en": "Galaxy Defense"} in _names(text, "zh")


def test_the_entity_list_in_chinese_is_the_united_states() -> None:
    text = "在中方表态后，美国商务部宣布将华岭半导体有限公司等5家中国实体列入实体清单。"
    assert _targets(text, "zh") == {("hualingbandaotiyouxiangongsi", "USA")}


def test_a_lone_zhong_opening_a_firms_name_stays() -> None:
    text = "美国商务部宣布将中科星河科技股份有限公司、东岳存储科技有限公司等12家中国实体列入实体清单。"
    assert {"zh": "中科星河科技股份有限公司"} in _names(text, "zh")


def test_a_denial_order_on_a_firm_named_without_a_firm_word() -> None:
    text = "美国商务部当地时间3日宣布，激活对中国华星通讯的拒绝令，禁止美国企业向其出售零部件。"
    assert _targets(text, "zh") == {("huaxingtongxun", "USA")}
    assert {"zh": "华星通讯"} in _names(text, "zh")


def test_the_export_control_list_is_chinas_whatever_the_reason_names() -> None:
    text = "在美方对华加征关税后，商务部决定将银河防务公司（Galaxy Defense）等3家美国实体列入出口管制管控名单。"
    assert _targets(text, "zh") == {("galaxy-defense", "CHN")}


def test_members_after_the_list_and_a_date() -> None:
    text = (
        "The Commerce Department added 27 entities to its Entity List on Monday, including Qilu Skyworks, "
        "Harbin Lantern Optics and Voltaris, citing national security."
    )
    assert _targets(text) == {("qilu-skyworks", "USA"), ("harbin-lantern-optics", "USA"), ("voltaris", "USA")}


def test_the_list_told_next_keeps_its_keeper() -> None:
    text = (
        "在中方出台新规后，美国商务部宣布将2家中国实体列入实体清单。其中包括华岭半导体有限公司和东岳存储科技有限公司。"
    )
    assert _targets(text, "zh") == {("hualingbandaotiyouxiangongsi", "USA"), ("dongyuecunchukejiyouxiangongsi", "USA")}


def test_a_designation_naming_no_one_the_index_knows_is_read() -> None:
    # no known actor and no word "sanction": the executive order marks the report as one of a measure
    text = (
        "Today, the Department of the Treasury is designating two Chinese officials, Zhao Minghe and Liu Fangwen, "
        "pursuant to Executive Order 13818."
    )
    assert _targets(text) == {("zhao-minghe", "USA"), ("liu-fangwen", "USA")}
