"""An agreement spelled out in the sentences after it: "agreed to restore military-to-military communication. …
the two sides will resume the Defense Policy Coordination Talks and hold calls between theater commanders" is one
intent-to-meet per channel named (Agreements convention), made by the agreement's parties on its day.

Pure; a report-level step of tracker.extract.pipeline, after the candidates of every sentence are found.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.channels import ChannelIndex, find_channels
from tracker.extract.model import Candidate, Sentence

__all__ = ["spelled_out"]

# The sentence tells what the sides will do: "the two sides will resume …", 双方将恢复…
_WILL_DO = re.compile(
    r"\b(?:will|would|are to|agreed to)\s+(?:\w+\s+)?(?:resume|restore|reopen|restart|hold|re-?establish)\b"
    r"|(?:将|將)(?:恢复|恢復|重启|重啟|举行|舉行|重建)",
    re.I,
)
_REACH = 2  # sentences after the agreement


def spelled_out(found: list[Candidate], sentences: list[Sentence], channels: ChannelIndex) -> list[Candidate]:
    """Each agreement naming no channel, split into one per channel the next sentences say the sides will hold."""
    if not any(c.kind == "intent-to-meet" and not c.fact.get("channel") for c in found):
        return found
    out: list[Candidate] = []
    for c in found:
        named = (
            _channels_after(c, sentences, channels) if c.kind == "intent-to-meet" and not c.fact.get("channel") else []
        )
        out.extend([replace(c, fact={**c.fact, "channel": slug}) for slug in named] or [c])
    return out


def _channels_after(c: Candidate, sentences: list[Sentence], channels: ChannelIndex) -> list[str]:
    after = [s for s in sentences if s.span.start >= c.span.end][:_REACH]
    for s in after:
        if _WILL_DO.search(s.text):
            return list(dict.fromkeys(slug for slug, _ in find_channels(s, "", channels)))
    return []
