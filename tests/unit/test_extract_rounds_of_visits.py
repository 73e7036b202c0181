"""A visit made to hold a new round of a dialogue is that round (talks), on invented sentences; a visit without one
stays a meeting."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def kinds(text: str) -> list[tuple[str, str]]:
    report = Report(text, "zh", datetime.fromisoformat("2024-03-04T09:00:00+08:00"))
    found: list[dict[str, Any]] = [c.fact for c in extract(report, context())]
    return [(f["kind"], f.get("status", "occurred")) for f in found if f["kind"] in ("meeting", "talks")]


def test_a_visit_to_hold_a_new_round_of_strategic_communication_is_talks() -> None:
    text = "应外交部长王毅邀请，美国总统国家安全事务助理沙利文将于3月11日至12日访华，同王毅举行新一轮中美战略沟通。"
    assert kinds(text) == [("talks", "expected")]


def test_a_visit_to_hold_a_new_round_in_traditional_characters_is_talks() -> None:
    text = "應外交部長王毅邀請，美國總統國家安全顧問沙利文將於3月11日至12日訪華，與王毅舉行新一輪中美戰略溝通。"
    assert kinds(text) == [("talks", "expected")]


def test_a_visit_without_a_round_stays_a_meeting() -> None:
    text = "应外交部长王毅邀请，美国总统国家安全事务助理沙利文将于3月11日至12日访华，同王毅会见。"
    assert kinds(text) == [("meeting", "expected")]
