"""A side's words in a readout: 美方在会谈中表示, 中方阐明了…严正立场 — the words of a delegation that no person
speaks for, the side's `statement` to the other state (Readouts convention).

Pure; called by tracker.extract.speech.spoken_act when a readout verb has no person for its speaker. The statement
is kept only in the readout of an encounter the report tells (tracker.extract.spoken.readouts).
"""

from __future__ import annotations

import re
from typing import Any

from tracker.extract.facts import OTHER_SIDE, Built, Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.lexicon_zh import simplify

__all__ = ["own_part", "side_readout"]

# The side opens the verb's clause: 美方在会谈中表示, 中方则强调, 美方官员表明 (not 外交部发言人说中方…: the side
# must be the subject right before the verb, in the same clause)
_SIDE_BEFORE = re.compile(
    r"(?:^|[，。；：、])\s*(?P<side>中方|美方)(?:官员|代表|代表团)?"
    r"(?:在(?:会谈|会见|会晤|通话|对话|磋商|会议|会上)[^，。；]{0,4}?(?:中|时|上)?)?(?:也|还|则|并|同时|亦)?了?$"
)
_STATES = {"中方": "CHN", "美方": "USA"}
_CLAUSE_END = re.compile(r"[。；;]")


def side_readout(kind: str, t: Trigger, scene: Scene) -> Built | None:
    """The side's statement when the side is the readout verb's subject, else None (commentary)."""
    if kind != "statement" or t.role != "readout" or scene.language != "zh":
        return None
    local = t.span.start - scene.sentence.span.start
    side = _SIDE_BEFORE.search(simplify(scene.sentence.text[max(0, local - 24) : local]))
    if side is None:
        return None
    if any(o.kind in ("criticism", "demand") and t.span.end <= o.span.start for o in scene.triggers
           if not _CLAUSE_END.search(scene.sentence.text, local, o.span.start - scene.sentence.span.start)):  # fmt: skip
        return None  # 中方强调坚决反对美方…: words that criticise are that act, not a statement
    state = _STATES[side.group("side")]
    fact: dict[str, Any] = {"kind": kind, "status": t.status, "participants": [state], "recipient": OTHER_SIDE[state]}
    return fact, [], "words in a readout"  # (speech.READOUT: the readouts step keeps it on an encounter)


def own_part(text: str, at: int) -> str:
    """The semicolon-bounded part of `text` around offset `at` (…重申保持沟通渠道畅通的共识；美方在会谈中表示…: the
    shared aim of one part does not silence the position of the next)."""
    start = max(text.rfind("；", 0, at), text.rfind(";", 0, at)) + 1
    ends = [i for i in (text.find("；", at), text.find(";", at)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]
