"""Round C rule classes, on invented sentences: traditional stop words after a title, the person whose words a
reproach judges, departures still ahead, president-elect, comparison-only dates, invitations, apposed offices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def facts(text: str, language: str) -> list[dict[str, Any]]:
    published = "2024-11-21T09:00:00+08:00" if language == "zh" else "2024-11-21T09:00:00-05:00"
    return [c.fact for c in extract(Report(text, language, datetime.fromisoformat(published)), context())]


def of_kind(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [f for f in facts(text, language) if f["kind"] == kind]


def test_a_traditional_stop_word_ends_no_name_after_a_title() -> None:
    # 以來 (traditional) after 國安顧問 is no transliterated name
    found = facts("這將是蘇利文出任國安顧問以來首次訪華。", "zh")
    assert found and all("yilai" not in f.get("participants", []) for f in found)


def test_a_reproach_of_someones_remarks_is_addressed_to_them() -> None:
    en = of_kind("Antony Blinken said on Tuesday that Wang Yi's remarks were irresponsible.", "en", "criticism")
    assert [f.get("recipient") for f in en] == ["wang-yi"]
    zh = of_kind("外交部发言人毛宁21日表示，布林肯的讲话是不负责任的。", "zh", "criticism")
    assert [f.get("recipient") for f in zh] == ["antony-blinken"]


def test_a_reproach_by_a_speaker_of_unknown_side_still_names_whose_words() -> None:
    text = "Lt. Gen. Zhou Bo told reporters on Tuesday that Lloyd Austin's speech was irresponsible."
    assert [f.get("recipient") for f in of_kind(text, "en", "criticism")] == ["lloyd-austin"]


def test_a_departure_announced_for_later_is_no_office_left() -> None:
    assert of_kind("Lloyd Austin said on Tuesday he would step down at the end of March.", "en", "office-left") == []
    assert of_kind("Lloyd Austin stepped down on Tuesday.", "en", "office-left") != []


def test_a_president_elect_takes_no_office() -> None:
    assert of_kind("美國當選總統川普20日與習近平通電話。", "zh", "office-assumed") == []
    assert of_kind("美国当选总统特朗普20日与习近平通电话。", "zh", "office-assumed") == []


def test_a_comparison_alone_never_dates_the_visit() -> None:
    found = facts("奥斯汀是2019年以来首位访华的美国防长。", "zh")
    assert all(not f["occurred_on"].startswith("2019") for f in found)


def test_a_traditional_invitation_framing_a_visit_is_no_appeal() -> None:
    text = "應外交部長王毅邀請，美國國務卿布林肯將於11月25日至27日訪問中國。"
    assert of_kind(text, "zh", "appeal") == []
    assert of_kind(text, "zh", "meeting") != []


def test_an_invitation_is_addressed_to_the_person_invited() -> None:
    text = "美国国防部长奥斯汀当天在八一大楼同国防部长董军举行了会谈，并邀请董军访问五角大楼。"
    appeals = of_kind(text, "zh", "appeal")
    assert [(f["participants"], f.get("recipient")) for f in appeals] == [(["lloyd-austin"], "dong-jun")]


def test_only_serves_to_raise_tensions_is_a_criticism() -> None:
    text = "Antony Blinken said on Tuesday that Beijing's drills near Taiwan only serve to raise tensions."
    assert [f["kind"] for f in facts(text, "en") if f["kind"] in ("statement", "criticism")] == ["criticism"]


def test_a_ranked_new_name_takes_the_state_of_the_office_in_apposition() -> None:
    text = (
        "Lt. Col. Ann Reyes, a Pentagon spokeswoman, said on Tuesday that Beijing's drills near Taiwan only serve"
        " to raise tensions."
    )
    assert [(f["participants"], f.get("recipient")) for f in of_kind(text, "en", "criticism")] == [
        (["ann-reyes"], "CHN")
    ]


def test_the_office_named_as_wins_over_an_apposition() -> None:
    text = "China named Xie Feng, its ambassador to the United States, as foreign minister on Monday."
    assert [f["office"] for f in of_kind(text, "en", "office-assumed")] == ["Minister of Foreign Affairs"]


def test_years_ago_with_a_month_counts_back_from_the_report() -> None:
    found = of_kind("两年前的8月，中国外交部宣布取消中美两军战区领导通话。", "zh", "channel-suspended")
    assert [f["occurred_on"] for f in found] == ["2022-08"]


def test_who_acted_in_a_time_clause_does_not_call_a_channel_off() -> None:
    text = "去年8月，美国众议长佩洛西访问台湾后，中国外交部宣布取消中美两军战区领导通话。"
    assert [f.get("by") for f in of_kind(text, "zh", "channel-suspended")] == ["CHN"]


def test_a_channel_said_to_be_still_silent_is_not_resumed() -> None:
    silent = "分析人士说，两军沟通虽部分恢复，但战区领导通话至今仍未实现。"
    assert of_kind(silent, "zh", "channel-resumed") == []
    resumed = "中美海上军事安全磋商21日在夏威夷恢复举行。"
    assert [f["channel"] for f in of_kind(resumed, "zh", "channel-resumed")] == ["mmca"]


def test_an_encounter_said_not_to_have_taken_place_is_none() -> None:
    assert facts("分析人士说，中美战区领导通话至今仍未实现。", "zh") == []
    assert of_kind("中美战区领导21日通话。", "zh", "call") != []


CALLED_ZH = "习近平21日同美国总统拜登通电话。"


def spoken(text: str) -> list[str]:
    return [f["kind"] for f in facts(text, "zh") if f["kind"] in ("statement", "criticism", "demand")]


def test_calling_the_call_very_good_is_praise_not_a_statement() -> None:
    assert spoken(CALLED_ZH + "拜登随后说，这次通话对两国都「非常好」。") == []


def test_the_most_important_relationship_is_praise_of_a_shared_aim() -> None:
    assert spoken(CALLED_ZH + "拜登表示，中美关系是当今世界上最重要的双边关系。") == []
    assert spoken(CALLED_ZH + "拜登表示，美方不支持台湾独立。") == ["statement"]


def test_persons_of_what_was_agreed_are_not_at_the_talks() -> None:
    text = (
        "Antony Blinken and Wang Yi held five hours of talks in Lima on Wednesday and agreed in principle that"
        " Joe Biden and Xi Jinping would hold a call before the end of the year."
    )
    assert [sorted(f["participants"]) for f in of_kind(text, "en", "meeting")] == [["antony-blinken", "wang-yi"]]


def test_the_person_a_protest_is_about_is_not_the_protester() -> None:
    one_clause = "中国外交部长王毅21日就美国国务卿布林肯涉台言论提出严正交涉。"
    assert [f["participants"] for f in of_kind(one_clause, "zh", "criticism")] == [["wang-yi"]]
    summons = "外交部副部长谢锋21日紧急约见美国驻华大使伯恩斯，就美国国务卿布林肯会见台湾官员提出严正交涉。"
    assert [f["participants"] for f in of_kind(summons, "zh", "criticism")] == [["xie-feng"]]


def test_an_intelligence_chief_is_a_titled_new_official() -> None:
    en = of_kind("CIA Director Mark Dalton met Wang Yi in Beijing on Tuesday.", "en", "meeting")
    assert [sorted(f["participants"]) for f in en] == [["mark-dalton", "wang-yi"]]
    report = Report(
        "美国中央情报局局长马克·道尔顿21日在北京会见王毅。", "zh", datetime.fromisoformat("2024-11-21T09:00:00+08:00")
    )
    offices = [a.get("office") for c in extract(report, context()) for a in c.new_actors]
    assert "Director of the Central Intelligence Agency" in offices
