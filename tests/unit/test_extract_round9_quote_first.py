"""Round 9: a quotation in its own sentence before its attribution is the act of the speaker named after it
(invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run

_AT = "2024-03-07T10:00:00+08:00"


def _acts(text: str, language: str) -> set[tuple[str, tuple[str, ...], str]]:
    return {
        (c.kind, tuple(c.fact.get("participants", [])), str(c.fact["occurred_on"]))
        for c in run(text, language, _AT)
        if c.kind in ("demand", "criticism", "statement")
    }


def test_chinese_quote_then_spokesman() -> None:
    text = "“美方应立即停止向台湾地区出售武器。”国防部发言人吴谦4日表示。"
    assert ("demand", ("wu-qian",), "2024-03-04") in _acts(text, "zh")


def test_english_quote_then_spokesman() -> None:
    text = (
        '"The United States must immediately stop selling weapons to Taiwan." '
        "Chinese defence ministry spokesman Wu Qian said on Thursday."
    )
    assert ("demand", ("wu-qian",), "2024-03-07") in _acts(text, "en")


def test_english_quote_not_joined_to_a_sentence_of_its_own() -> None:
    # The next sentence tells a statement of its own: the quotation before it is not its speaker's.
    text = (
        '"The United States must immediately stop selling weapons to Taiwan." U.S. Secretary of State Antony '
        "Blinken told reporters on Thursday that Washington would keep its commitments under the Taiwan Relations Act."
    )
    assert not any(k == "demand" and p == ("antony-blinken",) for k, p, _ in _acts(text, "en"))
