"""Visits and refusals, on invented reports: a trip to a third country meets no one, a visit needs its
visitor, a "possible visit" is not one, and a request not accepted is a refusal (the refuser initiates, the
side that asked receives)."""

from __future__ import annotations

from tests.unit.extract_run import run


def test_arriving_in_a_third_country_is_no_visit_to_the_other_side() -> None:
    found = run("Secretary of State Antony Blinken arrived in Vientiane on Thursday for regional talks.", "en",
                "2024-07-25T20:00:00+07:00")  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_arriving_in_the_other_sides_capital_is_a_visit() -> None:
    found = run("Secretary of State Antony Blinken arrived in Beijing on Thursday.", "en", "2024-04-25T20:00:00+08:00")
    assert [c.fact["participants"] for c in found if c.kind == "meeting"] == [["antony-blinken", "CHN"]]


def test_a_visit_with_no_visitor_named_is_no_meeting_of_the_states() -> None:
    found = run(
        "China said on Tuesday it was halting approvals for U.S. military ships and aircraft to visit Hong Kong.",
        "en", "2024-04-25T20:00:00+08:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_a_visit_to_the_self_ruled_island_is_no_meeting() -> None:
    found = run(
        "Chinese President Xi Jinping on Tuesday warned Washington after House Speaker Nancy Pelosi visited the "
        "self-ruled island.", "en", "2022-08-03T20:00:00+08:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_a_possible_visit_to_the_island_is_no_meeting() -> None:
    found = run(
        "President Joe Biden and Chinese President Xi Jinping spoke by phone on Thursday as Speaker Nancy Pelosi "
        "weighs a possible visit to the self-ruled island.", "en", "2022-07-28T20:00:00-04:00",
    )  # fmt: skip
    assert [c.kind for c in found] == ["call"]


def test_a_request_not_accepted_is_a_refusal_zh() -> None:
    found = run("国防部发言人8日表示，中方没有接受美方提出的两国防长视频通话建议。", "zh", "2024-03-08T20:00:00+08:00")
    refused = [c.fact for c in found if c.kind == "meeting-declined"]
    assert [(sorted(f["participants"]), f["initiator"], f["recipient"]) for f in refused] == [
        (["dong-jun", "lloyd-austin"], "CHN", "lloyd-austin")
    ]
    assert not [c for c in found if c.kind == "appeal"]  # the proposal is the asker's, and it was refused


def test_did_not_accept_is_a_refusal() -> None:
    found = run(
        "China did not accept a U.S. invitation for Defense Minister Dong Jun to speak by phone with Defense "
        "Secretary Lloyd Austin, the Pentagon said on Friday.", "en", "2024-03-08T20:00:00-05:00",
    )  # fmt: skip
    refused = [c.fact for c in found if c.kind == "meeting-declined"]
    assert [(f["initiator"], f["recipient"], f["occurred_on"]) for f in refused] == [
        ("CHN", "lloyd-austin", "2024-03-08")
    ]


def test_the_spokesperson_who_tells_a_refusal_is_no_party_to_it_zh() -> None:
    found = run(
        "国防部发言人张晓刚9日表示，美方月初提出两国防长通话，中方没有接受。", "zh", "2024-03-10T09:00:00+08:00"
    )
    refused = [c.fact for c in found if c.kind == "meeting-declined"]
    assert refused and "zhang-xiaogang" not in refused[0]["participants"]


def test_a_visit_only_weighed_is_no_meeting() -> None:
    found = run(
        "Secretary of State Antony Blinken is weighing a possible visit to Beijing to meet Foreign Minister Wang Yi, "
        "officials said on Monday.", "en", "2024-01-08T20:00:00-05:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_meeting_two_officials_separately_is_two_meetings_zh() -> None:
    found = run("美国国务卿布林肯26日在北京分别与外长王毅、国防部长董军会谈。", "zh", "2024-04-27T08:00:00+08:00")
    assert sorted(sorted(c.fact["participants"]) for c in found if c.kind == "meeting") == [
        ["antony-blinken", "dong-jun"], ["antony-blinken", "wang-yi"],
    ]  # fmt: skip


def test_the_second_verb_of_a_planned_visit_is_planned_too() -> None:
    found = run(
        "Chinese Vice Premier He Lifeng will visit the United States from Nov. 8 to 12 and hold talks with Treasury "
        "Secretary Janet Yellen, the ministry said.", "en", "2023-11-08T08:00:00-05:00",
    )  # fmt: skip
    assert {c.fact["status"] for c in found if c.kind == "meeting"} == {"expected"}


def test_shuo_in_a_readout_is_the_speakers_statement_zh() -> None:
    found = run("国家主席习近平16日在利马同美国总统拜登举行会晤。拜登说，美方不支持“台独”。", "zh",
                "2024-11-17T08:00:00+08:00")  # fmt: skip
    assert [(c.fact["participants"], c.fact.get("recipient")) for c in found if c.kind == "statement"] == [
        (["joe-biden"], "CHN")
    ]


def test_two_clauses_two_subjects_each_meeting_its_own_people() -> None:
    found = run(
        "Chinese Defense Minister Dong Jun met his counterparts from Singapore and Vietnam on Friday, while U.S. "
        "Defense Secretary Lloyd Austin met Philippine officials.", "en", "2024-06-01T20:00:00+08:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_the_two_who_will_meet_again_are_the_pair_just_told() -> None:
    found = run("Lloyd Austin met Dong Jun last week in Singapore. The two will meet again next month.", "en",
                "2024-05-29T08:00:00-04:00")  # fmt: skip
    assert [(sorted(c.fact["participants"]), c.fact["status"]) for c in found if c.kind == "meeting"] == [
        (["dong-jun", "lloyd-austin"], "occurred"), (["dong-jun", "lloyd-austin"], "expected"),
    ]  # fmt: skip


def test_talks_a_planned_visit_is_for_are_planned_too() -> None:
    found = run(
        "Chinese Foreign Minister Wang Yi will visit Washington this week for talks with Secretary of State Antony "
        "Blinken, the State Department said on Monday.", "en", "2024-05-29T08:00:00-04:00",
    )  # fmt: skip
    assert {c.fact["status"] for c in found if c.kind == "meeting"} == {"expected"}


def test_a_parenthetical_while_is_no_new_subject() -> None:
    found = run(
        "Defense Secretary Lloyd Austin, while in Singapore for a security forum, met Chinese Defense Minister Dong "
        "Jun on Friday.", "en", "2024-06-01T20:00:00+08:00",
    )  # fmt: skip
    assert [sorted(c.fact["participants"]) for c in found if c.kind == "meeting"] == [["dong-jun", "lloyd-austin"]]
