"""Office changes told with the verbs wire copy uses: who took or left which office (invented texts)."""

from __future__ import annotations

from datetime import datetime

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def offices(text: str, language: str, published: str) -> set[tuple[str, str, str]]:
    found = extract(Report(text, language, datetime.fromisoformat(published)), context())
    return {(c.kind, c.fact["actor"], c.fact["office"]) for c in found if c.kind.startswith("office-")}


def test_the_subject_takes_over_as_acting_and_the_one_replaced_leaves() -> None:
    got = offices(
        "WASHINGTON - Patrick Shanahan took over as acting secretary of defense on Tuesday, replacing Jim Mattis, "
        "who announced his resignation in December over policy differences with President Donald Trump.",
        "en",
        "2019-01-01T20:00:00+00:00",
    )
    assert ("office-assumed", "patrick-shanahan", "Acting Secretary of Defense") in got
    assert not any(office == "President" for _, _, office in got)


def test_assuming_command_names_the_command() -> None:
    got = offices(
        "HONOLULU - Adm. Samuel Paparo assumed command of U.S. Indo-Pacific Command on Friday.",
        "en",
        "2024-05-03T20:00:00+00:00",
    )
    assert got == {("office-assumed", "samuel-paparo", "Commander, U.S. Indo-Pacific Command")}


def test_stepping_down_leaves_the_office_held_not_one_named_later() -> None:
    got = offices(
        "Hegseth succeeds Lloyd Austin, who stepped down when President Joe Biden's term ended on Monday.",
        "en",
        "2025-01-25T16:00:00+00:00",
    )
    assert ("office-left", "lloyd-austin", "Secretary of Defense") in got
    assert not any(office == "President" for _, _, office in got)


def test_an_ambassador_arriving_to_take_up_the_post() -> None:
    got = offices("新任中国驻美国大使秦刚28日抵达华盛顿履新。", "zh", "2021-07-29T08:00:00+08:00")
    assert got == {("office-assumed", "qin-gang", "Ambassador to the United States")}


def test_an_unqualified_office_in_a_chinese_report_is_the_actors_states() -> None:
    got = offices("美国防长埃斯珀今年7月就任国防部长。", "zh", "2019-11-18T08:00:00+08:00")
    assert got == {("office-assumed", "mark-esper", "Secretary of Defense")}
