"""Lists and several parties in invented reports: sanctions named apart from their verb, Chinese lists after
包括, channels cut for a reason, and two meetings of one visit (issue 10's list and third-party rules)."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.lexicon import find_triggers
from tracker.extract.model import Candidate, Sentence, Span


def targets(found: list[Candidate]) -> dict[str, str]:
    """Each sanction's target, by its new actor's name when it is new, with who imposed it."""
    out = {}
    for c in found:
        if c.kind == "sanction-imposed":
            names = {a["slug"]: a["names"] for a in c.new_actors}
            target = c.fact["target"]
            out[next(iter(names[target].values())) if target in names else target] = c.fact["imposed_by"]
    return out


def test_two_meetings_that_each_name_both_sides_stay_two() -> None:
    """Blinken met Li Qiang, then Wang Yi, the same day: two meetings, not one of three."""
    found = run(
        "U.S. Secretary of State Antony Blinken met Chinese Premier Li Qiang in Beijing on Tuesday. Blinken also "
        "met Wang Yi on Tuesday.", "en", "2023-06-20T20:00:00+00:00",
    )  # fmt: skip
    meetings = sorted(sorted(c.fact["participants"]) for c in found if c.kind == "meeting")
    assert meetings == [["antony-blinken", "li-qiang"], ["antony-blinken", "wang-yi"]]


def test_a_channel_cut_for_a_reason_is_cut_by_the_side_that_announces() -> None:
    """针对美方…，中方宣布取消…: China cuts the channel, though the U.S. is named first (in the reason)."""
    found = run("针对美方对台军售，中方9日宣布取消中美国防部工作会晤。", "zh", "2022-08-10T08:00:00+08:00")
    cut = [c.fact for c in found if c.kind == "channel-suspended"]
    assert cut and all(f["by"] == "CHN" for f in cut)


def test_targets_named_before_among_those_to_be_sanctioned() -> None:
    """ "Spokesman Wang Wenbin named A and B among those to be sanctioned": both, by the spokesman's China."""
    found = run(
        "Foreign ministry spokesman Wang Wenbin named the Pacific Liberty Foundation and the Atlantic Policy "
        "Institute among those to be sanctioned on Friday.", "en", "2021-03-26T12:00:00+00:00",
    )  # fmt: skip
    assert targets(found) == {"Pacific Liberty Foundation": "CHN", "Atlantic Policy Institute": "CHN"}


def test_a_blacklisting_names_its_targets_inside_its_words_and_its_reason_is_no_protest() -> None:
    """ "added China's Institute of … to a trade blacklist, accusing it of helping the People's Liberation Army":
    one target without "China's", not the PLA; the accusation is the measure's reason, not a U.S. protest."""
    found = run(
        "The United States on Monday added China's Institute of Applied Optics to a trade blacklist, accusing it "
        "of helping the People's Liberation Army.", "en", "2022-05-09T20:00:00+00:00",
    )  # fmt: skip
    assert targets(found) == {"Institute of Applied Optics": "USA"}
    assert not [c for c in found if c.kind == "criticism"]


def test_a_chinese_list_after_baokuo_is_the_last_announcements_targets() -> None:
    """被列入清单的包括 A、B 和 C: targets of the Entity List announced in the sentence before (by the U.S.); a name
    spread over places (位于成都和西安的…) is a body in each place; a title before a name gives the person."""
    found = run(
        "美国商务部15日宣布，将5家中国实体列入“实体清单”。被列入清单的包括华东光电技术有限公司、江南精密仪器研究所、"
        "星海微电子，以及位于成都和西安的国家计算中心。制裁对象还包括某省副省长周立新。",
        "zh", "2022-03-16T08:00:00+08:00",
    )  # fmt: skip
    assert targets(found) == {"华东光电技术有限公司": "USA", "江南精密仪器研究所": "USA", "星海微电子": "USA",
                              "国家计算成都中心": "USA", "国家计算西安中心": "USA", "周立新": "USA"}  # fmt: skip


def test_a_trigger_alone_in_quotation_marks_is_a_name_not_a_quotation() -> None:
    """列入“实体清单”: the quotes mark the list's name; 他说“…制裁…” is still a quotation."""
    named = find_triggers(Sentence("美国将两家企业列入“实体清单”。", Span(0, 16)), "zh")
    assert [(t.kind, t.quoted) for t in named] == [("sanction-imposed", False)]
    said = find_triggers(Sentence("他说“美国将实施制裁”。", Span(0, 12)), "zh")
    assert [(t.kind, t.quoted) for t in said] == [("sanction-imposed", True)]


def test_a_meeting_pairs_the_party_beside_its_verb_with_the_subject_not_everyone() -> None:
    """他今天稍早与王毅会面，昨天则与秦刚会谈: two meetings of Blinken, each with one Chinese official."""
    found = run("布林肯19日在北京访问，他今天稍早与中央外办主任王毅会面，昨天则与中国外交部长秦刚会谈逾5小时。", "zh",
                "2023-06-19T20:30:00+08:00")  # fmt: skip
    meetings = sorted(sorted(c.fact["participants"]) for c in found if c.kind == "meeting")
    assert meetings == [["antony-blinken", "qin-gang"], ["antony-blinken", "wang-yi"]]


def test_officials_of_both_states_hold_talks_later_named() -> None:
    """ "U.S. and Chinese officials held maritime safety talks" is the two states' round; named next ("Chase
    hosted Song"), the named people stand for them: one round of talks on the channel."""
    found = run(
        "U.S. and Chinese military officials held maritime safety talks in Hawaii on Tuesday, the first since 2021. "
        "Ely Ratner hosted Chinese Ambassador Xie Feng.", "en", "2023-08-09T08:00:00+00:00",
    )  # fmt: skip
    talks = [c.fact for c in found if c.kind in ("talks", "meeting")]
    assert [(f["kind"], sorted(f["participants"]), f.get("channel")) for f in talks] == [
        ("talks", ["ely-ratner", "xie-feng"], "mmca")]  # fmt: skip


def test_a_dialogue_held_and_its_roster_are_one_round_of_talks() -> None:
    """第三轮中美外交安全对话9日在华盛顿举行 (a digit right after the channel's name) and the four who co-chaired
    it: one round on the channel with all four; a strategic dialogue off the catalogue stays talks."""
    found = run(
        "第三轮中美外交安全对话9日在华盛顿举行。杨洁篪，国务委员兼国防部长魏凤和与美国国务卿蓬佩奥、国防部长马蒂斯共同主持对话。",
        "zh", "2018-11-10T09:00:00+08:00",
    )  # fmt: skip
    talks = [c.fact for c in found if c.kind == "talks"]
    assert [(sorted(f["participants"]), f.get("channel")) for f in talks] == [
        (["jim-mattis", "mike-pompeo", "wei-fenghe", "yang-jiechi"], "diplomatic-security-dialogue")]  # fmt: skip
    other = run(
        "中美高层战略对话18日在安克雷奇举行。杨洁篪、王毅与布林肯、沙利文参加。", "zh", "2021-03-19T08:00:00+08:00"
    )
    assert [c.kind for c in other] == ["talks"]


def test_a_sanction_on_the_bodies_a_reason_named_falls_on_them() -> None:
    """针对美国A研究所和B总统图书馆为…提供平台，中方决定对两机构采取反制措施: both bodies, by China; 总统 inside
    a library's name is no president."""
    found = run(
        "外交部10日宣布，针对美国太平洋政策研究所和福特总统图书馆为台湾地区领导人过境提供平台，中方决定对两机构采取反制措施。",
        "zh", "2023-04-10T18:00:00+08:00",
    )  # fmt: skip
    assert targets(found) == {"太平洋政策研究所": "CHN", "福特总统图书馆": "CHN"}
    assert not [a for c in found for a in c.fact.get("participants") or () if a == "xi-jinping"]
