"""What offices tell extraction: the channel two office holders talk on, and who a "counterpart" is; and where
an encounter verb's objects stop.

Pure: reads the offices an ActorIndex holds, on the report's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.extract.actors import ActorIndex
from tracker.extract.model import ActorMention
from tracker.extract.offices import holds

__all__ = ["channel_of", "channel_within", "counterpart", "earlier_objects", "objects_end", "offices_on"]

_DEFENSE_US = frozenset({"Secretary of Defense", "Acting Secretary of Defense", "Secretary of War"})
_DEFENSE_CN = frozenset({"Minister of National Defense"})
_CHIEFS_US = frozenset({"Chairman of the Joint Chiefs of Staff"})
_CHIEFS_CN = frozenset({"Chief of the CMC Joint Staff Department"})
_THEATER_US = frozenset({"Commander, U.S. Indo-Pacific Command"})
_THEATER_CN = frozenset({"Commander, Eastern Theater Command", "Commander, Southern Theater Command"})

# A meeting or call between the holders of these offices is on the channel (both sides must hold theirs).
CHANNELS = (
    ("defense-ministers", _DEFENSE_US, _DEFENSE_CN),
    ("chiefs-of-defense", _CHIEFS_US, _CHIEFS_CN),
    ("theater-commanders", _THEATER_US, _THEATER_CN),
)
# "His Chinese counterpart": the office of the same rank on the other side.
COUNTERPARTS = {
    "Secretary of Defense": ("CHN", "Minister of National Defense"),
    "Acting Secretary of Defense": ("CHN", "Minister of National Defense"),
    "Secretary of War": ("CHN", "Minister of National Defense"),
    "Minister of National Defense": ("USA", "Secretary of Defense"),
    "Chairman of the Joint Chiefs of Staff": ("CHN", "Chief of the CMC Joint Staff Department"),
    "Chief of the CMC Joint Staff Department": ("USA", "Chairman of the Joint Chiefs of Staff"),
    "Secretary of State": ("CHN", "Minister of Foreign Affairs"),
    "Minister of Foreign Affairs": ("USA", "Secretary of State"),
}


def offices_on(index: ActorIndex, slug: str, on: date) -> set[str]:
    """The offices an actor held on a day."""
    return {office for office, _, _, record, holder in index.offices if holder == slug and holds(record, on)}


def channel_of(index: ActorIndex, participants: list[str], on: date) -> str | None:
    """The catalogue channel of an encounter between its participants' offices on the day, if they pair up."""
    held = [offices_on(index, p, on) for p in participants]
    for slug, us, cn in CHANNELS:
        if any(h & us for h in held) and any(h & cn for h in held):
            return slug
    return None


def channel_within(index: ActorIndex, participants: list[str], first: date, last: date) -> str | None:
    """The channel of an encounter dated by a day, or only by a month or year ("turned down a request … last
    year"): the participants' offices paired on some day of the period (a minister may have taken office in it)."""
    days = [first + timedelta(days=k) for k in range(0, (last - first).days + 1, 7)]
    for day in [*days, last] if days[-1] != last else days:
        found = channel_of(index, participants, day)
        if found is not None:
            return found
    return None


def counterpart(index: ActorIndex, slug: str, on: date) -> str | None:
    """Who held the matching office on the other side on the day ("his Chinese counterpart")."""
    for office in sorted(offices_on(index, slug, on)):
        other = COUNTERPARTS.get(office)
        if other is not None:
            state, wanted = other
            found = index.held([(wanted, None)], state, on)
            if found is not None:
                return found
    return None


_CLAUSE_END_ZH = re.compile(r"[，,。；]")
# "held talks … and agreed (in principle) that Biden and Xi would meet": who is named after it is the agreement's
_AND_THEN = r"\s+and\s+(?:(?:later|then|also|afterwards|separately)\s+)?(?:(?:on|in)\s+\w+\s+)?"
# (also the nouns of a visit's parts: "talks with Qin on Sunday and a meeting with Wang on Monday")
_NEXT_VERB = r"(?:met|held\s+talks|spoke|talked|(?:an?\s+)?(?:meeting|talks)\s+with)\b"
_AGREED_THAT = re.compile(
    r"\b(?:and\s+)?agreed\s+(?:in\s+principle\s+)?that\b|,\s+agreeing\s+(?:in\s+principle\s+)?that\b"
    # "held talks with Li on Sunday and later met He": the next encounter has its own objects
    rf"|(?<=\w{{3}}){_AND_THEN}{_NEXT_VERB}"
)
# "… held talks with Li on Sunday and later on Monday met He": the earlier verb and its objects, before the joint
_EARLIER_OBJECTS = re.compile(rf"\b{_NEXT_VERB}(?P<objects>[^.;]*?\w{{3}}){_AND_THEN}(?:an?\s+)?$")


def objects_end(text: str, pos: int, language: str) -> int | None:
    """Where the objects of an encounter verb ending at `pos` stop: a Chinese verb's at the next comma, an English
    one's at "and agreed that" (what was agreed is another encounter, with its own persons)."""
    stop = (_CLAUSE_END_ZH if language == "zh" else _AGREED_THAT).search(text, pos)
    return stop.start() if stop else None


def earlier_objects(persons: list[ActorMention], text: str, base: int, at: int) -> list[ActorMention]:
    """`persons` without the objects of an encounter verb joined by "and later" to the one at `at` (they are not
    its subjects)."""
    m = _EARLIER_OBJECTS.search(text, 0, at - base)
    if m is None:
        return persons
    return [p for p in persons if not base + m.start("objects") <= p.span.start < base + m.end("objects")]


# 两国元首, "the two presidents": both heads of state, as 两国防长 names both defence chiefs
_BOTH_LEADERS = re.compile(r"两国元首|兩國元首|中美元首|美中元首|\bthe two presidents\b", re.IGNORECASE)


def both_leaders(participants: list[str], text: str, index: ActorIndex, on: date) -> list[str] | None:
    """A head of state and the other state, in a sentence naming both heads of state: the head of state and the
    other's president that day; else None."""
    if len(participants) != 2 or not _BOTH_LEADERS.search(text):
        return None
    people = [p for p in participants if p not in ("CHN", "USA")]
    states = [p for p in participants if p in ("CHN", "USA")]
    if len(people) != 1 or len(states) != 1:
        return None
    entry = index.by_slug.get(people[0])
    if entry is None or entry.state == states[0] or index.held([("President", None)], entry.state, on) != people[0]:
        return None  # (董军…落实两国元首共识: a person other than a head of state stays with the state)
    other = index.held([("President", None)], states[0], on)
    return [people[0], other] if other else None
