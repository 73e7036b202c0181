"""New officials named beside a title ("Assistant Secretary of State Mallory Stewart", 外交部副部长郑泽光), or the
office's holder under another rendering of their name (蘇利文 for 沙利文).

Pure; part of tracker.extract.actors' find_actors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from tracker.extract import names as nm
from tracker.extract.model import ActorMention, Sentence, Span
from tracker.extract.offices import OfficePhrase, office_strings


class ActorIndex(Protocol):
    """What this module reads of tracker.extract.actors.ActorIndex (a Protocol: actors imports this module)."""

    @property
    def keys(self) -> Mapping[str, Any]: ...
    @property
    def by_slug(self) -> Mapping[str, Any]: ...
    @property
    def han_names(self) -> Mapping[str, list[str]]: ...

    def held(self, offices: Sequence[tuple[str, str | None]], state: str | None, on: date) -> str | None: ...


__all__ = ["nicknamed", "replaced_name", "title_name"]


def _variant_of_holder(name: str, phrase: OfficePhrase, index: ActorIndex, on: date, at: int) -> ActorMention | None:
    """The office's holder that day when the name is another rendering of theirs (蘇利文 for 沙利文, 艾奎利诺
    for 阿奎利诺): a foreign name in Chinese shares most of its characters across renderings."""
    slug = index.held(office_strings(phrase.concept, phrase.state), phrase.state, on)
    if slug is None:
        return None
    folded = nm.key(name)
    for known in index.han_names.get(slug, []):
        shared = sum(1 for ch in set(folded) if ch in known)
        if abs(len(known) - len(folded)) <= 1 and shared >= max(2, len(folded) - 1):
            entry = index.by_slug[slug]
            return ActorMention(slug, entry.kind, entry.state, Span(at, at + len(name)), name, phrase.title)
    return None


def title_name(phrase: OfficePhrase, sentence: Sentence, index: ActorIndex, on: date) -> ActorMention | None:
    """A new official named beside an office phrase, if the name is not in the index."""
    text, base = sentence.text, sentence.span.start
    if nm.has_han(text[phrase.start : phrase.end]):
        span = nm.han_name_after(text, phrase.end, foreign=phrase.state not in (None, "CHN"))
    else:
        span = (
            nm.latin_name_after(text, phrase.end)
            or nm.latin_name_before(text, phrase.start)
            or nm.latin_name_apposed(text, phrase.start, phrase.end)
            or _after_portfolio(text, phrase.end)
        )
    if span is None:
        return None
    name = text[span[0] : span[1]]
    if nm.key(name) in index.keys:
        return None
    if nm.has_han(name) and phrase.state not in (None, "CHN"):
        held = _variant_of_holder(name, phrase, index, on, sentence.span.start + span[0])
        if held is not None:
            return held
    gloss = nm.latin_gloss(text, span[1]) if nm.has_han(name) else None
    latin = gloss or (None if nm.has_han(name) else name)
    names = {"zh": nm.to_simplified(name)} if nm.has_han(name) else {"en": name}
    if gloss:
        names["en"] = gloss
    slug = nm.slug_for(latin) if latin else nm.slug_for(name, chinese_name_order=phrase.state == "CHN")
    title = phrase.title or text[phrase.start : phrase.end]
    return ActorMention(slug, "person", phrase.state, Span(base + span[0], base + span[1]), name, title, True, names)


# "Assistant Secretary of State for Arms Control, Verification and Compliance Mallory Stewart": a portfolio of
# capitalised words (commas and "and" between them) stands between the title and the name; the name is the last
# two or three capitalised words before a lowercase word or a stop
_PORTFOLIO = re.compile(
    rf"\s+for\s+(?:(?:[A-Z][\w-]*|and|of|the)(?:,\s*|\s+)){{1,8}}(?P<name>{nm.LATIN_NAME})(?![\w-])"
)


def _after_portfolio(text: str, pos: int) -> tuple[int, int] | None:
    m = _PORTFOLIO.match(text, pos)
    return m.span("name") if m else None


# The official speaks: "郑泽光表示", "郑泽光22日说", "Rear Adm. … Smith said"; or urges or reproaches in their own
# voice (郑泽光敦促美方…, "Stewart urged"), as the summoning official goes on to do
_SPEAKS = re.compile(
    r"\s*(?:\d{1,2}日|on \w+ )?\s*(?:表示|说|說|指出|强调|強調|称|稱|警告|said|told|added|warned|stressed"
    r"|敦促|要求|促请|促請|呼吁|呼籲|谴责|譴責|批评|批評|urged|demanded|called on|accused|critici[sz]ed|condemned)"
)


def full_name(name: str) -> bool:
    """A name whole enough to find again: two or three Han characters, or two words."""
    return 2 <= len(name) <= 3 if nm.has_han(name) else " " in name


def spoken_again(
    sentence: Sentence, new_names: Mapping[str, ActorMention], taken: Sequence[ActorMention]
) -> list[ActorMention]:
    """A new official named by title earlier in the report (外交部副部长郑泽光), found again where the bare name
    speaks (郑泽光表示). Only as a speaker: a title misread elsewhere should not spread through the report."""
    text, base = sentence.text, sentence.span.start
    out: list[ActorMention] = []
    for name, first in new_names.items():
        at = text.find(name)
        while at >= 0:
            span = Span(base + at, base + at + len(name))
            if _SPEAKS.match(text, at + len(name)) and not any(
                span.start < o.span.end and o.span.start < span.end for o in [*taken, *out]
            ):
                out.append(replace(first, span=span, name=name))
            at = text.find(name, at + len(name))
    return out


# 任命魏凤和为国防部部长，接替常万全。: the one replaced is often named bare, with no title of their own
_REPLACES_ZH = re.compile(r"(?:接替|接任)(?!的)")
_REPLACED_END = re.compile(r"[，,。；;、]|担任|擔任|出任|任|为|為|成为|成為|$")


def replaced_name(sentence: Sentence, index: ActorIndex) -> list[ActorMention]:
    """A Chinese official new to the gazetteer named bare right after 接替/接任 and closing its clause (接替常万全。,
    接替常万全担任…): a person of China, whose office the office rules read from the sentence."""
    text, base = sentence.text, sentence.span.start
    out: list[ActorMention] = []
    for m in _REPLACES_ZH.finditer(text):
        span = nm.han_name_after(text, m.end(), foreign=False)
        if span is None or not _REPLACED_END.match(text, span[1]):
            continue
        name = text[span[0] : span[1]]
        if nm.key(name) in index.keys:
            continue
        slug = nm.slug_for(name, chinese_name_order=True)
        names = {"zh": nm.to_simplified(name)}
        out.append(ActorMention(slug, "person", "CHN", Span(base + span[0], base + span[1]), name, None, True, names))
    return out


# Charles "CQ" Brown, Charles ‘CQ’ Brown Jr.: a nickname in quotes between the given and the family name
_NICKNAMED = re.compile(
    r"(?<![\w.])(?P<first>[A-Z][\w.]*)\s+[\"“‘'](?P<nick>[\w. ]{1,12})[\"”’']\s+(?P<last>[A-Z][\w'’-]+)(?:,?\s+Jr\.)?"
)


def nicknamed(sentence: Sentence, index: ActorIndex) -> list[ActorMention]:
    """A known person named with a nickname in quotes (Charles "CQ" Brown): the whole as that person, when the
    nickname or the given name with the family name is a name the index holds for one actor."""
    text, base = sentence.text, sentence.span.start
    out: list[ActorMention] = []
    for m in _NICKNAMED.finditer(text):
        for name in (f"{m['nick']} {m['last']}", f"{m['first']} {m['last']}"):
            entries = index.keys.get(nm.key(name), [])
            if len({e.slug for e in entries}) == 1:
                e = entries[0]
                out.append(ActorMention(e.slug, e.kind, e.state, Span(base + m.start(), base + m.end()), m.group()))
                break
    return out
