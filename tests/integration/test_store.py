"""The ledger end to end on a real store: each test on an SQLite folder and on a PostgreSQL schema.

A few tests are SQLite-only because what they check exists only there; each says why.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DW, REUTERS, Clock, StoreSpec
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


def _exported(session: Session) -> list[dict]:  # type: ignore[type-arg]
    out = io.StringIO()
    session.export(out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_english_and_chinese_reports_are_one_interaction(session: Session, backend: str) -> None:
    """The Reuters and DW reports, appended separately, are one meeting with two sources."""
    assert session.location.backend == backend
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


def test_export_import_reproduces_status(
    session: Session, make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session]
) -> None:
    """Export then import into an empty store gives the same status and events; importing twice adds nothing."""
    record_demo(session)
    out = io.StringIO()
    count = session.export(out)
    assert count == session.store.max_position() > 0
    copy = make_session(make_store("copy"), create=True)
    result = copy.import_(out.getvalue())
    assert result == {"read": count, "imported": count, "skipped": 0}
    again = copy.import_(out.getvalue())
    assert again["imported"] == 0
    assert copy.store.max_position() == count
    assert _exported(copy) == _exported(session)
    assert _stable(copy.status(as_of="2023-07-31")) == _stable(session.status(as_of="2023-07-31"))
    verified = copy.verify()
    assert (verified["ok"], verified["events"]) == (True, count)


def test_new_read_models_are_built_from_the_log(
    session: Session, make_session: Callable[..., Session], tmp_path: Path
) -> None:
    """A second session with an empty views folder builds the same status from the log alone."""
    record_demo(session)
    fresh = make_session(views=tmp_path / "other-views")
    assert fresh.views.position() == 0
    assert _stable(fresh.status(as_of="2023-07-31")) == _stable(session.status(as_of="2023-07-31"))


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
    assert session.views.path is not None
    assert not list(session.views.path.parent.glob("*.rebuilding*"))
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


def test_unknown_store_is_a_clear_error(make_session: Callable[..., Session]) -> None:
    """Reading a store that does not exist (an empty folder or schema) says to run init."""
    with pytest.raises(UsageError, match="tracker init"):
        make_session()


def test_backup_is_a_consistent_copy(sqlite_session: Session, tmp_path: Path, clock: Clock) -> None:
    """A backup, opened on its own as a store, holds exactly the original's events and passes verify.

    SQLite-only: backup copies events.db with SQLite's online backup; PostgreSQL stores use pg_dump.
    """
    session = sqlite_session
    session.append([dict(MEETING)])
    session.append([dict(MEETING_ZH)])
    result = session.backup(tmp_path / "b.db")
    assert sqlite3.connect(result["path"]).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    folder = tmp_path / "restored"
    folder.mkdir()
    shutil.copy(result["path"], folder / "events.db")
    restored = open_session(str(folder), now=clock)
    try:
        events = _exported(restored)
        assert len(events) == session.store.max_position() > 0
        assert events == _exported(session)
        assert restored.verify()["ok"]
    finally:
        restored.close()
    assert result["events"] == len(events)


def test_verify_finds_gaps_and_undecodable_events(sqlite_session: Session) -> None:
    """verify reports a missing version and a state that is not JSON; a clean log passes.

    SQLite-only: the test damages the log with SQL on events.db's stored_events table.
    """
    session = sqlite_session
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


def test_bulk_recorder_returns_the_rows_ids(sqlite_session: Session) -> None:
    """The executemany recorder reports the same notification ids SQLite gave the rows.

    SQLite-only: the executemany recorder is SQLite's (PostgreSQL's COPY recorder is tested below).
    """
    from eventsourcing.persistence import StoredEvent

    session = sqlite_session
    recorder = session.store.recorder
    before = session.store.max_position()
    ids = recorder.insert_events(
        [StoredEvent(originator_id=uuid.uuid4(), originator_version=1, topic="x:Y", state=b"{}") for _ in range(5)]
    )
    assert list(ids) == list(range(before + 1, before + 6))
    assert session.store.max_position() == before + 5


def test_append_resolves_names_registered_since_the_last_catch_up(make_session: Callable[..., Session]) -> None:
    """A name registered by another session is found: the stale read models catch up on demand."""
    first = make_session(create=True)
    second = make_session()
    first.init()
    second.add_actor("zhang-san", "person", "CHN", {"en": "Zhang San", "zh": "张三"}, [], None)
    out = first.append([{**MEETING, "participants": ["张三", "Ely Ratner"]}])
    assert out[0].action == "reported"


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
    """Projections left behind by an append show by how much; after a catch-up none is behind and every table is counted."""
    session.append([dict(MEETING)])
    session.catch_up()
    caught_up_at = session.store.max_position()
    session.append(
        [dict(MEETING_ZH), {**MEETING, "occurred_on": "2023-08-01", "source": {"url": "https://example.org/b"}}]
    )
    added = session.store.max_position() - caught_up_at
    assert added >= 2
    behind = session.projections_status()
    assert behind["log_position"] == caught_up_at + added
    assert [(p["position"], p["behind"]) for p in behind["projections"]] == [(caught_up_at, added)] * len(
        behind["projections"]
    )
    assert behind["tables"]["interactions"] == 1
    session.catch_up()
    result = session.projections_status()
    assert {(p["position"], p["behind"]) for p in result["projections"]} == {(caught_up_at + added, 0)}
    assert result["tables"]["interactions"] == 2
    assert result["tables"]["interaction_participants"] == 4


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
    corrections = changes_since(session.conn, dyad="CHN-USA", since="2000-01-01", as_of="2024-12-31")["corrections"]
    assert [(c["fact"], c["reason"]) for c in corrections] == [("channel", "misread the story")]


def _facts(n: int) -> list[dict[str, object]]:
    pairs = [["Xie Feng", "Ely Ratner"], ["Lloyd Austin", "董军"], ["Antony Blinken", "Wang Yi"]]
    return [
        {"kind": "call", "participants": pairs[i % 3], "occurred_on": f"{1700 + i // 3}-01-01",
         "source": {"url": f"https://example.org/pg/{i}", "outlet": "Bench", "language": "en"}}
        for i in range(n)
    ]  # fmt: skip


@pytest.mark.postgres
def test_postgres_bulk_append_uses_copy_and_keeps_the_log_in_order(pg_url: str, tmp_path: Path, clock: Clock) -> None:
    """A large append goes through COPY in one transaction: contiguous positions, all or nothing on a conflict.

    PostgreSQL-only: COPY is the PostgreSQL recorder's bulk path (SQLite's executemany recorder is tested above).
    """
    from eventsourcing.persistence import IntegrityError, StoredEvent

    s = open_session(pg_url, str(tmp_path / "views"), create=True, now=clock)
    try:
        s.init()
        before = s.store.max_position()
        out = s.append(_facts(1500))
        assert {o.action for o in out} == {"reported"}
        assert s.store.max_position() == before + 1500
        assert s.verify()["ok"]
        assert len(s.timeline(kind="call")) == 1500
        existing = s.store.recorder.select_events(uuid.UUID(out[0].fact_id))[0]
        clash = [StoredEvent(uuid.uuid4(), 1, "x:Y", b"{}") for _ in range(1200)] + [existing]
        with pytest.raises(IntegrityError):
            s.store.recorder.insert_events(clash)
        assert s.store.max_position() == before + 1500
    finally:
        s.close()


def test_existing_ids_count_only_aggregates_with_a_first_event(session: Session) -> None:
    """An aggregate whose stored events lack version 1 is not reported as existing, and get() does not build it from them."""
    from eventsourcing.persistence import StoredEvent

    log = session.store
    orphan, known = uuid.uuid4(), next(iter(log.existing_ids([_first_id(session)])))
    topic = "events.interaction:Interaction.InteractionRetracted"
    state = b'{"timestamp":{"_type_":"datetime_iso","_data_":"2024-01-01T00:00:00+00:00"},"reason":"x","source":{}}'
    log.recorder.insert_events([StoredEvent(orphan, 2, topic, state)])
    assert log.existing_ids([orphan, known]) == {known}
    assert log.get(known) is not None


def _first_id(session: Session) -> uuid.UUID:
    outcome = session.append([{"kind": "call", "participants": ["Lloyd Austin", "董军"], "occurred_on": "2024-04-16",
                               "source": REUTERS}])[0]  # fmt: skip
    return uuid.UUID(outcome.fact_id)


def _known_reports(session: Session) -> list[dict[str, object]]:
    """A batch of reports of stored facts: repeats, a day apart, elsewhere, new sources, an expected one settled."""
    expected = {"kind": "meeting", "status": "expected", "participants": ["John Kerry"], "recipient": "CHN",
                "occurred_on": "2023-07-16", "source": {"url": "https://example.org/expected"}}  # fmt: skip
    session.append([dict(MEETING), dict(expected), {**MEETING, "kind": "call", "location": None}])
    corroborated = session.append([{**MEETING, "kind": "statement", "source": DW}])[0]
    assert corroborated.action == "reported"
    session.append([{**MEETING, "kind": "statement", "source": REUTERS}])  # a second event: version 2
    return [
        dict(MEETING),
        {**MEETING, "occurred_on": "2023-07-13", "location": "Beijing", "summary": "told otherwise"},
        {**MEETING, "source": DW},
        dict(MEETING),  # after the corroboration just above: decided on the aggregate it made
        dict(expected),
        {**expected, "status": "occurred", "source": {"url": "https://example.org/expected"}},
        {**MEETING, "kind": "statement", "source": DW},
        {**MEETING, "kind": "call", "location": None, "occurred_on": "2023-07-11"},
    ]


def test_known_reports_decided_from_stored_data_as_from_the_aggregate(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports of stored facts get the same outcomes and events whether "already recorded" is read from the
    stored data or from the aggregate built by replay."""
    import events.decide as deciding

    batch = _known_reports(session)
    commands = session._parse([dict(f) for f in batch], [None] * len(batch), new_actor=False)
    decided = []
    for shortcut in (True, False):
        if not shortcut:
            monkeypatch.setattr(deciding, "already_reported", lambda entry, cmd: None)
        state = session.ledger._load(commands)
        outcomes = [o.as_json() for o in session.ledger._decide(state, commands)]
        events = [(type(e).__name__, {k: v for k, v in vars(e).items() if k != "timestamp"}) for e in state.events()]
        decided.append((outcomes, events))
    assert decided[0] == decided[1]
    outcomes = decided[0][0]
    assert [o["action"] for o in outcomes] == [
        "unchanged", "unchanged", "corroborated", "unchanged", "unchanged", "confirmed", "unchanged", "unchanged",
    ]  # fmt: skip
    assert outcomes[1]["differs"] == ["occurred_on", "location"]
    assert [name for name, _ in decided[0][1]] == ["InteractionCorroborated", "InteractionConfirmed"]


RACED = 'duplicate key value violates unique constraint "pg_type_typname_nsp_index"'


def _flaky_log(monkeypatch: pytest.MonkeyPatch, failures: int, message: str = RACED) -> list[int]:
    """tracker.store's EventLog failing `failures` times with `message` (a setup racing another), then the real one."""
    import tracker.store as store

    real, calls = store.EventLog, []

    def log(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) <= failures:
            raise RuntimeError(message)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "EventLog", log)
    monkeypatch.setattr("time.sleep", lambda _: None)
    return calls


def test_a_postgres_setup_that_raced_another_is_run_again(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """CREATE TABLE IF NOT EXISTS beside another session's uncommitted one fails on the catalogue: setup tries again."""
    from tracker.store import locate, open_log

    calls = _flaky_log(monkeypatch, failures=2)
    open_log(locate(pg_url), create=True).close()
    assert len(calls) == 3


def test_a_setup_that_keeps_racing_or_fails_otherwise_is_one_line(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tried SETUP_ATTEMPTS times at most, then the usual one-line failure; any other error is not tried again."""
    from tracker.errors import OperationFailed
    from tracker.store import SETUP_ATTEMPTS, locate, open_log

    calls = _flaky_log(monkeypatch, failures=99)
    with pytest.raises(OperationFailed, match="cannot open the store at"):
        open_log(locate(pg_url), create=True)
    assert len(calls) == SETUP_ATTEMPTS
    calls = _flaky_log(monkeypatch, failures=99, message="permission denied for schema x")
    with pytest.raises(OperationFailed, match="cannot open the store at"):
        open_log(locate(pg_url), create=True)
    assert len(calls) == 1
