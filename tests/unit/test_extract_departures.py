"""Office departures worded indirectly, on invented sentences: the post named by "relieved of … as", "removed …
from his post as", "quit as", "lost his job as", "took the place of", a passive succession with the office after
the successor, and 不再担任, 撤销/罢免…职务, 接替…担任 (who takes the office after the one replaced)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def offices(text: str, language: str, published: str) -> list[tuple[str, str, str]]:
    found = extract(Report(text, language, datetime.fromisoformat(published)), context())
    return sorted((c.kind, c.fact["actor"], c.fact["office"]) for c in found if c.kind.startswith("office-"))


@pytest.mark.parametrize(
    "text",
    [
        "Wei Fenghe was relieved of his duties as defence minister at a session on Thursday.",
        "The legislature on Thursday removed Wei Fenghe from his post as defence minister.",
        "Wei Fenghe quit as defence minister on Thursday after five years.",
        "Wei Fenghe lost his job as defence minister on Thursday.",
        "Wei Fenghe ended his tenure as defence minister on Thursday.",
        "Wei Fenghe was stripped of his post as defence minister on Thursday.",
    ],
)
def test_a_departure_worded_by_the_post_leaves_that_post(text: str) -> None:
    assert offices(text, "en", "2018-03-20T09:00:00+08:00") == [
        ("office-left", "wei-fenghe", "Minister of National Defense")
    ]


def test_the_office_after_the_successor_of_a_passive_succession_is_the_one_left() -> None:
    # (dated after Li's removal, so the gazetteer has no office of his to fall back on)
    found = offices("Li Shangfu was succeeded by Dong Jun as defence minister on Friday.", "en",
                    "2023-12-30T09:00:00+08:00")  # fmt: skip
    assert ("office-left", "li-shangfu", "Minister of National Defense") in found


def test_took_the_place_of_is_a_succession() -> None:
    found = offices("Li Shangfu on Sunday took the place of Wei Fenghe as defence minister.", "en",
                    "2023-03-13T09:00:00+08:00")  # fmt: skip
    assert ("office-left", "wei-fenghe", "Minister of National Defense") in found


@pytest.mark.parametrize(
    "text", ["魏凤和12日起不再担任国防部部长。", "魏凤和12日被撤销国防部部长职务。", "魏凤和12日被罢免国防部部长职务。"]
)
def test_chinese_departures_without_a_dismissal_verb(text: str) -> None:
    assert offices(text, "zh", "2023-03-13T09:00:00+08:00") == [
        ("office-left", "wei-fenghe", "Minister of National Defense")
    ]


def test_who_succeeds_takes_the_office_not_the_one_replaced() -> None:
    found = offices("董军24日接替李尚福担任国防部长。", "zh", "2023-10-25T09:00:00+08:00")
    assert ("office-assumed", "dong-jun", "Minister of National Defense") in found
    assert ("office-assumed", "li-shangfu", "Minister of National Defense") not in found


def test_the_one_replaced_leaves_the_office_the_successor_takes_after_it() -> None:
    # dated after Li's removal, so no office held that day stands in for the one named after 担任
    found = offices("董军29日接替李尚福担任国防部长。", "zh", "2023-12-30T09:00:00+08:00")
    assert ("office-left", "li-shangfu", "Minister of National Defense") in found
