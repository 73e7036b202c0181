"""Export and import of the event log as JSON lines (and CSV out): the contract's format,
`{"position", "aggregate_id", "version", "type", "recorded_at", "data"}` one event a line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO, cast

from tracker.errors import UsageError
from tracker.store.codec import event_from_record

if TYPE_CHECKING:
    from tracker.store.log import EventLog

__all__ = ["export_events", "import_events"]


def export_events(log: EventLog, out: TextIO, fmt: str = "jsonl") -> int:
    """Write every stored event, oldest first; returns how many."""
    count = 0
    if fmt == "jsonl":
        for record in log.read():
            out.write(json.dumps(record.as_json(), ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        import csv

        writer = csv.writer(out)
        writer.writerow(["position", "aggregate_id", "version", "type", "recorded_at", "data"])
        for record in log.read():
            writer.writerow([record.position, record.aggregate_id, record.version, record.type, record.recorded_at,
                             json.dumps(record.data, ensure_ascii=False, sort_keys=True)])  # fmt: skip
            count += 1
        return count
    raise UsageError(f"export format {fmt!r} is not one of jsonl, csv")


def import_events(log: EventLog, items: list[dict[str, Any]], what: str = "file") -> dict[str, int]:
    """Append the exported events the store lacks, in one transaction; a bad item refuses all.

    items are the export's JSON objects, each with its "__line__" number if read from lines.
    """
    import events as domain

    event_classes = cast("dict[str, type]", domain.EVENT_CLASSES)
    parsed: list[tuple[str, Any]] = []
    for item in items:
        line = item.pop("__line__", None)
        where = f"{what}: line {line}" if line else what
        try:
            cls = event_classes[item["type"]]
            event = event_from_record(
                cls, item["aggregate_id"], int(item["version"]), item["recorded_at"], item["data"]
            )
        except KeyError as e:
            raise UsageError(f"{where}: missing or unknown {e.args[0]!r}") from None
        except (TypeError, ValueError) as e:
            raise UsageError(f"{where}: not an exported event ({str(e).splitlines()[0]})") from None
        parsed.append((where, event))
    existing = log.existing_versions(e.originator_id for _, e in parsed)
    expected = dict(existing)
    new = []
    for where, event in parsed:
        have = expected.get(event.originator_id, 0)
        if event.originator_version <= existing.get(event.originator_id, 0):
            continue
        if event.originator_version != have + 1:
            raise UsageError(f"{where}: version {event.originator_version} of {event.originator_id} follows {have}")
        expected[event.originator_id] = event.originator_version
        new.append(event)
    if new:
        log.insert(new)
    return {"read": len(parsed), "imported": len(new), "skipped": len(parsed) - len(new)}
