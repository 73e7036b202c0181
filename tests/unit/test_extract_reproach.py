"""Criticism told without a verb of blame, on invented sentences: words that reproach by themselves (没有资格,
居高临下, 说三道四, 干涉中国内政, 炒作, "has no right to", "groundless", "meddling in", "interference in … internal
affairs", "misguided") make the speaker's words a criticism, not a statement."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.unit.extract_run import context
from tracker.extract.model import Report
from tracker.extract.pipeline import extract


def acts(text: str, language: str, published: str) -> list[tuple[str, str, str | None]]:
    found = extract(Report(text, language, datetime.fromisoformat(published)), context())
    return [(c.kind, c.fact["participants"][0], c.fact.get("recipient")) for c in found]


@pytest.mark.parametrize(
    "text",
    [
        "毛宁19日表示，美方没有资格对中国的人权状况说三道四。",
        "林剑19日表示，美国居高临下地教训别国。",
        "林剑19日说，美方借台湾问题干涉中国内政。",
        "林剑19日说，美方一些政客炒作所谓“中国威胁”。",
    ],
)
def test_chinese_words_of_reproach_make_a_criticism(text: str) -> None:
    assert acts(text, "zh", "2024-11-20T09:00:00+08:00")[0][0] == "criticism"


@pytest.mark.parametrize(
    "text",
    [
        "Lin Jian said on Tuesday that the United States has no right to lecture China on human rights.",
        "Lin Jian said on Tuesday that the U.S. claims about Chinese hacking were groundless.",
        "Lin Jian said on Tuesday that Washington was meddling in Hong Kong's affairs.",
        "Lin Jian said on Tuesday that the U.S. bill amounted to interference in China's internal affairs.",
        "Lin Jian said on Tuesday that Washington's approach to Beijing was misguided.",
    ],
)
def test_english_words_of_reproach_make_a_criticism(text: str) -> None:
    assert acts(text, "en", "2024-11-20T09:00:00-05:00") == [("criticism", "lin-jian", "USA")]
