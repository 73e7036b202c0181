"""Round 9: a sanction's targets listed in the sentence after the counted announcement (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run, sanction_targets

_AT = "2024-03-07T10:00:00+00:00"


def _targets(text: str, language: str) -> set[tuple[str, str]]:
    return sanction_targets(text, language, _AT)


def test_english_companies_are_list_after_entity_list() -> None:
    text = (
        "The Commerce Department added 12 Chinese entities to its Entity List on Tuesday. "
        "The companies are Qinghe Lanting Technology Co, Xiamen Haiyue Institute and Luoping Zhiyuan Ltd."
    )
    assert _targets(text, "en") == {
        ("qinghe-lanting-technology-co", "USA"),
        ("xiamen-haiyue-institute", "USA"),
        ("luoping-zhiyuan-ltd", "USA"),
    }
    facts = [c.fact for c in run(text, "en", _AT) if c.kind == "sanction-imposed"]
    assert {f["occurred_on"] for f in facts} == {"2024-03-05"}


def test_english_among_them_are() -> None:
    text = (
        "Washington added seven Chinese firms to its Entity List on Monday. "
        "Among them are Heshan Baiyun Electronics and Pingtan Ruixing Aerospace."
    )
    assert _targets(text, "en") == {("heshan-baiyun-electronics", "USA"), ("pingtan-ruixing-aerospace", "USA")}


def test_english_no_list_without_a_counted_group() -> None:
    text = (
        "The Commerce Department added Qinghe Lanting Technology Co to its Entity List on Tuesday. "
        "They include Xiamen Haiyue Institute officials who attended the talks."
    )
    assert ("xiamen-haiyue-institute", "USA") not in _targets(text, "en")


def test_chinese_including_in_next_sentence() -> None:
    text = "中国商务部4日宣布将6家美国企业列入不可靠实体清单。包括北辰星河航天系统公司、远帆海洋防务公司在内的企业被禁止从事与中国有关的进出口活动。"
    found = _targets(text, "zh")
    assert len(found) == 2 and all(by == "CHN" for _, by in found)


def test_english_list_after_a_sentence_about_the_same_measures_names_every_item() -> None:
    # the list two sentences on, past one telling the measures; single-word names the opener vouches for
    text = (
        "China announced sanctions on Sunday on four American defense companies. "
        "The measures freeze any property the companies hold in China. "
        "The companies are Orvale Land Systems, Kestrant, Brimley and Harwick Data Solutions."
    )
    assert _targets(text, "en") == {
        ("orvale-land-systems", "CHN"),
        ("kestrant", "CHN"),
        ("brimley", "CHN"),
        ("harwick-data-solutions", "CHN"),
    }


def test_english_list_is_not_taken_past_another_announcement() -> None:
    text = (
        "China announced sanctions on Sunday on four American defense companies. "
        "The Commerce Department also sanctioned a Chinese shipping firm. "
        "The companies are Orvale Land Systems and Harwick Data Solutions."
    )
    assert ("orvale-land-systems", "CHN") not in _targets(text, "en")
