"""Slugs for actors registered on the fly."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["slugify"]


def slugify(name: str) -> str:
    """'Dong Jun' -> 'dong-jun'; a name with no Latin letters gets a short stable hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not slug:
        slug = "actor-" + hashlib.sha1(name.strip().encode()).hexdigest()[:8]
    return slug
