"""Round 11k: one body's name spread over several places in a Chinese sanction list (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2026-03-14T10:00:00+08:00"  # a Saturday


def _facts(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, language, _AT) if c.kind == kind]


def _new_names(text: str) -> set[str]:
    return {a["names"]["zh"] for c in run(text, "zh", _AT) for a in c.new_actors}


def test_name_spread_over_places_is_a_body_in_each_place() -> None:
    text = (
        "美国商务部3月12日宣布，将5家中国实体列入“实体清单”。"
        "被列入清单的包括华岳光电有限公司、星河材料研究所，以及位于成都、西安和长沙的国家先进材料中心。"
    )
    names = _new_names(text)
    assert {"国家先进材料成都中心", "国家先进材料西安中心", "国家先进材料长沙中心"} <= names
    assert len(_facts(text, "zh", "sanction-imposed")) == 5


def test_spread_name_without_institution_word_takes_the_place_first() -> None:
    text = "美国商务部3月12日宣布，将4家中国实体列入“实体清单”。被列入清单的包括华岳光电有限公司，以及位于成都和西安的星河电子公司。"
    names = _new_names(text)
    assert {"成都星河电子公司", "西安星河电子公司"} <= names


def test_a_title_one_may_now_use_is_the_office_taken() -> None:
    text = "白宫周六宣布，国防部长赫格塞斯即日起可使用“战争部长”头衔。"
    assumed = _facts(text, "zh", "office-assumed")
    assert [(f["actor"], f["office"]) for f in assumed] == [("pete-hegseth", "Secretary of War")]


def test_using_something_other_than_a_title_takes_no_office() -> None:
    text = "白宫周六说，国防部长赫格塞斯当天使用了新的办公室。"
    assert _facts(text, "zh", "office-assumed") == []
