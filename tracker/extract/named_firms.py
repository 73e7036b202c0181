"""Firms a counted sanction names as the subjects of the next sentence ("…imposed sanctions on two Chinese
companies …. Xiamen Hailong Engine Co. makes engines for …, while Jinhua Radar Systems Co. ships parts …"): as many
firm names opening its clauses as the announcement counted, each a target.

Pure; a fallback of tracker.extract.listed_next when no opener ("The companies are") lists the group.
"""

from __future__ import annotations

import re

from tracker.extract.model import ActorMention, Sentence, Span

__all__ = ["firm_subjects"]

_COUNT = re.compile(r"\b(two|three|four|five|six)\s+(?:\w+\s+){0,2}(?:companies|entities|firms)\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# a firm's name (ending on its legal form) opening the sentence or a clause joined by "while", "and", ";"
_SUBJECT = re.compile(
    r"(?:^|,\s+(?:while|whereas|and)\s+|;\s+)(?P<name>(?:[A-Z][\w&'-]*\s+){1,6}(?:Co\.|Corp\.|Ltd\.|Inc\.|Company|Corporation))"
)


def firm_subjects(announcement: str, following: Sentence, state: str) -> list[ActorMention]:
    """The firms the following sentence names as its subjects, when they are exactly as many as counted."""
    from tracker.extract.names import slug_for

    count = _COUNT.search(announcement)
    if count is None:
        return []
    found = [m for m in _SUBJECT.finditer(following.text)]
    if len(found) != _NUMBERS[count.group(1)]:
        return []
    base = following.span.start
    return [
        ActorMention(
            slug_for(m.group("name")), "organization", state, Span(base + m.start("name"), base + m.end("name")),
            m.group("name"), None, True, {"en": m.group("name")},
        )
        for m in found
    ]  # fmt: skip
