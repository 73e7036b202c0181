"""Round 7c, on invented reports: talks held by video are a call, and "called the meeting good" judges an encounter
rather than telling of a phone call."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def kinds(found: list[Candidate]) -> list[str]:
    return sorted(c.kind for c in found if not c.fact.get("background"))


def test_talks_held_by_video_are_a_call() -> None:
    found = run(
        "Defense Secretary Lloyd Austin held talks by video with Chinese Defense Minister Dong Jun on Tuesday.",
        "en", "2024-04-17T09:00:00-04:00",
    )  # fmt: skip
    assert "call" in kinds(found)
    assert "meeting" not in kinds(found)


def test_calling_the_talks_good_is_no_call() -> None:
    found = run(
        "Defense Secretary Lloyd Austin met Chinese Defense Minister Dong Jun in Singapore on Friday. "
        "Austin called the talks with Dong frank and useful.",
        "en", "2024-05-31T18:00:00+08:00",
    )  # fmt: skip
    assert "call" not in kinds(found)
    assert "meeting" in kinds(found)


def test_a_readout_framed_in_the_first_call_is_a_call_on_its_date() -> None:
    found = run(
        "In the first call, on April 16, Defense Secretary Lloyd Austin told Chinese Defense Minister Dong Jun that "
        "the United States would defend its allies.",
        "en", "2024-04-17T18:00:00-04:00",
    )  # fmt: skip
    calls = [c.fact for c in found if c.kind == "call"]
    assert [(f["participants"], f["occurred_on"]) for f in calls] == [(["lloyd-austin", "dong-jun"], "2024-04-16")]
