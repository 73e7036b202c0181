"""Another tracker's facts, from the `_tracker` objects of its JSON Feed (tracker.reports.jsonfeed).

Pure: nothing is read but the payloads given and the gazetteer. Nothing outside a payload is
trusted: not the item around it, not its URL. A payload of an unknown version, of the wrong shape
or with huge values is refused with one line naming the item, and the others go on; what a payload
says is then checked as `tracker append --file` checks a line (tracker.input.facts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from events import DomainError, actor_id
from events.actor import ACTOR_KINDS
from events.commands import Command, RegisterActor
from events.values import SOURCE_FIELDS, URL_LIMIT, normalise
from tracker.errors import UsageError
from tracker.input.facts import FACT_KINDS, check_name, parse_fact
from tracker.input.gazetteer import ActorRef, Gazetteer

__all__ = ["PAYLOAD_VERSION", "PeerFact", "peer_commands", "read_payloads"]

PAYLOAD_VERSION = 1  # tracker.reports.jsonfeed writes this version

# What one payload may hold: the fields of `append --file` (sources as a list), and bounds that no
# real fact comes near but that keep one hostile item from costing much.
FACT_FIELDS = frozenset({
    "kind", "status", "participants", "initiator", "recipient", "dyad", "occurred_on", "until", "precision",
    "location", "channel", "summary", "sources", "target", "imposed_by", "authority", "program", "legal_basis",
    "reason", "by", "actor", "office", "organization", "state",
})  # fmt: skip
MAX_TEXT = URL_LIMIT  # the longest text any field takes (URLs); summaries stop at 2,000
MAX_PARTICIPANTS = 50
MAX_SOURCES = 50
MAX_ACTORS = 60
MAX_NAMES = 10
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_LANG = re.compile(r"[a-z]{2,8}([-_][A-Za-z0-9]{1,8})*")


@dataclass
class PeerFact:
    """One payload's fact (as `append --file` takes it) and the actors it names, by slug."""

    label: str
    fact: dict[str, Any]
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Refused(ValueError):
    pass


def read_payloads(payloads: list[Any], labels: list[str] | None = None) -> tuple[list[PeerFact], list[str]]:
    """The facts of the payloads that have the right shape, in an order that appends cleanly, and one
    line for each payload refused."""
    facts: list[PeerFact] = []
    errors: list[str] = []
    for number, payload in enumerate(payloads, start=1):
        label = _label(labels[number - 1] if labels and number <= len(labels) else None, number)
        try:
            facts.append(_read(payload, label))
        except _Refused as e:
            errors.append(f"{label}: {e}")
    # A lifting follows the imposing, a leaving the taking up, wherever the feed put them.
    facts.sort(key=lambda f: f.fact["kind"] in ("sanction-lifted", "office-left"))
    return facts, errors


def _label(given: str | None, number: int) -> str:
    if isinstance(given, str) and given.strip():
        return f"item {' '.join(given.split())[:80]!r}"
    return f"item {number}"


def _read(payload: Any, label: str) -> PeerFact:
    if not isinstance(payload, dict):
        raise _Refused("the _tracker object is not a JSON object")
    version = payload.get("version")
    if type(version) is not int or version != PAYLOAD_VERSION:
        raise _Refused(f"unknown _tracker version {str(version)[:20]!r} (this tracker reads {PAYLOAD_VERSION})")
    unknown = set(payload) - {"version", "fact", "actors"}
    if unknown:
        raise _Refused(f"unknown _tracker key {sorted(map(str, unknown))[0][:40]!r}")
    fact = payload.get("fact")
    if not isinstance(fact, dict):
        raise _Refused("_tracker.fact is not a JSON object")
    return PeerFact(label, _fact(fact), _actors(payload.get("actors")))


def _fact(raw: dict[str, Any]) -> dict[str, Any]:
    unknown = set(raw) - FACT_FIELDS
    if unknown:
        raise _Refused(f"unknown fact field {sorted(map(str, unknown))[0][:40]!r}")
    if not isinstance(raw.get("kind"), str) or raw["kind"] not in FACT_KINDS:
        raise _Refused(f"unknown kind {str(raw.get('kind'))[:40]!r}")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name == "participants":
            out[name] = _texts(value, name, MAX_PARTICIPANTS)
        elif name == "sources":
            out[name] = _sources(value)
        elif value is None or _text(value, name):
            out[name] = value
    if not out.get("sources"):
        raise _Refused("the fact has no sources")
    return out


def _text(value: Any, name: str) -> bool:
    if not isinstance(value, str):
        raise _Refused(f"{name} must be text, not {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise _Refused(f"{name} is {len(value):,} characters long; at most {MAX_TEXT:,} are read")
    return True


def _texts(value: Any, name: str, limit: int) -> list[str]:
    if not isinstance(value, list):
        raise _Refused(f"{name} must be a list")
    if len(value) > limit:
        raise _Refused(f"{name} has {len(value):,} entries; at most {limit} are read")
    return [v for v in value if _text(v, name)]


def _sources(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _Refused("sources must be a list")
    if len(value) > MAX_SOURCES:
        raise _Refused(f"sources has {len(value):,} entries; at most {MAX_SOURCES} are read")
    out = []
    for source in value:
        if not isinstance(source, dict):
            raise _Refused("a source is not a JSON object")
        unknown = set(source) - set(SOURCE_FIELDS)
        if unknown:
            raise _Refused(f"unknown source field {sorted(map(str, unknown))[0][:40]!r}")
        out.append({k: v for k, v in source.items() if v is not None and _text(v, f"source {k}")})
    return out


def _actors(value: Any) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Refused("_tracker.actors is not a JSON object")
    if len(value) > MAX_ACTORS:
        raise _Refused(f"_tracker.actors has {len(value):,} entries; at most {MAX_ACTORS} are read")
    out = {}
    for slug, actor in value.items():
        if not _SLUG.fullmatch(slug):
            raise _Refused(f"actor slug {slug[:40]!r} is not one word of letters, digits and dashes")
        if not isinstance(actor, dict) or set(actor) - {"names", "kind", "state"}:
            raise _Refused(f"actor {slug!r} is not {{names, kind, state}}")
        names, kind, state = actor.get("names"), actor.get("kind"), actor.get("state")
        if kind not in ACTOR_KINDS:
            raise _Refused(f"actor {slug!r}: kind {str(kind)[:20]!r} is not one of {', '.join(ACTOR_KINDS)}")
        if state is not None and not (isinstance(state, str) and _SLUG.fullmatch(state)):
            raise _Refused(f"actor {slug!r}: state is not a slug")
        if not isinstance(names, dict) or not names or len(names) > MAX_NAMES:
            raise _Refused(f"actor {slug!r}: names must map 1 to {MAX_NAMES} languages to a name")
        for lang, name in names.items():
            if not _LANG.fullmatch(lang) or not isinstance(name, str):
                raise _Refused(f"actor {slug!r}: names must map language codes to text")
            try:
                check_name(name)
            except UsageError as e:
                raise _Refused(f"actor {slug!r}: {e}") from None
        out[slug] = {"names": dict(names), "kind": kind, "state": state}
    return out


def peer_commands(item: PeerFact, gazetteer: Gazetteer, default_dyad: str) -> list[Command]:
    """The commands that append one peer fact: registrations of the people and organisations it names
    that this ledger lacks, then the fact. A UsageError (one line) refuses the item; the gazetteer is
    left as it was then.

    A state is never registered from a peer (states come with the reference data), nor an actor one
    of whose names already means another actor here: that needs a person to decide.
    """
    added: list[tuple[list[str], ActorRef]] = []
    commands: list[Command] = []
    try:
        for slug in _named(item.fact):
            if gazetteer.find_actor(slug) is not None:
                continue
            spec = item.actors.get(slug)
            if spec is None:
                raise UsageError(f"unknown actor {slug!r}, and the item does not describe it")
            commands.append(_registration(slug, spec, gazetteer))
            names = [slug, *spec["names"].values()]
            ref = ActorRef(str(actor_id(slug)), slug, spec["kind"], spec["state"], _display(spec, slug))
            gazetteer.add_actor(names, ref)
            added.append((names, ref))
        commands.append(parse_fact(dict(item.fact), gazetteer, default_dyad))
    except (UsageError, DomainError):
        forget(gazetteer, added)
        raise
    return commands


def _named(fact: dict[str, Any]) -> list[str]:
    """The actors a fact names, by slug, each once (states and the like as well as people)."""
    out: list[str] = []
    for name in ("participants", "initiator", "recipient", "target", "imposed_by", "actor", "state", "by"):
        value = fact.get(name)
        for slug in value if isinstance(value, list) else [value]:
            if isinstance(slug, str) and slug.strip() and slug not in out:
                out.append(slug)
    return out


def _display(spec: dict[str, Any], slug: str) -> str:
    names = spec["names"]
    return str(names.get("en") or next(iter(names.values()), slug))


def _registration(slug: str, spec: dict[str, Any], gazetteer: Gazetteer) -> RegisterActor:
    if spec["kind"] == "state":
        raise UsageError(f"unknown state {slug!r}: states come with the reference data, not from a peer")
    for name in spec["names"].values():
        other = gazetteer.find_actor(name)
        if other is not None:
            raise UsageError(f"actor {slug!r} is named {name!r}, which is {other.slug} here; add an alias to decide")
    state = spec["state"]
    if state is not None:
        home = gazetteer.find_actor(state)
        if home is None or home.kind != "state":
            raise UsageError(f"actor {slug!r}: unknown state {state!r}")
        state = home.slug
    names = {lang: check_name(name) for lang, name in spec["names"].items()}
    return RegisterActor(slug, spec["kind"], state, names)


def forget(gazetteer: Gazetteer, added: list[tuple[list[str], ActorRef]]) -> None:
    """Take actors added to the gazetteer out again (their registration was not saved)."""
    for names, ref in added:
        for name in names:
            refs = gazetteer.actors.get(normalise(name), [])
            if ref in refs:
                refs.remove(ref)
            if not refs:
                gazetteer.actors.pop(normalise(name), None)
    gazetteer.found.clear()
