"""Turn a fact as the user writes it (CLI options or one JSON line) into a validated command.

Pure: names are resolved through a Gazetteer; nothing is read or written here. Commands
(events.commands) carry slugs, never the names a user typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from events import INTERACTION_KINDS, Source, check_interaction, make_dyad, make_source, parse_date
from events.commands import (
    AssessChannel,
    AssumeOffice,
    Command,
    ImposeSanction,
    LeaveOffice,
    LiftSanction,
    ReportInteraction,
)
from events.values import SOURCE_FIELDS, DomainError, check_text
from events.vocab import DATE_FIELDS
from tracker.errors import UsageError
from tracker.input.gazetteer import ActorRef, Gazetteer

__all__ = [
    "FACT_KINDS",
    "check_fields",
    "check_name",
    "check_two_sides",
    "distinct_actors",
    "parse_changes",
    "parse_fact",
    "parse_reason",
    "parse_sources",
]

CHANNEL_KINDS = {"channel-suspended": "suspended", "channel-stalled": "stalled", "channel-resumed": "resumed"}
OTHER_KINDS = ("sanction-imposed", "sanction-lifted", *CHANNEL_KINDS, "office-assumed", "office-left")
FACT_KINDS = (*INTERACTION_KINDS, *OTHER_KINDS)

_KNOWN_FIELDS = {
    "kind", "status", "participants", "initiator", "recipient", "occurred_on", "until", "precision",
    "location", "channel", "summary", "source", "sources", "target", "imposed_by", "authority", "program",
    "legal_basis", "reason", "by", "actor", "office", "organization", "state", "dyad",
}  # fmt: skip


# Text fields of a fact: none may be blank or longer than its limit (events.values.LIMITS:
# summaries and reasons 2,000 characters, legal bases 500, names and the rest 200).
_TEXT_FIELDS = (
    "status", "initiator", "recipient", "location", "channel", "summary", "target", "imposed_by", "authority",
    "program", "legal_basis", "reason", "by", "actor", "office", "organization", "state", "dyad", "precision",
)  # fmt: skip
_TEXT_SET = frozenset(_TEXT_FIELDS)
_LABELS = {"participants": "actor name", "imposed_by": "--by", "legal_basis": "legal basis"}


def _checked(value: str, name: str, label: str | None = None) -> str:
    try:
        return check_text(value, name, label=label or _LABELS.get(name))
    except DomainError as e:
        raise UsageError(str(e), field=e.field) from None


def check_fields(raw: dict[str, Any]) -> None:
    """Refuse a fact whose text fields or actor names are blank or too long, before any name is looked up."""
    for name, value in raw.items():
        if type(value) is str and name in _TEXT_SET:
            _checked(value, name)
    names = raw.get("participants")
    if isinstance(names, str):
        names = re.split(r"[,;，；]", names) if names.strip() else [names]
    if isinstance(names, list):
        for value in names:
            if isinstance(value, str):
                _checked(value, "participants")


def check_name(value: str, label: str = "name") -> str:
    """An actor's name or alias, stripped; blank or over 200 characters is refused."""
    if not isinstance(value, str):
        raise UsageError(f"{label} must be text")
    return _checked(value, "name", label)


def parse_reason(reason: str) -> str:
    """The reason of a correction or retraction, stripped; blank or over 2,000 characters is refused."""
    if not isinstance(reason, str):
        raise UsageError("reason must be text", field="reason")
    return _checked(reason, "reason")


@dataclass
class _Fact:
    raw: dict[str, Any]
    gazetteer: Gazetteer

    def get(self, name: str, default: Any = None) -> Any:
        value = self.raw.get(name, default)
        return default if value in ("", None) else value

    def text(self, name: str, *, required: bool = False, flag: str | None = None) -> str | None:
        value = self.get(name)
        if value is None:
            if required:
                raise UsageError(f"{self.raw.get('kind')} needs {flag or '--' + name.replace('_', '-')}")
            return None
        if not isinstance(value, str):
            raise UsageError(f"{name} must be text, not {type(value).__name__}")
        return value.strip()

    def date(self, name: str, *, required: bool = False, flag: str = "--on") -> tuple[date, str] | None:
        value = self.get(name)
        if value is None:
            if required:
                raise UsageError(f"{self.raw.get('kind')} needs {flag} DATE")
            return None
        return parse_date(value, field=flag.lstrip("-"))

    def actor(self, name: str, *, required: bool = False, flag: str | None = None) -> ActorRef | None:
        value = self.text(name, required=required, flag=flag)
        return self.gazetteer.actor(value) if value else None

    def state(self, name: str, *, required: bool = False, flag: str | None = None) -> str | None:
        ref = self.actor(name, required=required, flag=flag)
        return ref.home if ref is not None else None


def parse_sources(raw: dict[str, Any]) -> list[Source]:
    """The source or sources of a fact, validated."""
    items = raw.get("sources") or ([raw["source"]] if raw.get("source") else [])
    if not isinstance(items, list):
        raise UsageError("sources must be a list of {url, outlet, language, published_at, title}")
    sources = []
    for item in items:
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            raise UsageError("a source is a URL or an object {url, outlet, language, published_at, title}")
        unknown = set(item) - set(SOURCE_FIELDS)
        if unknown:
            raise UsageError(f"unknown source field {sorted(unknown)[0]!r}")
        sources.append(make_source(item.get("url"), **{k: v for k, v in item.items() if k != "url"}))
    if not sources:
        raise UsageError("every fact needs a source: give --source URL")
    if len({s["url"] for s in sources}) != len(sources):
        raise UsageError("the same source URL is given twice")
    return sources


def parse_fact(raw: dict[str, Any], gazetteer: Gazetteer, default_dyad: str = "CHN-USA") -> Command:
    """Validate one fact and resolve its names; raises UsageError with a one-line reason."""
    if not isinstance(raw, dict):
        raise UsageError("a fact is a JSON object with at least kind, occurred_on and source")
    unknown = set(raw) - _KNOWN_FIELDS
    if unknown:
        close = sorted(unknown)[0]
        raise UsageError(f"unknown field {close!r}")
    kind = raw.get("kind")
    if not kind:
        raise UsageError("a fact needs a kind")
    check_fields(raw)
    if kind not in FACT_KINDS:
        import difflib

        matches = difflib.get_close_matches(str(kind), FACT_KINDS, n=1)
        hint = f"; did you mean {matches[0]}?" if matches else f"; kinds: {', '.join(FACT_KINDS)}"
        raise UsageError(f"unknown kind {kind!r}{hint}")
    f = _Fact(raw, gazetteer)
    sources = parse_sources(raw)
    if kind in INTERACTION_KINDS:
        return _interaction(f, kind, sources, default_dyad)
    if kind == "sanction-imposed":
        on = f.date("occurred_on", required=True)
        assert on
        target = f.actor("target", required=True, flag="--target")
        assert target
        by = f.state("imposed_by") or f.state("by")
        if not by:
            raise UsageError("sanction-imposed needs --by STATE")
        return ImposeSanction(
            target=target.slug,
            target_state=target.home,
            imposed_by=by,
            authority=f.text("authority", required=True) or "",
            program=f.text("program", required=True) or "",
            legal_basis=f.text("legal_basis"),
            reason=f.text("reason"),
            effective_on=on[0],
            sources=sources,
            precision=on[1],
        )
    if kind == "sanction-lifted":
        on = f.date("occurred_on", required=True)
        target = f.actor("target", required=True, flag="--target")
        assert on and target
        return LiftSanction(
            target=target.slug,
            authority=f.text("authority", required=True) or "",
            program=f.text("program", required=True) or "",
            effective_on=on[0],
            sources=sources,
        )
    if kind in CHANNEL_KINDS:
        name = f.text("channel", required=True, flag="--channel")
        on = f.date("occurred_on", required=True)
        assert name and on
        channel = gazetteer.channel(name, raw.get("dyad") or default_dyad)
        return AssessChannel(
            dyad=channel.dyad,
            channel=channel.slug,
            status=CHANNEL_KINDS[kind],
            on=on[0],
            by=f.state("by"),
            reason=f.text("reason"),
            sources=sources,
        )
    actor = f.actor("actor", required=True, flag="--actor") or (
        f.actor("participants") if isinstance(raw.get("participants"), str) else None
    )
    office = f.text("office", required=True)
    on = f.date("occurred_on", required=True)
    assert actor and office and on
    if kind == "office-assumed":
        return AssumeOffice(
            actor=actor.slug,
            office=office,
            organization=f.text("organization"),
            state=f.state("state") or actor.state,
            since=on[0],
            sources=sources,
            precision=on[1],
        )
    return LeaveOffice(actor=actor.slug, office=office, until=on[0], sources=sources, precision=on[1])


def _interaction(f: _Fact, kind: str, sources: list[Source], default_dyad: str) -> ReportInteraction:
    names = f.get("participants") or []
    if isinstance(names, str):
        names = [n for n in re.split(r"[,;，；]", names) if n.strip()]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise UsageError("participants must be a list of actor names")
    participants = distinct_actors(f.gazetteer, names)
    seen = {p.id for p in participants}
    raw = f.raw
    # Optional names are looked up only when given: most facts of a bulk load have neither.
    initiator = f.actor("initiator") if raw.get("initiator") else None
    recipient = f.actor("recipient") if raw.get("recipient") else None
    for extra in (initiator, recipient):
        if extra is not None and extra.id not in seen and extra.kind != "state":
            seen.add(extra.id)
            participants.append(extra)
    if not participants and initiator is None:
        raise UsageError(f"{kind} needs at least one --actor")
    on = f.date("occurred_on", required=True)
    assert on
    occurred_on, precision = on
    if raw.get("precision"):
        precision = f.text("precision") or precision
    until = f.date("until", flag="--until") if raw.get("until") else None
    status = (f.text("status") if raw.get("status") else None) or "occurred"
    if kind == "meeting-declined" and status == "occurred":
        status = "declined"
    states = {p.home for p in [*participants, initiator, recipient] if p}
    dyad = (f.text("dyad") if raw.get("dyad") else None) or make_dyad({s for s in states if s}, default_dyad)
    location = f.gazetteer.place(f.text("location")) if raw.get("location") else None
    channel_name = f.text("channel") if raw.get("channel") else None
    check_interaction(kind, status, precision, occurred_on, until[0] if until else None)
    if INTERACTION_KINDS[kind].family in ("meet", "call"):
        check_two_sides(kind, names, participants, initiator, recipient)
    first = initiator or (participants[0] if participants else None)
    return ReportInteraction(
        kind=kind,
        status=status,
        participants=[p.slug for p in participants],
        principals=[p.slug for p in participants if p.kind != "state"] or [p.slug for p in participants],
        initiator=initiator.slug if initiator else None,
        recipient=recipient.slug if recipient else None,
        dyad=dyad,
        occurred_on=occurred_on,
        precision=precision,
        until=until[0] if until else None,
        location=location.slug if location else None,
        channel=f.gazetteer.channel(channel_name, dyad).slug if channel_name else None,
        summary=f.text("summary"),
        sources=sources,
        initiator_state=first.home if first else None,
        location_state=location.state if location else None,
    )


def distinct_actors(gazetteer: Gazetteer, names: list[str]) -> list[ActorRef]:
    """The actors these names give, each once, in the order first named (two names of one person are one)."""
    participants: list[ActorRef] = []
    seen: set[str] = set()
    for name in names:
        ref = gazetteer.actor(name)
        if ref.id not in seen:
            seen.add(ref.id)
            participants.append(ref)
    return participants


def check_two_sides(
    kind: str, names: list[str], participants: list[ActorRef], initiator: ActorRef | None, recipient: ActorRef | None
) -> None:
    """A meeting, call or talks needs a second party: another actor, not another name of the same
    one, nor the state of the one person named."""
    refs = {r.id: r for r in (*participants, initiator, recipient) if r is not None}
    homes = {r.home for r in refs.values() if r.kind != "state"}
    sides = [r for r in refs.values() if not (r.kind == "state" and r.slug in homes)]
    if len(sides) >= 2:
        return
    who = sides[0] if sides else next(iter(refs.values()))
    given = [n.strip() for n in names if n.strip()]
    said = f"{', '.join(repr(n) for n in given)} all name" if len(given) > 1 else "the only party is"
    raise UsageError(
        f"a {kind} needs two parties: {said} {who.name} ({who.slug}); add the other side with --actor",
        field="participants",
    )


def parse_changes(changes: dict[str, Any], gazetteer: Gazetteer, default_dyad: str) -> dict[str, Any]:
    """The fields of a correction as the domain keeps them: dates parsed, names resolved to slugs."""
    parsed: dict[str, Any] = {}
    for name, value in changes.items():
        if isinstance(value, str):
            value = _checked(value, name)
        elif name == "participants" and isinstance(value, list):
            value = [_checked(v, name) if isinstance(v, str) else v for v in value]
        if name in DATE_FIELDS:
            parsed[name] = parse_date(value, field=name)[0]
        elif name in ("initiator", "recipient"):
            parsed[name] = gazetteer.actor(value).slug
        elif name == "participants":
            parsed[name] = [gazetteer.actor(v).slug for v in value]
        elif name == "location":
            place = gazetteer.place(value)
            parsed[name] = place.slug if place else None
        elif name == "channel":
            parsed[name] = gazetteer.channel(value, default_dyad).slug
        else:
            parsed[name] = value
    return parsed
