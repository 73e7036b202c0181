"""Round 10: the items of a sanction's list — descriptions between them, short forms, commissions by their remit,
the list opened by "Among the firms … were", and the gazetteer's bare Raytheon (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run, sanction_targets

_AT = "2026-05-06T10:00:00+00:00"


def _targets(text: str, language: str = "en") -> set[tuple[str, str]]:
    return sanction_targets(text, language, _AT)


def test_a_commission_named_by_its_remit_after_described_persons() -> None:
    text = (
        "China said on Wednesday it would impose sanctions on Senator Marco Rubio, human rights envoy "
        "Sam Brownback and the Joint Commission on Maritime Freedom, blaming Harlow Institute for the move."
    )
    found = _targets(text)
    assert ("joint-commission-on-maritime-freedom", "CHN") in found
    assert not any("harlow" in target for target, _ in found)  # a verb's object ends the list
    assert ("marco-rubio", "CHN") in found and ("sam-brownback", "CHN") in found
    assert not any(target.startswith("u-s") or "washington" in target for target, _ in found)


def test_a_state_in_a_bodys_remit_is_part_of_its_name() -> None:
    text = "China said on Wednesday it would impose sanctions on Senator Marco Rubio and the Maritime Commission on China, Washington said."
    assert ("maritime-commission-on-china", "CHN") in _targets(text)


def test_a_short_form_in_brackets_names_the_firm_and_the_list_goes_on() -> None:
    text = (
        "The Commerce Department on Wednesday added Hanlin Optical Instruments Corp (HOIC) and camera maker "
        "ZKV to its entity list."
    )
    assert _targets(text) == {("hoic", "USA"), ("zkv", "USA")}


def test_among_the_firms_were_with_a_parent_between_commas() -> None:
    text = (
        "The United States on Wednesday added 11 Chinese companies to a trade blacklist. "
        "Among the firms placed on the list were Qiantang Marine Group, a unit of state-owned Yangtze Harbour Co, "
        "and Minjiang Radar Systems."
    )
    assert _targets(text) == {("qiantang-marine-group", "USA"), ("minjiang-radar-systems", "USA")}


def test_bare_raytheon_is_raytheon_technologies() -> None:
    # the gazetteer: 雷神公司 and a bare "Raytheon" are the labels' raytheon-technologies
    assert ("raytheon-technologies", "CHN") in _targets("中方5日决定对美国雷神公司实施制裁。", "zh")
    assert ("raytheon-technologies", "CHN") in _targets("China said on Wednesday it would sanction Raytheon.")
    assert ("raytheon-missiles-and-defense", "CHN") in _targets(
        "商务部5日将雷神导弹与防务公司列入不可靠实体清单。", "zh"
    )


def test_a_sanction_named_as_the_topic_of_a_spokesmans_remarks_is_none_imposed_then() -> None:
    text = (
        "国防部新闻发言人吴谦6日就美方对中央军委装备发展部及其负责人实施制裁发表谈话说，美方此举严重违反国际关系基本准则。"
        "美国国务院4日宣布对中央军委装备发展部实施制裁。"
    )
    facts = [c.fact for c in run(text, "zh", _AT) if c.kind == "sanction-imposed"]
    assert facts and {f["occurred_on"] for f in facts} == {"2026-05-04"}


def test_counted_firms_named_as_the_next_sentences_subjects() -> None:
    text = (
        "The U.S. Treasury on Wednesday imposed sanctions on two Chinese companies that it said helped build drones. "
        "Ningbo Halcyon Engine Co. makes the engines, while Jinhua Ostrava Radar Co. ships radar parts to a Russian "
        "buyer, the Treasury said."
    )
    assert {t for t in _targets(text) if t[1] == "USA"} == {
        ("ningbo-halcyon-engine-co", "USA"),
        ("jinhua-ostrava-radar-co", "USA"),
    }


def test_firm_subjects_not_matching_the_count_are_no_list() -> None:
    text = (
        "The U.S. Treasury on Wednesday imposed sanctions on three Chinese companies that it said helped build drones. "
        "Ningbo Halcyon Engine Co. makes the engines, while Jinhua Ostrava Radar Co. ships radar parts to a Russian "
        "buyer, the Treasury said."
    )
    assert not any("ningbo" in target for target, _ in _targets(text))


def test_gazetteer_think_tank_and_library_in_traditional_characters() -> None:
    text = "中國外交部10日宣布，中方已對美國智庫哈德遜研究所、雷根總統圖書館實施反制。"
    found = _targets(text, "zh")
    assert {("hudson-institute", "CHN"), ("ronald-reagan-presidential-library", "CHN")} <= found
