"""Refusals told apart from what was asked: the persons of the encounter refused, from an earlier sentence, and
the month of a refusal the text does not date (Refusals and Undated acts conventions).

Pure; a report-level step of tracker.extract.pipeline, after the candidates of every sentence are found.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from tracker.extract.actors import ActorIndex
from tracker.extract.facts import BOTH_DEFENSE, OTHER_SIDE
from tracker.extract.lexicon_zh import simplify
from tracker.extract.model import Candidate, Sentence
from tracker.extract.roles import counterpart

__all__ = ["refusals"]

# "had turned down …, the Pentagon said on Monday": the pluperfect puts the refusal before the telling day
_TOLD_ONLY = re.compile(
    r"\bhad (?:\w+ )?(?:turned down|declined|refused|rejected|rebuffed)\b[^;]*,(?: the| a)? [\w .'’-]{0,60}?"
    r"\b(?:said|told reporters|announced|confirmed) (?:on )?\w+\W*$"
)
_TO_MEET = re.compile(r"\b(?:invitation|request|offer|proposal) to (?:meet|hold talks|talk)\b(?! with)")
# the refusal's own clause opens with its state as subject
_STATE_SUBJECT = re.compile(
    r"(?:^|[:;,]\s+|\b(?:but|and) )(?:Beijing|China|the Chinese (?:side|government)|Washington|the United States"
    r"|the U\.S\.(?: side)?)\s+(?:has |have |had )?(?:\w+ )?$"
)
# "their respective counterparts", 各自的对口官员: each caller's own counterpart
_RESPECTIVE = re.compile(r"各自的|各自|\b(?:their|his|her) respective\b", re.I)
_DEFENSE_OFFICES = (("USA", "Secretary of Defense"), ("CHN", "Minister of National Defense"))


def refusals(found: list[Candidate], sentences: list[Sentence], index: ActorIndex) -> list[Candidate]:
    """Each refusal with its asked-for persons and its date's precision settled (one per pair asked, when several
    callers each called their own counterpart)."""
    return [s for c in found for s in (_settled(c, sentences, index) if c.kind == "meeting-declined" else [c])]


def _settled(c: Candidate, sentences: list[Sentence], index: ActorIndex) -> list[Candidate]:
    fact = dict(c.fact)
    if fact.get("precision") == "day" and (not c.dated or _TOLD_ONLY.search(c.evidence)):
        # "中方没有接受美方的通话建议" with no date of its own: the month it is told in, not the teller's day
        fact["occurred_on"], fact["precision"] = str(fact["occurred_on"])[:7], "month"
        fact.pop("until", None)
    people = [p for p in fact.get("participants") or () if p not in OTHER_SIDE]
    day = _day(str(fact["occurred_on"]))
    if len(people) == 1 and fact.get("initiator") in OTHER_SIDE and day and _TO_MEET.search(c.evidence):
        # "China had turned down Austin's invitation to meet": the meeting asked for is with his counterpart
        other = counterpart(index, people[0], day)
        if other is not None and index.by_slug[other].state == fact["initiator"]:
            fact["participants"] = [*people, other]
    pairs = _respective_pairs(c, fact, index)
    if pairs is not None:
        # (a channel found for the sentence is one pair's at most: none is kept)
        one = {k: v for k, v in fact.items() if k != "channel"}
        return [replace(c, fact={**one, "participants": [a, b], "recipient": a}) for a, b in pairs]
    refuser = _person_refusing(c, index)
    if refuser is not None:
        fact["initiator"] = refuser  # "Dong Jun turned down …", 董军婉拒了…: the person refuses, not his state
    if set(fact.get("participants") or ()) <= set(OTHER_SIDE):
        both = _chiefs_asked_earlier(c, sentences, index)
        if both:
            # "就美方提出中美防长通话一事发表谈话。… 中方没有接受美方的通话建议": the two defence chiefs' call
            fact["participants"] = both
            asker = OTHER_SIDE.get(str(fact.get("initiator")))
            if asker is not None:
                fact["recipient"] = next((p for p in both if index.by_slug[p].state == asker), asker)
    return [c if fact == c.fact else replace(c, fact=fact)]


def _respective_pairs(c: Candidate, fact: dict[str, Any], index: ActorIndex) -> list[tuple[str, str]] | None:
    """奥斯汀与米利致电各自的中国对口官员，即魏凤和与李作成, "called their respective counterparts": each asker
    with the refuser's person in the same place of the list (the askers nearest before the word), else None."""
    text = simplify(c.evidence)  # (the index's Han names are simplified: 魏鳳和 is found as 魏凤和)
    word = _RESPECTIVE.search(text)
    refuser = fact.get("initiator")
    if refuser in index.by_slug:
        refuser = index.by_slug[str(refuser)].state  # (the last counterpart named before 都没有回电 is no subject)
    if word is None or refuser not in OTHER_SIDE:
        return None
    asker = OTHER_SIDE[str(refuser)]
    spots: dict[str, list[tuple[int, str]]] = {asker: [], str(refuser): []}
    for slug in fact.get("participants") or ():
        entry = index.by_slug.get(slug)
        if entry is None or entry.kind != "person" or entry.state not in spots:
            continue
        found = [i for i in (text.find(n) for n in (entry.name, *index.han_names.get(slug, ())) if n) if i >= 0]
        if found:
            spots[entry.state].append((min(found), slug))
    askers = sorted(p for p in spots[asker] if p[0] < word.start())
    refusers = sorted(p for p in spots[str(refuser)] if p[0] > word.start())
    if len(refusers) < 2 or len(askers) < len(refusers):
        return None
    return [(a, r) for (_, a), (_, r) in zip(askers[-len(refusers) :], refusers, strict=True)]


def _chiefs_asked_earlier(c: Candidate, sentences: list[Sentence], index: ActorIndex) -> list[str] | None:
    """The two defence chiefs on the refusal's day when an earlier sentence names their encounter (两国防长)."""
    if not any(s.span.end <= c.span.start and BOTH_DEFENSE.search(s.text) for s in sentences):
        return None
    day = _day(str(c.fact["occurred_on"]))
    if day is None:
        return None
    both = [index.held([(office, None)], state, day) for state, office in _DEFENSE_OFFICES]
    return [p for p in both if p] if all(both) else None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text if len(text) == 10 else text[:7] + "-01")
    except ValueError:
        return None


def _person_refusing(c: Candidate, index: ActorIndex) -> str | None:
    """The refusing side's person the sentence names before the refusal verb (its subject), else None ("China
    refused to let Dong Jun meet …" names him only after it)."""
    state = c.fact.get("initiator")
    verb = c.rule.partition(": ")[2]
    before = c.evidence[: c.evidence.find(verb)] if verb and verb in c.evidence else ""
    if _STATE_SUBJECT.search(before):
        return None  # "Austin and his counterpart Li, who have not met: Beijing declined …": the state refuses
    first: tuple[int, str] | None = None
    for slug in c.fact.get("participants") or ():
        entry = index.by_slug.get(slug)
        if state not in OTHER_SIDE or entry is None or entry.state != state or entry.kind != "person":
            continue
        spots = [i for i in (before.find(n) for n in (entry.name, *index.han_names.get(slug, ())) if n) if i >= 0]
        if spots and (first is None or min(spots) < first[0]):
            first = (min(spots), slug)
    return first[1] if first else None
