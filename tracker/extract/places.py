"""Finding known places in a sentence, in English and Chinese (issue 10).

Built from the places reference data (`tracker.data.load("places")`, the list `tracker.data.places`
indexes), with a few names that stand for a place: a forum for its city (香格里拉对话 → Singapore),
a state for its capital city where reports use it so (夏威夷 → Honolulu), Taiwanese names (永珍 = 万象).
English names match case-sensitively on word edges (they are proper nouns); Chinese after folding
traditional characters to simplified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tracker.extract.lexicon_zh import simplify
from tracker.extract.model import Sentence, Span
from tracker.extract.names import compile_fast

__all__ = ["EXTRA_NAMES", "PlaceIndex", "find_places", "trie_pattern"]

EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "singapore": ("Shangri-La Dialogue", "香格里拉对话", "香格里拉对话会"),
    "honolulu": ("Hawaii", "夏威夷"),
    "vientiane": ("永珍",),
    "pentagon": ("美国国防部大楼",),
}


def trie_pattern(words: list[str]) -> str:
    """One expression matching any of `words`, longest first, as a trie (fast: no long flat alternation)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


@dataclass(frozen=True)
class PlaceIndex:
    """One compiled expression over every place name and alias, with the slug of each."""

    pattern: re.Pattern[str]
    slugs: dict[str, str]
    states: dict[str, str] = field(default_factory=dict)  # each place's state (Singapore: SGP)

    @classmethod
    def build(cls, places: Iterable[Mapping[str, Any]], extra: Mapping[str, Iterable[str]] = EXTRA_NAMES) -> PlaceIndex:
        """An index of the given place records ({slug, names, aliases}) and extra names by slug."""
        names: dict[str, str] = {}
        states = {r["slug"]: r["state"] for r in places if r.get("state")}
        for record in places:
            for name in [*record.get("names", {}).values(), *record.get("aliases", [])]:
                names.setdefault(simplify(name), record["slug"])
        for slug, more in extra.items():
            for name in more:
                names.setdefault(simplify(name), slug)
        return cls(compile_fast(rf"(?<![A-Za-z0-9])(?:{trie_pattern(list(names))})(?![A-Za-z0-9])"), names, states)

    def find(self, text: str) -> list[tuple[str, Span]]:
        """The places named in `text`, with their [start, end) offsets in it, leftmost first."""
        folded = simplify(text)
        return [(self.slugs[m.group()], Span(*m.span())) for m in self.pattern.finditer(folded)]


@cache
def _default() -> PlaceIndex:
    from tracker.data import load

    return PlaceIndex.build(load("places"))


def find_places(sentence: Sentence, language: str, index: PlaceIndex | None = None) -> list[tuple[str, Span]]:
    """The places `sentence` names, as (slug, absolute span); the shipped places unless given an index."""
    del language  # Chinese reports give English names in brackets, and English ones Chinese rarely
    base = sentence.span.start
    return [(slug, Span(base + s.start, base + s.end)) for slug, s in (index or _default()).find(sentence.text)]
