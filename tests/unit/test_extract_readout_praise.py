"""Readouts convention, on invented reports: praise of the encounter or of a shared aim (会晤是坦诚的, 愿同中方保持
沟通, 双方应加强沟通, "told … the talks were constructive") is no statement and no demand; a position still is."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def spoken(text: str, language: str) -> list[str]:
    published = "2024-11-21T09:00:00+08:00" if language == "zh" else "2024-11-21T09:00:00-05:00"
    found = extract(Report(text, language, datetime.fromisoformat(published)), context())
    return [c.kind for c in found if c.kind in ("statement", "demand", "criticism")]


MET_ZH = "美国国务卿布林肯20日在利马会见中国外交部长王毅。"
MET_EN = "Antony Blinken met Wang Yi in Lima on Wednesday. "


@pytest.mark.parametrize(
    "text",
    [
        MET_ZH + "王毅表示，此次会晤是坦诚的、务实的。",
        MET_ZH + "布林肯表示，美方愿同中方继续保持沟通。",
        MET_ZH + "王毅表示，双方应加强沟通。",
    ],
)
def test_chinese_praise_of_the_encounter_or_a_shared_aim_is_no_act(text: str) -> None:
    assert spoken(text, "zh") == []


def test_english_praise_of_the_encounter_is_no_statement() -> None:
    assert spoken(MET_EN + "Wang told Blinken that the talks were constructive.", "en") == []


def test_a_position_in_the_same_readout_is_still_a_statement() -> None:
    assert spoken(MET_ZH + "王毅表示，台湾问题是中美关系中最重要的问题。", "zh") == ["statement"]


def en(text: str) -> list[str]:
    return spoken(text, "en")


def test_a_speech_outside_an_encounter_not_about_the_other_side_is_no_statement() -> None:
    assert en("Lloyd Austin gave a speech at the Halifax forum on Saturday about NATO's eastern flank.") == []
    assert en("Antony Blinken said in a statement on Friday that he was proud of the embassy staff.") == []


def test_a_speech_about_the_other_side_is_still_a_statement() -> None:
    assert en("Lloyd Austin gave a speech at the Halifax forum on Saturday about China's navy.") == ["statement"]


def test_an_organ_telling_the_meeting_in_a_statement_makes_no_statement_for_the_person_named() -> None:
    assert en("Joe Biden met Xi Jinping in Lima on Saturday, the White House said in a statement, adding that the"
              " leaders discussed Taiwan.") == []  # fmt: skip


def test_telling_the_press_or_congress_after_an_encounter_is_no_readout() -> None:
    met = "Joe Biden met Xi Jinping in Lima on Saturday. "
    assert en(met + "Biden told CNN that Xi had been blunt about tariffs.") == []
    assert en(met + "Biden told Congress that China would keep buying soybeans.") == []


def test_a_readout_statement_gives_way_to_the_speakers_demand_in_another_sentence() -> None:
    found = spoken(MET_ZH + "王毅表示，台湾问题是中美关系中最重要的问题。王毅强调，美方应停止对台军售。", "zh")
    assert found == ["demand"]


def test_hoping_both_sides_work_together_is_a_shared_aim() -> None:
    assert spoken(MET_ZH + "王毅表示，希望两国共同努力，推动关系稳定发展。", "zh") == []
