"""Round 11l rules, on invented sentences: a 鉴于 reason clause names whose act is criticised, so the person in it
neither speaks nor protests; the other side criticises that person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def criticisms(text: str) -> list[tuple[list[str], str | None]]:
    report = Report(text, "zh", datetime.fromisoformat("2024-11-21T09:00:00+08:00"))
    found: list[dict[str, Any]] = [c.fact for c in extract(report, context())]
    return [(f["participants"], f.get("recipient")) for f in found if f["kind"] == "criticism"]


def test_the_person_of_a_reason_clause_is_criticised_not_the_critic() -> None:
    # (the clause opening on 中国 further back is the announcer, not the one criticised)
    text = "中国外交部今日宣布，鉴于布林肯不顾中方坚决反对，执意窜访台湾，严重干涉中国内政，决定对其采取反制措施。"
    assert criticisms(text) == [(["CHN"], "antony-blinken")]


def test_a_titled_person_in_a_reason_clause_counts_for_their_side() -> None:
    # the state in the title (美国国务卿) is part of the person's name: the person's home gives the side
    text = (
        "国防部20日宣布，鉴于美国国务卿布林肯不顾中方反对，执意窜访台湾，严重损害中国主权，决定对布林肯采取制裁措施。"
    )
    assert criticisms(text) == [(["CHN"], "antony-blinken")]


def test_a_speaker_after_a_reason_clause_still_speaks() -> None:
    assert criticisms("鉴于美方一再挑衅，王毅20日表示，美方严重干涉中国内政。") == [(["wang-yi"], "USA")]


def test_a_relative_aside_keeps_its_date_from_an_announced_act() -> None:
    text = "Wei Fenghe, who became defence minister in March, was sanctioned by Washington in 2017 over jet purchases."
    report = Report(text, "en", datetime.fromisoformat("2024-11-21T09:00:00-05:00"))
    found = [c.fact for c in extract(report, context()) if c.fact["kind"] == "sanction-imposed"]
    assert [(f["target"], f["occurred_on"]) for f in found] == [("wei-fenghe", "2017")]
