"""Events stored in an older shape still read: InteractionCorroborated version 1 had no account."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from tracker.session import Session

REUTERS = {"url": "https://www.reuters.com/a", "outlet": "Reuters", "language": "en"}
DW = {"url": "https://www.dw.com/zh/a", "outlet": "DW", "language": "zh"}
AP = {"url": "https://apnews.com/a", "outlet": "AP", "language": "en"}
MEETING = {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
           "source": REUTERS}  # fmt: skip


def _store_version_1_corroboration(session: Session, fact_id: str) -> None:
    """Append a corroboration as version 1 stored it: no account, no class_version."""
    from events.interaction import Interaction

    event = Interaction.InteractionCorroborated(  # type: ignore[call-arg]
        originator_id=UUID(fact_id),
        originator_version=2,
        timestamp=session.now(),
        source={**DW, "published_at": None, "retrieved_at": None, "title": None, "quote": None, "derived_from": None},
        account={"occurred_on": "2023-07-12"},
    )
    stored = session.store.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    del state["account"]
    old = StoredEvent(stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode())
    session.store.recorder.insert_events([old])


def test_a_version_1_corroboration_reads_everywhere(session: Session) -> None:
    """Read models, the aggregate, export and import all take the old shape, upcast to no account."""
    fact = session.append([dict(MEETING)])[0].fact_id
    _store_version_1_corroboration(session, fact)
    [meeting] = session.status(as_of="2023-07-31")["interactions"]
    assert [s["url"] for s in meeting["sources"]] == [REUTERS["url"], DW["url"]]
    assert "account" not in meeting["sources"][1]
    # The ledger replays the aggregate through the library's upcaster to decide on a third report.
    assert session.append([{**MEETING, "source": AP}])[0].action == "corroborated"
    out = io.StringIO()
    session.export(out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    old = next(x for x in lines if x["type"] == "InteractionCorroborated" and x["data"]["source"]["url"] == DW["url"])
    assert "account" not in old["data"]
    assert session.verify()["ok"]


def test_an_export_in_the_old_shape_imports(
    session: Session, make_store: Callable[[str], Any], make_session: Callable[..., Session]
) -> None:
    """An export holding a version 1 corroboration imports into a new store, which reads it without an account."""
    fact = session.append([dict(MEETING)])[0].fact_id
    _store_version_1_corroboration(session, fact)
    out = io.StringIO()
    session.export(out)
    assert any(
        json.loads(line)["type"] == "InteractionCorroborated" and "account" not in json.loads(line)["data"]
        for line in out.getvalue().splitlines()
    )
    copy = make_session(make_store("copy"), create=True)
    result = copy.import_(out.getvalue())
    assert result["imported"] == result["read"] == session.store.max_position()
    [meeting] = copy.status(as_of="2023-07-31")["interactions"]
    assert [s["url"] for s in meeting["sources"]] == [REUTERS["url"], DW["url"]]
    assert "account" not in meeting["sources"][1]
    assert copy.append([{**MEETING, "source": AP}])[0].action == "corroborated"
