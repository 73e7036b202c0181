"""A pause of the cyclic garbage collector while bulk work builds many short-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["bulk_work"]


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many short-lived, acyclic objects.

    A bulk append creates a few hundred thousand dicts, dataclasses and events; each
    collection would walk all of them again. Measured: a third of the time of 100,000 facts.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
