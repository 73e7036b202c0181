"""A quotation told in its own sentence before its attribution ("“美方应立即停止…。”国防部发言人吴谦4日表示。",
'"The United States must stop …." Wu Qian said on Thursday.'): the two sentences are one act, the speaker's.

Pure; a step of tracker.extract.pipeline between splitting the report and reading each sentence.
"""

from __future__ import annotations

import re

from tracker.extract.model import Sentence, Span

__all__ = ["attributed"]

# A sentence that is nothing but a quotation, its closing mark after its full stop.
_QUOTE_ONLY = re.compile(r"\s*[“\"「『][^“”\"「」『』]+[。！.!]\s*[”\"」』]\s*")
# The next sentence only attributes it: a speaker, a date perhaps, and a verb of saying at its end.
_ATTRIBUTION_ZH = re.compile(r"[^。！？“”「」，,]{2,40}?(?:表示|说|說|指出|强调|強調|称|稱)[。！]?\s*")
_ATTRIBUTION_EN = re.compile(
    r"(?:[A-Z][^.!?\"“”]{2,120}?\s(?:said|says|told reporters|added|stressed|warned)(?:\s+on\s+\w+)?"
    r"|(?:said|says|added)\s+[A-Z][^.!?\"“”]{2,120}?)\.\s*"
)


def attributed(sentences: list[Sentence], text: str, language: str) -> list[Sentence]:
    """The sentences, each quotation-only sentence joined to the attribution that follows it."""
    out: list[Sentence] = []
    attribution = _ATTRIBUTION_ZH if language == "zh" else _ATTRIBUTION_EN
    i = 0
    while i < len(sentences):
        s = sentences[i]
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if nxt is not None and _QUOTE_ONLY.fullmatch(s.text) and attribution.fullmatch(nxt.text):
            out.append(Sentence(text[s.span.start : nxt.span.end], Span(s.span.start, nxt.span.end)))
            i += 2
            continue
        out.append(s)
        i += 1
    return out
