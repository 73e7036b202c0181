"""The common fact of a bulk file, parsed the short way: an interaction naming its parties, a day, one source.

A file of 100,000 facts repeats a few pairs of officials and a few thousand days; parse_fact
resolves the names, checks both sides and finds the dyad again for each fact, and walks every
field to check it. Here a fact of the common shape (kind, participants, occurred_on, source,
summary; nothing else) has its parties worked out once per (kind, names), its day once per
date, and only its own text checked. It gives exactly the command parse_fact gives, or None:
anything else, and anything parse_fact would refuse, goes to parse_fact, which gives the
command or the same one-line error as ever (tests/unit/test_facts.py compares the two).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events import INTERACTION_KINDS, check_interaction, make_dyad, make_source, parse_date
from events.commands import ReportInteraction
from events.values import _HTTP_URL, NAME_LIMIT, DomainError, Source, check_text
from tracker.input.facts import check_two_sides, distinct_actors
from tracker.input.gazetteer import Gazetteer

__all__ = ["QuickFacts"]

_KEYS = frozenset({"kind", "participants", "occurred_on", "source", "summary"})
_SOURCE_KEYS = frozenset({"url", "outlet", "language", "published_at", "title"})
_TEXT_OR_NONE = frozenset({str, type(None)})

# The parties of an interaction: participant slugs, principals, dyad, the first party's state; its status.
_Cast = tuple[list[str], list[str], str, str | None, str]


class QuickFacts:
    """parse_fact for facts of the common shape, with what they share worked out once (one gazetteer, one batch)."""

    def __init__(self, gazetteer: Gazetteer, default_dyad: str) -> None:
        self.gazetteer = gazetteer
        self.default_dyad = default_dyad
        self._casts: dict[tuple[str, tuple[str, ...]], _Cast | None] = {}
        self._days: dict[str, date] = {}
        self._seen_sources: dict[tuple[str | None, ...], Source] = {}

    def __call__(self, raw: dict[str, Any]) -> ReportInteraction | None:
        """The command parse_fact makes of raw, if raw has the common shape and is valid; else None."""
        if not raw.keys() <= _KEYS:
            return None
        kind = raw.get("kind")
        names = raw.get("participants")
        on = raw.get("occurred_on")
        if type(kind) is not str or type(names) is not list or type(on) is not str or kind not in INTERACTION_KINDS:
            return None
        summary = raw.get("summary")
        sources = self._sources(raw.get("source"))
        if sources is None or (summary is not None and type(summary) is not str):
            return None
        if on not in self._days and not self._day(on):
            return None
        key = (kind, tuple(names))
        try:
            cast = self._casts[key] if key in self._casts else self._cast(kind, names, key)
        except TypeError:
            return None  # a name that is no string: parse_fact says what is wrong
        if cast is None:
            return None
        try:
            if summary is not None:
                summary = check_text(summary, "summary")
        except DomainError:
            return None
        participants, principals, dyad, first_state, status = cast
        return ReportInteraction(
            kind=kind,
            status=status,
            participants=list(participants),
            principals=list(principals),
            initiator=None,
            recipient=None,
            dyad=dyad,
            occurred_on=self._days[on],
            precision="day",
            until=None,
            location=None,
            channel=None,
            summary=summary,
            sources=sources,
            initiator_state=first_state,
            location_state=None,
        )

    def _day(self, text: str) -> bool:
        # Full days only (a month or a year has another precision): parse_date's own checks and range.
        if len(text) != 10:
            return False
        try:
            day, precision = parse_date(text, field="on")
        except DomainError:
            return False
        if precision != "day":
            return False
        self._days[text] = day
        return True

    def _sources(self, given: Any) -> list[Source] | None:
        if type(given) is str:
            given = {"url": given}
        elif type(given) is not dict or not given.keys() <= _SOURCE_KEYS:
            return None
        url = given.get("url")
        if type(url) is str and 0 < len(url) <= NAME_LIMIT and not url[0].isspace() and not url[-1].isspace():
            # make_source checks a URL like this one (already stripped, an http(s) URL with a host
            # name) by its host alone, and copies it as it is: a source differing from one seen
            # already only in the URL's path is that one with its URL replaced. The host, the
            # other fields and the result are remembered per (host, other fields).
            m = _HTTP_URL.match(url)
            if m is not None:
                get = given.get
                key = (m.group(1), get("outlet"), get("language"), get("published_at"), get("title"))
                if _TEXT_OR_NONE.issuperset(map(type, key)):
                    seen = self._seen_sources.get(key)
                    if seen is not None:
                        return [{**seen, "url": url}]
                    source = self._make_source(given)
                    if source is not None:
                        self._seen_sources[key] = dict(source[0])  # a copy: what is handed out may change
                    return source
        return self._make_source(given)

    @staticmethod
    def _make_source(given: dict[str, Any]) -> list[Source] | None:
        try:
            return [make_source(given.get("url"), **{k: v for k, v in given.items() if k != "url"})]
        except DomainError:
            return None

    def _cast(self, kind: str, names: list[Any], key: tuple[str, tuple[str, ...]]) -> _Cast | None:
        """The parties as _interaction works them out, or None (remembered) when it would refuse them."""
        try:
            cast = self._resolve(kind, names)
        except DomainError:
            cast = None
        self._casts[key] = cast
        return cast

    def _resolve(self, kind: str, names: list[Any]) -> _Cast | None:
        if not names or not all(type(n) is str for n in names):
            return None
        for name in names:
            check_text(name, "participants", label="actor name")
        participants = distinct_actors(self.gazetteer, names)
        states = {p.home for p in participants}
        dyad = make_dyad({s for s in states if s}, self.default_dyad)
        status = "declined" if kind == "meeting-declined" else "occurred"
        check_interaction(kind, status, "day", date(2000, 1, 1), None)
        if INTERACTION_KINDS[kind].family in ("meet", "call"):
            check_two_sides(kind, names, participants, None, None)
        slugs = [p.slug for p in participants]
        principals = [p.slug for p in participants if p.kind != "state"] or slugs
        return slugs, principals, dyad, participants[0].home, status
