"""Encounters, spoken acts and channel facts pinned on invented sentences: revival told with "the two militaries'",
video teleconferences, agreements told as a noun, reproach in a forum speech, shared-aim words (no statement),
Chinese titles and topics that are no encounter, refusals told apart from what was asked, planned days of a
postponed visit, 年度 as no date, strategic communication as talks, recalled visits, kinds of mechanism, and the side
of a suspension the lede names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.unit.extract_run import context
from tracker.extract.model import Candidate, Report
from tracker.extract.pipeline import extract

EN = "2024-11-20T09:00:00-05:00"
ZH = "2024-11-20T09:00:00+08:00"
EN25 = "2025-06-02T09:00:00-04:00"


def run(text: str, language: str, published: str = EN) -> list[Candidate]:
    return extract(Report(text, language, datetime.fromisoformat(published)), context())


def kinds(found: list[Candidate], kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in found if c.kind == kind]


def encounters(found: list[Candidate]) -> list[dict[str, Any]]:
    return [c.fact for c in found if c.kind in ("meeting", "call", "talks")]


# -- contacts and channels ---------------------------------------------------------------------------------------


def test_first_contact_since_with_a_possessive_plural_resumes_the_channel() -> None:
    found = run("Charles Q. Brown spoke by video with Liu Zhenli on Monday, the first such call between the two "
                "militaries' senior-most officers since May 2023.", "en")  # fmt: skip
    assert [f["channel"] for f in kinds(found, "channel-resumed")] == ["chiefs-of-defense"]


def test_a_video_teleconference_is_a_call() -> None:
    found = run("Samuel Paparo held a video teleconference with Wu Yanan on Monday.", "en")
    assert [sorted(f["participants"]) for f in kinds(found, "call")] == [["samuel-paparo", "wu-yanan"]]


def test_an_agreement_told_as_a_noun_is_an_intent_not_the_talks() -> None:
    found = run("The exchange followed an agreement Joe Biden and Xi Jinping struck last year to restore talks "
                "between theater commanders.", "en")  # fmt: skip
    assert encounters(found) == []
    assert [f["channel"] for f in kinds(found, "intent-to-meet")] == ["theater-commanders"]


def test_a_title_with_the_word_meeting_and_a_video_call_in_chinese_is_one_call() -> None:
    found = run("美国参谋长联席会议主席布朗18日与中央军委联合参谋部参谋长刘振立举行视频通话，这是双方半年多来首次会谈。",
                "zh", ZH)  # fmt: skip
    assert [f["kind"] for f in encounters(found)] == ["call"]


def test_a_video_call_held_under_a_dialogue_mechanism_is_no_talks() -> None:
    found = run("美国防长奥斯汀18日与中国国防部长董军在防长对话机制下举行视频通话。", "zh", ZH)
    assert [f["kind"] for f in encounters(found)] == ["call"]


def test_a_title_naming_a_joint_chiefs_meeting_opens_no_talks() -> None:
    found = run("美国参谋长联席会议主席布朗18日在五角大楼举行记者会，称刘振立仍未回复。", "zh", ZH)
    assert encounters(found) == []


def test_an_encounter_named_as_the_topic_of_a_remark_is_none() -> None:
    found = run("外交部发言人毛宁19日就美方提出王毅与布林肯会晤一事答记者问。", "zh", ZH)
    assert encounters(found) == []


def test_kinds_of_mechanism_called_off_are_no_encounter() -> None:
    found = run("China on Monday called off several channels of dialogue with Washington over Antony Blinken's "
                "remarks.", "en")  # fmt: skip
    assert encounters(found) == []


def test_a_visit_recalled_as_its_visitors_is_no_meeting() -> None:
    found = run("The ministry said the measures were a response to Antony Blinken's visit.", "en")
    assert encounters(found) == []


def test_a_suspension_told_without_a_side_is_by_the_side_of_the_lede() -> None:
    found = run("China on Monday called off military talks with the United States. In a statement, the ministry said "
                "it was cancelling the maritime safety consultations.", "en")  # fmt: skip
    assert [(f["channel"], f.get("by")) for f in kinds(found, "channel-suspended")] == [("mmca", "CHN")]


# -- spoken acts -------------------------------------------------------------------------------------------------


def test_deeply_troubling_is_a_reproach() -> None:
    found = run("Lloyd Austin said on Monday that China's harassment of Philippine vessels was deeply troubling.", "en")
    assert [(f["participants"], f["recipient"]) for f in kinds(found, "criticism")] == [(["lloyd-austin"], "CHN")]


def test_a_modal_in_the_reported_words_leaves_the_speakers_accusation_real() -> None:
    found = run("Pete Hegseth said on Monday that war could come soon, accusing Beijing of preparing to strike.",
                "en", EN25)  # fmt: skip
    assert [f["participants"] for f in kinds(found, "criticism")] == [["pete-hegseth"]]


@pytest.mark.parametrize(
    ("text", "language", "published"),
    [
        ("习近平18日同拜登通电话。拜登表示，美方愿同中方携手努力。", "zh", ZH),
        ("中国国防部长董军20日在万象会见美国防长奥斯汀。奥斯汀强调了保持两军沟通的重要性。", "zh", ZH),
        ("Lloyd Austin met Dong Jun in Vientiane on Wednesday. Austin told Dong of the importance of keeping "
         "lines of communication open.", "en", EN),
    ],
)  # fmt: skip
def test_words_of_a_shared_aim_are_no_statement(text: str, language: str, published: str) -> None:
    found = run(text, language, published)
    assert encounters(found) and kinds(found, "statement") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("中国国防部长董军20日在万象会见美国防长奥斯汀。奥斯汀表示，美方将继续在南海航行。", "zh"),
        ("Lloyd Austin met Dong Jun in Vientiane on Wednesday. Austin told Dong that the United States would keep "
         "sailing.", "en"),
    ],
)  # fmt: skip
def test_a_position_in_the_same_readout_stays_a_statement(text: str, language: str) -> None:
    found = run(text, language, ZH if language == "zh" else EN)
    assert [f["participants"] for f in kinds(found, "statement")] == [["lloyd-austin"]]


# -- refusals, postponements, dates ------------------------------------------------------------------------------


def test_a_refused_call_named_earlier_is_between_the_two_defence_chiefs_in_the_month() -> None:
    found = run("国防部新闻发言人吴谦20日就美方提出两国防长通话一事发表谈话。吴谦说，中方没有接受美方的通话建议。",
                "zh", ZH)  # fmt: skip
    declined = kinds(found, "meeting-declined")
    assert [(sorted(f["participants"]), f["occurred_on"], f["precision"]) for f in declined] == [
        (["dong-jun", "lloyd-austin"], "2024-11", "month")
    ]
    assert declined[0]["recipient"] == "lloyd-austin"
    assert kinds(found, "call") == []


@pytest.mark.parametrize(
    ("text", "language", "published", "day"),
    [
        ("美国国务卿布林肯18日宣布推迟原定12月2日至3日的北京之行。", "zh", ZH, "2024-12-02"),
        ("Antony Blinken on Monday postponed a trip to Beijing that had been scheduled for Dec. 2.", "en", EN,
         "2024-12-02"),
    ],
)  # fmt: skip
def test_a_postponed_visit_is_dated_on_its_planned_days(text: str, language: str, published: str, day: str) -> None:
    found = run(text, language, published)
    assert [(f["status"], f["occurred_on"]) for f in encounters(found)] == [("cancelled", day)]
    # still to come when called off: news, whatever "had been scheduled" recalls
    assert [c.background for c in found if c.kind in ("meeting", "call", "talks")] == [False]


def test_a_year_attribute_is_no_date_of_the_round() -> None:
    found = run("2024年度中美海上军事安全磋商机制工作小组会议于11月18日至19日在青岛举行。", "zh", ZH)
    assert [(f["occurred_on"], f["precision"], f.get("until")) for f in kinds(found, "talks")] == [
        ("2024-11-18", "day", "2024-11-19")
    ]


def test_a_round_of_strategic_communication_is_talks() -> None:
    found = run("王毅11月18日至19日在维也纳同沙利文举行新一轮战略沟通。", "zh", ZH)
    assert [(f["kind"], sorted(f["participants"])) for f in encounters(found)] == [
        ("talks", ["jake-sullivan", "wang-yi"])
    ]


def test_a_chinese_officials_surname_alone_refers_back_to_him() -> None:
    found = run("Chinese Vice Foreign Minister Zheng Zeguang met U.S. Ambassador Terry Branstad in Beijing on Monday. "
                "Zheng pressed Washington to drop its new tariffs.", "en", "2018-10-10T11:00:00+08:00")  # fmt: skip
    assert [(f["participants"], f["recipient"]) for f in kinds(found, "demand")] == [(["zheng-zeguang"], "USA")]


def test_hours_of_talks_during_which_leaders_agree_are_a_meeting_off_the_agreed_channel() -> None:
    found = run("Joe Biden and Xi Jinping agreed on Saturday to restore the hotline during two hours of talks in Lima.",
                "en", "2024-11-17T09:00:00-05:00")  # fmt: skip
    assert [(f["kind"], f.get("channel")) for f in encounters(found)] == [("meeting", None)]
    assert [f["channel"] for f in kinds(found, "intent-to-meet")] == ["defense-telephone-link"]


def test_an_agreement_spelled_out_in_the_next_sentence_is_one_intent_per_channel() -> None:
    found = run("Joe Biden and Xi Jinping agreed on Saturday to restore military contacts. Under the deal the two sides "
                "will resume the Defense Policy Coordination Talks and maritime safety consultations.", "en",
                "2024-11-17T09:00:00-05:00")  # fmt: skip
    assert sorted((f["channel"], tuple(f["participants"])) for f in kinds(found, "intent-to-meet")) == [
        ("dpct", ("joe-biden", "xi-jinping")), ("mmca", ("joe-biden", "xi-jinping"))
    ]  # fmt: skip


def test_a_reproach_chained_on_the_clause_before_criticises_that_clauses_side() -> None:
    found = run("发言人20日表示，美方近期多次派军舰穿越台湾海峡，严重损害两军关系。", "zh", ZH)
    assert [(f["participants"], f["recipient"]) for f in kinds(found, "criticism")] == [(["CHN"], "USA")]


def test_underscored_that_in_a_readout_is_a_statement() -> None:
    found = run("Lloyd Austin met Dong Jun in Vientiane on Wednesday. Austin underscored that Washington would stand by "
                "its allies in the region.", "en")  # fmt: skip
    assert [f["participants"] for f in kinds(found, "statement")] == [["lloyd-austin"]]


def test_words_told_during_a_call_named_after_them_are_its_readout() -> None:
    found = run("Xi Jinping told Joe Biden during their call on Tuesday that export controls were a red line.", "en")
    assert [sorted(f["participants"]) for f in kinds(found, "call")] == [["joe-biden", "xi-jinping"]]
    assert [(f["participants"], f["recipient"]) for f in kinds(found, "statement")] == [(["xi-jinping"], "USA")]
