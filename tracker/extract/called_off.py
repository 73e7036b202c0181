"""A round of a channel called off: its parties are the two states unless its own clause names persons.

"The ministry said it was recalling Admiral X from a visit … and postponing the meeting of the Joint Staff
Dialogue", 吴谦说，中方决定…推迟…对话机制会议: the person recalled, or the spokesman who tells it, stands in
another clause; the postponed round is the two militaries', a `talks` of the channel with status `cancelled`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from tracker.extract.facts import OTHER_SIDE, Built, Scene, home_of, interaction
from tracker.extract.lexicon import Trigger
from tracker.extract.model import Candidate

__all__ = ["encounter", "one_round"]

# where a clause opens or closes around the postponing word
_CLAUSE = re.compile(r"[，,；;。:：]|\band\b")
# "recalling X from a visit", 召回正在美国访问的X: a visit cut short is a visit called off
_RECALLED = re.compile(r"\brecall(?:s|ed|ing)?\b[^.;,]{0,60}?\bfrom an?(?: [\w-]+)? $|召回[^，。；]{0,40}$", re.I)
# 就…一事: the matter a remark is about
_TOPIC_BEFORE = re.compile(r"就[^，。；,;]{0,30}$")
_TOPIC_AFTER = re.compile(r"[^，。；,;]{0,30}?(?:一事|事宜)")
# what a round is called: the postponing word's object
_ROUND = re.compile(r"talks|dialogue|meeting|round|consultation|会议|會議|对话|對話|会谈|會談|磋商|会晤|會晤", re.I)


def _clause(t: Trigger, scene: Scene, reach: int) -> tuple[int, int]:
    """The absolute span of the trigger's clause, stretched to the channel named after it (`reach`)."""
    text, base = scene.sentence.text, scene.sentence.span.start
    local = t.span.start - base
    opened = max((m.end() for m in _CLAUSE.finditer(text, 0, local)), default=0)
    after = _CLAUSE.search(text, max(reach - base, t.span.end - base))
    return base + opened, base + (after.start() if after else len(text))


def encounter(kind: str, status: str, t: Trigger, scene: Scene, day: date, last: date | None = None) -> Built | None:
    """facts.interaction, with a called-off round (a postponing word is a `talks` trigger; "cancelled his visit"
    is told by its visit) given to the two states when the persons the sentence names stand outside the
    postponing word's clause, or when it names none but a channel."""
    local = t.span.start - scene.sentence.span.start
    if (
        kind == "meeting-declined"
        and _TOPIC_BEFORE.search(scene.sentence.text, 0, local)
        and _TOPIC_AFTER.match(scene.sentence.text, t.span.end - scene.sentence.span.start)
    ):
        return None  # 就中方未接受美方通话建议一事答记者问: the refusal is the topic; the report tells it elsewhere
    recall = _RECALLED.search(scene.sentence.text, max(0, local - 80), local) if t.role == "guest" else None
    if recall and status == "occurred":
        status = "cancelled"  # "recalled the admiral from a visit to the United States": the visit called off
    built = interaction(kind, status, t, scene, day, last)
    if built is not None and recall and built[0].get("status") == "cancelled" and "initiator" not in built[0]:
        built = _recaller(built, scene, scene.sentence.span.start + recall.start())
    if built is not None and built[2].startswith("a visit"):
        built = _described_visitor(_without_teller(built, scene), t, scene)
    if status != "cancelled" or t.kind != "talks":
        return built
    if built is None:
        # "A meeting of the Joint Staff Dialogue … has been postponed", 吴谦说，…，推迟…对话机制会议: a catalogue
        # channel is the two states', when the postponing word's clause names no one
        if not scene.channels:
            return None
        near = min(scene.channels, key=lambda c: abs(c[1].start - t.span.start))
        lo, hi = _clause(t, scene, max(near[1].end, t.span.end))
        if any(m.kind != "state" and lo <= m.span.start < hi for m in scene.mentions):
            return None
        return (
            {"kind": "talks", "status": status, "participants": ["USA", "CHN"], "channel": near[0]},
            [],
            "a called-off round",
        )
    fact, used, _ = built
    if fact["kind"] not in ("talks", "meeting"):
        return built
    named = [sp for _, sp in scene.channels if sp.start >= t.span.start]
    lo, hi = _clause(t, scene, named[0].end if named else t.span.end)
    if any(lo <= m.span.start < hi for m in used):
        return built  # "postponed his talks with Dong": the persons of the round
    if not _ROUND.search(scene.sentence.text, lo - scene.sentence.span.start, hi - scene.sentence.span.start):
        return built  # "Austin planned to visit Beijing, but postponed": the visit told before is what is put off
    # ("put off military talks": a round, not a meeting of officials)
    fact = {**fact, "kind": "talks", "participants": ["USA", "CHN"]}
    return fact, [], "a called-off round"


def one_round(found: list[Candidate]) -> list[Candidate]:
    """A called-off round of the two states told twice ("put off military talks set to open on Tuesday" … "postponing
    the meeting of the Joint Staff Dialogue"): one round, with the channel one names and the date the other gives
    (when one of them is undated)."""
    out: list[Candidate] = []
    for c in found:
        into = next((o for o in out if _same_round(o, c)), None)
        if into is None:
            out.append(c)
            continue
        # the dated one's day; of two dated, the day the channel's round was planned for
        dated = c if c.dated and (not into.dated or (c.fact.get("channel") and not into.fact.get("channel"))) else into
        fact = {**dated.fact, "channel": into.fact.get("channel") or c.fact.get("channel")}
        out[out.index(into)] = replace(into, fact=fact, dated=into.dated or c.dated)
    return out


def _same_round(a: Candidate, b: Candidate) -> bool:
    fa, fb = a.fact, b.fact
    if not (fa["kind"] == fb["kind"] == "talks" and fa.get("status") == fb.get("status") == "cancelled"):
        return False
    if set(fa["participants"]) != set(OTHER_SIDE) or set(fb["participants"]) != set(OTHER_SIDE):
        return False
    if a.background != b.background or (fa.get("channel") and fb.get("channel") and fa["channel"] != fb["channel"]):
        return False
    if bool(fa.get("channel")) != bool(fb.get("channel")):
        return _days_apart(fa, fb) <= _ANNOUNCED  # the channel names the round the lede told unnamed
    return fa["occurred_on"] == fb["occurred_on"] or not (a.dated and b.dated)


_ANNOUNCED = 14  # how long before its planned days a round may be called off


def _days_apart(fa: dict[str, Any], fb: dict[str, Any]) -> int:
    try:
        return abs((date.fromisoformat(str(fa["occurred_on"])) - date.fromisoformat(str(fb["occurred_on"]))).days)
    except ValueError:
        return 99


def _recaller(built: Built, scene: Scene, at: int) -> Built:
    """A visit cut short by a recall is called off by the side that recalls (中方决定立即召回…, "Beijing recalled
    its navy chief from a visit"): the last state named before the recall word."""
    states = [m for m in scene.mentions if m.kind == "state" and m.span.end <= at and home_of(m) in OTHER_SIDE]
    if not states:
        return built
    fact, used, rule = built
    return {**fact, "initiator": home_of(states[-1])}, used, rule


# 外交部发言人毛宁24日宣布：…沙利文将访华: who announces the visit is none of its parties
_ANNOUNCES = re.compile(r"\s*(?:[0-9０-９]{1,2}日)?\s*(?:宣布|表示|说|說|称|稱|指出|透露)|\s+(?:announced|said)\b")


def _without_teller(built: Built, scene: Scene) -> Built:
    fact, used, rule = built
    base = scene.sentence.span.start
    tellers = {m.slug for m in used if m.kind == "person" and _ANNOUNCES.match(scene.sentence.text, m.span.end - base)}
    kept = [p for p in fact["participants"] if p not in tellers]
    if not tellers or len(kept) < 2:
        return built
    return {**fact, "participants": kept}, [m for m in used if m.slug not in tellers], rule


# 正在美国参加…并访美的海军司令员沈金龙: the visitor a 的 clause describes follows the visit word
_DESCRIBED = re.compile(r"的[^，。；,;的]{0,12}$")


def _described_visitor(built: Built, t: Trigger, scene: Scene) -> Built:
    fact, used, rule = built
    if scene.language != "zh" or not used:
        return built
    base = scene.sentence.span.start
    after = [
        m for m in scene.mentions
        if m.kind == "person" and m.span.start >= t.span.end
        and _DESCRIBED.search(scene.sentence.text, t.span.end - base, m.span.start - base)
        and scene.sentence.text[t.span.end - base : t.span.end - base + 1] == "的"
    ]  # fmt: skip
    visitor = used[0]
    if not after or after[0].slug in fact["participants"] or after[0].state != visitor.state:
        return built
    parties = [after[0].slug if p == visitor.slug else p for p in fact["participants"]]
    return {**fact, "participants": parties}, [after[0], *used[1:]], rule
