"""Round 7c, on invented reports: requests a side denies are the other side's, answered, not its own demand."""

from __future__ import annotations

from tests.unit.extract_run import run


def test_denied_requests_are_no_demand_by_the_side_that_denies_them() -> None:
    found = run(
        "Beijing has denied requests for a U.S. destroyer to stop at Qingdao next month, the Pentagon said on Friday.",
        "en", "2021-05-14T18:00:00-04:00",
    )  # fmt: skip
    assert [c.fact for c in found if c.kind == "demand"] == []


def test_a_request_made_is_still_a_demand() -> None:
    found = run(
        "Chinese Defense Minister Wei Fenghe requested that the United States stop sending warships through the "
        "Taiwan Strait, the ministry said on Friday.",
        "en", "2021-05-14T18:00:00+08:00",
    )  # fmt: skip
    assert [c.fact["participants"] for c in found if c.kind == "demand"] == [["wei-fenghe"]]


def test_a_postponement_at_the_other_sides_request_is_no_demand() -> None:
    found = run(
        "A high-level maritime dialogue between the two militaries has been postponed at Washington's request, "
        "Chinese defence ministry spokesman Wu Qian said in a statement on Tuesday.",
        "en", "2022-03-01T18:00:00-05:00",
    )  # fmt: skip
    assert [c.fact for c in found if c.kind == "demand"] == []
