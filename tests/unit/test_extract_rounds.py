"""Rounds of talks and the channels they restart, on invented reports: a named round ("held Military Maritime
Consultative Agreement working group talks"), a virtual summit, a round's roster (共同主持), and "the first …"
after a long silence or a suspension (a resumption) or after a short one (a routine round)."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def kinds(found: list[Candidate]) -> list[str]:
    return sorted(c.kind for c in found)


def test_a_round_named_in_capitals_is_talks_on_its_channel() -> None:
    found = run(
        "U.S. and Chinese naval officers held Military Maritime Consultative Agreement working group talks in "
        "Qingdao on Tuesday.", "en", "2025-03-12T20:00:00+08:00",
    )  # fmt: skip
    assert [(c.kind, c.fact.get("channel")) for c in found] == [("talks", "mmca")]


def test_a_virtual_summit_is_a_call() -> None:
    found = run("President Joe Biden and Chinese President Xi Jinping held a virtual summit on Monday.", "en",
                "2021-11-16T20:00:00-05:00")  # fmt: skip
    assert [(c.kind, sorted(c.fact["participants"])) for c in found] == [("call", ["joe-biden", "xi-jinping"])]


def test_the_roster_of_a_round_names_its_parties_and_an_office_name_is_no_cooperation_zh() -> None:
    found = run(
        "第18次中美国防政策协调会谈9月18日至19日在北京举行。中央军委国际军事合作办公室副主任宋延超与美国国防部"
        "副助理部长蔡斯共同主持。", "zh", "2024-09-20T09:00:00+08:00",
    )  # fmt: skip
    assert [(c.kind, sorted(c.fact["participants"])) for c in found] == [("talks", ["michael-chase", "song-yanchao"])]


def test_the_first_contact_in_seventeen_months_resumes_the_channel() -> None:
    found = run(
        "Defense Secretary Lloyd Austin spoke by video call on Tuesday with Chinese Defense Minister Dong Jun, the "
        "first conversation between the two defense chiefs in 17 months.", "en", "2024-04-17T08:00:00-04:00",
    )  # fmt: skip
    assert kinds(found) == ["call", "channel-resumed"]


def test_seventeen_months_resumes_and_a_month_name_is_no_silence_zh() -> None:
    resumed = run("美国国防部长奥斯汀16日与中国国防部长董军视频通话。这是两国防长17个月来首次通话。", "zh",
                  "2024-04-17T08:00:00+08:00")  # fmt: skip
    assert kinds(resumed) == ["call", "channel-resumed"]
    routine = run("美国国防部长奥斯汀16日与中国国防部长董军视频通话。这是董军去年12月上任以来两国防长首次通话。", "zh",
                  "2024-04-17T08:00:00+08:00")  # fmt: skip
    assert kinds(routine) == ["call"]


def test_the_first_round_since_a_suspension_resumes_it_and_a_short_gap_does_not() -> None:
    resumed = run(
        "U.S. and Chinese military officials held maritime safety talks in Hawaii on Wednesday, the first such "
        "meeting since Beijing suspended the talks in 2022.", "en", "2024-04-05T20:00:00-10:00",
    )  # fmt: skip
    assert kinds(resumed) == ["channel-resumed", "talks"]
    routine = run(
        "U.S. and Chinese military officials held maritime safety talks in Shanghai on Wednesday, the first such "
        "meeting since January.", "en", "2025-04-04T20:00:00+08:00",
    )  # fmt: skip
    assert kinds(routine) == ["talks"]


def test_one_defence_chief_named_and_the_two_defence_chiefs_are_the_pair() -> None:
    found = run(
        "Defense Secretary Lloyd Austin held a video call on Tuesday, the first between the two defense chiefs "
        "since November.", "en", "2024-04-17T08:00:00-04:00",
    )  # fmt: skip
    assert [sorted(c.fact["participants"]) for c in found if c.kind == "call"] == [["dong-jun", "lloyd-austin"]]


def test_who_suspended_is_the_actor_before_the_verb() -> None:
    found = run(
        "The United States said on Friday that Beijing had suspended the Military Maritime Consultative Agreement "
        "talks.", "en", "2022-08-06T08:00:00-04:00",
    )  # fmt: skip
    assert [c.fact.get("by") for c in found if c.kind == "channel-suspended"] == ["CHN"]


def test_the_purpose_of_a_weighed_trip_is_not_a_meeting() -> None:
    found = run(
        "Treasury Secretary Janet Yellen is considering a trip to Beijing to meet Vice Premier He Lifeng.", "en",
        "2024-03-01T08:00:00-05:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_a_call_on_a_weekday_is_no_demand() -> None:
    found = run(
        "Chinese Defense Minister Dong Jun and Defense Secretary Lloyd Austin held their first call on Tuesday, "
        "and the Pentagon described the call on Tuesday as candid.", "en", "2024-04-17T08:00:00-04:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "demand"]


def test_talks_scrapped_in_one_list_with_others_are_suspended_not_held() -> None:
    found = run(
        "China on Friday cancelled talks between theatre commanders and scrapped defence policy coordination talks "
        "and maritime safety consultations with the United States over Nancy Pelosi's visit to Taiwan.",
        "en", "2022-08-05T20:00:00+00:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind in ("talks", "meeting")]


def test_agreeing_to_arrange_this_call_is_on_the_calls_channel_zh() -> None:
    found = run(
        "印太司令帕帕罗9日与南部战区司令员吴亚男视频通话。沙利文上月在北京会见张又侠时，双方同意安排此次通话。",
        "zh", "2024-09-10T09:00:00+08:00",
    )  # fmt: skip
    assert [c.fact.get("channel") for c in found if c.kind == "intent-to-meet"] == ["theater-commanders"]


def test_the_first_round_since_communications_were_restored_is_routine() -> None:
    found = run(
        "U.S. and Chinese defence officials held Defense Policy Coordination Talks at the Pentagon on Tuesday, the "
        "first since military communication was restored.", "en", "2024-01-10T15:00:00+00:00",
    )  # fmt: skip
    assert kinds(found) == ["talks"]


def test_a_resumption_still_expected_is_no_resumption() -> None:
    found = run("The Pentagon said maritime safety consultations with China are expected to resume next month.", "en",
                "2024-03-01T08:00:00-05:00")  # fmt: skip
    assert not [c for c in found if c.kind == "channel-resumed"]


def test_the_two_sides_holding_a_round_on_a_channel_are_the_two_states() -> None:
    found = run(
        "The two sides held a working group meeting under the Military Maritime Consultative Agreement on Tuesday.",
        "en", "2024-01-31T08:00:00-05:00",
    )  # fmt: skip
    assert [(c.kind, sorted(c.fact["participants"]), c.fact.get("channel")) for c in found] == [
        ("talks", ["CHN", "USA"], "mmca")
    ]


def test_consultations_held_and_the_heads_of_each_side_are_one_round() -> None:
    found = run(
        "U.S. and Chinese officials held arms control consultations at the State Department on Monday. Assistant "
        "Secretary of State Mallory Stewart led the U.S. side, while Sun Xiaobo headed China's delegation.",
        "en", "2023-11-07T00:30:00+00:00",
    )  # fmt: skip
    assert [(c.kind, sorted(c.fact["participants"])) for c in found] == [("talks", ["mallory-stewart", "sun-xiaobo"])]


def test_an_agreement_after_a_meeting_tells_the_meeting_too() -> None:
    found = run(
        "President Joe Biden and Chinese President Xi Jinping agreed on Wednesday to resume military-to-military "
        "communications after a four-hour meeting near San Francisco.", "en", "2023-11-16T04:00:00+00:00",
    )  # fmt: skip
    assert kinds(found) == ["intent-to-meet", "meeting"]


def test_a_summit_between_the_leaders_expected_next_week_is_an_expected_meeting() -> None:
    found = run(
        "The talks came ahead of an expected summit between President Joe Biden and Chinese President Xi Jinping "
        "next week.", "en", "2023-11-07T00:30:00+00:00",
    )  # fmt: skip
    assert [(c.kind, c.fact["status"]) for c in found] == [("meeting", "expected")]


def test_agreeing_to_have_teams_follow_up_is_an_intent() -> None:
    found = run(
        "President Joe Biden and Chinese President Xi Jinping spoke by phone on Thursday and agreed to have their "
        "teams follow up.", "en", "2022-07-28T22:00:00+00:00",
    )  # fmt: skip
    assert kinds(found) == ["call", "intent-to-meet"]


def test_the_first_official_to_visit_since_is_a_comparison_not_a_visit() -> None:
    found = run(
        "Wendy Sherman is the highest-ranking U.S. official to visit China since President Joe Biden took office "
        "in January.", "en", "2021-07-26T12:00:00+00:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_invitations_both_ways_are_one_agreement_to_meet_zh() -> None:
    found = run(
        "国家主席习近平5日应约同美国总统特朗普通电话。特朗普邀请习近平访问美国，习近平邀请特朗普访华。", "zh",
        "2025-06-06T08:00:00+08:00",
    )  # fmt: skip
    assert [(c.kind, sorted(c.fact["participants"])) for c in found if c.kind != "call"] == [
        ("intent-to-meet", ["donald-trump", "xi-jinping"])
    ]


def test_an_agreement_that_others_would_talk_is_its_makers_intent() -> None:
    found = run(
        "Chinese Foreign Minister Wang Yi and U.S. national security adviser Jake Sullivan agreed on Wednesday that "
        "Presidents Xi Jinping and Joe Biden would talk by phone in the coming weeks.", "en",
        "2024-08-29T08:00:00+08:00",
    )  # fmt: skip
    assert [(c.kind, sorted(c.fact["participants"])) for c in found] == [
        ("intent-to-meet", ["jake-sullivan", "wang-yi"])
    ]


def test_a_meeting_word_in_a_list_of_suspended_channels_is_no_meeting_zh() -> None:
    found = run(
        "中方宣布暂停中美两军战区领导通话、中美国防部工作会晤和中美海上军事安全磋商机制会议。", "zh",
        "2022-08-06T08:00:00+08:00",
    )  # fmt: skip
    assert kinds(found) == ["channel-suspended"] * 3


def test_a_channel_the_agreement_names_is_not_the_meetings_zh() -> None:
    found = run("美国国防部长奥斯汀31日在新加坡与中国国防部长董军会晤，双方同意恢复两军战区领导人通话。", "zh",
                "2024-06-01T08:00:00+08:00")  # fmt: skip
    assert [(c.kind, c.fact.get("channel")) for c in found] == [
        ("meeting", "defense-ministers"), ("intent-to-meet", "theater-commanders"),
    ]  # fmt: skip


def test_agreeing_on_a_policy_is_no_intent_to_meet_zh() -> None:
    found = run("国家主席习近平16日在利马会见美国总统拜登。两国元首同意维护人类对使用核武器决定的控制。", "zh",
                "2024-11-17T10:00:00+08:00")  # fmt: skip
    assert kinds(found) == ["meeting"]


def test_the_last_meeting_before_someone_takes_office_is_no_meeting_with_him() -> None:
    found = run(
        "President Joe Biden and Chinese President Xi Jinping met on Saturday in Lima, likely their last meeting "
        "before President-elect Donald Trump takes office in January.", "en", "2024-11-16T22:00:00-05:00",
    )  # fmt: skip
    assert [(sorted(c.fact["participants"]), c.fact["occurred_on"]) for c in found] == [
        (["joe-biden", "xi-jinping"], "2024-11-16")
    ]


def test_a_year_ago_is_that_month() -> None:
    found = run(
        "President Joe Biden will meet Chinese President Xi Jinping on Saturday. The two leaders last met a year ago "
        "near San Francisco, where they agreed to resume military talks.", "en", "2024-11-13T23:00:00+00:00",
    )  # fmt: skip
    assert [c.fact["occurred_on"] for c in found if c.kind == "intent-to-meet"] == ["2023-11"]


def test_a_date_in_a_before_clause_dates_that_clause_only() -> None:
    found = run(
        "President Joe Biden will meet Chinese President Xi Jinping on Saturday at a summit in Lima, an aide told "
        "reporters, in what may be their last face-to-face meeting before Donald Trump returns to the White House "
        "in January.", "en", "2024-11-13T23:00:00+00:00",
    )  # fmt: skip
    assert {c.fact["occurred_on"] for c in found if c.kind == "meeting"} == {"2024-11-16"}
