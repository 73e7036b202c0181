"""The hash chain's arithmetic (tracker.store.chain), without a store."""

from __future__ import annotations

import pytest

from tracker.store.chain import GENESIS, Linker, check_chain, parse_head

ROWS = [(p, bytes([p]) * 16, 1, "events.x:Y", b'{"n": %d}' % p) for p in range(1, 26)]


def test_head_does_not_depend_on_how_events_were_grouped() -> None:
    """One checkpoint per event or one for all: the same head, so copies and restores reproduce it."""
    linker = Linker(None)
    small = list(linker.checkpoints(GENESIS, ROWS, size=1))
    big = list(linker.checkpoints(GENESIS, ROWS, size=100))
    assert len(small) == 25 and len(big) == 1
    assert small[-1].hash == big[-1].hash
    assert check_chain(ROWS, small, linker)["head"] == check_chain(ROWS, big, linker)["head"]


def test_keyed_and_plain_links_differ() -> None:
    """An HMAC chain cannot be recomputed without its key, nor with another one."""
    keyed = list(Linker(b"k").checkpoints(GENESIS, ROWS))
    assert keyed[-1].hash != list(Linker(None).checkpoints(GENESIS, ROWS))[-1].hash
    assert "not the key" in (check_chain(ROWS, keyed, Linker(b"other"))["problem"] or "")
    assert check_chain(ROWS, keyed, Linker(b"k"))["problem"] is None


def test_first_bad_position_is_named() -> None:
    """An edited row is named by its position even inside a large checkpoint."""
    linker = Linker(None)
    checkpoints = list(linker.checkpoints(GENESIS, ROWS, size=100))
    edited = [r if r[0] != 17 else (*r[:4], b'{"n": 0}') for r in ROWS]
    assert check_chain(edited, checkpoints, linker)["problem"].startswith("position 17:")


def test_head_text_is_checked() -> None:
    """--head must be POSITION:HASH with 64 hex digits."""
    assert parse_head(f"12:{'ab' * 32}") == (12, bytes.fromhex("ab" * 32))
    for bad in ("12", f"x:{'ab' * 32}", "12:abc"):
        with pytest.raises(ValueError):
            parse_head(bad)


def test_checkpoint_with_a_changed_hash_is_found() -> None:
    """A checkpoint whose full hash was rewritten fails even though every event's mark still matches."""
    from dataclasses import replace

    linker = Linker(None)
    checkpoints = list(linker.checkpoints(GENESIS, ROWS, size=10))
    checkpoints[1] = replace(checkpoints[1], hash=bytes(32))
    assert check_chain(ROWS, checkpoints, linker)["problem"] == "position 20: the checkpoint does not match its events"
