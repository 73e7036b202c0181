"""References back to an earlier sentence (tracker.extract.coref), and voices of a state, on invented reports:
"He met …", 他强调, "the company", 该公司, "a Pentagon spokesperson", 国防部发言人."""

from __future__ import annotations

from tests.unit.extract_run import run


def test_he_opening_a_sentence_is_the_last_sentences_subject() -> None:
    found = run(
        "Defense Secretary Lloyd Austin arrived in Manila on Tuesday for a regional meeting. "
        "On Wednesday he sat down with Chinese Defense Minister Dong Jun for an hour.",
        "en", "2024-06-06T20:00:00+08:00",
    )  # fmt: skip
    meetings = [c.fact for c in found if c.kind == "meeting"]
    assert [(sorted(f["participants"]), f["occurred_on"]) for f in meetings] == [
        (["dong-jun", "lloyd-austin"], "2024-06-05")
    ]


def test_a_pronoun_after_a_name_in_its_own_sentence_is_that_person_zh() -> None:
    """特朗普会后表示，他将…访问中国: 他 is Trump, not the subject of the sentence before."""
    found = run(
        "国家主席习近平30日同美国总统特朗普举行会晤。特朗普会后表示，他将于明年4月访问中国。",
        "zh", "2025-10-31T09:00:00+08:00",
    )  # fmt: skip
    visits = [c.fact for c in found if c.kind == "meeting" and c.fact["status"] == "expected"]
    assert visits and all("xi-jinping" not in f["participants"] for f in visits)
    assert "donald-trump" in visits[0]["participants"]


def test_ta_in_a_readout_is_the_speaker_named_before_zh() -> None:
    found = run(
        "国防部长董军4日在北京会见美国国防部长奥斯汀。两人就两军关系交换意见。他强调，中方维护主权的决心坚定不移。",
        "zh", "2024-06-05T09:00:00+08:00",
    )  # fmt: skip
    said = [c.fact for c in found if c.kind == "statement"]
    assert [(f["participants"], f.get("recipient")) for f in said] == [(["dong-jun"], "USA")]


def test_an_unnamed_spokesperson_speaks_for_the_state_zh() -> None:
    """国防部发言人 with no name is China, not whoever holds a spokesperson's post that day."""
    found = run("国防部发言人9日在记者会上指责美方挑衅。", "zh", "2024-06-10T09:00:00+08:00")
    got = [(c.fact["participants"], c.fact.get("recipient")) for c in found if c.kind == "criticism"]
    assert got == [(["CHN"], "USA")]


def test_the_spokesperson_of_a_later_sentence_is_the_state_named_before() -> None:
    found = run(
        "A Chinese fighter flew within 20 feet of a U.S. patrol plane on Friday, a Pentagon spokesperson said. "
        "The spokesperson called the maneuver reckless.",
        "en", "2024-06-10T09:00:00-04:00",
    )  # fmt: skip
    assert [(c.fact["participants"], c.fact.get("recipient")) for c in found if c.kind == "criticism"] == [
        (["USA"], "CHN")
    ]
    assert not [c for c in found if c.kind == "call"]  # "called the maneuver reckless" names, it does not phone


def test_both_sides_criticising_each_other_the_same_day_are_two_facts() -> None:
    found = run(
        "美方发言人5日表示，中方的拦截行为不安全、不专业。中国国防部发言人则指责美方挑衅。",
        "zh", "2024-06-05T20:00:00+08:00",
    )  # fmt: skip
    assert sorted(c.fact["participants"][0] for c in found if c.kind == "criticism") == ["CHN", "USA"]


def test_a_place_that_tells_is_no_location() -> None:
    found = run(
        "The Pentagon said on Monday that China had refused a call between Defense Secretary Lloyd Austin and "
        "Chinese Defense Minister Dong Jun.", "en", "2024-06-10T09:00:00-04:00",
    )  # fmt: skip
    refused = [c.fact for c in found if c.kind == "meeting-declined"]
    assert refused and "location" not in refused[0]


def test_called_before_a_reproach_names_it_and_phones_no_one() -> None:
    found = run("Defense Secretary Lloyd Austin on Friday called China's intercept reckless.", "en",
                "2024-06-10T09:00:00-04:00")  # fmt: skip
    assert [c.kind for c in found] == ["criticism"]


def test_a_place_that_names_an_office_is_no_location() -> None:
    found = run(
        "White House national security adviser Jake Sullivan met Chinese Foreign Minister Wang Yi on Friday.",
        "en", "2024-01-27T09:00:00+07:00",
    )  # fmt: skip
    assert [c.fact.get("location") for c in found if c.kind == "meeting"] == [None]


def test_the_company_is_the_firm_named_before() -> None:
    en = run(
        "Northrop Grumman has sold radars to Taiwan for years. On Friday China sanctioned the company, the foreign "
        "ministry said.", "en", "2024-06-01T08:00:00+08:00",
    )  # fmt: skip
    zh = run("诺斯罗普·格鲁曼公司长期向台湾出售武器。外交部31日宣布对该公司采取反制措施。", "zh",
             "2024-06-01T08:00:00+08:00")  # fmt: skip
    for found in (en, zh):
        assert [(c.fact["target"], c.fact["imposed_by"]) for c in found] == [("northrop-grumman", "CHN")]


def test_a_title_noun_is_the_holder_named_before() -> None:
    found = run(
        "U.S. Secretary of State Antony Blinken landed in Beijing on Wednesday. The top U.S. diplomat met Chinese "
        "Foreign Minister Wang Yi on Friday.", "en", "2024-06-01T08:00:00+08:00",
    )  # fmt: skip
    assert [sorted(c.fact["participants"]) for c in found if c.kind == "meeting"] == [["antony-blinken", "wang-yi"]]
