"""The reference data shipped in tracker/data as commands: states, officials and their offices, channels.

Re-runnable: every command it gives is idempotent, so `tracker init` after an upgrade only
tops up what is new.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events import make_source
from events.commands import AddAlias, AssumeOffice, Command, LeaveOffice, RegisterActor, RegisterChannel

__all__ = ["REFERENCE_SOURCE", "count", "reference_commands"]

REFERENCE_SOURCE = "urn:tracker:reference-data"


def reference_commands(
    states: list[dict[str, Any]], people: list[dict[str, Any]], channels: list[dict[str, Any]]
) -> list[Command]:
    """Register every actor (or top up its aliases), each office taken and left, and every channel."""
    commands: list[Command] = []
    for item in [*states, *people]:
        aliases = list(item.get("aliases", []))
        commands.append(
            RegisterActor(
                item["slug"], item["kind"], item.get("state"), item["names"], aliases, item.get("wikidata"), top_up=True
            )
        )
        commands.extend(AddAlias(item["slug"], alias) for alias in aliases)
        for office in item.get("offices", []):
            since = date.fromisoformat(office["since"])
            source = make_source(office.get("source") or REFERENCE_SOURCE, outlet="reference data")
            commands.append(
                AssumeOffice(
                    item["slug"],
                    office["office"],
                    office.get("organization"),
                    office.get("state", item.get("state")),
                    since,
                    [source],
                )
            )
            if office.get("until"):
                until = date.fromisoformat(office["until"])
                commands.append(LeaveOffice(item["slug"], office["office"], until, [source], since=since))
    for item in channels:
        commands.append(
            RegisterChannel(item["slug"], item["dyad"], item["names"], item.get("aliases", []), item.get("level"))
        )
    return commands


def count(outcomes: list[Any]) -> dict[str, int]:
    """What loading the reference data added: actors, aliases, offices and channels."""
    counts = {"actors": 0, "aliases": 0, "offices": 0, "channels": 0}
    for o in outcomes:
        if o.kind == "actor" and o.action == "registered":
            counts["actors"] += 1
        elif o.kind == "alias" and o.action == "alias":
            counts["aliases"] += 1
        elif o.kind == "office-assumed" and o.action == "office":
            counts["offices"] += 1
        elif o.kind == "channel" and o.action == "registered":
            counts["channels"] += 1
    return counts
