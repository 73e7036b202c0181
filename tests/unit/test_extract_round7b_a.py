"""Round 7b, on invented reports: reproach of third parties, planned resumptions, wishes "when conditions allow",
the setting of an agreement, who calls channels off past a reason clause, and open lines as a shared aim."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate

CALL_EN = "Lloyd Austin spoke with Dong Jun by video call on Tuesday. "
CALL_ZH = "美国国务卿布林肯20日与中国外交部长王毅通电话。"


def kinds(found: list[Candidate], *wanted: str) -> list[str]:
    return [c.kind for c in found if c.kind in wanted]


def test_concern_over_a_third_partys_acts_is_no_criticism_en() -> None:
    found = run(CALL_EN + "Austin voiced concern over Iran's attacks on shipping.", "en", "2024-04-16T14:30:00-04:00")
    assert kinds(found, "criticism") == []


def test_a_reproach_word_owned_by_a_third_party_is_no_criticism_en() -> None:
    found = run(CALL_EN + "Austin also discussed North Korea's provocations.", "en", "2024-04-16T14:30:00-04:00")
    assert kinds(found, "criticism") == []


def test_concern_over_chinas_part_in_a_third_partys_act_stays_a_criticism() -> None:
    found = run(
        CALL_EN + "Austin voiced concern over China's support for Russia's war.", "en", "2024-04-16T14:30:00-04:00"
    )
    assert kinds(found, "criticism") == ["criticism"]


def test_concern_over_a_third_partys_acts_is_no_criticism_zh() -> None:
    found = run(CALL_ZH + "布林肯对俄罗斯在乌克兰的行动表达关切。", "zh", "2024-11-21T09:00:00+08:00")
    assert kinds(found, "criticism") == []
    found = run(CALL_ZH + "布林肯谈到了朝鲜的挑衅。", "zh", "2024-11-21T09:00:00+08:00")
    assert kinds(found, "criticism") == []


def test_concern_over_the_other_sides_acts_stays_a_criticism_zh() -> None:
    found = run(CALL_ZH + "布林肯对中方的军事挑衅表达关切。", "zh", "2024-11-21T09:00:00+08:00")
    assert kinds(found, "criticism") == ["criticism"]


AGREED = (
    "Joe Biden and Xi Jinping agreed on Wednesday to resume military talks, in three hours of talks near Lima. "
    "The two sides will resume the Defense Policy Coordination Talks and restore telephone conversations between "
    "theater commanders, the White House said."
)


def test_a_planned_resumption_and_what_it_takes_as_object_are_no_facts() -> None:
    found = run(AGREED, "en", "2024-11-20T21:00:00-05:00")
    assert kinds(found, "channel-resumed", "call") == []


def test_a_verb_joined_to_a_planned_resumption_is_planned_too() -> None:
    found = run(
        "The two militaries will resume maritime safety talks and restore the defense hotline, officials said.",
        "en", "2024-11-20T21:00:00-05:00",
    )  # fmt: skip
    assert kinds(found, "channel-resumed") == []


def test_the_setting_of_an_agreement_is_a_meeting_on_the_agreements_day() -> None:
    found = run(
        "Joe Biden and Xi Jinping agreed on Wednesday to restore military contacts cut off last year, in four hours "
        "of talks near Lima.", "en", "2024-11-20T21:00:00-05:00",
    )  # fmt: skip
    meetings = [c.fact for c in found if c.kind == "meeting"]
    assert [(m["participants"], m["occurred_on"]) for m in meetings] == [(["joe-biden", "xi-jinping"], "2024-11-20")]


def test_a_demand_made_when_he_met_leaves_the_meeting_a_meeting() -> None:
    found = run(
        "U.S. Defense Secretary Mark Esper urged China to show restraint when he met Chinese Defence Minister Wei "
        "Fenghe on Monday in Bangkok.", "en", "2019-11-18T20:00:00+07:00",
    )  # fmt: skip
    assert sorted(kinds(found, "meeting", "demand")) == ["demand", "meeting"]


def test_a_visit_wished_for_when_conditions_allow_is_no_expected_visit() -> None:
    trip = "Secretary of State Antony Blinken on Friday postponed a trip to Beijing. "
    found = run(
        trip + "Blinken said he would travel to China when conditions allowed.", "en", "2023-02-03T17:30:00-05:00"
    )
    assert [c.fact["status"] for c in found if c.kind == "meeting"] == ["cancelled"]
    found = run(trip + "Blinken said he would travel to China next week.", "en", "2023-02-03T17:30:00-05:00")
    assert sorted(c.fact["status"] for c in found if c.kind == "meeting") == ["cancelled", "expected"]


def test_channels_called_off_past_a_mid_clause_reason_are_the_announcers() -> None:
    found = run(
        "同日，外交部宣布针对佩洛西窜台采取反制措施，包括：取消中美两军战区领导通话；取消中美国防部工作会晤。", "zh",
        "2022-08-05T17:00:00+08:00",
    )  # fmt: skip
    suspended = [(c.fact["channel"], c.fact.get("by")) for c in found if c.kind == "channel-suspended"]
    assert suspended == [("theater-commanders", "CHN"), ("dpct", "CHN")]


def test_a_commitment_to_open_lines_is_a_shared_aim_no_statement() -> None:
    found = run(
        "China declined a U.S. request for a call between Lloyd Austin and Wei Fenghe, the Pentagon said on Tuesday. "
        "'Our commitment to maintaining open lines with the PRC does not waver,' Pentagon press secretary Brig. Gen. "
        "Pat Ryder said in a statement.", "en", "2023-02-07T21:00:00-05:00",
    )  # fmt: skip
    assert kinds(found, "statement") == []


def test_keeping_channels_open_is_a_shared_aim_no_statement_zh() -> None:
    met = "中央军委副主席张又侠29日在北京会见美国总统国家安全事务助理沙利文。"
    assert (
        kinds(run(met + "沙利文表示，美方愿保持两军沟通渠道畅通。", "zh", "2024-08-29T20:00:00+08:00"), "statement")
        == []
    )
    found = run(met + "沙利文表示，美方坚持一个中国政策。", "zh", "2024-08-29T20:00:00+08:00")
    assert kinds(found, "statement") == ["statement"]


def test_an_aside_after_a_governor_leaves_its_content_governed() -> None:
    found = run(
        "Lloyd Austin declined, in a statement on Tuesday, to meet Dong Jun.", "en", "2024-04-17T09:00:00-04:00"
    )
    assert kinds(found, "meeting") == []


def test_open_lines_beside_a_position_leave_the_position() -> None:
    found = run(
        "Lloyd Austin met Dong Jun on Friday in Singapore. Austin told Dong that Washington was committed to keeping "
        "lines of communication open, but that it would keep sailing where law allows.", "en",
        "2024-06-01T09:00:00+08:00",
    )  # fmt: skip
    assert kinds(found, "statement") == ["statement"]
