"""Office verbs on invented reports: reappointed "to the post", "retired as", a reported "would become"."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.model import Candidate


def offices(found: list[Candidate]) -> list[tuple[str, str, str]]:
    return sorted((c.kind, c.fact["actor"], c.fact["office"]) for c in found if c.kind.startswith("office-"))


def test_reappointed_to_the_post_takes_the_office_named_before() -> None:
    found = run(
        "China's legislature on Tuesday removed Qin Gang as foreign minister and reappointed Wang Yi to the post.",
        "en", "2023-07-25T20:00:00+08:00",
    )  # fmt: skip
    assert offices(found) == [
        ("office-assumed", "wang-yi", "Minister of Foreign Affairs"),
        ("office-left", "qin-gang", "Minister of Foreign Affairs"),
    ]


def test_retired_as_is_leaving_the_office() -> None:
    found = run("Gen. Mark Milley retired as chairman of the Joint Chiefs of Staff on Friday.", "en",
                "2023-09-29T20:00:00-04:00")  # fmt: skip
    assert offices(found) == [("office-left", "mark-milley", "Chairman of the Joint Chiefs of Staff")]


def test_a_reported_would_become_is_an_appointment_told() -> None:
    found = run(
        "President Donald Trump said on Monday that Christopher Miller, a counterterrorism official, would become "
        "acting secretary of defense.", "en", "2020-11-09T20:00:00-05:00",
    )  # fmt: skip
    assert offices(found) == [("office-assumed", "christopher-miller", "Acting Secretary of Defense")]


def test_served_as_is_a_past_post_not_an_appointment() -> None:
    found = run(
        "Patrick Shanahan, who served as deputy secretary of defense, met Chinese Defense Minister Wei Fenghe.",
        "en", "2019-06-01T20:00:00+08:00",
    )  # fmt: skip
    assert not offices(found)


def test_who_took_the_office_a_de_clause_names_is_the_person_it_describes_zh() -> None:
    """谢锋…履新，接替去年底出任外交部长的秦刚: Qin took the ministry late last year (December, a month)."""
    found = run("中国新任驻美大使谢锋23日抵达纽约履新，接替去年底出任外交部长的秦刚。", "zh",
                "2023-05-24T08:30:00+08:00")  # fmt: skip
    taken = [(c.fact["actor"], c.fact["office"], c.fact["occurred_on"]) for c in found if c.kind == "office-assumed"]
    assert ("qin-gang", "Minister of Foreign Affairs", "2022-12") in taken
    assert all(actor != "xie-feng" or office != "Minister of Foreign Affairs" for actor, office, _ in taken)


def test_succeeding_someone_whose_removal_a_clause_dates_is_told_once_on_that_date_zh() -> None:
    found = run("全国人大常委会29日任命董军为国防部长，接替10月遭免职的李尚福。", "zh", "2023-12-29T18:30:00+08:00")
    left = [(c.fact["actor"], c.fact["occurred_on"]) for c in found if c.kind == "office-left"]
    assert left == [("li-shangfu", "2023-10")]


def test_an_office_named_for_its_holder_today_did_not_take_it_years_ago_zh() -> None:
    found = run("美军印太司令自2021年4月起担任此职。", "zh", "2024-05-04T08:00:00+08:00")
    assert not offices(found)


def test_taking_over_a_command_is_taking_its_commanders_office_zh() -> None:
    found = run("原太平洋舰队司令帕帕罗上将3日正式接掌印太司令部。", "zh", "2024-05-04T08:00:00+08:00")
    assert offices(found) == [("office-assumed", "samuel-paparo", "Commander, U.S. Indo-Pacific Command")]


def test_left_office_is_leaving_the_office_held_that_day() -> None:
    found = run("Secretary of State Mike Pompeo left office on Wednesday.", "en", "2021-01-20T19:30:00+00:00")
    assert offices(found) == [("office-left", "mike-pompeo", "Secretary of State")]


def test_named_with_the_office_right_after_is_an_appointment_and_replacing_the_predecessors_departure() -> None:
    found = run(
        "Dong Jun, a former navy commander, was named China's new defence minister on Friday, replacing Li Shangfu.",
        "en", "2023-12-29T20:00:00+08:00",
    )  # fmt: skip
    assert offices(found) == [
        ("office-assumed", "dong-jun", "Minister of National Defense"),
        ("office-left", "li-shangfu", "Minister of National Defense"),
    ]


def test_leaving_and_taking_one_office_in_two_clauses_each_on_its_day_zh() -> None:
    """布林肯20日卸任国务卿，鲁比奥21日宣誓就任: 卸任's subject leaves; 就任 takes the office the sentence names."""
    found = run("布林肯20日卸任美国国务卿，鲁比奥21日宣誓就任。", "zh", "2025-01-22T08:00:00+08:00")
    got = sorted((c.kind, c.fact["actor"], c.fact["office"], c.fact["occurred_on"]) for c in found)
    assert got == [
        ("office-assumed", "marco-rubio", "Secretary of State", "2025-01-21"),
        ("office-left", "antony-blinken", "Secretary of State", "2025-01-20"),
    ]


def test_took_over_from_someone_as_an_office() -> None:
    found = run("Lloyd Austin took over from Christopher Miller as defense secretary on Friday.", "en",
                "2021-01-23T08:00:00-05:00")  # fmt: skip
    assert offices(found) == [("office-assumed", "lloyd-austin", "Secretary of Defense")]


def test_the_office_after_as_is_no_person_and_succession_is_told_once() -> None:
    """ "stepped down as secretary of state … was succeeded by Rubio, who was sworn in on Tuesday": the office
    after "as" names no holder, Blinken leaves once, and Rubio takes it on his own day."""
    found = run(
        "Antony Blinken stepped down as secretary of state on Monday and was succeeded by Marco Rubio, who was "
        "sworn in on Tuesday.", "en", "2025-01-22T08:00:00-05:00",
    )  # fmt: skip
    got = sorted((c.kind, c.fact["actor"], c.fact["occurred_on"]) for c in found)
    assert got == [("office-assumed", "marco-rubio", "2025-01-21"), ("office-left", "antony-blinken", "2025-01-20")]


def test_a_departure_still_to_come_is_no_office_change_zh() -> None:
    assert not offices(run("美国驻华大使伯恩斯将于明年1月离任。", "zh", "2024-10-01T08:00:00+08:00"))


def test_replaced_someone_as_an_office_right_after_the_object() -> None:
    found = run("Gen. Liu Zhenli replaced Gen. Li Zuocheng as chief of the Joint Staff Department in January.", "en",
                "2023-02-01T08:00:00+08:00")  # fmt: skip
    # (the subject takes the office: one date, in the verb's own clause, dates both)
    assert sorted(offices(found)) == [
        ("office-assumed", "liu-zhenli", "Chief of the CMC Joint Staff Department"),
        ("office-left", "li-zuocheng", "Chief of the CMC Joint Staff Department"),
    ]


def test_replacing_someone_is_leaving_the_office_the_report_named_before() -> None:
    found = run(
        "China named former navy chief Dong Jun as defence minister on Friday. Dong replaces Li Shangfu, who was "
        "sacked in October.", "en", "2023-12-29T20:00:00+08:00",
    )  # fmt: skip
    assert ("office-left", "li-shangfu", "Minister of National Defense") in offices(found)


def test_the_office_after_as_is_not_todays_holder() -> None:
    """Months later "defence minister" has another holder; "stepped down as defence minister" names the office."""
    found = run("Wei Fenghe stepped down as defence minister in March 2023, state media said.", "en",
                "2024-02-01T08:00:00+08:00")  # fmt: skip
    assert [(k, a) for k, a, _ in offices(found)] == [("office-left", "wei-fenghe")]


def test_a_departure_told_by_its_own_verb_is_not_told_again_by_the_passive_succession() -> None:
    found = run(
        "China's Communist Party has expelled Li Shangfu, state media said. Li was removed as defence minister in "
        "October last year, two months after he vanished, and was succeeded by former navy chief Dong Jun in "
        "December.", "en", "2024-06-27T10:00:00+00:00",
    )  # fmt: skip
    assert [c.fact["occurred_on"] for c in found if c.kind == "office-left"] == ["2023-10"]


def test_the_office_after_as_names_no_holder_to_be_the_subject() -> None:
    found = run("Antony Blinken was succeeded as secretary of state by Marco Rubio on Tuesday.", "en",
                "2025-01-22T08:00:00-05:00")  # fmt: skip
    assert [(k, a) for k, a, _ in offices(found) if k == "office-left"] == [("office-left", "antony-blinken")]


def test_an_office_after_as_in_a_relative_clause_adds_no_party_nor_date() -> None:
    """ "Austin, who served as defense secretary until January, met Dong on Friday": the office names no one
    (its holder by then is Hegseth), and the relative clause's date is not the meeting's."""
    found = run(
        "Lloyd Austin, who served as defense secretary until January, met Chinese Defense Minister Dong Jun in "
        "Beijing on Friday.", "en", "2025-06-01T08:00:00+08:00",
    )  # fmt: skip
    assert [(sorted(c.fact["participants"]), c.fact["occurred_on"]) for c in found if c.kind == "meeting"] == [
        (["dong-jun", "lloyd-austin"], "2025-05-30")
    ]
