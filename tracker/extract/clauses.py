"""English clause bounds for an encounter's parties: each clause its own subject ("Dong met his counterparts,
while Austin met Philippine officials"), and a time clause opened by a new subject ("Xi met Mattis, hours after
Mattis held talks with Wei") holds only the persons it names.

Pure; part of tracker.extract.facts' encounter reading.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Sentence

__all__ = ["NEW_SUBJECT_EN", "SUBORDINATE_EN", "in_time_clause"]

# "their last meeting before President-elect Donald Trump takes office": a subordinate clause's own subject
# (also "…, following a meeting between Biden and Xi", "a day after Biden met Xi": an earlier encounter of others)
SUBORDINATE_EN = re.compile(r"\b(?:before|until|once|when|after|following)\b")
NEW_SUBJECT_EN = re.compile(r",\s*(?:while|whereas|but)\b|;")
# ", hours after Mattis held talks with …": a time clause with a subject of its own (not "after meeting Dong")
_TIME_CLAUSE = re.compile(r",\s*(?:(?:hours|days|minutes|shortly|just|soon)\s+)?(?:after|before)\s+(?=[A-Z])")


def in_time_clause(persons: list[ActorMention], t: Trigger, sentence: Sentence) -> list[ActorMention]:
    """The persons of the time clause the trigger stands in, by position or by name told again in it (a person
    is found once a sentence, where first named), else `persons`."""
    text, base = sentence.text, sentence.span.start
    local = t.span.start - base
    opened = [m for m in _TIME_CLAUSE.finditer(text, 0, local) if not re.search(r"[,;]", text[m.end() : local])]
    if not opened:
        return persons
    start = opened[-1].end()
    stop = re.compile(r"[,;]").search(text, t.span.end - base)
    clause = text[start : stop.start() if stop else len(text)]
    kept = [
        p for p in persons
        if p.span.start - base >= start
        or (p.name and re.search(rf"\b{re.escape(p.name.split()[-1])}\b", clause))
    ]  # fmt: skip
    return kept if len(kept) >= 2 else persons
