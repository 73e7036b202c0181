"""Chinese appointment lists (issue 10): one decision naming several people to several offices.

An NPC or State Council decision often names a list: 决定王毅、魏凤和等为国务委员，魏凤和为国防部部长. Each
group "names (等)为 offices" appoints every name before 为 to every office joined after it; the groups run on,
comma after comma, until the sentence ends or another verb begins. A decision naming one person to one
office is left to the general office rule.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.facts import Built, Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention
from tracker.extract.names import fold
from tracker.extract.offices import find_office_phrases

__all__ = ["appointment_list"]

_DECISION = re.compile(r"决定|決定|任命")
# between a group's names: 、, 和, 等; between groups: a comma; 为/為 joins the names to the offices
_NAMES_GAP = re.compile(r"\s*(?:、|和|及|与|與)?\s*")
_TO = re.compile(r"\s*等?\s*(?:为|為)")
_OFFICE_GAP = re.compile(r"\s*(?:、|和|及|兼)?\s*")
_GROUP_GAP = re.compile(r"\s*[，,]?\s*(?:任命|决定|決定)?\s*")


def appointment_list(t: Trigger, scene: Scene) -> list[Built]:
    """Every (person, office) pair of a decision's list, when it names two pairs or more; else []."""
    if not _DECISION.fullmatch(t.text):
        return []
    text, base = scene.sentence.text, scene.sentence.span.start
    folded = fold(text)
    persons = sorted(
        (m for m in scene.mentions if m.kind == "person" and m.state == "CHN" and m.span.start >= t.span.end),
        key=lambda m: m.span.start,
    )
    phrases = sorted((p for p in find_office_phrases(folded, scene.language) if p.title or p.concept),
                     key=lambda p: p.start)  # fmt: skip
    at = t.span.end - base
    out: list[Built] = []
    while True:
        gap = _GROUP_GAP.match(text, at)
        at = gap.end() if gap else at
        names: list[ActorMention] = []
        for m in persons:
            start = m.span.start - base
            if start < at:
                continue
            if start != at and not (names and _NAMES_GAP.fullmatch(text, at, start)):
                break
            names.append(m)
            at = m.span.end - base
        to = _TO.match(text, at) if names else None
        if to is None:
            break
        at = to.end()
        offices = []
        for p in phrases:
            if p.start < at:
                continue
            if not _OFFICE_GAP.fullmatch(folded, at, p.start):
                break
            office = replace(p, state=p.state or "CHN").title
            if office:
                offices.append(office)
            at = p.end
        if not offices:
            break
        out += [
            ({"kind": "office-assumed", "actor": m.slug, "office": o, "state": "CHN"}, [m], "appointment list")
            for m in names
            for o in offices
        ]
    return out if len(out) >= 2 else []
