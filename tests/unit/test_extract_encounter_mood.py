"""Encounters in reported speech and readout speakers, on invented sentences: "said he would meet" plans the
meeting, "would meet … if" is a condition (no fact), and the person named in an opening adverbial ("During his
meeting with Dong Jun, …") is not who speaks after it."""

from __future__ import annotations

from datetime import datetime

from tests.unit.extract_run import context
from tracker.extract.model import Candidate, Report
from tracker.extract.pipeline import extract


def run(text: str) -> list[Candidate]:
    return extract(Report(text, "en", datetime.fromisoformat("2024-11-20T09:00:00-05:00")), context())


def test_reported_would_plans_the_meeting() -> None:
    found = run("The Pentagon said Lloyd Austin would hold talks with Dong Jun in Vientiane.")
    found += run("Lloyd Austin said he would meet Dong Jun during his Asia trip.")
    assert [c.fact["status"] for c in found if c.kind == "meeting"] == ["expected", "expected"]


def test_a_meeting_on_a_condition_told_after_it_is_no_fact() -> None:
    found = run("Lloyd Austin said he would meet Dong Jun in Laos if Beijing accepted the invitation.")
    assert not [c for c in found if c.kind == "meeting"]


def test_the_person_named_in_an_opening_adverbial_does_not_speak() -> None:
    found = run("During his talks with Dong Jun in Laos on Thursday, Lloyd Austin raised concerns about Taiwan.")
    assert [(c.fact["participants"], c.fact.get("recipient")) for c in found if c.kind == "criticism"] == [
        (["lloyd-austin"], "CHN")
    ]


def test_a_host_of_a_group_including_the_other_side_meets_no_one_alone() -> None:
    found = run(
        "Joe Biden welcomed Pacific Island leaders, including Xi Jinping, at a reception in Woodside on Tuesday."
    )
    assert not [c for c in found if c.kind == "meeting"]


def test_an_earlier_encounter_of_others_after_following_is_no_party_to_this_one() -> None:
    found = run("Wang Yi met Jake Sullivan on Friday, following a meeting between Joe Biden and Xi Jinping in Lima.")
    assert [c.fact["participants"] for c in found if c.kind == "meeting"][:1] == [["wang-yi", "jake-sullivan"]]


def test_a_visit_gives_way_to_the_meetings_named_on_the_trip() -> None:
    found = run("Janet Yellen arrived in Beijing on Sunday for a three-day trip. She met He Lifeng on Monday.")
    assert [c.fact["participants"] for c in found if c.kind == "meeting"] == [["janet-yellen", "he-lifeng"]]


def test_private_people_of_the_other_country_are_not_its_state() -> None:
    found = run("Wang Yi met American business executives in New York on Tuesday.")
    found += extract(Report("谢锋19日在纽约会见美国企业界代表。", "zh", datetime.fromisoformat("2024-11-20T09:00:00+08:00")),
                     context())  # fmt: skip
    assert not [c for c in found if c.kind == "meeting"]


def test_what_the_news_came_after_is_background() -> None:
    found = run("The protest came two days after the Pentagon said Beijing had rejected a request for Lloyd Austin to "
                "meet Dong Jun.")  # fmt: skip
    assert [c.background for c in found if c.kind == "meeting-declined"] == [True]


def test_meeting_as_a_verb_with_a_named_object_is_a_meeting() -> None:
    found = run("Antony Blinken spoke to reporters after meeting Wang Yi in Lima on Thursday.")
    assert [c.fact["participants"] for c in found if c.kind == "meeting"] == [["antony-blinken", "wang-yi"]]


def test_an_encounter_only_referred_to_is_no_act_and_its_parties_stay_out() -> None:
    zh = extract(Report("王毅20日与美国国务卿布林肯通电话，双方就落实习近平主席和拜登总统旧金山会晤共识交换意见。", "zh",
                        datetime.fromisoformat("2024-11-21T09:00:00+08:00")), context())  # fmt: skip
    assert [(c.kind, c.fact["participants"]) for c in zh if c.kind in ("call", "meeting")] == [
        ("call", ["wang-yi", "antony-blinken"])
    ]
    en = run("Wang Yi met Antony Blinken on Wednesday to prepare for a meeting between Joe Biden and Xi Jinping.")
    assert [c.fact["participants"] for c in en if c.kind == "meeting"] == [["wang-yi", "antony-blinken"]]
