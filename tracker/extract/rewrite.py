"""Whether a report rewrites another outlet's story: DW's text opens with 路透社报道 ("Reuters reported").

Pure. Only the opening sentences count: a story quoting another outlet further down is not its rewrite.
"""

from __future__ import annotations

from tracker.extract.lexicon import cues
from tracker.extract.model import Report
from tracker.extract.sentences import split

__all__ = ["rewrite_of"]

OPENING = 3  # sentences


def rewrite_of(report: Report) -> str | None:
    """The outlet whose story the report retells, when its opening attributes the story to one, else None."""
    language = report.language if report.language in ("en", "zh") else "en"
    for sentence in split(report.text, language)[:OPENING]:
        outlet = cues(sentence, language).rewrite_of
        if outlet:
            return outlet
    return None
