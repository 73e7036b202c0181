"""Round 7b, on invented reports: a called-off plan's date, a think tank named with its descriptor, a forum speech
that accuses, whose act a protest reproaches, the speaker's own concern, a delegation's words, talks held in a
video call, and a "first such" told after a dash."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def facts(found: list[Candidate], kind: str) -> list[dict[str, object]]:
    return [c.fact for c in found if c.kind == kind]


def test_a_called_off_plans_days_are_this_years() -> None:
    found = run(
        "Secretary of State Antony Blinken postponed a planned Feb. 5-6 visit to Beijing last week.", "en",
        "2023-02-09T21:00:00-05:00",
    )  # fmt: skip
    assert [(f["status"], f["occurred_on"]) for f in facts(found, "meeting")] == [("cancelled", "2023-02-05")]


def test_a_think_tank_is_named_without_its_descriptor() -> None:
    found = run(
        "外交部12日宣布，对美国智库胡佛研究所及其负责人实施反制。", "zh", "2023-04-12T19:00:00+08:00",
    )  # fmt: skip
    assert [f["target"] for f in facts(found, "sanction-imposed")] == ["hufuyanjiusuo"]


def test_a_forum_speech_that_accuses_after_telling_is_a_criticism() -> None:
    found = run(
        "Pete Hegseth warned on Saturday that the danger could be real, telling the Halifax forum that the PLA was "
        "training hard and accusing Beijing of bullying its neighbours.", "en", "2025-11-22T20:00:00-05:00",
    )  # fmt: skip
    assert [(f["participants"], f["recipient"]) for f in facts(found, "criticism")] == [(["pete-hegseth"], "CHN")]


def test_a_protest_saying_a_person_erred_is_made_to_that_person() -> None:
    found = run(
        "On Sunday, China's foreign ministry said it had lodged stern representations with the United States, saying "
        "Pete Hegseth had smeared China.", "en", "2025-06-01T20:00:00+08:00",
    )  # fmt: skip
    assert [(f["participants"], f["recipient"]) for f in facts(found, "criticism")] == [(["CHN"], "pete-hegseth")]


def test_the_speakers_own_concern_about_the_other_side_is_a_criticism() -> None:
    found = run(
        "Speaking in Singapore on Saturday, Lloyd Austin said he was deeply concerned that Beijing had refused to "
        "talk.", "en", "2023-06-03T20:00:00+08:00",
    )  # fmt: skip
    assert [f["participants"] for f in facts(found, "criticism")] == [["lloyd-austin"]]
    found = run(
        "Speaking in Singapore on Saturday, Lloyd Austin said China appeared to be concerned that Washington would "
        "use the channels.", "en", "2023-06-03T20:00:00+08:00",
    )  # fmt: skip
    assert facts(found, "criticism") == []


def test_a_delegation_speaks_for_its_state() -> None:
    found = run(
        "U.S. and Chinese military officials met in Honolulu on Wednesday for Military Maritime Consultative "
        "Agreement talks. The U.S. delegation raised concerns about unsafe intercepts by Chinese aircraft.", "en",
        "2024-04-05T12:00:00-10:00",
    )  # fmt: skip
    assert [(f["participants"], f["recipient"]) for f in facts(found, "criticism")] == [(["USA"], "CHN")]


def test_talks_held_in_a_video_call_are_a_call_and_a_first_such_after_a_dash_is_no_other() -> None:
    found = run(
        "Gen. CQ Brown held talks with Gen. Liu Zhenli in a video call on Thursday - the first such talks between "
        "the two countries' top officers in a year.", "en", "2023-12-22T08:00:00-05:00",
    )  # fmt: skip
    assert [c.kind for c in found if c.kind in ("meeting", "talks", "call")] == ["call"]
