"""Events stored in an older shape still read: InteractionCorroborated version 1 had no account."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
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


def test_version_1_office_events_read_as_days(session: Session) -> None:
    """OfficeAssumed and OfficeLeft of version 1 had no precision: they read as known to the day."""
    from events import actor_id
    from events.actor import Actor

    aid = actor_id("xie-feng")
    version = max(r.version for r in session.store.read_aggregate(aid))
    source = {**USER_SOURCE_FULL}
    assumed = Actor.OfficeAssumed(  # type: ignore[call-arg]
        originator_id=aid, originator_version=version + 1, timestamp=session.now(), office="Envoy",
        organization=None, state="CHN", since=date(2020, 1, 1), precision="day", source=source,
    )  # fmt: skip
    left = Actor.OfficeLeft(  # type: ignore[call-arg]
        originator_id=aid, originator_version=version + 2, timestamp=session.now(), office="Envoy",
        until=date(2021, 1, 1), precision="day", source=source,
    )  # fmt: skip
    old = []
    for event in (assumed, left):
        stored = session.store.mapper.to_stored_event(event)
        state = json.loads(stored.state)
        assert state.pop("class_version") == 2
        del state["precision"]
        old.append(
            StoredEvent(stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode())
        )
    session.store.recorder.insert_events(old)
    envoy = [o for o in session.actor("xie-feng")["offices"] if o["office"] == "Envoy"]
    assert [(o["since"], o["until"]) for o in envoy] == [("2020-01-01", "2021-01-01")]
    # The aggregate replays through the library's upcasters: leaving again on that day changes nothing.
    out = session.append([{"kind": "office-left", "actor": "xie-feng", "office": "Envoy", "occurred_on": "2021-01-01",
                           "source": "https://example.org/envoy"}])  # fmt: skip
    assert out[0].action == "unchanged"


USER_SOURCE_FULL = {"url": "https://example.org/envoy", "outlet": "Example", "language": "en", "published_at": None,
                    "retrieved_at": None, "title": None, "quote": None, "derived_from": None}  # fmt: skip


def test_a_version_1_sanction_reads_as_a_day(session: Session) -> None:
    """SanctionImposed of version 1 had no precision: it reads as dated to the day, in the status and on replay."""
    from events import sanction_id
    from events.sanction import Sanction

    sid = sanction_id("U.S. Department of State", "CAATSA Section 231", "li-shangfu")
    event = Sanction.SanctionImposed(  # type: ignore[call-arg]
        originator_id=sid, originator_version=1, timestamp=session.now(), originator_topic="events.sanction:Sanction",
        imposed_by="USA",
        authority="U.S. Department of State", program="CAATSA Section 231", legal_basis=None, target="li-shangfu",
        target_state="CHN", reason=None, effective_on=date(2018, 9, 20), precision="day", source=USER_SOURCE_FULL,
    )  # fmt: skip
    stored = session.store.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    del state["precision"]
    session.store.recorder.insert_events(
        [StoredEvent(stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode())]
    )
    [held] = [s for s in session.status(as_of="2019-01-01")["sanctions"] if s["target"]["id"] == "li-shangfu"]
    assert (held["since"], held["precision"]) == ("2018-09-20", "day")
    assert session.store.get(sid).effective_on == date(2018, 9, 20)
    [stored_again] = session.store.recorder.select_events(sid)
    assert session.store.mapper.to_domain_event(stored_again).precision == "day"
