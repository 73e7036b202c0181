"""Many facts at once: each parsed with the line it came from; unknown names registered on request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events import DomainError, actor_id
from events.commands import Command
from tracker.errors import UsageError
from tracker.input.facts import check_fields, parse_fact
from tracker.input.gazetteer import ActorRef, Gazetteer
from tracker.input.naming import slugify
from tracker.input.quick import QuickFacts

__all__ = ["Register", "parse_facts"]

Register = Callable[[str, dict[str, str]], None]
"""Registers a new person by slug and names (the --new-actor option)."""


def parse_facts(
    facts: list[dict[str, Any]],
    lines: list[int | None],
    gazetteer: Gazetteer,
    default_dyad: str,
    register: Register | None = None,
) -> list[Command]:
    """Every fact as a command, or a UsageError naming the line (or the fact's number) at fault."""
    commands: list[Command] = []
    # Registering names changes the gazetteer as it goes: the short way assumes it does not.
    quick = QuickFacts(gazetteer, default_dyad) if register is None else None
    for number, (raw, line) in enumerate(zip(facts, lines, strict=True), start=1):
        if quick is not None:
            cmd = quick(raw)
            if cmd is not None:
                commands.append(cmd)
                continue
        try:
            if register is not None:
                check_fields(raw)  # no blank or overlong name gets registered
                _register_unknown(raw, gazetteer, register)
            commands.append(parse_fact(dict(raw), gazetteer, default_dyad))
        except DomainError as e:
            where = f"line {line}: " if line else (f"fact {number}: " if len(facts) > 1 else "")
            raise UsageError(f"{where}{e}", field=e.field) from None
    return commands


def _register_unknown(raw: dict[str, Any], gazetteer: Gazetteer, register: Register) -> None:
    names = raw.get("participants") or []
    if isinstance(names, str):
        names = [names]
    for name in [*names, raw.get("initiator"), raw.get("recipient"), raw.get("target"), raw.get("actor")]:
        if isinstance(name, str) and name.strip() and gazetteer.find_actor(name) is None:
            slug = slugify(name)
            lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else "en"
            register(slug, {lang: name.strip()})
            gazetteer.add_actor([name, slug], ActorRef(str(actor_id(slug)), slug, "person", None, name.strip()))
