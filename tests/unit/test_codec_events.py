"""Events built on the bulk path store exactly what the event classes' own constructors store."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from eventsourcing.persistence import JSONTranscoder, Mapper
from eventsourcing.utils import get_topic

from events.commands import ReportInteraction
from events.decide import State, decide
from events.interaction import Interaction
from events.values import make_source
from tracker.store.jsoncodec import FastJSONTranscoder
from tracker.store.log import _DateAsISO
from tracker.store.mapping import to_stored_events

NOW = datetime(2024, 4, 16, 12, 0, 0, 250000, tzinfo=UTC)


def _mapper(transcoder: JSONTranscoder) -> Mapper:  # type: ignore[type-arg]
    from eventsourcing.application import Application

    Application.register_transcodings(None, transcoder)  # type: ignore[arg-type]
    transcoder.register(_DateAsISO())
    return Mapper(transcoder=transcoder)


def _command(kind: str, **extra: object) -> ReportInteraction:
    fields: dict[str, object] = dict(
        kind=kind, status="occurred", participants=["lloyd-austin", "dong-jun"], principals=["lloyd-austin", "dong-jun"],
        initiator=None, recipient=None, dyad="CHN-USA", occurred_on=date(2024, 4, 16), precision="day", until=None,
        location=None, channel=None, summary="Austin and Dong Jun speak by video",
        sources=[make_source("https://www.reuters.com/x", outlet="Reuters", language="en")],
        initiator_state=None, location_state=None,
    )  # fmt: skip
    fields.update(extra)
    return ReportInteraction(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cmd",
    [
        _command("call"),
        _command(
            "meeting",
            initiator="lloyd-austin",
            initiator_state="USA",
            location="singapore",
            location_state="SGP",
            until=date(2024, 4, 18),
            channel="defense-ministers",
        ),
        _command("statement", summary=None, status="expected", precision="month"),
    ],
    ids=["call", "meeting", "statement"],
)
def test_a_new_interaction_s_event_is_the_one_its_class_makes(cmd: ReportInteraction) -> None:
    """decide's InteractionReported has the attributes, in the order, of the class's own constructor; so it stores the same bytes."""
    state = State()
    decide(state, cmd, NOW)
    (built,) = state.events()
    expected = Interaction.InteractionReported(  # type: ignore[call-arg]
        originator_id=built.originator_id,
        originator_version=1,
        originator_topic=get_topic(Interaction),
        timestamp=NOW,
        **{
            k: v
            for k, v in vars(built).items()
            if k not in ("originator_id", "originator_version", "originator_topic", "timestamp")
        },
    )
    assert type(built) is type(expected)
    assert list(vars(built).items()) == list(vars(expected).items())
    library, fast = _mapper(JSONTranscoder()), _mapper(FastJSONTranscoder())
    stored = library.to_stored_event(expected)
    assert to_stored_events(fast, [built]) == [stored]
    assert to_stored_events(library, [built]) == [stored]
    # And the aggregate it makes is the same.
    assert vars(built.mutate(None)) == vars(expected.mutate(None))
