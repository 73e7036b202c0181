"""Finding the military channels of the catalogue in a sentence, by name, alias or paraphrase (issue 10).

The caller passes the catalogue (`ChannelIndex.build(tracker.data.load("channels"))`); matching is pure.
Names match case-insensitively on word edges, after folding traditional characters to simplified.
Paraphrases reach what the catalogue's names do not: "talks between theater commanders", 海上军事安全磋商,
"defense policy coordination talks", 国防部工作会晤, "hotline", 两国防长, "chiefs of defense".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from tracker.extract.lexicon_zh import simplify
from tracker.extract.model import Sentence, Span
from tracker.extract.names import compile_fast
from tracker.extract.places import trie_pattern

__all__ = ["PARAPHRASES", "ChannelIndex", "find_channels"]

_DEF = r"defen[cs]e"
_THEATER = r"theat(?:er|re)[- ](?:level )?commanders?"
PARAPHRASES: dict[str, tuple[str, ...]] = {
    "theater-commanders": (
        rf"(?:talks|calls?|conversations?|dialogue|communications?|meetings?) between (?:the )?(?:two )?{_THEATER}",
        rf"{_THEATER}(?:['’]s?)?(?: (?:talks|calls?|dialogue|communications?|video calls?))?",
        "战区(?:领导人?|司令员?|指挥官)(?:之间)?(?:视频)?(?:通话|会谈|对话)",
    ),
    "mmca": (
        r"military maritime consultative agreement(?: (?:talks|meetings?|working group(?: meetings?)?))?",
        r"maritime (?:military )?(?:safety|security) (?:consultations?|talks)",
        "海上军事安全磋商(?:机制)?(?:工作小组)?(?:会议)?",
    ),
    "arms-control": (
        r"(?:consultations?|talks|dialogue) (?:\w+ ){0,6}?on arms control(?: and non-?proliferation)?",
        r"arms control (?:and non-?proliferation )?(?:consultations?|talks|dialogue)",
        "军控与防扩散磋商|军控和防扩散磋商|军控磋商",
    ),
    "dpct": (rf"{_DEF} policy coordination (?:talks|dialogue)", "国防政策协调(?:会谈|磋商)", "国防部工作会晤"),
    "defense-telephone-link": (
        rf"(?:{_DEF}|military)[- ](?:telephone[- ]link|hotline)|hotline",
        "(?:国防部|两军)?直通电话(?:机制)?|军事热线",
    ),
    "defense-ministers": (
        rf"{_DEF} ministers?(?:['’]s?)? (?:talks|meeting|call|video call|dialogue)",
        rf"{_DEF}[- ]minister[- ]level (?:meeting|talks|dialogue|call)",
        rf"(?:meeting|talks|call) between (?:the )?(?:two )?{_DEF} (?:ministers|chiefs|secretary and minister)",
        "两国防长|中美防长|防长(?:视频)?(?:会谈|通话|会晤|会面)|国防部长级?的?(?:会议|会谈|会晤|通话)",
    ),
    "chiefs-of-defense": (
        # (not "the Indo-Pacific Chiefs of Defence Conference": a many-nation forum, no bilateral channel)
        rf"chiefs? of {_DEF}(?: talks| calls?)?(?! (?:forces )?(?:conference|forum|symposium|summit|meeting)s?\b)"
        r"|CJCS(?: talks)?",
        r"joint chiefs[^.;]{0,120}?joint staff department|joint staff department[^.;]{0,120}?joint chiefs",
        "(?:两军)?总参谋长(?:视频)?(?:通话|会谈)?",
        "联合参谋部参谋长[^。；]{0,30}?参联会主席|参联会主席[^。；]{0,30}?联合参谋部参谋长",
    ),
}


@dataclass(frozen=True)
class ChannelIndex:
    """One compiled expression over every channel name, alias and paraphrase, with the slug of each."""

    names: re.Pattern[str]
    slugs: dict[str, str]  # casefolded name → slug
    paraphrases: re.Pattern[str]
    paraphrase_slugs: tuple[str, ...]

    @classmethod
    def build(
        cls, channels: Iterable[Mapping[str, Any]], paraphrases: Mapping[str, Iterable[str]] = PARAPHRASES
    ) -> ChannelIndex:
        """An index of the given catalogue records ({slug, names, aliases}) and paraphrases by slug."""
        slugs: dict[str, str] = {}
        for record in channels:
            for name in {*record.get("names", {}).values(), *record.get("aliases", [])}:
                slugs.setdefault(simplify(name).casefold(), record["slug"])
        alternatives = [(p, slug) for slug, patterns in paraphrases.items() for p in patterns]
        joined = "|".join(f"(?P<c{i}>{_edged(p)})" for i, (p, _) in enumerate(alternatives))
        return cls(
            compile_fast(_edged(trie_pattern(list(slugs))), re.IGNORECASE),
            slugs,
            compile_fast(joined, re.IGNORECASE),
            tuple(slug for _, slug in alternatives),
        )

    def find(self, text: str) -> list[tuple[str, Span]]:
        """The channels named in `text`, with their [start, end) offsets in it, leftmost and longest first."""
        folded = simplify(text)
        found = [(self.slugs[m.group().casefold()], Span(*m.span())) for m in self.names.finditer(folded)]
        found += [
            (self.paraphrase_slugs[int(m.lastgroup[1:])], Span(*m.span()))
            for m in self.paraphrases.finditer(folded)
            if m.lastgroup
        ]
        found.sort(key=lambda f: (f[1].start, f[1].start - f[1].end))
        kept: list[tuple[str, Span]] = []
        for slug, span in found:  # where a name and a paraphrase overlap, the longer (earlier) one stays
            if not kept or span.start >= kept[-1][1].end:
                kept.append((slug, span))
        return kept


def _edged(pattern: str) -> str:
    """Word edges around Latin text, none around Chinese (中美外交安全对话9日…: a digit may follow a name)."""
    return rf"(?:(?<![A-Za-z0-9])|(?=[^\x00-\x7f]))(?:{pattern})(?:(?![A-Za-z0-9])|(?<=[^\x00-\x7f]))"


@cache
def _default() -> ChannelIndex:
    from tracker.data import load

    return ChannelIndex.build(load("channels"))


def find_channels(sentence: Sentence, language: str, index: ChannelIndex | None = None) -> list[tuple[str, Span]]:
    """The channels `sentence` names, as (slug, absolute span); the shipped catalogue unless given an index."""
    del language  # names of both languages are matched: Chinese reports quote English names and back
    found = (index or _default()).find(sentence.text)
    base = sentence.span.start
    return [(slug, Span(base + span.start, base + span.end)) for slug, span in found]
