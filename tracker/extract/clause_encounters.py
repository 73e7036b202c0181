"""English encounters told in a subordinate clause, read against the clause that governs them.

A wire lede often tells its news in the main clause and the encounter behind it in a subordinate one: "said on
Monday he had accepted an invitation to visit Beijing in April, after the two leaders spoke by phone" (the call is
done, and dated by the main clause, not by the visit's April), "a visit Mattis had planned to make to Beijing this
month has been called off" (the visit is cancelled, not recalled). These passes correct the candidates built
trigger by trigger, seeing the whole sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tracker.extract.dates import find_dates
from tracker.extract.fact_parts import iso
from tracker.extract.model import DYAD, ActorMention, Candidate, DateMention, Report, Sentence

__all__ = ["clause_encounters"]

_ENCOUNTERS = ("meeting", "call", "talks")
# "…, after the two leaders spoke by phone", "after Blinken and Wang met": a done encounter told as the setting
_AFTER_SUBJECT = re.compile(
    r"\bafter (?:the two (?:[\w-]+ )?(?:leaders|sides|men|women|ministers|officials|presidents|envoys)|they|both sides"
    r"|(?-i:[A-Z][\w.'’-]*)(?: (?-i:[A-Z][\w.'’-]*)){0,3}(?: and (?-i:[A-Z][\w.'’-]*)(?: (?-i:[A-Z][\w.'’-]*)){0,3})?)"
    r" (?:had )?$",
    re.I,
)
_PAST = re.compile(r"(?:spoke|met|held|talked|had|sat)\b", re.I)
# "…, after speaking with Xi by phone": the gerund's subject is the main clause's
_GERUND = re.compile(r"\bafter $", re.I)
_CLAUSE_END = re.compile(r"[,;:]|\band that\b")
_DONE = re.compile(r"(?:speaking|talking|meeting|holding)\b", re.I)
# "a visit … had planned to make … has been called off": the plan's own clause cancels it
_CALLED_OFF = re.compile(
    r"[^,;.]{0,90}?\b(?:(?:has|have|had) been|was|were) (?:called off|cancell?ed|scrapped|shelved)\b", re.I
)
# (a noun: "met Wang after a dinner was cancelled" cancels the dinner, not the meeting told)
_NOUN = re.compile(r"\b(?:visit|trip|meeting|summit|talks|call)$", re.I)
# ", who had met him during his previous visit in June": a relative clause with its own verb and date
_RELATIVE = re.compile(
    r", (?:who|which) (?:had |has |have )?(?:\w+ ){0,2}?(?:met|visited|held|hosted|received)\b", re.I
)
_MET_HIM = re.compile(r", who (?:had |has )?(?:met|received|hosted) (?:him|her)\b")
_ACCEPTED = re.compile(r"\baccept(?:s|ed|ing)? (?:an|the|a|\w+['’]s) invitation\b", re.I)
# "told Trump that China must …": an obligation the speaker lays on his own side is a position, no demand
_OWN_SIDE = {
    "CHN": re.compile(r"^(?:told \w+ )?(?:the )?(?:china|beijing|the chinese side) ", re.I),
    "USA": re.compile(r"^(?:told \w+ )?(?:the )?(?:united states|u\.s\.(?: side)?|washington) ", re.I),
}


def _trigger_at(c: Candidate) -> tuple[str, int]:
    """The trigger's words (as the rule names them) and their offset in the evidence, -1 when not found."""
    words = c.rule.split(": ", 1)[1] if ": " in c.rule else ""
    return words, (c.evidence.find(words) if words else -1)


def _plain_before(c: Candidate, report: Report, end: int) -> DateMention | None:
    """The first date of the sentence before `end` that puts nothing in the future: the main clause's day."""
    dates = find_dates(Sentence(c.evidence, c.span), report)
    plain = [d for d in dates if not d.expected and d.span.start - c.span.start < end]
    return plain[0] if plain else None


def _dated(fact: dict[str, object], when: DateMention | None, report: Report) -> dict[str, object]:
    out = {k: v for k, v in fact.items() if k != "until"}
    if when is None:
        return {**out, "occurred_on": report.published_at.date().isoformat(), "precision": "day"}
    return {**out, "occurred_on": iso(when), "precision": when.precision}


def _after_told(c: Candidate, report: Report) -> Candidate:
    """An encounter in an "after … spoke" clause took place: it is dated by the clause it sets, not the plan's."""
    words, at = _trigger_at(c)
    if c.kind not in _ENCOUNTERS or c.fact.get("status") != "expected" or at < 0:
        return c
    after = (
        _AFTER_SUBJECT.search(c.evidence, 0, at)
        if _PAST.match(words)
        else _GERUND.search(c.evidence, 0, at)
        if _DONE.match(words)
        else None
    )
    if after is None:
        return c
    dates = find_dates(Sentence(c.evidence, c.span), report)
    stop = _CLAUSE_END.search(c.evidence, at + len(words))
    end = stop.start() if stop else len(c.evidence)
    if any(d.expected and after.start() < d.span.start - c.span.start < end for d in dates):
        return c  # "…, after speaking with Xi next week": the clause's own future date
    main = _plain_before(c, report, after.start())
    if main is None:
        return c  # no day the main clause tells: nothing to date it by
    fact = _dated({**c.fact, "status": "occurred"}, main, report)
    if c.kind == "call":
        fact.pop("location", None)  # the place named is the plan's, and a call has none
    return replace(c, fact=fact)


def _called_off(c: Candidate) -> Candidate:
    """A visit whose own clause says it has been called off is cancelled, and news, not a recalled fact."""
    words, at = _trigger_at(c)
    if c.kind not in _ENCOUNTERS or c.fact.get("status") not in ("occurred", "expected") or at < 0:
        return c
    if not _NOUN.search(words) or not _CALLED_OFF.match(c.evidence, at + len(words)):
        return c
    return replace(c, fact={**c.fact, "status": "cancelled"}, background=False)


def _accepted(c: Candidate, report: Report) -> Candidate:
    """An invitation accepted is dated by its acceptance; when the visit it accepts has a month or a day, the visit
    is an expected meeting of the acceptor with the inviter instead."""
    words, at = _trigger_at(c)
    if c.kind != "intent-to-meet" or at < 0 or not _ACCEPTED.search(words):
        return c
    dates = find_dates(Sentence(c.evidence, c.span), report)
    ahead = [d for d in dates if d.span.start - c.span.start > at and iso(d) == c.fact["occurred_on"]]
    if not ahead or not (ahead[0].expected or ahead[0].precision == "year"):
        return c  # ("accepted an invitation on Tuesday": the acceptance's own day)
    parties = list(c.fact.get("participants") or [])
    if ahead[0].expected and ahead[0].precision in ("day", "month") and len(parties) == 2:
        fact = {**c.fact, "kind": "meeting", "status": "expected", "initiator": parties[0], "recipient": parties[1]}
        return replace(c, fact=fact, rule=f"an accepted invitation to a dated visit: {words}")
    return replace(c, fact=_dated(c.fact, _plain_before(c, report, at), report))


def _own_obligation(c: Candidate) -> Candidate:
    """ "Xi told Trump that China must safeguard its core interests": the speaker's own side bound, a statement."""
    words, _ = _trigger_at(c)
    speaker = next(iter(c.fact.get("participants") or []), None)
    own = _OWN_SIDE.get(c.homes.get(str(speaker)) or "")
    if c.kind != "demand" or not c.rule.startswith("speech") or own is None or not own.match(words):
        return c
    return replace(c, fact={**c.fact, "kind": "statement"})


def _relative_date(c: Candidate, report: Report, told: str | None) -> Candidate:
    """ "held talks with Yang during the stop, but was not received by Xi, who had met him in June": June dates the
    relative clause after the verb, not the verb; the encounter takes the day the report last told (`told`)."""
    words, at = _trigger_at(c)
    if c.kind not in _ENCOUNTERS or c.fact.get("status") != "occurred" or at < 0:
        return c
    dates = find_dates(Sentence(c.evidence, c.span), report)
    own = [d for d in dates if iso(d) == c.fact["occurred_on"] and d.span.start - c.span.start > at + len(words)]
    if not own or any(d.span.start - c.span.start < at for d in dates):
        return c
    relative = _RELATIVE.search(c.evidence, at + len(words), own[0].span.start - c.span.start)
    if relative is None:
        return c
    day = told or report.published_at.date().isoformat()
    return replace(c, fact={**_dated(c.fact, None, report), "occurred_on": day}, background=False, dated=False)


def _met_him(c: Candidate, mentions: Sequence[ActorMention]) -> Candidate:
    """ "… Pompeo …, President Xi, who had met him during his previous visit": the pronoun is the sentence's first
    person of the other side, not his state."""
    parties = list(c.fact.get("participants") or [])
    if c.kind not in _ENCOUNTERS or len(parties) != 2 or not set(parties) & DYAD:
        return c
    state = next(p for p in parties if p in DYAD)
    host = next((m for m in mentions if m.kind == "person" and m.slug in parties), None)
    if host is None or not _MET_HIM.match(c.evidence, host.span.end - c.span.start):
        return c
    him = [m for m in mentions if m.kind == "person" and m.state == state and m.span.end <= host.span.start]
    if not him:
        return c
    fact = {**c.fact, "participants": [host.slug, him[0].slug]}
    return replace(c, fact=fact, homes={**c.homes, him[0].slug: state})


def clause_encounters(
    found: list[Candidate], report: Report, mentions: Sequence[list[ActorMention]], sentences: Sequence[Sentence]
) -> list[Candidate]:
    """`found`, English candidates read against the clause that governs their trigger."""
    if report.language == "zh":
        return found
    by_span = {s.span: m for s, m in zip(sentences, mentions, strict=True)}
    out: list[Candidate] = []
    told: str | None = None  # the day of the last encounter told as news, in an earlier sentence
    for c in found:
        c = _own_obligation(_accepted(_called_off(_after_told(c, report)), report))
        c = _met_him(_relative_date(c, report, told), by_span.get(c.span, []))
        if c.kind in _ENCOUNTERS and not c.background and c.fact.get("precision") == "day":
            told = str(c.fact["occurred_on"])
        out.append(c)
    return out
