"""Protests on invented reports: who criticises whom when a reproach names the other side's act ("Pelosi's
visit", 佩洛西窜访…严重违反), a ministry that condemns and summons, and a reason clause of reproach (鉴于美方不负责任)."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def protests(found: list[Candidate]) -> list[tuple[list[str], str | None]]:
    return [(c.fact["participants"], c.fact.get("recipient")) for c in found if c.kind == "criticism"]


def test_a_spokesperson_criticises_the_person_whose_act_the_reproach_names_zh() -> None:
    """One protest by Hua, made to the person it names (the later 坚决反对 is the same protest)."""
    found = run(
        "外交部发言人华春莹3日表示，佩洛西窜访台湾严重违反一个中国原则，中方对此坚决反对。", "zh",
        "2022-08-03T20:00:00+08:00",
    )  # fmt: skip
    assert protests(found) == [(["hua-chunying"], "nancy-pelosi")]


def test_the_person_whose_act_is_condemned_is_not_the_critic() -> None:
    found = run(
        "China's foreign ministry on Friday condemned House Speaker Nancy Pelosi's visit to Taiwan and summoned "
        "U.S. Ambassador Nicholas Burns to protest.", "en", "2022-08-05T20:00:00+08:00",
    )  # fmt: skip
    assert all("nancy-pelosi" not in parties for parties, _ in protests(found))
    summons = [c.fact for c in found if c.kind == "criticism" and "nicholas-burns" in c.fact["participants"]]
    assert [(f["participants"], f.get("initiator")) for f in summons] == [(["CHN", "nicholas-burns"], "CHN")]


def test_a_reason_clause_of_reproach_is_the_acting_states_criticism_zh() -> None:
    """鉴于美方不负责任的做法，中方没有接受…: China criticises the United States, and refuses."""
    found = run(
        "国防部发言人9日表示，鉴于美方不负责任的错误做法，中方没有接受美方提出的两国防长通话建议。", "zh",
        "2023-02-10T09:00:00+08:00",
    )  # fmt: skip
    assert protests(found) == [(["CHN"], "USA")]
    assert [c.fact["initiator"] for c in found if c.kind == "meeting-declined"] == ["CHN"]


def test_the_state_and_the_spokesman_who_voiced_its_protest_are_one_act() -> None:
    found = run(
        "China on Wednesday condemned a U.S. order to close its consulate in Houston. Foreign ministry spokesman "
        "Wang Wenbin said the move seriously violated international law.", "en", "2020-07-22T09:00:00+00:00",
    )  # fmt: skip
    assert protests(found) == [(["wang-wenbin"], "USA")]


def test_a_domestic_accusation_is_no_protest_to_the_other_side() -> None:
    found = run(
        "China's Communist Party has expelled former defence ministers Li Shangfu and Wei Fenghe, state media said "
        "on Thursday, accusing both of taking bribes.", "en", "2024-06-27T10:00:00+00:00",
    )  # fmt: skip
    assert protests(found) == []


def test_the_subject_right_before_the_verb_speaks_even_after_a_state() -> None:
    found = run(
        "China said on Sunday it had lodged representations after Defense Secretary Pete Hegseth accused Beijing "
        "of preparing to use force.", "en", "2025-06-01T08:00:00+00:00",
    )  # fmt: skip
    assert (["pete-hegseth"], "CHN") in protests(found)


def test_concerns_raised_with_a_counterpart_in_a_meeting_are_to_the_other_state() -> None:
    found = run(
        "Defense Secretary Lloyd Austin said he had raised concerns with Chinese Defense Minister Dong Jun about "
        "Taiwan when they met in Singapore on Friday.", "en", "2024-06-01T08:00:00+08:00",
    )  # fmt: skip
    assert protests(found) == [(["lloyd-austin"], "CHN")]


def test_a_meeting_a_day_before_the_saying_is_dated_that_day() -> None:
    found = run(
        "Defense Secretary Lloyd Austin said on Saturday that his meeting with Chinese Defense Minister Dong Jun a "
        "day earlier was productive.", "en", "2024-06-01T20:00:00+08:00",
    )  # fmt: skip
    assert [c.fact["occurred_on"] for c in found if c.kind == "meeting"] == ["2024-05-31"]


def test_a_violation_of_sovereignty_is_a_reproach() -> None:
    found = run(
        "Secretary of State Antony Blinken said the balloon's presence in U.S. airspace was a clear violation of "
        "U.S. sovereignty.", "en", "2023-02-03T20:00:00+00:00",
    )  # fmt: skip
    assert protests(found) == [(["antony-blinken"], "CHN")]


def test_the_person_a_relative_clause_describes_speaks_in_it() -> None:
    found = run(
        "Wendy Sherman later met Foreign Minister Wang Yi, who said that Washington must not challenge China's "
        "political system.", "en", "2021-07-26T12:00:00+00:00",
    )  # fmt: skip
    assert [(c.fact["participants"], c.fact.get("recipient")) for c in found if c.kind == "demand"] == [
        (["wang-yi"], "USA")
    ]


def test_the_one_told_is_not_the_speaker() -> None:
    found = run(
        "China told visiting U.S. Deputy Secretary of State Wendy Sherman on Monday that relations were in a "
        "stalemate and presented Washington with lists of demands.", "en", "2021-07-26T12:00:00+00:00",
    )  # fmt: skip
    assert all(c.fact["participants"] != ["wendy-sherman"] for c in found if c.kind == "demand")


def test_more_words_of_reproach_are_criticism() -> None:
    for text, language, published in (
        ("Defense Secretary Lloyd Austin on Friday lashed out at China over its drills near Taiwan.", "en",
         "2024-05-24T20:00:00-04:00"),
        ("Secretary of State Antony Blinken on Monday castigated China for its support of Russia.", "en",
         "2024-04-29T20:00:00-04:00"),
        ("外交部发言人毛宁12日痛批美方抹黑中国。", "zh", "2024-03-12T20:00:00+08:00"),
        ("外交部发言人林剑5日表示，美方的说法充斥着冷战思维。", "zh", "2024-03-05T20:00:00+08:00"),
    ):  # fmt: skip
        assert [c.kind for c in run(text, language, published)] == ["criticism"], text


def test_a_protest_of_the_other_sides_measure_is_a_protest_zh() -> None:
    found = run("美国财政部10日宣布对12家中国实体实施制裁，中方对此表示强烈不满。", "zh", "2024-04-11T08:00:00+08:00")
    assert protests(found) == [(["CHN"], "USA")]


def test_a_rebuke_from_a_capital_is_that_states() -> None:
    found = run(
        "The U.S. Treasury on Wednesday sanctioned 12 Chinese companies for helping Russia's war effort, drawing a "
        "sharp rebuke from Beijing.", "en", "2024-04-11T08:00:00-04:00",
    )  # fmt: skip
    assert protests(found) == [(["CHN"], "USA")]


def test_the_state_whose_act_is_criticised_or_whom_concern_is_about_is_not_the_critic_zh() -> None:
    for text in (
        "美国国防部发言人31日表示，中方战机的拦截行为不安全、不专业。",
        "美国国务院发言人31日说，美方对中方在南海的行为表示严重关切。",
        "美国国务院发言人31日说，美方对中方表示严重关切。",
    ):
        assert protests(run(text, "zh", "2024-06-01T08:00:00+08:00")) == [(["USA"], "CHN")], text
