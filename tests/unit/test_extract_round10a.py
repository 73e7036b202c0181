"""Round 10a: English encounters, calls, readouts, intents and channel resumptions (invented sentences)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.unit.extract_run import context, run
from tracker.extract.actors import find_all
from tracker.extract.coref import resolve_references
from tracker.extract.model import Report
from tracker.extract.sentences import split


def _facts(text: str, at: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "en", at) if kind is None or c.kind == kind]


def _parties(fact: dict[str, Any]) -> set[str]:
    return set(fact.get("participants") or []) | {fact[k] for k in ("recipient",) if fact.get(k)}


def test_told_content_modal_leaves_the_appositive_conversation_a_call() -> None:
    # "would" belongs to what was told; the conversation in apposition is the narrator's
    text = (
        "WASHINGTON — Defense Secretary Lloyd Austin told Chinese Defence Minister Dong Jun on Thursday that the "
        "United States would keep its commitments in the region, in the first conversation between the two "
        "countries' defence chiefs in more than a year."
    )
    facts = _facts(text, "2024-04-18T20:00:00-04:00")
    calls = [f for f in facts if f["kind"] == "call"]
    assert [set(f["participants"]) for f in calls] == [{"lloyd-austin", "dong-jun"}]
    assert calls[0].get("channel") == "defense-ministers"
    assert any(f["kind"] == "channel-resumed" and f["channel"] == "defense-ministers" for f in facts)


def test_title_only_parties_are_the_persons_the_next_sentence_names() -> None:
    text = (
        "HONOLULU, Oct 2 — The commander of U.S. forces in the Indo-Pacific spoke by video with the head of "
        "China's Southern Theater Command on Tuesday, the first such call since Beijing cut off the channel "
        "more than two years ago. Admiral Samuel Paparo pressed General Wu Yanan to stop unsafe intercepts of "
        "allied aircraft, his command said."
    )
    calls = _facts(text, "2024-10-02T09:00:00-10:00", "call")
    assert [set(f["participants"]) for f in calls] == [{"samuel-paparo", "wu-yanan"}]
    assert calls[0].get("channel") == "theater-commanders"


def test_title_only_parties_stay_states_when_the_next_sentence_is_no_readout() -> None:
    text = (
        "HONOLULU, Oct 2 — The commander of U.S. forces in the Indo-Pacific spoke by video with the head of "
        "China's Southern Theater Command on Tuesday. Admiral Samuel Paparo later flew to Manila with "
        "General Wu Yanan's letter in hand."
    )
    calls = _facts(text, "2024-10-02T09:00:00-10:00", "call")
    assert all("samuel-paparo" not in f["participants"] for f in calls)


def test_states_outside_a_title_phrase_stay_the_parties() -> None:
    # "officials of the U.S. and China": no title one person holds; the readout after is not theirs
    text = (
        "Officials of the U.S. and China held maritime safety talks in Qingdao on Tuesday. Admiral Samuel "
        "Paparo urged General Wu Yanan to stop unsafe intercepts, his command said."
    )
    talks = _facts(text, "2025-06-12T10:00:00+08:00", "talks")
    assert [set(f["participants"]) for f in talks] == [{"USA", "CHN"}]


def test_a_delegation_is_its_leader_named_next_and_later() -> None:
    text = (
        "BEIJING — A group of U.S. senators met Chinese Premier Li Qiang in Beijing on Tuesday. "
        "Sen. Jane Ortley, who leads the five-member delegation, told Li that Washington wanted fair trade rules. "
        "The senators met Vice Premier He Lifeng on Wednesday."
    )
    meetings = _facts(text, "2025-05-07T20:00:00+08:00", "meeting")
    assert {frozenset(f["participants"]) for f in meetings} == {
        frozenset({"jane-ortley", "li-qiang"}),
        frozenset({"jane-ortley", "he-lifeng"}),
    }


def test_senator_title_names_a_new_member_of_congress() -> None:
    text = "Sen. Jane Ortley met Chinese Premier Li Qiang in Beijing on Tuesday."
    found = run(text, "en", "2025-05-07T20:00:00+08:00")
    meeting = next(c for c in found if c.kind == "meeting")
    assert set(meeting.fact["participants"]) == {"jane-ortley", "li-qiang"}
    assert any(a["slug"] == "jane-ortley" and a["state"] == "USA" for a in meeting.new_actors)


def test_the_two_leaders_are_the_pair_their_own_sentence_names() -> None:
    text = (
        "Admiral Samuel Paparo spoke with General Wu Yanan on Monday. The call followed a summit between "
        "Presidents Joe Biden and Xi Jinping, at which the two leaders agreed to hold talks between theater "
        "commanders."
    )
    intents = _facts(text, "2024-09-10T10:00:00-04:00", "intent-to-meet")
    assert [set(f["participants"]) for f in intents] == [{"joe-biden", "xi-jinping"}]


def test_the_two_after_a_readout_told_by_a_spokesman_is_the_encounter_pair() -> None:
    text = (
        "SINGAPORE — Defence Minister Dong Jun met U.S. Defense Secretary Lloyd Austin on Friday. "
        "Dong urged Austin to stop arming Taiwan, defence ministry spokesman Wu Qian told reporters. "
        "Austin later said the two had agreed to hold regular talks."
    )
    intents = _facts(text, "2024-05-31T20:00:00+08:00", "intent-to-meet")
    assert [set(f["participants"]) for f in intents] == [{"lloyd-austin", "dong-jun"}]


def test_and_later_met_gives_each_encounter_its_own_object() -> None:
    text = (
        "Secretary of State Antony Blinken held talks with Foreign Minister Wang Yi on Friday and later on "
        "Saturday met Vice Premier He Lifeng in Beijing."
    )
    meetings = _facts(text, "2024-04-27T20:00:00+08:00", "meeting")
    assert {frozenset(f["participants"]) for f in meetings} == {
        frozenset({"antony-blinken", "wang-yi"}),
        frozenset({"antony-blinken", "he-lifeng"}),
    }


def test_importance_of_communication_told_in_a_readout_is_no_statement() -> None:
    text = (
        "Secretary of State Antony Blinken met Foreign Minister Wang Yi in Beijing on Friday. Blinken told Wang "
        "it was important for both sides to keep open channels of communication."
    )
    assert not _facts(text, "2024-04-26T20:00:00+08:00", "statement")


def test_a_call_framing_a_readout_is_the_speaker_and_the_addressee() -> None:
    text = (
        "General Mark Milley spoke twice with his counterpart, the book says. In the second call, on January 8, "
        "2021, Milley told General Li Zuocheng that the government was stable."
    )
    facts = _facts(text, "2021-09-15T07:00:00-04:00")
    calls = [f for f in facts if f["kind"] == "call" and f["occurred_on"] == "2021-01-08"]
    assert [set(f["participants"]) for f in calls] == [{"mark-milley", "li-zuocheng"}]
    assert calls[0].get("channel") == "chiefs-of-defense"
    # an older readout of an older call is kept with it
    assert any(f["kind"] == "statement" and f["occurred_on"] == "2021-01-08" for f in facts)


def test_a_meeting_in_apposition_after_a_readout() -> None:
    text = (
        "Chinese President Xi Jinping told U.S. President Joe Biden on Saturday that China wanted stable ties, "
        "in what was probably their final meeting."
    )
    meetings = _facts(text, "2024-11-16T19:00:00-05:00", "meeting")
    assert [set(f["participants"]) for f in meetings] == [{"joe-biden", "xi-jinping"}]


def test_an_accepted_invitation_is_an_intent_with_the_other_party() -> None:
    text = (
        "Secretary of State Antony Blinken held talks with Foreign Minister Wang Yi in Beijing on Friday. "
        "Wang accepted an invitation to visit Washington later this year, the State Department said."
    )
    intents = _facts(text, "2024-04-26T20:00:00+08:00", "intent-to-meet")
    assert [set(f["participants"]) for f in intents] == [{"antony-blinken", "wang-yi"}]


def test_invited_him_is_an_appeal_to_the_person_named_before() -> None:
    text = (
        "Defense Secretary Lloyd Austin held talks with his counterpart Dong Jun in Singapore on Friday and "
        "invited him to visit the Pentagon."
    )
    appeals = _facts(text, "2024-05-31T20:00:00+08:00", "appeal")
    assert [_parties(f) for f in appeals] == [{"lloyd-austin", "dong-jun"}]


def test_a_body_that_will_meet_twice_a_year_is_no_expected_meeting() -> None:
    text = (
        "Commerce Secretary Gina Raimondo and Commerce Minister Wang Wentao agreed on Monday to set up an export "
        "working group, which will meet twice a year."
    )
    assert not [f for f in _facts(text, "2023-08-28T19:30:00+08:00", "meeting") if f["status"] == "expected"]


def test_a_spokeswoman_saying_in_a_statement_on_a_day_states_nothing() -> None:
    text = (
        "A security dialogue between China and the United States planned for mid-October has been postponed at "
        "Washington's request, Chinese foreign ministry spokeswoman Hua Chunying said in a statement on Tuesday."
    )
    assert not _facts(text, "2018-10-02T19:00:00+08:00", "statement")


def test_first_round_since_a_suspension_names_the_channel_with_dots() -> None:
    text = (
        "Senior U.S. and Chinese defense officials held talks at the Pentagon on Tuesday, the first round of the "
        "U.S.-China Defense Policy Coordination Talks since Beijing suspended them in August 2022."
    )
    facts = _facts(text, "2024-01-10T12:00:00-05:00")
    assert any(f["kind"] == "channel-resumed" and f["channel"] == "dpct" for f in facts)
    assert not any(f["kind"] == "channel-suspended" for f in facts)


def test_held_talks_with_hyphenated_modifiers() -> None:
    text = "U.S. and Chinese military officials held working-level maritime safety talks in Qingdao on Tuesday."
    talks = _facts(text, "2025-06-12T10:00:00+08:00", "talks")
    assert [f.get("channel") for f in talks] == ["mmca"]


def test_a_visits_parts_each_have_their_own_object() -> None:
    text = (
        "Secretary of State Antony Blinken ended a visit on Monday that brought talks with Foreign Minister Wang Yi "
        "on Sunday and a meeting with Vice Premier He Lifeng on Monday."
    )
    meetings = _facts(text, "2024-04-29T20:00:00+08:00", "meeting")
    pairs = {frozenset(f["participants"]) for f in meetings}
    assert frozenset({"antony-blinken", "he-lifeng"}) in pairs
    assert frozenset({"wang-yi", "he-lifeng"}) not in pairs and all(len(p) == 2 for p in pairs)


def test_the_first_commander_of_a_long_title_to_visit_is_a_comparison() -> None:
    text = (
        "Admiral Samuel Paparo is the first commander of the forces responsible for the whole Indo-Pacific region "
        "to visit China since the channels were cut in 2022."
    )
    assert not _facts(text, "2025-03-01T10:00:00+08:00", "meeting")


def test_a_person_named_in_what_is_told_is_no_addressee() -> None:
    text = (
        "A group of U.S. lawmakers met Chinese Premier Li Qiang in Beijing on Tuesday. "
        "Foreign Minister Wang Yi warned that Antony Blinken must stop the arms sales."
    )
    meetings = _facts(text, "2024-04-23T20:00:00+08:00", "meeting")
    assert all("antony-blinken" not in f["participants"] for f in meetings)


def test_the_two_after_one_of_them_names_him_and_his_counterpart() -> None:
    text = (
        "Defense Secretary Lloyd Austin met Defence Minister Dong Jun in Singapore on Friday, a day after "
        "Presidents Joe Biden and Xi Jinping met in Lima. Austin said the two had agreed to hold regular talks."
    )
    intents = _facts(text, "2024-05-31T20:00:00+08:00", "intent-to-meet")
    assert [set(f["participants"]) for f in intents] == [{"lloyd-austin", "dong-jun"}]


def test_a_spokesman_telling_the_readout_is_none_of_the_two() -> None:
    text = (
        "SINGAPORE — Defence Minister Dong Jun met U.S. Defense Secretary Lloyd Austin on Friday. "
        "Dong urged Austin to stop arming Taiwan, defence ministry spokesman Wu Qian told reporters. "
        "The two also agreed to hold regular talks."
    )
    report = Report(text, "en", datetime.fromisoformat("2024-05-31T20:00:00+08:00"))
    sentences = split(text, "en")
    found = find_all(sentences, report, context().actors, [True] * len(sentences))
    resolved = resolve_references(sentences, found, context().actors, report.published_at.date())
    assert {m.slug for m in resolved[-1] if m.kind == "person"} == {"lloyd-austin", "dong-jun"}
