"""The decision layer (events.decide), with no store: every rule on a State built from literals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from events import DomainError, make_source
from events.channel_status import Entry, channel_state, transitions
from events.commands import (
    AssessChannel,
    AssumeOffice,
    CorrectFact,
    ImposeSanction,
    LeaveOffice,
    LiftSanction,
    RegisterActor,
    RegisterChannel,
    ReportInteraction,
    RetractAssessment,
    RetractFact,
)
from events.decide import State, candidate_ids, decide, independent_sources, reads

TS = datetime(2024, 1, 1, tzinfo=UTC)
REUTERS = make_source("https://www.reuters.com/x", outlet="Reuters", language="en")
DW = make_source("https://www.dw.com/zh/x", outlet="DW", language="zh", derived_from=REUTERS["url"])
AP = make_source("https://apnews.com/x", outlet="AP", language="en")

MEETING = ReportInteraction(
    kind="meeting", status="occurred", participants=["xie-feng", "ely-ratner"], principals=["xie-feng", "ely-ratner"],
    initiator=None, recipient=None, dyad="CHN-USA", occurred_on=date(2023, 7, 12), precision="day", until=None,
    location="pentagon", channel=None, summary="Xie meets Ratner", sources=[REUTERS],
    initiator_state="CHN", location_state="USA",
)  # fmt: skip


def report(**changes: Any) -> ReportInteraction:
    return replace(MEETING, **changes)


def run(state: State, *commands: Any) -> list[tuple[str, str]]:
    """Decide each command in turn on one state; (action, id) of each."""
    return [(o.action, o.fact_id) for o in (decide(state, c, TS) for c in commands)]


def saved(state: State) -> State:
    """A state as the next batch would load it: the aggregates with their events taken as saved."""
    events = state.events()
    replayed: dict[Any, Any] = {}
    for e in events:
        replayed[e.originator_id] = e.mutate(replayed.get(e.originator_id))
    return State(replayed.values())


def test_a_new_report_creates_the_interaction_with_its_codes() -> None:
    """A first report creates the interaction under its own id, coded as a visit by where it took place."""
    state = State()
    [(action, fact)] = run(state, MEETING)
    assert (action, fact) == ("reported", str(candidate_ids(MEETING)[0]))
    [event] = state.events()
    assert type(event).__name__ == "InteractionReported"
    assert (event.cameo, event.goldstein, event.summary) == ("042", 1.9, "Xie meets Ratner")
    assert event.participants == ["xie-feng", "ely-ratner"]


@pytest.mark.parametrize(
    ("day", "action"),
    [(date(2023, 7, 11), "corroborated"), (date(2023, 7, 13), "corroborated"), (date(2023, 7, 14), "reported")],
)
def test_reports_within_one_day_are_one_interaction(day: date, action: str) -> None:
    """A report a day either side corroborates; two days apart is another interaction."""
    state = saved(_with(MEETING))
    assert run(state, report(occurred_on=day, sources=[DW]))[0][0] == action


def test_same_family_merges_other_families_do_not() -> None:
    """Talks corroborate a meeting (same family); a call with the same people that day is a new fact."""
    state = saved(_with(MEETING))
    assert run(state, report(kind="talks", sources=[DW]))[0][0] == "corroborated"
    assert run(state, report(kind="call", sources=[AP]))[0][0] == "reported"


def test_principals_decide_the_match_not_the_states() -> None:
    """Other principals on the same day are another interaction; listing a state beside them changes nothing."""
    state = saved(_with(MEETING))
    other = report(participants=["wang-yi", "ely-ratner"], principals=["wang-yi", "ely-ratner"], sources=[AP])
    assert run(state, other)[0][0] == "reported"
    with_state = report(participants=["xie-feng", "ely-ratner", "USA"], sources=[DW])
    assert run(state, with_state)[0][0] == "corroborated"


def test_the_same_source_twice_changes_nothing() -> None:
    """A report citing a source already cited adds no event."""
    state = saved(_with(MEETING))
    assert run(state, MEETING)[0][0] == "unchanged"
    assert state.events() == []


def test_a_retracted_interaction_is_not_corroborated() -> None:
    """A report matching only a retracted fact on another day is a new interaction; on its own day it is refused."""
    state = _with(MEETING)
    fact = candidate_ids(MEETING)[0]
    decide(state, RetractFact(fact, "misread", AP), TS)
    state = saved(state)
    assert run(state, report(occurred_on=date(2023, 7, 13), sources=[DW]))[0][0] == "reported"
    with pytest.raises(DomainError, match="was retracted"):
        decide(saved(_with(MEETING, retracted=True)), report(sources=[DW]), TS)


def test_an_expected_interaction_is_confirmed_by_a_report_that_it_occurred() -> None:
    """Expected, then a report that it happened the next day: confirmed on that day, with the new source."""
    state = saved(_with(report(status="expected", occurred_on=date(2023, 7, 16))))
    [(action, _)] = run(state, report(occurred_on=date(2023, 7, 17), sources=[AP]))
    assert action == "confirmed"
    [event] = state.events()
    assert (type(event).__name__, event.occurred_on, event.source["url"]) == (
        "InteractionConfirmed",
        date(2023, 7, 17),
        AP["url"],
    )


def test_an_expected_interaction_is_cancelled_by_a_report_that_it_was_called_off() -> None:
    """Expected, then a report that it was called off: cancelled, with the report's summary as the reason."""
    state = saved(_with(report(status="expected")))
    [(action, _)] = run(state, report(status="cancelled", summary="trip postponed", sources=[AP]))
    assert action == "cancelled"
    [event] = state.events()
    assert (type(event).__name__, event.reason) == ("InteractionCancelled", "trip postponed")


@pytest.mark.parametrize("status", ["occurred", "cancelled"])
def test_settling_an_expected_interaction_never_cites_a_url_twice(status: str) -> None:
    """A report already cited that settles an expected meeting picks a new source to settle it, and cites none twice."""
    state = saved(_with(report(status="expected", occurred_on=date(2023, 7, 16))))
    run(state, report(status=status, occurred_on=date(2023, 7, 16), sources=[REUTERS, AP]))
    [settled, *rest] = state.events()
    assert settled.source["url"] == AP["url"] and rest == []
    interaction = state.get(settled.originator_id)
    assert [s["url"] for s in interaction.sources] == [REUTERS["url"], AP["url"]]


def test_a_rewrite_is_not_an_independent_source() -> None:
    """DW's rewrite of Reuters corroborates, but the fact still has one independent source; AP makes two."""
    state = saved(_with(MEETING))
    run(state, report(sources=[DW]))
    interaction = state.get(candidate_ids(MEETING)[0])
    assert len(interaction.sources) == 2
    assert independent_sources(interaction.sources) == 1
    run(state, report(sources=[AP]))
    assert independent_sources(interaction.sources) == 2


def test_a_batch_sees_its_own_earlier_decisions() -> None:
    """Two reports of one meeting in one batch: the second corroborates the first, before anything is saved."""
    state = State()
    assert [a for a, _ in run(state, MEETING, report(sources=[DW]))] == ["reported", "corroborated"]
    assert [type(e).__name__ for e in state.events()] == ["InteractionReported", "InteractionCorroborated"]


def test_corrections_and_retractions_need_a_live_fact_and_a_reason() -> None:
    """A correction changes fields with a reason; a retraction needs a reason; a retracted fact takes no more."""
    state = saved(_with(MEETING))
    fact = candidate_ids(MEETING)[0]
    with pytest.raises(DomainError, match="needs a reason") as info:
        decide(state, CorrectFact(fact, {"summary": "90 minutes"}, "  ", AP), TS)
    assert info.value.field == "reason"
    assert run(state, CorrectFact(fact, {"summary": "90 minutes"}, "readout", AP))[0][0] == "amended"
    assert run(state, RetractFact(fact, "withdrawn", AP))[0][0] == "retracted"
    with pytest.raises(DomainError, match="retracted"):
        decide(state, CorrectFact(fact, {"summary": "x"}, "late", AP), TS)
    with pytest.raises(DomainError, match="no interaction or sanction"):
        decide(State(), RetractFact(fact, "x", AP), TS)


SANCTION = ImposeSanction(
    target="li-shangfu", target_state="CHN", imposed_by="USA", authority="U.S. Department of State",
    program="CAATSA Section 231", legal_basis=None, reason=None, effective_on=date(2018, 9, 20), sources=[REUTERS],
)  # fmt: skip


def test_sanction_rules() -> None:
    """Imposed once, corroborated by a new source, lifted once and never before it took effect."""
    state = State()
    assert run(state, SANCTION)[0][0] == "imposed"
    state = saved(state)
    assert run(state, SANCTION)[0][0] == "unchanged"
    assert run(state, replace(SANCTION, sources=[AP]))[0][0] == "corroborated"
    lift = LiftSanction("li-shangfu", SANCTION.authority, SANCTION.program, date(2017, 1, 1), [AP])
    with pytest.raises(DomainError, match="before it took effect"):
        decide(state, lift, TS)
    assert run(state, replace(lift, effective_on=date(2025, 1, 1)))[0][0] == "lifted"
    assert run(state, replace(lift, effective_on=date(2025, 1, 1)))[0][0] == "unchanged"
    with pytest.raises(DomainError, match=r"no .* sanction on wei-fenghe to lift"):
        decide(State(), replace(lift, target="wei-fenghe"), TS)


def test_channel_rules() -> None:
    """An assessment is recorded once per source and day; only a recorded one can be retracted."""
    state = State()
    run(state, RegisterChannel("mmca", "CHN-USA", {"en": "MMCA"}, [], "operational"))
    state = saved(state)
    suspend = AssessChannel("CHN-USA", "mmca", "suspended", date(2022, 8, 5), "CHN", "Pelosi", [REUTERS])
    assert run(state, suspend, suspend)[0][0] == "suspended"
    assert run(state, suspend)[0][0] == "unchanged"
    with pytest.raises(DomainError, match="not recorded as stalled"):
        decide(state, RetractAssessment("CHN-USA", "mmca", "stalled", date(2022, 8, 5), "wrong", AP), TS)
    assert run(state, RetractAssessment("CHN-USA", "mmca", "suspended", date(2022, 8, 5), "wrong", AP))[0][0] == (
        "retracted"
    )
    with pytest.raises(DomainError, match="not registered"):
        decide(state, replace(suspend, channel="hotline"), TS)


def test_offices_and_reference_data_are_idempotent() -> None:
    """Registering, taking and leaving an office again changes nothing; a second term is its own."""
    state = State()
    source = make_source("urn:tracker:reference-data")
    register = RegisterActor("li-shangfu", "person", "CHN", {"en": "Li Shangfu"}, top_up=True)
    took = AssumeOffice("li-shangfu", "Minister of National Defense", None, "CHN", date(2023, 3, 12), [source])
    left = LeaveOffice("li-shangfu", took.office, date(2023, 10, 24), [source], since=took.since)
    assert [a for a, _ in run(state, register, took, left)] == ["registered", "office", "office"]
    state = saved(state)
    assert [a for a, _ in run(state, register, took, left)] == ["unchanged", "unchanged", "unchanged"]
    with pytest.raises(DomainError, match="already registered"):
        decide(state, replace(register, top_up=False), TS)
    with pytest.raises(DomainError, match="holds no office"):
        decide(state, replace(left, until=date(2024, 1, 1), since=None), TS)


def test_reads_names_every_aggregate_a_decision_needs() -> None:
    """A report reads its three candidate ids; other commands the one aggregate they change."""
    assert reads(MEETING) == candidate_ids(MEETING)
    assert len(set(reads(MEETING))) == 3
    assert len(reads(SANCTION)) == 1


def test_the_channel_status_rule() -> None:
    """Suspended, stalled and resumed set the status; a contact makes it active; nothing known is unknown."""
    history = [
        Entry("2022-08-05", "suspended", "https://mfa/x"),
        Entry("2022-11-22", "contact", "https://dod/y"),
        Entry("2023-07-12", "stalled", "https://reuters/z"),
    ]
    assert channel_state([]).status == "unknown"
    assert channel_state(history, "2022-09-01").as_json() == {
        "status": "suspended",
        "since": "2022-08-05",
        "last_contact": None,
        "sources": ["https://mfa/x"],
    }
    assert (channel_state(history, "2023-01-01").status, channel_state(history, "2023-01-01").last_contact) == (
        "active",
        "2022-11-22",
    )
    assert channel_state(history).status == "stalled"
    again = [*history, Entry("2023-08-01", "stalled", "https://ap/w")]
    assert (channel_state(again).since, channel_state(again).sources) == (
        "2023-07-12",
        ("https://reuters/z", "https://ap/w"),
    )
    assert transitions(history) == [("2022-08-05", "suspended"), ("2022-11-22", "active"), ("2023-07-12", "stalled")]


def _with(cmd: ReportInteraction, *, retracted: bool = False) -> State:
    state = State()
    decide(state, cmd, TS)
    if retracted:
        decide(state, RetractFact(candidate_ids(cmd)[0], "withdrawn", AP), TS)
    return state
