"""Round 11i: a channel resumed in one semicolon-delimited part of a sentence is not every channel the sentence
names (invented sentences)."""

from __future__ import annotations

from tests.unit.extract_run import run

_AT = "2025-06-09T18:00:00+08:00"


def _resumed(text: str, language: str) -> list[str]:
    return [c.fact["channel"] for c in run(text, language, _AT) if c.kind == "channel-resumed"]


def test_a_resumption_reaches_only_the_channel_of_its_own_part() -> None:
    text = "今年2月，国防部工作会晤在五角大楼恢复举行；5月，海上军事安全磋商机制会议在关岛召开。"
    assert _resumed(text, "zh") == ["dpct"]


def test_a_resumption_reaches_only_the_channel_of_its_own_part_in_english() -> None:
    text = "In February the Defense Policy Coordination Talks resumed at the Pentagon; in May, MMCA talks were held in Guam."
    assert _resumed(text, "en") == ["dpct"]


def test_a_resumption_of_two_channels_in_one_part_keeps_both() -> None:
    text = "今年2月，两军恢复了国防部工作会晤和海上军事安全磋商机制会议。"
    assert _resumed(text, "zh") == ["dpct", "mmca"]


def _criticisms(text: str) -> list[str]:
    return [c.fact["occurred_on"] for c in run(text, "zh", _AT) if c.kind == "criticism"]


def test_a_date_told_inside_a_statement_does_not_date_its_verdict() -> None:
    text = "外交部声明说，6月3日，美方无端关闭中方驻西雅图领事机构，严重违反国际关系基本准则。"
    assert _criticisms(text) == ["2025-06-09"]


def test_a_date_before_the_speech_verb_still_dates_the_verdict() -> None:
    text = "外交部发言人6月3日说，美方无端关闭中方驻西雅图领事机构，严重违反国际关系基本准则。"
    assert _criticisms(text) == ["2025-06-03"]


_2023 = "2023-06-09T18:00:00+08:00"


def _meetings(text: str, language: str) -> list[tuple[str, ...]]:
    return [tuple(c.fact["participants"]) for c in run(text, language, _2023) if c.kind == "meeting"]


def test_the_first_to_visit_ranks_a_person_and_tells_no_visit() -> None:
    assert _meetings("奥斯汀是五年来第一位访华的美国国防部长。", "zh") == []


def test_a_visit_told_plainly_is_still_a_meeting() -> None:
    assert _meetings("美国国防部长奥斯汀8日访华。", "zh") == [("lloyd-austin", "CHN")]


def _sanctioned(text: str) -> list[tuple[str, str]]:
    return [(c.fact["target"], c.fact["imposed_by"]) for c in run(text, "zh", _2023) if c.kind == "sanction-imposed"]


def test_the_name_of_a_sanctions_law_is_no_sanction() -> None:
    text = (
        "外交部发言人8日宣布，针对美方上月以所谓人权问题为由，对新疆自治区党委原书记李建国、新疆自治区公安厅原厅长"
        "陈志明实施非法制裁，中方决定依据《反外国制裁法》，对美国国务院原“亚太事务高级顾问”马可伟采取反制措施。"
    )
    assert _sanctioned(text) == [("makewei", "CHN")]


def _called_off(text: str, language: str) -> list[object]:
    return [c.fact.get("initiator") for c in run(text, language, _2023) if c.fact.get("status") == "cancelled"]


def test_a_visit_cut_short_by_a_recall_is_called_off_by_the_recalling_side() -> None:
    assert _called_off("国防部发言人8日宣布，中方决定立即召回正在美国访问的海军司令员董军。", "zh") == ["CHN"]
    assert _called_off(
        "China on Thursday recalled navy commander Dong Jun from a visit to the United States.", "en"
    ) == ["CHN"]


def test_a_plan_told_by_a_new_subject_after_an_agreement_is_its_own() -> None:
    at = "2025-09-19T23:30:00+08:00"
    text = "国家主席习近平19日晚同美国总统特朗普通电话。特朗普随后说，双方同意会面，他将于明年初访华。"
    visits = [c.fact for c in run(text, "zh", at) if c.kind == "meeting"]
    assert [(v["status"], tuple(v["participants"])) for v in visits] == [("expected", ("donald-trump", "CHN"))]


def _dated(text: str, kind: str) -> list[str]:
    return [c.fact["occurred_on"] for c in run(text, "zh", _AT) if c.kind == kind]


def test_a_contact_is_dated_by_its_own_semicolon_part() -> None:
    text = "今年2月，中美国防部工作会晤在北京恢复举行；5月，海上军事安全磋商机制会议在关岛召开。"
    assert _dated(text, "talks") == ["2025-02"]


def test_a_resumption_in_the_second_part_takes_that_parts_date() -> None:
    text = "今年2月，海上军事安全磋商机制会议在关岛召开；5月，国防部工作会晤在五角大楼恢复举行。"
    assert _dated(text, "channel-resumed") == ["2025-05"]
