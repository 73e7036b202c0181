"""Channel facts a trigger makes: which channels were suspended, stalled or resumed, and by whom.

Pure; the part of tracker.extract.pipeline that reads a channel trigger's scene (tracker.extract.facts.Scene).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tracker.extract.facts import COUNTERPART, REASON_ZH, Built, Scene, first_actor, home_of
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention
from tracker.extract.names import fold
from tracker.extract.roles import channel_of, counterpart

__all__ = ["channel_facts"]


def _actor_outside_reasons(scene: Scene) -> ActorMention | None:
    """The sentence's first actor outside a reason clause: 针对美方…，中方宣布取消… is China's act."""
    text, base = fold(scene.sentence.text), scene.sentence.span.start
    for m in scene.mentions:
        local = m.span.start - base
        clause = max(text.rfind(c, 0, local) for c in "，,。；;") + 1
        if not (REASON_ZH.match(text, clause) or _SOURCE_ZH.match(text, clause)):
            return m
    return None


_SOURCE_ZH = re.compile(r"\s*据")


def _actor_before(t: Trigger, scene: Scene) -> ActorMention | None:
    """The actor right before an English verb in its clause ("since Beijing suspended the talks")."""
    text, base = scene.sentence.text, scene.sentence.span.start
    near = [m for m in scene.mentions if m.span.end <= t.span.start and t.span.start - m.span.end <= 12
            and not re.search(r"[,;]", text[m.span.end - base : t.span.start - base])]  # fmt: skip
    return near[-1] if near else None


def channel_facts(kind: str, t: Trigger, scene: Scene, day: date | None = None) -> list[Built]:
    subject = _actor_outside_reasons(scene) if scene.language == "zh" else _actor_before(t, scene) or first_actor(scene)
    by = home_of(subject) if subject is not None else None
    out: list[Built] = []
    channels = list(dict.fromkeys(c for c, _ in scene.channels))
    if not channels and kind == "channel-stalled" and day is not None:
        # "Beijing snubbed Austin's efforts to meet his Chinese counterpart, and military communications have
        # stalled": the channel of the people the sentence names.
        people = [m.slug for m in scene.mentions if m.kind == "person"]
        if len(people) == 1 and COUNTERPART.search(scene.sentence.text):
            other = counterpart(scene.index, people[0], day)
            people += [other] if other else []
        found = channel_of(scene.index, people, day)
        channels = [found] if found else []
    for slug in channels:
        fact: dict[str, Any] = {"kind": kind, "channel": slug}
        if by and kind == "channel-suspended":
            fact["by"] = by
        out.append((fact, [], "channel"))
    return out
