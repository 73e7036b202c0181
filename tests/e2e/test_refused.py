"""Bad input at the command line (issue 8): one line on stderr, exit 2, nothing appended, no
traceback; read-only stores can be read; PostgreSQL setup errors name their cause."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_DSN, fresh_schema, require_postgres
from tracker.session import open_session

TRACKER = [sys.executable, "-m", "tracker.cli"]
ROOT = Path(__file__).resolve().parents[2]
SOURCE = "https://www.reuters.com/x"
# Root ignores file permissions through these capabilities; without them it obeys the mode bits.
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable", "--"]


def run(*args: str, cwd: Path | None = None, drop: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_STORE", "TRACKER_VIEWS", "TRACKER_DEBUG")}
    env["NO_COLOR"] = "1"
    cmd = [*(NO_OVERRIDE if drop else []), *TRACKER, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, cwd=cwd)


def position(store: Path) -> int:
    s = open_session(str(store))
    try:
        return s.store.max_position()
    finally:
        s.close()


def assert_refused(result: subprocess.CompletedProcess[str], *words: str, code: int = 2) -> None:
    """Exit code 2 (or code), one line on stderr containing the words, no traceback."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An initialised SQLite store holding one meeting."""
    folder = tmp_path_factory.mktemp("refused") / "store"
    assert run("init", "--store", str(folder)).returncode == 0
    added = run("append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "2023-07-12", "--source", SOURCE,
                "--summary", "met at the Pentagon", "--store", str(folder))  # fmt: skip
    assert added.returncode == 0, added.stderr
    return folder


def test_other_url_schemes_are_refused_without_creating_folders(tmp_path: Path) -> None:
    """`init --store mysql://…` and `postgresql+psycopg://…` exit 2 naming what is accepted, create nothing, hide the password."""
    for url in ("mysql://root:s3cret@host/db", "postgresql+psycopg://postgres:s3cret@127.0.0.1/test"):
        result = run("init", "--store", url, cwd=tmp_path)
        assert_refused(result, "postgresql://")
        assert "s3cret" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["append", "meeting", "-a", "Xie Feng", "-a", "Ely Ratner", "--on", "9999-12-31", "--source", SOURCE],
        ["append", "meeting", "-a", "Xie Feng", "-a", "谢锋", "--on", "2023-08-01", "--source", SOURCE],
        ["append", "statement", "-a", "Xie Feng", "--on", "2023-08-01", "--summary", "  ", "--source", SOURCE],
        ["append", "statement", "-a", "Xie Feng", "--on", "2023-08-01", "--source", "https://-/x"],
        ["append", "statement", "-a", " ", "--on", "2023-08-01", "--source", SOURCE, "--new-actor"],
    ],
)
def test_bad_facts_exit_2_and_append_nothing(store: Path, args: list[str]) -> None:
    """A far-future date, a one-person meeting, a blank summary, a hostless source or a blank actor: exit 2, log unmoved."""
    before = position(store)
    assert_refused(run(*args, "--store", str(store)))
    assert position(store) == before


def test_a_megabyte_summary_in_a_file_is_refused(store: Path, tmp_path: Path) -> None:
    """A 1 MB summary in `append --file` exits 2 giving the limit, and nothing is appended."""
    facts = tmp_path / "facts.jsonl"
    line = {"kind": "statement", "participants": ["Xie Feng"], "occurred_on": "2023-08-02", "source": SOURCE,
            "summary": "x" * 1_000_000}  # fmt: skip
    facts.write_text(json.dumps(line) + "\n")
    before = position(store)
    assert_refused(run("append", "--file", str(facts), "--store", str(store)), "2,000")
    assert position(store) == before


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "9999-12-31"],
        ["status", "--since", "0001-01-01"],
        ["status", "--known-at", "9999-12-31T00:00:00"],
        ["status", "--changes-since", "9999-12-31"],
        ["timeline", "--until", "9999-12-31"],
    ],
)
def test_far_dates_in_reads_exit_2(store: Path, args: list[str]) -> None:
    """Reading options with dates outside 1600–2200 exit 2 with the range."""
    assert_refused(run(*args, "--store", str(store)), "1600", "2200")


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["status", "--dyad", "XXX-YYY"], "XXX"),
        (["timeline", "--dyad", "XXX-YYY"], "XXX"),
        (["channels", "list", "--dyad", "XXX-YYY"], "XXX"),
        (["timeline", "--kind", "foo"], "foo"),
    ],
)
def test_unknown_dyads_and_kinds_exit_2(store: Path, args: list[str], word: str) -> None:
    """A dyad of unregistered states or an unknown timeline kind says so and exits 2 instead of printing nothing."""
    assert_refused(run(*args, "--store", str(store)), word)


@pytest.fixture
def read_only_store(store: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the store made read-only with chmod -R a-w (read by a process run without root's override)."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to run the CLI without root's permission override")
    copy = tmp_path / "snapshot"
    shutil.copytree(store, copy)
    for path in [copy, *copy.iterdir()]:
        path.chmod(path.stat().st_mode & ~0o222)
    yield copy
    for path in [copy, *copy.iterdir()]:
        path.chmod(path.stat().st_mode | 0o200)


def test_a_read_only_store_can_be_read(read_only_store: Path) -> None:
    """status, verify and export work on a read-only folder (views built in memory); nothing is written into it.

    Tests run as root, which writes through file permissions; the CLI runs under setpriv with
    CAP_DAC_OVERRIDE (and its kin) dropped from the bounding set, so root obeys the a-w modes.
    """
    files = sorted(p.name for p in read_only_store.iterdir())
    denied = run("init", "--store", str(read_only_store / "new"), drop=True)
    if denied.returncode == 0:
        pytest.skip("this kernel lets the process write despite a-w without the override capabilities")
    copies = set(Path(tempfile.gettempdir()).glob("tracker-views-*"))
    status = run("status", "--as-of", "2023-07-31", "--format", "json", "--store", str(read_only_store), drop=True)
    assert status.returncode == 0, status.stderr
    assert any(i["summary"] == "met at the Pentagon" for i in json.loads(status.stdout)["interactions"])
    assert "Traceback" not in status.stderr and len(status.stderr.strip().splitlines()) <= 1
    # The read models were copied, not rebuilt from the log, and the copy is gone afterwards.
    assert "copied to a temporary file" in status.stderr
    assert set(Path(tempfile.gettempdir()).glob("tracker-views-*")) == copies
    verify = run("verify", "--store", str(read_only_store), drop=True)
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith("ok:")
    export = run("export", "--store", str(read_only_store), drop=True)
    assert export.returncode == 0, export.stderr
    assert len(export.stdout.splitlines()) == position(read_only_store)
    assert sorted(p.name for p in read_only_store.iterdir()) == files


def test_appending_to_a_read_only_store_fails_in_one_line(read_only_store: Path) -> None:
    """An append to a read-only store exits 1 saying the store is read-only, and appends nothing."""
    before = position(read_only_store)
    result = run("append", "statement", "-a", "Xie Feng", "--on", "2023-08-03", "--source", SOURCE,
                 "--store", str(read_only_store), drop=True)  # fmt: skip
    assert_refused(result, "read-only", code=1)
    assert position(read_only_store) == before


# -- PostgreSQL ---------------------------------------------------------------------------


def _pg_with(password: str = "", database: str | None = None, query: str = "") -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(PG_DSN)
    user = parts.username or "postgres"
    auth = f"{user}:{password}@" if password else f"{user}@"
    db = database if database is not None else parts.path.lstrip("/")
    return f"postgresql://{auth}{parts.hostname}:{parts.port or 5432}/{db}{query}"


def test_init_creates_a_missing_schema(tmp_path: Path) -> None:
    """`init` with ?schema=NAME creates the schema when it does not exist, and status then reads it."""
    require_postgres()
    import psycopg

    schema = f"t_new_{os.getpid()}"
    url = _pg_with(query=f"?schema={schema}")
    try:
        result = run("init", "--store", url, "--views", str(tmp_path / "views"))
        assert result.returncode == 0, result.stderr
        status = run("status", "--format", "json", "--store", url, "--views", str(tmp_path / "views"))
        assert status.returncode == 0, status.stderr
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_a_wrong_database_names_the_cause_and_hides_the_password(tmp_path: Path) -> None:
    """A database that does not exist is named in one line; the URL's password never appears."""
    require_postgres()
    url = _pg_with(password="s3cret-pw", database="no_such_db_xyz")
    for args in (["init"], ["status"]):
        result = run(*args, "--store", url, "--views", str(tmp_path / "views"))
        assert_refused(result, "no_such_db_xyz", "does not exist", code=1)
        assert "s3cret-pw" not in result.stderr + result.stdout


def test_a_refused_connection_is_named(tmp_path: Path) -> None:
    """Nothing listening on the port gives 'connection refused', not a bare timeout."""
    result = run("status", "--store", "postgresql://postgres:pw@127.0.0.1:1/test", "--views", str(tmp_path / "v"))
    assert_refused(result, "refused", code=1)
    assert ":pw@" not in result.stderr


def test_backup_script_dumps_a_postgres_schema(tmp_path: Path) -> None:
    """ops/backup.sh on a ?schema= store with a password runs pg_dump on that schema (query stripped) and keeps the newest N."""
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    with fresh_schema() as url:
        assert run("init", "--store", url, "--views", str(tmp_path / "views")).returncode == 0
        backups = tmp_path / "backups"
        backups.mkdir()
        (backups / "tracker-20200101T000000Z.dump").write_bytes(b"old")
        schema = url.rsplit("schema=", 1)[1]
        with_password = _pg_with(password="s3cret-pw", query=f"?schema={schema}")
        env = {**os.environ, "TRACKER_STORE": with_password}
        result = subprocess.run(["bash", str(ROOT / "ops" / "backup.sh"), str(backups), "1"], env=env,
                                capture_output=True, text=True, timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "s3cret-pw" not in result.stdout + result.stderr
        dumps = list(backups.glob("tracker-*.dump"))
        assert len(dumps) == 1 and dumps[0].name != "tracker-20200101T000000Z.dump"
        listing = subprocess.run(["pg_restore", "--list", str(dumps[0])], capture_output=True, text=True, check=True)
        assert f"TABLE {schema} tracker_events" in listing.stdout
