"""The pure domain: vocabulary, ids, dates, aggregates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from events import (
    INTERACTION_KINDS,
    Channel,
    DomainError,
    Interaction,
    Sanction,
    interaction_id,
    make_dyad,
    make_source,
    meeting_code,
    parse_date,
)

TS = datetime(2024, 1, 1, tzinfo=UTC)
SRC = make_source("https://example.org/a", outlet="Example", language="en")


def _meeting() -> Interaction:
    return Interaction._create(
        Interaction.InteractionReported,
        id=interaction_id("meet", "CHN-USA", ["a", "b"], date(2023, 7, 12)),
        kind="meeting", status="occurred", participants=["a", "b"], initiator=None, recipient=None,
        dyad="CHN-USA", occurred_on=date(2023, 7, 12), precision="day", until=None, location=None,
        channel=None, summary=None, cameo="040", goldstein=1.0, plover="CONSULT", codebook="x",
        source=SRC, timestamp=TS,
    )  # fmt: skip


def test_every_kind_has_codes() -> None:
    """Each interaction kind maps to a CAMEO code, a Goldstein value and a family; meetings and talks share one."""
    assert set(INTERACTION_KINDS) >= {"meeting", "call", "talks", "meeting-declined", "demand"}
    for kind in INTERACTION_KINDS.values():
        assert kind.cameo.isdigit() and len(kind.cameo) in (3, 4), kind
        assert -10.0 <= kind.goldstein <= 10.0, kind
        assert kind.family, kind
    families = {name: kind.family for name, kind in INTERACTION_KINDS.items()}
    assert families["meeting"] == families["talks"] == "meet"
    assert len({families["meeting"], families["call"], families["meeting-declined"], families["statement"]}) == 4
    assert INTERACTION_KINDS["meeting-declined"].cameo == "125"
    assert INTERACTION_KINDS["meeting-declined"].goldstein == -5.0
    assert INTERACTION_KINDS["military-cooperation"].goldstein == 7.4


def test_meeting_code_depends_on_where() -> None:
    """A meeting is a visit, hosting or third-place meeting by where it happened."""
    assert meeting_code("CHN", "USA", "CHN-USA") == ("042", 1.9)
    assert meeting_code("USA", "USA", "CHN-USA") == ("043", 2.8)
    assert meeting_code("USA", "SGP", "CHN-USA") == ("044", 2.5)
    assert meeting_code(None, None, "CHN-USA") == ("040", 1.0)


def test_parse_date_precision_and_errors() -> None:
    """Dates carry their precision; impossible dates are refused with a reason."""
    assert parse_date("2023-07-12") == (date(2023, 7, 12), "day")
    assert parse_date("2023-07") == (date(2023, 7, 1), "month")
    assert parse_date("2018") == (date(2018, 1, 1), "year")
    with pytest.raises(DomainError, match="not a real date"):
        parse_date("2023-02-30")
    with pytest.raises(DomainError, match="not a date"):
        parse_date("12/07/2023")


def test_source_needs_a_url() -> None:
    """A fact without a proper source URL is refused."""
    with pytest.raises(DomainError):
        make_source(None)
    with pytest.raises(DomainError, match="not an http"):
        make_source("javascript:alert(1)")
    assert make_source("https://x.org/a", published_at="2023-07-12")["published_at"].startswith("2023-07-12T00:00")


def test_dyad_is_sorted_and_defaults() -> None:
    """Dyads are sorted; a single state in the default dyad takes the default."""
    assert make_dyad({"USA", "CHN"}) == "CHN-USA"
    assert make_dyad({"USA"}) == "CHN-USA"


def test_interaction_ids_are_deterministic() -> None:
    """The same natural key gives the same id whatever the participant order."""
    a = interaction_id("meet", "CHN-USA", ["xie-feng", "ely-ratner"], date(2023, 7, 12))
    b = interaction_id("meet", "CHN-USA", ["ely-ratner", "xie-feng"], date(2023, 7, 12))
    assert a == b
    assert a != interaction_id("meet", "CHN-USA", ["xie-feng", "ely-ratner"], date(2023, 7, 13))


def test_corroboration_is_idempotent_per_url() -> None:
    """A second source adds an event; the same source again adds nothing."""
    m = _meeting()
    m.corroborate(make_source("https://dw.com/zh/x"), timestamp=TS)
    m.corroborate(make_source("https://dw.com/zh/x"), timestamp=TS)
    assert len(m.sources) == 2
    assert [type(e).__name__ for e in m.collect_events()] == ["InteractionReported", "InteractionCorroborated"]


def test_amend_and_retract_are_new_events() -> None:
    """Corrections and retractions append events; a retracted fact refuses more changes."""
    m = _meeting()
    m.amend({"occurred_on": date(2023, 7, 13)}, "Beijing date", SRC, timestamp=TS)
    assert m.occurred_on == date(2023, 7, 13)
    with pytest.raises(DomainError, match="changes nothing"):
        m.amend({"occurred_on": date(2023, 7, 13)}, "again", SRC, timestamp=TS)
    with pytest.raises(DomainError, match="status"):
        m.amend({"status": "imagined"}, "bad", SRC, timestamp=TS)
    m.retract("withdrawn", SRC, timestamp=TS)
    with pytest.raises(DomainError, match="retracted"):
        m.amend({"summary": "x"}, "late", SRC, timestamp=TS)
    assert m.version == 3


def test_sanction_lift_rules() -> None:
    """A sanction cannot be lifted before it took effect, nor lifted twice on other dates."""
    s = Sanction.impose(
        imposed_by="USA", authority="State", program="CAATSA 231", legal_basis=None, target="li-shangfu",
        target_state="CHN", reason=None, effective_on=date(2018, 9, 20), source=SRC, timestamp=TS,
    )  # fmt: skip
    with pytest.raises(DomainError, match="before it took effect"):
        s.lift(date(2017, 1, 1), SRC, timestamp=TS)
    s.lift(date(2024, 1, 1), SRC, timestamp=TS)
    s.lift(date(2024, 1, 1), SRC, timestamp=TS)
    assert [type(e).__name__ for e in s.collect_events()] == ["SanctionImposed", "SanctionLifted"]
    with pytest.raises(DomainError, match="already lifted"):
        s.lift(date(2024, 2, 1), SRC, timestamp=TS)


def test_channel_assessment_is_idempotent() -> None:
    """The same assessment from the same source on the same day is recorded once."""
    c = Channel.register("mmca", "CHN-USA", {"en": "MMCA"}, [], "operational", timestamp=TS)
    c.suspend(date(2022, 8, 5), "CHN", "Pelosi", SRC, timestamp=TS)
    c.suspend(date(2022, 8, 5), "CHN", "Pelosi", SRC, timestamp=TS)
    c.resume(date(2024, 1, 1), None, SRC, timestamp=TS)
    assert len(c.collect_events()) == 3


def test_ids_are_rfc4122_uuid5() -> None:
    """The hand-made uuid5 equals the standard library's, and behaves as a UUID."""
    from uuid import NAMESPACE_DNS, UUID, uuid5

    from events.ids import NAMESPACE, _id

    for parts in [("actor", "xie-feng"), ("interaction", "meet", "CHN-USA", "a,b", "2023-07-12"), ("x",)]:
        made = _id(*parts)
        assert made == uuid5(NAMESPACE, "\x1f".join(parts))
        assert made.version == 5
        assert hash(made) == hash(UUID(str(made)))
        assert {made: 1}[UUID(made.hex)] == 1
    assert _id("a") != uuid5(NAMESPACE_DNS, "a")


def test_candidate_ids_match_single_ids() -> None:
    """interaction_ids gives the same ids as interaction_id for each date."""
    from events.ids import interaction_ids

    days = [date(2023, 7, 12), date(2023, 7, 11), date(2023, 7, 13)]
    assert interaction_ids("meet", "CHN-USA", ["b", "a"], days) == [
        interaction_id("meet", "CHN-USA", ["a", "b"], d) for d in days
    ]


def test_candidate_ids_are_uuid5_of_their_key() -> None:
    """interaction_ids, whatever it keeps between calls, gives uuid.uuid5 of each key, byte for byte."""
    from random import Random
    from uuid import uuid5

    from events.ids import NAMESPACE, interaction_ids

    rng = Random(12)
    names = ["xie-feng", "ely-ratner", "wang-yi", "antony-blinken", "李强", "ö", "a,b", ""]
    families = ["meeting", "call", "criticism", "ünïcode"]
    for _ in range(3000):
        family, dyad = rng.choice(families), rng.choice(["CHN-USA", "TWN-USA"])
        principals = rng.sample(names, rng.randint(0, 3))
        day = date.fromordinal(rng.choice([1, 2, 3652059, rng.randint(1, 3652059), 693596 + rng.randint(0, 60)]))
        days = [day, *(date.fromordinal(rng.randint(1, 3652059)) for _ in range(rng.randint(0, 3)))]
        made = interaction_ids(family, dyad, principals, days)
        for got, d in zip(made, days, strict=True):
            key = "\x1f".join(("interaction", family, dyad, ",".join(sorted(principals)), d.isoformat()))
            want = uuid5(NAMESPACE, key)
            facets = (got.bytes, got.hex, str(got), got.version, hash(got))
            assert (got, *facets) == (want, want.bytes, want.hex, str(want), want.version, hash(want))


def test_channel_assessment_can_be_retracted() -> None:
    """A wrong assessment is withdrawn by a new event; one never recorded is refused."""
    c = Channel.register("mmca", "CHN-USA", {"en": "MMCA"}, [], "operational", timestamp=TS)
    c.stall(date(2023, 7, 12), None, SRC, timestamp=TS)
    with pytest.raises(DomainError, match="not recorded as suspended"):
        c.retract_assessment("suspended", date(2023, 7, 12), "wrong", SRC, timestamp=TS)
    c.retract_assessment("stalled", date(2023, 7, 12), "misreported", SRC, timestamp=TS)
    assert c.assessments == []
    assert type(c.collect_events()[-1]).__name__ == "ChannelAssessmentRetracted"
