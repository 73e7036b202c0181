"""The ledger end to end on a real SQLite store in a temp folder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import DW, REUTERS, Clock
from tracker.demo import record_demo
from tracker.errors import UsageError
from tracker.session import Session, open_session
from tracker.views import Views

MEETING = {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
           "location": "Pentagon", "source": REUTERS}  # fmt: skip
MEETING_ZH = {"kind": "meeting", "participants": ["谢锋", "拉特纳"], "occurred_on": "2023-07-12",
              "location": "五角大厦", "source": DW}  # fmt: skip


def _stable(status: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in status.items() if k != "generated_at"}


def test_english_and_chinese_reports_are_one_interaction(session: Session) -> None:
    """The Reuters and DW reports, appended separately, are one meeting with two sources."""
    first = session.append([dict(MEETING)])
    second = session.append([dict(MEETING_ZH)])
    assert first[0].action == "reported"
    assert second[0].action == "corroborated"
    assert first[0].fact_id == second[0].fact_id
    status = session.status(as_of="2023-07-31")
    meetings = [i for i in status["interactions"] if i["kind"] == "meeting"]
    assert len(meetings) == 1
    assert [s["url"] for s in meetings[0]["sources"]] == [REUTERS["url"], DW["url"]]
    assert meetings[0]["sources"][1]["derived_from"] == REUTERS["url"]


def test_report_a_day_apart_corroborates(session: Session) -> None:
    """A Beijing-dated report of the same meeting, a day later, corroborates instead of duplicating."""
    session.append([dict(MEETING)])
    out = session.append([{**MEETING_ZH, "occurred_on": "2023-07-13"}])
    assert out[0].action == "corroborated"
    assert len(session.status(as_of="2023-07-31")["interactions"]) == 1


def test_same_report_twice_changes_nothing(session: Session) -> None:
    """Appending the same fact with the same source twice adds no event."""
    session.append([dict(MEETING)])
    before = session.store.max_position()
    out = session.append([dict(MEETING)])
    assert out[0].action == "unchanged"
    assert session.store.max_position() == before


def test_demo_story_states(session: Session) -> None:
    """The seed story: sanction active since 2018-09-20, defence ministers stalled on 07-31 but not on 06-01."""
    record_demo(session)
    july = session.status(as_of="2023-07-31")
    june = session.status(as_of="2023-06-01")
    sanction = july["sanctions"][0]
    assert (sanction["target"]["id"], sanction["since"], sanction["status"]) == ("li-shangfu", "2018-09-20", "active")
    dm_july = next(c for c in july["channels"] if c["slug"] == "defense-ministers")
    dm_june = next(c for c in june["channels"] if c["slug"] == "defense-ministers")
    assert dm_july["status"] == "stalled"
    assert dm_june["status"] == "active"
    assert dm_june["last_contact"] == "2022-11-22"
    assert [e["summary"] for e in july["expected"]] == ["Climate envoy Kerry is expected to visit China next week"]
    kinds = {i["kind"] for i in july["interactions"]}
    assert {"meeting", "meeting-declined", "statement", "demand"} <= kinds
    pentagon = next(i for i in july["interactions"] if i["occurred_on"] == "2023-07-12" and i["kind"] == "meeting")
    assert len(pentagon["sources"]) == 2


def test_file_with_one_bad_line_appends_nothing(session: Session) -> None:
    """A batch with one bad line is refused whole, naming the line."""
    before = session.store.max_position()
    text = json.dumps(MEETING) + "\n" + json.dumps({**MEETING_ZH, "participants": ["Nobody Known"]}) + "\n"
    from tracker.session import parse_jsonl

    with pytest.raises(UsageError, match="line 2: unknown actor"):
        session.append(parse_jsonl(text))
    assert session.store.max_position() == before
    with pytest.raises(UsageError, match="line 1: not valid JSON"):
        parse_jsonl("{oops\n")


def test_export_import_reproduces_status(session: Session, tmp_path: Path, clock: Clock) -> None:
    """Export then import into an empty store gives the same status; importing twice adds nothing."""
    record_demo(session)
    out = io.StringIO()
    count = session.export(out)
    assert count == session.store.max_position()
    copy = open_session(str(tmp_path / "copy"), create=True, now=clock)
    try:
        result = copy.import_(out.getvalue())
        assert result == {"read": count, "imported": count, "skipped": 0}
        again = copy.import_(out.getvalue())
        assert again["imported"] == 0
        assert copy.store.max_position() == count
        assert _stable(copy.status(as_of="2023-07-31")) == _stable(session.status(as_of="2023-07-31"))
        assert copy.verify()["ok"]
    finally:
        copy.close()


def test_corrupt_import_is_refused_whole(session: Session) -> None:
    """An import file with a broken line appends nothing."""
    out = io.StringIO()
    session.export(out)
    lines = out.getvalue().splitlines()
    lines[3] = lines[3][:20]
    before = session.store.max_position()
    with pytest.raises(UsageError, match="line 4"):
        session.import_("\n".join(lines))
    assert session.store.max_position() == before


def test_known_at_sees_only_what_was_recorded(session: Session, clock: Clock) -> None:
    """--known-at answers from what the ledger had recorded by then."""
    session.append([dict(MEETING)])
    cut = clock.now.isoformat()
    session.append([dict(MEETING_ZH)])
    then = session.status(as_of="2023-07-31", known_at=cut)
    now = session.status(as_of="2023-07-31")
    assert len(then["interactions"][0]["sources"]) == 1
    assert len(now["interactions"][0]["sources"]) == 2


def test_correct_and_retract_append_events(session: Session) -> None:
    """A correction changes the read model and keeps the history; a retraction removes the fact from status."""
    fact = session.append([dict(MEETING)])[0].fact_id
    session.correct(fact[:8], {"summary": "90 minutes"}, "detail", {"url": "https://example.org/c"})
    assert session.status(as_of="2023-07-31")["interactions"][0]["summary"] == "90 minutes"
    session.retract(fact[:8], "withdrawn", {"url": "https://example.org/r"})
    assert session.status(as_of="2023-07-31")["interactions"] == []
    types = [e["type"] for e in session.history(fact)]
    assert types == ["InteractionReported", "InteractionAmended", "InteractionRetracted"]
    with pytest.raises(UsageError, match="no interaction or sanction"):
        session.retract("abcdef12", "x", {"url": "https://example.org/r"})


def test_channel_contact_makes_it_active_after_a_stall(session: Session) -> None:
    """A later occurred interaction on a stalled channel makes it active again."""
    session.append([{"kind": "channel-stalled", "channel": "防长会谈", "occurred_on": "2023-07-12", "source": REUTERS}])
    session.append([{"kind": "call", "participants": ["Lloyd Austin", "董军"], "occurred_on": "2024-04-16",
                     "channel": "defense-ministers", "source": {"url": "https://example.org/call"}}])  # fmt: skip
    dm = {c["slug"]: c for c in session.status(as_of="2024-05-01")["channels"]}["defense-ministers"]
    assert (dm["status"], dm["since"], dm["last_contact"]) == ("active", "2024-04-16", "2024-04-16")


def test_rebuild_gives_the_same_views(session: Session) -> None:
    """Rebuilding the read models from the log gives the same status."""
    record_demo(session)
    before = _stable(session.status(as_of="2023-07-31"))
    count = session.rebuild()
    assert count == session.store.max_position()
    assert _stable(session.status(as_of="2023-07-31")) == before
    folder = session.location.folder
    assert folder is not None
    assert not list(folder.glob("*.rebuilding*"))
    assert session.views.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[0] for r in session.views.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"interactions_when", "timeline_when", "channel_history_when"} <= indexes


def test_views_reject_a_stale_position(tmp_path: Path) -> None:
    """Applying a batch from a stale position is rolled back whole: no event is applied twice."""
    from tracker.errors import OperationFailed
    from tracker.records import Record

    views = Views(tmp_path / "views.db")
    rec = Record(1, "a" * 32, 1, "ActorRegistered", "2024-01-01T00:00:00+00:00",
                 {"slug": "x", "kind": "person", "state": None, "names": {"en": "X"}, "aliases": [], "wikidata": None})  # fmt: skip
    views.apply([rec], expected=0, last=1, now="t")
    with pytest.raises(OperationFailed):
        views.apply([rec], expected=0, last=1, now="t")
    assert views.conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == 1
    assert views.position() == 1


def test_unknown_store_is_a_clear_error(tmp_path: Path) -> None:
    """Reading a store that does not exist says to run init."""
    with pytest.raises(UsageError, match="tracker init"):
        open_session(str(tmp_path / "nowhere"))


def test_backup_is_a_consistent_copy(session: Session, tmp_path: Path) -> None:
    """A backup holds every event and passes an integrity check."""
    session.append([dict(MEETING)])
    result = session.backup(tmp_path / "b.db")
    assert result["events"] == session.store.max_position()


def test_verify_finds_gaps_and_undecodable_events(session: Session) -> None:
    """verify reports a missing version and a state that is not JSON; a clean log passes."""
    import sqlite3

    fact = session.append([dict(MEETING)])[0].fact_id
    session.append([dict(MEETING_ZH)])
    assert session.verify()["ok"]
    path = session.location.events_path
    assert path is not None
    db = sqlite3.connect(path)
    hex_id = fact.replace("-", "")
    db.execute("DELETE FROM stored_events WHERE originator_id = ? AND originator_version = 1", (hex_id,))
    db.execute("UPDATE stored_events SET state = X'7b6e6f' WHERE rowid = 3")
    db.commit()
    db.close()
    result = session.verify()
    assert not result["ok"]
    assert any("gap" in p for p in result["problems"])
    assert any("does not decode" in p for p in result["problems"])


def test_bulk_recorder_returns_the_rows_ids(session: Session) -> None:
    """The executemany recorder reports the same notification ids SQLite gave the rows."""
    from eventsourcing.persistence import StoredEvent

    recorder = session.store.recorder
    before = session.store.max_position()
    ids = recorder.insert_events(
        [
            StoredEvent(originator_id=__import__("uuid").uuid4(), originator_version=1, topic="x:Y", state=b"{}")
            for _ in range(5)
        ]
    )
    assert list(ids) == list(range(before + 1, before + 6))
    assert session.store.max_position() == before + 5


def test_append_resolves_names_registered_since_the_last_catch_up(tmp_path: Path, clock: Clock) -> None:
    """A name registered by another session is found: the stale read models catch up on demand."""
    first = open_session(str(tmp_path / "s"), create=True, now=clock)
    second = open_session(str(tmp_path / "s"), now=clock)
    try:
        first.init()
        second.add_actor("zhang-san", "person", "CHN", {"en": "Zhang San", "zh": "张三"}, [], None)
        out = first.append([{**MEETING, "participants": ["张三", "Ely Ratner"]}])
        assert out[0].action == "reported"
    finally:
        first.close()
        second.close()


def test_actors_added_and_aliased_resolve_in_facts(session: Session) -> None:
    """A registered actor and its new alias are found by name; a taken alias is refused."""
    session.add_actor("zhang-san", "person", "China", {"en": "Zhang San", "zh": "张三"}, [], None)
    assert session.add_alias("Zhang San", "張三") == "zhang-san"
    with pytest.raises(UsageError, match="already names xie-feng"):
        session.add_alias("Zhang San", "谢锋")
    out = session.append([{**MEETING, "participants": ["張三", "Ely Ratner"]}])
    assert out[0].action == "reported"
    assert session.actor("张三")["state"] == "CHN"


def test_new_actor_registers_unknown_names(session: Session) -> None:
    """With new_actor, an unknown name is registered instead of refused, in either script."""
    out = session.append([{**MEETING, "participants": ["Wang Wu", "赵六"]}], new_actor=True)
    assert out[0].action == "reported"
    slugs = {a["id"] for a in session.actors()}
    assert "wang-wu" in slugs
    assert any(s.startswith("actor-") for s in slugs)


def test_projections_status_reports_positions_and_tables(session: Session) -> None:
    """Every projection is at the end of the log and every read-model table is counted."""
    session.append([dict(MEETING)])
    session.catch_up()
    result = session.projections_status()
    assert {p["behind"] for p in result["projections"]} == {0}
    assert result["tables"]["interactions"] == 1
    assert result["tables"]["interaction_participants"] == 2


def test_expected_interaction_is_confirmed_or_cancelled_by_later_reports(session: Session) -> None:
    """A report that an expected visit happened confirms it; one that it was called off cancels it."""
    expected = {"kind": "meeting", "status": "expected", "participants": ["John Kerry"], "recipient": "CHN",
                "occurred_on": "2023-07-16", "source": {"url": "https://example.org/expected"}}  # fmt: skip
    session.append([dict(expected)])
    assert len(session.status(as_of="2023-07-31")["expected"]) == 1
    done = session.append([{**expected, "status": "occurred", "occurred_on": "2023-07-17",
                            "source": {"url": "https://example.org/happened"}}])  # fmt: skip
    assert done[0].action == "confirmed"
    status = session.status(as_of="2023-07-31")
    assert status["expected"] == []
    assert status["interactions"][0]["occurred_on"] == "2023-07-17"
    other = {**expected, "participants": ["Janet Yellen"], "source": {"url": "https://example.org/other"}}
    session.append([dict(other)])
    off = session.append([{**other, "status": "cancelled", "summary": "trip postponed",
                           "source": {"url": "https://example.org/off"}}])  # fmt: skip
    assert off[0].action == "cancelled"
    assert session.status(as_of="2023-07-31")["expected"] == []


def test_retracting_a_channel_assessment_restores_the_earlier_status(session: Session) -> None:
    """Withdrawing a stall puts the channel back to what it was, and lists the retraction as a change."""
    from tracker.views.changes import changes_since

    session.append([{"kind": "meeting", "participants": ["Lloyd Austin", "Wei Fenghe"], "occurred_on": "2022-11-22",
                     "channel": "defense-ministers", "source": {"url": "https://example.org/siem-reap"}}])  # fmt: skip
    session.append([{"kind": "channel-stalled", "channel": "防长会谈", "occurred_on": "2023-07-12", "source": REUTERS}])
    before = {c["slug"]: c["status"] for c in session.status(as_of="2023-07-31")["channels"]}
    assert before["defense-ministers"] == "stalled"
    with pytest.raises(UsageError, match="nothing was recorded"):
        session.retract("defense-ministers", "wrong day", {"url": "https://example.org/r"}, on="2023-07-13")
    out = session.retract("防长会谈", "misread the story", {"url": "https://example.org/r"}, on="2023-07-12")
    assert (out.action, out.kind) == ("retracted", "channel-stalled")
    after = {c["slug"]: c for c in session.status(as_of="2023-07-31")["channels"]}
    assert (after["defense-ministers"]["status"], after["defense-ministers"]["since"]) == ("active", "2022-11-22")
    assert not [r for r in session.timeline() if r["kind"] == "channel-stalled"]
    corrections = changes_since(session.conn, dyad="CHN-USA", since="2000-01-01", as_of="2023-07-31")["corrections"]
    assert [(c["fact"], c["reason"]) for c in corrections] == [("channel", "misread the story")]
