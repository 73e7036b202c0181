"""Round 7c, on invented reports: a many-nation chiefs-of-defence conference is no bilateral channel, and two
officials meeting on the sidelines of a forum of several days hold a meeting, not a round of talks."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.channels import find_channels
from tracker.extract.model import Sentence, Span


def test_a_chiefs_of_defence_conference_is_no_channel() -> None:
    text = "They met at the ASEAN Chiefs of Defence Forces Conference in Bali."
    assert find_channels(Sentence(text, Span(0, len(text))), "en") == []


def test_chiefs_of_defense_talks_are_still_the_channel() -> None:
    text = "The chiefs of defense talks resumed in Washington."
    assert [slug for slug, _ in find_channels(Sentence(text, Span(0, len(text))), "en")] == ["chiefs-of-defense"]


def test_a_meeting_on_the_sidelines_of_a_forum_of_several_days_is_a_meeting() -> None:
    found = run(
        "Defense Secretary Lloyd Austin met Chinese Defense Minister Dong Jun on the sidelines of the Shangri-La "
        "Dialogue in Singapore, held from May 31 to June 2, the Pentagon said on Monday.",
        "en", "2024-06-03T09:00:00+08:00",
    )  # fmt: skip
    assert [c.kind for c in found if c.kind in ("meeting", "talks")] == ["meeting"]
