"""A spokesperson who tells an encounter is no party to it.

国防部新闻发言人吴谦30日在例行记者会上介绍，…中美两军举行…会谈; 外交部发言人汪文斌6日在例行记者会上表示，…康达…访华:
the spokesperson's words open the clause that tells the encounter; the encounter's parties are the persons it
names, not its teller. ("Pentagon spokesman John Kirby said the two defence chiefs met …" likewise.) Only when the
encounter names persons of both sides besides: where it names none (美方提出两国防长通话，中方没有接受), the teller's
side is all the sentence gives.

Pure; part of tracker.extract.facts' persons around a trigger.
"""

from __future__ import annotations

import re

from tracker.extract.model import ActorMention, Sentence

__all__ = ["tells", "without_tellers"]

_TELLS = re.compile(
    r"\s*(?:[0-9０-９]{1,2}日|on \w+day)?\s*(?:在[^，。；]{0,14}?上)?\s*"
    r"(?:(?:表示|介绍|介紹|说|說|称|稱|宣布|指出|透露)\s*[，,：:]|(?:said|told reporters)\b)",
    re.IGNORECASE,
)
_SPOKESPERSON = re.compile(r"spokes|发言人|發言人", re.IGNORECASE)


def tells(p: ActorMention, start: int, sentence: Sentence) -> bool:
    """Whether `p`, a spokesperson named before `start` (a trigger's), tells what follows rather than takes part."""
    if p.span.end > start or not p.office or not _SPOKESPERSON.search(p.office):
        return False
    return _TELLS.match(sentence.text, p.span.end - sentence.span.start) is not None


def without_tellers(persons: list[ActorMention], start: int, sentence: Sentence) -> list[ActorMention]:
    """`persons` without the spokespersons who tell the encounter at `start`, when persons of both sides remain."""
    kept = [p for p in persons if not tells(p, start, sentence)]
    return kept if {p.state for p in kept} >= {"CHN", "USA"} else persons
