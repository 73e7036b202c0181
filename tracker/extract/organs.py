"""The state an organ speaks for, when the organ is the speaker of a protest: "The State Department on Tuesday
rebuked Beijing", "…, the Pentagon said in a statement", "The Chinese side urged the U.S. side …".

A state's organ names no state of the gazetteer, so without this the protest goes to the first state in the
sentence, often the one criticised. Two places make an organ the speaker: the sentence opens on it (its subject),
or the attribution after the words names it ("…, China's defense ministry said on Tuesday").

Pure; read by tracker.extract.speech.
"""

from __future__ import annotations

import re

__all__ = ["names_side", "organ_side", "told_at_end"]

# "the foreign ministry" and "the defense ministry" unqualified are China's in this news: Washington's are the
# State Department and the Pentagon.
_CHN = (
    r"(?:China['’]s |the Chinese |Chinese |Beijing['’]s )?(?:foreign|defen[cs]e|commerce) ministry"
    r"|(?:the )?Chinese (?:side|embassy|military|government|navy)|(?:China['’]s |the Chinese )?Ministry of (?:Foreign Affairs"
    r"|National Defense|Commerce)|the PLA"
)
_USA = (
    r"(?:the )?(?:Pentagon|State Department|White House|Defense Department|Department of (?:Defense|State))"
    r"|(?:the )?U\.S\. (?:side|embassy|military|government|Navy|Indo-Pacific Command)|(?:the )?American side"
)
_SIDES = (("CHN", re.compile(_CHN, re.I)), ("USA", re.compile(_USA, re.I)))
_SPOKESMAN = r"(?:['’]s)?(?:\s+(?:a\s+)?spokes(?:man|woman|person)(?:\s+[A-Z][\w-]+){0,3})?"
_DATE = r"(?:\s+(?:on\s+\w+day|late\s+\w+day|today|yesterday))?"
_SAID = r"\s+(?:said|says|stated|added|told|warned)\b"
_ATTRIBUTIONS = tuple(
    (state, re.compile(r",\s*(?:the\s+|a\s+)?(?:" + organ.pattern + ")" + _SPOKESMAN + _DATE + _SAID, re.I))
    for state, organ in _SIDES
)
_OPENING = re.compile(r"\s*(?:the\s+)?(?:a\s+)?")
# the other side named by an adjective only: "an intercept by a Chinese fighter jet"
_ADJECTIVE = {"CHN": re.compile(r"\bChinese\b|\bChina['’]s\b"), "USA": re.compile(r"\bU\.S\.|\bAmerican\b")}


def organ_side(text: str, start: int, end: int) -> str | None:
    """The state of the organ that speaks the words at [start, end) of `text` (a sentence): the organ the sentence
    opens on, or the one its attribution after the words names; None when neither is an organ."""
    opening = _OPENING.match(text)
    at = opening.end() if opening else 0
    for state, organ in _SIDES:
        m = organ.match(text, at)
        if m and m.end() <= start and not re.match(r"['’]s\s+(?!spokes)", text[m.end() : m.end() + 3]):
            return state
    for state, attribution in _ATTRIBUTIONS:
        if attribution.search(text, end):
            return state
    return None


def names_side(text: str, state: str) -> bool:
    """Whether `text` names `state` by an adjective ("a Chinese fighter jet", "U.S. warships")."""
    adjective = _ADJECTIVE.get(state)
    return bool(adjective and adjective.search(text))


# ", the Chinese foreign ministry said on Sunday.", ", the Pentagon said.": an attribution closing the sentence
_SAID_AT_END = re.compile(
    r",\s+(?:the\s+)?(?:(?P<chn>(?:Chinese|China['’]s|Beijing['’]s)\s+(?:[\w-]+\s+){0,2}?(?:ministry|embassy|government"
    r"|spokes(?:man|woman|person))|Beijing|China|(?:(?:foreign|defen[cs]e|commerce)\s+)?ministry)"  # (the U.S. has none)
    r"|(?:U\.S\.|US|American|Washington['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:department|embassy|government|spokes(?:man|woman|person))|Washington|Pentagon|State Department|White House"
    r"|Treasury)\s+(?:said|says)\b[^,;]{0,30}$",
    re.IGNORECASE,
)


def told_at_end(text: str, after: int, names_a_person: bool) -> str | None:
    """The side of an organ telling a reproach in an attribution closing `text` after offset `after`, when the
    sentence names no person."""
    if names_a_person:
        return None
    m = _SAID_AT_END.search(text, after)
    if m is None:
        return None
    return "CHN" if m.group("chn") or m.group(0).lstrip(", ").lower().startswith(("beijing", "china")) else "USA"
