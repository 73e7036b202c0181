"""tracker: an event-sourced ledger of diplomatic relations, and the state it projects."""

from __future__ import annotations

__version__ = "0.1.0"
