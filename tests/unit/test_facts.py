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


# Facts of the common shape and near it: QuickFacts must give parse_fact's command, or leave the fact to it.
QUICK_CASES = [
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": ["谢锋", "拉特纳"], "occurred_on": "2023-07-12", "source": SRC, "summary": "s"},
    {"kind": "call", "participants": ["Xie Feng", "USA"], "occurred_on": "2023-07-12", "source": "https://a.org/1"},
    {"kind": "meeting-declined", "participants": ["Li Shangfu", "Ely Ratner"], "occurred_on": "2023-07-12",
     "source": SRC},
    {"kind": "statement", "participants": ["Xie Feng"], "occurred_on": "2023-07-12", "source": SRC,
     "summary": "  padded  "},
    {"kind": "statement", "participants": ["USA", "Xie Feng"], "occurred_on": "1900-01-01", "source": SRC},
    {"kind": "meeting", "participants": ["Xie Feng", "谢锋", "xie-feng", "Ely Ratner"], "occurred_on": "2023-07-12",
     "source": {**SRC, "title": "A title", "published_at": "2023-07-12T10:00:00Z"}},
    # What parse_fact refuses, or what the short way leaves to it (from here on):
    {"kind": "meeting", "participants": ["Xie Feng", "谢锋"], "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": ["Xie Feng"], "occurred_on": "2023-07", "source": SRC},
    {"kind": "meeting", "participants": ["Xie Fen", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": [], "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": [" ", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": [["Xie Feng"], "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": "Xie Feng, Ely Ratner", "occurred_on": "2023-07-12", "source": SRC},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-02-30", "source": SRC},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "1500-01-01", "source": SRC},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12", "source": {}},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
     "source": {"url": "ftp://x"}},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
     "source": {**SRC, "colour": 1}},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC,
     "summary": ""},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC,
     "summary": 5},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC,
     "summary": "x" * 2001},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12", "source": SRC,
     "location": "Pentagon"},
    {"kind": "sanction-imposed", "participants": ["Xie Feng"], "occurred_on": "2023-07-12", "source": SRC},
]  # fmt: skip


@pytest.mark.parametrize("raw", QUICK_CASES, ids=lambda r: repr(r)[:60])
def test_quick_facts_give_parse_fact_s_command_or_leave_the_fact_to_it(raw: dict[str, object]) -> None:
    """The short way gives exactly parse_fact's command for a fact it takes, and takes none parse_fact refuses."""
    from tracker.input.quick import QuickFacts

    quick = QuickFacts(GAZ, "CHN-USA")
    for _ in range(2):  # the second time from what it remembered
        got = quick(dict(raw))
        try:
            expected = parse_fact(dict(raw), GAZ)
        except DomainError:
            assert got is None
            continue
        assert got is None or got == expected
        if QUICK_CASES.index(raw) < 7:
            assert got is not None  # the common shape does take the short way


def test_quick_facts_remember_sources_by_host_only_where_make_source_would_agree() -> None:
    """One QuickFacts over many sources (the remembered ones reused by host): each command is parse_fact's."""
    from tracker.input.quick import QuickFacts

    urls = [
        "https://a.org/1", "https://a.org/2?x=1", "https://a.org#f", "https://a.org", "http://a.org/1",
        "https://A.org/3", "https://a.org:8443/4", "https://user@a.org/5", "https://b.example.com/6",
        "https://localhost/7", "https://a.org/x y", " https://a.org/8", "https://a.org/9 ", "https://1.2.3.4/10",
        "https://[::1]/11", "https://中国.cn/12", "https://a..org/13", "https://a.org/" + "x" * 190,
        "https://a.org/" + "y" * 300, "urn:x:1", "",
    ]  # fmt: skip
    extras: list[dict[str, object]] = [
        {}, {"outlet": "Bench"}, {"outlet": "Bench", "language": "en"}, {"language": "EN"},
        {"published_at": "2023-07-12T10:00:00Z"}, {"published_at": "yesterday"}, {"title": "  A title "},
        {"outlet": None}, {"outlet": 5}, {"outlet": ""},
    ]  # fmt: skip
    quick = QuickFacts(GAZ, "CHN-USA")
    taken = 0
    for _ in range(2):
        for extra in extras:
            for url in urls:
                raw = {"kind": "call", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12"}
                raw["source"] = {"url": url, **extra}
                got = quick(dict(raw))
                try:
                    expected = parse_fact(dict(raw), GAZ)
                except DomainError:
                    assert got is None, raw
                    continue
                assert got is None or got == expected, raw
                taken += got is not None
    assert taken > 200
