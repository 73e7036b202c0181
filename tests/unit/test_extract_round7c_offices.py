"""Round 7c, on invented reports: "The appointment comes as …" looks back at an appointment told; it appoints none
of the officials its clause names."""

from __future__ import annotations

from tests.unit.extract_run import run


def test_the_appointment_looked_back_at_appoints_no_one_else() -> None:
    found = run(
        "China named Dong Jun as defence minister on Friday. The appointment comes as U.S. officials have said they "
        "hope Defense Secretary Lloyd Austin can speak with Dong soon.",
        "en", "2023-12-29T20:00:00+08:00",
    )  # fmt: skip
    assert [c.fact["actor"] for c in found if c.kind == "office-assumed"] == ["dong-jun"]


def test_the_appointment_of_an_official_is_still_an_appointment() -> None:
    found = run(
        "China announced the appointment of Dong Jun as defence minister on Friday.", "en", "2023-12-29T20:00:00+08:00"
    )
    assert [c.fact["actor"] for c in found if c.kind == "office-assumed"] == ["dong-jun"]
