"""The Session's use cases over the whole store: export, import, verify and seal, backup, restore, copy (issue 11).

A mixin of tracker.session.Session, kept in its own module so the session stays short. The work
is tracker.store's: the transfer, chain, backup and move modules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tracker.errors import UsageError
from tracker.gcpause import bulk_work

if TYPE_CHECKING:
    from tracker.input.gazetteer import Gazetteer
    from tracker.store import EventLog, StoreLocation

__all__ = ["StorageUseCases"]


class StorageUseCases:
    """Export, import, verify, seal, backup, restore and copy: what Session offers over the whole store."""

    location: StoreLocation
    store: EventLog
    now: Callable[[], datetime]
    _caught_up: bool
    _gazetteer: Gazetteer | None

    def _log_changed(self) -> None:
        self._caught_up = False
        self._gazetteer = None

    def export(self, out: TextIO, fmt: str = "jsonl") -> int:
        """Write every stored event, oldest first; returns how many."""
        from tracker.store.transfer import export_events

        return export_events(self.store, out, fmt)

    def import_(self, text: str, *, what: str = "file") -> dict[str, int]:
        """Append exported events that the store lacks; all or nothing, idempotent."""
        from tracker.input.jsonl import parse_jsonl
        from tracker.store.transfer import import_events

        with bulk_work():
            result = import_events(self.store, parse_jsonl(text, what=what), what)
        if result["imported"]:
            self._log_changed()
        return result

    def verify(self, progress: Callable[[int], None] | None = None, *, head: str | None = None) -> dict[str, Any]:
        """Check the log: each fact's versions run 1, 2, 3… in log order, every event decodes, the hash chain holds.

        head: POSITION:HASH as an earlier verify printed it; the log must still reach it unchanged.
        """
        from tracker.store.chain import parse_head

        try:
            at = parse_head(head) if head is not None else None
        except ValueError as e:
            raise UsageError(str(e)) from None
        return self.store.verify(progress, head=at)

    def seal(self) -> dict[str, Any]:
        """Start the hash chain of a log made before it, over its events as they are now; the new head."""
        return self.store.seal()

    def backup(self, target: Path) -> dict[str, Any]:
        """A consistent copy of the event store as an SQLite file, safe while others write (either backend)."""
        from tracker.store.backup import backup_log

        return backup_log(self.store, self.location, target, self.now())

    def restore(self, backup: Path) -> dict[str, Any]:
        """Fill this empty store from a backup (tracker backup) or an export (jsonl), positions and all."""
        from tracker.store.move import restore_log

        with bulk_work():
            result = restore_log(self.store, backup)
        self._log_changed()
        return result

    def copy(self, to: str) -> dict[str, Any]:
        """Copy this whole store into the empty store at to (a folder or postgresql:// URL); all or nothing."""
        from tracker.store.move import copy_to

        with bulk_work():
            return copy_to(self.store, self.location, to)
