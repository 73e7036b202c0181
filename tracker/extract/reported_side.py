"""The side a reported English reproach is about: "a spokesperson said the United States had seriously violated …"
names, as the reported clause's subject, the side criticised, not the critic.

Pure; a helper of tracker.extract.speech's `_protester`.
"""

from __future__ import annotations

import re

from tracker.extract.facts import OTHER_SIDE, Scene
from tracker.extract.lexicon import Trigger

__all__ = ["criticised_subject"]

_SAID_THAT = re.compile(r"\b(?:said|says|saying|accused|charged)\s+(?:that\s+)?(?:the\s+)?$", re.I)
# "said the United States was deeply concerned": a side's own feeling, so it is the critic
_FEELING = re.compile(r"concern|worr|regret|oppos|dissatisf|disappoint", re.I)
_SAME_CLAUSE = re.compile(r"[^,;]{0,40}")


def criticised_subject(t: Trigger, scene: Scene) -> str | None:
    """The critic where a state opens the reported clause that holds the reproach, else None."""
    if scene.language == "zh":
        return _critic_zh(t, scene)
    if t.kind != "criticism":
        return None
    text, base = scene.sentence.text, scene.sentence.span.start
    for m in scene.mentions:
        if m.kind != "state" or m.span.end > t.span.start or m.slug not in OTHER_SIDE:
            continue
        if (
            _SAID_THAT.search(text, 0, m.span.start - base)
            and _SAME_CLAUSE.fullmatch(text, m.span.end - base, t.span.start - base)
            and not _FEELING.search(text, m.span.end - base, t.span.end - base)
        ):
            return OTHER_SIDE[m.slug]
    return None


# 对中国企业进行无理打压: the side after 对 is the one wronged by the act reproached
_OBJECT_ZH = re.compile(r"[对對]$")
_CLAUSE_ZH = "，,；;。：:"


def _critic_zh(t: Trigger, scene: Scene) -> str | None:
    """发言人敦促美方…: the side right after the urging verb is urged, so the critic is the other; 对中国企业进行无理打压
    (no subject of its own in the clause): the side wronged by the act reproached is the critic."""
    text, base = scene.sentence.text, scene.sentence.span.start
    if t.kind == "demand":
        urged = [m for m in scene.mentions if m.kind == "state" and m.span.start == t.span.end]
        return OTHER_SIDE.get(urged[0].slug) if urged else None
    if t.kind != "criticism":
        return None
    opening = base + max(text.rfind(c, 0, t.span.start - base) for c in _CLAUSE_ZH) + 1
    in_clause = [m for m in scene.mentions if m.kind == "state" and opening <= m.span.start < t.span.start]
    wronged = [m for m in in_clause if _OBJECT_ZH.search(text, 0, m.span.start - base)]
    if wronged and len(wronged) == len(in_clause) and wronged[0].slug in OTHER_SIDE:
        return wronged[0].slug
    return None
