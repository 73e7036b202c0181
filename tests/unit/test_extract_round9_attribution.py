"""Round 9: a modal in reported words does not reach past their attribution into the narrator's time clause."""

from __future__ import annotations

from tests.unit.extract_run import run

_AT = "2019-11-18T20:00:00+07:00"


def _kinds(text: str) -> list[tuple[str, list[str]]]:
    return [(c.fact["kind"], sorted(c.fact.get("participants") or [])) for c in run(text, "en", _AT)]


def test_an_encounter_told_after_the_attribution_is_no_hypothetical() -> None:
    text = (
        "Chinese Defense Minister Wei Fenghe told Mark Esper on Monday that Washington should end its patrols "
        "near the islands, a ministry spokesman said after the two held talks in Bangkok."
    )
    assert ("meeting", ["mark-esper", "wei-fenghe"]) in _kinds(text)


def test_a_modal_in_the_same_clause_still_makes_the_encounter_hypothetical() -> None:
    text = "Mark Esper said he could meet Wei Fenghe in Bangkok next month, a Pentagon spokesman said."
    assert not any(kind == "meeting" and status == "occurred" for kind, status in
                   ((c.fact["kind"], c.fact.get("status")) for c in run(text, "en", _AT)))  # fmt: skip
