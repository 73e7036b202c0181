"""Scoring: a new actor an extractor proposes is the labelled new actor of the same name (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tracker.extract.model import Candidate

__all__ = ["renamed", "same_names", "same_new_actors"]

_NAME_DROP = re.compile(r"[\s·.,&'-]|\b(?:corp(?:oration)?|inc|co|company|the)\b|公司|集团|美国|中国")


def _name_key(name: object) -> str:
    from tracker.extract.names import fold

    return _NAME_DROP.sub("", fold(str(name))) if name else ""


def same_new_actors(candidates: Sequence[Candidate], labelled: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A new actor a candidate proposes is the labelled new actor of the same name in any language: an
    extractor reading only 克鲁兹 cannot know the slug `ted-cruz`, but it found the same person."""
    return same_names((actor for c in candidates for actor in c.new_actors), labelled)


def same_names(proposed: Iterable[Mapping[str, Any]], labelled: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Each proposed new actor's slug → the slug of the labelled new actor with one of its names. Names compare
    folded (case, script, middle dots), without company words (Corp., 公司) or a country prefix."""
    by_name: dict[str, str] = {}
    for actor in labelled:
        for name in (actor.get("names") or {}).values():
            if _name_key(name):
                by_name.setdefault(_name_key(name), str(actor["slug"]))
    out: dict[str, str] = {}
    for actor in proposed:
        for name in (actor.get("names") or {}).values():
            found = by_name.get(_name_key(name))
            if found is not None:
                out.setdefault(str(actor["slug"]), found)
    return out


def renamed(fact: dict[str, Any], same: Mapping[str, str]) -> dict[str, Any]:
    if not same:
        return fact
    for key in ("target", "actor", "initiator", "recipient"):
        if fact.get(key) in same:
            fact[key] = same[fact[key]]
    if fact.get("participants"):
        fact["participants"] = [same.get(p, p) for p in fact["participants"]]
    return fact
