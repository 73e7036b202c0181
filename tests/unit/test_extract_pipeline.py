"""The extraction pipeline on short reports in both languages: the candidates an analyst would record, no others."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def facts(found: list[Candidate]) -> list[tuple[str, str | None, frozenset[str], str]]:
    return [
        (c.kind, c.fact.get("status"), frozenset(c.fact.get("participants") or [c.fact.get("target")]),
         c.fact["occurred_on"])
        for c in found
    ]  # fmt: skip


def test_one_call_in_english_and_in_chinese() -> None:
    """The same call, reported from Washington and from Beijing, gives the same candidate, evidence and all."""
    en = run("U.S. Defense Secretary Lloyd Austin held a video call with Chinese Defense Minister Dong Jun on "
             "Tuesday, the Pentagon said.", "en", "2024-04-16T22:30:00-04:00")  # fmt: skip
    zh = run("美国防长奥斯汀16日晚与中国国防部长董军视频通话。", "zh", "2024-04-17T08:00:00+08:00")
    expected = ("call", "occurred", frozenset({"lloyd-austin", "dong-jun"}), "2024-04-16")
    assert facts(en) == [expected] and facts(zh) == [expected]
    assert en[0].evidence.startswith("U.S. Defense Secretary") and en[0].span.start == 0
    assert zh[0].confidence >= 0.8 and zh[0].extractor_version


def test_background_is_marked_and_a_quoted_demand_is_the_speakers() -> None:
    """ "Sanctioned since 2018" is the 2018 sanction, as background; Xie's demand of the U.S. is Xie's act only."""
    found = run("Chinese Ambassador Xie Feng urged the United States to hold talks and remove obstacles on "
                "Wednesday. Li Shangfu has been under U.S. sanctions since 2018.", "en", "2023-07-12T21:00:00+00:00")  # fmt: skip
    by_kind = {c.kind: c for c in found}
    assert by_kind["demand"].fact["participants"] == ["xie-feng"] and by_kind["demand"].fact["recipient"] == "USA"
    sanction = by_kind["sanction-imposed"]
    assert (sanction.fact["target"], sanction.fact["imposed_by"], sanction.fact["occurred_on"]) == (
        "li-shangfu", "USA", "2018")  # fmt: skip
    assert sanction.background and sanction.confidence < 0.8
    assert all("USA" not in (c.fact.get("participants") or []) for c in found)


def test_expected_visit_and_agreement_to_resume() -> None:
    """ "Next week" makes an expected visit; agreeing to resume channels is an intent, not a resumption."""
    kerry = run(
        "U.S. climate envoy John Kerry is expected to visit China next week.", "en", "2023-07-12T21:00:00+00:00"
    )
    assert facts(kerry) == [("meeting", "expected", frozenset({"john-kerry", "CHN"}), "2023-07-17")]
    woodside = run("中美两国元首同意恢复两军高层沟通、国防部工作会晤和海上军事安全磋商机制会议。", "zh",
                   "2023-11-16T08:00:00+08:00")  # fmt: skip
    kinds = {c.kind for c in woodside}
    assert "channel-resumed" not in kinds and "meeting" not in kinds
    assert "intent-to-meet" in kinds


def test_negated_and_hypothetical_meetings_are_not_facts() -> None:
    """ "Did not meet" and "would meet if" propose nothing."""
    found = run("Lloyd Austin did not meet Li Shangfu in Singapore. Lloyd Austin would meet Dong Jun if Beijing "
                "agreed.", "en",
                "2024-05-01T12:00:00+00:00")  # fmt: skip
    assert [c for c in found if c.kind == "meeting"] == []


def test_the_two_sides_are_the_parties_just_named() -> None:
    """ "双方同意恢复…" after the leaders' meeting: an intent of the two leaders, one a channel it names."""
    found = run("国家主席习近平与美国总统拜登15日在加州会晤。双方同意恢复中美国防部工作会晤和中美海上军事安全磋商机制会议。",
                "zh", "2023-11-16T08:00:00+08:00")  # fmt: skip
    intents = [c for c in found if c.kind == "intent-to-meet"]
    assert {c.fact["channel"] for c in intents} == {"dpct", "mmca"}
    assert all(set(c.fact["participants"]) == {"xi-jinping", "joe-biden"} for c in intents)
    assert all(c.fact["status"] == "occurred" for c in intents)


def test_who_speaks_and_whom_a_sanction_falls_on() -> None:
    """The person a speech verb follows is the speaker; the seller a sanction names is not its target."""
    said = run("Foreign ministry spokesperson Lin Jian said on Wednesday that Washington had seriously undermined the "
               "talks.", "en", "2024-07-17T12:00:00+00:00")  # fmt: skip
    assert [(c.kind, c.fact["participants"]) for c in said] == [("criticism", ["lin-jian"])]
    sanction = run("The United States on Thursday imposed sanctions on Li Shangfu for buying jets from Russia's "
                   "Rosoboronexport.", "en", "2018-09-21T12:00:00+00:00")  # fmt: skip
    assert [c.fact.get("target") for c in sanction if c.kind == "sanction-imposed"] == ["li-shangfu"]
    summons = run(
        "外交部副部长郑泽光22日召见美国驻华大使布兰斯塔德，就美方制裁提出严正交涉。", "zh", "2018-09-23T08:00:00+08:00"
    )
    [protest] = [c for c in summons if c.kind == "criticism"]
    assert (protest.fact["initiator"], protest.fact["participants"]) == (
        "zheng-zeguang",
        ["zheng-zeguang", "terry-branstad"],
    )


def test_a_visit_to_taiwan_is_no_encounter_and_contact_resumes_a_channel() -> None:
    """Pelosi's visit to Taiwan is not a US–China meeting; the first call in over a year resumes its channel."""
    pelosi = run("Nancy Pelosi's visit to Taiwan on Tuesday angered Beijing.", "en", "2022-08-03T12:00:00+00:00")
    assert [c for c in pelosi if c.kind == "meeting"] == []
    call = run("Gen. CQ Brown held a video call with his Chinese counterpart, Gen. Liu Zhenli, on Thursday, the first "
               "such talks in more than a year.", "en", "2023-12-22T12:00:00+00:00")  # fmt: skip
    kinds = {c.kind: c.fact for c in call}
    assert (
        kinds["call"]["channel"] == "chiefs-of-defense" and kinds["channel-resumed"]["channel"] == "chiefs-of-defense"
    )


def test_a_stalled_channel_two_calls_and_no_meeting_with_taiwan() -> None:
    """Communications stalled after a snubbed counterpart are that channel's; "twice called" on two dates is two
    calls; a U.S. speaker meeting Taiwan's leader is no U.S.-China meeting."""
    stalled = run("Beijing snubbed U.S. Defense Secretary Lloyd Austin's efforts to meet his Chinese counterpart "
                  "last month, and military communications have stalled.", "en", "2023-07-12T21:00:00+00:00")  # fmt: skip
    [channel] = [c.fact for c in stalled if c.kind == "channel-stalled"]
    assert (channel["channel"], channel["occurred_on"]) == ("defense-ministers", "2023-07-12")
    calls = run("Gen. Mark Milley twice called his Chinese counterpart, Gen. Li Zuocheng, on Oct. 30, 2020, and "
                "Jan. 8, 2021.", "en", "2021-09-15T12:00:00+00:00")  # fmt: skip
    assert sorted(c.fact["occurred_on"] for c in calls if c.kind == "call") == ["2020-10-30", "2021-01-08"]
    taiwan = run("美国国会众议长佩洛西3日在台北会见台湾地区领导人。", "zh", "2022-08-04T08:00:00+08:00")
    assert [c for c in taiwan if c.kind == "meeting"] == []
