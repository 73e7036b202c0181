"""Round 7c, on invented reports: a reproach whose sentence closes on the organ that tells it ("…, the Chinese
foreign ministry said") is that side's, whichever side the reproach opens on."""

from __future__ import annotations

from tests.unit.extract_run import run


def critics(text: str, published: str) -> list[tuple[list[str], str]]:
    return [(c.fact["participants"], c.fact["recipient"]) for c in run(text, "en", published) if c.kind == "criticism"]


def test_a_reproach_told_by_the_chinese_ministry_at_the_end_is_chinas() -> None:
    found = critics(
        "The U.S. arms sale seriously harmed China's sovereignty and violated international law, the Chinese "
        "foreign ministry said on Tuesday.",
        "2024-06-18T19:00:00+08:00",
    )
    assert found == [(["CHN"], "USA")]


def test_a_reproach_told_by_the_pentagon_at_the_end_is_the_united_states() -> None:
    found = critics(
        "China's drills around Taiwan were irresponsible and a violation of international norms, the Pentagon said "
        "on Friday.",
        "2024-01-05T19:00:00-05:00",
    )
    assert found == [(["USA"], "CHN")]


def test_a_blatant_violation_of_norms_quoted_before_its_speaker_is_a_criticism() -> None:
    found = critics(
        '"The U.S. move is a blatant violation of the basic norms of international relations," foreign ministry '
        "spokesman Geng Shuang said on Monday.",
        "2019-07-15T19:00:00+08:00",
    )
    assert found == [(["geng-shuang"], "USA")]
