"""Round 7b, on invented reports: the PLA Navy's commander by his full title, a reply in a readout, words a
spokesman tells that a minister had told, and a lede's words told before the encounter they come from."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def facts(found: list[Candidate], kind: str) -> list[dict[str, object]]:
    return [c.fact for c in found if c.kind == kind]


NAVY = (
    "U.S. Chief of Naval Operations Adm. John Richardson met the commander of the People's Liberation Army Navy, "
    "Vice Adm. Shen Jinlong, in Beijing on Monday."
)


def test_the_pla_navys_commander_by_full_title_is_a_chinese_official() -> None:
    found = run(NAVY, "en", "2019-01-16T20:00:00+08:00")
    assert [f["participants"] for f in facts(found, "meeting")] == [["john-richardson", "shen-jinlong"]]


def test_a_reply_in_a_readout_is_a_statement() -> None:
    found = run(
        NAVY + " Richardson replied that the United States opposed any change to the status quo.", "en",
        "2019-01-16T20:00:00+08:00",
    )  # fmt: skip
    assert [(f["participants"], f["recipient"]) for f in facts(found, "statement")] == [(["john-richardson"], "CHN")]


def test_what_a_spokesman_says_a_minister_had_told_is_the_ministers_statement() -> None:
    found = run(
        "Lloyd Austin met Chinese Defense Minister Dong Jun on Friday in Singapore. Chinese defense ministry spokesman "
        "Wu Qian told reporters that Dong had told Austin the Taiwan question was at the core of China's interests.",
        "en", "2024-05-31T18:00:00+08:00",
    )  # fmt: skip
    assert [f["participants"] for f in facts(found, "statement")] == [["dong-jun"]]


LEDE = (
    "Chinese President Xi Jinping told U.S. Defense Secretary Jim Mattis on Wednesday that China would defend its land."
)


def test_a_ledes_words_told_before_their_encounter_are_a_statement_on_its_day() -> None:
    found = run(LEDE + " Xi met Mattis at the Great Hall of the People.", "en", "2018-06-27T19:00:00+08:00")
    assert [(f["participants"], f["occurred_on"]) for f in facts(found, "statement")] == [
        (["xi-jinping"], "2018-06-27")
    ]


def test_a_ledes_words_need_an_encounter_on_their_day() -> None:
    found = run(LEDE + " Xi met Mattis at the Great Hall of the People on Thursday.", "en", "2018-06-29T19:00:00+08:00")
    assert facts(found, "statement") == []


def test_a_time_clause_with_its_own_subject_holds_only_the_persons_it_names() -> None:
    found = run(
        "Xi Jinping met Jim Mattis on Wednesday, hours after Mattis held talks with Defense Minister Wei Fenghe.", "en",
        "2018-06-27T19:00:00+08:00",
    )  # fmt: skip
    assert [f["participants"] for f in facts(found, "meeting")] == [
        ["xi-jinping", "jim-mattis"], ["jim-mattis", "wei-fenghe"]
    ]  # fmt: skip


def test_both_heads_of_state_name_the_other_president_not_the_state() -> None:
    found = run(
        "外交部5日宣布对佩洛西实施制裁。两国元首上月通电话时，习近平曾警告美方不要玩火。", "zh", "2022-08-05T17:00:00+08:00"
    )  # fmt: skip
    assert [f["participants"] for f in facts(found, "call")] == [["xi-jinping", "joe-biden"]]


def test_a_person_other_than_a_head_of_state_stays_with_the_state() -> None:
    found = run("落实两国元首共识，国防部长董军9日与美方视频通话。", "zh", "2024-04-17T17:00:00+08:00")
    assert [f["participants"] for f in facts(found, "call")] == [["dong-jun", "USA"]]


def test_the_us_side_too_must_is_a_demand() -> None:
    found = run("王毅会见布林肯时表示，美方也要尊重中国，不要损害中国的正当权益。", "zh", "2023-06-19T20:00:00+08:00")
    assert [f["participants"] for f in facts(found, "demand")] == [["wang-yi"]]
