"""Stored event state through orjson and msgspec, byte for byte what eventsourcing's JSONTranscoder
writes, and read back to the same values.

The library encodes with `json` (compact separators, UTF-8 kept) and wraps each registered
custom type as {"_type_": name, "_data_": …}; decoding unwraps them through an object hook.
orjson encodes, and msgspec decodes, two to three times faster. Where either would disagree
with `json`, this module hands the value to the library's own code instead, so what is stored
and what is read back never depend on which path ran:

- encoding (orjson, dates and datetimes passed to the library's transcodings): orjson writes
  UUIDs and enums natively and formats floats under 1e-4 (and NaN and infinities) otherwise; a
  scan of the state sends anything but str, int, bool, None, finite floats of 1e-4 or more (or
  zero), dates, datetimes, and lists, tuples and str-keyed dicts of those to the library, and
  so does anything orjson still refuses (an int beyond 64 bits).
- decoding (msgspec, then the wrappers replaced): msgspec reads every number and string as
  `json` does, and refuses what `json` would read otherwise (NaN, infinities, lone surrogates);
  those bytes go to `json`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder, Transcoding

__all__ = ["FastJSONTranscoder", "loads_plain", "plain_fields", "plain_state"]

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME
_MAX_DEPTH = 64  # deeper states go to the library (orjson stops at 254 levels; a cycle never ends)
_SMALLEST = 1e-4  # floats below this (but zero) are written 1e-05 by json and 0.00001 or 1e-5 by orjson


_INF = float("inf")
_LEAVES = frozenset({str, int, bool, type(None), datetime, date})  # exact types both write alike (dates by the hook)


def _scalar_ok(v: Any) -> bool:
    t = type(v)
    if t in _LEAVES:
        return True
    if t is float:
        return v == 0 or _SMALLEST <= abs(v) < _INF
    return False


def plain_state(value: Any, depth: int = 0) -> bool:
    """Whether orjson writes this value exactly as the library's JSON encoder does (dates wrapped by the hook).

    Dict keys are not looked at: orjson refuses any key but an exact str (json would write an
    int, a float, None or a str subclass as a string), and what orjson refuses goes to the library.
    """
    t = type(value)
    if t is dict:
        values: Any = value.values()
    elif t is list or t is tuple:
        values = value
    else:
        return _scalar_ok(value)
    if depth > _MAX_DEPTH:
        return False
    # Most containers hold leaves only (a list of participants, a source): one pass in C.
    if _LEAVES.issuperset(map(type, values)):
        return True
    for v in values:
        tv = type(v)
        if tv in _LEAVES:
            continue
        if tv is dict or tv is list or tv is tuple:
            if not plain_state(v, depth + 1):
                return False
        elif not _scalar_ok(v):
            return False
    return True


_CONTAINERS = frozenset({dict, list})


def _unwrapped(value: Any, unwrap: Callable[[Any, Any], Any]) -> Any:
    """value with each {"_type_", "_data_"} pair replaced by unwrap(type, data), bottom-up, as the
    library's object hook does it."""
    t = type(value)
    if t is dict:
        for k, v in value.items():
            tv = type(v)
            if tv is dict or tv is list:
                value[k] = _unwrapped(v, unwrap)
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            return unwrap(value["_type_"], value["_data_"])
        return value
    if t is list:
        for i, v in enumerate(value):
            tv = type(v)
            if tv is dict or tv is list:
                value[i] = _unwrapped(v, unwrap)
    return value


def _unwrap_all(value: Any, data: bytes | str, unwrap: Callable[[Any, Any], Any] | None = None) -> Any:
    """_unwrapped, quicker for tracker's states: their wrappers (a date, a timestamp) are top-level values.

    The wrappers are counted in the bytes first: when the top level holds them all, nothing
    deeper is walked. A key spelled with escapes could hide a "_type_" from the count, so bytes
    with a \\u in them are walked in full. unwrap None keeps each wrapper's data as it is.
    """
    if type(value) is not dict:
        return _unwrapped(value, unwrap or _data_only)
    if isinstance(data, str):
        left = -1 if "\\" in data and "\\u" in data else data.count('"_type_"')
    else:
        # A one-byte search first: searching for two bytes costs as much as decoding the key.
        left = -1 if b"\\" in data and b"\\u" in data else data.count(b'"_type_"')
    if not left:
        return value
    for k, v in value.items():
        if type(v) is dict and len(v) == 2 and "_type_" in v and "_data_" in v:
            d = v["_data_"]
            if type(d) is dict or type(d) is list:
                break  # data with structure of its own: bottom-up, like the hook
            value[k] = d if unwrap is None else unwrap(v["_type_"], d)
            left -= 1
    return value if left == 0 else _unwrapped(value, unwrap or _data_only)


def _data_only(_type: Any, data: Any) -> Any:
    return data


def _plain_hook(d: dict[str, Any]) -> Any:
    if len(d) == 2 and "_type_" in d and "_data_" in d:
        return d["_data_"]
    return d


_plain_decoder = json.JSONDecoder(object_hook=_plain_hook)
_DECODER: tuple[Callable[[Any], Any], type[Exception]] | None = None


def _decoder() -> tuple[Callable[[Any], Any], type[Exception]]:
    """msgspec's decoder and its error, imported on first use: a command that decodes nothing
    (a one-fact append) does not pay the import (3-7 ms)."""
    global _DECODER
    if _DECODER is None:
        import msgspec

        _DECODER = (msgspec.json.Decoder().decode, msgspec.DecodeError)
    return _DECODER


def loads_plain(data: bytes | bytearray | memoryview | str) -> Any:
    """JSON as the library stores it, with every custom type left as its data (a date as its ISO string)."""
    if type(data) is not bytes and type(data) is not str:
        data = bytes(data)  # type: ignore[arg-type]
    decode, refused = _DECODER or _decoder()
    try:
        value = decode(data)
    except refused:
        # What msgspec refuses and json may read (NaN, a lone surrogate) or refuse in its own words.
        return _plain_decoder.decode(data.decode("utf-8") if isinstance(data, bytes) else data)
    return _unwrap_all(value, data)


_Reader = tuple[Callable[[Any], Any], type[Exception], Any, Callable[[Any], tuple[Any, ...]]]
_FIELD_READERS: dict[tuple[str, ...], _Reader] = {}


def _field_reader(names: tuple[str, ...]) -> _Reader:
    import msgspec

    # The Struct's own attributes are f0, f1, …; each reads the JSON key it is renamed to, whatever its spelling.
    attrs = [f"f{i}" for i in range(len(names))]
    struct = msgspec.defstruct(
        "Fields", [(a, Any, msgspec.UNSET) for a in attrs], rename=dict(zip(attrs, names, strict=True))
    )
    reader = _FIELD_READERS[names] = (
        msgspec.json.Decoder(struct).decode,
        msgspec.DecodeError,
        msgspec.UNSET,
        msgspec.structs.astuple,
    )
    return reader


def plain_fields(data: bytes | bytearray | memoryview | str, names: tuple[str, ...]) -> dict[str, Any]:
    """The named top-level fields of a stored state as loads_plain reads them (absent ones left out).

    Only these are decoded (into a msgspec Struct of just them): the decode takes a third of the
    time of the whole state's, though unwrapping what was read leaves the gain at a sixth.
    """
    decode, refused, unset, values = _FIELD_READERS.get(names) or _field_reader(names)
    if type(data) is not bytes and type(data) is not str:
        data = bytes(data)  # type: ignore[arg-type]
    try:
        found = decode(data)
    except refused:
        # What msgspec refuses (NaN, a lone surrogate, a state that is no object): the whole way.
        value = loads_plain(data)
        return {k: value[k] for k in names if k in value} if type(value) is dict else {}
    out = {}
    for name, v in zip(names, values(found), strict=True):
        t = type(v)
        if t is dict:
            data = v.get("_data_")
            if len(v) == 2 and "_type_" in v and "_data_" in v and type(data) is not dict and type(data) is not list:
                v = data  # a date or a timestamp: the common wrapper, with nothing inside to unwrap
            elif _CONTAINERS.isdisjoint(map(type, v.values())):
                pass  # no wrapper, and nothing inside that could hold one (a source): as it is
            else:
                v = _unwrapped(v, _data_only)  # wrappers bottom-up, as loads_plain leaves them
        elif t is list:
            v = _unwrapped(v, _data_only)
        elif v is unset:
            continue
        out[name] = v
    return out


class FastJSONTranscoder(JSONTranscoder):
    """eventsourcing's JSONTranscoder with orjson on the hot path: the same bytes out, the same objects back."""

    def __init__(self) -> None:
        super().__init__()
        self._last: list[tuple[Any, Any] | None] = [None, None]

    def register(self, transcoding: Transcoding) -> None:
        """Register as the library does; a wrapper kept from before may be another transcoding's."""
        super().register(transcoding)
        self._last = [None, None]

    def encode(self, obj: Any) -> bytes:
        """Encode as the library does (the same bytes), through orjson when that is certain to agree."""
        if plain_state(obj):
            try:
                encoded = orjson.dumps(obj, default=self._encode_date, option=_OPTIONS)
                # A copy of the right size: orjson's own bytes object sits in a block of a page or
                # more, so keeping 100,000 of them (a bulk append) faulted in a fresh page for each
                # (3.5 µs an event, against 0.6 µs with the copy).
                return bytes(memoryview(encoded))
            except orjson.JSONEncodeError:
                pass  # an int beyond 64 bits, a key not a str, a date type with no transcoding: the library says
        return super().encode(obj)

    def _encode_date(self, o: Any) -> Any:
        # orjson's default: the library's own wrapper of a date or datetime (plain_state lets no
        # other type through). The events of a batch share one timestamp object, and often one
        # date object: the wrapper of the last of each type is kept. Both types are immutable;
        # the match is by identity, so an equal value of another type is never taken for it.
        slot = 0 if type(o) is datetime else 1
        last = self._last[slot]
        if last is not None and last[0] is o:
            return last[1]
        wrapped = self._encode_obj(o)
        self._last[slot] = (o, wrapped)
        return wrapped

    def decode(self, data: bytes) -> Any:
        """Decode as the library does (the same objects), through msgspec unless it refuses the bytes."""
        if type(data) is not bytes:
            return super().decode(data)  # what the library does with a bytearray, or fails to do with another type
        decode, refused = _DECODER or _decoder()
        try:
            value = decode(data)
        except refused:
            return super().decode(data)
        return _unwrap_all(value, data, self._decode_wrapped)

    def _decode_wrapped(self, type_name: str, data: Any) -> Any:
        try:
            transcoding = self.names[type_name]
        except (KeyError, TypeError):
            # The library's own message, from its own hook.
            return self._decode_obj({"_type_": type_name, "_data_": data})
        return transcoding.decode(data)
