"""Deterministic aggregate ids from natural keys (uuid5).

The same fact appended twice gets the same id, so the store itself rejects the
duplicate: idempotency without a lookup table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from hashlib import sha1
from typing import Any
from uuid import UUID, SafeUUID

__all__ = [
    "NAMESPACE",
    "actor_id",
    "channel_id",
    "feed_id",
    "interaction_id",
    "interaction_ids",
    "report_id",
    "sanction_id",
    "slugify",
]

NAMESPACE = UUID("5b1f3a52-6f0e-4c55-9d3e-2a0c1e7d9b41")


_NS = NAMESPACE.bytes


# Looked up once: reading an Enum member goes through a descriptor, a third of _from_digest's time.
_UNKNOWN = SafeUUID.unknown
_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_SET = (0x8000 << 48) | (5 << 76)
_new = object.__new__
_set = object.__setattr__
_from_bytes = int.from_bytes


def _id(*parts: str) -> UUID:
    return _from_digest(sha1(_NS + "\x1f".join(parts).encode("utf-8"), usedforsecurity=False).digest())


def _from_digest(digest: bytes) -> UUID:
    # uuid5 by hand: the same value as uuid.uuid5 (RFC 4122 variant and version bits set as
    # UUID.__init__ sets them), without its per-call checks; bulk appends compute three
    # candidate ids per fact, and UUID.__init__ was a third of that work. The first 16 bytes of
    # the 20-byte SHA-1 digest, read as int.from_bytes(digest[:16]) reads them, without the slice.
    made = _new(UUID)
    _set(made, "int", (_from_bytes(digest, "big") >> 32 & _CLEAR) | _SET)
    _set(made, "is_safe", _UNKNOWN)
    return made


def slugify(name: str) -> str:
    """An actor's slug from its name: 'Dong Jun' -> 'dong-jun'; a name with no Latin letters gets a short stable hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not slug:
        slug = "actor-" + sha1(name.strip().encode(), usedforsecurity=False).hexdigest()[:8]
    return slug


def actor_id(slug: str) -> UUID:
    """The id of an actor, from its slug."""
    return _id("actor", slug)


def channel_id(dyad: str, slug: str) -> UUID:
    """The id of a channel, from its dyad and slug."""
    return _id("channel", dyad, slug)


def sanction_id(authority: str, program: str, target: str) -> UUID:
    """The id of a sanction, from its authority and program (in any case) and its target."""
    return _id("sanction", authority.lower(), program.lower(), target)


def interaction_id(family: str, dyad: str, principals: Iterable[str], occurred_on: date) -> UUID:
    """The id of an interaction, from its family, dyad, principals (in any order) and date."""
    return _id("interaction", family, dyad, ",".join(sorted(principals)), occurred_on.isoformat())


def interaction_ids(family: str, dyad: str, principals: Iterable[str], days: Iterable[date]) -> list[UUID]:
    """interaction_id for several dates of one interaction, hashing the shared prefix once."""
    names = tuple(principals)
    key = (family, dyad, names)
    prefix = _prefixes.get(key)
    if prefix is None:
        if len(_prefixes) >= _PREFIXES:
            _prefixes.clear()
        prefix = _prefixes[key] = sha1(
            _NS + "\x1f".join(("interaction", family, dyad, ",".join(sorted(names)), "")).encode("utf-8"),
            usedforsecurity=False,
        )
    out = []
    # Each day's ISO bytes kept: a bulk append computes three ids a fact, and its facts share
    # days (the three of a fact overlap its neighbours').
    for day in days:
        iso = _days.get(day) if type(day) is date else None
        if iso is None:
            iso = day.isoformat().encode("ascii")
            if type(day) is date:
                if len(_days) >= _DAYS:
                    _days.clear()
                _days[day] = iso
        h = prefix.copy()
        h.update(iso)
        out.append(_from_digest(h.digest()))
    return out


# The hashed prefix of each (family, dyad, principals) seen lately: a bulk append repeats the same
# few pairs of officials many times. Bounded, and a pure function of its key.
_PREFIXES = 4096
_prefixes: dict[tuple[str, str, tuple[str, ...]], Any] = {}
# A date's ISO form as bytes, for dates (the exact type) seen lately. Bounded.
_DAYS = 65536
_days: dict[date, bytes] = {}


def report_id(url_or_guid: str) -> UUID:
    """The id of a report, from its canonical URL or feed guid."""
    return _id("report", url_or_guid)


def feed_id(url: str) -> UUID:
    """The id of a feed, from its URL."""
    return _id("feed", url)
