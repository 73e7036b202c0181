"""The hash chain over the log: kept by every write, recomputed by `tracker verify` (issue 11).

Each tamper is done the way an intruder with database access would: plain SQL on the events
table (sqlite3 or psycopg), behind the library's back.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import PG_DSN, StoreSpec
from tracker.cli import app
from tracker.session import Session, open_session


def fact(n: int, kind: str = "meeting") -> dict[str, Any]:
    return {"kind": kind, "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": f"2023-0{1 + n % 9}-1{n % 10}",
            "source": {"url": f"https://example.org/chain/{n}", "outlet": "Test", "language": "en"}}  # fmt: skip


def cli(spec: StoreSpec, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, [*args, *spec.args()], env={"NO_COLOR": "1", **(env or {})})


@contextmanager
def raw(spec: StoreSpec) -> Iterator[Callable[..., list[Any]]]:
    """Plain SQL on the store's events database (qmark placeholders on both backends), committed at the end."""
    if spec.backend == "sqlite":
        conn = sqlite3.connect(Path(spec.url) / "events.db")

        def sq(sql: str, *params: Any) -> list[Any]:
            return conn.execute(sql.replace("notification_id", "rowid"), params).fetchall()

        try:
            yield sq
            conn.commit()
        finally:
            conn.close()
        return
    import psycopg

    schema = parse_qs(urlsplit(spec.url).query)["schema"][0]
    with psycopg.connect(PG_DSN) as pconn:
        pconn.execute(f"SET search_path TO {schema}")

        def pq(sql: str, *params: Any) -> list[Any]:
            cur = pconn.execute(sql.replace("?", "%s").replace("stored_events", "tracker_events"), params)
            return cur.fetchall() if cur.description else []

        yield pq


_numbers = itertools.count(1000)


def appended(session: Session, count: int) -> list[int]:
    """Append count new facts one transaction each; their positions."""
    positions = []
    for _ in range(count):
        before = session.store.max_position()
        session.append([fact(next(_numbers))])
        positions.append(session.store.max_position())
        assert positions[-1] > before
    return positions


def head_of(result: Result) -> str:
    line = next(x for x in result.output.splitlines() if x.startswith("head "))
    return line.split()[1]


def test_chain_grows_with_single_and_bulk_appends(session: Session, store_spec: StoreSpec, tmp_path: Path) -> None:
    """Single appends and a bulk append of more than 1000 facts (COPY on PostgreSQL) keep the chain whole."""
    appended(session, 2)
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(json.dumps(fact(n)) + "\n" for n in range(3, 1203)))
    assert cli(store_spec, "append", "--file", str(facts)).exit_code == 0
    result = session.verify()
    assert result["ok"] and result["sealed"], result["problems"]
    assert result["head"]["position"] == session.store.max_position()
    with raw(store_spec) as sql:
        (rows,) = sql("SELECT COUNT(*), SUM(events), MAX(last_position) FROM event_chain")
    assert rows[1] == result["events"] and rows[2] == result["last_position"]
    shown = cli(store_spec, "verify")
    assert shown.exit_code == 0 and head_of(shown) == f"{result['head']['position']}:{result['head']['hash']}"


def _append_one(store: str, views: str, n: int, barrier: Any, results: Any) -> None:
    s = open_session(store, views)
    try:
        barrier.wait(timeout=30)
        for k in range(5):
            s.append([fact(100 * n + k)])
        results.put("ok")
    except Exception as e:
        results.put(f"error: {type(e).__name__}: {e}")
    finally:
        s.close()


def test_racing_writers_keep_one_chain(session: Session, store_spec: StoreSpec, tmp_path: Path) -> None:
    """Four processes appending at once each extend the same chain; verify passes afterwards."""
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    writers = [
        ctx.Process(target=_append_one, args=(store_spec.url, str(tmp_path / f"v{n}"), n, barrier, results))
        for n in range(4)
    ]
    for w in writers:
        w.start()
    assert [results.get(timeout=90) for _ in writers] == ["ok"] * 4
    for w in writers:
        w.join(timeout=30)
    result = session.verify()
    assert result["ok"], result["problems"]
    assert result["head"]["position"] == session.store.max_position()


def _tamper_and_verify(spec: StoreSpec, tamper: Callable[[Callable[..., list[Any]]], None]) -> Result:
    with raw(spec) as sql:
        tamper(sql)
    return cli(spec, "verify")


def test_edited_event_is_named(session: Session, store_spec: StoreSpec) -> None:
    """A state changed in place (still valid JSON, so only the chain sees it) fails verify at its position."""
    target = appended(session, 3)[1]

    _edit_fails_verify_at(store_spec, target)


def test_deleted_event_is_named(session: Session, store_spec: StoreSpec) -> None:
    """An event deleted from the middle of the log fails verify naming its position."""
    target = appended(session, 3)[1]
    result = _tamper_and_verify(
        store_spec, lambda sql: sql("DELETE FROM stored_events WHERE notification_id = ?", target)
    )
    assert result.exit_code == 1
    assert f"position {target}: missing from the log" in result.output


def test_inserted_event_is_found(session: Session, store_spec: StoreSpec) -> None:
    """A row added behind the library's back (a copy of an event under a new version) fails verify."""
    appended(session, 2)
    end = session.store.max_position()

    def insert(sql: Callable[..., list[Any]]) -> None:
        sql(
            "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
            "SELECT originator_id, originator_version + 1, topic, state FROM stored_events WHERE notification_id = ?",
            end,
        )

    result = _tamper_and_verify(store_spec, insert)
    assert result.exit_code == 1
    assert f"position {end + 1}: not in the chain" in result.output


def test_reordered_events_are_named(session: Session, store_spec: StoreSpec) -> None:
    """Two events' payloads swapped fail verify at the first of them."""
    first, second = appended(session, 3)[:2]

    def swap(sql: Callable[..., list[Any]]) -> None:
        ((a,),) = sql("SELECT state FROM stored_events WHERE notification_id = ?", first)
        ((b,),) = sql("SELECT state FROM stored_events WHERE notification_id = ?", second)
        sql("UPDATE stored_events SET state = ? WHERE notification_id = ?", bytes(b), first)
        sql("UPDATE stored_events SET state = ? WHERE notification_id = ?", bytes(a), second)

    result = _tamper_and_verify(store_spec, swap)
    assert result.exit_code == 1
    assert f"position {first}: does not match the chain" in result.output


def test_truncated_log_is_found_with_the_head(session: Session, store_spec: StoreSpec) -> None:
    """Cutting the last events and their chain rows passes plain verify but fails against the head kept earlier."""
    positions = appended(session, 3)
    head = head_of(cli(store_spec, "verify"))
    cut = positions[0]

    def truncate(sql: Callable[..., list[Any]]) -> None:
        sql("DELETE FROM stored_events WHERE notification_id > ?", cut)
        sql("DELETE FROM event_chain WHERE last_position > ?", cut)

    assert _tamper_and_verify(store_spec, truncate).exit_code == 0
    result = cli(store_spec, "verify", "--head", head)
    assert result.exit_code == 1
    assert "cut short" in result.output
    assert cli(store_spec, "verify", "--head", f"{cut}:{'0' * 64}").exit_code == 1
    assert cli(store_spec, "verify", "--head", "nonsense").exit_code == 2


def test_head_given_matches_an_untouched_log(session: Session, store_spec: StoreSpec) -> None:
    """A head kept earlier still matches after more appends (the log only grew)."""
    appended(session, 1)
    head = head_of(cli(store_spec, "verify"))
    appended(session, 2)
    assert cli(store_spec, "verify", "--head", head).exit_code == 0


def test_keyed_chain_needs_its_key(
    make_session: Callable[..., Session], store_spec: StoreSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With TRACKER_LOG_KEY the chain is an HMAC: verify without it, or with another key, fails clearly."""
    monkeypatch.setenv("TRACKER_LOG_KEY", "k1-secret")
    s = make_session(create=True)
    s.init()
    appended(s, 1)
    assert s.verify()["ok"]
    assert cli(store_spec, "verify", env={"TRACKER_LOG_KEY": "k1-secret"}).exit_code == 0
    monkeypatch.delenv("TRACKER_LOG_KEY")
    without = cli(store_spec, "verify")
    assert without.exit_code == 1 and "set TRACKER_LOG_KEY" in without.output
    other = cli(store_spec, "verify", env={"TRACKER_LOG_KEY": "k2"})
    assert other.exit_code == 1 and "not the key the chain was made with" in other.output
    # A writer without the key may not extend a keyed chain: nothing is appended.
    before = s.store.max_position()
    refused = cli(store_spec, "append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12",
                  "--source", "https://example.org/unkeyed")  # fmt: skip
    assert refused.exit_code == 1 and "TRACKER_LOG_KEY" in refused.output
    assert s.store.max_position() == before


def test_plain_chain_fails_when_a_key_is_expected(session: Session, store_spec: StoreSpec) -> None:
    """A plain-hash chain checked with TRACKER_LOG_KEY set fails: a keyed chain may have been replaced by it."""
    result = cli(store_spec, "verify", env={"TRACKER_LOG_KEY": "k1"})
    assert result.exit_code == 1 and "not keyed" in result.output


def test_unsealed_store_is_told_and_sealed(session: Session, store_spec: StoreSpec) -> None:
    """A store whose chain was emptied (as one made before the chain) verifies with a note; --seal starts the chain."""
    appended(session, 2)
    with raw(store_spec) as sql:
        sql("DELETE FROM event_chain")
    unsealed = cli(store_spec, "verify")
    assert unsealed.exit_code == 0 and "verify --seal" in unsealed.output
    assert session.verify()["sealed"] is False
    # Appends to an unsealed store leave it unsealed (they do not start a chain halfway).
    appended(session, 1)
    assert session.verify()["sealed"] is False
    against_head = cli(store_spec, "verify", "--head", f"1:{'0' * 64}")
    assert against_head.exit_code == 1 and "no chain (unsealed)" in against_head.output
    sealed = cli(store_spec, "verify", "--seal")
    assert sealed.exit_code == 0 and "sealed" in sealed.output
    assert cli(store_spec, "verify", "--seal").exit_code == 2
    appended(session, 1)
    result = session.verify()
    assert result["ok"] and result["sealed"] and result["head"]["position"] == session.store.max_position()


def test_store_without_chain_table_still_takes_writes(session: Session, store_spec: StoreSpec) -> None:
    """A store made before the chain table existed (table dropped) takes appends and can be sealed."""
    appended(session, 1)
    with raw(store_spec) as sql:
        sql("DROP TABLE event_chain")
    fresh = open_session(store_spec.url, str(store_spec.views))
    try:
        fresh.append([fact(7)])
        assert fresh.verify()["sealed"] is False
        fresh.seal()
        assert fresh.verify()["ok"] and fresh.verify()["sealed"]
    finally:
        fresh.close()


def test_edit_inside_a_bulk_append_is_named(session: Session, store_spec: StoreSpec, tmp_path: Path) -> None:
    """An event edited in the middle of a 1,500-fact append (one checkpoint of many events) is named by its position."""
    start = session.store.max_position()
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(json.dumps(fact(n)) + "\n" for n in range(5000, 6500)))
    assert cli(store_spec, "append", "--file", str(facts)).exit_code == 0
    target = start + 1234

    _edit_fails_verify_at(store_spec, target)


@pytest.mark.postgres
def test_least_privileged_writer_extends_the_chain(pg_url: str, tmp_path: Path, clock: Any) -> None:
    """A role with only SELECT and INSERT (no CREATE on the schema) appends and extends the chain;
    on a store whose chain table is missing its appends go in unchained instead of failing."""
    import uuid

    import psycopg

    schema = parse_qs(urlsplit(pg_url).query)["schema"][0]
    role = f"h1app_{uuid.uuid4().hex[:8]}"
    owner = open_session(pg_url, str(tmp_path / "owner-views"), create=True, now=clock)
    try:
        owner.init()
    finally:
        owner.close()
    with psycopg.connect(PG_DSN, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN")
        admin.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
        admin.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        admin.execute(f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {schema} TO {role}")
        admin.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
        # The events table lock (as ops/postgres/setup.sql grants it): MAINTAIN from PostgreSQL 17, else UPDATE.
        row = admin.execute("SELECT current_setting('server_version_num')::int >= 170000").fetchone()
        admin.execute(f"GRANT {'MAINTAIN' if row and row[0] else 'UPDATE'} ON {schema}.tracker_events TO {role}")
    app_url = pg_url.replace("postgresql://postgres@", f"postgresql://{role}@")
    try:
        s = open_session(app_url, str(tmp_path / "app-views"), now=clock)
        try:
            s.append([fact(next(_numbers))])
            result = s.verify()
            assert result["ok"] and result["sealed"], result["problems"]
            assert result["head"]["position"] == s.store.max_position()
        finally:
            s.close()
        with psycopg.connect(PG_DSN, autocommit=True) as admin:
            admin.execute(f"DROP TABLE {schema}.event_chain")
        s = open_session(app_url, str(tmp_path / "app-views"), now=clock)
        try:
            s.append([fact(next(_numbers))])
            assert s.verify()["sealed"] is False
        finally:
            s.close()
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as admin:
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE {role}")


def _edit_fails_verify_at(store_spec: StoreSpec, target: int) -> None:
    """Edit the state at position target in place (still valid JSON, so only the chain sees it): verify names it."""

    def edit(sql: Callable[..., list[Any]]) -> None:
        ((state,),) = sql("SELECT state FROM stored_events WHERE notification_id = ?", target)
        sql("UPDATE stored_events SET state = ? WHERE notification_id = ?", bytes(state)[:-1] + b" }", target)

    result = _tamper_and_verify(store_spec, edit)
    assert result.exit_code == 1
    assert f"position {target}: does not match the chain" in result.output
