"""Spoken acts and agreements read from invented reports: criticism, protests, summonses, readout statements,
invitations and agreements (issue 10's criticism, intent and readout rules)."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def kinds(found: list[Candidate]) -> set[tuple[str, frozenset[str], str]]:
    """Each candidate as (kind, parties: participants, initiator, recipient, target or actor, day)."""
    out = set()
    for c in found:
        f = c.fact
        parties = {*(f.get("participants") or ()), f.get("initiator"), f.get("recipient"), f.get("target"),
                   f.get("actor")} - {None}  # fmt: skip
        out.add((c.kind, frozenset(parties), f["occurred_on"]))
    return out


def test_chinese_concern_voiced_with_a_degree_word_is_criticism() -> None:
    """表达严重关切, 表示深切关注: criticism by its speaker of the other side."""
    found = run("美国国务卿布林肯9日在记者会上对中方在南海的行动表达严重关切。", "zh", "2023-03-10T08:00:00+08:00")
    assert ("criticism", frozenset({"antony-blinken", "CHN"}), "2023-03-09") in kinds(found)


def test_an_undated_ministry_protest_takes_the_reports_day_and_the_protesting_side() -> None:
    """外交部表示，美方…严重损害…，中方对此强烈不满: China protests (the clause's subject of 严重损害 is the one
    criticised); an undated "has protested" told in passing is no protest."""
    found = run(
        "美国国防部12日宣布向台湾出售一批无人机。外交部表示，美方有关做法严重损害中美关系，中方对此强烈不满。",
        "zh", "2024-03-13T08:00:00+08:00",
    )  # fmt: skip
    assert ("criticism", frozenset({"CHN", "USA"}), "2024-03-12") in kinds(found)
    assert all(c.fact.get("participants") != ["USA"] for c in found if c.kind == "criticism")
    passing = run("The Pentagon approved the sale on Monday. China has protested such sales.", "en",
                  "2024-03-13T08:00:00+00:00")  # fmt: skip
    assert not [c for c in passing if c.kind == "criticism"]


def test_a_summons_is_one_protest_made_by_the_organs_state_to_the_official() -> None:
    """ "The State Department summoned Ambassador Xie Feng … to protest": one criticism, the U.S. to Xie."""
    found = run(
        "The State Department summoned Chinese Ambassador Xie Feng on Tuesday to protest the detention of a "
        "U.S. citizen.", "en", "2024-03-13T08:00:00+00:00",
    )  # fmt: skip
    criticism = [c for c in found if c.kind == "criticism"]
    assert [c.fact["participants"] for c in criticism] == [["USA", "xie-feng"]]
    assert criticism[0].fact["initiator"] == "USA"


def test_a_us_spokesperson_is_a_new_official_who_condemns() -> None:
    """ "White House spokesman Tom Harlan condemned …": a new U.S. official, and his criticism alone (not also a
    statement for "told reporters")."""
    found = run(
        "White House spokesman Tom Harlan condemned Beijing's drills near Taiwan on Monday and told reporters the "
        "exercises were reckless.", "en", "2024-03-13T08:00:00+00:00",
    )  # fmt: skip
    assert kinds(found) == {("criticism", frozenset({"tom-harlan", "CHN"}), "2024-03-11")}
    assert found[0].new_actors[0]["state"] == "USA"


def test_an_ambiguous_name_counts_after_the_report_named_its_holder() -> None:
    """奥斯汀 needs an office word beside it, unless the report has already named 美国国防部长奥斯汀."""
    found = run("美国国防部长奥斯汀16日与中国国防部长董军视频通话。奥斯汀对中方在台海的行动表达关切。", "zh",
                "2024-04-17T08:00:00+08:00")  # fmt: skip
    assert ("criticism", frozenset({"lloyd-austin", "CHN"}), "2024-04-16") in kinds(found)


def test_words_in_a_call_readout_are_statements_of_its_participants_only() -> None:
    """ "Xi told Biden …", 王毅表示 after their call: statements to the other side; the same words with no
    encounter told, or "stressed the importance of", are not; a demand of the speaker that day absorbs them."""
    en = run(
        "President Joe Biden and Chinese President Xi Jinping spoke by phone on Thursday. Xi told Biden that "
        "Beijing would defend its interests. Biden stressed the importance of open lines.", "en",
        "2022-07-28T22:00:00+00:00",
    )  # fmt: skip
    assert {k for k in kinds(en) if k[0] == "statement"} == {
        ("statement", frozenset({"xi-jinping", "USA"}), "2022-07-28")}  # fmt: skip
    alone = run("Chinese President Xi Jinping warned on Thursday that Beijing would defend its interests.", "en",
                "2022-07-28T22:00:00+00:00")  # fmt: skip
    assert not alone
    zh = run("王毅12日应约同美国国务卿鲁比奥通电话。王毅表示，中美关系至关重要。王毅强调，美方应停止对台军售。", "zh",
             "2025-03-13T08:00:00+08:00")  # fmt: skip
    spoken = {k for k in kinds(zh) if k[0] in ("statement", "demand")}
    # one act a speaker an encounter (Readouts convention): the demand replaces the statement of the same readout
    assert spoken == {("demand", frozenset({"wang-yi", "USA"}), "2025-03-12")}


def test_the_speaker_is_not_the_person_spoken_to() -> None:
    """拜登向习近平说明: Biden speaks, Xi listens."""
    found = run("拜登18日与习近平视频通话。拜登向习近平说明了美方的立场。", "zh", "2022-03-19T08:00:00+08:00")
    assert ("statement", frozenset({"joe-biden", "CHN"}), "2022-03-18") in kinds(found)
    assert not any(k[0] == "statement" and "xi-jinping" in k[1] for k in kinds(found))


def test_invitations_exchanged_or_accepted_are_an_intent_to_meet() -> None:
    """ "each invited the other to visit" and 接受邀请 are agreements to meet (CAMEO 036), not appeals."""
    en = run("Donald Trump and Xi Jinping held a phone call on Thursday and each invited the other to visit.", "en",
             "2025-06-05T21:00:00+00:00")  # fmt: skip
    assert ("intent-to-meet", frozenset({"donald-trump", "xi-jinping"}), "2025-06-05") in kinds(en)
    assert not [c for c in en if c.kind == "appeal"]
    withdrawn = run("Jim Mattis on Wednesday withdrew China's invitation to a naval exercise.", "en",
                    "2018-05-24T21:00:00+00:00")  # fmt: skip
    assert not [c for c in withdrawn if c.kind == "appeal"]


def test_both_sides_agreeing_are_the_two_people_of_the_encounter_on_its_day() -> None:
    """双方同意 after a meeting of two named people: their intent, dated by the agreement, not by a date in its
    object (落实…9月10日通话精神)."""
    found = run(
        "杨洁篪6日在苏黎世同美国国家安全顾问沙利文举行会晤。双方同意采取行动，落实两国元首9月10日通话精神。",
        "zh", "2021-10-07T06:00:00+08:00",
    )  # fmt: skip
    intents = {k for k in kinds(found) if k[0] == "intent-to-meet"}
    assert intents == {("intent-to-meet", frozenset({"yang-jiechi", "jake-sullivan"}), "2021-10-06")}


def test_both_sides_are_the_last_two_named_people_not_a_person_and_a_state() -> None:
    """双方同意 after a talk of two defence chiefs and a remark on their leaders' meeting: the two chiefs."""
    found = run(
        "国防部长董军31日在吉隆坡与美国国防部长赫格塞思举行会谈。董军说，两国元首日前在釜山会晤。双方同意建立两军沟通渠道。",
        "zh", "2025-10-31T20:00:00+08:00",
    )  # fmt: skip
    intents = {k[1] for k in kinds(found) if k[0] == "intent-to-meet"}
    assert intents == {frozenset({"dong-jun", "pete-hegseth"})}


def test_a_chinese_date_after_the_verb_dates_its_object_not_the_verb() -> None:
    """双方同意落实两国元首11月15日会晤共识: the agreement is of the day the report told, not the 15th."""
    found = run(
        "中美两国防长10日举行视频通话。双方同意落实两国元首11月15日会晤共识。", "zh", "2024-12-11T08:00:00+08:00"
    )
    assert {k[2] for k in kinds(found) if k[0] == "intent-to-meet"} == {"2024-12-10"}


def test_answers_to_reporters_are_no_statement_and_a_days_protest_absorbs_the_remarks() -> None:
    """ "told reporters" is commentary, not a statement to the other side; 谭某发表谈话 followed by his protest
    that day is one act, the protest."""
    press = run("Secretary of State Antony Blinken told reporters on Monday that talks had been useful.", "en",
                "2023-06-19T20:00:00+00:00")  # fmt: skip
    assert not [c for c in press if c.kind == "statement"]
    found = run(
        "国防部新闻发言人吴谦8日就美方在南海的行动发表谈话。吴谦说，美方做法严重违反国际法，中方对此表示强烈不满。",
        "zh", "2024-03-08T20:00:00+08:00",
    )  # fmt: skip
    assert {k[0] for k in kinds(found)} == {"criticism"}


def test_a_protest_the_reason_recalls_is_not_a_new_protest() -> None:
    """针对…佩洛西不顾中方强烈反对和严正交涉…，中方宣布…: the recalled protest is no act of Pelosi's or China's."""
    found = run(
        "针对美国国会众议长佩洛西不顾中方强烈反对和严正交涉窜访台湾，中方5日宣布取消中美国防部工作会晤。", "zh",
        "2022-08-05T17:00:00+08:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "criticism"]


def test_a_visit_at_an_invitation_is_expected_and_hosted_by_who_invited() -> None:
    """应王毅邀请，沙利文将于…访华: an expected meeting of Sullivan and Wang Yi, and no appeal."""
    found = run(
        "外交部发言人24日宣布：应外交部长王毅邀请，美国国家安全顾问沙利文将于8月27日至29日访华。", "zh",
        "2024-08-24T16:00:00+08:00",
    )  # fmt: skip
    assert kinds(found) == {("meeting", frozenset({"jake-sullivan", "wang-yi"}), "2024-08-27")}
    assert found[0].fact["status"] == "expected"


def test_this_will_be_looks_ahead_and_a_plan_called_off_is_cancelled() -> None:
    """这将是…首次访华 is expected; 原定…访华，…推迟 is a cancelled visit, not an expected one."""
    ahead = run("这将是美国国务卿布林肯今年首次访华。", "zh", "2023-06-16T08:00:00+08:00")
    assert {c.fact["status"] for c in ahead if c.kind == "meeting"} == {"expected"}
    off = run("美国国务卿布林肯原定5日起访华，美方3日宣布推迟这一行程。", "zh", "2023-02-04T12:00:00+08:00")
    assert {c.fact["status"] for c in off if c.kind == "meeting"} == {"cancelled"}


def test_a_sanction_in_force_since_a_year_is_background() -> None:
    """鲁比奥2020年起遭中方制裁: the 2020 sanction, told as background."""
    found = run("王毅24日同美国国务卿鲁比奥通电话。鲁比奥2020年起遭中方制裁。", "zh", "2025-01-25T08:00:00+08:00")
    sanction = [c for c in found if c.kind == "sanction-imposed"]
    assert [(c.fact["occurred_on"], c.background) for c in sanction] == [("2020", True)]


def test_another_rendering_of_an_office_holders_name_is_the_holder() -> None:
    """美國國家安全顧問蘇利文 (a Taiwanese rendering of 沙利文): Jake Sullivan, who held the office that day."""
    found = run("美國國家安全顧問蘇利文14日與楊潔篪在羅馬會晤。", "zh", "2022-03-15T08:00:00+08:00")
    assert kinds(found) == {("meeting", frozenset({"jake-sullivan", "yang-jiechi"}), "2022-03-14")}


def test_words_of_reproach_are_criticism_by_their_speaker_or_state() -> None:
    """ "called the intercept 'unprofessional'", a command saying a jet was "dangerously aggressive": criticism."""
    person = run("Wang Yi said on Friday the U.S. response was 'reckless'.", "en", "2023-02-18T12:00:00+00:00")
    assert ("criticism", frozenset({"wang-yi", "USA"}), "2023-02-17") in kinds(person)
    state = run("A Chinese jet made a dangerously aggressive pass near a U.S. Navy plane, the Pentagon said on Monday.",
                "en", "2023-05-30T12:00:00+00:00")  # fmt: skip
    assert kinds(state) == {("criticism", frozenset({"USA", "CHN"}), "2023-05-29")}


def test_a_should_of_the_other_side_after_said_or_that_is_a_demand() -> None:
    """ "said the United States should change course", "including that Washington must not …": demands."""
    found = run("Wang Yi said on Monday the United States should change course, including that Washington must not "
                "interfere.", "en", "2023-02-21T12:00:00+00:00")  # fmt: skip
    assert ("demand", frozenset({"wang-yi", "USA"}), "2023-02-20") in kinds(found)


def test_a_navy_or_delegation_demands_for_its_state() -> None:
    """ "China's navy said its delegation urged the United States to stop patrols": China's demand."""
    found = run("The two navies met on Wednesday. China's navy said its delegation urged the United States to stop "
                "patrols.", "en", "2025-04-04T08:00:00+00:00")  # fmt: skip
    assert ("demand", frozenset({"CHN", "USA"}), "2025-04-02") in kinds(found)


def test_announced_words_said_already_are_not_expected() -> None:
    """布林肯表示，将讨论对中方…的深切关切: the concern was voiced; 将 is what it announces."""
    found = run("布林肯18日表示，将讨论对中方在南海行动的深切关切。", "zh", "2021-03-19T08:00:00+08:00")
    assert [c.fact["status"] for c in found if c.kind == "criticism"] == ["occurred"]


def test_an_invitation_accepted_is_one_intent_of_its_parties_not_a_visit_to_a_city() -> None:
    """ "Qin Gang, who accepted an invitation to visit Washington": the intent of Blinken and Qin (the encounter
    just told), not a second intent of Qin and the United States from "visit"."""
    found = run(
        "Antony Blinken held more than five hours of talks with Foreign Minister Qin Gang on Sunday, who accepted an "
        "invitation to visit Washington.", "en", "2023-06-19T13:30:00+00:00",
    )  # fmt: skip
    intents = [sorted(c.fact["participants"]) for c in found if c.kind == "intent-to-meet"]
    assert intents == [["antony-blinken", "qin-gang"]]


def test_consensus_is_an_agreement_to_meet_only_about_meeting() -> None:
    """达成共识 on "some issues" is no intent; 达成共识，恢复两军对话 is."""
    issues = run("习近平19日会见布林肯，表示双方在一些具体问题上达成共识。", "zh", "2023-06-19T20:30:00+08:00")
    assert not [c for c in issues if c.kind == "intent-to-meet"]
    talks = run("习近平15日会见拜登，双方达成共识，恢复两军高层沟通。", "zh", "2023-11-16T08:00:00+08:00")
    assert [c for c in talks if c.kind == "intent-to-meet"]


def test_pressing_for_is_a_demand_and_a_press_conference_no_statement() -> None:
    """ "pressed for restoring channels", 力促恢复: demands; 记者会上说 alone is commentary, not a statement."""
    en = run("Antony Blinken told reporters on Monday he had pressed for restoring military channels.", "en",
             "2023-06-19T20:00:00+00:00")  # fmt: skip
    assert {k[0] for k in kinds(en)} == {"demand"}
    zh = run("布林肯19日在记者会上说，中美关系处于关键时刻。", "zh", "2023-06-19T20:00:00+08:00")
    assert not zh
    pressed = run("布林肯19日在记者会上说，他力促恢复两军沟通管道。", "zh", "2023-06-19T20:00:00+08:00")
    assert {k[0] for k in kinds(pressed)} == {"demand"}


def test_a_desire_to_meet_is_no_meeting() -> None:
    """ "a strong desire for Trump and Xi to meet": no meeting, occurred or expected."""
    found = run("Rubio said on Friday there was a strong desire for President Donald Trump and Chinese President Xi "
                "Jinping to meet.", "en", "2025-07-11T12:00:00+00:00")  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_the_first_meeting_since_an_event_is_no_resumption() -> None:
    """ "the first such meeting since Trump returned to office" resumes nothing; "the first since 2019" does."""
    routine = run("U.S. and Chinese officials held maritime safety talks on Wednesday, the first such meeting since "
                  "Donald Trump returned to office.", "en", "2025-04-04T08:00:00+00:00")  # fmt: skip
    assert not [c for c in routine if c.kind == "channel-resumed"]
    revived = run("U.S. and Chinese officials held maritime safety talks on Wednesday, the first such meeting since "
                  "2019.", "en", "2025-04-04T08:00:00+00:00")  # fmt: skip
    assert [c.fact["channel"] for c in revived if c.kind == "channel-resumed"] == ["mmca"]


def test_the_protester_is_the_person_of_the_protests_own_clause() -> None:
    """佩洛西抵台后，外交部副部长谢锋召见美国驻华大使伯恩斯: Xie protests to Burns; Pelosi, named first, does not."""
    found = run("2日佩洛西抵台后，外交部副部长谢锋紧急召见美国驻华大使伯恩斯。", "zh", "2022-08-03T17:00:00+08:00")
    assert [c.fact["initiator"] for c in found if c.kind == "criticism"] == ["xie-feng"]
