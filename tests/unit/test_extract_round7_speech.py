"""Round 7 rules for what is said, on invented sentences: imperative and prohibitive demands, stern positions,
demands of third parties, request nouns, new officials who urge, pledged positions, concerns held, the reproach
words of "called the move outrageous", tellings to visiting officials, blame for damaged relations."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run


def facts(text: str, language: str, published: str | None = None) -> list[dict[str, Any]]:
    published = published or ("2024-03-08T09:00:00+08:00" if language == "zh" else "2024-03-08T09:00:00-05:00")
    return [c.fact for c in run(text, language, published)]


def of_kind(text: str, language: str, kind: str) -> list[dict[str, Any]]:
    return [f for f in facts(text, language) if f["kind"] == kind]


def kinds(text: str, language: str) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((f["kind"], tuple(f.get("participants") or ())) for f in facts(text, language))


def test_an_imperative_to_the_other_side_is_a_demand_and_forbids_no_reproach_of_its_own() -> None:
    text = "王毅7日在北京会见布林肯。王毅表示，美方不要干涉中国内政。"
    assert [f["participants"] for f in of_kind(text, "zh", "demand")] == [["wang-yi"]]
    assert of_kind(text, "zh", "criticism") == []
    assert of_kind(text, "zh", "statement") == []


def test_a_wish_worded_as_an_imperative_is_still_a_demand() -> None:
    text = "习近平7日同拜登通电话。习近平表示，希望美方务必慎重处理南海问题。"
    assert [f["participants"] for f in of_kind(text, "zh", "demand")] == [["xi-jinping"]]


def test_what_a_prohibitive_demand_forbids_is_its_content() -> None:
    text = (
        "Dong Jun met Lloyd Austin in Singapore on Friday. "
        "Dong warned that Washington must not interfere in China's internal affairs."
    )
    assert [f["participants"] for f in of_kind(text, "en", "demand")] == [["dong-jun"]]
    assert of_kind(text, "en", "criticism") == []
    text = "Mao Ning on Thursday urged Washington to stop interfering in China's internal affairs."
    assert of_kind(text, "en", "criticism") == []
    assert of_kind(text, "en", "demand") != []


def test_a_position_expounded_or_a_stern_one_made_plain_is_a_statement_a_plain_one_none() -> None:
    call = "国防部长董军7日同美国国防部长奥斯汀视频通话。"
    expounded = call + "董军全面阐述了中方在南海问题上的立场。"
    assert [f["participants"] for f in of_kind(expounded, "zh", "statement")] == [["dong-jun"]]
    stern = call + "董军表明了中方在南海问题上的严正立场。"
    assert [f["participants"] for f in of_kind(stern, "zh", "statement")] == [["dong-jun"]]
    plain = "国防部长董军7日同美国国防部长奥斯汀视频通话。董军就南海问题阐明了中方立场。"
    assert of_kind(plain, "zh", "statement") == []


def test_urging_third_parties_or_telling_an_earlier_request_is_no_demand() -> None:
    text = "Pete Hegseth on Saturday urged European partners to buy more American weapons."
    assert of_kind(text, "en", "demand") == []
    text = (
        "China declined a U.S. request for a phone call between Lloyd Austin and Dong Jun on Saturday. "
        "The request was sent soon after the incident, Brig. Gen. Pat Ryder, the Pentagon press secretary, said."
    )
    assert of_kind(text, "en", "demand") == []


def test_a_new_official_who_urges_later_is_found_again_by_name() -> None:
    text = "外交部副部长孙立新7日召见美国驻华大使伯恩斯，提出严正交涉。孙立新敦促美方立即撤销有关决定。"
    assert [f["participants"] for f in of_kind(text, "zh", "demand")] == [["sun-lixin"]]


def test_a_pledged_position_in_a_readout_is_a_statement() -> None:
    text = (
        "Lloyd Austin spoke by video call with Dong Jun on Tuesday. "
        "Dong said Beijing would never give up its claims in the South China Sea, according to his ministry."
    )
    assert [f["participants"] for f in of_kind(text, "en", "statement")] == [["dong-jun"]]


def test_concerns_held_or_underscored_about_the_other_side_are_criticism() -> None:
    text = "Antony Blinken said on Monday that Washington had serious concerns about China's support for Russia."
    assert [f["participants"] for f in of_kind(text, "en", "criticism")] == [["antony-blinken"]]
    text = (
        "Joe Biden spoke by phone with Xi Jinping on Monday. "
        "Biden underscored his deep concerns about Beijing's pressure on Taiwan."
    )
    assert [f["participants"] for f in of_kind(text, "en", "criticism")] == [["joe-biden"]]


def test_calling_a_move_outrageous_reproaches() -> None:
    text = "Foreign ministry spokesman Lin Jian on Monday called the U.S. decision outrageous and unwarranted."
    assert [f["participants"] for f in of_kind(text, "en", "criticism")] == [["lin-jian"]]


def test_what_is_told_to_a_visiting_official_is_a_statement() -> None:
    text = (
        "Chinese Vice President Han Zheng told visiting U.S. Secretary of State Antony Blinken on Monday that "
        "China would defend its interests."
    )
    assert [f["participants"] for f in of_kind(text, "en", "statement")] == [["han-zheng"]]
    assert of_kind(text, "en", "meeting") != []  # "visiting" still tells the encounter


def test_blame_for_damaged_relations_is_criticism() -> None:
    text = "习近平7日同拜登通电话。习近平指出，美方的错误做法导致两国关系陷入严重困境。"
    assert [f["participants"] for f in of_kind(text, "zh", "criticism")] == [["xi-jinping"]]
