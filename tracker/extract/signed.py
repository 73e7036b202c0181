"""A statement headed by its signer ("PRESS STATEMENT. JANE Q. DOE, SECRETARY OF STATE."): its "we" is the signer.

A foreign ministry's or State Department's press statement names no speaker in its sentences: the heading
does. "We call on the PRC to …" is then the signer's demand of the other state, and "the PRC continues to
commit genocide …" the signer's criticism of it, both made the day the statement is dated.
"""

from __future__ import annotations

import re

from tracker.extract import names as nm
from tracker.extract.actors import ActorIndex
from tracker.extract.facts import OTHER_SIDE
from tracker.extract.model import Candidate, Report, Span
from tracker.extract.sentences import split

# the heading: a statement's kind, then its signer in capitals and the signer's office
_HEAD = re.compile(r"\A\s*(?:PRESS |JOINT )?STATEMENT\b[.:]?\s+([A-Z][A-Z.' -]{3,60}?),\s+[A-Z][A-Z ,.'-]{3,80}\.")
_INITIAL = re.compile(r"\b[A-Z]\.\s*")
_STATES = {
    "CHN": r"the PRC|the People['’]s Republic of China|China|Beijing|the Chinese (?:government|authorities)",
    "USA": r"the United States|the U\.S\.|Washington|the US",
}
# "We call on the PRC to …", "We urge Beijing to …": the signer's appeal to the other state
_DEMAND = r"\b(?:We|I) (?:(?:again|once again|strongly|further) )?(?:call on|urge|demand that|ask)\s+(?:{state})\b"
# "the PRC continues to commit genocide …": the other state's conduct, told in the words of reproach
_REPROACH = (
    r"\b(?:{state}) (?:(?:continues|continued) to )?(?:commit(?:s|ted)?|perpetrat(?:es|ed)|carr(?:ies|ied) out)"
    r" (?:[\w-]+ ){{0,3}}?(?:genocide|atrocities|crimes against humanity|human rights abuses)\b"
)


def _signer(report: Report, actors: ActorIndex) -> tuple[str, str] | None:
    """The slug and state of the person the heading names, if the ledger knows them."""
    head = _HEAD.match(report.text)
    if not head:
        return None
    name = _INITIAL.sub("", head.group(1)).title()
    for entry in actors.keys.get(nm.key(name), []):
        if entry.kind == "person" and entry.state:
            return entry.slug, entry.state
    return None


def signed_statement(report: Report, actors: ActorIndex, version: str) -> list[Candidate]:
    """The demands and criticisms a signed statement makes of the other state, in its signer's name."""
    if report.language != "en" or not _HEAD.match(report.text):
        return []
    signer = _signer(report, actors)
    if signer is None:
        return []
    slug, home = signer
    other = OTHER_SIDE.get(home or "")
    if other is None:
        return []
    rules = {"demand": re.compile(_DEMAND.format(state=_STATES[other])), "criticism": re.compile(_REPROACH.format(state=_STATES[other]))}  # fmt: skip
    out: list[Candidate] = []
    for sentence in split(report.text, "en"):
        for kind, rule in rules.items():
            hit = rule.search(sentence.text)
            if hit is None or any(c.kind == kind for c in out):
                continue
            fact = {
                "kind": kind, "status": "occurred", "participants": [slug, other],
                "occurred_on": report.published_at.date().isoformat(), "precision": "day",
                "initiator": slug, "recipient": other,
            }  # fmt: skip
            out.append(
                Candidate(
                    fact=fact, confidence=0.8, evidence=sentence.text, span=Span(sentence.span.start, sentence.span.end),
                    extractor_version=version, rule=f"signed statement: {hit.group(0)}", dated=False,
                    homes={slug: home, other: other},
                )
            )  # fmt: skip
    return out
