"""A bare weekday that dates an event the report tells as still to come is the coming one.

The date scanner resolves a bare weekday ("on Monday", 周一) backwards unless a future cue stands close before it
in its clause; an event whose own words are expected ("is due to hold talks with … in Tianjin on Monday", 将于周一
举行) may put its cue further away than the scanner looks. Its weekday is then the coming one, not last week's.

Pure; part of tracker.extract.pipeline's candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from tracker.extract.model import DateMention

__all__ = ["ahead_if_expected"]

# Only a weekday named bare: "last Monday", 上周一 carry their own direction.
_BARE_WEEKDAY = re.compile(
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:周|週|星期|礼拜|禮拜)[一二三四五六日天]",
    re.IGNORECASE,
)


def ahead_if_expected(when: DateMention, status: str, today: date) -> DateMention:
    """`when` a week later when it is a bare weekday before `today` and the event's own status is expected."""
    if status != "expected" or when.precision != "day" or when.until is not None or when.day >= today:
        return when
    if not _BARE_WEEKDAY.fullmatch(when.text.strip()):
        return when
    return replace(when, day=when.day + timedelta(days=7), expected=True)
