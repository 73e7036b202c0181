"""Round 11m: a statement headed by its signer speaks in the signer's name (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2026-02-10T15:00:00+00:00"


def _facts(text: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "en", _AT) if c.kind == kind]


_HEAD = "PRESS STATEMENT. ANTONY J. BLINKEN, SECRETARY OF STATE. FEBRUARY 10, 2026. "


def test_we_call_on_in_a_signed_statement_is_the_signers_demand() -> None:
    text = _HEAD + "We once again call on Beijing to free the detained journalists and to close the camps."
    assert [(f["initiator"], f["recipient"], f["occurred_on"]) for f in _facts(text, "demand")] == [
        ("antony-blinken", "CHN", "2026-02-10")
    ]


def test_the_other_state_committing_atrocities_is_the_signers_criticism() -> None:
    text = _HEAD + "Despite pledges of restraint, the PRC continues to commit atrocities against its own people."
    assert [(f["initiator"], f["recipient"]) for f in _facts(text, "criticism")] == [("antony-blinken", "CHN")]


def test_an_unsigned_we_makes_no_demand() -> None:
    text = "We call on Beijing to free the detained journalists, a group of rights advocates wrote on Tuesday."
    assert not [f for f in _facts(text, "demand") if f.get("initiator") == "antony-blinken"]


def test_a_charge_of_china_phobia_is_a_criticism_of_the_other_side() -> None:
    text = (
        "Chinese Foreign Minister Wang Yi said on Tuesday that some American politicians were gripped by "
        "China-phobia and urged calm."
    )
    assert [(f["participants"], f.get("recipient")) for f in _facts(text, "criticism")] == [(["wang-yi"], "USA")]


def test_a_policy_said_to_lead_down_a_road_of_no_return_is_reproached() -> None:
    text = "Wang Yi said on Tuesday that the U.S. approach to Taiwan was a road of no return for both countries."
    assert [(f["participants"], f.get("recipient")) for f in _facts(text, "criticism")] == [(["wang-yi"], "USA")]
