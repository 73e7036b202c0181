"""Round 10e: Chinese rounds held by video, working groups, agreements and readouts (invented sentences)."""

from __future__ import annotations

from typing import Any

from tests.unit.extract_run import run


def _facts(text: str, at: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [c.fact for c in run(text, "zh", at) if kind is None or c.kind == kind]


def test_numbered_round_held_by_video_is_talks_not_a_call() -> None:
    text = (
        "3月14日至15日，中美两军以视频方式举行第18次国防政策协调会谈，由国防部国际军事合作办公室副主任黄雪平与"
        "美国国防部副助理部长蔡斯共同主持。"
    )
    found = _facts(text, "2022-03-17T20:00:00+08:00")
    assert [f["kind"] for f in found] == ["talks"]
    assert found[0]["channel"] == "dpct" and found[0]["until"] == "2022-03-15"


def test_leaders_meeting_by_video_stays_a_call() -> None:
    text = "国家主席习近平3月18日晚在北京以视频方式同美国总统拜登举行会晤。"
    assert [f["kind"] for f in _facts(text, "2022-03-19T08:00:00+08:00")] == ["call"]


def test_mechanism_video_conference_is_a_round_of_talks() -> None:
    text = "中美两军3月9日举行海上军事安全磋商机制视频会议，双方就海空安全问题交换了意见。"
    found = _facts(text, "2022-03-10T20:00:00+08:00")
    assert [(f["kind"], f.get("channel")) for f in found] == [("talks", "mmca")]


def test_working_group_meeting_names_its_channel() -> None:
    text = "4月6日至7日，中美两军以视频方式举行危机沟通工作组会议，双方就危机预防等问题进行了交流。"
    found = _facts(text, "2022-04-08T20:00:00+08:00")
    assert [(f["kind"], f.get("channel")) for f in found] == [("talks", "crisis-communications-wg")]


def test_mechanism_talks_held_by_video_are_talks_not_a_call() -> None:
    text = "5月10日，中美两军以视频方式举行海上军事安全磋商机制工作小组会谈，双方交流了海上安全问题。"
    found = _facts(text, "2022-05-11T20:00:00+08:00")
    assert [(f["kind"], f.get("channel")) for f in found] == [("talks", "mmca")]


def test_call_not_returned_is_a_refused_call() -> None:
    text = "美国国防部长奥斯汀本周多次致电中国国防部长魏凤和，但对方没有回电。"
    found = _facts(text, "2022-06-30T20:00:00+08:00", "meeting-declined")
    assert len(found) == 1
    assert set(found[0]["participants"]) == {"lloyd-austin", "wei-fenghe"}
    assert found[0]["recipient"] == "lloyd-austin"


def test_calls_not_taken_are_a_refused_call() -> None:
    text = "据报道，美国国防部长奥斯汀多次致电中国国防部长魏凤和，但中方拒接电话。"
    found = _facts(text, "2022-06-30T20:00:00+08:00", "meeting-declined")
    assert [set(f["participants"]) for f in found] == [{"lloyd-austin", "wei-fenghe"}]


def test_respective_counterparts_refuse_one_call_each() -> None:
    text = (
        "在众议长佩洛西访台引发的危机期间，美国国防部长奥斯汀与参联会主席米利多次致电各自的中国对口官员，即国防部长"
        "魏凤和与联合参谋部参谋长李作成，但对方都没有回电。"
    )
    found = _facts(text, "2022-08-06T09:00:00+08:00", "meeting-declined")
    assert sorted(tuple(f["participants"]) for f in found) == [
        ("lloyd-austin", "wei-fenghe"),
        ("mark-milley", "li-zuocheng"),
    ]
    assert all(f["initiator"] == "CHN" and f["recipient"] == f["participants"][0] for f in found)
    assert all("channel" not in f for f in found)


def test_respective_counterparts_in_traditional_script() -> None:
    text = (
        "知情人士說，美國國防部長奧斯汀與參謀首長聯席會議主席米利（Mark Milley）上週多次致電各自的中國對口官員，即國防部長魏鳳和與"
        "聯合參謀部參謀長李作成，但對方都沒有回電。"
    )
    found = _facts(text, "2022-08-06T09:00:00+08:00", "meeting-declined")
    assert sorted(tuple(f["participants"]) for f in found) == [
        ("lloyd-austin", "wei-fenghe"),
        ("mark-milley", "li-zuocheng"),
    ]
    assert all(f["initiator"] == "CHN" for f in found)


def _kinds(text: str, at: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(f["kind"], tuple(f.get("participants", ())), f.get("recipient")) for f in _facts(text, at)]


def test_side_speaking_in_the_talks_makes_a_statement() -> None:
    text = (
        "4月12日，美国国防部副助理部长蔡斯与国防部国际军事合作办公室副主任黄雪平举行第19次国防政策协调会谈。"
        "美方在会谈中表示，美国将继续与地区伙伴合作。"
    )
    assert ("statement", ("USA",), "CHN") in _kinds(text, "2022-04-13T20:00:00+08:00")


def test_side_after_the_teller_speaks_not_the_spokesperson() -> None:
    text = (
        "外交部副部长马朝旭4月12日在北京会见美国助理国务卿康达。发言人汪文斌说，双方进行了坦诚的沟通；"
        "中方阐明了在台湾问题上的严正立场。"
    )
    found = _kinds(text, "2022-04-13T20:00:00+08:00")
    assert ("statement", ("CHN",), "USA") in found
    assert not any(k == "statement" and "wang-wenbin" in p for k, p, _ in found)


def test_shared_aim_in_one_part_does_not_silence_the_next() -> None:
    text = (
        "4月12日，美国国防部副助理部长蔡斯与国防部国际军事合作办公室副主任黄雪平举行第19次国防政策协调会谈。"
        "双方重申保持沟通渠道畅通的共识；美方在会谈中表示，美国将继续与地区伙伴合作。"
    )
    assert ("statement", ("USA",), "CHN") in _kinds(text, "2022-04-13T20:00:00+08:00")


def test_side_opposing_the_other_side_makes_no_statement() -> None:
    text = (
        "4月12日至14日，中美两军在夏威夷举行海上军事安全磋商机制会议。消息说，双方回顾了海空安全形势，"
        "中方强调坚决反对美方以所谓航行自由为名侵犯中国主权。"
    )
    assert not any(k == "statement" for k, _, _ in _kinds(text, "2022-04-13T20:00:00+08:00"))


def test_side_words_without_an_encounter_are_no_statement() -> None:
    text = "美方表示，美国将继续与地区伙伴合作。"
    assert not any(k == "statement" for k, _, _ in _kinds(text, "2022-04-13T20:00:00+08:00"))


def test_where_rounds_may_be_held_is_no_round_nor_agreement() -> None:
    text = (
        "国务院副总理何立峰与美国财政部长贝森特6月3日在伦敦举行会谈。根据会后的声明，中方牵头人为何立峰，美方牵头人"
        "为贝森特；今后的磋商可在北京、华盛顿或双方同意的第三地轮流举行。"
    )
    found = _facts(text, "2025-06-04T18:00:00+08:00")
    assert [(f["kind"], f["occurred_on"]) for f in found if f["kind"] != "intent-to-meet"] == [
        ("meeting", "2025-06-03")
    ]
    assert not any(f["kind"] == "intent-to-meet" for f in found)


def test_rounds_to_be_held_are_still_talks() -> None:
    text = "商务部发言人说，中美经贸磋商将于下周在北京举行。"
    assert [f["status"] for f in _facts(text, "2022-06-04T18:00:00+08:00", "talks")] == ["expected"]


def test_venue_rule_of_a_joint_statement_is_no_round() -> None:
    text = (
        "中美两国6月3日在伦敦发表联合声明。根据声明，中方牵头人为何立峰，美方牵头人为贝森特；今后的磋商可在北京、"
        "华盛顿或双方同意的第三地轮流举行。"
    )
    assert _facts(text, "2025-06-04T18:00:00+08:00", "talks") == []


def test_words_said_before_the_call_are_no_readout() -> None:
    text = (
        "国务院副总理何立峰9日与美国财政部长贝森特通电话。贝森特9日在通话前对记者表示，美国对华关税政策不会改变，"
        "美方将继续推进谈判。"
    )
    found = _facts(text, "2025-06-10T18:00:00+08:00")
    assert [f["kind"] for f in found if f["kind"] == "call"] == ["call"]
    assert not any(f["kind"] == "statement" for f in found)


def test_words_said_in_the_call_are_a_readout() -> None:
    text = "国务院副总理何立峰9日与美国财政部长贝森特通电话。贝森特在通话中表示，美方将认真考虑中方的关切。"
    assert [f["participants"] for f in _facts(text, "2025-06-10T18:00:00+08:00", "statement")] == [["scott-bessent"]]


def test_date_of_a_consensus_followed_is_not_the_readouts() -> None:
    text = (
        "外交部副部长马朝旭4月12日在北京会见美国助理国务卿康达。发言人说，双方按照两国元首去年11月巴厘岛会晤共识"
        "进行了沟通；中方阐明了在台湾问题上的严正立场。"
    )
    found = _facts(text, "2023-04-13T20:00:00+08:00", "statement")
    assert [(f["participants"], f["occurred_on"]) for f in found] == [(["CHN"], "2023-04-12")]
