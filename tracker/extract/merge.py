"""Candidates of one report put together: an encounter told in pieces is one candidate, a fact told twice one.

Pure; tracker.extract.pipeline's last step.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from tracker.extract.called_off import one_round
from tracker.extract.looked_back import looked_back
from tracker.extract.model import DYAD, Candidate
from tracker.extract.sanctions_retold import retold_sanctions
from tracker.extract.spoken_checks import in_round, voiced
from tracker.extract.strategic_rounds import strategic_rounds
from tracker.extract.zone_twins import zone_twins

__all__ = ["dedupe", "merge"]

FAMILY = {"meeting": "meet", "talks": "meet", "call": "call"}


def merge(found: list[Candidate]) -> list[Candidate]:
    """One encounter told in pieces ("Xie held a rare meeting at the Pentagon" … "in talks with Ratner") is one
    candidate: same family and status, a shared person, the same day or one of them undated; a state stands in
    for a person of that state until the person is named."""
    out: list[Candidate] = []
    for c in found:
        into = next((o for o in out if _same_encounter(o, c)), None)
        if into is None:
            out.append(c)
            continue
        merged = dict(into.fact)
        if merged["kind"] in SPOKEN and (_summons_then_words(c, into) or _state_then_summoner(into, c)):
            merged = dict(c.fact)  # the summons names the envoy: it is the fuller account of the one protest
        if merged["kind"] in SPOKEN:
            # one speaker's act: the person who voiced it rather than their state
            if _state_then_voice(into, c):
                merged["participants"] = [
                    p for p in (*merged["participants"], *c.fact["participants"]) if p not in DYAD
                ][:1]
            if merged.get("recipient") in DYAD and c.fact.get("recipient") not in (None, *DYAD):
                merged["recipient"] = c.fact["recipient"]
            out[out.index(into)] = replace(into, fact=merged, homes={**into.homes, **c.homes})
            continue
        people = [p for p in merged["participants"] if p not in ("CHN", "USA")]
        people += [p for p in c.fact["participants"] if p not in ("CHN", "USA") and p not in people]
        states = [p for p in (*merged["participants"], *c.fact["participants"]) if p in ("CHN", "USA")]
        homes = {**into.homes, **c.homes}
        covered = {homes.get(p) for p in people}
        merged["participants"] = people + [s for s in dict.fromkeys(states) if s not in covered]
        if c.dated and not into.dated:
            merged["occurred_on"], merged["precision"] = c.fact["occurred_on"], c.fact["precision"]
        if merged.get("recipient") in DYAD and c.fact.get("recipient") not in (None, *DYAD):
            merged["recipient"] = c.fact["recipient"]  # the person a protest names, rather than their state
        out[out.index(into)] = replace(
            into, fact=merged, confidence=max(into.confidence, c.confidence), homes=homes,
            new_actors=into.new_actors + [a for a in c.new_actors if a not in into.new_actors],
        )  # fmt: skip
    return zone_twins(in_round(voiced(one_round(strategic_rounds(_visits_met(looked_back(retold_sanctions(out))))))))


def _visits_met(found: list[Candidate]) -> list[Candidate]:
    """A visit to the other state ("arrived in Beijing on Thursday") gives way to the meetings the report names on
    that trip ("She met Vice Premier He Lifeng on Friday"): the persons met are the encounter, not the state."""
    out = []
    for c in found:
        f = c.fact
        if c.rule.startswith("a visit") and len(f["participants"]) == 2 and f["participants"][1] in DYAD:
            visitor, state = f["participants"]
            if any(
                o is not c and o.fact["kind"] in ("meeting", "talks") and o.fact.get("status") == f.get("status")
                and o.background == c.background and visitor in o.fact["participants"]
                and any(o.homes.get(p) == state for p in o.fact["participants"] if p != visitor)
                and 0 <= _days_apart(f, o.fact) <= _TRIP_DAYS
                for o in found
            ):  # fmt: skip
                continue
        out.append(c)
    return out


_TRIP_DAYS = 6  # how long a trip's meetings may follow its arrival


SPOKEN = frozenset({"statement", "appeal", "demand", "criticism"})


def _same_words(a: Candidate, b: Candidate) -> bool:
    """One speaker's demand told twice ("urged …", "also requested …"), a day apart at most: one demand."""
    fa, fb = a.fact, b.fact
    if fa["kind"] not in SPOKEN or fa["kind"] != fb["kind"] or a.background != b.background:
        return False
    if _summons_then_words(a, b) or _summons_then_words(b, a) or _state_then_summoner(a, b):
        return _days_apart(fa, fb) == 0
    if fa.get("participants") != fb.get("participants"):
        # a state's protest and the official who voiced it: one act only when told of the same day
        return _state_then_voice(a, b) and _recipients_agree(fa, fb) and _days_apart(fa, fb) == 0
    if not _recipients_agree(fa, fb):
        return False
    days = {str(fa["occurred_on"]), str(fb["occurred_on"])}
    if len(days) == 1:
        return True
    try:
        first, second = sorted(date.fromisoformat(d) for d in days)
    except ValueError:
        return False
    return (second - first).days <= 1


def _recipients_agree(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """ "佩洛西窜访…严重违反…，中方坚决反对": one protest, to Pelosi and so to her state."""
    recipients = {fa.get("recipient"), fb.get("recipient")}
    return len(recipients) == 1 or (len(recipients) == 2 and len(recipients & DYAD) == 1 and None not in recipients)


def _summons_then_words(a: Candidate, b: Candidate) -> bool:
    """郑泽光召见布兰斯塔德提出严正交涉 … 郑泽光表示，美方行为严重违反…: the summoner's protest to the summoned
    envoy and the words of reproach told of it are one protest (the summons, naming the envoy)."""
    pa, pb = a.fact.get("participants") or [], b.fact.get("participants") or []
    if not (a.fact.get("initiator") and len(pa) == 2 and "recipient" not in a.fact and len(pb) == 1):
        return False
    envoy = next(p for p in pa if p != a.fact["initiator"])
    return pb[0] == a.fact["initiator"] and b.fact.get("recipient") in (envoy, a.homes.get(envoy))


def _state_then_summoner(a: Candidate, b: Candidate) -> bool:
    """ "China summoned the U.S. ambassador …" then "Zheng Zeguang summoned Ambassador Branstad": the state's
    protest to the envoy, told again with the official who summoned him, is one act (the summoner's)."""
    pa, pb = a.fact.get("participants") or [], b.fact.get("participants") or []
    envoy = str(a.fact.get("recipient") or "")
    if not (len(pa) == 1 and pa[0] in DYAD and envoy not in ("", *DYAD) and b.fact.get("initiator")):
        return False
    # (the summoner new to the index may have no home yet; the envoy's is the other side's)
    return envoy in pb and b.homes.get(b.fact["initiator"]) in (None, pa[0]) and b.homes.get(envoy) not in (None, pa[0])


def _days_apart(fa: dict[str, Any], fb: dict[str, Any]) -> int:
    try:
        return abs((date.fromisoformat(str(fa["occurred_on"])) - date.fromisoformat(str(fb["occurred_on"]))).days)
    except ValueError:
        return 0 if fa["occurred_on"] == fb["occurred_on"] else 99


def _state_then_voice(a: Candidate, b: Candidate) -> bool:
    """ "China condemned …" then "Foreign ministry spokesman Wang Wenbin said …": the state's protest of the day,
    told again with the official who voiced it, is one act (the official's)."""
    pa, pb = a.fact.get("participants") or [], b.fact.get("participants") or []
    if len(pa) != 1 or len(pb) != 1 or _other_organs(a, b):
        return False
    if pa[0] in DYAD and pb[0] not in DYAD:
        return b.homes.get(pb[0]) == pa[0]
    if pb[0] in DYAD and pa[0] not in DYAD:
        return a.homes.get(pa[0]) == pb[0]
    return False


# the organs that speak for a state: its foreign ministry and its defence ministry protest apart
_ORGANS = (
    re.compile(r"外交部|foreign ministry|ministry of foreign affairs|state department", re.I),
    re.compile(r"国防部|國防部|defen[cs]e ministry|ministry of (?:national )?defen[cs]e|pentagon", re.I),
)


def _other_organs(a: Candidate, b: Candidate) -> bool:
    """外交部发表声明…强烈不满 and 国防部新闻发言人谭克非…严正抗议: each ministry's protest is its own act."""
    named_a = {i for i, organ in enumerate(_ORGANS) if organ.search(a.evidence)}
    named_b = {i for i, organ in enumerate(_ORGANS) if organ.search(b.evidence)}
    return len(named_a) == 1 and len(named_b) == 1 and named_a != named_b


def _same_refusal(a: Candidate, b: Candidate) -> bool:
    """A refusal told again by its state alone ("the PRC has declined our request") after it was told with the
    persons of the request: one refusal, when the decliner is the same and the day too (or one is undated)."""
    fa, fb = a.fact, b.fact
    if fa["kind"] != "meeting-declined" or fb["kind"] != "meeting-declined" or a.background != b.background:
        return False
    if fa.get("initiator") != fb.get("initiator") or fa.get("initiator") is None:
        return False
    if not (set(fa["participants"]) <= {"CHN", "USA"} or set(fb["participants"]) <= {"CHN", "USA"}):
        return False
    return bool(fa["occurred_on"] == fb["occurred_on"] or not (a.dated and b.dated))


def _same_encounter(a: Candidate, b: Candidate) -> bool:
    if _same_words(a, b) or _same_refusal(a, b):
        return True
    fa, fb = a.fact, b.fact
    if FAMILY.get(fa["kind"]) is None or FAMILY.get(fa["kind"]) != FAMILY.get(fb["kind"]):
        return False
    if fa.get("status") != fb.get("status") or a.background != b.background:
        return False
    people_a = {p for p in fa["participants"] if p not in ("CHN", "USA")}
    people_b = {p for p in fb["participants"] if p not in ("CHN", "USA")}
    if not people_a or not people_b:
        # "U.S. and Chinese officials held talks …" then "Chase hosted Song": the states stood in for the
        # people named next, when those people are of both states and the second is undated or of the same day
        named, homes = (people_b, b.homes) if not people_a else (people_a, a.homes)
        if not (named and _both_named(named, homes)):
            return False
    elif not people_a & people_b:
        return False
    if people_a != people_b and _both_named(people_a, a.homes) and _both_named(people_b, b.homes):
        return False  # Blinken met Xi, and Wang Yi: each meeting names both its sides, so they are two
    return bool(fa["occurred_on"] == fb["occurred_on"] or not (a.dated and b.dated) or _within(fa, fb))


def _within(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """A day of a visit's range (11日至12日访问中国, 在廊坊与谢锋会谈 dated the 12th): the visit's encounter."""
    return fb.get("precision") == "day" and fa["occurred_on"] <= fb["occurred_on"] <= fa.get("until", "")


def _both_named(people: set[str], homes: dict[str, str | None]) -> bool:
    """Whether persons of both states are named (a state no longer stands in for either side)."""
    return {homes.get(p) for p in people} >= {"CHN", "USA"}


def _key(c: Candidate) -> tuple[Any, ...]:
    f = c.fact
    parties = frozenset(
        [*f.get("participants", ()), f.get("initiator"), f.get("recipient"), f.get("target"), f.get("imposed_by"),
         f.get("channel"), f.get("actor")]
    ) - {None}  # fmt: skip
    # USA criticising CHN and CHN criticising the USA name the same parties: the speaker tells them apart
    speaker = (f.get("participants") or [None])[0] if f["kind"] in SPOKEN else None
    return (f["kind"], f.get("status"), parties, f.get("occurred_on"), f.get("office"), speaker)


def dedupe(found: list[Candidate]) -> list[Candidate]:
    """One candidate a fact: the first mention's evidence, the best confidence of its mentions."""
    best: dict[tuple[Any, ...], Candidate] = {}
    for c in found:
        k = _key(c)
        held = best.get(k)
        if held is None:
            best[k] = c
        elif c.confidence > held.confidence:
            best[k] = replace(held, confidence=c.confidence)
    return list(best.values())
