"""Scoring extraction against the labelled set: the matching rule of tests/extraction/README.md.

A predicted fact (the `append --file` dict of a candidate) matches a labelled one when all hold:

1. the same `kind`;
2. the same participant set: `participants ∪ {initiator, recipient}` for interactions, `{target, imposed_by}`
   for sanctions, `{channel, by}` for channel facts, `{actor, state, office}` for offices, the office compared
   loosely (case, punctuation, word order, "of"/"the"/country words and Defence/Defense spelling ignored);
3. the same `status` for interactions (absent means `occurred`);
4. the date: the predicted date — a day, a `[occurred_on, until]` range, a whole month or a whole year by its
   precision — lies wholly inside the label's window: for day precision one day either side of `occurred_on`,
   or of `[occurred_on, until]` when a range is labelled; for month precision that month; for year, that year
   (so a month-precision prediction never matches a day label, while a day inside a labelled month does);
5. the same `channel` when the label has one.

Each labelled fact matches at most one prediction and each prediction at most one labelled fact; the pairing is
a maximum one-to-one matching, so the order of the predictions does not change the score.

Background facts (`"background": true`) are scored apart. Predictions are first matched against the required
(non-background) facts; the rest are then matched against the background facts. A prediction matching a
background fact is excused: it is neither a true nor a false positive (it is left out of precision), whether or
not the candidate flagged it as background, and a background fact nobody predicted is not a miss (it is left out
of recall). `Scores.background` counts how many were labelled, found, and found flagged.

A `not_facts` trap is hit by a prediction matching no labelled fact at all when it has the trap's kind and every
field the trap gives: `participants` as a subset of the prediction's `participants` (the acting side, not the
recipient), `occurred_on` by rule 4 at the trap's precision (given, else read from the date's form), `status` as
in rule 3, `office` loosely, any other field equal. `precision` and `why` are not compared. A hit is a false
positive (it is already counted as one) that is also named: `Scores.traps`.

Confusions pair a false positive with a miss of its report agreeing on rules 2 and 4 but not on kind (one-to-one).
Pure but for `load_labelled` reading the set (and the seed texts) it is pointed at.
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.extract.model import Candidate, Report
from tracker.extract.same_actors import renamed as _renamed
from tracker.extract.same_actors import same_new_actors

__all__ = ["Counts", "LabelledReport", "MatchResult", "Scores", "date_ok", "evaluate", "hits_trap", "load_labelled",
           "match", "matches", "participant_set", "same_new_actors", "same_office", "score"]  # fmt: skip

SANCTION_KINDS = frozenset({"sanction-imposed", "sanction-lifted"})
CHANNEL_KINDS = frozenset({"channel-suspended", "channel-stalled", "channel-resumed"})
OFFICE_KINDS = frozenset({"office-assumed", "office-left"})
Fact = Mapping[str, Any]


# -- the labelled set --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledReport:
    """One line of labelled.jsonl: the report as extraction reads it, its facts and its traps."""

    id: str
    split: str
    language: str
    report: Report
    facts: list[dict[str, Any]]
    not_facts: list[dict[str, Any]] = field(default_factory=list)
    hard: tuple[str, ...] = ()
    new_actors: list[dict[str, Any]] = field(default_factory=list)


def load_labelled(path: Path, corpus_dir: Path, on_skip: Callable[[str], None] | None = None) -> list[LabelledReport]:
    """Every report of the set; a line whose `corpus_file` is absent from `corpus_dir` is skipped with a note
    (to stderr unless `on_skip` is given)."""
    note = on_skip or (lambda message: print(message, file=sys.stderr))
    found: list[LabelledReport] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row.get("text")
        if text is None:
            source = Path(corpus_dir) / row["corpus_file"]
            if not source.is_file():
                note(f"note: skipping {row['id']}: {source} is absent")
                continue
            text = source.read_text(encoding="utf-8")
        published = datetime.fromisoformat(row["published_at"])
        report = Report(
            text, row["language"], published, *(row.get(k) for k in ("url", "outlet", "title", "derived_from"))
        )
        facts, traps = list(row.get("facts", [])), list(row.get("not_facts", []))
        hard, new = tuple(row.get("hard", [])), list(row.get("new_actors", []))
        found.append(LabelledReport(row["id"], row["split"], row["language"], report, facts, traps, hard, new))
    return found


# -- the rule ----------------------------------------------------------------------------------------------------

_OFFICE_DROP = frozenset(("of", "the", "for", "and", "to", "a", "an", "u", "s", "us", "usa", "american", "chinese",
                          "prc", "pla", "people", "national"))  # fmt: skip
_OFFICE_WORDS = {"defence": "defense", "chairman": "chair", "chairwoman": "chair", "adviser": "advisor"}
_OFFICE_ALIASES = (("cmc", "central military commission"), ("indopacom", "indo pacific command"))


def _office_key(office: object) -> frozenset[str]:
    text = str(office or "").casefold()
    for short, long in _OFFICE_ALIASES:
        text = re.sub(rf"\b{short}\b", long, text)
    words = re.split(r"[^\w]+", text)
    return frozenset(_OFFICE_WORDS.get(w, w) for w in words if w and w not in _OFFICE_DROP)


def same_office(a: object, b: object) -> bool:
    """Offices compared loosely: the same words once case, punctuation, order and filler words are set aside."""
    return _office_key(a) == _office_key(b)


def participant_set(fact: Fact) -> frozenset[str]:
    """Rule 2's set for the fact's kind (an office fact's office enters as its loose key)."""
    kind = fact.get("kind")
    if kind in SANCTION_KINDS:
        named: list[Any] = [fact.get("target"), fact.get("imposed_by")]
    elif kind in CHANNEL_KINDS:
        named = [fact.get("channel"), fact.get("by")]
    elif kind in OFFICE_KINDS:
        office = " ".join(sorted(_office_key(fact.get("office"))))
        named = [fact.get("actor"), fact.get("state"), f"office:{office}"]
    else:
        named = [*(fact.get("participants") or []), fact.get("initiator"), fact.get("recipient")]
    return frozenset(str(n) for n in named if n)


def _status(fact: Fact) -> str:
    return str(fact.get("status") or "occurred")


def _precision(fact: Fact) -> str:
    given = fact.get("precision")
    if given:
        return str(given)
    return {4: "year", 7: "month"}.get(len(str(fact.get("occurred_on", ""))), "day")


def _interval(fact: Fact) -> tuple[date, date] | None:
    """The days a fact's date covers, by its precision; None when it has no readable date."""
    value = str(fact.get("occurred_on") or "")
    try:
        precision = _precision(fact)
        if precision == "year":
            year = int(value[:4])
            return date(year, 1, 1), date(year, 12, 31)
        if precision == "month":
            year, month = int(value[:4]), int(value[5:7])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        first = date.fromisoformat(value[:10])
        until = fact.get("until")
        last = date.fromisoformat(str(until)) if until else first
    except (ValueError, TypeError):
        return None
    return first, max(first, last)


def _window(label: Fact) -> tuple[date, date] | None:
    days = _interval(label)
    if days is None or _precision(label) != "day":
        return days
    one = timedelta(days=1)
    return days[0] - one, days[1] + one


def date_ok(predicted: Fact, label: Fact) -> bool:
    """Rule 4: the predicted date lies wholly inside the label's window."""
    days, window = _interval(predicted), _window(label)
    if days is None or window is None:
        return False
    return window[0] <= days[0] and days[1] <= window[1]


def matches(predicted: Fact, label: Fact) -> bool:
    """Whether a prediction matches a labelled fact: rules 1 to 5."""
    if predicted.get("kind") != label.get("kind"):
        return False
    if participant_set(predicted) != participant_set(label):
        return False
    if label.get("kind") not in SANCTION_KINDS | CHANNEL_KINDS | OFFICE_KINDS and _status(predicted) != _status(label):
        return False
    if not date_ok(predicted, label):
        return False
    return not (label.get("channel") and predicted.get("channel") != label["channel"])


def _loosely_related(predicted: Fact, label: Fact) -> bool:
    """A confusion: rules 2 and 4 hold but the kinds differ."""
    return (
        predicted.get("kind") != label.get("kind")
        and participant_set(predicted) == participant_set(label)
        and date_ok(predicted, label)
    )


def hits_trap(predicted: Fact, trap: Fact) -> bool:
    """Whether a prediction has a trap's kind and every field the trap gives (see the module's docstring)."""
    if predicted.get("kind") != trap.get("kind"):
        return False
    for name, value in trap.items():
        if name in ("kind", "why", "precision"):
            continue
        if name == "participants":
            ok = set(value) <= set(predicted.get("participants") or [])
        elif name == "occurred_on":
            ok = date_ok(predicted, trap)
        elif name == "status":
            ok = _status(predicted) == str(value)
        elif name == "office":
            ok = same_office(predicted.get("office"), value)
        elif name == "location":
            ok = str(predicted.get("location") or "").casefold() == str(value).casefold()
        else:
            ok = predicted.get(name) == value
        if not ok:
            return False
    return True


def _pair(left: Sequence[int], right: Sequence[int], ok: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of left to right indices (augmenting paths; the sets are small)."""
    edges = {a: [b for b in right if ok(a, b)] for a in left}
    owner: dict[int, int] = {}

    def augment(a: int, seen: set[int]) -> bool:
        for b in edges[a]:
            if b in seen:
                continue
            seen.add(b)
            if b not in owner or augment(owner[b], seen):
                owner[b] = a
                return True
        return False

    for a in left:
        augment(a, set())
    return sorted((a, b) for b, a in owner.items())


@dataclass
class MatchResult:
    """How one report's predictions met its labels; every entry is an index into `predicted`/`labelled`."""

    predicted: list[dict[str, Any]]
    labelled: list[dict[str, Any]]
    not_facts: list[dict[str, Any]] = field(default_factory=list)
    language: str = ""
    report: str = ""
    matched: list[tuple[int, int]] = field(default_factory=list)  # (prediction, required labelled fact)
    background: list[tuple[int, int]] = field(default_factory=list)  # (prediction, background labelled fact)
    false_positives: list[int] = field(default_factory=list)
    misses: list[int] = field(default_factory=list)  # required labelled facts no prediction matched
    background_missed: list[int] = field(default_factory=list)
    traps: list[tuple[int, int]] = field(default_factory=list)  # (false positive, not_facts entry)
    confusions: list[tuple[int, int]] = field(default_factory=list)  # (false positive, miss)


def match(
    predicted: Sequence[Fact],
    labelled: Sequence[Fact],
    not_facts: Sequence[Fact] = (),
    *,
    language: str = "",
    report: str = "",
) -> MatchResult:
    """Match one report's predicted facts to its labelled facts and traps (see the module's docstring)."""
    result = MatchResult([dict(p) for p in predicted], [dict(f) for f in labelled], [dict(t) for t in not_facts])
    result.language, result.report = language, report
    preds, labels = result.predicted, result.labelled
    required = [i for i, f in enumerate(labels) if not f.get("background")]
    background = [i for i, f in enumerate(labels) if f.get("background")]

    def ok(p: int, f: int) -> bool:
        return matches(preds[p], labels[f])

    result.matched = _pair(range(len(preds)), required, ok)
    used = {p for p, _ in result.matched}
    result.background = _pair([p for p in range(len(preds)) if p not in used], background, ok)
    used |= {p for p, _ in result.background}
    result.false_positives = [p for p in range(len(preds)) if p not in used]
    found = {f for _, f in result.matched} | {f for _, f in result.background}
    result.misses = [f for f in required if f not in found]
    result.background_missed = [f for f in background if f not in found]
    for p in result.false_positives:
        hit = next((t for t, trap in enumerate(result.not_facts) if hits_trap(preds[p], trap)), None)
        if hit is not None:
            result.traps.append((p, hit))
    result.confusions = _pair(result.false_positives, result.misses, lambda p, f: _loosely_related(preds[p], labels[f]))
    return result


def evaluate(
    reports: Iterable[LabelledReport], extractor: Callable[[Report], Sequence[Candidate]]
) -> list[tuple[LabelledReport, list[Candidate], MatchResult]]:
    """Run an extractor over labelled reports and match each one's candidates (a candidate's `background` flag
    travels in its fact dict as `"background"`)."""
    out = []
    for labelled in reports:
        candidates = list(extractor(labelled.report))
        same = same_new_actors(candidates, labelled.new_actors)
        facts = [_renamed({**c.fact, "background": c.background}, same) for c in candidates]
        result = match(facts, labelled.facts, labelled.not_facts, language=labelled.language, report=labelled.id)
        out.append((labelled, candidates, result))
    return out


# -- the scores --------------------------------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and misses, with the ratios (None when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


@dataclass
class Background:
    """Background facts: labelled, found by a prediction, found by a prediction flagged background."""

    labelled: int = 0
    found: int = 0
    flagged: int = 0


@dataclass
class Scores:
    """Counts overall, per kind and per language; background apart; traps hit and confusions named."""

    overall: Counts = field(default_factory=Counts)
    kinds: dict[str, Counts] = field(default_factory=dict)
    languages: dict[str, Counts] = field(default_factory=dict)
    background: Background = field(default_factory=Background)
    traps: list[tuple[str, str, str]] = field(default_factory=list)  # (report, kind, why)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (predicted kind, labelled kind)
    reports: int = 0


def score(results: Iterable[MatchResult]) -> Scores:
    """Add up match results. A true positive counts for its kind; a false positive for its predicted kind; a miss
    for its labelled kind. Predictions excused by a background fact count nowhere but in `background`."""
    scores = Scores()

    def add(kind: str, language: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        for counts in (
            scores.overall,
            scores.kinds.setdefault(kind, Counts()),
            scores.languages.setdefault(language, Counts()),
        ):
            counts.tp += tp
            counts.fp += fp
            counts.fn += fn

    for result in results:
        scores.reports += 1
        for _, f in result.matched:
            add(str(result.labelled[f].get("kind")), result.language, tp=1)
        for p in result.false_positives:
            add(str(result.predicted[p].get("kind")), result.language, fp=1)
        for f in result.misses:
            add(str(result.labelled[f].get("kind")), result.language, fn=1)
        scores.background.labelled += len(result.background) + len(result.background_missed)
        scores.background.found += len(result.background)
        scores.background.flagged += sum(1 for p, _ in result.background if result.predicted[p].get("background"))
        for _, t in result.traps:
            trap = result.not_facts[t]
            scores.traps.append((result.report, str(trap.get("kind")), str(trap.get("why", ""))))
        for p, f in result.confusions:
            scores.confusions[(str(result.predicted[p].get("kind")), str(result.labelled[f].get("kind")))] += 1
    return scores
