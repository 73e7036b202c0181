"""Targets a sanction lists in the sentence after it ("… added 12 Chinese entities to its Entity List. The
companies are A Co, B Institute and C Ltd.", 宣布将10家美国企业列入不可靠实体清单。包括A、B在内的企业…).

Pure; a pass of tracker.extract.pipeline over the report's sentences, after the per-sentence candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.dates import find_dates
from tracker.extract.fact_parts import confidence
from tracker.extract.facts import NEAR, OTHER_SIDE, home_of
from tracker.extract.model import ActorMention, Candidate, Report, Sentence, Span
from tracker.extract.named_firms import firm_subjects
from tracker.extract.names import fold
from tracker.extract.targets import items_after_zh
from tracker.extract.targets_en import english_targets
from tracker.extract.triggers import Trigger

__all__ = ["listed_next"]

# The opening of a sentence that only lists the members of a counted group the sentence before announced.
_OPENER_EN = re.compile(
    # ("The foreign ministry said those targeted under the law included …": the list, as its announcer tells it)
    r"\s*(?:(?:The|A)\s+(?:[\w-]+\s+){1,3}said\s+(?:that\s+)?(?=those\s))?"
    r"(?:(?:those\s+(?:targeted|sanctioned|listed|named|designated)(?:\s+[^,.;]{1,60}?)?\s+(?:are|were|include|included))"
    r"|(?:The|These|Those)\s+(?:\w+\s+)?(?:companies|entities|firms|institutes|organi[sz]ations|individuals"
    r"|people|officials|units)(?:\s+(?:listed|added|named|sanctioned|targeted))?\s+(?:are|were|include|included)"
    r"|They\s+(?:are|were|include|included)|Among\s+(?:them|those\s+(?:listed|added|named|sanctioned)"
    # "Among the firms placed on the entity list were …"
    r"|the\s+(?:companies|entities|firms|institutes|organi[sz]ations|individuals|units)(?:\s+[^,.;]{1,60}?)?)"
    r"\s+(?:are|were))\s+"
)
_OPENER_ZH = re.compile(r"\s*(?:(?:其中|它们|这些\w{0,4})?(?:包括|分别是|分别为)|其中有)")
_AMONG_ZH = re.compile(r"在内")
# The announcement before it counts a group and names none of it ("12 Chinese entities", 10家美国企业).
_COUNTED_EN = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens of|more)\s+"
    r"(?:\w+\s+){0,2}(?:companies|entities|firms|institutes|organi[sz]ations|individuals|people|officials|units)\b"
)
_COUNTED_ZH = re.compile(r"[0-9０-９一二三四五六七八九十百几两多]+(?:家|个|名|所)")
_STATES_EN = (("USA", re.compile(r"U\.S\.|United States|Washington|Commerce Department|Treasury|State Department")),
              ("CHN", re.compile(r"China|Chinese|Beijing")))  # fmt: skip
_STATES_ZH = (("USA", re.compile(r"美国|美方|美國")), ("CHN", re.compile(r"中国|中方|商务部|外交部|中國")))
_REACH = 2  # sentences after the announcement where its list may open
_LIST_OF = re.compile(r"(unreliable entity|不可靠实体|出口管制管控名单)|entity list|sdn list|实体清单", re.I)


def listed_next(
    found: list[Candidate],
    sentences: list[Sentence],
    triggered: list[list[Trigger]],
    mentions: list[list[ActorMention]],
    report: Report,
    language: str,
    version: str,
) -> list[Candidate]:
    """The candidates, with a sanction fact for each target the sentence after a counted announcement lists."""
    out = list(found)
    for i, triggers in enumerate(triggered[:-1]):
        sanction = next(
            (t for t in triggers if t.kind == "sanction-imposed" and not (t.passive or t.background or t.quoted)), None
        )
        if sanction is None:
            continue
        sentence = sentences[i]
        counted = _COUNTED_EN if language == "en" else _COUNTED_ZH
        plain = fold if language == "zh" else str  # (fold lower-cases English: the opener's capital matters)
        if not counted.search(plain(sentence.text)):
            continue
        listing = _listing(i, sentences, triggered, language)
        imposer = _imposer(sanction, sentence, language)
        if imposer is None or (listing is None and (language != "en" or i + 1 == len(sentences))):
            continue
        j, opener = listing or (i + 1, None)
        following = sentences[j]
        head = replace(
            sanction, span=Span(following.span.start, following.span.start + (opener.end() if opener else 0)), text=""
        )
        others = [m for m in mentions[j] if m.kind != "state"]
        if opener is None:
            # "… on two Chinese companies. A Co. makes …, while B Co. ships …": the firms its clauses open on
            targets = firm_subjects(sentence.text, following, OTHER_SIDE[imposer])
        elif language == "en":
            known = [m for m in others if m.span.start >= head.span.end]
            new, _ = english_targets(
                head, following, known, OTHER_SIDE[imposer], NEAR["en"] * 3,
                [(m.span.start - following.span.start, m.span.end - following.span.start) for m in known],
                listed=True,
            )  # fmt: skip
            targets = sorted(known + new, key=lambda m: m.span.start)
        else:
            among = _AMONG_ZH.search(following.text, opener.end())
            cut = Sentence(following.text[: among.start()], Span(following.span.start, following.span.start + among.start())) if among else following  # fmt: skip
            targets = items_after_zh(head, cut, others, OTHER_SIDE[imposer])
        dates = [d for d in find_dates(sentence, report) if not d.expected]
        when = dates[0] if dates else None
        day = when.day if when else report.published_at.date()
        for target in targets:
            if target.state not in (None, OTHER_SIDE[imposer]):
                continue
            fact = {
                "kind": "sanction-imposed", "target": target.slug, "imposed_by": imposer, "occurred_on": day.isoformat(),
                "precision": when.precision if when else "day",
            }  # fmt: skip
            out.append(
                Candidate(
                    fact=fact,
                    confidence=confidence(fact, [target], when is not None, False),
                    evidence=following.text,
                    span=following.span,
                    extractor_version=version,
                    rule=f"targets listed after the announcement: {sanction.text}",
                    dated=when is not None,
                    homes={target.slug: home_of(target)},
                    new_actors=[
                        {
                            "slug": target.slug,
                            "names": target.names or {language: target.name},
                            "office": None,
                            "state": target.state or OTHER_SIDE[imposer],
                            "kind": target.kind,
                        }
                    ]
                    if target.new
                    else [],
                )
            )
    return out


def _listing(
    i: int, sentences: list[Sentence], triggered: list[list[Trigger]], language: str
) -> tuple[int, re.Match[str]] | None:
    """The sentence that lists the group announced in sentence i, and its opener: the next one, or the one after
    when the next only tells more of the same measures ("The measures freeze any property …. The companies are …")."""
    plain = fold if language == "zh" else str
    opening = _OPENER_EN if language == "en" else _OPENER_ZH
    for j in range(i + 1, min(i + 1 + _REACH, len(sentences))):
        opener = opening.match(plain(sentences[j].text))
        if opener is not None:
            return j, opener
        if any(t.kind == "sanction-imposed" for t in triggered[j]):
            return None  # another announcement comes first: the list would be its
    return None


def _imposer(t: Trigger, sentence: Sentence, language: str) -> str | None:
    """The state that announces: the list's keeper, else the first state the sentence names before the verb."""
    listing = _LIST_OF.search(fold(t.text))
    if listing:
        return "CHN" if listing.group(1) else "USA"
    before = (fold(sentence.text) if language == "zh" else sentence.text)[: t.span.start - sentence.span.start]
    hits = [
        (m.start(), state) for state, p in (_STATES_EN if language == "en" else _STATES_ZH) for m in p.finditer(before)
    ]
    return min(hits)[1] if hits else None
