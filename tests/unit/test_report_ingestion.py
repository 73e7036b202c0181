"""Feed items decided in memory: one report however many feeds carry it, revised only by new content."""

from __future__ import annotations

from datetime import UTC, datetime

from events.commands import IngestReport
from events.decide import decide
from events.ids import report_id
from events.state import State

NOW = datetime(2026, 11, 26, tzinfo=UTC)
KEY = "https://www.reuters.com/world/us-china-talks/"


def _item(sha: str, feed: str = "feed-a", text: str = "body") -> IngestReport:
    return IngestReport(KEY, feed, "Title", "Reuters", "en", NOW, sha, text)


def _replay(state: State) -> State:
    """The state a later poll starts from: the events so far, applied to a fresh aggregate."""
    events = state.events()
    report = None
    for event in events:
        report = event.mutate(report)
    return State([report])


def test_new_then_unchanged_then_seen_by_another_feed() -> None:
    """The first sight ingests; the same item again changes nothing; another feed's copy is a ReportSeen."""
    state = State()
    assert decide(state, _item("a1"), NOW).action == "ingested"
    assert decide(state, _item("a1"), NOW).action == "unchanged"
    assert decide(state, _item("a1", feed="feed-b"), NOW).action == "seen"
    assert decide(state, _item("a1", feed="feed-b"), NOW).action == "unchanged"
    assert [type(e).__name__ for e in state.events()] == ["ReportIngested", "ReportSeen"]
    assert state.get(report_id(KEY)).feeds == ["feed-a", "feed-b"]


def test_new_content_is_a_revision_and_an_older_version_is_not() -> None:
    """A changed hash is a ReportRevised; a feed still serving the older version does not flip it back."""
    state = State()
    decide(state, _item("v1"), NOW)
    later = _replay(state)
    assert decide(later, _item("v2", text="corrected body"), NOW).action == "revised"
    assert decide(later, _item("v1", feed="feed-b"), NOW).action == "seen"
    assert decide(later, _item("v1"), NOW).action == "unchanged"
    revised = [e for e in later.events() if type(e).__name__ == "ReportRevised"]
    assert [(e.content_sha256, e.text) for e in revised] == [("v2", "corrected body")]
    assert later.get(report_id(KEY)).versions == ["v1", "v2"]


def test_a_replayed_report_decides_as_the_live_one() -> None:
    """A report rebuilt from its stored events (a later poll, another process) keeps its feeds and versions."""
    state = State()
    decide(state, _item("v1"), NOW)
    decide(state, _item("v1", feed="feed-b"), NOW)
    again = _replay(state)
    assert decide(again, _item("v1", feed="feed-b"), NOW).action == "unchanged"
    assert decide(again, _item("v1", feed="feed-c"), NOW).action == "seen"


def test_candidates_are_proposed_once_and_reviewed_once() -> None:
    """A candidate proposed again (a rerun, a newer extractor) is not proposed twice; each is reviewed once."""
    import pytest

    from events.commands import ProposeCandidates, ReviewCandidate
    from events.values import DomainError

    meeting = {"fact": {"kind": "meeting", "participants": ["xie-feng", "ely-ratner"], "occurred_on": "2023-07-12"}}
    call = {"fact": {"kind": "call", "participants": ["lloyd-austin", "dong-jun"], "occurred_on": "2024-04-16"}}
    state = State()
    decide(state, _item("v1"), NOW)
    assert decide(state, ProposeCandidates(KEY, [meeting], "1"), NOW).action == "proposed"
    assert decide(state, ProposeCandidates(KEY, [meeting, call], "2"), NOW).action == "proposed"
    assert decide(state, ProposeCandidates(KEY, [call, meeting], "2"), NOW).action == "unchanged"
    proposed = [e for e in state.events() if type(e).__name__ == "CandidatesExtracted"]
    assert [[c["fact"]["kind"] for c in e.candidates] for e in proposed] == [["meeting"], ["call"]]
    assert decide(state, ReviewCandidate(KEY, 1, fact_id="f-1"), NOW).action == "accepted"
    assert decide(state, ReviewCandidate(KEY, 0, reason="not a meeting"), NOW).action == "rejected"
    with pytest.raises(DomainError, match="already reviewed"):
        decide(state, ReviewCandidate(KEY, 0, fact_id="f-2"), NOW)
    with pytest.raises(DomainError, match="no candidate 2"):
        decide(state, ReviewCandidate(KEY, 2, reason="x"), NOW)
