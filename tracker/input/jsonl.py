"""Reading many facts at once: JSON lines (or a JSON array), each item with its line number."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from tracker.errors import UsageError
from tracker.gcpause import bulk_work

__all__ = ["parse_jsonl"]

_decode = msgspec.json.Decoder().decode


def parse_jsonl(text: str, *, what: str = "file") -> list[dict[str, Any]]:
    """One JSON object a line, or one JSON array; a bad line is an error naming its number."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise UsageError(f"{what}: not valid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise UsageError(f"{what}: item {i} is not a JSON object")
        return items
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    # The common case in one call of msgspec's decoder (which reads every value as json does,
    # and refuses the few things json reads otherwise: NaN, lone surrogates); any doubt falls
    # back to line by line with json, which names the bad line.
    try:
        with bulk_work():  # 100,000 new dicts: a collection pass at every few hundred was a third of this
            items = _decode("[" + ",".join(line for _, line in numbered) + "]")
    except msgspec.DecodeError:
        items = None
    if items is not None and len(items) == len(numbered) and all(type(item) is dict for item in items):
        for (number, _), item in zip(numbered, items, strict=True):
            item["__line__"] = number
        return items
    out = []
    for number, line in numbered:
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise UsageError(f"{what}: line {number}: not valid JSON ({e.msg} at column {e.colno})") from None
        if not isinstance(item, dict):
            raise UsageError(f"{what}: line {number}: not a JSON object")
        item["__line__"] = number
        out.append(item)
    return out
