"""Encryption at rest: event payloads encrypted with TRACKER_CIPHER_KEY, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import PG_DSN, StoreSpec
from tracker.errors import UsageError
from tracker.store import locate, open_log
from tracker.store.cipher import KEY_VARIABLE, check_cipher, cipher_env, new_key

FACT = ["append", "call", "-a", "Lloyd Austin", "-a", "董军", "--on", "2024-04-16",
        "--source", "https://www.reuters.com/secret-talks", "--outlet", "Reuters"]  # fmt: skip


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Runs tracker in this process with open_log followed by check_cipher, the call open_log is to make."""
    import tracker.session
    from tracker.cli import app

    real_open_log = tracker.session.open_log

    def open_log_checked(*args: Any, **kwargs: Any) -> Any:
        log = real_open_log(*args, **kwargs)
        try:
            check_cipher(log)
        except BaseException:
            log.close()
            raise
        return log

    monkeypatch.setattr(tracker.session, "open_log", open_log_checked)
    for name in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG", KEY_VARIABLE, "CIPHER_KEY"):
        monkeypatch.delenv(name, raising=False)

    def run(spec: StoreSpec, *args: str, key: str | None = None) -> Result:
        env = {"NO_COLOR": "1", KEY_VARIABLE: key}
        return CliRunner().invoke(app, [*args, *spec.args()], env=env)

    yield run


def stored_states(spec: StoreSpec) -> list[bytes]:
    """The raw state column of every stored event, read past tracker."""
    if spec.backend == "sqlite":
        with sqlite3.connect(f"{spec.url}/events.db") as c:
            return [bytes(r[0]) for r in c.execute("SELECT state FROM stored_events ORDER BY rowid")]
    import psycopg

    schema = parse_qs(urlsplit(spec.url).query)["schema"][0]
    with psycopg.connect(PG_DSN) as conn:
        rows = conn.execute(f'SELECT state FROM "{schema}".tracker_events ORDER BY notification_id').fetchall()
    return [bytes(r[0]) for r in rows]


def parses_as_json(state: bytes) -> bool:
    try:
        json.loads(state)
    except ValueError:
        return False
    return True


def one_error_line(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_encrypted_store_works_with_its_key(store_spec: StoreSpec, cli: Any) -> None:
    """With the key every command works as usual, and no payload is stored in clear."""
    key = new_key()
    assert cli(store_spec, "init", key=key).exit_code == 0
    assert cli(store_spec, *FACT, key=key).exit_code == 0
    status = cli(store_spec, "status", "--as-of", "2024-12-31", "--format", "json", key=key)
    assert status.exit_code == 0, status.output
    assert "https://www.reuters.com/secret-talks" in status.output
    verify = cli(store_spec, "verify", key=key)
    assert verify.exit_code == 0 and verify.output.startswith("ok:"), verify.output
    exported = cli(store_spec, "export", key=key)
    assert exported.exit_code == 0 and "secret-talks" in exported.output
    states = stored_states(store_spec)
    assert len(states) > 100
    assert not any(b"secret-talks" in s or b"Lloyd" in s or parses_as_json(s) for s in states)


def test_encrypted_store_without_the_key_refuses_in_one_line(store_spec: StoreSpec, cli: Any) -> None:
    """Without the key, reading and verifying an encrypted store exit 2 with one line naming the variable."""
    key = new_key()
    assert cli(store_spec, "init", key=key).exit_code == 0
    before = len(stored_states(store_spec))
    for command in (["status"], ["verify"], ["export"], FACT):
        result = cli(store_spec, *command)
        assert result.exit_code == 2, (command, result.output)
        assert f"set {KEY_VARIABLE}" in one_error_line(result)
    wrong = cli(store_spec, "status", key=new_key())
    assert wrong.exit_code == 2
    assert "does not decrypt" in one_error_line(wrong)
    assert len(stored_states(store_spec)) == before  # nothing appended


def test_key_for_a_plain_store_is_refused(store_spec: StoreSpec, cli: Any) -> None:
    """A key given for a store whose events are not encrypted is refused, so the store never half needs a key."""
    assert cli(store_spec, "init").exit_code == 0
    before = stored_states(store_spec)
    result = cli(store_spec, *FACT, key=new_key())
    assert result.exit_code == 2
    assert "not encrypted" in one_error_line(result)
    assert stored_states(store_spec) == before
    assert cli(store_spec, "status").exit_code == 0


def test_export_then_import_encrypts_an_existing_store(make_store: Any, cli: Any, tmp_path: Any) -> None:
    """The documented way to encrypt a plain store: export it, import into a new store with the key; same events."""
    plain, encrypted = make_store("plain"), make_store("encrypted")
    assert cli(plain, "init").exit_code == 0
    assert cli(plain, *FACT).exit_code == 0
    exported = cli(plain, "export")
    dump = tmp_path / "plain.jsonl"
    dump.write_text(exported.output, encoding="utf-8")
    key = new_key()
    imported = cli(encrypted, "import", str(dump), key=key)
    assert imported.exit_code == 0, imported.output
    assert cli(encrypted, "export", key=key).output == exported.output
    assert not any(parses_as_json(s) for s in stored_states(encrypted))


def test_a_malformed_key_is_a_usage_error(store_spec: StoreSpec, cli: Any) -> None:
    """A key that is not 16, 24 or 32 bytes of base64 exits 2 and says how to make one."""
    for bad in ("not-a-key", "c2hvcnQ="):
        result = cli(store_spec, "init", key=bad)
        assert result.exit_code == 2
        line = one_error_line(result)
        assert "create_key" in line and bad not in line


def test_check_cipher_on_the_library(store_spec: StoreSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    """check_cipher passes an empty store either way and refuses an encrypted one opened without its key."""
    monkeypatch.setenv(KEY_VARIABLE, new_key())
    session = store_spec.open(create=True)
    try:
        check_cipher(session.store)  # empty: the key is taken
        session.init()
        check_cipher(session.store)
    finally:
        session.close()
    monkeypatch.delenv(KEY_VARIABLE)
    with pytest.raises(UsageError, match=KEY_VARIABLE):
        # open_log itself refuses once it calls check_cipher; until then check_cipher does.
        log = open_log(locate(store_spec.url, str(store_spec.views)))
        try:
            check_cipher(log)
        finally:
            log.close()


def test_stray_cipher_key_variable_does_not_switch_encryption_on() -> None:
    """eventsourcing's own CIPHER_KEY variable is neutralised; only TRACKER_CIPHER_KEY turns encryption on."""
    assert cipher_env({"CIPHER_KEY": new_key()}) == {"CIPHER_TOPIC": "", "CIPHER_KEY": ""}
    key = new_key(16)
    assert cipher_env({KEY_VARIABLE: key}) == {"CIPHER_TOPIC": "eventsourcing.cipher:AESCipher", "CIPHER_KEY": key}


def test_open_log_itself_refuses_an_encrypted_store_without_its_key(tmp_path: Any) -> None:
    """The installed command, with no test wiring, refuses an encrypted store without its key in one line, exit 2."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    store = str(tmp_path / "store")
    cmd = [sys.executable, "-m", "tracker.cli"]
    init = subprocess.run([*cmd, "init", "--store", store], env={**env, KEY_VARIABLE: new_key()}, capture_output=True)
    assert init.returncode == 0
    result = subprocess.run([*cmd, "status", "--store", store], env=env, capture_output=True, text=True)
    assert result.returncode == 2 and KEY_VARIABLE in result.stderr, result.stderr


def test_history_of_an_encrypted_fact(store_spec: StoreSpec, cli: Any) -> None:
    """`tracker history` decrypts each event of the fact with the key."""
    key = new_key()
    assert cli(store_spec, "init", key=key).exit_code == 0
    appended = cli(store_spec, *FACT, key=key)
    fact_id = appended.output.split()[-1]
    history = cli(store_spec, "history", fact_id, key=key)
    assert history.exit_code == 0, history.output
    assert "secret-talks" in history.output
