"""One declaration per event's fields: the classes, the read models and the contract stay in step."""

from __future__ import annotations

import dataclasses
from typing import cast

import events
from events.catalogue import EVENT_FIELDS
from events.commands import ReportInteraction
from events.fields import declared_fields
from events.values import SOURCE_FIELDS
from events.vocab import ACCOUNT_FIELDS, AMENDABLE_FIELDS, SANCTION_AMENDABLE_FIELDS
from tracker.views import Views
from tracker.views.projections import HANDLERS, interactions, sanctions
from tracker.views.status import INTERACTION_KEYS, SOURCE_KEYS


def _columns(table: str) -> list[str]:
    views = Views(":memory:")
    return [r[1] for r in views.conn.execute(f"PRAGMA table_info({table})")]


def test_every_event_class_declares_the_catalogue_fields() -> None:
    """Each event class's fields, in order, are those of events.catalogue, and every stored type is listed."""
    classes = cast("dict[str, type]", events.EVENT_CLASSES)
    assert {name: declared_fields(cls) for name, cls in classes.items()} == EVENT_FIELDS


def test_every_event_type_a_projection_handles_exists() -> None:
    """Projections handle only event types that the catalogue declares."""
    assert set(HANDLERS) <= set(EVENT_FIELDS)


def test_the_interactions_table_has_a_column_per_reported_field() -> None:
    """The interactions table is the reported event's fields plus bookkeeping; amendable fields are columns."""
    columns = _columns("interactions")
    assert columns[0] == "id"
    assert set(columns) - {"id"} - set(interactions.FACT_COLUMNS) == {
        "retracted",
        "retraction_reason",
        "recorded_at",
        "updated_at",
    }
    assert set(AMENDABLE_FIELDS) <= set(interactions.FACT_COLUMNS)
    assert set(EVENT_FIELDS["InteractionReported"]) - set(interactions.FACT_COLUMNS) == {"participants", "source"}


def test_the_sanctions_table_has_a_column_per_imposed_field() -> None:
    """The sanctions table is the imposed event's fields plus bookkeeping; amendable fields are columns but one."""
    columns = _columns("sanctions")
    assert set(columns) - {"id"} - set(sanctions.FACT_COLUMNS) == {
        "lifted_on",
        "retracted",
        "recorded_at",
        "updated_at",
    }
    # program_name corrects how the program is called; the program's key (part of the id) never changes.
    assert set(SANCTION_AMENDABLE_FIELDS) - set(sanctions.FACT_COLUMNS) == {"program_name"}


def test_source_tables_keep_the_source_fields() -> None:
    """The source tables hold the source fields the projections say they keep, and the contract's source keys."""
    for table, key, kept in (
        ("interaction_sources", "interaction_id", interactions.SOURCE_COLUMNS),
        ("sanction_sources", "sanction_id", sanctions.SOURCE_COLUMNS),
    ):
        columns = set(_columns(table))
        accounts = set(interactions.ACCOUNT_COLUMNS) if table == "interaction_sources" else set()
        assert set(kept) <= columns <= {*SOURCE_FIELDS, key, "event", "recorded_at", *accounts}
        assert accounts <= columns
        assert set(SOURCE_KEYS) <= set(kept), table


def test_each_account_field_has_a_source_column() -> None:
    """What a report said (ACCOUNT_FIELDS) is kept beside its source, a said_ column a field."""
    assert tuple(f"said_{f}" for f in ACCOUNT_FIELDS) == interactions.ACCOUNT_COLUMNS
    assert set(ACCOUNT_FIELDS) <= set(EVENT_FIELDS["InteractionReported"])


def test_the_contract_keys_are_columns() -> None:
    """Every key of an interaction in the JSON contract is a column, or built from its own table."""
    assert set(INTERACTION_KEYS) - set(_columns("interactions")) == {
        "participants",
        "location_name",
        "sources",
        "disputed",
    }


def test_a_report_command_carries_every_field_the_decision_does_not_compute() -> None:
    """decide() copies each reported field from the command but the codes and the first source, which it computes."""
    command_fields = {f.name for f in dataclasses.fields(ReportInteraction)}
    assert set(EVENT_FIELDS["InteractionReported"]) - command_fields == {
        "cameo",
        "goldstein",
        "plover",
        "codebook",
        "source",
    }
