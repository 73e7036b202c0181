"""Errors the CLI turns into one line and an exit code."""

from __future__ import annotations

from events.values import DomainError

__all__ = ["DomainError", "OperationFailed", "UsageError"]


class UsageError(DomainError):
    """Bad input from the user: exit code 2."""


class OperationFailed(RuntimeError):
    """The input was fine but the operation could not be done: exit code 1."""
