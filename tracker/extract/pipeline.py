"""Report text in, candidate facts out: the stages of tracker.extract put together (issue 10).

For each sentence: its triggers (a verb or noun that signals a kind of fact), the actors, dates, channels
and places around them, and the sentence's cues (background, expected, a rewrite of another outlet's story).
Each trigger that is not negated, hypothetical or a quoted demand's content becomes at most one candidate per
target (one per channel, one per sanctioned party), in the shape `tracker append --file` takes, with a
confidence and the sentence as its evidence. Rules, not statistics: each candidate names the rule that made
it, so a reviewer can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.extract import EXTRACTOR_VERSION
from tracker.extract.actors import ActorIndex, find_all
from tracker.extract.dates import find_dates
from tracker.extract.lexicon import ChannelIndex, Cues, PlaceIndex, Trigger, cues, find_channels, find_places
from tracker.extract.lexicon import find_triggers as triggers_in
from tracker.extract.merge import dedupe, merge
from tracker.extract.model import ActorMention, Candidate, DateMention, Report, Sentence
from tracker.extract.names import fold
from tracker.extract.offices import find_office_phrases
from tracker.extract.roles import channel_of, counterpart
from tracker.extract.sentences import split

__all__ = ["Context", "extract"]

INTERACTIONS = frozenset(
    {"meeting", "call", "talks", "statement", "intent-to-meet", "appeal", "demand", "criticism",
     "meeting-declined", "military-cooperation"}
)  # fmt: skip
TWO_SIDED = frozenset({"meeting", "call", "talks", "intent-to-meet", "military-cooperation"})
SPOKEN = frozenset({"statement", "appeal", "demand", "criticism"})
CHANNEL_KINDS = frozenset({"channel-suspended", "channel-resumed", "channel-stalled"})
OTHER_SIDE = {"CHN": "USA", "USA": "CHN"}
MAX_PARTICIPANTS = 6
# How far from a trigger (characters) its subjects and objects stand, by language.
NEAR = {"en": 90, "zh": 30}
COUNTERPART = re.compile(r"counterpart|对口|同行|對口")


@dataclass(frozen=True)
class Context:
    """What extraction knows besides the text: actors with their offices, channels and places.

    `known` are the slugs the ledger holds: an actor the index knows from elsewhere (the shipped list of
    organizations that sanctions name) is proposed for registration with the fact, as a new official is.
    """

    actors: ActorIndex
    channels: ChannelIndex
    places: PlaceIndex | None = None
    version: str = EXTRACTOR_VERSION
    known: frozenset[str] = frozenset()
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def shipped(cls, actors: list[dict[str, Any]] | None = None) -> Context:
        """The context of the shipped reference data (states, channels, places, organizations) and the actors
        given (the ledger's, from its read models; the shipped list when None)."""
        from tracker.data import load

        return cls.from_data(
            load("actors") if actors is None else actors, load("states"), load("channels"), load("places"),
            load("organizations"),
        )  # fmt: skip

    @classmethod
    def from_data(
        cls,
        actors: list[dict[str, Any]],
        states: list[dict[str, Any]],
        channels: list[dict[str, Any]],
        places: list[dict[str, Any]] | None = None,
        organizations: list[dict[str, Any]] | None = None,
    ) -> Context:
        """Indexes built from plain data in the shape of tracker/data's files (or the read models' rows)."""
        known = frozenset(a["slug"] for a in [*actors, *states])
        extra = {o["slug"]: o for o in organizations or () if o["slug"] not in known}
        return cls(
            ActorIndex.build([*actors, *extra.values()], states),
            ChannelIndex.build(channels),
            PlaceIndex.build(places) if places is not None else None,
            known=known,
            extra=extra,
        )


@dataclass
class _Scene:
    """One sentence and what was found in it."""

    sentence: Sentence
    mentions: list[ActorMention]
    dates: list[DateMention]
    channels: list[tuple[str, Any]]
    places: list[tuple[str, Any]]
    cues: Cues
    language: str
    index: ActorIndex


def extract(report: Report, context: Context) -> list[Candidate]:
    """Every candidate fact of a report, highest confidence first among duplicates, in text order."""
    language = report.language if report.language in ("en", "zh") else "en"
    sentences = split(report.text, language)
    mentions_by_sentence = find_all(sentences, report, context.actors)
    found: list[Candidate] = []
    last_date: DateMention | None = None
    for sentence, mentions in zip(sentences, mentions_by_sentence, strict=True):
        sentence_cues = cues(sentence, language)
        if sentence_cues.question:
            continue
        triggers = [t for t in triggers_in(sentence, language) if not (t.negated or t.hypothetical)]
        dates = find_dates(sentence, report)
        if not triggers:
            last_date = dates[0] if dates else last_date
            continue
        scene = _Scene(
            sentence, mentions, dates, find_channels(sentence, language, context.channels),
            find_places(sentence, language, context.places), sentence_cues, language, context.actors,
        )  # fmt: skip
        for trigger in triggers:
            for candidate in _candidates(trigger, scene, report, last_date, context):
                found.append(candidate)
        last_date = dates[0] if dates else last_date
    return dedupe(merge(found))


def _candidates(
    t: Trigger, scene: _Scene, report: Report, last_date: DateMention | None, context: Context
) -> list[Candidate]:
    kind = "intent-to-meet" if t.governed_by == "intent-to-meet" and t.kind in TWO_SIDED else t.kind
    if t.quoted and kind not in SPOKEN:
        return []  # the content of a demand or a quotation: the speaker's demand carries it
    when, dated = _date(t, scene, report, last_date)
    background = t.background or (scene.cues.background and when.day.year < report.published_at.year)
    status = _status(t, when)
    base: dict[str, Any] = {"occurred_on": _iso(when), "precision": when.precision}
    if when.until is not None and when.precision == "day":
        base["until"] = when.until.isoformat()
    facts: list[tuple[dict[str, Any], list[ActorMention], str]] = []
    if kind in INTERACTIONS:
        built = _interaction(kind, status, t, scene, when.day)
        if built is not None:
            facts.append(built)
    elif kind in ("sanction-imposed", "sanction-lifted", "countermeasure"):
        facts.extend(_sanctions(kind, t, scene))
    elif kind in CHANNEL_KINDS:
        facts.extend(_channel_facts(kind, t, scene))
    elif kind in ("office-assumed", "office-left"):
        facts.extend(_office(kind, t, scene))
    out = []
    for fact, used, rule in facts:
        fact.update(base)
        place = _place_near(t, scene)
        if kind in INTERACTIONS and place and "location" not in fact:
            fact["location"] = place
        new = [m for m in used if m.new or (context.known and m.slug not in context.known)]
        confidence = _confidence(fact, used, dated, background)
        out.append(
            Candidate(
                fact=fact,
                confidence=confidence,
                evidence=scene.sentence.text,
                span=scene.sentence.span,
                extractor_version=context.version,
                background=background,
                rule=f"{rule}: {t.text}",
                dated=dated,
                homes={m.slug: _home(m) for m in used},
                new_actors=[
                    {
                        "slug": m.slug,
                        "names": m.names or context.extra.get(m.slug, {}).get("names") or {scene.language: m.name},
                        "office": m.office,
                        "state": m.state,
                        "kind": m.kind,
                    }
                    for m in new
                ],
            )
        )
    return out


# -- the parts of a fact ---------------------------------------------------------------------------------


def _date(t: Trigger, scene: _Scene, report: Report, last: DateMention | None) -> tuple[DateMention, bool]:
    """The date nearest the trigger in its sentence (for an announcement, the sentence's first date: "China
    said on Friday it was cancelling …"), else the report's last date, else its publication day."""
    if scene.dates:
        if t.kind not in INTERACTIONS and not t.background:
            return scene.dates[0], True
        return min(scene.dates, key=lambda d: abs(d.span.start - t.span.start)), True
    if last is not None:
        return last, False
    day = report.published_at.date()
    return DateMention(day, "day", scene.sentence.span), False


def _status(t: Trigger, when: DateMention) -> str:
    """The trigger's own status (its tense, a refusal, a cancellation), or expected when its date is ahead."""
    if t.status != "occurred":
        return t.status
    return "expected" if when.expected else "occurred"


def _place_near(t: Trigger, scene: _Scene) -> str | None:
    reach = NEAR[scene.language]
    near = [slug for slug, span in scene.places if abs(span.start - t.span.start) <= reach]
    return near[0] if near else None


def _iso(when: DateMention) -> str:
    if when.precision == "year":
        return f"{when.day.year:04d}"
    if when.precision == "month":
        return f"{when.day.year:04d}-{when.day.month:02d}"
    return when.day.isoformat()


def _parties(scene: _Scene) -> tuple[list[ActorMention], list[str]]:
    persons: list[ActorMention] = []
    states: list[str] = []
    for m in scene.mentions:
        if m.kind == "state":
            if m.slug not in states:
                states.append(m.slug)
        elif all(p.slug != m.slug for p in persons):
            persons.append(m)
    return persons, states


def _near(t: Trigger, scene: _Scene, persons: list[ActorMention]) -> list[ActorMention]:
    """The persons around a trigger: those just before it (its subjects) and just after (its objects)."""
    reach = NEAR[scene.language]
    return [
        p for p in persons
        if t.span.start - reach <= p.span.end <= t.span.start or t.span.end <= p.span.start <= t.span.end + reach
    ]  # fmt: skip


def _subject(t: Trigger, scene: _Scene) -> ActorMention | None:
    """The last actor named before the trigger (the grammatical subject, in wire style), else the first after."""
    before = [m for m in scene.mentions if m.span.end <= t.span.start]
    if before:
        return before[-1]
    after = [m for m in scene.mentions if m.span.start >= t.span.end]
    return after[0] if after else None


def _home(m: ActorMention) -> str | None:
    return m.slug if m.kind == "state" else m.state


def _interaction(
    kind: str, status: str, t: Trigger, scene: _Scene, day: date
) -> tuple[dict[str, Any], list[ActorMention], str] | None:
    built = _encounter(kind, status, t, scene, day)
    if built is None:
        return None
    fact, used, rule = built
    if fact["kind"] in TWO_SIDED or fact["kind"] == "meeting-declined":
        text_channel = scene.channels[0][0] if scene.channels else None
        channel = text_channel or channel_of(scene.index, [p for p in fact["participants"] if p not in OTHER_SIDE], day)
        if channel:
            fact["channel"] = channel
        if fact["kind"] == "talks" and text_channel is None:
            fact["kind"] = "meeting"  # talks between two officials, off any channel's rounds, are a meeting
    return fact, used, rule


def _encounter(
    kind: str, status: str, t: Trigger, scene: _Scene, day: date
) -> tuple[dict[str, Any], list[ActorMention], str] | None:
    persons, states = _parties(scene)
    fact: dict[str, Any] = {"kind": kind, "status": status}
    if kind in SPOKEN:
        speaker = _subject(t, scene)
        if speaker is None:
            return None
        home = _home(speaker)
        fact["participants"] = [speaker.slug]
        other = OTHER_SIDE.get(home or "")
        if other:
            fact["recipient"] = other
        return fact, [speaker], "speech"
    if kind == "meeting-declined":
        decliner = _subject(t, scene)
        if decliner is None:
            return None
        home = _home(decliner)
        others = [p for p in persons if p.state != home]
        fact["status"] = "occurred"
        fact["participants"] = [p.slug for p in persons if p.kind != "state"] or [decliner.slug]
        if len(fact["participants"]) == 1 and COUNTERPART.search(scene.sentence.text):
            other = counterpart(scene.index, fact["participants"][0], day)
            if other is not None:
                fact["participants"].append(other)
        if home:
            fact["initiator"] = home
        if others:
            fact["recipient"] = others[0].slug
        return fact, persons, "refusal"
    near = _near(t, scene, persons)
    if t.role == "guest" and near:
        # A visit: the visitor and the side visited (the other state, or the state of the place).
        before = [p for p in near if p.span.end <= t.span.start]
        visitor = before[-1] if before else near[0]
        hosts = [s for s in states if s != _home(visitor)] or [OTHER_SIDE.get(_home(visitor) or "", "")]
        hosted = [p for p in near if p is not visitor and _home(p) != _home(visitor)]
        if hosted:
            fact["participants"] = [visitor.slug, *(p.slug for p in hosted)]
            return fact, [visitor, *hosted], "a visit"
        if hosts[0]:
            fact["participants"] = [visitor.slug, hosts[0]]
            return fact, [visitor], "a visit"
    if len(near) >= 2:
        persons = near
    if len(persons) >= 2:
        used = persons[:MAX_PARTICIPANTS]
        fact["participants"] = [p.slug for p in used]
        return fact, used, "two named parties"
    if len(persons) == 1 and COUNTERPART.search(scene.sentence.text):
        other = counterpart(scene.index, persons[0].slug, day)
        if other is not None:
            fact["participants"] = [persons[0].slug, other]
            return fact, persons, "a named party and their counterpart"
    if len(persons) == 1:
        other_states = [s for s in states if s != persons[0].state]
        if not other_states:
            return None
        fact["participants"] = [persons[0].slug, other_states[0]]
        return fact, persons, "a named party and a state"
    if len(states) >= 2:
        fact["participants"] = states[:2]
        return fact, [], "two states"
    return None


def _first(scene: _Scene) -> ActorMention | None:
    """An announcement's subject: the sentence's first actor ("The United States on Thursday imposed …")."""
    return scene.mentions[0] if scene.mentions else None


def _sanctions(kind: str, t: Trigger, scene: _Scene) -> list[tuple[dict[str, Any], list[ActorMention], str]]:
    reach = NEAR[scene.language]
    parties = [m for m in scene.mentions if m.kind != "state"]
    after = [m for m in parties if t.span.end <= m.span.start <= t.span.end + reach]
    before = [m for m in parties if t.span.start - reach <= m.span.end <= t.span.start]
    targets = after if after and not (t.passive or t.background) else before[-1:] or after
    if not targets:
        return []
    subject = _first(scene)
    imposer = None
    if subject is not None and subject.kind == "state" and not t.passive:
        imposer = subject.slug
    lifted = kind == "sanction-lifted"
    out: list[tuple[dict[str, Any], list[ActorMention], str]] = []
    for target in targets:
        by = imposer or ("CHN" if kind == "countermeasure" else OTHER_SIDE.get(target.state or ""))
        if by is None or by == target.state:
            continue
        fact = {"kind": "sanction-lifted" if lifted else "sanction-imposed", "target": target.slug, "imposed_by": by}
        out.append((fact, [target], "sanction"))
    return out


def _channel_facts(kind: str, t: Trigger, scene: _Scene) -> list[tuple[dict[str, Any], list[ActorMention], str]]:
    subject = _first(scene)
    by = _home(subject) if subject is not None else None
    out: list[tuple[dict[str, Any], list[ActorMention], str]] = []
    for slug in dict.fromkeys(c for c, _ in scene.channels):
        fact: dict[str, Any] = {"kind": kind, "channel": slug}
        if by and kind == "channel-suspended":
            fact["by"] = by
        out.append((fact, [], "channel"))
    return out


def _office(kind: str, t: Trigger, scene: _Scene) -> list[tuple[dict[str, Any], list[ActorMention], str]]:
    """Who took or left which offices: the person the verb governs ("named Li … as defence minister",
    任命董军为国防部长, 免去李尚福的国务委员、国防部部长职务, "replacing Wei"), the offices named after it."""
    persons = [m for m in scene.mentions if m.kind == "person"]
    after = [m for m in persons if m.span.start >= t.span.start]
    before = [m for m in persons if m.span.end <= t.span.start]
    actor = after[0] if after else before[-1] if before else None
    if actor is None or actor.state is None:
        return []
    local = t.span.start - scene.sentence.span.start
    folded = fold(scene.sentence.text)
    offices = [p.title for p in find_office_phrases(folded, scene.language) if p.start >= local and p.title]
    if t.role == "object":  # "replacing Wei": the office the sentence's subject took
        offices = [p.title for p in find_office_phrases(folded, scene.language) if p.title]
    if not offices and actor.office:
        offices = [actor.office]
    if not offices:
        return []
    limit = 2 if kind == "office-left" else 1  # one can leave several offices at once; one is named to one
    return [
        ({"kind": kind, "actor": actor.slug, "office": office, "state": actor.state}, [actor], "office")
        for office in list(dict.fromkeys(offices))[:limit]
    ]


def _confidence(fact: dict[str, Any], used: list[ActorMention], dated: bool, background: bool) -> float:
    score = 0.95
    if not dated:
        score -= 0.2
    if any(m.new for m in used):
        score -= 0.1
    if fact.get("participants") and all(p in ("CHN", "USA") for p in fact["participants"]):
        score -= 0.1
    if background:
        score -= 0.3
    return max(0.05, round(score, 3))
