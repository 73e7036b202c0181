"""Round 10g: an English reproach is dated by its saying — a closing "…, the command said in a statement released
Thursday" — and not by the act it reproaches, dated in its "by …ing" reason clause (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run

_AT = "2025-03-14T09:00:00+00:00"  # a Friday


def _days(text: str, kind: str) -> list[str]:
    return [str(c.fact["occurred_on"]) for c in run(text, "en", _AT) if c.kind == kind]


def test_a_protest_told_at_the_end_is_dated_by_the_statement() -> None:
    text = (
        "On March 2, a Chinese fighter jet made an unsafe approach to a U.S. Navy patrol aircraft over the East China "
        "Sea, U.S. Pacific Fleet said in a statement released Thursday."
    )
    assert _days(text, "criticism") == ["2025-03-13"]


def test_a_reason_clause_date_is_the_reproached_acts() -> None:
    text = (
        "BEIJING (AFP) - China on Friday imposed sanctions on two American defence firms. A ministry spokesperson "
        'said the United States had "seriously violated international law" by issuing a trade advisory and '
        "sanctioning six of Beijing's officials in the city last week."
    )
    assert _days(text, "criticism") == ["2025-03-14"]


def test_the_state_opening_the_reported_clause_is_the_one_criticised() -> None:
    text = (
        "BEIJING (AFP) - China on Friday imposed sanctions on two American defence firms. A ministry spokesperson "
        'said the United States had "seriously violated international law" by issuing a trade advisory.'
    )
    acts = [(c.fact["participants"], c.fact.get("recipient")) for c in run(text, "en", _AT) if c.kind == "criticism"]
    assert acts == [(["CHN"], "USA")]


def test_a_state_reported_as_concerned_is_the_critic() -> None:
    text = "The spokesman said the United States remained concerned about unsafe intercepts by Chinese jets."
    acts = [(c.fact["participants"], c.fact.get("recipient")) for c in run(text, "en", _AT) if c.kind == "criticism"]
    assert acts == [(["USA"], "CHN")]


def test_a_date_before_the_reason_clause_still_dates_the_reproach() -> None:
    text = (
        "A foreign ministry spokesperson said on Tuesday that Washington had seriously violated international law "
        "by selling missiles to Taiwan."
    )
    assert _days(text, "criticism") == ["2025-03-11"]


def test_a_measure_taken_in_protest_is_no_spoken_criticism() -> None:
    text = (
        "Beijing said on Tuesday it was suspending maritime consultations with Washington in protest over a U.S. "
        "warship's transit of the Taiwan Strait."
    )
    assert _days(text, "criticism") == []


def test_a_spoken_protest_stays_a_criticism() -> None:
    text = (
        "China's foreign ministry said on Tuesday it had lodged a protest with Washington over the warship's transit."
    )
    assert _days(text, "criticism") == ["2025-03-11"]


def test_concerns_about_the_actions_china_took_are_a_criticism() -> None:
    text = (
        "Secretary of State Marco Rubio met Foreign Minister Wang Yi in Kuala Lumpur on Thursday. Rubio said the "
        "United States had serious concerns about the actions China had taken near the Philippines."
    )
    acts = [(c.fact["participants"], c.fact.get("recipient")) for c in run(text, "en", _AT) if c.kind == "criticism"]
    assert acts == [(["marco-rubio"], "CHN")]
