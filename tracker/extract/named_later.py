"""Parties of an encounter told by their titles, named in the next sentence (cataphora), and the delegation
a named leader heads.

Wire ledes often name the parties of a contact only by what they are — "The head of U.S. forces in the
Indo-Pacific held talks by video with the commander of China's Southern Theater Command", "A group of U.S.
lawmakers met Defense Minister Dong Jun" — and name them in the next sentence, where one tells the other
something: "Admiral X urged General Y to …", "Rep. X, who leads the group, told Dong …". Such a title phrase
holds only a state's name, so the encounter would be left to the two states. Here the state's name inside the
title phrase becomes a mention of the person the next sentence names, when that sentence is the encounter's
readout: its speaker is of that state, speaks to a person of the other side (the encounter's party already, or
the one named for the other title phrase). A delegation so resolved is its leader in later sentences too ("The
lawmakers held talks with Premier Li …").

Pure; a step of tracker.extract.pipeline after coreference, before facts are built.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tracker.extract.lexicon import Trigger
from tracker.extract.model import DYAD, ActorMention, Sentence, Span

__all__ = ["named_later"]

_ENCOUNTERS = frozenset({"meeting", "call", "talks"})
_READOUT = frozenset({"statement", "demand", "criticism", "appeal"})
# "the head of U.S. forces", "the commander of China's …", "a group of U.S. lawmakers": a state inside a title
_HOLDER_OF = re.compile(
    r"\b(?:head|chief|commander|leader|group|delegation|team|members?)s? of (?:the )?(?:[\w-]+ ){0,2}$", re.I
)
_TITLE_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:commander|general|admiral|lawmakers|legislators|senators|congressional"
    r"|delegation|envoy|military chief)\b",
    re.I,
)
_GROUP = re.compile(r"\b(?:group|delegation|team|lawmakers|legislators|senators|congressional)\b", re.I)
# "The lawmakers held talks with …": the delegation named again
_GROUP_AGAIN = re.compile(
    r"\b[Tt]he (?:(?:\w+-member|bipartisan|congressional|u\.s\.|american) )?"
    r"(?:lawmakers|legislators|senators|delegation|group|delegates)\b"
)
_NEAR = 40  # how far after the readout word its addressee stands (titles between)
# "told reporters that Blinken should …": a person named in what is said is not the one spoken to
_CONTENT = re.compile(r"\b(?:that|reporters|journalists|the press)\b", re.I)


def named_later(
    sentences: Sequence[Sentence], triggered: Sequence[Sequence[Trigger]], found: list[list[ActorMention]]
) -> list[list[ActorMention]]:
    """Each sentence's mentions, with the title phrases of an encounter resolved to the persons named next."""
    out = [list(ms) for ms in found]
    leaders: dict[str, ActorMention] = {}  # state → the leader of its delegation, once named
    for i, (sentence, triggers) in enumerate(zip(sentences, triggered, strict=True)):
        if leaders:
            out[i] = _delegation_again(sentence, out[i], leaders)
        if i + 1 >= len(sentences) or not any(t.kind in _ENCOUNTERS for t in triggers):
            continue
        titled = _titled_states(sentence, out[i])
        if not titled:
            continue
        named = _readout_pair(sentences[i + 1], triggered[i + 1], out[i + 1], out[i])
        if named is None:
            continue
        for person in named:
            state_mention = titled.get(person.state or "")
            if state_mention is None:
                continue
            out[i] = [
                replace(person, span=state_mention.span, name=state_mention.name) if m is state_mention else m
                for m in out[i]
            ]
            start = state_mention.span.start - sentence.span.start
            if _GROUP.search(sentence.text, max(0, start - 30), min(len(sentence.text), start + 40)):
                leaders[person.state or ""] = person
    return out


def _titled_states(sentence: Sentence, mentions: list[ActorMention]) -> dict[str, ActorMention]:
    """The states of the two sides named only inside a title phrase, in a sentence naming no person of theirs."""
    text, base = sentence.text, sentence.span.start
    persons = {m.state for m in mentions if m.kind == "person"}
    out: dict[str, ActorMention] = {}
    for m in mentions:
        if m.kind != "state" or m.slug not in DYAD or m.slug in persons or m.slug in out:
            continue
        start, end = m.span.start - base, m.span.end - base
        if _HOLDER_OF.search(text, max(0, start - 40), start) or _TITLE_AFTER.match(text, end):
            out[m.slug] = m
    return out


def _readout_pair(
    sentence: Sentence, triggers: Sequence[Trigger], mentions: list[ActorMention], parties: list[ActorMention]
) -> list[ActorMention] | None:
    """The speaker and addressee of the next sentence's first readout word ("X urged Y", "X … told Dong"), when
    they are persons of the two sides and the speaker is not yet a party of the encounter."""
    said = next((t for t in triggers if t.kind in _READOUT), None)
    if said is None:
        return None
    persons = [m for m in mentions if m.kind == "person" and m.state in DYAD]
    before = [m for m in persons if m.span.end <= said.span.start]
    if not before:
        return None
    speaker = before[0]
    # the addressee follows the speaker, before the readout word's content ends ("X pressed Y to stop unsafe …")
    after = [
        m for m in persons if speaker.span.end <= m.span.start <= said.span.end + _NEAR and m.state != speaker.state
    ]
    if not after:
        return None
    addressee = after[0]
    base = sentence.span.start
    if _CONTENT.search(sentence.text, said.span.end - base, max(said.span.end - base, addressee.span.start - base)):
        return None
    party_slugs = {m.slug for m in parties}
    if speaker.slug in party_slugs:
        return None  # the speaker was named already: nothing to resolve
    return [speaker, addressee]


def _delegation_again(
    sentence: Sentence, mentions: list[ActorMention], leaders: dict[str, ActorMention]
) -> list[ActorMention]:
    """ "The lawmakers", "the delegation" after its leader was named: the leader (one delegation a report)."""
    if len(leaders) != 1:
        return mentions
    leader = next(iter(leaders.values()))
    if any(m.slug == leader.slug for m in mentions):
        return mentions
    base = sentence.span.start
    extra = [
        replace(leader, span=Span(base + g.start(), base + g.end()), name=g.group())
        for g in _GROUP_AGAIN.finditer(sentence.text)
        if not any(m.span.start < base + g.end() and base + g.start() < m.span.end for m in mentions)
    ]
    return sorted([*mentions, *extra], key=lambda m: m.span.start) if extra else mentions
