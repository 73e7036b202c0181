"""Deterministic aggregate ids from natural keys (uuid5).

The same fact appended twice gets the same id, so the store itself rejects the
duplicate: idempotency without a lookup table.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from hashlib import sha1
from uuid import UUID

__all__ = [
    "NAMESPACE",
    "actor_id",
    "channel_id",
    "feed_id",
    "interaction_id",
    "report_id",
    "sanction_id",
]

NAMESPACE = UUID("5b1f3a52-6f0e-4c55-9d3e-2a0c1e7d9b41")


_NS = NAMESPACE.bytes


def _id(*parts: str) -> UUID:
    # uuid5 by hand: the same bytes as uuid.uuid5, without its per-call overhead (bulk appends
    # compute three candidate ids per fact).
    digest = sha1(_NS + "\x1f".join(parts).encode("utf-8"), usedforsecurity=False).digest()
    return UUID(bytes=digest[:16], version=5)


def actor_id(slug: str) -> UUID:
    return _id("actor", slug)


def channel_id(dyad: str, slug: str) -> UUID:
    return _id("channel", dyad, slug)


def sanction_id(authority: str, program: str, target: str) -> UUID:
    return _id("sanction", authority.lower(), program.lower(), target)


def interaction_id(family: str, dyad: str, principals: Iterable[str], occurred_on: date) -> UUID:
    return _id("interaction", family, dyad, ",".join(sorted(principals)), occurred_on.isoformat())


def report_id(url_or_guid: str) -> UUID:
    return _id("report", url_or_guid)


def feed_id(url: str) -> UUID:
    return _id("feed", url)
