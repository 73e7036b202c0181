"""Slugs for actors registered on the fly: events.ids.slugify, the one rule extraction uses too."""

from __future__ import annotations

from events.ids import slugify

__all__ = ["slugify"]
