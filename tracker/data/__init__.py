"""Reference data shipped in the package: states, people with offices, channels, places."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from events.values import normalise

__all__ = ["load", "place_name", "places"]


@cache
def load(name: str) -> list[dict[str, Any]]:
    """One reference file (actors, states, channels, places) as a list of records."""
    # Read beside this module, not through importlib.resources: that import alone pulls in tempfile,
    # shutil, bz2 and lzma (~2.6 ms on every command); the package is never installed zipped.
    return json.loads(Path(__file__).with_name(f"{name}.json").read_text(encoding="utf-8"))


@cache
def places() -> dict[str, dict[str, Any]]:
    """Every name of every known place, normalised, to its record."""
    index: dict[str, dict[str, Any]] = {}
    for place in load("places"):
        for name in [place["slug"], *place["names"].values(), *place.get("aliases", [])]:
            index.setdefault(normalise(name), place)
    return index


@cache
def _by_slug() -> dict[str, dict[str, Any]]:
    return {place["slug"]: place for place in load("places")}


def place_name(slug: str | None) -> str | None:
    """A known place's name to print, English then Chinese ("The Pentagon / 五角大楼"); else the text as given."""
    if not slug:
        return None
    place = _by_slug().get(slug)
    if place is None:
        return slug
    names = place["names"]
    return " / ".join(n for n in (names.get("en"), names.get("zh")) if n) or slug
