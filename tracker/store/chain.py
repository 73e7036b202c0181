"""The hash chain over the stored events: tamper evidence for the log (no SQL here).

Each event's link is h_i = H(h_{i-1} || position, aggregate id, version, topic, state), with
H = HMAC-SHA256 under TRACKER_LOG_KEY when it is set, else SHA-256. The chain is kept in
checkpoints, one row per storing transaction (or per CHECKPOINT events when a whole log is
chained at once): (last position, number of events, h of its last event, marks). The marks hold
each event's position and the first 8 bytes of its link, so verify can name the first bad
position, not only the bad transaction. The head (last position and link) depends only on the
events, not on how they were grouped, so a copy or a restore reproduces it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

__all__ = [
    "CHECKPOINT",
    "GENESIS",
    "Checkpoint",
    "Linker",
    "check_chain",
    "linker",
    "parse_head",
]

GENESIS = bytes(32)
CHECKPOINT = 10_000  # events a checkpoint row covers when a whole log is chained at once
_MARK = struct.Struct(">q8s")
_HEAD = struct.Struct(">qqI")
KEY_ENV = "TRACKER_LOG_KEY"

# (position, aggregate id as 16 bytes, version, topic, state) as every backend reads them back.
Row = tuple[int, bytes, int, str, bytes]


@dataclass(frozen=True)
class Checkpoint:
    """One row of the chain table."""

    last_position: int
    events: int
    hash: bytes
    marks: bytes
    scheme: str


def key_from_env() -> bytes | None:
    """The HMAC key (TRACKER_LOG_KEY), or None for a plain hash chain."""
    key = os.environ.get(KEY_ENV)
    return key.encode("utf-8") if key else None


class Linker:
    """Computes links for one scheme: plain SHA-256, or HMAC-SHA256 under a key."""

    def __init__(self, key: bytes | None) -> None:
        self.key = key
        if key is None:
            self.scheme = "sha256"
        else:
            # A key check value, so a wrong key is told apart from a tampered log.
            kcv = hmac.digest(key, b"tracker event chain key check", "sha256")[:4].hex()
            self.scheme = f"hmac-sha256:{kcv}"
        self._topics: dict[str, bytes] = {}

    def links(self, prev: bytes, rows: Iterable[Row]) -> Iterator[tuple[int, bytes]]:
        """(position, link) of each row in turn, chained on prev."""
        topics = self._topics
        pack = _HEAD.pack
        key = self.key
        sha = hashlib.sha256
        digest = hmac.digest
        for position, oid, version, topic, state in rows:
            t = topics.get(topic)
            if t is None:
                t = topics[topic] = topic.encode("utf-8")
            msg = b"".join((prev, pack(position, version, len(t)), oid, t, state))
            prev = sha(msg).digest() if key is None else digest(key, msg, "sha256")
            yield position, prev

    def checkpoints(self, prev: bytes, rows: Iterable[Row], size: int = CHECKPOINT) -> Iterator[Checkpoint]:
        """Checkpoints of at most size events each over rows (in position order), chained on prev."""
        marks: list[bytes] = []
        position = 0
        for position, link in self.links(prev, rows):
            marks.append(_MARK.pack(position, link[:8]))
            prev = link
            if len(marks) >= size:
                yield Checkpoint(position, len(marks), prev, b"".join(marks), self.scheme)
                marks = []
        if marks:
            yield Checkpoint(position, len(marks), prev, b"".join(marks), self.scheme)


def linker() -> Linker:
    """The linker the environment asks for (TRACKER_LOG_KEY or none)."""
    return Linker(key_from_env())


def oid_bytes(oid: Any) -> bytes:
    """An aggregate id as 16 bytes, whether a backend gives a UUID or SQLite's 32 hex digits."""
    if isinstance(oid, UUID):
        return oid.bytes
    return bytes.fromhex(oid) if len(oid) == 32 else UUID(oid).bytes


def scheme_problem(scheme: str, mine: Linker) -> str | None:
    """Why links made under scheme cannot be made or checked with this linker, or None."""
    if scheme == mine.scheme:
        return None
    if scheme.startswith("hmac") and mine.key is None:
        return f"the chain is keyed (HMAC); set {KEY_ENV} to the key it was made with"
    if scheme.startswith("hmac"):
        return f"{KEY_ENV} is not the key the chain was made with"
    return f"the chain is not keyed but {KEY_ENV} is set (a keyed store's chain may have been replaced)"


def parse_head(text: str) -> tuple[int, bytes]:
    """POSITION:HASH (as verify prints it) as (position, hash); ValueError if it is not that."""
    position, sep, digest = text.strip().partition(":")
    if not sep or not position.isdigit() or len(digest) != 64:
        raise ValueError(f"--head {text!r} is not POSITION:HASH (a position and 64 hex digits, as verify prints)")
    return int(position), bytes.fromhex(digest)


def check_chain(
    rows: Iterable[Row],
    checkpoints: Iterable[Checkpoint],
    mine: Linker,
    head: tuple[int, bytes] | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    prev: bytes = GENESIS,
    whole: bool = True,
) -> dict[str, Any]:
    """Recompute the chain over rows (position order) against the checkpoints; stops at the first bad position.

    Returns {"sealed", "problem" (one line or None), "head": {"position", "hash"} or None,
    "chained" (events the chain covers), "head_seen"}. whole=False checks one stretch of the log
    (rows and checkpoints of a range, chained on prev: the stored hash of the checkpoint before
    it), leaving what lies beyond the stretch, and the head given, to the caller.
    """
    events = iter(rows)
    chained = 0
    last = 0
    problem: str | None = None
    head_seen = head is None
    sealed = False
    for cp in checkpoints:
        sealed = True
        trouble = scheme_problem(cp.scheme, mine)
        if trouble:
            problem = trouble
            break
        links = mine.links(prev, events)
        for mark_position, mark in _MARK.iter_unpack(cp.marks):
            got = next(links, None)
            if got is None:
                problem = f"position {mark_position}: missing from the log (deleted, or the log was cut short)"
                break
            position, link = got
            if position > mark_position:
                problem = f"position {mark_position}: missing from the log (deleted)"
            elif position < mark_position:
                problem = f"position {position}: not in the chain (inserted)"
            elif link[:8] != mark:
                problem = f"position {position}: does not match the chain (edited, or moved from another position)"
            if problem:
                break
            prev = link
            last = position
            if head is not None and not head_seen and position > head[0]:
                problem = f"position {head[0]}: the head given names no event of this log"
                break
            if head is not None and position == head[0]:
                head_seen = True
                if link != head[1]:
                    problem = f"position {position}: the log here does not match the head given"
                    break
        if problem:
            break
        if prev != cp.hash or last != cp.last_position:
            problem = f"position {cp.last_position}: the checkpoint does not match its events"
            break
        chained += cp.events
        if progress:
            progress(cp.events)
    if problem is None and whole:
        extra = next(events, None)
        if extra is not None and sealed:
            problem = f"position {extra[0]}: not in the chain (inserted after the head, or written without the chain)"
        elif head is not None and not sealed:
            problem = "the log has no chain (unsealed), so it cannot be checked against the head given"
        elif not head_seen:
            assert head is not None
            problem = f"the log ends at position {last}, before the head given ({head[0]}): cut short"
    return {
        "sealed": sealed,
        "problem": problem,
        # Only a whole, good chain has a head worth keeping.
        "head": {"position": last, "hash": prev.hex()} if sealed and chained and problem is None else None,
        "chained": chained,
        "head_seen": head_seen,
    }
