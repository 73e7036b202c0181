"""The day of a spoken reproach in English: the day it was said, not the day of the act it reproaches.

Pure; a helper of tracker.extract.fact_parts's `date_of`.
"""

from __future__ import annotations

import re

from tracker.extract.facts import Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.model import DateMention, Report

__all__ = ["reproach_day"]

_SPOKEN = ("criticism", "demand")
# "…, the command said in a statement released Thursday": the closing attribution's own date
_TOLD_AT_END = re.compile(
    r",\s+(?:the\s+)?[^,;]{0,60}?\b(?:said|says)\b(?:\s+in\s+a\s+(?:statement|release)(?:\s+(?:released|issued))?)?"
    r"\s+(?:on\s+)?$",
    re.I,
)
# "had violated international law by issuing an advisory … last week": the reason clause dates the act reproached
_BY_DOING = re.compile(r"\bby\s+\w+ing\b", re.I)


def reproach_day(t: Trigger, scene: Scene, report: Report, last: DateMention | None) -> tuple[DateMention, bool] | None:
    """The date of an English criticism or demand where the sentence also dates what is reproached, else None."""
    if t.kind not in _SPOKEN or scene.language == "zh" or t.background or not scene.dates:
        return None
    text, base = scene.sentence.text, scene.sentence.span.start
    told = [d for d in scene.dates if d.span.start >= t.span.end and _TOLD_AT_END.search(text, 0, d.span.start - base)]
    if told:
        return told[0], True
    by = _BY_DOING.search(text, t.span.end - base)
    if by is None or any(d.span.start < base + by.start() for d in scene.dates):
        return None
    # Every date sits in the reason clause: the reproach is the speaker's of the day the report tells.
    if last is not None and last.precision == "day" and last.until is None:
        return last, False
    return DateMention(report.published_at.date(), "day", scene.sentence.span), False
