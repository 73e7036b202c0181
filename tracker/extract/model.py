"""The values extraction passes between its stages, and the candidate it ends with.

Offsets are character offsets into the report's text (Python string indices), so the evidence of a
candidate can be highlighted in the text as stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

__all__ = ["DYAD", "ActorMention", "Candidate", "DateMention", "Report", "Sentence", "Span"]

DYAD = frozenset({"CHN", "USA"})  # the two states whose relationship the extractor reads

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Span:
    """Where something was found: [start, end) in the report's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Report:
    """A report as extraction reads it: its text, language (en or zh) and when it was published (aware)."""

    text: str
    language: str
    published_at: datetime
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    derived_from: str | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence of the report, with its offsets."""

    text: str
    span: Span


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence, resolved against the report's publication time and zone.

    `expected` when the words put it in the future of the report ("next week", 下周, "will visit");
    `until` for a range (7月3日至4日); `background` when it is long before publication ("since 2018").
    """

    day: date
    precision: Precision
    span: Span
    until: date | None = None
    expected: bool = False
    text: str = ""


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence: a known slug, or a new official found by a title pattern (`new`)."""

    slug: str
    kind: str  # person, state, organization
    state: str | None
    span: Span
    name: str = ""
    office: str | None = None  # the office word that named or qualified it
    new: bool = False
    names: dict[str, str] = field(default_factory=dict)  # for a new actor: its names by language


@dataclass
class Candidate:
    """A proposed fact: the `tracker append --file` fields, a confidence, and its evidence.

    `fact` holds exactly what `append --file` takes (kind, status, participants, occurred_on, precision, ...;
    sanction, channel and office fields by kind). `evidence` is the supporting sentence and its span in the
    report. `new_actors` lists officials to register first ({slug, names, office, state}).
    """

    fact: dict[str, Any]
    confidence: float
    evidence: str
    span: Span
    extractor_version: str
    background: bool = False
    new_actors: list[dict[str, Any]] = field(default_factory=list)
    rule: str = ""  # which rule proposed it: the explanation a reviewer sees
    homes: dict[str, str | None] = field(default_factory=dict)  # each named party's state, for merging
    dated: bool = True  # its date was found in its sentence (else carried over or the publication day)

    @property
    def kind(self) -> str:
        """The fact's kind."""
        return str(self.fact["kind"])

    def as_json(self) -> dict[str, Any]:
        """The candidate as stored in CandidatesExtracted and shown by `review list --format json`."""
        return {
            "fact": self.fact,
            "confidence": round(self.confidence, 3),
            "evidence": {"text": self.evidence, "start": self.span.start, "end": self.span.end},
            "extractor_version": self.extractor_version,
            "background": self.background,
            "new_actors": self.new_actors,
            "rule": self.rule,
        }
