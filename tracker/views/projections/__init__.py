"""Projections: pure handlers that turn stored events into row operations on the read models.

Each module owns its tables (SCHEMA) and maps event types to handlers returning a list of
(sql, params) operations. The runner in tracker.views executes them, in module order, in
the same transaction that records the position.
"""

from __future__ import annotations

from tracker.records import Record
from tracker.views.projections import actors, channels, corrections, feeds, interactions, reports, sanctions, timeline
from tracker.views.projections.ops import Handler, Op

__all__ = ["FTS", "HANDLERS", "MODULES", "SCHEMA", "Handler", "Op", "handle"]

MODULES = (actors, interactions, channels, sanctions, timeline, corrections, feeds, reports)
SCHEMA: list[str] = [stmt for m in MODULES for stmt in m.SCHEMA]
# Full-text indexes (content table -> columns, tokenizer), which tracker.views.database enables with sqlite-utils.
FTS: dict[str, tuple[tuple[str, ...], str]] = {t: spec for m in MODULES for t, spec in getattr(m, "FTS", {}).items()}
NAMES = tuple(m.__name__.rsplit(".", 1)[-1] for m in MODULES)

HANDLERS: dict[str, list[Handler]] = {}
for _module in MODULES:
    for _type, _handler in _module.HANDLERS.items():
        HANDLERS.setdefault(_type, []).append(_handler)


def handle(record: Record) -> list[Op]:
    """Every row operation one event causes, across all read models, in order."""
    ops: list[Op] = []
    for handler in HANDLERS.get(record.type, ()):
        ops.extend(handler(record))
    return ops
