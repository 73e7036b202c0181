"""A call told twice across time zones is one call: 北京时间18日 and 美国东部时间17日 are the same evening.

Reports from either side date a call in their own zone, and often repeat the other side's date ("贝森特在美国
东部时间17日通话前…", "on Thursday evening Washington time"); the tolerance of a day absorbs the shift when the
call is told once, but a second mention a day apart would otherwise stand as a second call.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.extract.model import DYAD, Candidate

__all__ = ["zone_twins"]

_ZONE = re.compile(
    r"(?:美国|美國)?(?:东部|東部|西部|太平洋)时间|(?:美国|美國)?(?:东部|東部|西部|太平洋)時間|北京时间|北京時間"
    r"|\b(?:eastern|pacific|washington|beijing|u\.s\.) time\b|\b(?:EST|EDT|ET|PST|PDT)\b",
    re.IGNORECASE,
)


def zone_twins(found: list[Candidate]) -> list[Candidate]:
    """Found without a call that shares a person with a call told before it, a day apart, when either is dated in
    a named time zone (the first mention, usually the fuller, stands)."""
    out: list[Candidate] = []
    for c in found:
        if c.fact["kind"] == "call" and any(_twins(o, c) for o in out):
            continue
        out.append(c)
    return out


def _twins(a: Candidate, b: Candidate) -> bool:
    fa, fb = a.fact, b.fact
    if fa["kind"] != "call" or fa.get("status") != fb.get("status") or fa.get("precision") != "day":
        return False
    if fb.get("precision") != "day" or not (_ZONE.search(a.evidence) or _ZONE.search(b.evidence)):
        return False
    people = {p for p in fa["participants"] if p not in DYAD} & {p for p in fb["participants"] if p not in DYAD}
    apart = abs((date.fromisoformat(fa["occurred_on"]) - date.fromisoformat(fb["occurred_on"])).days)
    return bool(people) and apart == 1
