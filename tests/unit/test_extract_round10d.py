"""Round 10d: English encounters told in subordinate clauses (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run


def _facts(text: str, at: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "en", at) if kind is None or c.kind == kind]


def test_after_meeting_without_object_is_the_subjects_meeting() -> None:
    text = (
        "Secretary of State Antony Blinken and Foreign Minister Wang Yi agreed on Thursday to keep talking after "
        "meeting for three hours at a resort outside Jakarta."
    )
    meetings = _facts(text, "2023-07-13T18:00:00+07:00", "meeting")
    assert [set(f["participants"]) for f in meetings] == [{"antony-blinken", "wang-yi"}]
    assert meetings[0]["occurred_on"] == "2023-07-13" and meetings[0]["status"] == "occurred"


def test_call_in_an_after_clause_took_place_on_the_main_clause_day() -> None:
    text = (
        "President Joe Biden said on Tuesday he would travel to Shanghai in June at the invitation of President "
        "Xi Jinping, after the two presidents spoke by phone."
    )
    calls = _facts(text, "2023-03-14T20:00:00-04:00", "call")
    assert len(calls) == 1
    assert calls[0]["status"] == "occurred" and calls[0]["occurred_on"] == "2023-03-14"
    assert "location" not in calls[0]


def test_visit_planned_and_called_off_is_cancelled_news() -> None:
    text = (
        "Officials said a visit Secretary of State Antony Blinken had planned to pay to Beijing next week has "
        "been called off."
    )
    found = [c for c in run(text, "en", "2023-02-04T10:00:00-05:00") if c.kind == "meeting"]
    assert [c.fact["status"] for c in found] == ["cancelled"]
    assert not found[0].background


def test_visit_told_as_done_stays_occurred() -> None:
    text = "Secretary of State Antony Blinken visited Beijing on Monday, his first trip there in five years."
    meetings = _facts(text, "2023-06-19T10:00:00+08:00", "meeting")
    assert meetings and all(f["status"] == "occurred" for f in meetings)


def test_accepted_invitation_to_visit_in_a_month_is_an_expected_meeting() -> None:
    text = (
        "Treasury Secretary Janet Yellen said on Friday she had accepted an invitation from Vice Premier He "
        "Lifeng to visit Beijing in July."
    )
    facts = _facts(text, "2024-05-10T12:00:00-04:00")
    expected = [f for f in facts if f["kind"] == "meeting" and f["status"] == "expected"]
    assert [set(f["participants"]) for f in expected] == [{"janet-yellen", "he-lifeng"}]
    assert expected[0]["occurred_on"] == "2024-07" and expected[0]["initiator"] == "janet-yellen"
    assert not [f for f in facts if f["kind"] == "intent-to-meet"]


def test_accepted_invitation_for_this_year_is_an_intent_dated_on_acceptance() -> None:
    text = (
        "Treasury Secretary Janet Yellen met Vice Premier He Lifeng on Tuesday in Stockholm, a city both "
        "delegations know well, and accepted an invitation to visit China this year."
    )
    intents = _facts(text, "2024-05-14T12:00:00+02:00", "intent-to-meet")
    assert [(f["occurred_on"], f["precision"]) for f in intents] == [("2024-05-14", "day")]


def test_speaker_binding_his_own_side_makes_a_statement_not_a_demand() -> None:
    text = (
        "President Xi Jinping met President Joe Biden in Lima on Saturday. Xi told Biden that China must "
        "defend its development rights, state media said."
    )
    facts = _facts(text, "2024-11-16T20:00:00-05:00")
    assert not [f for f in facts if f["kind"] == "demand"]
    assert [f["participants"] for f in facts if f["kind"] == "statement"] == [["xi-jinping"]]


def test_speaker_binding_the_other_side_still_demands() -> None:
    text = (
        "President Xi Jinping met President Joe Biden in Lima on Saturday. Xi told Biden that Washington must "
        "stop arming Taiwan, state media said."
    )
    facts = _facts(text, "2024-11-16T20:00:00-05:00")
    assert [f["participants"] for f in facts if f["kind"] == "demand"] == [["xi-jinping"]]


def test_a_verb_encounter_is_not_cancelled_by_another_thing_called_off() -> None:
    text = "Secretary of State Antony Blinken met Wang Yi in Jakarta on Thursday after a dinner was cancelled."
    meetings = _facts(text, "2023-07-13T18:00:00+07:00", "meeting")
    assert [f["status"] for f in meetings] == ["occurred"]


def test_during_talks_lasting_hours_is_the_told_parties_meeting() -> None:
    text = (
        "Secretary of State Antony Blinken told Foreign Minister Wang Yi on Friday that Washington wanted stable "
        "ties, during talks lasting about three hours in Jakarta."
    )
    meetings = _facts(text, "2023-07-14T18:00:00+07:00", "meeting")
    assert [set(f["participants"]) for f in meetings] == [{"antony-blinken", "wang-yi"}]


def test_days_of_talks_between_a_plain_list_is_one_round_of_all_three() -> None:
    text = (
        "The two sides agreed on Monday to extend a tariff truce, after two days of talks in Geneva between "
        "Secretary of State Antony Blinken, Defense Secretary Lloyd Austin and Foreign Minister Wang Yi."
    )
    talks = _facts(text, "2023-05-15T10:00:00+00:00", "talks")
    assert [set(f["participants"]) for f in talks] == [{"antony-blinken", "lloyd-austin", "wang-yi"}]
    assert not _facts(text, "2023-05-15T10:00:00+00:00", "meeting")


def test_told_reporters_after_the_meeting_that_is_a_statement_to_the_other_side() -> None:
    text = (
        "President Joe Biden met President Xi Jinping in Woodside on Wednesday. Biden told reporters after the "
        "meeting that the United States would keep export controls on Chinese chipmakers."
    )
    statements = _facts(text, "2023-11-15T20:00:00-08:00", "statement")
    assert [(f["participants"], f.get("recipient")) for f in statements] == [(["joe-biden"], "CHN")]


def test_told_reporters_without_an_encounter_is_no_statement() -> None:
    text = "President Joe Biden told reporters on Wednesday that inflation was easing."
    assert not _facts(text, "2023-11-15T20:00:00-08:00", "statement")


def test_date_of_a_later_relative_clause_does_not_date_the_encounter_before_it() -> None:
    text = (
        "Secretary of State Antony Blinken arrived in Beijing on Sunday. Blinken held talks with Foreign Minister "
        "Qin Gang during the stop, but was not received by President Xi Jinping, who had met him during a visit "
        "in March."
    )
    meetings = _facts(text, "2023-06-18T20:00:00+08:00", "meeting")
    with_qin = [f for f in meetings if "qin-gang" in f["participants"]]
    assert [f["occurred_on"] for f in with_qin] == ["2023-06-18"]
    assert all(f["occurred_on"] == "2023-03" for f in meetings if "xi-jinping" in f["participants"])


def test_state_subject_of_the_refusal_clause_refuses_not_the_person_named_before() -> None:
    text = (
        "The forum in Singapore was attended by Defense Secretary Lloyd Austin and Defence Minister Dong Jun, who "
        "have not spoken: Beijing declined a U.S. invitation for the two to meet, the Pentagon said on Friday."
    )
    refusals = _facts(text, "2024-06-01T10:00:00+08:00", "meeting-declined")
    assert [f.get("initiator") for f in refusals] == ["CHN"]


def test_person_subject_of_the_refusal_still_refuses() -> None:
    text = (
        "Defence Minister Dong Jun declined an invitation from Defense Secretary Lloyd Austin to meet in "
        "Singapore, the Pentagon said on Friday."
    )
    refusals = _facts(text, "2024-06-01T10:00:00+08:00", "meeting-declined")
    assert [f.get("initiator") for f in refusals] == ["dong-jun"]


def test_who_had_met_him_joins_the_sentence_subject_not_his_state() -> None:
    text = (
        "Secretary of State Antony Blinken arrived in Beijing on Sunday. Blinken held talks with Foreign Minister "
        "Qin Gang, but was not received by President Xi Jinping, who had met him during his previous visit in "
        "March."
    )
    meetings = _facts(text, "2023-06-18T20:00:00+08:00", "meeting")
    with_xi = [f for f in meetings if "xi-jinping" in f["participants"]]
    assert [set(f["participants"]) for f in with_xi] == [{"xi-jinping", "antony-blinken"}]


def test_gerund_call_after_the_main_clause_took_place_on_its_day() -> None:
    text = (
        "President Joe Biden said on Tuesday he would visit China next year, after speaking with President Xi "
        "Jinping by phone."
    )
    calls = _facts(text, "2023-07-18T20:00:00-04:00", "call")
    assert [(f["status"], f["occurred_on"]) for f in calls] == [("occurred", "2023-07-18")]


def test_call_in_an_after_clause_with_its_own_future_date_stays_expected() -> None:
    text = (
        "President Joe Biden said on Tuesday he would visit China in the autumn, after speaking with President "
        "Xi Jinping by phone next week."
    )
    calls = _facts(text, "2023-07-18T20:00:00-04:00", "call")
    assert [f["status"] for f in calls] == ["expected"]


def test_a_later_clause_future_date_does_not_hold_back_the_after_clause_call() -> None:
    text = (
        "President Joe Biden said on Tuesday he would travel to Shanghai in June, after the two presidents spoke "
        "by phone, and that Xi would come to Washington next year."
    )
    calls = _facts(text, "2023-03-14T20:00:00-04:00", "call")
    assert [(f["status"], f["occurred_on"]) for f in calls] == [("occurred", "2023-03-14")]
