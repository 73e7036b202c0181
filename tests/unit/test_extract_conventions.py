"""Rules for the labelling conventions of tests/extraction/README.md, on invented reports: a channel "called
… off" (no phone call), NPC appointments (决定…为…) and whom they replace, talks told by their length or as a
delegation's, summons, and "the first … since" contacts on a catalogue channel."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def test_called_the_talks_off_is_a_suspension_not_a_phone_call() -> None:
    found = run("Beijing had called the Defense Policy Coordination Talks off in May 2021 after the incident.", "en",
                "2022-03-10T09:00:00-05:00")  # fmt: skip
    assert [(c.kind, c.fact.get("channel"), c.fact.get("by")) for c in found] == [("channel-suspended", "dpct", "CHN")]


def test_had_called_the_talks_off_is_neither_a_call_nor_talks() -> None:
    found = run("Beijing had called the talks off in April 2020 after Mike Pompeo spoke in Yorba Linda.", "en",
                "2021-02-10T09:00:00-05:00")  # fmt: skip
    assert not [c for c in found if c.kind in ("call", "talks", "meeting")]


def offices(found: list[Candidate]) -> list[tuple[str, str, str, str]]:
    return sorted((c.kind, c.fact["actor"], c.fact["office"], c.fact["occurred_on"]) for c in found
                  if c.kind in ("office-assumed", "office-left"))  # fmt: skip


def test_an_appointment_list_names_each_person_to_each_office_of_its_group() -> None:
    found = run("会议经投票表决，决定王毅、魏凤和等为国务委员，魏凤和为国防部部长。", "zh", "2018-03-19T18:00:00+08:00")
    assert offices(found) == [
        ("office-assumed", "wang-yi", "State Councilor", "2018-03-19"),
        ("office-assumed", "wei-fenghe", "Minister of National Defense", "2018-03-19"),
        ("office-assumed", "wei-fenghe", "State Councilor", "2018-03-19"),
    ]


def test_the_one_replaced_leaves_the_office_held_since_a_date_on_the_day_told() -> None:
    found = run("新任国防部长董军接替自2023年3月起担任国防部长的李尚福。", "zh",
                "2023-12-29T18:00:00+08:00")  # fmt: skip
    assert ("office-left", "li-shangfu", "Minister of National Defense", "2023-12-29") in offices(found)


def test_the_one_replaced_who_took_another_office_since_left_no_office_named() -> None:
    found = run("谢锋23日抵达华盛顿履新，接替去年底出任外交部长的秦刚。", "zh", "2023-05-24T08:30:00+08:00")
    assert ("office-left", "qin-gang", "Minister of Foreign Affairs") not in [x[:3] for x in offices(found)]


def test_an_apposition_naming_the_first_contact_is_the_contact_told_not_another() -> None:
    found = run("Gen. Mark Milley held a video call with Gen. Li Zuocheng on Thursday, the first talks between the two "
                "military chiefs since the spring.", "en", "2021-01-09T09:00:00-05:00")  # fmt: skip
    assert [c.kind for c in found if c.kind in ("call", "talks", "meeting")] == ["call"]


def test_those_who_led_a_named_round_are_its_talks_and_a_suspension_told_after_resumes_it() -> None:
    found = run("Michael Chase and Song Yanchao led the Defense Policy Coordination Talks on Wednesday and Thursday, "
                "the ministry said. Washington had called the talks off in May 2020.", "en",
                "2021-02-12T09:00:00+08:00")  # fmt: skip
    got = sorted((c.kind, c.fact.get("channel"), c.fact["occurred_on"]) for c in found if not c.background)
    assert got == [("channel-resumed", "dpct", "2021-02-10"), ("talks", "dpct", "2021-02-10")]


def test_a_suspension_of_other_talks_does_not_resume_the_channel_of_the_contact() -> None:
    found = run("Michael Chase and Song Yanchao led the Defense Policy Coordination Talks on Wednesday, the ministry "
                "said. Beijing suspended climate talks in August 2020.", "en", "2021-02-12T09:00:00+08:00")  # fmt: skip
    assert "channel-resumed" not in [c.kind for c in found]


def resumed(found: list[Candidate]) -> list[tuple[str, str]]:
    return [(c.fact["channel"], c.fact["occurred_on"]) for c in found if c.kind == "channel-resumed"]


def test_the_first_contact_since_a_dated_clause_long_ago_resumes_the_channel() -> None:
    text = ("Defense Secretary Lloyd Austin met Chinese Defence Minister Wei Fenghe in Singapore on Friday, the first "
            "talks between the two defence chiefs since Wei sat down with Mark Esper in Hawaii last {}.")  # fmt: skip
    assert resumed(run(text.format("August"), "en", "2022-06-10T21:00:00+08:00")) == [
        ("defense-ministers", "2022-06-10")
    ]
    assert resumed(run(text.format("March"), "en", "2022-06-10T21:00:00+08:00")) == []  # three months: routine


def test_talks_told_in_rounds_stay_talks() -> None:
    zh = run("沙利文于27日至28日同外交部长王毅在北京举行多轮会谈。", "zh", "2024-08-29T21:00:00+08:00")
    en = run(
        "Jake Sullivan held two rounds of talks with Wang Yi in Vienna on Friday.", "en", "2023-05-13T09:00:00+02:00"
    )
    assert [c.kind for c in zh] == ["talks"]
    assert [c.kind for c in en] == ["talks"]


def test_replaced_as_an_office_in_the_passive_leaves_that_office_not_one_named_before() -> None:
    found = run("The committee also stripped former defence minister Wei Fenghe of his post as state councillor; Wei "
                "was replaced as defence minister by Li Shangfu in March.", "en", "2023-10-24T19:00:00+08:00")  # fmt: skip
    assert ("office-left", "wei-fenghe", "State Councilor", "2023-03") not in offices(found)
    assert ("office-left", "wei-fenghe", "Minister of National Defense", "2023-03") in offices(found)


def test_a_summons_and_the_summoners_words_of_reproach_are_one_protest_beside_the_demand() -> None:
    found = run("外交部副部长邓励3日奉命召见美国驻华大使伯恩斯，就美方售台武器提出严正交涉。邓励表示，美方行为严重违反"
                "一个中国原则，中方强烈敦促美方立即撤销有关决定。", "zh", "2023-03-03T21:00:00+08:00")  # fmt: skip
    got = sorted((c.kind, tuple(sorted(c.fact["participants"])), c.fact.get("recipient")) for c in found)
    assert got == [
        ("criticism", ("deng-li", "nicholas-burns"), None),
        ("demand", ("deng-li",), "USA"),
    ]


def test_a_ministry_summoning_an_unnamed_envoy_protests_to_the_envoys_state() -> None:
    found = run("国防部当天召见美国驻华使馆国防武官，就美舰过航台湾海峡提出交涉。", "zh", "2021-09-22T21:00:00+08:00")
    assert [(c.kind, c.fact["participants"], c.fact.get("recipient")) for c in found] == [("criticism", ["CHN"], "USA")]


def test_a_chinese_roster_joined_without_a_comma_is_all_parties() -> None:
    found = run("6月5日，国务委员兼外长王毅和中央外办主任杨洁篪同美国国务卿蓬佩奥、国家安全顾问奥布莱恩在夏威夷举行会谈。", "zh",
                "2020-06-06T09:00:00+08:00")  # fmt: skip
    talks = [c for c in found if c.kind in ("talks", "meeting")]
    assert len(talks) == 1 and len(talks[0].fact["participants"]) == 4


def test_theater_commanders_called_zhihuiguan_in_chinese_name_their_channel() -> None:
    found = run("双方同意恢复战区指挥官通话。", "zh", "2023-11-16T09:00:00+08:00")
    assert [(c.kind, c.fact.get("channel")) for c in found] == [("intent-to-meet", "theater-commanders")]


def test_a_portfolio_between_department_and_title_still_names_the_office() -> None:
    found = run("中央军委国际军事合作办公室副主任宋延超与美国国防部负责中国事务的副助理部长蔡斯11日在北京举行会谈。", "zh",
                "2025-03-12T09:00:00+08:00")  # fmt: skip
    assert [sorted(c.fact["participants"]) for c in found if c.kind in ("talks", "meeting")] == [
        ["michael-chase", "song-yanchao"]
    ]


def test_failing_to_attend_a_round_is_refusing_it_but_skipping_a_forum_is_not() -> None:
    found = run("HONOLULU - China's navy failed to attend talks under the Military Maritime Consultative Agreement "
                "scheduled for Tuesday and Wednesday, U.S. Pacific Fleet said on Thursday.", "en",
                "2021-08-12T17:00:00-10:00")  # fmt: skip
    assert [(c.kind, c.fact.get("channel"), c.fact.get("initiator")) for c in found] == [
        ("meeting-declined", "mmca", "CHN")
    ]
    forum = run("Chinese Defence Minister Dong Jun did not attend the Shangri-La Dialogue in Singapore this year.", "en",
                "2025-06-01T17:00:00+08:00")  # fmt: skip
    assert forum == []


def test_telephoned_twice_on_two_dates_is_two_calls_not_one_on_the_sources_date() -> None:
    found = run("Gen. Mark Milley twice telephoned Gen. Li Zuocheng, on Oct. 30, 2020, and on Jan. 8, 2021, according to "
                "a book excerpted on Tuesday.", "en", "2021-09-15T18:00:00-04:00")  # fmt: skip
    assert sorted(c.fact["occurred_on"] for c in found if c.kind == "call") == ["2020-10-30", "2021-01-08"]


def test_stripped_of_a_post_leaves_that_post_dated_apart_from_the_next_clause() -> None:
    found = run("China's legislature on Tuesday removed Li Shangfu as defence minister. The committee also stripped "
                "former defence minister Wei Fenghe of his post as state councillor; Wei was replaced as defence "
                "minister by Li in March.", "en", "2023-10-24T19:00:00+08:00")  # fmt: skip
    assert ("office-left", "wei-fenghe", "State Councilor", "2023-10-24") in offices(found)


def test_the_warning_formula_of_consequences_is_a_criticism() -> None:
    found = run(
        "外交部发言人华春莹20日表示，如美方一意孤行，必将承担由此产生的一切后果。", "zh", "2020-07-21T09:00:00+08:00"
    )
    assert [(c.kind, c.fact["participants"], c.fact.get("recipient")) for c in found] == [
        ("criticism", ["hua-chunying"], "USA")
    ]


def test_a_spokespersons_protest_and_a_ministrys_summons_a_day_later_are_two_acts() -> None:
    found = run("外交部发言人华春莹20日表示，如美方一意孤行，必将承担由此产生的一切后果。国防部21日召见美国驻华使馆国防武官提出交涉。",
                "zh", "2020-07-21T21:00:00+08:00")  # fmt: skip
    assert sorted((c.fact["participants"][0], c.fact["occurred_on"]) for c in found if c.kind == "criticism") == [
        ("CHN", "2020-07-21"),
        ("hua-chunying", "2020-07-20"),
    ]


def test_who_tells_a_refusal_in_a_statement_makes_no_statement() -> None:
    found = run("China declined a U.S. request on Saturday for a video call between Secretary of State Antony Blinken and "
                "Foreign Minister Wang Yi, Pentagon press secretary Rear Adm. John Kirby said in a statement.", "en",
                "2024-02-05T09:00:00-05:00")  # fmt: skip
    assert [c.kind for c in found] == ["meeting-declined"]


def test_a_side_not_honouring_its_agreements_is_reproached() -> None:
    found = run("Adm. John Aquilino, commander of U.S. Indo-Pacific Command, said on Friday that Beijing was not "
                "honouring its agreements on air safety.", "en", "2022-06-10T09:00:00-10:00")  # fmt: skip
    assert [(c.kind, c.fact["participants"], c.fact.get("recipient")) for c in found] == [
        ("criticism", ["john-aquilino"], "CHN")
    ]


def test_a_sides_demand_told_in_a_readout_is_that_states_demand_on_the_encounters_day() -> None:
    found = run(
        "中美海上军事安全磋商机制工作小组会议10日在青岛举行。中方强调，美方应停止抵近侦察。",
        "zh",
        "2023-03-11T09:00:00+08:00",
    )
    assert [(c.kind, c.fact["participants"], c.fact.get("recipient"), c.fact["occurred_on"]) for c in found
            if c.kind == "demand"] == [("demand", ["CHN"], "USA", "2023-03-10")]  # fmt: skip
