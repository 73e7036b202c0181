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
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from tracker.extract import EXTRACTOR_VERSION
from tracker.extract.actors import ActorIndex, find_all, names_anyone
from tracker.extract.agreements import spelled_out
from tracker.extract.called_off import encounter
from tracker.extract.channel_facts import channel_facts, suspended_by_lede, suspended_object
from tracker.extract.clause_encounters import clause_encounters
from tracker.extract.coref import actors_wanted, resolve_references
from tracker.extract.dates import find_dates
from tracker.extract.encounter_cues import no_contact
from tracker.extract.expulsions import changes_of_office
from tracker.extract.fact_parts import (
    COMPARISON,
    calls_off_channel,
    confidence,
    date_of,
    iso,
    per_channel,
    period_end,
    place_near,
    status_of,
)
from tracker.extract.facts import (
    BOTH_SIDES,
    CHANNEL_KINDS,
    INTERACTIONS,
    SPOKEN,
    TWO_SIDED,
    Built,
    Scene,
    home_of,
)
from tracker.extract.framed import accepted_invitations, framed_encounters
from tracker.extract.lexicon import ChannelIndex, PlaceIndex, Trigger, cues, find_channels, find_places
from tracker.extract.lexicon import find_triggers as triggers_in
from tracker.extract.listed_next import listed_next
from tracker.extract.merge import dedupe, merge
from tracker.extract.model import ActorMention, Candidate, DateMention, Report, Sentence, Span
from tracker.extract.named_later import named_later
from tracker.extract.one_act import demand_over_reproach
from tracker.extract.quote_first import attributed
from tracker.extract.refusals import refusals
from tracker.extract.revival import long_silence, resumed_later
from tracker.extract.sanction_facts import MEASURE_WORD, announced_by, sanctions, topic_of_remarks
from tracker.extract.sentences import split
from tracker.extract.signed import signed_statement
from tracker.extract.spoken import (
    absorbed_by_reproach,
    absorbed_by_summons,
    mutual_invitations,
    readouts,
    specific_words,
)
from tracker.extract.spoken_checks import spoken

__all__ = ["Context", "extract"]

# Words without which no channel of the catalogue is named: a cheap test before the full one.
_CHANNEL_WORD = re.compile(
    r"talk|dialog|consult|hotline|link|commander|maritime|policy|chiefs|cjcs|joint staff|defen[cs]e|working group|ccwg|"
    r"磋商|会谈|會談|会晤|會晤|对话|對話|通话|通話|热线|熱線|直通|防长|防長|战区|戰區|总参|總參|参谋|參謀|工作组|工作組",
)  # searched in lower-case text: IGNORECASE on a Unicode pattern is several times slower
# "scrapped A and B consultations with …", 暂停A、B会晤和C会议: the encounter word names another item of the list
_COORDINATED = re.compile(r"[\w\s'’-]{0,60}?\band\b[\w\s'’-]{0,40}|[^，。；,;]{0,50}?[、和及][^，。；,;]{0,30}")
_SUPERLATIVE = re.compile(
    r"\b(?:first|highest-ranking|most senior|senior-most|only|last|\w+est)\s+(?:[\w.'’-]+\s+){0,10}?to\s+$", re.I
)
_TWICE = re.compile(r"\btwice\b|\btwo (?:calls|meetings|rounds)\b|两次|兩次", re.IGNORECASE)
_ABOUT = re.compile(r"就|针对|針對|回应|回應")
_TELLING_DAY = re.compile(r"^\s+(?:on \w+day|today|yesterday)\b")  # "…, she said in a statement on Tuesday."
_SPOKE = re.compile(r"表示|说|說|称|稱|指出|强调|強調|\b(?:said|told|stated)\b")
# A fact dated this long before its report is background to it.
_STALE = timedelta(days=90)
# Words that say a contact restarts its channel.
_REVIVAL = re.compile(
    r"reviv|resum|restor|re-?establish|first (?:[\w.'’-]+ ){0,8}?(?:in (?:more than |over |nearly |almost |about |roughly |around |some )?(?:a|two|three|\d+) "
    r"(?:year|month)|since (?:\d{4}|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|last|early|late|the (?:\w+ ){0,3}?(?:suspension|freeze|cut|halt|break|rupture)"
    r"|(?:\w+ ){1,3}?(?:suspended|cut off|froze|halted|called off|scrapped)"
    # "the first talks … since Wei sat down with Mattis … last October": the silence is judged by the clause's date
    r"|(?=(?:[\w.'’-]+ ){1,12}?(?:last|in) (?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|\d{4})\b)))"
    r"|恢复|恢復|重启|重啟|首次|首度",
    re.IGNORECASE,
)


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


def extract(report: Report, context: Context) -> list[Candidate]:
    """Every candidate fact of a report, highest confidence first among duplicates, in text order."""
    language = report.language if report.language in ("en", "zh") else "en"
    # Most feed items name no actor the ledger knows, no office of either state and no channel.
    whole = Sentence(report.text, Span(0, len(report.text)))
    lower = report.text.lower()
    if (
        not names_anyone(report.text, report, context.actors)
        and not MEASURE_WORD.search(lower)
        and not (_CHANNEL_WORD.search(lower) and find_channels(whole, language, context.channels))
    ):
        return []
    sentences = attributed(split(report.text, language), report.text, language)
    # Questions and hypotheticals come back marked by the lexicon: most sentences stop here, cheaply.
    triggered = [[t for t in triggers_in(s, language) if not (t.negated or t.hypothetical)] for s in sentences]
    wanted = actors_wanted(sentences, triggered)
    found_actors = find_all(sentences, report, context.actors, wanted)
    resolved = resolve_references(sentences, found_actors, context.actors, report.published_at.date())
    mentions_by_sentence = named_later(sentences, triggered, resolved)
    found: list[Candidate] = []
    last_date: DateMention | None = None
    lede: DateMention | None = None
    carried: str | None = None  # who announced the last sanction
    undated: list[Sentence] = []  # sentences since the last trigger, whose dates a later one may carry over
    for sentence, mentions, triggers in zip(sentences, mentions_by_sentence, triggered, strict=True):
        if not triggers:
            undated.append(sentence)
            continue
        for earlier in reversed(undated):
            earlier_dates = find_dates(earlier, report)
            if earlier_dates:
                last_date = earlier_dates[0]
                break
        undated = []
        dates = find_dates(sentence, report)
        scene = Scene(
            sentence, mentions, dates, (find_channels(sentence, language, context.channels) if _CHANNEL_WORD.search(sentence.text.lower()) else []),
            find_places(sentence, language, context.places), cues(sentence, language), language, context.actors,
            tuple(triggers), carried, context.places.states if context.places else {},
            tuple(str(c.fact["office"]) for c in found if c.kind in ("office-assumed", "office-left")),
        )  # fmt: skip
        for trigger in triggers:
            found.extend(_candidates(trigger, scene, report, lede or last_date, context))
            if trigger.kind == "sanction-imposed" and not (trigger.background or trigger.passive):
                carried = announced_by(trigger, scene) or carried
        last_date = next((d for d in dates if not COMPARISON.search(d.text)), last_date)  # "since 2014" compares
        if lede is None and dates:
            # The lede's date: what a later undated sentence most often speaks of ("Paparo urged the PLA …").
            plain = [d for d in dates if not COMPARISON.search(d.text) and not d.expected]
            lede = next((d for d in plain if d.precision == "day"), plain[0] if plain else None)
    found = suspended_by_lede(refusals(found, sentences, context.actors), sentences, mentions_by_sentence)
    found = spelled_out(found, sentences, context.channels)
    found = listed_next(found, sentences, triggered, mentions_by_sentence, report, language, context.version)
    found = framed_encounters(found, sentences, mentions_by_sentence, context.actors)
    found = accepted_invitations(found, sentences, mentions_by_sentence)
    found = demand_over_reproach(clause_encounters(found, report, mentions_by_sentence, sentences))
    found += signed_statement(report, context.actors, context.version)
    return dedupe(
        merge(
            resumed_later(
                specific_words(readouts(mutual_invitations(_this_contact(_both_sides(found))))), sentences, report
            )
        )
    )


# "agreed to arrange the call", 同意安排此次通话: the contact the report has just told
_THIS_CONTACT = re.compile(r"(?:此次|这次|這次|该次|該次|本次)(?:通话|通話|会晤|會晤|会谈|會談)|\bthe (?:call|talks)\b")


_SEPARATELY = re.compile(r"分别|分別|\bseparately\b|\brespectively\b", re.I)


def _separately(built: Built, scene: Scene) -> list[Built]:
    """布林肯分别与王毅、董军会谈, "met Wang and Dong separately": one encounter with each of the other side."""
    fact, used, rule = built
    if not _SEPARATELY.search(scene.sentence.text) or len(used) < 3:
        return [built]
    sides: dict[str | None, list[ActorMention]] = {}
    for m in used:
        sides.setdefault(home_of(m), []).append(m)
    ones = [ms for ms in sides.values() if len(ms) == 1]
    if len(sides) != 2 or not ones:
        return [built]
    one = ones[0][0]
    return [({**fact, "participants": [one.slug, m.slug]}, [one, m], rule) for m in used if m is not one]


def _this_contact(found: list[Candidate]) -> list[Candidate]:
    """An agreement that names no channel but "this call" is on the channel of the contact told before it."""
    out: list[Candidate] = []
    for c in found:
        if c.kind == "intent-to-meet" and not c.fact.get("channel") and _THIS_CONTACT.search(c.evidence):
            told = [o.fact["channel"] for o in out if o.kind in ("call", "talks", "meeting") and o.fact.get("channel")]
            if told:
                c = replace(c, fact={**c.fact, "channel": told[-1]})
        out.append(c)
    return out


def _both_sides(found: list[Candidate]) -> list[Candidate]:
    last: list[str] | None = None
    named = 0
    out = []
    for c in found:
        parties = [] if "recipient" in c.fact else c.fact.get("participants") or []  # (a side's words stay its own)
        people = [p for p in parties if p not in ("CHN", "USA")]
        if c.fact["kind"] in TWO_SIDED and (len(people) >= 2 or (people and named < 2)):
            last, named = list(parties), len(people)  # the last encounter of two named people, else of one
        elif last and parties and set(parties) <= {"CHN", "USA"} and BOTH_SIDES.search(c.evidence):
            c = replace(c, fact={**c.fact, "participants": list(last)})
        out.append(c)
    return out


def _candidates(
    t: Trigger, scene: Scene, report: Report, last_date: DateMention | None, context: Context
) -> list[Candidate]:
    kind = "intent-to-meet" if t.governed_by == "intent-to-meet" and t.kind in TWO_SIDED else t.kind
    if t.governed_by == "intent-to-meet" and t.kind in TWO_SIDED and not scene.channels:
        return []  # "accepted an invitation to visit Washington": the agreement is the fact, made by its parties
    local = t.span.start - scene.sentence.span.start
    if kind in TWO_SIDED and _SUPERLATIVE.search(scene.sentence.text, max(0, local - 80), local):
        return []  # "the highest-ranking U.S. official to visit China since …": a comparison of a visit told, no act
    if kind in TWO_SIDED and no_contact(t, scene.sentence, scene.triggers):
        return []  # ", the first talks between …"; 就…通话一事发表谈话; "channels of military dialogue": no contact
    if (
        kind == "statement" and t.text.lower().startswith("said")
        and not _TELLING_DAY.sub("", scene.sentence.text[t.span.end - scene.sentence.span.start :]).strip(" .'\"’”")
        and any(o.kind not in SPOKEN and o.span.end <= t.span.start for o in scene.triggers)
    ):  # fmt: skip
        return []  # "China declined the request …, the press secretary said in a statement.": who tells it, no act
    if t.quoted and kind not in SPOKEN:
        return []  # the content of a demand or a quotation: the speaker's demand carries it
    if kind in INTERACTIONS and kind != "meeting-declined" and t.status == "declined":
        return []  # "declined a request to meet": the refusal is the fact, not a meeting
    if (
        kind == "channel-suspended"
        and _REVIVAL.search(scene.sentence.text)
        and any(o.kind in TWO_SIDED for o in scene.triggers)
    ):
        return []  # "restoring the talks suspended in 2022": the contact is the news, the suspension background
    if kind == "channel-resumed" and (t.background or scene.cues.intent or t.governed_by == "intent-to-meet"):
        return []  # "agreed to resume", "since communication was restored": channels resume when contact happens
    if kind in INTERACTIONS and any(
        o.kind in ("channel-suspended", "channel-stalled") and suspended_object(scene, o, t) for o in scene.triggers
    ):
        return []  # "suspended consultations with the United States": the suspension is the fact
    if kind in ("sanction-imposed", "countermeasure") and (
        _ABOUT.search(scene.sentence.text, max(0, t.span.start - scene.sentence.span.start - 14), local)
        or topic_of_remarks(t, scene)
    ):
        return []  # 就美方制裁…提出严正交涉, 就美方对…实施制裁发表谈话: a protest about a sanction, not one imposed now
    if absorbed_by_summons(t, scene.triggers) or absorbed_by_reproach(
        t, scene.triggers, scene.sentence.text, scene.sentence.span.start
    ):
        return []  # "summoned the ambassador to protest", "accused Washington of provocation": one protest
    if kind in TWO_SIDED and any(
        o.kind == "channel-suspended" and o.span.end <= t.span.start and _COORDINATED.fullmatch(
            scene.sentence.text[o.span.end - scene.sentence.span.start : t.span.start - scene.sentence.span.start])
        for o in scene.triggers
    ):  # fmt: skip
        return []  # "scrapped defence policy talks and maritime safety consultations with …": both suspended
    if kind in INTERACTIONS and t.status == "cancelled" and scene.channels and calls_off_channel(scene.triggers):
        return []  # "cancelling a planned call between theatre commanders": the channel's suspension is the fact
    # An agreement is dated by its own verb (双方同意…落实9月10日通话精神 is agreed on the day, not on the 10th).
    agreed = [o for o in scene.triggers if o.kind == "intent-to-meet" and o.span.end <= t.span.start]
    when, dated = date_of(agreed[-1] if kind == "intent-to-meet" and agreed else t, scene, report, last_date)
    background = t.background or (scene.cues.background and when.day.year < report.published_at.year)
    status = status_of(t, when)
    if kind in SPOKEN and status == "expected" and _SPOKE.search(scene.sentence.text, 0, local):
        status = "occurred"  # 布林肯表示，将讨论…深切关切: the words were said; what they announce is their content
    if status != "expected" and when.day < report.published_at.date() - _STALE:
        background = True  # told months after it happened: an older fact the report recalls
    if status == "expected" or (status == "cancelled" and when.day > report.published_at.date()):
        background = False  # what is still to come is news, whatever older facts the sentence recalls
        if kind in ("channel-resumed", "office-assumed", "office-left"):
            # "talks are expected to resume next month", 伯恩斯将于明年1月离任: a channel resumes when contact
            # happens, an office changes hands when it does
            return []
    base: dict[str, Any] = {"occurred_on": iso(when), "precision": when.precision}
    if when.until is not None and when.precision == "day":
        base["until"] = when.until.isoformat()
    facts: list[tuple[dict[str, Any], list[ActorMention], str]] = []
    if kind in INTERACTIONS:
        built = (
            spoken(kind, status, t, scene)
            if kind in SPOKEN
            else encounter(kind, status, t, scene, when.day, period_end(when))
        )
        if built is not None:
            facts.extend(_separately(built, scene) if kind in TWO_SIDED else [built])
    elif kind in ("sanction-imposed", "sanction-lifted", "countermeasure"):
        facts.extend(sanctions(kind, t, scene))
    elif kind in CHANNEL_KINDS:
        facts.extend(channel_facts(kind, t, scene, when.day))
    elif kind in ("office-assumed", "office-left"):
        facts.extend(changes_of_office(kind, t, scene, when.day))
    out = []
    if kind == "intent-to-meet":
        facts = per_channel(facts, scene)
    elif (
        kind in TWO_SIDED and status == "occurred" and not scene.cues.intent and _REVIVAL.search(scene.sentence.text)
        and long_silence(scene.sentence.text, [d for d in scene.dates if d is not when], when.day)
    ):  # fmt: skip
        # "held talks … the first in over a year", "reviving a line of communication": contact resumes the channel.
        for fact, _, _ in list(facts):
            if fact.get("channel"):
                facts.append(({"kind": "channel-resumed", "channel": fact["channel"]}, [], "contact on a channel"))
    days = [d for d in scene.dates if d.precision == "day" and not COMPARISON.search(d.text)]
    if kind in TWO_SIDED and len(days) >= 2 and _TWICE.search(scene.sentence.text):
        # the dates told after the verb are the two contacts, not the date of the report's source ("excerpted on …")
        later = [d for d in days if d.span.start >= t.span.end]
        days = later[:2] if len(later) >= 2 else days
        # "twice called … on Oct. 30, 2020, and Jan. 8, 2021": one fact a date.
        facts = [({**f, "occurred_on": d.day.isoformat(), "_dated": True}, u, r) for f, u, r in facts for d in days]
    for fact, used, rule in facts:
        if fact.pop("_dated", False):
            base = {"occurred_on": fact["occurred_on"], "precision": "day"}
        fact.update(base)
        place = place_near(t, scene)
        if kind in INTERACTIONS and place and "location" not in fact:
            fact["location"] = place
        new = [m for m in used if m.new or (context.known and m.slug not in context.known)]
        score = confidence(fact, used, dated, background)
        out.append(
            Candidate(
                fact=fact,
                confidence=score,
                evidence=scene.sentence.text,
                span=scene.sentence.span,
                extractor_version=context.version,
                background=background,
                rule=f"{rule}: {t.text}",
                dated=dated,
                homes={m.slug: home_of(m) for m in used},
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
