"""Round 10: criticisms and demands in English — "a flagrant breach of", a reproach told by "the ministry" (the
U.S. has none), the Chinese navy as a speaker, "endangered … sovereignty", "pressed the PLA delegation to", and a
demand's content that is no criticism of its own (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2025-06-12T20:00:00+08:00"


def _acts(text: str, kind: str) -> list[tuple[tuple[str, ...], Any]]:
    return [(tuple(c.fact["participants"]), c.fact.get("recipient")) for c in run(text, "en", _AT) if c.kind == kind]


def test_a_flagrant_breach_of_norms_is_a_criticism() -> None:
    text = "The U.S. decision was a flagrant breach of international norms, defence ministry spokesman Zhang Xiaogang said on Thursday."
    assert _acts(text, "criticism") == [(("zhang-xiaogang",), "USA")]


def test_the_ministry_unqualified_is_chinas() -> None:
    text = (
        "BEIJING — China announced sanctions on Thursday on three American drone makers. "
        "The U.S. moves seriously harmed China's security interests, the ministry said."
    )
    assert _acts(text, "criticism") == [(("CHN",), "USA")]


def test_the_chinese_navy_speaks_for_china_in_a_round() -> None:
    text = (
        "U.S. and Chinese military officials held maritime safety talks in Qingdao on Wednesday and Thursday. "
        "The Chinese navy said its side pointed out that U.S. patrols near China endangered China's sovereignty."
    )
    assert (("CHN",), "USA") in _acts(text, "criticism")


def test_pressed_a_delegation_to_and_its_content_is_one_demand() -> None:
    text = (
        "U.S. and Chinese military officials held maritime safety talks in Qingdao on Wednesday and Thursday. "
        "American officials pressed the PLA delegation to cut down on unsafe and unprofessional intercepts by Chinese "
        "jets, the Pentagon said."
    )
    assert _acts(text, "demand") == [(("USA",), "CHN")]
    assert not _acts(text, "criticism")


def test_a_demand_to_change_a_misguided_policy_keeps_its_reproach() -> None:
    text = (
        "Vice Foreign Minister Xie Feng said on Thursday that the United States should change its "
        "'misguided and dangerous policy'."
    )
    assert _acts(text, "criticism") == [(("xie-feng",), "USA")]


def test_he_said_mid_sentence_is_the_speaker_of_the_demand_after_it() -> None:
    text = (
        "China has suspended maritime talks with the United States, foreign ministry spokesperson Lin Jian said on "
        "Thursday. Beijing remained open to dialogue, he said, but urged the United States to respect China's core "
        "interests."
    )
    assert _acts(text, "demand") == [(("lin-jian",), "USA")]


def test_jeopardized_sovereignty_is_a_criticism() -> None:
    text = (
        "U.S. and Chinese military officials held maritime safety talks in Qingdao on Wednesday and Thursday. "
        "The Chinese navy said U.S. patrols near China jeopardized China's sovereignty and security."
    )
    assert (("CHN",), "USA") in _acts(text, "criticism")


def test_a_running_charge_told_with_as_is_no_criticism_of_the_day() -> None:
    text = (
        "China has barred two U.S. warships from port calls in Qingdao next month, a U.S. Navy spokesman said on "
        "Thursday, as Beijing accuses Washington of quietly stirring up the long months of protests in Hong Kong."
    )
    assert not _acts(text, "criticism")
    # the same charge made that day is one
    text = "China's foreign ministry on Thursday accused Washington of fanning the protests in Hong Kong."
    assert _acts(text, "criticism") == [(("CHN",), "USA")]
