"""Name lookup for actors, channels and places: any name, slug or alias in any language.

Pure: built from rows the read models hand over, so tests build one from literals. A session
loads it once and refreshes it only when an actor is added.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from events.values import normalise
from tracker.data import places
from tracker.errors import UsageError

__all__ = ["ActorRef", "ChannelRef", "Gazetteer", "PlaceRef"]


@dataclass(frozen=True, slots=True)
class ActorRef:
    id: str
    slug: str
    kind: str
    state: str | None
    name: str

    @property
    def home(self) -> str | None:
        """The state the actor belongs to: itself, for a state."""
        return self.slug if self.kind == "state" else self.state


@dataclass(frozen=True, slots=True)
class ChannelRef:
    id: str
    slug: str
    dyad: str
    name: str


@dataclass(frozen=True, slots=True)
class PlaceRef:
    slug: str
    name: str
    state: str | None


@dataclass
class Gazetteer:
    """Every known name of every actor and channel."""

    actors: dict[str, list[ActorRef]] = field(default_factory=dict)
    channels: dict[str, list[ChannelRef]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, actor_names: Iterable[tuple[str, ActorRef]], channel_names: Iterable[tuple[str, ChannelRef]]
    ) -> Gazetteer:
        """A gazetteer from (name, ref) pairs of actors and channels, each ref listed once per name."""
        g = cls()
        for name, actor in actor_names:
            refs = g.actors.setdefault(normalise(name), [])
            if actor not in refs:
                refs.append(actor)
        for name, channel in channel_names:
            refs_c = g.channels.setdefault(normalise(name), [])
            if channel not in refs_c:
                refs_c.append(channel)
        return g

    found: dict[str, ActorRef] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, actor_rows: Iterable[tuple[Any, ...]], channel_rows: Iterable[tuple[Any, ...]]) -> Gazetteer:
        """A gazetteer from the read models' name rows (tracker.views.queries.names)."""
        return cls.build(
            ((r[0], ActorRef(r[1], r[2], r[3], r[4], r[5])) for r in actor_rows),
            ((r[0], ChannelRef(r[1], r[2], r[3], r[4])) for r in channel_rows),
        )

    def add_actor(self, names: Iterable[str], actor: ActorRef) -> None:
        """Add an actor under several names, forgetting the remembered lookups."""
        for name in names:
            self.actors.setdefault(normalise(name), []).append(actor)
        self.found.clear()

    def find_actor(self, name: str) -> ActorRef | None:
        """The actor a name refers to, or None if unknown; a name shared by different actors is an error."""
        # A bulk load names the same few actors again and again: remember the answers.
        known = self.found.get(name)
        if known is not None:
            return known
        refs = self.actors.get(normalise(name))
        if not refs:
            return None
        if len(refs) > 1 and len({r.id for r in refs}) > 1:
            options = ", ".join(f"{r.name} ({r.slug})" for r in refs)
            raise UsageError(f"actor {name!r} is ambiguous: {options}; give the slug")
        self.found[name] = refs[0]
        return refs[0]

    def actor(self, name: str) -> ActorRef:
        """The actor a name refers to; an unknown name is an error that suggests close names."""
        found = self.find_actor(name)
        if found is None:
            raise UsageError(
                f"unknown actor {name!r}{self._suggest(name, self.actors)}; register it with --new-actor or `tracker actors add`"
            )
        return found

    def channel_by_id(self, prefix: str) -> ChannelRef | None:
        """The one channel whose id starts with prefix (at least 6 characters), else None."""
        prefix = prefix.strip().lower()
        if len(prefix) < 6:
            return None
        found = {r for refs in self.channels.values() for r in refs if r.id.startswith(prefix)}
        return found.pop() if len(found) == 1 else None

    def find_channel(self, name: str, dyad: str | None = None) -> ChannelRef | None:
        """The channel a name or an id prefix refers to, preferring one in the dyad given, or None if unknown."""
        return self._channel_named(name, dyad) or self.channel_by_id(name)

    def channel(self, name: str, dyad: str | None = None) -> ChannelRef:
        """The channel a name refers to, preferring one in the dyad given; an unknown name is an error."""
        found = self._channel_named(name, dyad)
        if found is None:
            raise UsageError(
                f"unknown channel {name!r}{self._suggest(name, self.channels)}; see `tracker channels list`"
            )
        return found

    def _channel_named(self, name: str, dyad: str | None) -> ChannelRef | None:
        refs = self.channels.get(normalise(name), [])
        if dyad:
            refs = [r for r in refs if r.dyad == dyad] or refs
        return refs[0] if refs else None

    def place(self, name: str | None) -> PlaceRef | None:
        """The place a name refers to; a name not in the place list is kept as given, without a state."""
        if not name:
            return None
        record = places().get(normalise(name))
        if record is None:
            return PlaceRef(slug=name, name=name, state=None)
        return PlaceRef(slug=record["slug"], name=record["names"]["en"], state=record.get("state"))

    @staticmethod
    def _suggest(name: str, index: dict[str, list]) -> str:  # type: ignore[type-arg]
        key = normalise(name)
        # difflib's ratio for a two-character name with one character wrong is 0.5, under any
        # useful cutoff; in Chinese a name one character away (谢峰 for 谢锋) is the usual typo.
        one_off = [k for k in index if _is_cjk(k) and _one_edit(key, k)] if _is_cjk(key) else []
        close = dict.fromkeys([*one_off, *difflib.get_close_matches(key, list(index), n=4, cutoff=0.6)])
        if not close:
            return ""
        shown: list[str] = []
        for match in close:
            ref = index[match][0]
            label = f"{ref.name} ({ref.slug})"
            if label not in shown:
                shown.append(label)
        return f"; did you mean {', '.join(shown[:4])}?"


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def _one_edit(a: str, b: str) -> bool:
    """Whether b is a (two or more characters) with one character changed, added or dropped."""
    if a == b or min(len(a), len(b)) < 2:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
