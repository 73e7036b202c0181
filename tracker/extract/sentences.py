"""Sentence splitting for English and Chinese reports, keeping absolute offsets (issue 10).

Paragraph breaks (any newline) always end a sentence. Chinese sentences end at 。！？ (and ! ?), with
closing quotes and brackets after the mark kept in the sentence; ； does not split (its clauses usually
share one subject), nor does a mark inside “…” or 「…」. English sentences end at . ! ? followed by space and anything but a lowercase letter, except after abbreviations ("Gen.", "Lt.", "Jan.", "No. 5"), initials ("Lloyd J. Austin"),
an ellipsis, or dotted acronyms ("U.S.", "p.m.") unless the next word plainly starts a sentence.
"""

from __future__ import annotations

import re

from tracker.extract.model import Sentence, Span

__all__ = ["split"]

_PARAGRAPH = re.compile(r"[^\n]+")
_CLOSERS = "\"'”’」』）)》〉】]"
_ZH_END = re.compile(rf"[。！？!?]+[{re.escape(_CLOSERS)}]*")
_EN_END = re.compile(rf"(?P<mark>[.!?]+|…)(?P<close>[{re.escape(_CLOSERS)}]*)(?P<space>\s+)(?=[^\sa-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-']*)$")
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*([A-Za-z]+)")

# Abbreviations after which a period never ends a sentence (case-insensitive, without the dot).
_ABBREVIATION_WORDS = """mr mrs ms dr prof st sr jr gen lt col maj capt cmdr cdr adm sgt cpl pvt brig rear vice rep reps sen sens
    gov pres sec amb hon rev fr messrs gens adms lt.gen maj.gen brig.gen
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols fig figs art arts para sect ch pp ft mt inc corp co ltd bros dept univ est approx vs
    calif conn fla ga ill md mass mich minn va wash wis ariz colo ind ky la mo nev okla penn pa tenn tex"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# Words that plainly start a new sentence after a dotted acronym ("... in the U.S. The talks ...").
_STARTER_WORDS = """the a an he she it they we i this that these those but and however in on at after before during
    his her its their our there here meanwhile earlier later last next separately china chinese beijing
    officials both some many"""
_STARTERS = frozenset(_STARTER_WORDS.split())


def split(text: str, language: str) -> list[Sentence]:
    """The sentences of `text`, each with its [start, end) offsets into `text`, surrounding space trimmed."""
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(text):
        start = para.start()
        ends = _zh_ends(para.group()) if language.startswith("zh") else _en_ends(para.group())
        for end in [*ends, len(para.group())]:
            _add(out, text, start, para.start() + end)
            start = para.start() + end
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], Span(start, end)))


def _zh_ends(para: str) -> list[int]:
    return [m.end() for m in _ZH_END.finditer(para) if m.end() < len(para) and not _in_quote(para, m.end())]


def _in_quote(para: str, at: int) -> bool:
    """Whether `at` lies inside curly or CJK quotation marks (“…”, 「…」), which keep a quote whole."""
    head = para[:at]
    return head.count("“") > head.count("”") or head.count("「") > head.count("」")


def _en_ends(para: str) -> list[int]:
    ends: list[int] = []
    for m in _EN_END.finditer(para):
        mark = m.group("mark")
        if mark in ("…", "...", "..") or _in_quote(para, m.end("close")):
            continue
        if mark == "." and not _period_ends(para, m.start(), m.end()):
            continue
        ends.append(m.end("close"))
    return ends


def _period_ends(para: str, dot: int, after: int) -> bool:
    """Whether the period at `dot` ends a sentence, judging the word before it and the word after."""
    before = _WORD_BEFORE.search(para[:dot])
    if before is None:
        return True
    word = before.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "Lloyd J. Austin"
        return False
    if word.lower() in _ABBREVIATIONS:
        return False
    if "." in word:  # a dotted acronym: "U.S.", "p.m.", "D.C."
        nxt = _NEXT_WORD.match(para, after)
        return nxt is not None and nxt.group(1).lower() in _STARTERS
    return True
