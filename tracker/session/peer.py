"""The Session's federation use cases: the ledger as a JSON Feed, and another tracker's feed appended (issue 9, point 8).

A mixin of tracker.session.Session, kept in its own module so the session stays short. The feed is
written by tracker.reports.jsonfeed from the event log; a peer's `_tracker` payloads are read by
tracker.input.peer and decided by the ledger like any append, so a fact this ledger already has is
corroborated by the sources it lacks, and a source it already cites adds nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from events import DomainError
from events.commands import Command, Outcome
from tracker.errors import UsageError
from tracker.gcpause import bulk_work

if TYPE_CHECKING:
    from tracker.input.gazetteer import Gazetteer
    from tracker.input.peer import PeerFact
    from tracker.store import EventLog

__all__ = ["PeerUseCases"]

# What each outcome of an appended peer fact counts as.
_COUNTED = {"unchanged": "unchanged", "corroborated": "corroborated", "confirmed": "corroborated",
            "cancelled": "corroborated"}  # fmt: skip


class PeerUseCases:
    """Federation: what Session offers for `tracker export --format jsonfeed` and the poller's trust=auto JSON Feeds."""

    store: EventLog
    default_dyad: str
    _gazetteer: Gazetteer | None

    def _execute(self, commands: list[Command]) -> list[Outcome]:
        raise NotImplementedError  # Session's

    def gazetteer(self) -> Gazetteer:
        raise NotImplementedError  # Session's

    def _refresh_gazetteer(self) -> bool:
        raise NotImplementedError  # Session's

    def export_jsonfeed(self, out: TextIO, *, feed_url: str | None = None) -> int:
        """Write the ledger's facts as a JSON Feed 1.1 document; returns how many items."""
        from tracker.reports.jsonfeed import jsonfeed

        document = jsonfeed(self.store.read(), feed_url=feed_url)
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return len(document["items"])

    def append_peer_facts(self, payloads: list[Any], *, labels: list[str] | None = None) -> dict[str, Any]:
        """Append the facts of another tracker's JSON Feed items (their `_tracker` objects).

        Each refused payload costs one line in `errors` and nothing else. The counts: items read,
        added (new facts), corroborated (a fact this ledger had gained a source, or was confirmed or
        cancelled), unchanged (nothing new: reading the same feed again), refused, and actors
        registered. Labels (the items' ids) name the items in the errors.
        """
        from tracker.input.peer import read_payloads

        facts, errors = read_payloads(payloads, labels)
        counts: Counter[str] = Counter()
        if facts:
            with bulk_work():
                if not self._append_together(facts, counts):
                    self._append_each(facts, counts, errors)
        return {
            "items": len(payloads), "added": counts["added"], "corroborated": counts["corroborated"],
            "unchanged": counts["unchanged"], "refused": len(errors), "actors": counts["actors"], "errors": errors,
        }  # fmt: skip

    def _append_together(self, facts: list[PeerFact], counts: Counter[str]) -> bool:
        """Every fact in one transaction: the common case. False, having saved nothing, if any fact is refused."""
        from tracker.input.peer import peer_commands

        self._refresh_gazetteer()
        commands: list[Command] = []
        try:
            for item in facts:
                commands.extend(peer_commands(item, self.gazetteer(), self.default_dyad))
            outcomes = self._execute(commands)
        except (UsageError, DomainError):
            self._gazetteer = None  # it may name actors that were not saved
            return False
        _count(outcomes, counts)
        return True

    def _append_each(self, facts: list[PeerFact], counts: Counter[str], errors: list[str]) -> None:
        """One transaction a fact, so that a refused one costs only itself."""
        from tracker.input.peer import peer_commands

        self._refresh_gazetteer()
        for item in facts:
            try:
                commands = peer_commands(item, self.gazetteer(), self.default_dyad)
                outcomes = self._execute(commands)
            except (UsageError, DomainError) as e:
                self._gazetteer = None
                self._refresh_gazetteer()
                errors.append(f"{item.label}: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
                continue
            _count(outcomes, counts)


def _count(outcomes: list[Outcome], counts: Counter[str]) -> None:
    for outcome in outcomes:
        if outcome.kind == "actor":
            counts["actors"] += outcome.action == "registered"
        else:
            counts[_COUNTED.get(outcome.action, "added")] += 1
