"""Round 7c, on invented reports: "a former television host" names a trade, and "will meet firm countermeasures"
is a response met, not an encounter."""

from __future__ import annotations

from tests.unit.extract_run import run


def kinds(text: str, published: str) -> list[str]:
    return [c.kind for c in run(text, "en", published)]


def test_a_former_host_is_no_meeting() -> None:
    found = kinds(
        "Lloyd Austin, a former television host, said China was a pacing challenge, the Pentagon said on Monday.",
        "2024-03-04T09:00:00-05:00",
    )
    assert "meeting" not in found


def test_hosting_a_minister_is_still_a_meeting() -> None:
    found = kinds(
        "Lloyd Austin hosted Chinese Defense Minister Dong Jun at the Pentagon on Monday.", "2024-03-04T18:00:00-05:00"
    )
    assert "meeting" in found


def test_meeting_firm_countermeasures_is_no_meeting() -> None:
    found = kinds(
        "Chinese Defense Minister Dong Jun urged Washington on Monday to stop arming Taiwan and warned that anyone "
        "who provokes China will meet firm countermeasures from the Chinese people.",
        "2024-03-04T18:00:00+08:00",
    )
    assert "meeting" not in found
