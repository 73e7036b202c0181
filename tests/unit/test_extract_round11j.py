"""Round 11j: an ambiguous Chinese transliteration confirmed as a person by a military rank (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2026-03-14T10:00:00+08:00"  # a Saturday


def _facts(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, language, _AT) if c.kind == kind]


def test_ranked_ambiguous_name_takes_the_office_not_the_predecessor() -> None:
    # 布朗 is also a colour word: the rank before it makes it a person, who then takes the post
    text = "美军参谋长联席会议主席米利的任期于3月12日结束，空军上将布朗3月13日正式接任参联会主席。"
    assumed = _facts(text, "zh", "office-assumed")
    assert [(f["actor"], f["occurred_on"]) for f in assumed] == [("charles-q-brown", "2026-03-13")]


def test_ambiguous_name_followed_by_general_is_a_person() -> None:
    text = "国防部说，布朗将军3月13日在五角大楼正式接任参联会主席。"
    assumed = _facts(text, "zh", "office-assumed")
    assert [f["actor"] for f in assumed] == ["charles-q-brown"]


def test_state_right_after_accused_is_the_one_reproached_not_the_critic() -> None:
    # a pronoun subject: the state named right after the verb is its object, so it cannot be the protesting side
    text = "The visit had been useful. On Friday she accused Beijing of bullying its smaller neighbours at sea."
    critics = _facts(text, "en", "criticism")
    assert not any(f["participants"] == ["CHN"] for f in critics)


def test_state_subject_before_accused_still_protests() -> None:
    text = "China on Friday accused the United States of stoking tension in the region."
    critics = _facts(text, "en", "criticism")
    assert [(f["participants"], f.get("recipient")) for f in critics] == [(["CHN"], "USA")]


def test_sanction_retold_without_date_is_the_older_one() -> None:
    text = (
        "Gen. Li Shangfu, under U.S. sanctions since 2018, spoke at the forum on Saturday. "
        "Washington sanctioned Li over an arms purchase from a Russian exporter."
    )
    sanctions = _facts(text, "en", "sanction-imposed")
    assert [(f["target"], f["occurred_on"]) for f in sanctions] == [("li-shangfu", "2018")]


def test_new_dated_sanction_beside_an_older_one_is_kept() -> None:
    text = (
        "The Treasury on Friday sanctioned Gen. Li Shangfu over new arms purchases. "
        "Li has been under U.S. sanctions since 2018."
    )
    sanctions = _facts(text, "en", "sanction-imposed")
    assert sorted(f["occurred_on"] for f in sanctions) == ["2018", "2026-03-13"]


def test_named_persons_earlier_undated_demand_is_background_only() -> None:
    text = "国防部表示，两军交流受阻的责任在美方，外交部发言人华春莹曾要求美方“拿出诚意”。"
    assert not [f for f in _facts(text, "zh", "demand") if f["participants"] == ["hua-chunying"]]


def test_speakers_own_earlier_urging_told_in_his_remarks_is_kept() -> None:
    # undated, 他 resolved to the speaker: the speaker's own account, not a named third person's earlier remark
    text = "王毅会见了布林肯。布林肯在记者会上说，他曾力促恢复两军沟通渠道，但中方尚未同意。"
    demands = _facts(text, "zh", "demand")
    assert [(f["participants"], f.get("recipient")) for f in demands] == [(["antony-blinken"], "CHN")]


def test_sentence_looking_back_at_a_visit_tells_no_second_encounter() -> None:
    text = "习近平14日在北京会见美国国务卿鲁比奥。这是2018年以来美国国务卿首次访华。"
    meetings = _facts(text, "zh", "meeting")
    assert [set(f["participants"]) for f in meetings] == [{"xi-jinping", "marco-rubio"}]


def test_english_it_was_the_first_visit_is_the_visit_already_told() -> None:
    text = (
        "Xi Jinping met Secretary of State Marco Rubio in Beijing on Saturday. "
        "It was the first visit to China by a U.S. secretary of state since 2018."
    )
    meetings = _facts(text, "en", "meeting")
    assert [set(f["participants"]) for f in meetings] == [{"xi-jinping", "marco-rubio"}]
