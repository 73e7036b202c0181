"""English date expressions, and the resolution helpers both languages share (see `dates` for the rules).

Every scanner works on one sentence's text and returns `Hit`s with offsets local to that text;
`tracker.extract.dates.find_dates` shifts them into the report and merges "Wednesday (July 12)".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.extract.model import Precision
from tracker.extract.names import compile_fast

__all__ = ["Clock", "Hit", "scan_en"]


@dataclass(frozen=True)
class Clock:
    """The publication as the resolution sees it: its day in the report's zone, and whether it is evening."""

    today: date
    evening: bool  # published at or after 18:00 in its zone: "Thursday" may be tomorrow somewhere else

    @classmethod
    def of(cls, published_at: datetime) -> Clock:
        """The clock of an aware publication time, in its own zone."""
        return cls(published_at.date(), published_at.hour >= 18)


@dataclass(frozen=True)
class Hit:
    """A resolved date expression at [start, end) of the sentence."""

    start: int
    end: int
    day: date
    precision: Precision
    until: date | None = None
    expected: bool = False
    weekday: bool = False  # a bare weekday name: an explicit date next to it wins


def hit(
    start: int,
    end: int,
    day: date,
    precision: Precision,
    clock: Clock,
    until: date | None = None,
    weekday: bool = False,
    expected: bool | None = None,
) -> Hit:
    """A hit, `expected` when it starts after the publication day (unless told)."""
    if expected is None:
        if precision == "day":
            expected = day > clock.today
        elif precision == "month":
            expected = (day.year, day.month) > (clock.today.year, clock.today.month)
        else:
            expected = day.year > clock.today.year
    return Hit(start, end, day, precision, until, expected, weekday)


def add_months(d: date, k: int) -> date:
    """The first day of the month `k` months from `d`'s."""
    n = d.year * 12 + d.month - 1 + k
    return date(n // 12, n % 12 + 1, 1)


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when it does not exist."""
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1] and 1900 <= y <= 2100:
        return date(y, m, d)
    return None


def monday(d: date) -> date:
    """The Monday of `d`'s week (weeks run Monday to Sunday)."""
    return d - timedelta(days=d.weekday())


def resolve_weekday(clock: Clock, wd: int, future: bool, modifier: str = "") -> tuple[date, bool]:
    """The day a weekday name (0 = Monday) means, and whether it is expected.

    Bare or "last": the most recent such day on or before publication (strictly before for "last");
    "next" or a future cue: the coming one (on or after publication; strictly after for "next");
    "this": the one in the publication's week. Evening rule: the day after an evening publication
    is taken as that day (the writer's zone is ahead, or the report was updated), not as last week's.
    """
    today = clock.today
    back = (today.weekday() - wd) % 7
    if modifier == "this":
        day = monday(today) + timedelta(days=wd)
        return day, day > today
    if modifier == "next" or (future and modifier != "last"):
        ahead = (wd - today.weekday()) % 7 or (7 if modifier == "next" else 0)
        return today + timedelta(days=ahead), ahead > 0
    if modifier == "last":
        return today - timedelta(days=back or 7), False
    if back == 6 and clock.evening:
        return today + timedelta(days=1), False
    return today - timedelta(days=back), False


def resolve_month(clock: Clock, month: int, future: bool) -> date:
    """The first day of the month a month name without a year means: this year's, unless it lies more than
    a month ahead (then last year's); with a future cue, the coming one."""
    today = clock.today
    year = today.year
    if future:
        if month < today.month:
            year += 1
    elif month > today.month + 1:
        year -= 1
    return date(year, month, 1)


def resolve_month_day(clock: Clock, month: int, day: int, future: bool) -> date | None:
    """A month and day without a year: this year's, unless over a month ahead without a future cue (last
    year's), or past with a future cue (next year's)."""
    today = clock.today
    d = safe_date(today.year, month, day) or safe_date(today.year - 1, month, day)
    if d is None:
        return None
    if not future and (d - today).days > 31:
        d = safe_date(d.year - 1, month, day)
    elif future and d < today:
        d = safe_date(d.year + 1, month, day)
    return d


_FUTURE_EN = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|to be|plans?|planned|planning|expected|scheduled|due|set to|set for|"
    # (not "declined to meet Austin on Tuesday": the day is the refusal's, past)
    r"upcoming|intends?|later|(?<!declined )(?<!refused )(?:to visit|to travel|to meet|to hold)|runs|begins|opens"
    r"|takes place|convenes"
    r"|takes office|is sworn in|is inaugurated)\b",
    re.IGNORECASE,
)
_CLAUSE_EN = re.compile(r"[.;:!?\"“”]|,\s|\b(?:said|says|told|announced|added)\b")


def cue_before(text: str, start: int, cue: re.Pattern[str], clause: re.Pattern[str], window: int = 60) -> bool:
    """Whether a future cue stands before `start` in the same clause (after the last boundary)."""
    before = text[max(0, start - window) : start]
    cut = 0
    for m in clause.finditer(before):
        cut = m.end()
    return cue.search(before, cut) is not None


MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
_FULLMON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?\b"
_YEAR = r"((?:19|20)\d\d)\b"
_WD = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

Handler = Callable[[re.Match[str], str, Clock], Iterator[Hit]]


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _iso(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    d = safe_date(int(m[1]), int(m[2]), int(m[3]))
    if d:
        yield hit(m.start(), m.end(), d, "day", clock)


# "postponed a planned Feb. 5-6 visit", "cancelled the scheduled …": a plan told once called off, not a date ahead
_PLAN_CALLED_OFF = re.compile(
    r"\b(?:postpon|cancel|call(?:ed|s)? off|scrap|delay|shelv)\w*\s+(?:a|an|the|his|her|their|its)\s+"
    r"(?:\w+\s+){0,2}?(?:planned|scheduled)\s+$",
    re.IGNORECASE,
)


def _ahead(text: str, start: int) -> bool:
    """Whether a month and day without a year lie ahead: a future cue, not a called-off plan's participle."""
    return cue_before(text, start, _FUTURE_EN, _CLAUSE_EN) and not _PLAN_CALLED_OFF.search(
        text, max(0, start - 60), start
    )


def _month_day_range(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    m1 = _month(m[1])
    m2 = _month(m[3]) if m[3] else m1
    future = _ahead(text, m.start())
    if m[5]:
        first, last = safe_date(int(m[5]), m1, int(m[2])), safe_date(int(m[5]), m2, int(m[4]))
    else:
        first = resolve_month_day(clock, m1, int(m[2]), future)
        last = first and safe_date(first.year + (m2 < m1), m2, int(m[4]))
    if first and last and first < last:
        yield hit(m.start(), m.end(), first, "day", clock, until=last)


def _month_day(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    month, day = _month(m[1] or m[4]), int(m[2] or m[3])
    year = m[5]
    d = safe_date(int(year), month, day) if year else resolve_month_day(clock, month, day, _ahead(text, m.start()))
    if d:
        yield hit(m.start(), m.end(), d, "day", clock)


def _month_year(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    yield hit(m.start(), m.end(), date(int(m[2]), _month(m[1]), 1), "month", clock)


def _month_alone(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    lead, month = (m[1] or "").lower(), _month(m[2])
    if lead == "last":
        d = resolve_month(clock, month, False)
        d = d if d < date(clock.today.year, clock.today.month, 1) else date(d.year - 1, month, 1)
    elif lead == "next":
        d = resolve_month(clock, month, True)
        d = d if d > date(clock.today.year, clock.today.month, 1) else date(d.year + 1, month, 1)
    else:
        d = resolve_month(clock, month, cue_before(text, m.start(), _FUTURE_EN, _CLAUSE_EN))
    start = m.start(1) if lead in ("since", "last", "next") else m.start(2)
    yield hit(start, m.end(), d, "month", clock)


def _year(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    start = m.start(1) if m[1].lower() == "since" else m.start(2)
    yield hit(start, m.end(), date(int(m[2]), 1, 1), "year", clock)


def _relative(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    t = clock.today
    phrase = " ".join(m[0].lower().split())
    if phrase in _DAYS_OFF:
        yield hit(m.start(), m.end(), t + timedelta(days=_DAYS_OFF[phrase]), "day", clock)
        return
    when, unit = phrase.rsplit(" ", 1)
    if unit == "week":
        mon = monday(t)
        first, last, expected = {
            "last": (mon - timedelta(days=7), mon - timedelta(days=1), False),
            "earlier this": (mon, max(mon, t - timedelta(days=1)), False),
            "this": (mon, mon + timedelta(days=6), False),
            "later this": (min(t + timedelta(days=1), mon + timedelta(days=6)), mon + timedelta(days=6), True),
            "next": (mon + timedelta(days=7), mon + timedelta(days=13), True),
        }[when]
        yield hit(m.start(), m.end(), first, "day", clock, until=last, expected=expected)
    elif unit == "month":
        k = {"last": -1, "next": 1}.get(when, 0)
        yield hit(m.start(), m.end(), add_months(t, k), "month", clock, expected=when in ("next", "later this"))
    else:
        k = {"last": -1, "next": 1}.get(when, 0)
        yield hit(m.start(), m.end(), date(t.year + k, 1, 1), "year", clock, expected=when in ("next", "later this"))


_DAYS_OFF = {
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
    "the day before yesterday": -2,
}


def _weekday(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    modifier = (m[1] or "").lower()
    future = cue_before(text, m.start(), _FUTURE_EN, _CLAUSE_EN)
    wd1 = WEEKDAYS[m[2].lower()]
    first, expected = resolve_weekday(clock, wd1, future, modifier)
    start = m.start(1) if modifier in ("last", "next", "this") else m.start(2)
    if not m[4]:
        yield hit(start, m.end(2), first, "day", clock, weekday=True, expected=expected)
        return
    gap = (WEEKDAYS[m[4].lower()] - wd1) % 7
    if m[3].lower() != "and" or gap == 1:  # "Monday to Wednesday", "Monday and Tuesday": a range
        yield hit(start, m.end(), first, "day", clock, until=first + timedelta(days=gap), expected=expected)
        return
    yield hit(start, m.end(2), first, "day", clock, weekday=True, expected=expected)
    second, expected2 = resolve_weekday(clock, WEEKDAYS[m[4].lower()], future, modifier)
    yield hit(m.start(4), m.end(), second, "day", clock, weekday=True, expected=expected2)


_I = re.IGNORECASE
PATTERNS_EN: list[tuple[re.Pattern[str], Handler]] = [
    (compile_fast(r"\b(\d{4})-(\d{2})-(\d{2})\b"), _iso),
    (
        compile_fast(
            rf"\b({_MON}) ?(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|through|until|and)\s*(?:({_MON}) ?)?"
            rf"(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {_YEAR})?"
        ),
        _month_day_range,
    ),
    (compile_fast(rf"\b(?:({_MON}) ?{_DAY}|{_DAY} ({_MON}))(?:,? {_YEAR})?"), _month_day),
    (compile_fast(rf"\b({_MON}),? (?:of )?{_YEAR}"), _month_year),
    (
        compile_fast(
            rf"\b(?:(in|since|by|from|until|during|early|late|mid|last|next|this)[ -])({_FULLMON})\b(?! \d)", _I
        ),
        _month_alone,
    ),
    (
        compile_fast(
            r"\b(?:the day before yesterday|yesterday|last night|today|tonight|tomorrow|"
            r"this (?:morning|afternoon|evening))\b",
            _I,
        ),
        _relative,
    ),
    (compile_fast(r"\b(?:last|next|(?:earlier|later) this|this) (?:week|month|year)\b", _I), _relative),
    (compile_fast(rf"\b(?:(last|next|this|early|late)\s+)?{_WD}(?:\s*(and|to|through|-|–)\s*{_WD})?"), _weekday),
    (compile_fast(rf"\b(in|since|from|by|until|during|early|late|mid|of)[ -]{_YEAR}(?![-/]\d)", _I), _year),
]


def scan(text: str, clock: Clock, patterns: list[tuple[re.Pattern[str], Handler]]) -> list[Hit]:
    """Every hit of the patterns in priority order; a later pattern never takes text an earlier one took."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for pattern, handler in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            hits.extend(handler(m, text, clock))
    return sorted(hits, key=lambda h: h.start)


def scan_en(text: str, clock: Clock) -> list[Hit]:
    """The English date expressions of a sentence."""
    return scan(text, clock, PATTERNS_EN)
