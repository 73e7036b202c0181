"""Parsing facts as users write them, with the gazetteer's name lookup."""

from __future__ import annotations

import pytest

from events.commands import ImposeSanction, ReportInteraction
from tracker.errors import DomainError, UsageError
from tracker.input.facts import parse_fact
from tracker.input.gazetteer import ActorRef, ChannelRef, Gazetteer

XIE = ActorRef("1", "xie-feng", "person", "CHN", "Xie Feng")
RATNER = ActorRef("2", "ely-ratner", "person", "USA", "Ely Ratner")
USA = ActorRef("3", "USA", "state", "USA", "United States")
LI = ActorRef("4", "li-shangfu", "person", "CHN", "Li Shangfu")
DM = ChannelRef("9", "defense-ministers", "CHN-USA", "Defense ministers' talks")
GAZ = Gazetteer.build(
    [("Xie Feng", XIE), ("谢锋", XIE), ("xie-feng", XIE), ("Ely Ratner", RATNER), ("拉特纳", RATNER),
     ("USA", USA), ("United States", USA), ("Li Shangfu", LI), ("李尚福", LI)],
    [("defense-ministers", DM), ("防长会谈", DM)],
)  # fmt: skip
SRC = {"url": "https://www.reuters.com/x", "outlet": "Reuters", "language": "en"}


def test_names_in_any_language_resolve_to_one_actor() -> None:
    """谢锋, Xie Feng and xie-feng are the same actor; the location finds its state."""
    cmd = parse_fact({"kind": "meeting", "participants": ["谢锋", "拉特纳"], "occurred_on": "2023-07-12",
                      "location": "五角大厦", "source": SRC}, GAZ)  # fmt: skip
    assert isinstance(cmd, ReportInteraction)
    assert cmd.participants == ["xie-feng", "ely-ratner"]
    assert cmd.dyad == "CHN-USA"
    assert (cmd.location, cmd.location_state) == ("pentagon", "USA")


def test_unknown_actor_suggests_close_names() -> None:
    """An unknown actor is an error naming the close matches."""
    with pytest.raises(UsageError, match=r"unknown actor 'Xie Fen'.*Xie Feng \(xie-feng\)"):
        parse_fact({"kind": "call", "participants": ["Xie Fen"], "occurred_on": "2023-07-12", "source": SRC}, GAZ)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"kind": "meetin", "participants": ["Xie Feng"], "occurred_on": "2023-07-12", "source": SRC},
            "did you mean meeting",
        ),
        (
            {"kind": "meeting", "participants": ["Xie Feng"], "occurred_on": "2023-13-01", "source": SRC},
            "not a real date",
        ),
        ({"kind": "meeting", "participants": ["Xie Feng"], "occurred_on": "2023-07-12"}, "needs a source"),
        ({"kind": "meeting", "participants": ["Xie Feng"], "source": SRC}, "needs --on"),
        (
            {"kind": "meeting", "participants": ["Xie Feng"], "occurred_on": "2023-07-12", "source": SRC, "colour": 1},
            "unknown field",
        ),
        (
            {"kind": "channel-stalled", "channel": "hotline-x", "occurred_on": "2023-07-12", "source": SRC},
            "unknown channel",
        ),
        (
            {
                "kind": "meeting",
                "participants": ["Xie Feng"],
                "occurred_on": "2023-07-12",
                "until": "2023-07-01",
                "source": SRC,
            },
            "before",
        ),
        (
            {
                "kind": "sanction-imposed",
                "target": "Li Shangfu",
                "occurred_on": "2018-09-20",
                "authority": "State",
                "program": "CAATSA",
                "source": SRC,
            },
            "--by",
        ),
    ],
)
def test_bad_facts_give_one_clear_line(raw: dict, message: str) -> None:  # type: ignore[type-arg]
    """Every malformed fact is refused with a one-line reason."""
    with pytest.raises(DomainError, match=message) as info:
        parse_fact(raw, GAZ)
    assert "\n" not in str(info.value)


def test_sanction_fact() -> None:
    """A sanction resolves its target and imposing state."""
    cmd = parse_fact({"kind": "sanction-imposed", "target": "李尚福", "imposed_by": "United States", "authority": "State",
                      "program": "CAATSA 231", "occurred_on": "2018-09-20", "source": SRC}, GAZ)  # fmt: skip
    assert isinstance(cmd, ImposeSanction)
    assert (cmd.target, cmd.imposed_by, cmd.effective_on.isoformat()) == ("li-shangfu", "USA", "2018-09-20")


def test_ambiguous_name_asks_for_slug() -> None:
    """A name shared by two actors is an error, not a guess."""
    other = ActorRef("5", "xie-feng-2", "person", "CHN", "Xie Feng")
    gaz = Gazetteer.build([("Xie Feng", XIE), ("Xie Feng", other)], [])
    with pytest.raises(UsageError, match="ambiguous"):
        gaz.actor("xie feng")
