"""General rules of issue 10's second round, on invented reports: a third state in a reason clause imposes
nothing, an explicit range of days inside a coming week dates the visit, and what an agreement names is its
object, not a separate act."""

from __future__ import annotations

from tests.unit.extract_run import run


def test_a_place_in_a_reason_clause_does_not_impose_the_sanction() -> None:
    """以…军售台湾为由: Taiwan is the reason's place; the unreliable entity list is China's."""
    found = run(
        "商务部3日宣布，以向台湾出售武器为由，将通用动力公司和诺斯罗普·格鲁曼公司列入不可靠实体清单。",
        "zh", "2024-05-03T18:00:00+08:00",
    )  # fmt: skip
    got = sorted((c.fact["target"], c.fact["imposed_by"]) for c in found if c.kind == "sanction-imposed")
    assert got == [("general-dynamics", "CHN"), ("northrop-grumman", "CHN")]


def test_days_named_inside_a_coming_week_date_the_visit() -> None:
    """Days named inside a coming week ("next week, … from May 14 to 16") date the visit; it stays expected."""
    found = run(
        "Defense Secretary Lloyd Austin will travel to China next week, with talks in Beijing from May 14 to 16, "
        "the Pentagon said.", "en", "2024-05-09T16:00:00-04:00",
    )  # fmt: skip
    visits = [c.fact for c in found if c.kind == "meeting"]
    assert [(f["occurred_on"], f.get("until"), f["status"]) for f in visits] == [
        ("2024-05-14", "2024-05-16", "expected")
    ]


def test_a_second_verb_of_an_agreement_is_agreed_not_done_zh() -> None:
    """双方同意恢复…，并恢复…通话: the calls are agreed, no call took place."""
    found = run(
        "美国总统拜登与中国国家主席习近平15日会晤。白宫表示，双方同意恢复两军高层沟通，包括中美国防政策协调会谈，"
        "并恢复战区指挥官通话。",
        "zh", "2023-11-16T09:00:00+08:00",
    )  # fmt: skip
    assert not [c for c in found if c.kind == "call"]
    assert [c for c in found if c.kind == "intent-to-meet"]


def test_the_two_men_and_liang_ren_are_the_last_encounters_parties() -> None:
    """两人同意 / "the two ministers agreed": the persons who just met, not the two states."""
    zh = run(
        "美国国防部长奥斯汀31日在新加坡与中国国防部长董军会谈。两人同意保持两军沟通。",
        "zh",
        "2024-05-31T20:00:00+08:00",
    )
    en = run(
        "Defense Secretary Lloyd Austin met Chinese Defense Minister Dong Jun in Singapore on Friday. The two "
        "ministers agreed to resume talks between theater commanders.", "en", "2024-05-31T20:00:00+08:00",
    )  # fmt: skip
    for found in (zh, en):
        intents = [sorted(c.fact["participants"]) for c in found if c.kind == "intent-to-meet"]
        assert intents and all(p == ["dong-jun", "lloyd-austin"] for p in intents), intents


def test_who_tells_a_refusal_is_not_a_party_to_it_and_a_retelling_is_one_refusal() -> None:
    """The teller ("…, Defense Secretary Lloyd Austin said.") is no party to the refusal; "China has declined"
    retold is the same refusal."""
    found = run(
        "China on Monday turned down a request for a call between Secretary of State Antony Blinken and "
        "Foreign Minister Wang Yi, Defense Secretary Lloyd Austin said. 'Sadly, China has declined the "
        "call,' Austin said.", "en", "2022-08-09T18:00:00-04:00",
    )  # fmt: skip
    refusals = [c.fact for c in found if c.kind == "meeting-declined"]
    assert len(refusals) == 1, refusals
    assert "lloyd-austin" not in refusals[0]["participants"]


def test_who_tells_a_refusal_in_chinese_is_not_a_party_to_it() -> None:
    """…的请求，美国国务卿布林肯表示。: Blinken tells of the refusal; he was not in the refused call."""
    found = run(
        "中方6日拒绝了美国国防部长奥斯汀与中国国防部长魏凤和通话的请求，美国国务卿布林肯表示。", "zh",
        "2023-02-08T10:00:00+08:00",
    )  # fmt: skip
    refusals = [c.fact for c in found if c.kind == "meeting-declined"]
    assert refusals and all("antony-blinken" not in f["participants"] for f in refusals)


def test_whose_relation_is_named_is_not_a_party() -> None:
    """A relation's owner ("Dong Jun, Li Shangfu's successor") is not at the meeting (董军的前任 likewise)."""
    en = run(
        "U.S. Defense Secretary Lloyd Austin met Dong Jun, Li Shangfu's successor, in Singapore on Friday.", "en",
        "2024-05-31T20:00:00+08:00",
    )  # fmt: skip
    zh = run("美国国防部长奥斯汀31日会见了李尚福的继任者董军。", "zh", "2024-05-31T20:00:00+08:00")
    for found in (en, zh):
        meetings = [sorted(c.fact["participants"]) for c in found if c.kind == "meeting"]
        assert meetings == [["dong-jun", "lloyd-austin"]], meetings


def test_who_met_since_a_comparison_is_no_party_now() -> None:
    """Who met at the comparison ("the first talks since Blinken met Qin Gang") is no party to today's talks."""
    found = run(
        "Secretary of State Antony Blinken and Chinese Foreign Minister Wang Yi met in Munich on Saturday, the "
        "first in-person talks between the two sides since Blinken sat down with Qin Gang in Beijing in June.",
        "en", "2024-02-17T20:00:00+01:00",
    )  # fmt: skip
    today = [
        sorted(c.fact["participants"]) for c in found if c.kind == "meeting" and c.fact["occurred_on"] == "2024-02-17"
    ]
    assert today == [["antony-blinken", "wang-yi"]], today


def test_words_of_reproach_without_a_criticism_verb() -> None:
    """美方挑釁 / "bullying": whoever says the word criticises the other side."""
    zh = run("外交部發言人華春瑩5日表示，中方的反制是對美方挑釁的正當回應。", "zh", "2022-08-05T20:00:00+08:00")
    en = run(
        "Chinese Foreign Ministry spokesman Wang Wenbin on Friday described the U.S. sanctions as bullying.",
        "en",
        "2022-08-05T20:00:00+08:00",
    )
    assert [(c.fact["participants"], c.fact["recipient"]) for c in zh if c.kind == "criticism"] == [
        (["hua-chunying"], "USA")
    ]
    assert [(c.fact["participants"], c.fact["recipient"]) for c in en if c.kind == "criticism"] == [
        (["wang-wenbin"], "USA")
    ]


def test_an_opposition_disregarded_in_traditional_characters_is_recalled() -> None:
    """鑒於…不顧中方強烈反對: the opposition the reason recalls is no new criticism (不顧 as 不顾)."""
    found = run(
        "中國外交部8日宣布，鑒於美國眾議院議長裴洛西不顧中方嚴重關切和堅決反對，執意竄訪台灣，決定對裴洛西實施制裁。",
        "zh",
        "2022-08-08T20:00:00+08:00",
    )
    assert not [c for c in found if c.kind == "criticism"]


def test_a_later_first_since_long_ago_resumes_the_channel() -> None:
    """ "It was the first such call since … in March 2021" / 这是…一年多来首次: the contact resumed its channel."""
    en = run(
        "Defense Secretary Lloyd Austin held a phone call on Tuesday with Chinese Defense Minister Wei Fenghe. "
        "It was the first such call since the two last spoke in March 2021.",
        "en",
        "2022-04-21T08:00:00-04:00",
    )
    zh = run(
        "美国国防部长奥斯汀20日与中国国防部长魏凤和通电话。这是两国防长一年多来首次通话。",
        "zh",
        "2022-04-21T08:00:00+08:00",
    )
    for found in (en, zh):
        assert [c.fact["channel"] for c in found if c.kind == "channel-resumed"] == ["defense-ministers"]


def test_a_later_first_since_a_recent_date_resumes_nothing() -> None:
    """ "the first since January" told in April is no long silence: no resumption."""
    found = run(
        "Defense Secretary Lloyd Austin held a phone call on Tuesday with Chinese Defense Minister Wei Fenghe. "
        "It was the first such call since they last spoke on February 3.",
        "en",
        "2022-04-21T08:00:00-04:00",
    )
    assert not [c for c in found if c.kind == "channel-resumed"]


def test_the_defence_officials_of_both_states_are_the_office_holders() -> None:
    """ "The top defense officials of China and the United States met": the two holders that day, no states."""
    found = run(
        "The top defense officials of China and the United States met in Phnom Penh on Tuesday.",
        "en",
        "2022-11-22T20:00:00+07:00",
    )
    meetings = [sorted(c.fact["participants"]) for c in found if c.kind == "meeting"]
    assert meetings == [["lloyd-austin", "wei-fenghe"]], meetings


def test_the_firms_a_back_reference_means_are_those_named_before() -> None:
    """鉴于A公司和B公司…，决定对上述公司采取反制措施: 上述公司 are A and B."""
    found = run(
        "中方5日宣布，鉴于通用动力公司和诺斯罗普·格鲁曼公司参与对台军售，决定对上述公司采取反制措施。",
        "zh",
        "2022-08-05T20:00:00+08:00",
    )
    got = sorted(c.fact["target"] for c in found if c.kind == "sanction-imposed")
    assert got == ["general-dynamics", "northrop-grumman"]


def test_called_as_naming_is_no_phone_call() -> None:
    """ "called the U.S. sanctions an act of bullying" names; "called Wei Fenghe" phones."""
    naming = run(
        "Chinese Foreign Ministry spokesman Wang Wenbin on Friday called the U.S. sanctions an act of bullying.",
        "en",
        "2022-08-05T20:00:00+08:00",
    )
    phoning = run(
        "Defense Secretary Lloyd Austin called Chinese Defense Minister Wei Fenghe on Friday.",
        "en",
        "2022-08-05T20:00:00+08:00",
    )
    assert not [c for c in naming if c.kind == "call"]
    assert [c for c in phoning if c.kind == "call"]
