"""The read-model file is documented: every table and column has a description."""

from __future__ import annotations

import json
from importlib import resources

from tracker.views import Views


def test_every_table_and_column_is_described() -> None:
    """The Datasette metadata shipped with the package covers the whole schema, and nothing else."""
    meta = json.loads(resources.files("tracker.data").joinpath("views-metadata.json").read_text(encoding="utf-8"))
    described = meta["databases"]["views"]["tables"]
    views = Views(":memory:")
    tables = [r[0] for r in views.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    assert sorted(described) == tables
    for table in tables:
        columns = [r[1] for r in views.conn.execute(f"PRAGMA table_info({table})")]
        assert sorted(described[table]["columns"]) == sorted(columns), table
        assert described[table]["description"]


def test_every_table_has_a_primary_key() -> None:
    """Each table has a primary key, so sqlite3 and Datasette can address rows (a full-text index has its rowid)."""
    views = Views(":memory:")
    for (table,) in views.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ):
        assert any(r[5] for r in views.conn.execute(f"PRAGMA table_info({table})")), table
