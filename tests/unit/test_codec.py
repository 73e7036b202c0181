"""The fast codec (orjson out, msgspec in) against eventsourcing's JSONTranscoder: the same bytes, the same values."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import Enum, IntEnum, StrEnum
from typing import Any
from uuid import UUID

import orjson
import pytest
from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder

from tracker.store.codec import decode_state
from tracker.store.jsoncodec import FastJSONTranscoder, loads_plain, plain_fields
from tracker.store.log import _DateAsISO


def _registered(transcoder: JSONTranscoder) -> JSONTranscoder:
    # What tracker's application registers: the library's UUID, Decimal and datetime, and dates.
    Application.register_transcodings(None, transcoder)  # type: ignore[arg-type]
    transcoder.register(_DateAsISO())
    return transcoder


LIBRARY = _registered(JSONTranscoder())
FAST = _registered(FastJSONTranscoder())


class Colour(Enum):
    RED = "red"


class _Text(str):
    pass


class _Number(int):
    pass


class _Dict(dict[str, Any]):
    pass


class _List(list[Any]):
    pass


class _Kind(StrEnum):
    A = "a"


class _Level(IntEnum):
    HIGH = 3


@dataclass
class _Point:
    x: int
    y: int


class _Later(datetime):
    pass


class _Day(date):
    pass


def _hook(d: dict[str, Any]) -> Any:
    return d["_data_"] if len(d) == 2 and "_type_" in d and "_data_" in d else d


def _plain_library(data: bytes) -> Any:
    """decode_state as it was written with json and an object hook."""
    return json.JSONDecoder(object_hook=_hook).decode(data.decode("utf-8"))


def _outcome(f: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", f(*args)
    except Exception as e:
        return "error", type(e).__name__


REPORTED = {
    "timestamp": datetime(2024, 7, 12, 21, 27, 0, 123456, tzinfo=UTC),
    "originator_topic": "events.interaction:Interaction",
    "kind": "meeting",
    "participants": ["xie-feng", "ely-ratner"],
    "initiator": None,
    "occurred_on": date(2023, 7, 12),
    "summary": '中国驻美大使 "rare" meeting\n\tat the Pentagon \\ 五角大楼 \x00\x1f\u2028',
    "goldstein": 1.9,
    "source": {"url": "https://www.dw.com/zh/中国/a-66218787", "published_at": "2023-07-13T06:00:00+00:00"},
    "changes": {"occurred_on": date(2023, 7, 13), "until": None},
    "candidates": [{"confidence": 0.75, "index": 0, "truncated": False}],
    "class_version": 2,
}


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


# Values where orjson on its own would write other bytes than json, or refuse what json writes.
AWKWARD = [
    {"tiny": 1e-05},
    {"tiny": [0.0, -0.0, 1e-4, 9.99e-05, 5e-324]},
    {"nan": float("nan"), "inf": float("inf"), "minus": float("-inf")},
    {"huge": 1e16, "bigger": 1.2345678901234568e300},
    {"big int": 2**64, "negative": -(2**63) - 1, "fits": 2**63 - 1},
    {"uuid": UUID("5b1f3a52-6f0e-4c55-9d3e-2a0c1e7d9b41")},
    {"decimal": Decimal("1.10")},
    {"tuple": (1, "two", date(2020, 1, 1))},
    {1: "int key", None: "none key"},
    {"naive": datetime(2020, 1, 1, 12, 0)},
    {"offset": datetime(2020, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))},
    {"enum": Colour.RED},
    {"set": {1, 2}},
    {"lone surrogate": "\ud800"},
    [date(2020, 1, 1), {"nested": [[[date(2021, 2, 3)]]]}],
    date(1900, 1, 1),
    "just text",
    {"deep": _nested(70)},
    {_Text("sub key"): 1, "nested": {True: 1, 1.5: 2, (1, 2): 3}},
    {"sub": _Text("text"), "int": _Number(3), "dict": _Dict(a=1), "list": _List([1])},
    {"str enum": _Kind.A, "int enum": _Level.HIGH},
    {"fragment": orjson.Fragment(b'{"raw":1}'), "dataclass": _Point(1, 2)},
    {"time": time(12, 30), "later": _Later(2020, 1, 1), "day": _Day(2020, 1, 1)},
    {"source": {"url": "u", "at": [None, 1e-4, 0.5, 1e-7]}},
]


@pytest.mark.parametrize("value", [REPORTED, *AWKWARD], ids=lambda v: repr(v)[:40])
def test_encode_writes_the_library_s_bytes(value: Any) -> None:
    """For any value, the fast encoder gives exactly the library's bytes, or fails as the library fails."""
    assert _outcome(FAST.encode, value) == _outcome(LIBRARY.encode, value)


def test_shared_dates_write_each_value() -> None:
    """A batch's states share timestamp and date objects (kept wrapped by the fast encoder); each state
    still gets its own dates, as the library writes them, whatever came before."""
    now = datetime(2024, 7, 12, 21, 27, tzinfo=UTC)
    days = [date(2023, 7, 12), date(2023, 7, 12), date(1900, 1, 1)]
    states: list[Any] = [{"timestamp": now, "occurred_on": d, "n": i} for i, d in enumerate(days)]
    states += [{"timestamp": datetime(2024, 7, 12, 21, 27), "occurred_on": days[0]}]  # equal but naive
    states += [{"timestamp": now, "day": _Day(2023, 7, 12)}, {"timestamp": _Later(2024, 7, 12, 21, 27, tzinfo=UTC)}]
    states += [{"timestamp": now, "occurred_on": days[2]}, {"occurred_on": days[0], "until": days[0]}]
    for state in states * 2:
        assert _outcome(FAST.encode, state) == _outcome(LIBRARY.encode, state)


def test_a_cycle_fails_as_in_the_library() -> None:
    """A state that contains itself is refused by both, not looped on."""
    state: dict[str, Any] = {"a": 1}
    state["self"] = state
    assert _outcome(FAST.encode, state) == _outcome(LIBRARY.encode, state) == ("error", "ValueError")


STORED = [
    LIBRARY.encode(REPORTED),
    b'{"n":NaN,"i":Infinity,"m":-Infinity}',
    b'{"n":NaN,"d":{"_type_":"date_iso","_data_":"2020-01-02"},"l":"\\udc00"}',
    b'{"big":123456789012345678901234567890,"neg":-99999999999999999999999}',
    b'{"lone":"\\ud800","pair":"\\ud83d\\ude00","x":1.5e-7,"y":1e400}',
    b'{"_type_":"date_iso","_data_":"2020-01-02"}',
    b'{"a":{"_type_":"date_iso","_data_":"2020-01-02","extra":1}}',
    b'{"a":{"_data_":"2020-01-02","_type_":"date_iso"}}',
    b'{"a":{"\\u005ftype_":"date_iso","_data_":"2020-01-02"}}',
    b'{"a":{"_type_":"uuid_hex","_data_":"5b1f3a526f0e4c559d3e2a0c1e7d9b41"},"b":[{"_type_":"datetime_iso","_data_":"2020-01-02T03:04:05+00:00"}]}',
    b'{"a":{"_type_":"decimal_str","_data_":"1.10"},"s":"{\\"_type_\\":\\"date_iso\\"}"}',
    b'{"a":{"_type_":"date_iso","_data_":{"_type_":"date_iso","_data_":"2020-01-02"}}}',
    b'{"a":{"_type_":"no_such_type","_data_":"x"}}',
    b'{"a":{"_type_":"date_iso","_data_":"not a date"}}',
    b'{"a":1,"a":2}',
    b'[1,2,{"_type_":"date_iso","_data_":"2020-01-02"}]',
    b'{"trailing":1} x',
    b'{"bad utf-8":"\xff"}',
    b'{"raw control":"a\x01b"}',
    b"",
]


@pytest.mark.parametrize("data", STORED, ids=lambda d: d[:40].decode("utf-8", "replace"))
def test_decode_reads_what_the_library_reads(data: bytes) -> None:
    """For any bytes, the fast decoder gives the library's objects, or fails with the library's error."""
    assert _outcome(FAST.decode, data) == _outcome(LIBRARY.decode, data)
    for other in (bytearray(data), memoryview(data)):
        assert _outcome(FAST.decode, other) == _outcome(LIBRARY.decode, other)


@pytest.mark.parametrize("data", STORED, ids=lambda d: d[:40].decode("utf-8", "replace"))
def test_decode_state_reads_the_wrapped_data(data: bytes) -> None:
    """decode_state leaves each custom type as its data, as json with the unwrapping hook does (bytes or text)."""
    expected = _outcome(_plain_library, data)
    assert _outcome(decode_state, data) == expected
    assert _outcome(loads_plain, memoryview(data)) == expected
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert _outcome(decode_state, text) == expected


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(12 if depth < 4 else 8)
    if kind == 0:
        return "".join(
            chr(rng.choice([rng.randrange(0x20), rng.randrange(0x80), rng.randrange(0x3000, 0x9FFF)]))
            for _ in range(rng.randrange(6))
        )
    if kind == 1:
        return rng.choice([0, 1, -1, 2**31, 2**62, 2**63, 2**64, -(2**70)])
    if kind == 2:
        return rng.choice([0.0, 1.5, -2.25, 1e-3, 1e-4, 3e-5, 1e-7, 1e15, 1e16, 1e17, 0.1 + 0.2])
    if kind == 3:
        return rng.choice([True, False, None])
    if kind == 4:
        return date(1900, 1, 1) + timedelta(days=rng.randrange(60000))
    if kind == 5:
        return datetime(2000, 1, 1, tzinfo=UTC) + timedelta(
            seconds=rng.randrange(10**9), microseconds=rng.randrange(2) * 7
        )
    if kind == 6:
        return rng.choice([UUID(int=rng.getrandbits(128)), Decimal("2.5"), "plain"])
    if kind == 7:
        return rng.random()
    if kind in (8, 9):
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {f"k{i}": _random_value(rng, depth + 1) for i in range(rng.randrange(5))}


def test_random_states_round_trip_the_library_s_way() -> None:
    """Random nested states: the same bytes from both encoders, and the same values back from both decoders."""
    rng = random.Random(12)
    for _ in range(3000):
        state = {f"f{i}": _random_value(rng) for i in range(rng.randrange(1, 8))}
        encoded = _outcome(LIBRARY.encode, state)
        assert _outcome(FAST.encode, state) == encoded, state
        if encoded[0] == "ok":
            assert FAST.decode(encoded[1]) == LIBRARY.decode(encoded[1])
            assert decode_state(encoded[1]) == _plain_library(encoded[1])


def test_plain_fields_read_what_loads_plain_reads() -> None:
    """A few fields read on their own are the same values as in the whole state read plainly, absent ones left out."""
    rng = random.Random(7)
    names = ("f0", "f3", "occurred_on", "changes", "missing", "\u00e9t\u00e9")
    states: list[Any] = [REPORTED, {"occurred_on": date(2020, 1, 1), "f0": [{"_type_": "x", "_data_": 1}]}]
    states += [{f"f{i}": _random_value(rng) for i in range(rng.randrange(1, 8))} for _ in range(500)]
    states.append({"\u00e9t\u00e9": 1.5, "f3": float("nan")})
    for state in states:
        encoded = _outcome(LIBRARY.encode, state)
        if encoded[0] != "ok":
            continue
        whole = decode_state(encoded[1])
        assert plain_fields(encoded[1], names) == {k: whole[k] for k in names if k in whole}
    escaped = b'{"f\\u0030":{"_type_":"date_iso","_data_":"2020-01-01"},"f3":null}'
    assert plain_fields(escaped, names) == {"f0": "2020-01-01", "f3": None}
    assert plain_fields(b"[1, 2]", names) == {}
