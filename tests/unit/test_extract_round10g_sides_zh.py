"""Round 10g: the critic of a Chinese reproach — 发言人敦促美方… urges the side right after the verb, and
对中国企业进行无理打压 (a clause with no subject of its own) is protested by the side wronged (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run

_AT = "2024-05-09T18:00:00+08:00"


def _acts(text: str, kind: str) -> list[tuple[tuple[str, ...], object]]:
    return [(tuple(c.fact["participants"]), c.fact.get("recipient")) for c in run(text, "zh", _AT) if c.kind == kind]


def test_the_side_urged_is_the_recipient_of_a_spokespersons_demand() -> None:
    text = "商务部新闻发言人9日表示，中方注意到有关报道。发言人敦促美方立即撤销有关限制措施。"
    assert _acts(text, "demand") == [(("CHN",), "USA")]


def test_the_side_wronged_by_an_unreasonable_act_is_the_critic() -> None:
    text = "商务部新闻发言人9日表示，美方滥用出口管制措施，对中国企业进行无理打压。"
    assert _acts(text, "criticism") == [(("CHN",), "USA")]


def test_a_condemnation_asked_of_the_other_side_is_no_criticism() -> None:
    text = "美国国务院9日发布的新闻稿说，布林肯敦促中方与各国一道谴责朝鲜的导弹试射。"
    assert _acts(text, "criticism") == []
    assert _acts(text, "demand")


def test_urged_to_condemn_in_english_is_one_demand() -> None:
    text = "Secretary of State Antony Blinken on Tuesday urged China to condemn North Korea's missile launches."
    kinds = [c.kind for c in run(text, "en", _AT) if c.kind in ("demand", "criticism")]
    assert kinds == ["demand"]
