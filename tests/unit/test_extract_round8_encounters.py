"""Round 8 rules for encounters, channels, offices and sanctions, on invented sentences from the phrase audit
(/work/notes/audit.md): call verbs with the medium after the one spoken with, the call as a noun phrase, named
rounds with an article or a passive, channel verbs (restarted, revived, shut down), a gap told as "after a two-year
freeze", a stall told as "remain frozen", readiness and decisions that are no contact, the "since 2019, when …"
comparison, refusals by a person and their day, English sanction and office verbs."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

PUBLISHED = {"en": "2024-06-05T09:00:00+00:00", "zh": "2024-06-05T09:00:00+08:00"}


def of_kind(text: str, language: str, kind: str, published: str | None = None) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, language, published or PUBLISHED[language]) if c.fact["kind"] == kind]


def kinds(text: str, language: str) -> list[str]:
    return sorted(c.fact["kind"] for c in run(text, language, PUBLISHED[language]))


def test_spoke_with_someone_by_video_link_is_a_call() -> None:
    text = "Chinese Defense Minister Dong Jun spoke with U.S. Defense Secretary Lloyd Austin by video link on Tuesday."
    assert [f["participants"] for f in of_kind(text, "en", "call")] == [["dong-jun", "lloyd-austin"]]
    text = "The Pentagon said Lloyd Austin and Dong Jun spoke over a secure video link on Tuesday."
    assert [f["occurred_on"] for f in of_kind(text, "en", "call")] == ["2024-06-04"]


def test_the_call_as_a_noun_phrase() -> None:
    text = "In a call on Tuesday, Samuel Paparo and Wu Yanan discussed the situation in the South China Sea."
    assert [f["participants"] for f in of_kind(text, "en", "call")] == [["samuel-paparo", "wu-yanan"]]
    text = "The call between Antony Blinken and Wang Yi on Tuesday lasted about an hour."
    assert [f["participants"] for f in of_kind(text, "en", "call")] == [["antony-blinken", "wang-yi"]]
    text = "Xi Jinping warned Joe Biden in their call on Tuesday that those who play with fire will perish by it."
    assert kinds(text, "en") == ["call", "statement"]


def test_a_named_round_with_an_article_a_count_or_a_passive_is_talks() -> None:
    for text in (
        "U.S. and Chinese defense officials held the Defense Policy Coordination Talks in Washington on Tuesday.",
        "The two militaries held a round of Military Maritime Consultative Agreement talks in Qingdao on Tuesday.",
        "The Military Maritime Consultative Agreement talks were held in Qingdao on Tuesday, China's defense ministry "
        "and the U.S. Navy said.",
    ):
        assert [f["occurred_on"] for f in of_kind(text, "en", "talks")] == ["2024-06-04"], text


def test_channel_verbs_restarted_revived_and_shut_down() -> None:
    text = "China and the United States revived their arms control consultations on Tuesday."
    assert [f["channel"] for f in of_kind(text, "en", "channel-resumed")] == ["arms-control"]
    text = "The Defense Policy Coordination Talks restarted on Tuesday after a two-year pause."
    assert [f["channel"] for f in of_kind(text, "en", "channel-resumed")] == ["dpct"]
    text = "China shut down the defense hotline on Tuesday."
    assert [f["by"] for f in of_kind(text, "en", "channel-suspended")] == ["CHN"]


def test_the_gap_a_resumption_ends_is_no_new_suspension() -> None:
    text = (
        "Samuel Paparo spoke with Wu Yanan on Tuesday as the theater commanders talks resumed after a two-year freeze."
    )
    assert of_kind(text, "en", "channel-suspended") == []
    assert [f["channel"] for f in of_kind(text, "en", "channel-resumed")] == ["theater-commanders"]


def test_talks_that_remain_frozen_have_stalled() -> None:
    text = "The theater commanders talks remain frozen, a U.S. official said on Tuesday."
    assert kinds(text, "en") == ["channel-stalled"]


def test_the_suspended_channels_own_name_is_no_round() -> None:
    text = "China froze the arms control consultations with the United States on Tuesday."
    assert kinds(text, "en") == ["channel-suspended"]


def test_a_readiness_to_resume_is_no_resumption() -> None:
    text = "China is willing to resume the MMCA talks, Dong Jun told Lloyd Austin on Tuesday."
    assert of_kind(text, "en", "channel-resumed") == []


def test_a_decision_to_keep_talking_is_an_intent() -> None:
    text = "Lloyd Austin and Dong Jun agreed on Tuesday to keep talking."
    assert [f["participants"] for f in of_kind(text, "en", "intent-to-meet")] == [["lloyd-austin", "dong-jun"]]
    text = "Jake Sullivan and Wang Yi decided on Tuesday to keep the strategic channel open and meet again soon."
    assert [f["participants"] for f in of_kind(text, "en", "intent-to-meet")] == [["jake-sullivan", "wang-yi"]]


def test_the_encounter_a_first_since_compares_with_is_no_fact() -> None:
    text = "It was the first meeting between the two since 2019, when Mark Esper met Wei Fenghe."
    assert of_kind(text, "en", "meeting") == []


def test_a_person_who_refuses_is_the_initiator_and_his_day_is_past() -> None:
    text = "Dong Jun declined to meet Lloyd Austin on Tuesday, the Pentagon said."
    [fact] = of_kind(text, "en", "meeting-declined")
    assert (fact["initiator"], fact["occurred_on"]) == ("dong-jun", "2024-06-04")
    [fact] = of_kind("董军4日拒绝与美国国防部长奥斯汀会面。", "zh", "meeting-declined")
    assert fact["initiator"] == "dong-jun"
    text = "China refused to let Dong Jun meet Lloyd Austin, the Pentagon said on Tuesday."
    assert [f["initiator"] for f in of_kind(text, "en", "meeting-declined")] == ["CHN"]


def test_english_sanction_verbs() -> None:
    for text, target in (
        ("China froze the assets of Lockheed Martin in China on Tuesday.", "lockheed-martin"),
        ("Beijing hit Raytheon Technologies with sanctions on Tuesday.", "raytheon-technologies"),
        ("China banned Northrop Grumman from doing business in China on Tuesday.", "northrop-grumman"),
        ("Washington added Li Shangfu to its sanctions list on Tuesday.", "li-shangfu"),
        ("The U.S. Treasury on Tuesday designated Li Shangfu under CAATSA.", "li-shangfu"),
    ):
        assert [f["target"] for f in of_kind(text, "en", "sanction-imposed")] == [target], text


def test_english_office_verbs() -> None:
    cases = (
        ("Former navy commander Dong Jun became China's defense minister on Friday.", "office-assumed", "dong-jun",
         "2023-12-30T09:00:00+00:00"),
        ("Pete Hegseth assumed office as secretary of defense on Saturday.", "office-assumed", "pete-hegseth",
         "2025-01-26T09:00:00+00:00"),
        ("Li Shangfu was stripped of his defense minister title on Tuesday.", "office-left", "li-shangfu",
         "2023-10-25T09:00:00+00:00"),
    )  # fmt: skip
    for text, kind, actor, published in cases:
        assert [f["actor"] for f in of_kind(text, "en", kind, published)] == [actor], text


def test_a_cancelled_meeting_between_named_people_is_the_meeting_cancelled_on_its_planned_day() -> None:
    text = "China canceled a meeting between Dong Jun and Lloyd Austin that had been set for Friday."
    assert [(f["status"], f["occurred_on"]) for f in of_kind(text, "en", "meeting")] == [("cancelled", "2024-06-07")]
    assert of_kind(text, "en", "channel-suspended") == []


def test_a_conjectured_meeting_between_is_no_meeting() -> None:
    text = "Any meeting between Lloyd Austin and Dong Jun would be closely watched, analysts said on Tuesday."
    assert of_kind(text, "en", "meeting") == []


def test_the_meeting_between_that_took_place_is_a_meeting() -> None:
    text = "The meeting between Lloyd Austin and Dong Jun took place on Tuesday at the Shangri-La Hotel."
    assert [f["participants"] for f in of_kind(text, "en", "meeting")] == [["lloyd-austin", "dong-jun"]]


def test_a_commitment_to_resume_is_an_intent() -> None:
    text = "Joe Biden and Xi Jinping committed on Tuesday to resuming high-level military contacts."
    assert [f["participants"] for f in of_kind(text, "en", "intent-to-meet")] == [["joe-biden", "xi-jinping"]]
