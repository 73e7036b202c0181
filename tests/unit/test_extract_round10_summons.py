"""Round 10: a state's summons of an envoy told again with the official who summoned him is one protest, the
summoner's; the spokesman's words the same day stay his own criticism (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run


def test_the_state_summons_then_the_summoner_is_one_protest_and_the_spokesman_keeps_his() -> None:
    text = (
        "BEIJING — China summoned the U.S. ambassador on Saturday in protest against new sanctions. "
        "Vice Foreign Minister Xie Feng summoned Ambassador Nicholas Burns to lodge stern representations, the "
        'foreign ministry said. "The U.S. move is a blatant violation of international law," ministry spokesman '
        "Wang Wenbin said."
    )
    found = [c.fact for c in run(text, "en", "2023-03-11T20:00:00+08:00") if c.kind == "criticism"]
    parties = sorted((tuple(f["participants"]), f.get("recipient")) for f in found)
    assert parties == [(("wang-wenbin",), "USA"), (("xie-feng", "nicholas-burns"), None)]


def test_a_summoner_new_to_the_index_is_still_the_one_protest() -> None:
    text = (
        "BEIJING — China summoned the U.S. ambassador on Saturday in protest against new sanctions. "
        "Assistant Foreign Minister Hua Qiming summoned Ambassador Nicholas Burns to lodge stern representations, "
        "the foreign ministry said."
    )
    found = [c.fact for c in run(text, "en", "2023-03-11T20:00:00+08:00") if c.kind == "criticism"]
    assert [set(f["participants"]) for f in found] == [{"hua-qiming", "nicholas-burns"}]


def test_each_ministrys_protest_is_its_own_act() -> None:
    text = (
        "外交部9日发表声明，对美方武力击落中国民用飞艇表示强烈不满和抗议。"
        "同日，国防部新闻发言人谭克非发表谈话表示，美方此举是明显过度反应，中方对此表示严正抗议。"
    )
    found = [c.fact for c in run(text, "zh", "2023-02-09T20:00:00+08:00") if c.kind == "criticism"]
    assert sorted(f["participants"][0] for f in found) == ["CHN", "tan-kefei"]


def test_one_ministrys_protest_told_again_with_its_spokesman_is_one() -> None:
    text = "外交部9日对美方武力击落中国民用飞艇表示强烈不满。外交部发言人毛宁9日表示，美方此举严重违反国际惯例。"
    found = [c.fact for c in run(text, "zh", "2023-02-09T20:00:00+08:00") if c.kind == "criticism"]
    assert [f["participants"] for f in found] == [["mao-ning"]]
