"""The ledger's facts as a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1), one item per fact.

Pure: folds the stored-event records (oldest first, as `tracker export` reads them) into the facts
the ledger holds now: interactions, sanctions (imposed, and lifted as an item of its own), channel
assessments and office changes. Each item is a plain JSON Feed item (id, external_url, title, content_text,
date_published) for any reader, and carries in its `_tracker` extension the fact exactly as
`tracker append --file` takes it, with every source, plus the actors it names, so that another
tracker following the feed can append it with its original provenance (tracker.input.peer).

Retracted facts (an interaction, a sanction, a channel assessment, a withdrawn term of office) are
left out: the feed publishes what this ledger holds true. A peer that took such a fact earlier
keeps it until its own analyst retracts it; a retraction is each ledger's own judgement.
Terms of office from the shipped reference data are left out too: every tracker has them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from events.values import SOURCE_FIELDS
from tracker.records import Record

__all__ = ["FEED_VERSION", "PAYLOAD_VERSION", "jsonfeed"]

FEED_VERSION = "https://jsonfeed.org/version/1.1"
PAYLOAD_VERSION = 1  # of the `_tracker` object: tracker.input.peer reads this version only
REFERENCE_OUTLET = "reference data"  # events.actor's: the sources of the shipped terms of office


@dataclass
class _Fact:
    """One fact as it stands after its events: what `append --file` takes, and when it was recorded."""

    id: str
    fact: dict[str, Any]
    recorded_at: str
    modified_at: str
    position: int
    sources: list[dict[str, Any]] = field(default_factory=list)
    retracted: bool = False
    settled_by: dict[str, Any] | None = None  # the source that confirmed or cancelled an expected interaction
    term: tuple[str, str | None] | None = None  # a term of office: (since, until), to match a leaving or withdrawal


@dataclass
class _Fold:
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug -> {names, kind, state}
    slugs: dict[str, str] = field(default_factory=dict)  # actor aggregate id -> slug
    channels: dict[str, tuple[str, str]] = field(default_factory=dict)  # channel id -> (slug, dyad)
    channel_names: dict[str, str] = field(default_factory=dict)  # channel slug -> its English name
    facts: dict[str, _Fact] = field(default_factory=dict)  # interactions and sanctions by id
    lifts: dict[str, _Fact] = field(default_factory=dict)  # sanction id -> its lifting
    assessments: dict[str, list[_Fact]] = field(default_factory=dict)  # channel id -> assessments
    terms: dict[str, list[_Fact]] = field(default_factory=dict)  # actor id -> office changes


def _source(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in SOURCE_FIELDS if data.get(k) is not None}


def _day(value: str, precision: str | None) -> str:
    """An ISO date written to its precision: 2023-07 for a month, 2023 for a year (append reads it back so)."""
    return value[:7] if precision == "month" else value[:4] if precision == "year" else value


def _fold(records: Iterable[Record]) -> _Fold:
    fold = _Fold()
    for r in records:
        handler = _HANDLERS.get(r.type)
        if handler is not None:
            handler(fold, r, r.data)
    return fold


def _actor_registered(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    fold.slugs[r.aggregate_id] = d["slug"]
    fold.actors[d["slug"]] = {"names": dict(d.get("names") or {}), "kind": d["kind"], "state": d.get("state")}


def _office_assumed(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    precision = d.get("precision") or "day"
    fact = {"kind": "office-assumed", "actor": fold.slugs.get(r.aggregate_id), "office": d["office"],
            "organization": d.get("organization"), "state": d.get("state"),
            "occurred_on": _day(d["since"], precision)}  # fmt: skip
    key = _sub_id(r.aggregate_id, "office-assumed", d["office"], d["since"])
    term = _Fact(key, fact, r.recorded_at, r.recorded_at, r.position, [_source(d["source"])], term=(d["since"], None))
    fold.terms.setdefault(r.aggregate_id, []).append(term)


def _office_left(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    # As events.actor applies it: the first term of the office still held ends.
    held = next(
        (t for t in fold.terms.get(r.aggregate_id, []) if t.fact["kind"] == "office-assumed"
         and t.fact["office"] == d["office"] and t.term and t.term[1] is None),
        None,
    )  # fmt: skip
    if held is None or held.term is None:
        return
    since = held.term[0]
    held.term = (since, d["until"])
    fact = {"kind": "office-left", "actor": held.fact["actor"], "office": d["office"],
            "occurred_on": _day(d["until"], d.get("precision") or "day")}  # fmt: skip
    key = _sub_id(r.aggregate_id, "office-left", d["office"], d["until"])
    left = _Fact(key, fact, r.recorded_at, r.recorded_at, r.position, [_source(d["source"])], term=(since, d["until"]))
    fold.terms[r.aggregate_id].append(left)


def _term_withdrawn(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    terms = fold.terms.get(r.aggregate_id, [])
    fold.terms[r.aggregate_id] = [
        t for t in terms if not (t.fact["office"] == d["office"] and t.term and t.term[0] == d["since"])
    ]


def _interaction_reported(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    fact = {name: d.get(name) for name in _INTERACTION_FIELDS}
    fact["participants"] = list(d["participants"])
    fold.facts[r.aggregate_id] = _Fact(
        r.aggregate_id, fact, r.recorded_at, r.recorded_at, r.position, [_source(d["source"])]
    )


def _sanction_imposed(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    fact = {"kind": "sanction-imposed", "target": d["target"], "imposed_by": d["imposed_by"],
            "authority": d["authority"], "program": d["program"], "legal_basis": d.get("legal_basis"),
            "reason": d.get("reason"), "occurred_on": _day(d["effective_on"], d.get("precision") or "day")}  # fmt: skip
    fold.facts[r.aggregate_id] = _Fact(
        r.aggregate_id, fact, r.recorded_at, r.recorded_at, r.position, [_source(d["source"])]
    )


def _changed(fold: _Fold, r: Record, d: dict[str, Any]) -> _Fact | None:
    """The fact an event of an interaction or sanction changes, marked modified; None if unknown."""
    found = fold.facts.get(r.aggregate_id)
    if found is not None:
        found.modified_at = r.recorded_at
    return found


def _corroborated(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    if (f := _changed(fold, r, d)) is not None:
        f.sources.append(_source(d["source"]))


def _amended(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    if (f := _changed(fold, r, d)) is None:
        return
    for name, value in d["changes"].items():
        name = "occurred_on" if name == "effective_on" else name
        if name in f.fact:  # a sanction's program_name and target_state are not what append takes
            f.fact[name] = value
    f.sources.append(_source(d["source"]))


def _settled(status: str | None) -> Any:
    def handle(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
        if (f := _changed(fold, r, d)) is None:
            return
        f.fact["status"] = status
        if d.get("occurred_on"):
            f.fact["occurred_on"] = d["occurred_on"]
        f.settled_by = _source(d["source"])
        f.sources.append(f.settled_by)

    return handle


def _retracted(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    if (f := _changed(fold, r, d)) is not None:
        f.retracted = True


def _sanction_lifted(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    if (f := _changed(fold, r, d)) is None:
        return
    fact = {"kind": "sanction-lifted", "target": f.fact["target"], "authority": f.fact["authority"],
            "program": f.fact["program"], "occurred_on": d["effective_on"]}  # fmt: skip
    key = _sub_id(r.aggregate_id, "sanction-lifted", d["effective_on"])
    fold.lifts[r.aggregate_id] = _Fact(key, fact, r.recorded_at, r.recorded_at, r.position, [_source(d["source"])])


def _channel_registered(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    fold.channels[r.aggregate_id] = (d["slug"], d["dyad"])
    fold.channel_names[d["slug"]] = (d.get("names") or {}).get("en") or d["slug"]


def _assessed(status: str) -> Any:
    def handle(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
        slug, dyad = fold.channels.get(r.aggregate_id, (None, None))
        if slug is None:
            return
        fact = {"kind": f"channel-{status}", "channel": slug, "dyad": dyad, "occurred_on": d["on"],
                "by": d.get("by"), "reason": d.get("reason")}  # fmt: skip
        source = _source(d["source"])
        key = _sub_id(r.aggregate_id, fact["kind"], d["on"], source["url"])
        fold.assessments.setdefault(r.aggregate_id, []).append(
            _Fact(key, fact, r.recorded_at, r.recorded_at, r.position, [source])
        )

    return handle


def _assessment_retracted(fold: _Fold, r: Record, d: dict[str, Any]) -> None:
    kind = f"channel-{d['status']}"
    items = fold.assessments.get(r.aggregate_id, [])
    fold.assessments[r.aggregate_id] = [a for a in items if (a.fact["kind"], a.fact["occurred_on"]) != (kind, d["on"])]


_INTERACTION_FIELDS = ("kind", "status", "participants", "initiator", "recipient", "dyad", "occurred_on",
                       "precision", "until", "location", "channel", "summary")  # fmt: skip
_HANDLERS = {
    "ActorRegistered": _actor_registered,
    "OfficeAssumed": _office_assumed,
    "OfficeLeft": _office_left,
    "OfficeTermWithdrawn": _term_withdrawn,
    "InteractionReported": _interaction_reported,
    "InteractionCorroborated": _corroborated,
    "InteractionAmended": _amended,
    "InteractionRetracted": _retracted,
    "InteractionConfirmed": _settled("occurred"),
    "InteractionCancelled": _settled("cancelled"),
    "SanctionImposed": _sanction_imposed,
    "SanctionCorroborated": _corroborated,
    "SanctionAmended": _amended,
    "SanctionLifted": _sanction_lifted,
    "SanctionRetracted": _retracted,
    "ChannelRegistered": _channel_registered,
    "ChannelSuspended": _assessed("suspended"),
    "ChannelStalled": _assessed("stalled"),
    "ChannelResumed": _assessed("resumed"),
    "ChannelAssessmentRetracted": _assessment_retracted,
}


def _sub_id(aggregate_id: str, *parts: str) -> str:
    """A stable id for a fact that is one event of a larger aggregate (a channel's assessment, a term of office)."""
    return str(uuid5(UUID(aggregate_id) if _is_uuid(aggregate_id) else NAMESPACE_URL, "/".join(parts)))


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


def _facts(fold: _Fold) -> list[_Fact]:
    """Every fact the ledger holds true now, in the order it was first recorded."""
    out: list[_Fact] = []
    for f in fold.facts.values():
        if f.retracted:
            continue
        if f.settled_by is not None:
            # The source that settled an expected interaction goes first: a peer that holds the
            # expected one confirms it with that source rather than with one it already cites.
            f.sources = [f.settled_by, *(s for s in f.sources if s is not f.settled_by)]
        out.append(f)
        lift = fold.lifts.get(f.id)
        if lift is not None:
            out.append(lift)
    for assessments in fold.assessments.values():
        out.extend(assessments)
    for terms in fold.terms.values():
        out.extend(t for t in terms if not any(s.get("outlet") == REFERENCE_OUTLET for s in t.sources))
    out.sort(key=lambda f: f.position)
    return out


_ACTOR_FIELDS = ("participants", "initiator", "recipient", "target", "imposed_by", "actor", "state", "by")


def _payload(f: _Fact, actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fact = {k: v for k, v in f.fact.items() if v is not None}
    fact["sources"] = list(f.sources)
    named: dict[str, dict[str, Any]] = {}
    for name in _ACTOR_FIELDS:
        value = fact.get(name)
        for slug in value if isinstance(value, list) else [value]:
            if isinstance(slug, str) and slug in actors:
                named[slug] = actors[slug]
    return {"version": PAYLOAD_VERSION, "fact": fact, "actors": named}


def _name(slug: Any, actors: dict[str, dict[str, Any]]) -> str:
    names = (actors.get(slug) or {}).get("names") or {}
    return str(names.get("en") or next(iter(names.values()), None) or slug)


def _title(fact: dict[str, Any], actors: dict[str, dict[str, Any]], channels: dict[str, str]) -> str:
    kind, on = fact["kind"], fact["occurred_on"]
    if kind.startswith("sanction-"):
        verb = "imposed on" if kind == "sanction-imposed" else "lifted on"
        return f"{fact['authority']}, {fact['program']}: sanction {verb} {_name(fact['target'], actors)} ({on})"
    if kind.startswith("channel-"):
        name = channels.get(fact["channel"], fact["channel"])
        return f"{name} ({fact['dyad']}): channel {kind.removeprefix('channel-')} ({on})"
    if kind.startswith("office-"):
        verb = "takes office as" if kind == "office-assumed" else "leaves office as"
        return f"{_name(fact['actor'], actors)} {verb} {fact['office']} ({on})"
    who = ", ".join(_name(p, actors) for p in fact.get("participants") or [])
    status = "" if fact.get("status") in (None, "occurred") else f", {fact['status']}"
    return f"{kind}: {who} ({on}{status})"


def _text(fact: dict[str, Any], sources: list[dict[str, Any]]) -> str:
    lines = [fact.get("summary") or fact.get("reason") or ""] if fact.get("summary") or fact.get("reason") else []
    lines.append("Sources:")
    lines.extend(f"- {s.get('outlet') or s['url']}: {s['url']}" for s in sources)
    return "\n".join(lines)


def jsonfeed(
    records: Iterable[Record], *, title: str = "tracker: facts of the ledger", feed_url: str | None = None,
    home_page_url: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The JSON Feed document of the facts the records make: newest first, one item per fact."""
    fold = _fold(records)
    items = []
    for f in reversed(_facts(fold)):
        payload = _payload(f, fold.actors)
        fact = payload["fact"]
        item: dict[str, Any] = {
            "id": f.id,
            # The first source is the page the item is about (external_url): it is not the item's own page,
            # and several facts cite one story, so a reader must not take it for the item's identity.
            "external_url": f.sources[0]["url"],
            "title": _title(fact, fold.actors, fold.channel_names),
            "content_text": _text(fact, f.sources),
            "date_published": f.recorded_at,
            "date_modified": f.modified_at,
            "tags": [fact["kind"]],
            "_tracker": payload,
        }
        items.append(item)
    doc: dict[str, Any] = {"version": FEED_VERSION, "title": title}
    if home_page_url:
        doc["home_page_url"] = home_page_url
    if feed_url:
        doc["feed_url"] = feed_url
    doc["description"] = (
        "Facts with their sources; the _tracker object of each item is the fact as tracker append takes it."
    )
    doc["items"] = items
    return doc
