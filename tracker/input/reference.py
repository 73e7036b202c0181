"""The reference data shipped in tracker/data as commands: states, officials and their offices, channels.

Re-runnable: every command it gives is idempotent, so `tracker init` after an upgrade only
tops up what is new.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events import make_source
from events.actor import REFERENCE_OUTLET
from events.commands import (
    AddAlias,
    AddChannelAlias,
    AssumeOffice,
    Command,
    LeaveOffice,
    RegisterActor,
    RegisterChannel,
    WithdrawStaleTerms,
)

__all__ = ["REFERENCE_SOURCE", "count", "reference_commands"]

REFERENCE_SOURCE = "urn:tracker:reference-data"


def reference_commands(
    states: list[dict[str, Any]], people: list[dict[str, Any]], channels: list[dict[str, Any]]
) -> list[Command]:
    """Register every actor and channel (or top up their aliases), and each office taken and left.

    Terms the data gave before and gives no longer (a start or an end corrected) are withdrawn
    first, then taken again as the data gives them now.
    """
    commands: list[Command] = []
    withdrawal = make_source(REFERENCE_SOURCE, outlet=REFERENCE_OUTLET)
    for item in [*states, *people]:
        aliases = list(item.get("aliases", []))
        commands.append(
            RegisterActor(
                item["slug"], item["kind"], item.get("state"), item["names"], aliases, item.get("wikidata"), top_up=True
            )
        )
        commands.extend(AddAlias(item["slug"], alias) for alias in aliases)
        terms = [_term(office) for office in item.get("offices", [])]
        commands.append(WithdrawStaleTerms(item["slug"], terms, withdrawal))
        for office, (name, since, precision, until, until_precision) in zip(
            item.get("offices", []), terms, strict=True
        ):
            source = make_source(office.get("source") or REFERENCE_SOURCE, outlet=REFERENCE_OUTLET)
            state = office.get("state", item.get("state"))
            commands.append(
                AssumeOffice(item["slug"], name, office.get("organization"), state, since, [source], precision)
            )
            if until is not None:
                commands.append(
                    LeaveOffice(item["slug"], name, until, [source], since=since, precision=until_precision or "day")
                )
    for item in channels:
        aliases = list(item.get("aliases", []))
        commands.append(RegisterChannel(item["slug"], item["dyad"], item["names"], aliases, item.get("level")))
        commands.extend(AddChannelAlias(item["dyad"], item["slug"], alias) for alias in aliases)
    return commands


def _term(office: dict[str, Any]) -> tuple[str, date, str, date | None, str | None]:
    until = date.fromisoformat(office["until"]) if office.get("until") else None
    return (
        office["office"],
        date.fromisoformat(office["since"]),
        office.get("since_precision", "day"),
        until,
        office.get("until_precision", "day") if until else None,
    )


def count(outcomes: list[Any]) -> dict[str, int]:
    """What loading the reference data added: actors, aliases, offices and channels."""
    counts = {"actors": 0, "aliases": 0, "offices": 0, "channels": 0}
    for o in outcomes:
        if o.kind == "actor" and o.action == "registered":
            counts["actors"] += 1
        elif o.kind in ("alias", "channel-alias") and o.action == "alias":
            counts["aliases"] += 1
        elif o.kind == "office-assumed" and o.action == "office":
            counts["offices"] += 1
        elif o.kind == "channel" and o.action == "registered":
            counts["channels"] += 1
    return counts
