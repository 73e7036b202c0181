"""The matching rule of tests/extraction/README.md, clause by clause, and the scores built on it."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from tracker.extract.evaluate import (
    LabelledReport,
    date_ok,
    evaluate,
    hits_trap,
    load_labelled,
    match,
    matches,
    same_office,
    score,
)
from tracker.extract.model import Candidate, Report, Span

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "extraction" / "labelled.jsonl"

MEETING: dict[str, Any] = {
    "kind": "meeting",
    "status": "occurred",
    "participants": ["xie-feng", "ely-ratner"],
    "occurred_on": "2023-07-12",
    "precision": "day",
    "location": "Pentagon",
}


def fact(base: dict[str, Any] = MEETING, **changes: Any) -> dict[str, Any]:
    """A copy of a fact with some fields changed (None removes one)."""
    out = {**base, **changes}
    return {k: v for k, v in out.items() if v is not None}


def day(on: str | None, **changes: Any) -> dict[str, Any]:
    return fact(occurred_on=on, **changes)


# -- 1. kind, 2. participants, 3. status -------------------------------------------------------------------------


def test_the_same_fact_matches_and_location_does_not_count() -> None:
    assert matches(fact(location="Washington"), MEETING)
    assert matches(fact(participants=["ely-ratner", "xie-feng"]), MEETING)


def test_another_kind_does_not_match() -> None:
    assert not matches(fact(kind="call"), MEETING)


@pytest.mark.parametrize(
    "changes",
    [
        {"participants": ["xie-feng"]},
        {"participants": ["xie-feng", "ely-ratner", "CHN"]},
        {"participants": ["xie-feng", "lloyd-austin"]},
        {"recipient": "USA"},
        {"initiator": "CHN"},
    ],
)
def test_another_participant_set_does_not_match(changes: dict[str, Any]) -> None:
    assert not matches(fact(**changes), MEETING)


def test_initiator_and_recipient_join_the_participant_set() -> None:
    demand = {"kind": "demand", "participants": ["xie-feng"], "recipient": "USA", "occurred_on": "2023-07-12"}
    assert matches(fact(demand, recipient=None, participants=["xie-feng", "USA"]), demand)
    assert matches(fact(demand, recipient=None, initiator="USA"), demand)
    assert not matches(fact(demand, recipient=None), demand)


def test_status_must_agree_and_absent_means_occurred() -> None:
    assert not matches(fact(status="expected"), MEETING)
    assert not matches(fact(status="cancelled"), MEETING)
    assert matches(fact(status=None), MEETING)
    assert not matches(fact(status=None), fact(status="expected"))


# -- 4. dates --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("on", "ok"), [("2023-07-11", True), ("2023-07-13", True), ("2023-07-10", False),
                                        ("2023-07-14", False), ("2022-07-12", False)])  # fmt: skip
def test_a_day_matches_within_one_day(on: str, ok: bool) -> None:
    assert matches(day(on), MEETING) is ok


@pytest.mark.parametrize(("on", "precision", "ok"), [("2023-06-01", "day", True), ("2023-06-30", "day", True),
                         ("2023-05-31", "day", False), ("2023-07-01", "day", False), ("2023-06", "month", True),
                         ("2023-07", "month", False), ("2023", "year", False)])  # fmt: skip
def test_month_precision_takes_any_day_of_the_month(on: str, precision: str, ok: bool) -> None:
    label = day("2023-06", precision="month")
    assert matches(day(on, precision=precision), label) is ok


@pytest.mark.parametrize(("on", "precision", "ok"), [("2018-01-01", "day", True), ("2018-12-31", "day", True),
                         ("2019-01-01", "day", False), ("2017-12-31", "day", False), ("2018-09", "month", True),
                         ("2018", "year", True), ("2019", "year", False)])  # fmt: skip
def test_year_precision_takes_any_date_of_the_year(on: str, precision: str, ok: bool) -> None:
    label = day("2018", precision="year")
    assert matches(day(on, precision=precision), label) is ok


def test_a_coarser_prediction_does_not_match_a_day() -> None:
    assert not matches(day("2023-07", precision="month"), MEETING)
    assert not matches(day("2023", precision="year"), MEETING)
    assert not matches(day("2023-07-01", precision="month"), day("2023-07-01"))  # not read as its first day


def test_precision_is_read_from_the_form_when_absent() -> None:
    assert matches(day("2023-06-15", precision=None), day("2023-06", precision=None))
    assert not matches(day("2023-07-15", precision=None), day("2023-06", precision=None))


@pytest.mark.parametrize(("on", "ok"), [("2023-07-16", True), ("2023-07-17", True), ("2023-07-20", True),
                                        ("2023-07-23", True), ("2023-07-24", True), ("2023-07-15", False),
                                        ("2023-07-25", False)])  # fmt: skip
def test_a_labelled_range_takes_any_day_of_it_within_one_day(on: str, ok: bool) -> None:
    label = day("2023-07-17", until="2023-07-23", status="expected")
    assert matches(day(on, status="expected"), label) is ok


def test_a_predicted_range_must_lie_inside_the_window() -> None:
    label = day("2023-07-17", until="2023-07-23")
    assert matches(day("2023-07-17", until="2023-07-23"), label)
    assert matches(day("2023-07-16", until="2023-07-24"), label)
    assert not matches(day("2023-07-16", until="2023-07-25"), label)
    assert not matches(day("2023-07-10", until="2023-07-12"), MEETING)  # reaches past the day's window
    assert matches(day("2023-07-12", until="2023-07-13"), MEETING)


def test_an_unreadable_date_matches_nothing() -> None:
    assert not matches(day("next week"), MEETING)
    assert not matches(day(None), MEETING)
    assert not date_ok(day("2023-13-01"), MEETING)


# -- 5. channel -------------------------------------------------------------------------------------------------


def test_the_channel_must_agree_when_labelled() -> None:
    label = fact(channel="defense-ministers")
    assert matches(fact(channel="defense-ministers"), label)
    assert not matches(fact(), label)
    assert not matches(fact(channel="theater-commanders"), label)
    assert matches(fact(channel="defense-ministers"), MEETING)  # not labelled: not compared


# -- the other families -----------------------------------------------------------------------------------------

SANCTION: dict[str, Any] = {
    "kind": "sanction-imposed",
    "target": "li-shangfu",
    "imposed_by": "USA",
    "occurred_on": "2018-09-20",
}
CHANNEL: dict[str, Any] = {
    "kind": "channel-suspended",
    "channel": "defense-ministers",
    "by": "CHN",
    "occurred_on": "2022-08-05",
}
OFFICE: dict[str, Any] = {"kind": "office-assumed", "actor": "dong-jun", "office": "Minister of National Defense",
          "state": "CHN", "occurred_on": "2023-12-29", "precision": "day"}  # fmt: skip


def test_sanctions_match_on_target_and_imposer() -> None:
    assert matches(fact(SANCTION, authority="CAATSA", occurred_on="2018-09-21"), SANCTION)
    assert not matches(fact(SANCTION, target="cmc-equipment-development-department"), SANCTION)
    assert not matches(fact(SANCTION, imposed_by="CHN"), SANCTION)
    assert not matches(fact(SANCTION, kind="sanction-lifted"), SANCTION)
    assert not matches(fact(SANCTION, occurred_on="2018-09-22"), SANCTION)


def test_channel_facts_match_on_channel_and_by() -> None:
    assert matches(fact(CHANNEL), CHANNEL)
    assert not matches(fact(CHANNEL, by=None), CHANNEL)
    assert not matches(fact(CHANNEL, channel="theater-commanders"), CHANNEL)
    assert not matches(fact(CHANNEL, kind="channel-resumed"), CHANNEL)


@pytest.mark.parametrize("office", ["minister of national defense", "National Defense Minister", "Defence Minister",
                                    "Minister of Defense", "the Chinese Minister of National Defence"])  # fmt: skip
def test_offices_are_compared_loosely(office: str) -> None:
    assert same_office(office, OFFICE["office"])
    assert matches(fact(OFFICE, office=office), OFFICE)


def test_offices_differ_by_their_words_actor_and_state() -> None:
    assert not matches(fact(OFFICE, office="State Councilor"), OFFICE)
    assert not matches(fact(OFFICE, office="Vice Minister of National Defense"), OFFICE)
    assert not matches(fact(OFFICE, actor="li-shangfu"), OFFICE)
    assert not matches(fact(OFFICE, state="USA"), OFFICE)
    assert not matches(fact(OFFICE, kind="office-left"), OFFICE)
    assert same_office("Commander, U.S. Indo-Pacific Command", "commander of INDOPACOM")
    assert same_office("CMC Vice Chairman", "Vice Chairman of the Central Military Commission")


# -- one to one -------------------------------------------------------------------------------------------------


def test_each_labelled_fact_matches_at_most_one_prediction() -> None:
    result = match([fact(), fact()], [MEETING])
    assert result.matched == [(0, 0)] and result.false_positives == [1] and result.misses == []


def test_the_pairing_is_a_maximum_matching() -> None:
    # prediction 0 fits both labels, prediction 1 only the first: both must be paired
    labels = [day("2023-07-13"), day("2023-07-11")]
    result = match([day("2023-07-12"), day("2023-07-14")], labels)
    assert sorted(result.matched) == [(0, 1), (1, 0)] and not result.false_positives and not result.misses


# -- scores -----------------------------------------------------------------------------------------------------


def test_scoring_arithmetic() -> None:
    en = match([fact(), fact(kind="call"), fact(SANCTION)], [MEETING, fact(kind="call", occurred_on="2023-08-01"),
               SANCTION, CHANNEL], language="en")  # fmt: skip
    zh = match([fact(CHANNEL)], [CHANNEL, OFFICE], language="zh")
    s = score([en, zh])
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (3, 1, 3)
    assert s.overall.precision == pytest.approx(3 / 4)
    assert s.overall.recall == pytest.approx(3 / 6)
    assert s.overall.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert (s.languages["en"].tp, s.languages["en"].fp, s.languages["en"].fn) == (2, 1, 2)
    assert (s.languages["zh"].tp, s.languages["zh"].fp, s.languages["zh"].fn) == (1, 0, 1)
    assert s.languages["zh"].precision == 1.0 and s.languages["zh"].recall == 0.5
    assert (s.kinds["call"].tp, s.kinds["call"].fp, s.kinds["call"].fn) == (0, 1, 1)
    assert (s.kinds["channel-suspended"].tp, s.kinds["channel-suspended"].fn) == (1, 1)
    assert s.kinds["office-assumed"].precision is None and s.kinds["office-assumed"].recall == 0.0
    assert s.kinds["meeting"].f1 == 1.0 and s.reports == 2


def test_confusions_pair_a_wrong_kind_with_its_miss() -> None:
    result = match([fact(kind="talks"), fact(kind="call", occurred_on="2023-09-01")], [MEETING])
    assert result.confusions == [(0, 0)]
    assert score([result]).confusions == {("talks", "meeting"): 1}
    assert match([fact(status="expected")], [MEETING]).confusions == []  # same kind, another status: no confusion


# -- background and traps ---------------------------------------------------------------------------------------

OLD = fact(SANCTION, occurred_on="2018", precision="year", background=True)


def test_a_background_fact_is_neither_required_nor_a_false_positive() -> None:
    found = match([fact(SANCTION, occurred_on="2018-09-20", background=True)], [MEETING, OLD])
    assert found.background == [(0, 1)] and not found.false_positives and found.misses == [0]
    s = score([found])
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (0, 0, 1)
    assert (s.background.labelled, s.background.found, s.background.flagged) == (1, 1, 1)
    unflagged = score([match([fact(SANCTION, occurred_on="2018-09-20")], [OLD])])
    assert (unflagged.overall.fp, unflagged.background.found, unflagged.background.flagged) == (0, 1, 0)
    skipped = score([match([fact()], [MEETING, OLD])])
    assert (skipped.overall.tp, skipped.overall.fn, skipped.background.found) == (1, 0, 0)
    assert skipped.background.labelled == 1


def test_a_required_fact_takes_precedence_over_background() -> None:
    result = match([fact(SANCTION)], [fact(OLD, occurred_on="2018"), SANCTION])
    assert result.matched == [(0, 1)] and result.background_missed == [0]


TRAPS: list[dict[str, Any]] = [
    {"kind": "demand", "participants": ["USA"], "why": "Xie's demand of the U.S. is not a U.S. demand"},
    {"kind": "meeting", "occurred_on": "2018", "precision": "year", "why": "first since 2018"},
    {"kind": "sanction-imposed", "target": "li-shangfu", "occurred_on": "2023-07-12", "why": "since 2018"},
]


def test_a_prediction_hitting_a_trap_is_a_named_false_positive() -> None:
    wrong = [fact(kind="demand", participants=["USA"], recipient="CHN"), day("2018-05-03"),
             fact(SANCTION, occurred_on="2023-07-12")]  # fmt: skip
    result = match(wrong, [MEETING], TRAPS, report="r001")
    assert result.traps == [(0, 0), (1, 1), (2, 2)] and result.false_positives == [0, 1, 2]
    s = score([result])
    assert s.overall.fp == 3 and [t[:2] for t in s.traps] == [("r001", "demand"), ("r001", "meeting"),
                                                              ("r001", "sanction-imposed")]  # fmt: skip


def test_a_trap_needs_every_field_it_gives() -> None:
    assert not hits_trap(fact(kind="demand", participants=["xie-feng"], recipient="USA"), TRAPS[0])
    assert not hits_trap(fact(kind="statement", participants=["USA"]), TRAPS[0])
    assert not hits_trap(day("2019-01-01"), TRAPS[1])
    assert not hits_trap(fact(SANCTION, occurred_on="2023-07-12", target="wei-fenghe"), TRAPS[2])
    assert not hits_trap(fact(SANCTION, occurred_on="2023-07-20"), TRAPS[2])
    assert hits_trap(fact(status="expected"), {"kind": "meeting", "status": "expected", "why": "hypothetical"})
    assert not hits_trap(fact(), {"kind": "meeting", "status": "expected", "why": "hypothetical"})


def test_a_prediction_matching_a_label_is_no_trap() -> None:
    trap = {"kind": "meeting", "participants": ["xie-feng"], "why": "a trap the label contradicts"}
    result = match([fact()], [MEETING], [trap])
    assert result.matched == [(0, 0)] and not result.traps


# -- the set and the harness ------------------------------------------------------------------------------------


def test_load_labelled_skips_absent_seed_texts_with_a_note(tmp_path: Path) -> None:
    notes: list[str] = []
    reports = load_labelled(LABELLED, tmp_path / "nowhere", on_skip=notes.append)
    assert len(reports) == 72 and len(notes) == 2 and not {"r001", "r002"} & {r.id for r in reports}
    r003 = next(r for r in reports if r.id == "r003")
    assert r003.report.published_at.tzinfo is not None and r003.report.language == r003.language == "en"
    assert r003.report.url and r003.report.text and r003.facts and r003.split == "dev"
    (tmp_path / "2023-07-12-reuters-en.txt").write_text("Seed text.", encoding="utf-8")
    notes.clear()
    seeded = load_labelled(LABELLED, tmp_path, on_skip=notes.append)
    assert len(seeded) == 73 and next(r for r in seeded if r.id == "r001").report.text == "Seed text."


def oracle(reports: list[LabelledReport]) -> Any:
    """A stub extractor with the pipeline's signature that returns each report's labelled facts."""
    by_url = {r.report.url: r for r in reports}

    def extract(report: Report) -> list[Candidate]:
        labelled = by_url[str(report.url).partition("#")[0]]
        return [
            Candidate(
                {k: v for k, v in f.items() if k != "background"},
                1.0,
                "",
                Span(0, 0),
                "stub",
                background=bool(f.get("background")),
            )
            for f in labelled.facts
        ]

    return extract


def test_a_perfect_extractor_scores_one(tmp_path: Path) -> None:
    reports = load_labelled(LABELLED, tmp_path, on_skip=lambda _: None)
    s = score(result for _, _, result in evaluate(reports, oracle(reports)))
    assert s.overall.precision == s.overall.recall == 1.0 and not s.traps and not s.confusions
    assert s.background.found == s.background.labelled > 0 and s.background.flagged == s.background.found


def test_the_bench_runs_with_a_stub_extractor(capsys: pytest.CaptureFixture[str]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        bench = importlib.import_module("extraction")
    finally:
        sys.path.remove(str(ROOT / "bench"))
    reports = load_labelled(LABELLED, ROOT.parent / "shared" / "corpus", on_skip=lambda _: None)
    result = bench.main(speed_reports=50, verbose=True, details="all", extractor=oracle(reports))
    out = capsys.readouterr().out
    assert "-- dev:" in out and "-- test:" in out and "10,000 reports" in out and "misses (0" in out
    assert result["test"]["precision"] == result["test"]["recall"] == 1.0 and result["speed"]["reports"] == 50
    assert {r["measure"] for r in result["rows"]} >= {
        "extraction precision (test)",
        "extraction of 10,000 labelled-set reports",
    }
