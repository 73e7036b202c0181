"""Bad input is refused with one clear line and nothing appended (issue 8): store URLs, dates,
empty and degenerate facts, source hosts, unknown dyads and kinds, lengths, long report cells."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from events.values import DomainError, make_source, parse_date, parse_timestamp
from tracker.errors import UsageError
from tracker.reports.text import render_text, render_timeline_text
from tracker.session import Session, open_session
from tracker.store.location import locate

SRC = {"url": "https://www.reuters.com/x", "outlet": "Reuters", "language": "en"}


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Session]:
    """An initialised SQLite store in a temp folder."""
    session = open_session(str(tmp_path / "store"), create=True)
    session.init()
    yield session
    session.close()


def fact(**fields: Any) -> dict[str, Any]:
    """A valid meeting with some fields replaced (a value of None removes the field)."""
    raw: dict[str, Any] = {
        "kind": "meeting",
        "participants": ["Xie Feng", "Ely Ratner"],
        "occurred_on": "2023-07-12",
        "source": dict(SRC),
    }
    raw.update(fields)
    return {k: v for k, v in raw.items() if v is not None}


def refused(s: Session, *facts: dict[str, Any], new_actor: bool = False) -> str:
    """Append the facts, expecting a UsageError and an unmoved log; returns the message."""
    before = s.store.max_position()
    with pytest.raises(UsageError) as info:
        s.append([dict(f) for f in facts], new_actor=new_actor)
    assert s.store.max_position() == before
    message = str(info.value)
    assert "\n" not in message
    return message


# -- 7: store URLs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root:s3cret@host/db",
        "postgresql+psycopg://postgres:s3cret@127.0.0.1/test",
        "sqlite:///tmp/x",
        "https://example.com/store",
        "file:///tmp/store",
    ],
)
def test_store_urls_other_than_postgresql_are_refused(url: str, tmp_path: Path, monkeypatch: Any) -> None:
    """A scheme:// store other than postgresql:// is refused naming what is accepted, creating no folder and hiding the password."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as info:
        locate(url)
    message = str(info.value)
    assert "postgresql://" in message and "folder" in message
    assert "s3cret" not in message
    assert list(tmp_path.iterdir()) == []


def test_postgres_and_folder_stores_are_still_located(tmp_path: Path) -> None:
    """postgresql://, postgres:// and plain folders (even with a colon in the name) are accepted."""
    assert locate("postgresql://postgres@127.0.0.1/test").backend == "postgres"
    assert locate("postgres://postgres@127.0.0.1/test").backend == "postgres"
    assert locate(str(tmp_path / "a:b")).backend == "sqlite"


# -- 9: dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1599-12-31", "2201-01-01", "9999", "2201-05"])
def test_dates_outside_the_ledgers_range_are_refused(text: str) -> None:
    """parse_date refuses years outside 1600–2200 with a message giving the range."""
    with pytest.raises(DomainError, match=r"1600.*2200"):
        parse_date(text, field="on")


def test_dates_at_the_edges_of_the_range_are_accepted() -> None:
    """The first and last days of the range parse."""
    assert parse_date("1600-01-01")[0].year == 1600
    assert parse_date("2200-12-31")[0].year == 2200


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59+00:00", "9999-12-31", "0001-01-01T00:00:00"])
def test_timestamps_outside_the_range_are_refused(text: str) -> None:
    """parse_timestamp (--known-at, published) refuses the same range."""
    with pytest.raises(DomainError, match=r"1600.*2200"):
        parse_timestamp(text, field="known-at")


def test_far_future_fact_is_refused(s: Session) -> None:
    """A fact dated 9999-12-31 (or until then, or published then) is refused and nothing is appended."""
    assert "2200" in refused(s, fact(occurred_on="9999-12-31"))
    assert "2200" in refused(s, fact(kind="talks", until="9999-12-31"))
    assert "2200" in refused(s, fact(source={**SRC, "published_at": "9999-12-31"}))


@pytest.mark.parametrize("option", ["as_of", "since", "known_at", "changes_since"])
def test_status_refuses_far_dates(s: Session, option: str) -> None:
    """status --as-of, --since, --known-at and --changes-since refuse dates outside the range."""
    with pytest.raises(DomainError, match=r"1600.*2200"):
        s.status(**{option: "9999-12-31"})


def test_timeline_and_corrections_refuse_far_dates(s: Session) -> None:
    """timeline --since/--until and a correction's new date refuse dates outside the range."""
    with pytest.raises(DomainError, match="2200"):
        s.timeline(until="9999-12-31")
    outcome = s.append([fact()])[0]
    before = s.store.max_position()
    with pytest.raises(DomainError, match="2200"):
        s.correct(outcome.fact_id, {"occurred_on": "9999-12-31"}, "typo", {"url": SRC["url"]})
    assert s.store.max_position() == before


# -- 10: empty and degenerate facts --------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "word"),
    [
        ({"summary": "   "}, "summary"),
        ({"summary": ""}, "summary"),
        ({"location": " \t"}, "location"),
        ({"participants": ["Xie Feng", " "]}, "actor"),
        ({"participants": ["", "Ely Ratner"]}, "actor"),
        ({"initiator": "  "}, "initiator"),
        ({"source": {**SRC, "outlet": "  "}}, "outlet"),
        ({"source": {**SRC, "title": "\u3000"}}, "title"),
    ],
)
def test_blank_text_is_refused(s: Session, fields: dict[str, Any], word: str) -> None:
    """An empty or whitespace-only name, summary, location, outlet or title is refused, naming the field."""
    assert word in refused(s, fact(**fields))


def test_blank_names_are_refused_even_with_new_actor(s: Session) -> None:
    """--new-actor does not register a blank name."""
    assert "actor" in refused(s, fact(participants=["Xie Feng", "  "]), new_actor=True)


def test_blank_actor_names_and_aliases_are_refused(s: Session) -> None:
    """`actors add` with a blank name and `actors alias` with a blank alias are refused."""
    before = s.store.max_position()
    with pytest.raises(UsageError, match="name"):
        s.add_actor("blank", "person", None, {"en": "  "}, [], None)
    with pytest.raises(UsageError, match="alias"):
        s.add_alias("xie-feng", " ")
    assert s.store.max_position() == before


@pytest.mark.parametrize("kind", ["meeting", "call", "talks"])
def test_a_meeting_with_one_person_is_refused(s: Session, kind: str) -> None:
    """A meeting, call or talks whose names all mean one person, with no other party, is refused."""
    message = refused(s, fact(kind=kind, participants=["Xie Feng", "谢锋"]))
    assert "Xie Feng" in message and "other" in message
    assert "other" in refused(s, fact(kind=kind, participants=["Xie Feng"], initiator="CHN"))


def test_one_participant_is_enough_for_a_statement_or_with_another_party(s: Session) -> None:
    """A statement may have one participant; a meeting with one person and a recipient state of the other side is fine."""
    s.append([fact(kind="statement", participants=["Xie Feng"])])
    s.append([fact(participants=["Xie Feng"], recipient="USA", occurred_on="2023-08-20")])


@pytest.mark.parametrize(
    "url",
    [
        "https://",
        "http://exa mple/x",
        "https://-/x",
        "http://localhost/x",
        "https://reuters/x",
        "https://www.reuters.com:99999/x",
        "https://www..com/x",
        "https://.com/x",
    ],
)
def test_a_source_url_needs_a_host_name(url: str) -> None:
    """A source URL whose host is not a dotted host name or an IP address is refused."""
    with pytest.raises(DomainError, match="host"):
        make_source(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reuters.com/x",
        "https://www.reuters.com./x?a=1#b",
        "http://127.0.0.1:8000/feed",
        "http://[::1]/x",
        "https://www.dw.com/zh/中国/a-1",
        "http://新华网.中国/x",
        "urn:isbn:9780000000000",
        "https://2017-2021.state.gov/x",
    ],
)
def test_source_urls_with_real_hosts_are_accepted(url: str) -> None:
    """Host names, IP addresses, international names and urn: citations are accepted."""
    assert make_source(url)["url"] == url


@pytest.mark.parametrize("dyad", ["XXX-YYY", "CHN-XXX"])
def test_an_unknown_dyad_is_refused(s: Session, dyad: str) -> None:
    """status, timeline and channels refuse a dyad naming a state that is not registered."""
    for call in (lambda: s.status(dyad=dyad), lambda: s.timeline(dyad=dyad), lambda: s.channels(dyad=dyad)):
        with pytest.raises(UsageError, match="registered state"):
            call()


def test_a_known_dyad_without_facts_is_fine(s: Session) -> None:
    """A dyad of registered states with no facts gives an empty answer, not an error."""
    assert s.timeline(dyad="usa-chn") == []


def test_an_unknown_timeline_kind_is_refused(s: Session) -> None:
    """timeline --kind refuses a kind that is not an interaction, sanction or channel kind, suggesting close ones."""
    with pytest.raises(UsageError, match="meeting"):
        s.timeline(kind="meetin")
    with pytest.raises(UsageError, match="unknown kind 'foo'"):
        s.timeline(kind="foo")
    assert s.timeline(kind="sanction-imposed") == []
    assert s.timeline(kind="channel-suspended") == []


# -- 11: lengths ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "limit"),
    [
        ({"summary": "x" * 2001}, "2,000"),
        ({"location": "x" * 201}, "200"),
        ({"participants": ["Xie Feng", "x" * 201]}, "200"),
        ({"source": {**SRC, "url": "https://www.reuters.com/" + "x" * 2048}}, "2,048"),
        ({"source": {**SRC, "title": "x" * 501}}, "500"),
        ({"source": {**SRC, "outlet": "x" * 201}}, "200"),
        ({"source": {**SRC, "quote": "x" * 2001}}, "2,000"),
    ],
)
def test_overlong_text_is_refused(s: Session, fields: dict[str, Any], limit: str) -> None:
    """Summaries, names, locations, URLs, titles and quotes over their limits are refused, giving the limit."""
    assert limit in refused(s, fact(**fields))


def test_overlong_names_are_not_registered_by_new_actor(s: Session) -> None:
    """--new-actor refuses a 201-character name before registering anything."""
    assert "200" in refused(s, fact(participants=["Xie Feng", "y" * 201]), new_actor=True)


def test_text_at_the_limits_is_accepted(s: Session) -> None:
    """A 2,000-character summary and a 200-character location are accepted."""
    s.append([fact(summary="x" * 2000, location="y" * 200)])


def test_overlong_reasons_of_sanctions_corrections_and_retractions_are_refused(s: Session) -> None:
    """A reason over 2,000 characters is refused on a sanction, a correction and a retraction."""
    sanction = {"kind": "sanction-imposed", "target": "Li Shangfu", "imposed_by": "USA", "authority": "State",
                "program": "CAATSA", "occurred_on": "2018-09-20", "source": dict(SRC), "reason": "r" * 2001}  # fmt: skip
    assert "2,000" in refused(s, sanction)
    outcome = s.append([fact()])[0]
    before = s.store.max_position()
    with pytest.raises(UsageError, match="2,000"):
        s.correct(outcome.fact_id, {"summary": "ok"}, "r" * 2001, {"url": SRC["url"]})
    with pytest.raises(UsageError, match="2,000"):
        s.correct(outcome.fact_id, {"summary": "s" * 2001}, "ok", {"url": SRC["url"]})
    with pytest.raises(UsageError, match="2,000"):
        s.retract(outcome.fact_id, "r" * 2001, {"url": SRC["url"]})
    with pytest.raises(UsageError, match="reason"):
        s.retract(outcome.fact_id, "   ", {"url": SRC["url"]})
    assert s.store.max_position() == before


def test_text_reports_cut_long_cells(s: Session) -> None:
    """One megabyte in a cell (a summary stored before the limits) prints as a bounded line, plain or coloured."""
    s.append([fact(summary="short")])
    status = s.status(as_of="2023-07-31")
    status["interactions"][0]["summary"] = "x" * 1_000_000
    for color in (False, True):
        text = render_text(status, color=color)
        assert max(len(line) for line in text.splitlines()) < 400
        assert len(text) < 50_000
    rows = s.timeline()
    rows[0]["summary"] = "y" * 1_000_000
    text = render_timeline_text(rows)
    assert max(len(line) for line in text.splitlines()) < 400
    assert "…" in text


def test_writable_answers_for_paths_not_yet_created(tmp_path: Path) -> None:
    """The check behind the read-only fallback looks at the nearest existing folder of a path not yet created."""
    from tracker.store.location import writable

    assert writable(tmp_path / "new" / "views.db")
    assert writable(tmp_path)
    (tmp_path / "file").write_text("")
    assert not writable(tmp_path / "file" / "views.db")


def test_a_postgres_url_with_a_bad_port_is_a_usage_error() -> None:
    """A port that is not a number is refused as bad input, with the password masked."""
    with pytest.raises(UsageError, match="port") as info:
        locate("postgresql://postgres:s3cret@127.0.0.1:abc/test")
    assert "s3cret" not in str(info.value)


JSONL_TEXTS = [
    '{"a": 1}\n{"b": "董军"}\n',
    '{"a": 1}\n{"b": 2}',
    '{"a": 1}\n\n{"b": 2}\n',
    '{"a": 1}\n   \n# a comment\n  # another\n{"b": 2}\n',
    '{"a": 1}\r\n{"b": 2}\r\n',
    '{"a": "x\u2028y"}\n{"b": 2}\n',
    '{"a": NaN}\n{"b": 2}\n',
    '{"a": "\\ud800"}\n',
    '{"a": 1}\n[1, 2]\n',
    '{"a": 1} {"b": 2}\n',
    '{"a": 1},{"b": 2}\n',
    '{"a": 1}\n{"b": \n',
    '\ufeff{"a": 1}\n',
    "",
    "\n",
]


@pytest.mark.parametrize("text", JSONL_TEXTS, ids=lambda t: repr(t)[:40])
def test_json_lines_read_the_same_the_short_way_and_the_long_way(text: str, monkeypatch: Any) -> None:
    """A file of one object a line is read as line by line would read it: the same items, line numbers, errors."""
    from tracker.input import jsonl

    def outcome() -> tuple[str, Any]:
        try:
            return "ok", jsonl.parse_jsonl(text)
        except UsageError as e:
            return "error", str(e)

    short = outcome()
    monkeypatch.setattr(jsonl, "_every_line_an_object", lambda text, msgspec: None)
    assert short == outcome()
    if text == JSONL_TEXTS[0]:
        assert short == ("ok", [{"a": 1, "__line__": 1}, {"b": "董军", "__line__": 2}])
