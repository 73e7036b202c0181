"""The rebuild's plan (tracker.views.bulk): reported interactions staged as one row each, expanded only when needed."""

from __future__ import annotations

from typing import Any

from tracker.records import Record
from tracker.views import bulk
from tracker.views.database import plan as catch_up_plan
from tracker.views.projections import channels, interactions, sanctions, timeline

SOURCE = {"url": "https://example.org/1", "outlet": "X", "language": "en"}


def _reported(position: int) -> Record:
    data: dict[str, Any] = {
        "kind": "meeting", "status": "occurred", "participants": ["a", "b"], "initiator": None, "recipient": None,
        "dyad": "CHN-USA", "occurred_on": "2023-01-01", "precision": "day", "until": None, "location": None,
        "channel": None, "summary": None, "cameo": "040", "goldstein": 1.0, "plover": None, "codebook": None,
        "source": SOURCE,
    }  # fmt: skip
    return Record(position, f"id-{position}", 1, "InteractionReported", "2024-01-01T00:00:00+00:00", data)


def _actor(position: int) -> Record:
    data = {"slug": f"a{position}", "kind": "person", "state": "USA", "names": {"en": "A"}, "aliases": []}
    return Record(position, f"actor-{position}", 1, "ActorRegistered", "2024-01-01T00:00:00+00:00", data)


def _corroborated(position: int) -> Record:
    data = {"source": SOURCE, "account": None}
    return Record(position, "id-1", 2, "InteractionCorroborated", "2024-01-01T00:00:00+00:00", data)


def _kinds(steps: bulk.Plan) -> list[str]:
    expanding = (*bulk.EXPAND, *bulk.expand_rekeyed())
    return ["expand" if sql in expanding else ("stage" if "temp.staged" in sql else "other") for _, sql, _ in steps]


def test_independent_events_do_not_interrupt_the_staging() -> None:
    """Reports around an actor's registration are staged in one insert, expanded later (at the end of the build)."""
    steps = bulk.Planner(catch_up_plan)([_reported(1), _actor(2), _reported(3)])
    assert _kinds(steps).count("stage") == 1
    assert "expand" not in _kinds(steps)
    assert len(steps[-1][2]) == 2


def test_an_event_reading_the_tables_finds_the_staged_rows_expanded() -> None:
    """A corroboration comes after the expansion of what was staged before it, in this batch or an earlier one."""
    kinds = _kinds(bulk.Planner(catch_up_plan)([_reported(1), _corroborated(2)]))
    assert kinds[: 1 + len(bulk.EXPAND)] == ["stage", *["expand"] * len(bulk.EXPAND)]
    assert kinds[-1] == "other"
    # A batch starting with the corroboration: the rows staged by the batch before are expanded first.
    planner = bulk.Planner(catch_up_plan)
    assert "expand" not in _kinds(planner([_reported(1)]))
    assert _kinds(planner([_corroborated(2)])) == [*["expand"] * len(bulk.EXPAND), "other", "other"]
    # Nothing staged, nothing to expand.
    assert _kinds(planner([_corroborated(3)])) == ["other", "other"]


def test_staged_rows_are_expanded_in_pieces() -> None:
    """Rows are expanded once as many as `every` wait, at the end of the batch that reached it (rebuilding the keys)."""
    planner = bulk.Planner(catch_up_plan, every=3)
    assert "expand" not in _kinds(planner([_reported(1), _reported(2)]))
    steps = planner([_reported(3), _reported(4)])
    assert _kinds(steps) == ["stage", *["expand"] * len(bulk.expand_rekeyed())]
    assert [sql for _, sql, _ in steps[1:]] == list(bulk.expand_rekeyed())
    assert planner.waiting == 0


def test_only_types_apart_from_the_expanded_tables_are_independent() -> None:
    """No type handled by the interactions, channels, sanctions or timeline read models counts as independent."""
    touching = {t for m in (interactions, channels, sanctions, timeline) for t in m.HANDLERS}
    assert not bulk.INDEPENDENT & touching
    assert {"ActorRegistered", "ReportIngested", "FeedSubscribed"} <= bulk.INDEPENDENT


def test_the_expansion_writes_the_rows_of_every_handler_of_a_reported_interaction() -> None:
    """EXPAND mirrors every read model that takes InteractionReported; another one would turn staging off."""
    assert bulk.STAGEABLE
    assert "stage" in _kinds(bulk.Planner(catch_up_plan)([_reported(1)]))
