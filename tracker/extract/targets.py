"""New people a sanction names that the index does not know ("sanction … Greg Hayes and Ted Colbert").

Pure; part of tracker.extract.facts' sanctions.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Sentence, Span

__all__ = ["HEAD_OF", "LIST_END", "named_targets"]

# A person or firm named after a sanction word ("sanction Raytheon chief executive Greg Hayes and Ted Colbert").
_NAME = re.compile(r"(?<![\w.&])[A-Z][a-z]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+){1,2}(?![\w&])")
LIST_END = re.compile(r"\b(?:after|when|as|while|before|since|because|but)\b|[;；。]")
HEAD_OF = re.compile(r"\s*(?:'s\s+)?(?:chief executive|ceo|chairman|president|head|chief)\b", re.I)
_NOT_A_TARGET = re.compile(
    r"Taiwan|China|Chinese|United|States|America|Beijing|Washington|Defen[cs]e|Ministry|Department"
    r"|Foreign|State|Council|Commission|Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday"
)


def named_targets(
    t: Trigger, sentence: Sentence, mentions: list[ActorMention], state: str | None, reach: int
) -> list[ActorMention]:
    """New people a sanction names right after its verb, not in the index, as new actors of the other side."""
    from tracker.extract.names import slug_for

    text, base = sentence.text, sentence.span.start
    local = t.span.end - base
    window = text[local : local + reach * 2]
    taken = [(m.span.start - base, m.span.end - base) for m in mentions]
    found = []
    for m in _NAME.finditer(window):
        start, end = local + m.start(), local + m.end()
        if _NOT_A_TARGET.search(m.group()) or any(s < end and start < e for s, e in taken):
            continue
        name = m.group()
        found.append(
            ActorMention(
                slug_for(name), "person", state, Span(base + start, base + end), name, None, True, {"en": name}
            )
        )
    return found
