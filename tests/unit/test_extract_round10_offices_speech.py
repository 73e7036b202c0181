"""Round 10: removals and expulsions from office in Chinese, and words that are no act to the other side — the
other side's demand a reason clause quotes, a disciplinary verdict — (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run

_AT = "2026-04-09T18:00:00+08:00"


def _facts(text: str, kind: str) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "zh", _AT) if c.kind == kind]


def test_removal_names_the_person_after_the_verb() -> None:
    # (the second sentence names a known official: a report naming no one known is skipped before any rule)
    text = "全国人大常委会9日表决罢免了郭振邦的中央军事委员会委员职务。国防部长董军当天出席了另一场活动。"
    left = _facts(text, "office-left")
    assert [(f["actor"], f["office"], f["occurred_on"]) for f in left] == [
        ("guo-zhenbang", "Member of the Central Military Commission", "2026-04-09")
    ]


def test_expelled_officers_each_leave_the_post_they_held_not_a_former_one() -> None:
    text = (
        "国防部新闻发言人张晓刚9日发布消息，经党中央批准，中央军委副主席何卫东，原中央军委委员苗华，"
        "东部战区司令员林向阳等5人因严重违纪违法，被开除党籍、开除军籍。"
    )
    left = {(f["actor"], f["office"]) for f in _facts(text, "office-left")}
    assert left == {
        ("he-weidong", "Vice Chairman of the Central Military Commission"),
        ("lin-xiangyang", "Commander, Eastern Theater Command"),
    }


def test_a_disciplinary_verdict_is_no_criticism() -> None:
    text = "国防部新闻发言人张晓刚9日说，5人严重违背党的原则，涉嫌严重职务犯罪，影响极其恶劣。"
    assert not _facts(text, "criticism")
    # the same words about the other side are one
    assert _facts("国防部新闻发言人张晓刚9日说，美方此举严重违背国际法，影响极其恶劣。", "criticism")


def test_the_other_sides_demand_in_a_reason_clause_is_no_demand() -> None:
    text = "外交部9日发表声明说，中方此举是针对美方6日要求中方关闭驻西雅图总领事馆作出的回应。"
    assert not _facts(text, "demand")


def test_a_sides_demand_continuing_a_statement() -> None:
    text = "外交部9日发表声明，宣布撤销对美国驻武汉总领事馆的许可。中方再次敦促美方立即撤销错误决定。"
    demands = _facts(text, "demand")
    assert [(f["participants"], f["recipient"], f["occurred_on"]) for f in demands] == [(["CHN"], "USA", "2026-04-09")]


def test_a_reproach_goes_back_to_the_clause_opening_on_a_side() -> None:
    # 中方 in the clause before is the object of 要求; the subject is 美方, two clauses back: China criticises
    text = "外交部9日发表声明。声明说，4月6日，美方单方面挑起事端，突然要求中方关闭驻西雅图总领馆，严重违反国际法。"
    critics = [(f["participants"], f.get("recipient")) for f in _facts(text, "criticism")]
    assert critics == [(["CHN"], "USA")]


def test_a_sides_demand_after_its_official_spoke_is_the_officials() -> None:
    text = "国防部9日发布消息。国防部新闻发言人张晓刚表示，美方此举严重违反国际关系基本准则。中方要求美方立即纠正错误。"
    demands = _facts(text, "demand")
    assert [(f["participants"], f["recipient"]) for f in demands] == [(["zhang-xiaogang"], "USA")]


def test_a_refusal_named_as_the_topic_is_no_act_and_does_not_swallow_the_words_after() -> None:
    text = (
        "国防部新闻发言人吴谦9日就中方未接受美方两国防长会晤建议一事答记者问时表示，美方此举严重违反国际法。"
        "美方这种不负责任的做法破坏了氛围，因此中方没有接受美方关于两国防长会晤的建议。"
    )
    found = run(text, "zh", "2020-03-09T20:00:00+08:00")
    refusals = [c.fact for c in found if c.kind == "meeting-declined"]
    assert len(refusals) == 1 and "wu-qian" not in refusals[0]["participants"]
    assert refusals[0].get("initiator") == "CHN"
    assert [c.fact["participants"] for c in found if c.kind == "criticism"] == [["wu-qian"]]
