"""Restore (from a backup or an export) and copy (SQLite <-> PostgreSQL) reproduce a log exactly (issue 11)."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import StoreSpec, new_store
from tracker.cli import app
from tracker.session import Session


def fact(n: int) -> dict[str, Any]:
    return {"kind": "call", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": f"2023-05-{1 + n % 28:02d}",
            "source": {"url": f"https://example.org/move/{n}", "outlet": "Test", "language": "en"}}  # fmt: skip


def filled(session: Session) -> Session:
    session.append([fact(n) for n in range(5)])
    session.append([fact(9)])
    session.correct(session.timeline()[0]["id"], {"summary": "corrected"}, "typo", {"url": "https://example.org/fix"})
    return session


def exported(s: Session) -> str:
    out = io.StringIO()
    s.export(out)
    return out.getvalue()


def stable_status(s: Session) -> dict[str, Any]:
    status = s.status(as_of="2023-12-31")
    status.pop("generated_at")
    return status


def head(s: Session) -> Any:
    result = s.verify()
    assert result["ok"], result["problems"]
    return result["head"]


def test_restore_from_backup_and_export_round_trips(
    session: Session, make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session], tmp_path: Path
) -> None:
    """A backup and an export each restore into an empty store as the same events and the same head."""
    filled(session)
    backup = session.backup(tmp_path / "backup.db")
    export = tmp_path / "log.jsonl"
    export.write_text(exported(session), encoding="utf-8")
    for name, source in (("from-backup", Path(backup["path"])), ("from-export", export)):
        target = make_session(make_store(name), create=True)
        result = target.restore(source)
        assert result["events"] == session.store.max_position()
        assert exported(target) == exported(session), name
        assert head(target) == head(session), name
        assert stable_status(target) == stable_status(session), name


def test_restore_refuses_a_store_with_events(session: Session, store_spec: StoreSpec, tmp_path: Path) -> None:
    """restore into a store that has events exits 2 and changes nothing."""
    filled(session)
    backup = session.backup(tmp_path / "b.db")["path"]
    before = exported(session)
    result = CliRunner().invoke(app, ["restore", backup, *store_spec.args()], env={"NO_COLOR": "1"})
    assert result.exit_code == 2 and "not empty" in result.output
    assert exported(session) == before


def test_restore_of_a_bad_export_leaves_the_store_empty(
    make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session], session: Session, tmp_path: Path
) -> None:
    """An export whose last line is broken is refused (exit 2) and nothing of it is stored."""
    filled(session)
    lines = exported(session).splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*lines[:-1], '{"position": 1}']) + "\n", encoding="utf-8")
    spec = make_store("target")
    result = CliRunner().invoke(app, ["restore", str(bad), *spec.args()], env={"NO_COLOR": "1"})
    assert result.exit_code == 2, result.output
    target = make_session(spec)
    assert target.store.max_position() == 0


@pytest.fixture
def both(tmp_path: Path, clock: Any) -> Iterator[tuple[StoreSpec, StoreSpec]]:
    """An SQLite store and a PostgreSQL schema, both not made yet."""
    with new_store("sqlite", tmp_path / "lite") as lite, new_store("postgres", tmp_path / "pg") as pg:
        yield lite, pg


@pytest.mark.postgres
@pytest.mark.parametrize("direction", ["sqlite-to-postgres", "postgres-to-sqlite"])
def test_copy_moves_a_whole_store(both: tuple[StoreSpec, StoreSpec], direction: str, clock: Any) -> None:
    """copy --to gives the same status (minus generated_at), export and head on the other backend."""
    source_spec, target_spec = both if direction == "sqlite-to-postgres" else both[::-1]
    source = source_spec.open(create=True, now=clock)
    try:
        source.init()
        filled(source)
        result = CliRunner().invoke(app, ["copy", "--to", target_spec.url, *source_spec.args()], env={"NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        target = target_spec.open(now=clock)
        try:
            assert exported(target) == exported(source)
            assert head(target) == head(source)
            assert f"{head(source)['position']}:{head(source)['hash']}" in result.output
            assert stable_status(target) == stable_status(source)
        finally:
            target.close()
    finally:
        source.close()


@pytest.mark.postgres
def test_failed_copy_leaves_the_target_empty(
    both: tuple[StoreSpec, StoreSpec], clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy that fails halfway (the source read breaks) leaves the target with no events and no chain;
    a copy into a store that has events is refused."""
    import tracker.store.move as move

    lite, pg = both
    source = lite.open(create=True, now=clock)
    try:
        source.init()
        real = move.log_source

        def breaking(log: Any) -> Any:
            @contextmanager
            def cm() -> Iterator[Any]:
                with real(log) as (rows, checkpoints):

                    def broken() -> Iterator[Any]:
                        for n, row in enumerate(rows):
                            if n == 100:
                                raise OSError("disk went away")
                            yield row

                    yield broken(), checkpoints

            return cm()

        monkeypatch.setattr(move, "log_source", breaking)
        with pytest.raises(OSError):
            source.copy(pg.url)
        monkeypatch.setattr(move, "log_source", real)
        target = pg.open(now=clock)
        try:
            assert target.store.max_position() == 0
            assert target.store.check_chain()["sealed"] is False  # no checkpoint rows either
            target.init()
        finally:
            target.close()
        result = CliRunner().invoke(app, ["copy", "--to", pg.url, *lite.args()], env={"NO_COLOR": "1"})
        assert result.exit_code == 2 and "not empty" in result.output
    finally:
        source.close()


def test_backup_is_consistent_while_writers_append(
    session: Session, make_store: Callable[[str], StoreSpec], make_session: Callable[..., Session], tmp_path: Path,
    store_spec: StoreSpec,
) -> None:  # fmt: skip
    """A backup taken while another session appends restores to a log that verifies (a whole prefix of transactions)."""
    with appending_meanwhile(store_spec, tmp_path, first=100):
        backups = [session.backup(tmp_path / f"b{n}.db") for n in range(3)]
    for n, b in enumerate(backups):
        target = make_session(make_store(f"r{n}"), create=True)
        target.restore(Path(b["path"]))
        result = target.verify()
        assert result["ok"] and result["events"] == b["events"], result["problems"]


def test_export_lines_keep_the_stored_key_order(session: Session) -> None:
    """The export keeps each event's data in stored order (what lets a restore from it give the same bytes)."""
    filled(session)
    first = json.loads(exported(session).splitlines()[-1])
    assert list(first) == ["position", "aggregate_id", "version", "type", "recorded_at", "data"]


@pytest.mark.postgres
@pytest.mark.parametrize("direction", ["sqlite-to-postgres", "postgres-to-sqlite"])
def test_copy_is_consistent_while_writers_append(
    both: tuple[StoreSpec, StoreSpec], direction: str, clock: Any, tmp_path: Path
) -> None:
    """A copy taken while another session appends to the source is a whole prefix of it that verifies."""
    source_spec, target_spec = both if direction == "sqlite-to-postgres" else both[::-1]
    source = source_spec.open(create=True, now=clock)
    try:
        source.init()
        with appending_meanwhile(source_spec, tmp_path, first=200):
            copied = source.copy(target_spec.url)
        target = target_spec.open(now=clock)
        try:
            result = target.verify()
            assert result["ok"] and result["events"] == copied["events"], result["problems"]
            assert result["head"] == copied["head"]
        finally:
            target.close()
    finally:
        source.close()


@contextmanager
def appending_meanwhile(spec: StoreSpec, tmp_path: Path, *, first: int) -> Iterator[None]:
    """Another session appends one fact at a time to the store for as long as the block runs; its errors fail the test."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        s = spec.open(views=tmp_path / "writer-views")
        try:
            n = first
            while not stop.is_set():
                s.append([fact(n)])
                n += 1
        except BaseException as e:
            errors.append(e)
        finally:
            s.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors
