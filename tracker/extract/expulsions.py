"""Officers expelled together: 经…批准，A，原B、C主任D，E等9人…被开除党籍、开除军籍 is one office-left for each
officer the list names with a post still held (each by the title before the name); one told as 原 (former) had left
the post before, and the teller (发言人…发布消息) is no one expelled.

Pure; wraps tracker.extract.office_facts.office_changes for the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from tracker.extract.facts import Built, Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.office_facts import office_changes

__all__ = ["changes_of_office"]

_EXPELLED = re.compile(r"开除军籍|開除軍籍")
# where the list of the expelled opens: after the clause that tells or approves the decision
_OPENS = re.compile(r"(?:发布消息|發布消息|宣布|表示|批准|通报|通報|说|說|称|稱)[^，,。；]*[，,：:]")
# a post told as former: 原中央军委委员、政治工作部主任苗华
_FORMER = re.compile(r"^(?:原|前)")


def changes_of_office(kind: str, t: Trigger, scene: Scene, day: date | None = None) -> list[Built]:
    """office_changes, with one fact an officer for an expulsion from the armed forces that lists several."""
    if kind != "office-left" or not _EXPELLED.fullmatch(t.text):
        return office_changes(kind, t, scene, day)
    text, base = scene.sentence.text, scene.sentence.span.start
    local = t.span.start - base
    opened = max((m.end() for m in _OPENS.finditer(text, 0, local)), default=0)
    listed = [m for m in scene.mentions if m.kind == "person" and base + opened <= m.span.start < t.span.start]
    if len(listed) < 2:
        return office_changes(kind, t, scene, day)
    out: list[Built] = []
    others = [m for m in scene.mentions if m.kind != "person"]
    for m in listed:
        item_start = max(text.rfind(c, 0, m.span.start - base) for c in "，,；;") + 1
        if _FORMER.match(text[max(item_start, opened) : m.span.start - base]):
            continue  # (left that post before; 原 covers the posts it heads)
        out.extend(office_changes(kind, t, replace(scene, mentions=[*others, m]), day))
    return out
