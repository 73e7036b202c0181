"""Round 7 encounter rules, on invented sentences: passive rosters, portfolio titles, closes of rounds, rounds of
several days, calls held by video, forums named 对话会, approximate gaps, lists of apposed objects."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run


def facts(text: str, language: str, published: str | None = None) -> list[dict[str, Any]]:
    published = published or ("2024-03-08T09:00:00+08:00" if language == "zh" else "2024-03-08T09:00:00-05:00")
    return [c.fact for c in run(text, language, published)]


def of_kind(text: str, language: str, kind: str, published: str | None = None) -> list[dict[str, Any]]:
    return [f for f in facts(text, language, published) if f["kind"] == kind]


def test_a_roster_told_in_the_passive_names_the_round() -> None:
    text = (
        "American and Chinese defense officials held maritime consultations in Hawaii on Tuesday. "
        "The U.S. side was led by Ely Ratner; the Chinese delegation by Dong Jun."
    )
    talks = of_kind(text, "en", "talks")
    assert [sorted(f["participants"]) for f in talks] == [["dong-jun", "ely-ratner"]]


def test_a_portfolio_between_title_and_name_still_finds_the_official() -> None:
    text = (
        "Assistant Secretary of State for Oceans, Environment and Science Maria Holloway met Wang Yi in Beijing "
        "on Tuesday."
    )
    meetings = of_kind(text, "en", "meeting")
    assert [sorted(f["participants"]) for f in meetings] == [["maria-holloway", "wang-yi"]]


def test_a_readout_to_unnamed_counterparts_is_a_statement_but_not_a_later_self_account() -> None:
    text = (
        "Jake Sullivan met Wang Yi in Vienna on Tuesday. "
        "Sullivan told his Chinese counterparts that Washington would keep its export controls."
    )
    assert [f["participants"] for f in of_kind(text, "en", "statement")] == [["jake-sullivan"]]
    text = (
        "Jake Sullivan met Wang Yi in Vienna on Tuesday. "
        "Sullivan said he told his counterpart that Washington would keep its export controls."
    )
    assert of_kind(text, "en", "statement") == []


def test_a_readout_to_the_other_delegation_is_a_statement() -> None:
    text = (
        "Jake Sullivan met Wang Yi in Vienna on Tuesday. "
        "Sullivan told the Chinese delegation that Washington sought more military contacts."
    )
    assert [f["participants"] for f in of_kind(text, "en", "statement")] == [["jake-sullivan"]]


def test_the_close_of_days_of_strategic_communication_is_talks() -> None:
    text = (
        "Jake Sullivan and Wang Yi concluded three days of talks in Geneva on Thursday, a new round of what "
        "Washington calls strategic communication."
    )
    assert [sorted(f["participants"]) for f in of_kind(text, "en", "talks")] == [["jake-sullivan", "wang-yi"]]
    assert of_kind(text, "en", "meeting") == []


def test_a_closed_round_told_only_of_the_two_states_off_any_channel_names_no_parties() -> None:
    text = "Senior U.S. and Chinese officials wrapped up two days of talks in Geneva on Thursday."
    assert [f for f in facts(text, "en") if f["kind"] in ("talks", "meeting")] == []


def test_a_several_day_meeting_of_two_officials_is_a_round_of_talks() -> None:
    # a round of days, named as strategic communication or not, is talks
    for text in (
        "王毅3月5日至6日在日内瓦同沙利文会晤。双方同意继续用好这一战略沟通渠道。",
        "王毅3月5日至6日在日内瓦同沙利文会晤。",
    ):
        assert [sorted(f["participants"]) for f in of_kind(text, "zh", "talks")] == [["jake-sullivan", "wang-yi"]]
    english = "Jake Sullivan met Wang Yi in Geneva on Tuesday and Wednesday, the White House said."
    assert [sorted(f["participants"]) for f in of_kind(english, "en", "talks")] == [["jake-sullivan", "wang-yi"]]
    # one day stays a meeting
    assert of_kind("王毅3月5日在日内瓦同沙利文会晤。", "zh", "talks") == []
    # a week's range ("last week") is a vague date, not a round of days
    week = "Jake Sullivan and Wang Yi met in Geneva last week, the White House said."
    assert of_kind(week, "en", "talks") == []
    assert [sorted(f["participants"]) for f in of_kind(week, "en", "meeting")] == [["jake-sullivan", "wang-yi"]]


def test_an_encounter_held_by_video_is_a_call() -> None:
    text = "国家主席习近平5日晚在北京以视频方式同美国总统拜登举行会晤。"
    assert [sorted(f["participants"]) for f in of_kind(text, "zh", "call")] == [["joe-biden", "xi-jinping"]]
    assert of_kind(text, "zh", "meeting") == []


def test_a_forum_called_a_dialogue_holds_no_talks() -> None:
    text = "两人去年在新加坡香格里拉对话会期间曾举行会见。"
    found = facts("国防部长董军4日会见美国国防部长奥斯汀。" + text, "zh")
    assert all(f["kind"] != "talks" for f in found)


def test_an_approximate_gap_of_many_months_resumes_the_channel() -> None:
    text = (
        "Lloyd Austin spoke by video call on Tuesday with Dong Jun, the first talks between the two defense "
        "chiefs in about 18 months."
    )
    assert [f["channel"] for f in of_kind(text, "en", "channel-resumed")] == ["defense-ministers"]
    later = (
        "Lloyd Austin spoke by video call on Tuesday with Dong Jun. "
        "It was the first call between the two defense chiefs in roughly a year and a half."
    )
    assert [f["channel"] for f in of_kind(later, "en", "channel-resumed")] == ["defense-ministers"]


def test_a_list_of_objects_with_apposed_offices_keeps_every_item() -> None:
    text = (
        "Antony Blinken hosted Wang Yi, director of the Office of the Central Foreign Affairs Commission, and "
        "Defense Minister Dong Jun on Tuesday in Washington."
    )
    meetings = of_kind(text, "en", "meeting")
    assert [sorted(f["participants"]) for f in meetings] == [["antony-blinken", "dong-jun", "wang-yi"]]
