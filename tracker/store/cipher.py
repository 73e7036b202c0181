"""Optional encryption at rest of the event payloads: eventsourcing's AESCipher (AES-GCM),
keyed by the TRACKER_CIPHER_KEY environment variable.

Only each event's state (its data and timestamp) is encrypted; the log's positions, fact ids,
versions and event types stay readable, as do the read models (views.db) and poller.db, which
are rebuilt from the log and live on the analyst's machine.
"""

from __future__ import annotations

import binascii
import json
import os
from base64 import b64decode
from collections.abc import Mapping
from typing import Any, Protocol

from tracker.errors import UsageError

__all__ = ["AES_TOPIC", "KEY_VARIABLE", "check_cipher", "cipher_env", "new_key"]

KEY_VARIABLE = "TRACKER_CIPHER_KEY"
AES_TOPIC = "eventsourcing.cipher:AESCipher"
MAKE_KEY = 'python -c "from eventsourcing.cipher import AESCipher; print(AESCipher.create_key(32))"'


class _Log(Protocol):
    # What check_cipher reads of an EventLog (not imported: the log module imports this one's importer).
    recorder: Any
    mapper: Any
    where: str

    def max_position(self) -> int: ...


def new_key(num_bytes: int = 32) -> str:
    """A new random AES key (16, 24 or 32 bytes), base64, as TRACKER_CIPHER_KEY takes it."""
    _require_pycryptodome()
    from eventsourcing.cipher import AESCipher

    return AESCipher.create_key(num_bytes)


def cipher_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """eventsourcing's cipher settings for a store: AESCipher with the key, or none at all.

    Without TRACKER_CIPHER_KEY both settings are set empty, so a stray CIPHER_KEY variable
    (which eventsourcing would read on its own) cannot switch encryption on unnoticed.
    """
    environ = os.environ if environ is None else environ
    key = environ.get(KEY_VARIABLE, "").strip()
    if not key:
        return {"CIPHER_TOPIC": "", "CIPHER_KEY": ""}
    try:
        size = len(b64decode(key, validate=True))
    except (binascii.Error, ValueError):
        size = -1
    if size not in (16, 24, 32):
        raise UsageError(f"{KEY_VARIABLE} is not an AES key (16, 24 or 32 bytes in base64); make one with: {MAKE_KEY}")
    _require_pycryptodome()
    return {"CIPHER_TOPIC": AES_TOPIC, "CIPHER_KEY": key}


def _require_pycryptodome() -> None:
    try:
        import Crypto.Cipher.AES  # noqa: F401
    except ImportError:
        raise UsageError(f"{KEY_VARIABLE} is set but pycryptodome is not installed: pip install pycryptodome") from None


def _is_plain(state: bytes) -> bool:
    # tracker's events are stored as JSON objects; AES-GCM output starts with a random nonce.
    try:
        return isinstance(json.loads(state), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def check_cipher(log: _Log) -> None:
    """Refuse, with one line (UsageError, exit 2), a store whose events this key cannot read.

    Looks at the first and the last stored event: encrypted events without TRACKER_CIPHER_KEY,
    or with a key that does not decrypt them, are refused; so is a key given for a store whose
    events are not encrypted (appending encrypted events to it would leave a store that half
    needs a key). An empty store takes either: with the key, every event will be encrypted.
    """
    recorder = log.recorder
    last = log.max_position()
    if not last:
        return
    first = recorder.select_notifications(start=0, limit=1, inclusive_of_start=False)
    final = recorder.select_notifications(start=last, limit=1)
    where = log.where or "this store"
    cipher = log.mapper.cipher
    for n in [*first, *final]:
        state = bytes(n.state)
        if _is_plain(state):
            if cipher is not None:
                raise UsageError(
                    f"the events at {where} are not encrypted; unset {KEY_VARIABLE} to use this store "
                    "(to encrypt it, export it and import into a new store created with the key)"
                )
            continue
        if cipher is None:
            raise UsageError(f"the events at {where} are encrypted; set {KEY_VARIABLE} to this store's key")
        try:
            plain = cipher.decrypt(state)
        except Exception:
            plain = b""
        if not _is_plain(plain):
            raise UsageError(f"{KEY_VARIABLE} does not decrypt the events at {where}; is it this store's key?")
