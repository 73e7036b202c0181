"""Offices and titles in invented reports: time references, former posts, successions, oaths, Chinese
decisions and renamed commands (issue 10's office rules)."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def offices(found: list[Candidate]) -> set[tuple[str, str, str, str]]:
    return {(c.kind, c.fact["actor"], c.fact["office"], c.fact["occurred_on"]) for c in found
            if c.kind in ("office-assumed", "office-left")}  # fmt: skip


def test_an_office_taken_since_is_a_point_in_time() -> None:
    """ "since Biden took office", 沙利文担任国家安全事务助理以来: no office change, no new official named 以来."""
    en = run("Sherman is the most senior U.S. official to visit China since President Joe Biden took office.", "en",
             "2021-07-26T12:00:00+00:00")  # fmt: skip
    assert not offices(en)
    zh = run("这将是沙利文担任美国国家安全事务助理以来首次访华。", "zh", "2024-08-24T16:00:00+08:00")
    assert not offices(zh)
    assert not [a for c in zh for a in c.new_actors]


def test_a_former_post_is_not_its_holder_today() -> None:
    """ "named Gen. He Weidong, a former commander of the Eastern Theatre Command, as a vice chairman": He takes
    the vice chairmanship; the former command is neither his new office nor today's commander."""
    found = run(
        "Xi Jinping on Sunday named Gen. He Weidong, a former commander of the Eastern Theatre Command, as a vice "
        "chairman of the Central Military Commission.", "en", "2022-10-23T08:00:00+00:00",
    )  # fmt: skip
    assert offices(found) == {("office-assumed", "he-weidong", "Vice Chairman of the Central Military Commission",
                               "2022-10-23")}  # fmt: skip


def test_a_successor_takes_the_office_left_when_the_sentence_dates_nothing_else() -> None:
    """ "Davidson succeeds Harris" after a dated lede: Harris leaves and Davidson takes the command that day;
    with a date that is the predecessor's ("who stepped down on Monday") only the leaving is told."""
    found = run(
        "Adm. Philip Davidson took the oath at a ceremony in Hawaii on Wednesday. Davidson succeeds Adm. Harry "
        "Harris.", "en", "2018-05-30T22:00:00+00:00",
    )  # fmt: skip
    command = "Commander, U.S. Indo-Pacific Command"
    assert offices(found) == {("office-left", "harry-harris", command, "2018-05-30"),
                              ("office-assumed", "philip-davidson", command, "2018-05-30")}  # fmt: skip
    dated = run("Davidson succeeds Adm. Harry Harris, who retired on Monday.", "en", "2018-05-30T22:00:00+00:00")
    assert {k for k, _, _, _ in offices(dated)} == {"office-left"}


def test_a_command_taken_over_by_its_old_name_is_the_renamed_office() -> None:
    """ "took over U.S. Pacific Command": the office is Commander, U.S. Indo-Pacific Command."""
    found = run("Adm. Philip Davidson took over U.S. Pacific Command on Wednesday.", "en", "2018-05-30T22:00:00+00:00")
    assert offices(found) == {("office-assumed", "philip-davidson", "Commander, U.S. Indo-Pacific Command",
                               "2018-05-30")}  # fmt: skip


def test_a_sworn_in_official_takes_the_office_of_his_title_in_his_state() -> None:
    """美国新任国防部长赫格塞思…宣誓就职，美国副总统万斯…: the U.S. defence secretary's office, not the vice
    president's named after the comma; 接替…拜登政府…的奥斯汀 is Austin leaving, not Biden."""
    found = run(
        "美国新任国防部长赫格塞思当地时间25日宣誓就职，美国副总统万斯为其主持仪式。他接替随拜登政府卸任的美国前国防部长奥斯汀。",
        "zh", "2025-01-26T09:00:00+08:00",
    )  # fmt: skip
    got = offices(found)
    assert ("office-assumed", "pete-hegseth", "Secretary of Defense", "2025-01-25") in got
    assert {a for _, a, _, _ in got} <= {"pete-hegseth", "lloyd-austin"}


def test_a_chinese_decision_removes_a_new_official_from_a_cmc_seat() -> None:
    """免去苗某的中央军事委员会委员职务: a new official (after 免去, before 的) leaves the CMC membership."""
    found = run("会议表决通过了关于免去苗振华的中华人民共和国中央军事委员会委员职务的决定。", "zh",
                "2025-06-27T18:00:00+08:00")  # fmt: skip
    assert offices(found) == {("office-left", "miao-zhenhua", "Member of the Central Military Commission",
                               "2025-06-27")}  # fmt: skip
    assert found[0].new_actors[0]["state"] == "CHN"


def test_the_national_security_adviser_is_a_title_not_a_name() -> None:
    """美国总统国家安全事务助理沙利文: Sullivan, with his office, and no new official named from the title."""
    found = run("杨洁篪6日在苏黎世同美国总统国家安全事务助理沙利文举行会晤。", "zh", "2021-10-07T06:00:00+08:00")
    assert [sorted(c.fact["participants"]) for c in found if c.kind == "meeting"] == [["jake-sullivan",
                                                                                       "yang-jiechi"]]  # fmt: skip
    assert not [a for c in found for a in c.new_actors]


def test_a_relative_clause_describes_its_person_and_its_change_needs_a_date() -> None:
    """董军去年12月接替遭免职的李尚福出任国防部长: Dong takes the post (李尚福 is the 的 clause's object); the
    removal told without a date of its own is no office change."""
    found = run("董军去年12月接替遭免职的李尚福出任国防部长。", "zh", "2024-04-17T08:00:00+08:00")
    got = offices(found)
    assert ("office-assumed", "dong-jun", "Minister of National Defense", "2023-12") in got
    assert not [f for f in got if f[1] == "li-shangfu"]


def test_this_months_day_is_a_day() -> None:
    """本月2日 is the 2nd of the report's month, not the month."""
    found = run("本月2日，外交部副部长谢锋召见美国驻华大使伯恩斯，提出严正交涉。", "zh", "2022-08-05T17:00:00+08:00")
    assert {c.fact["occurred_on"] for c in found if c.kind == "criticism"} == {"2022-08-02"}
