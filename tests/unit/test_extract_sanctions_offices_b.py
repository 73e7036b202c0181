"""Sanctions, offices and the actors they name, on invented sentences: titles stripped before a sanctioned
person's name, a counted group naming no one, a doubled legal form, the so-called Entity List, a body named as a
person's post in a passive sanction, Chinese lists of 委员会, dismissals of new officials, a nickname in quotes,
and 接任 with an office (the subject takes it)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run
from tracker.extract.lexicon import Trigger
from tracker.extract.model import Candidate, Sentence, Span
from tracker.extract.targets import list_targets

EN = "2024-11-20T09:00:00-05:00"
ZH = "2024-11-20T09:00:00+08:00"


def kinds(found: list[Candidate], kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in found if c.kind == kind]


def targets(found: list[Candidate]) -> list[str]:
    return [c.fact["target"] for c in found if c.kind == "sanction-imposed"]


def new_names(found: list[Candidate]) -> dict[str, dict[str, str]]:
    return {a["slug"]: a["names"] for c in found for a in c.new_actors}


# -- titles before a sanctioned person's name ------------------------------------------------------------------


def test_a_title_of_words_before_a_new_name_is_stripped() -> None:
    found = run("The United States on Tuesday sanctioned Xinjiang Party Secretary Wang Lixin over forced labour.",
                "en", EN)  # fmt: skip
    assert targets(found) == ["wang-lixin"]


def test_an_office_phrase_of_the_lexicon_before_a_new_name_is_stripped() -> None:
    # "Vice Foreign Minister" is an office phrase; the name after it is the target, not "Vice Foreign Minister Lu"
    found = run("Washington on Tuesday sanctioned Chinese Vice Foreign Minister Lu Haoran Qiu for his role.", "en",
                EN)  # fmt: skip
    assert targets(found) == ["lu-haoran-qiu"]


def test_names_with_inner_capitals_and_apostrophes_after_abbreviated_titles() -> None:
    found = run("China on Friday imposed sanctions on Rep. Tom McKinnon and Sen. Ann O'Dell over Taiwan.", "en", EN)
    assert targets(found) == ["tom-mckinnon", "ann-odell"]


def test_a_title_with_its_portfolio_after_for_is_no_reason_clause() -> None:
    found = run("The U.S. Treasury on Friday imposed sanctions on police commissioner Chris Tang and Secretary for "
                "Security Alan Fung.", "en", EN)  # fmt: skip
    assert targets(found) == ["chris-tang", "alan-fung"]
    found = run("The U.S. on Friday sanctioned Alan Fung for his role in the crackdown.", "en", EN)
    assert targets(found) == ["alan-fung"]


def test_a_counted_group_of_officials_names_no_one() -> None:
    found = run("The United States on Tuesday imposed sanctions on Hong Kong Security Chief Raymond Tsang and six "
                "other senior Hong Kong and Macau officials for curbing dissent.", "en", EN)  # fmt: skip
    assert targets(found) == ["raymond-tsang"]
    found = run("Washington on Tuesday sanctioned Guangzhou police chief Henry Lau and five other senior Silk Harbor "
                "Initiative officials.", "en", EN)  # fmt: skip
    assert targets(found) == ["henry-lau"]


def test_a_body_named_in_a_persons_apposition_is_no_person() -> None:
    found = run("The U.S. Treasury on Friday sanctioned Gao Wenli, the party chief of the Tarim Farming and Reclamation "
                "Corps, and Ma Jun, director of the Kashgar Public Security Bureau.", "en", EN)  # fmt: skip
    assert targets(found) == ["gao-wenli", "ma-jun"]


def test_a_place_named_beside_a_person_is_no_target() -> None:
    found = run("The United States on Tuesday sanctioned police chief Zhou Ming and Hong Kong over the arrests.",
                "en", EN)  # fmt: skip
    assert targets(found) == ["zhou-ming"]


def test_the_hong_kong_chief_executive_is_an_office_of_china() -> None:
    found = run("The United States on Tuesday sanctioned Hong Kong Chief Executive Peter Wong.", "en", EN)
    new = {a["slug"]: a for c in found for a in c.new_actors}
    assert targets(found) == ["peter-wong"]
    assert (new["peter-wong"]["office"], new["peter-wong"]["state"]) == ("Chief Executive of Hong Kong", "CHN")


def test_known_firms_joined_by_and_are_two_targets_not_one_name() -> None:
    found = run("Beijing on Monday slapped sanctions on Lockheed Martin and Orion Dynamics over arms sales to Taiwan.",
                "en", EN)  # fmt: skip
    assert targets(found) == ["lockheed-martin", "orion-dynamics"]


def test_a_known_parent_inside_a_units_name_stays_in_it() -> None:
    found = run("China on Friday sanctioned Lockheed Martin Orbital Systems over arms sales to Taiwan.", "en", EN)
    assert list(new_names(found).values()) == [{"en": "Lockheed Martin Orbital Systems"}]


def test_titled_people_right_after_a_chinese_sanction_verb() -> None:
    found = run("美国财政部19日宣布制裁新疆公安厅厅长王明远和副厅长赵光等9名官员。", "zh", ZH)
    assert [n["zh"] for n in new_names(found).values()] == ["王明远", "赵光"]
    assert {c.fact["imposed_by"] for c in found if c.kind == "sanction-imposed"} == {"USA"}
    found = run("美国财政部19日宣布制裁星辰航天董事长办公室全体成员。", "zh", ZH)
    assert new_names(found) == {}  # a title's office, not a name


# -- entity lists ------------------------------------------------------------------------------------------------


def test_a_doubled_legal_form_keeps_its_first_word_in_the_new_name() -> None:
    found = run("The U.S. Commerce Department said on Tuesday it was adding Orion Falcon Robotics Co Ltd and 12 "
                "affiliates to its Entity List.", "en", EN)  # fmt: skip
    assert len(targets(found)) == 1
    assert list(new_names(found).values()) == [{"en": "Orion Falcon Robotics Co"}]


def test_a_so_called_entity_list_holds_its_list_inside_the_words() -> None:
    text = "The Commerce Department said it was adding Orion Falcon Robotics and Delta Optics to its so-called Entity List."
    sentence = Sentence(text, Span(0, len(text)))
    start = text.index("adding")
    trigger = Trigger("sanction-imposed", Span(start, len(text) - 1), text[start:-1])
    found, _ = list_targets(trigger, sentence, [], "CHN", "en", 90)
    assert [m.name for m in found] == ["Orion Falcon Robotics", "Delta Optics"]


# -- passive sanctions and their dates ----------------------------------------------------------------------------


def test_a_body_named_as_the_post_of_a_sanctioned_person_is_not_the_target() -> None:
    found = run("李尚福2018年担任中央军委装备发展部部长期间，曾因购买俄罗斯武器遭美国制裁。", "zh", ZH)
    assert targets(found) == ["li-shangfu"]
    assert kinds(found, "sanction-imposed")[0]["occurred_on"] == "2018"


def test_coordinated_subjects_of_a_passive_sanction_are_each_a_target() -> None:
    found = run("Wei Fenghe and Li Shangfu were both sanctioned by Washington in 2018.", "en", EN)
    assert targets(found) == ["wei-fenghe", "li-shangfu"]
    found = run("魏凤和、李尚福2018年均曾遭美国制裁。", "zh", ZH)
    assert targets(found) == ["wei-fenghe", "li-shangfu"]
    found = run("Lloyd Austin met Li Shangfu, who was sanctioned by Washington in 2018.", "en", EN)
    assert targets(found) == ["li-shangfu"]


# -- Chinese lists of bodies ----------------------------------------------------------------------------------


def test_a_commission_split_at_ji_is_one_body_in_a_chinese_list() -> None:
    found = run("外交部发言人19日宣布，中方决定对美国国家安全及新兴技术审查委员会和参议员卢比奥实施制裁。", "zh", ZH)
    names = new_names(found)
    assert "marco-rubio" in targets(found)
    assert [n["zh"] for n in names.values()] == ["国家安全及新兴技术审查委员会"]


def test_a_class_or_a_count_of_targets_in_a_chinese_list_is_no_name() -> None:
    found = run("外交部发言人19日宣布，中方决定对美国星辰防务公司、北极光学公司等军工企业以及有关个人和实体实施制裁。",
                "zh", ZH)  # fmt: skip
    assert [n["zh"] for n in new_names(found).values()] == ["星辰防务公司", "北极光学公司"]
    found = run("美国商务部19日宣布将中国星辰光电公司及其12家关联企业列入实体清单。", "zh", ZH)
    assert [n["zh"] for n in new_names(found).values()] == ["星辰光电公司"]
    found = run("美国商务部19日宣布将中国星辰光电集团及其下属8家研究所列入实体清单。", "zh", ZH)
    assert [n["zh"] for n in new_names(found).values()] == ["星辰光电集团"]


# -- dismissals and new officials ------------------------------------------------------------------------------


def test_a_ranked_new_official_fired_as_an_office_takes_the_offices_state() -> None:
    found = run("President Joe Biden on Monday ousted Adm. Karen Whitlow as chief of naval operations.", "en", EN)
    assert [(f["actor"], f["office"], f["state"]) for f in kinds(found, "office-left")] == [
        ("karen-whitlow", "Chief of Naval Operations", "USA")
    ]


def test_a_dismissed_officer_named_with_the_naval_operations_title() -> None:
    found = run("U.S. Adm. Karen Whitlow, the chief of naval operations, was dismissed on Monday.", "en", EN)
    assert [(f["actor"], f["office"], f["occurred_on"]) for f in kinds(found, "office-left")] == [
        ("karen-whitlow", "Chief of Naval Operations", "2024-11-18")
    ]


def test_a_new_official_in_apposition_after_a_definite_title() -> None:
    found = run("Defense Secretary Lloyd Austin on Monday fired the chief of naval operations, Adm. Karen Whitlow.",
                "en", EN)  # fmt: skip
    assert [(f["actor"], f["office"], f["state"]) for f in kinds(found, "office-left")] == [
        ("karen-whitlow", "Chief of Naval Operations", "USA")
    ]


def test_a_known_person_named_with_a_nickname_in_quotes() -> None:
    found = run("Gen. Charles “CQ” Brown stepped down as chairman of the Joint Chiefs of Staff on Monday.", "en", EN)
    assert [(f["actor"], f["office"]) for f in kinds(found, "office-left")] == [
        ("charles-q-brown", "Chairman of the Joint Chiefs of Staff")
    ]


# -- Chinese verbs of office --------------------------------------------------------------------------------------


def test_jieren_with_an_office_is_the_subject_taking_it() -> None:
    found = run("董军于去年12月接任国防部长，此前他是海军副司令员。", "zh", ZH)
    assert kinds(found, "office-left") == []
    assert [(f["actor"], f["office"], f["occurred_on"]) for f in kinds(found, "office-assumed")] == [
        ("dong-jun", "Minister of National Defense", "2023-12")
    ]


def test_jieren_with_a_person_is_still_the_persons_departure() -> None:
    found = run("2023年12月29日，董军接任李尚福，担任国防部长。", "zh", ZH)
    assert ("li-shangfu", "Minister of National Defense") in [
        (f["actor"], f["office"]) for f in kinds(found, "office-left")
    ]


def test_jiuren_is_taking_an_office() -> None:
    found = run("秦刚于2022年12月30日就任外交部长。", "zh", ZH)
    assert [(f["actor"], f["office"]) for f in kinds(found, "office-assumed")] == [
        ("qin-gang", "Minister of Foreign Affairs")
    ]


def test_jieren_with_an_office_after_a_name_that_needs_its_office() -> None:
    found = run("据美国媒体报道，布朗于2023年10月1日接任参联会主席。", "zh", ZH)
    assert kinds(found, "office-left") == []
    assert [(f["actor"], f["office"], f["occurred_on"]) for f in kinds(found, "office-assumed")] == [
        ("charles-q-brown", "Chairman of the Joint Chiefs of Staff", "2023-10-01")
    ]
