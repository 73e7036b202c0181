"""Round 10: a side's protest told in the Chinese account of a round of several days (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2026-06-13T15:00:00+08:00"
_ROUND = "中国海军今天发布消息说，中美两军9日至11日在美国圣迭戈举行2026年度中美海上军事安全磋商机制工作小组会议。"


def _facts(text: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "zh", _AT) if c.kind == kind]


def test_a_round_named_with_its_year_and_full_mechanism_name() -> None:
    talks = _facts(_ROUND, "talks")
    assert [(t["channel"], t["occurred_on"], t.get("until")) for t in talks] == [("mmca", "2026-06-09", "2026-06-11")]


def test_opposing_any_act_that_harms_chinas_sovereignty_in_a_round_is_criticism_on_its_days() -> None:
    text = _ROUND + "中方重申，坚决反对任何以航行自由为名、危害中国主权和安全的行为。"
    found = _facts(text, "criticism")
    assert [(f["participants"], f["recipient"], f["occurred_on"], f.get("until")) for f in found] == [
        (["CHN"], "USA", "2026-06-09", "2026-06-11")
    ]


def test_opposing_any_class_of_acts_harming_no_one_named_stays_a_position() -> None:
    text = _ROUND + "中方重申，坚决反对任何纵容分裂活动的言行。"
    assert not _facts(text, "criticism")


def test_a_side_stressing_in_a_later_clause_of_the_readout() -> None:
    text = _ROUND + "消息说，双方回顾了海空安全形势，中方强调坚决反对美方侵犯中国主权和安全。"
    found = _facts(text, "criticism")
    assert [(f["participants"], f["occurred_on"]) for f in found] == [(["CHN"], "2026-06-09")]
