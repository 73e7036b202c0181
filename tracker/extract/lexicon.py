"""Verb and cue lexicons in English and Chinese, and the small matchers over a sentence (issue 10).

`find_triggers` finds the words that signal a kind of fact (met, hosted, 会见, 制裁, 暂停 …) and reads the
words around each: negated ("did not meet", 未会晤), hypothetical ("would", 如果, a question, a wish),
quoted (inside quotation marks, or the content of a demand: "urged the U.S. to meet" is Xie's demand, not
a U.S. act), expected ("will visit", 将访问), background ("has been sanctioned since 2018", 曾), governed by
an agreement ("agreed to resume" is intent, CAMEO 036), a refusal or a cancellation. `cues` reads the same
signals for a whole sentence, with the outlet it attributes the story to (路透社报道 → Reuters).
Channels and places: `tracker.extract.channels`, `tracker.extract.places` (re-exported here).

Pure: one compiled regular expression per lexicon and language, built once on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from tracker.extract import lexicon_en, lexicon_zh
from tracker.extract.channels import ChannelIndex, find_channels
from tracker.extract.lexicon_en import Entry
from tracker.extract.lexicon_zh import simplify
from tracker.extract.model import Sentence, Span
from tracker.extract.names import compile_fast
from tracker.extract.places import PlaceIndex, find_places
from tracker.extract.plans import planned, remote
from tracker.extract.prohibitions import IMPERATIVE, forbidden_acts
from tracker.extract.third_parties import aimed_elsewhere
from tracker.extract.triggers import Trigger

__all__ = ["ChannelIndex", "Cues", "PlaceIndex", "Trigger", "cues", "find_channels", "find_places", "find_triggers"]


@dataclass(frozen=True)
class Cues:
    """What a sentence as a whole signals, and the cue words found (name, text, span) to explain it."""

    background: bool = False
    rewrite_of: str | None = None
    expected: bool = False
    negation: bool = False
    intent: bool = False
    hypothetical: bool = False
    question: bool = False
    found: tuple[tuple[str, str, Span], ...] = ()


@dataclass(frozen=True)
class _Lexicon:
    entries: tuple[Entry, ...]
    verbs: re.Pattern[str]
    cues: dict[str, re.Pattern[str]]
    modifiers: tuple[tuple[re.Pattern[str], str], ...]
    rewrite: re.Pattern[str]
    outlets: dict[str, str]
    clause: re.Pattern[str]
    scope: re.Pattern[str]
    passive: re.Pattern[str]
    window: int  # how far back (characters) negation reaches


@cache
def _lexicon(language: str) -> _Lexicon:
    zh = language.startswith("zh")
    data = lexicon_zh if zh else lexicon_en
    flags = 0 if zh else re.IGNORECASE
    edge = "" if zh else r"\b"
    # the leading edge once for all entries (zero-width: the same spans), so most positions fail at once
    verbs = edge + "(?:" + "|".join(f"(?P<g{i}>(?:{e.pattern}){edge})" for i, e in enumerate(data.ENTRIES)) + ")"
    outlets = {name: names[0] for names in data.OUTLETS for name in names}
    names = "|".join(re.escape(n) for n in sorted(outlets, key=len, reverse=True))
    return _Lexicon(
        entries=data.ENTRIES,
        verbs=compile_fast(verbs, flags),
        cues={name: compile_fast(pattern, flags) for name, pattern in data.CUES.items()},
        modifiers=tuple((compile_fast(p, flags), role) for p, role in data.MODIFIERS),
        rewrite=compile_fast(data.REWRITE.format(o=names), flags),
        outlets=outlets,
        clause=re.compile(r"[，,；;：:（）()]" if zh else r"[,;:()]| [-–—] "),
        # 同意恢复A，并恢复B: a second verb of the same agreement stays in its scope
        scope=re.compile(
            # (就中方未接受…建议一事表示: the topic's words end at 一事; what is said after is not refused;
            # 双方同意会面，他将访华: a clause opening on a pronoun tells that person's own plan)
            r"[；;]|[，,](?:但|而|并(?!恢复|重启|重新|举行|建立|保持|开展)|同时|此外|(?=他|她))|一事"
            if zh
            # (", in four hours of talks", "urged … when he met Wei": the setting the act was told in, not its content;
            # but "declined, in a statement, to meet": an aside, the content goes on after it)
            else r";|,? (?:and|but|while|which|who|after|during)\b|, in\b(?![^,;]*, to\b)| when (?:he|she|they)\b"
        ),
        passive=re.compile(r"(?:遭到|遭|被|受到)\S{0,4}$" if zh else r"\b(?:was|were|been|being|is|are)\s+(?:\w+ )?$",
                           flags),
        window=8 if zh else 30,
    )  # fmt: skip


def _text(sentence: Sentence, language: str) -> str:
    return simplify(sentence.text) if language.startswith("zh") else sentence.text


def find_triggers(sentence: Sentence, language: str) -> list[Trigger]:
    """The triggers of `sentence`, in order, each with its absolute span and its context read."""
    lex = _lexicon(language)
    text = _text(sentence, language)
    question = _is_question(text)
    starts_background = bool(lex.cues["background_start"].search(text))
    looks_ahead = bool(lex.cues["expected_start"].search(text))
    found: list[tuple[Trigger, Entry]] = []
    previous_end = 0
    for m in lex.verbs.finditer(text):
        if not m.lastgroup:
            continue
        entry = lex.entries[int(m.lastgroup[1:])]
        s, e = m.span()
        if entry.governs == "proposal" and _INVITED_BY.search(text, max(0, s - 40), s):
            # 应王毅邀请，沙利文将访华, "at the invitation of": the visit is planned, not merely proposed
            entry = entry._replace(governs=None)
        # local cues reach back to the clause's start or the previous trigger, whichever is nearer
        before = text[max(previous_end, _clause_start(lex, text, s)) : s]
        previous_end = e
        after = text[e : _clause_end(lex, text, e)]
        status = entry.status or ("expected" if looks_ahead or _expected(lex, before, after) else "occurred")
        if status == "occurred" and entry.kind in _ENCOUNTERS and _WOULD.search(before):
            status = "expected"  # "said he would meet Dong": reported speech's future plans the encounter
        passive = entry.passive or (
            _participle(text[s:e], language) and bool(lex.passive.search(text[max(0, s - 12) : s]))
        )
        role = entry.role
        for pattern, modifier in lex.modifiers:
            if entry.kind in ("meeting", "call", "talks") and pattern.search(text, 0, s):
                role = modifier
        trigger = Trigger(
            kind=entry.kind,
            span=Span(sentence.span.start + s, sentence.span.start + e),
            text=sentence.text[s:e],
            status=status,
            negated=bool(lex.cues["negation"].search(before[-lex.window :]))
            or (
                entry.kind in _ENCOUNTERS
                and bool(
                    _DENIED.search(text, max(0, s - 90), s) or _UNMET.match(text, e) or _NOT_WITHIN.search(text, s, e)
                )
            ),
            hypothetical=question
            or (_hypothetical(lex, text, s) and not _demand_modal(lex, text, s, entry.kind, found, sentence.span.start))
            or (bool(lex.cues["proposal"].search(before)) and not IMPERATIVE.search(text, s, e)),
            quoted=_in_quote(text, s) and not _quoted_term(text, s, e),
            background=starts_background or bool(lex.cues["background"].search(before + " " + after)),
            passive=passive,
            role=role,
        )
        if (
            found
            and _PURPOSE.search(text, max(0, s - 40), s)
            and not lex.clause.search(text, found[-1][0].span.end - sentence.span.start, s)
        ):
            # "a possible visit to Beijing to meet Wang", "will travel to Beijing to meet Wang": the purpose of
            # the act before it shares its mood
            prev = found[-1][0]
            if prev.kind in _ENCOUNTERS and trigger.kind in _ENCOUNTERS:
                trigger = replace(trigger, hypothetical=trigger.hypothetical or prev.hypothetical,
                                  status=prev.status if prev.status == "expected" else trigger.status)  # fmt: skip
        found.append((trigger, entry))
    out = _naming(forbidden_acts(_govern(lex, text, sentence.span.start, found), text, sentence.span.start),
                  sentence.span.start, text)  # fmt: skip
    out = remote(
        planned(aimed_elsewhere(out, text, sentence.span.start, language), text, sentence.span.start),
        text,
        sentence.span.start,
    )
    if lex.cues["planned"].search(text) and any(t.status == "cancelled" for t in out):
        # 布林肯原定2月访华，…而推迟: the plan told first is what the later word calls off
        first = next(i for i, t in enumerate(out) if t.status == "cancelled")
        out = [
            replace(t, status="cancelled") if i < first and t.kind in _ENCOUNTERS and t.status != "declined" else t
            for i, t in enumerate(out)
        ]
    return out


_ENCOUNTERS = frozenset({"meeting", "call", "talks"})
# "denied that Sullivan had met Wang", "dismissed reports of a meeting", 否认王毅与沙利文会面: an encounter denied
# 战区领导通话至今仍未实现: an encounter the clause says has not taken place
_UNMET = re.compile(r"(?:至今|迄今)?(?:仍|尚|还|都)?(?:未能?|没有|没能)(?:实现|举行|恢复|进行|成行)")
# "have not held talks", "had no talks": a pattern's optional words may swallow the negation itself
_NOT_WITHIN = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:ed|es)? (?:reports?|claims?)|rejected (?:reports?|claims?))\b[^,;.:]*$"
    r"|否认[^，。；]*$|否認[^，。；]*$",
    re.IGNORECASE,
)
# "to meet", "and hold talks with", 以便, 并: the next verb of the same plan shares its mood
_PURPOSE = re.compile(r"\b(?:to|and|for)\s+$|(?:以便|以|来|來|并|並)$")
_CALLED = re.compile(r"called|calls|call", re.IGNORECASE)
_NAMING_REACH = 40  # characters: "called the maneuver unsafe and unprofessional"


def _naming(found: list[Trigger], offset: int, text: str) -> list[Trigger]:
    """Without "called" read as a phone call where it names what follows a reproach ("called the maneuver unsafe"):
    the reproach is the fact."""
    out = []
    for i, t in enumerate(found):
        if t.kind == "call" and _CALLED.fullmatch(t.text):
            nxt = found[i + 1] if i + 1 < len(found) else None
            gap = text[t.span.end - offset : nxt.span.start - offset] if nxt else ""
            if nxt and nxt.kind == "criticism" and len(gap) <= _NAMING_REACH and not re.search(r"[,;]", gap):
                continue
        out.append(t)
    return out


_INVITED_BY = re.compile(r"(?:^|[，,：:\s])应[^，,。；]{0,30}$|\b(?:at|on) the $", re.I)


_EFFECT: dict[str, dict[str, object]] = {
    "demand": {"quoted": True},
    "proposal": {"hypothetical": True},
    "intent": {"status": "expected"},
    "decline": {"status": "declined"},
    "cancel": {"status": "cancelled"},
}


def _govern(lex: _Lexicon, text: str, offset: int, found: list[tuple[Trigger, Entry]]) -> list[Trigger]:
    """Apply each governing trigger (urged, agreed to, declined, cancelled) to the triggers after it in scope.

    A passive refusal ("遭到中方拒绝", "was turned down") governs instead the triggers before it in the sentence.
    """
    out: list[Trigger] = []
    governor: str | None = None
    effect: dict[str, object] = {}
    scope_end = 0
    for t, entry in found:
        # "特朗普邀请习近平访问美国，习近平邀请特朗普访华": a second invitation is its speaker's own, not the content
        inside = (
            governor is not None
            and t.span.start - offset < scope_end
            and not (entry.governs is not None and t.kind == governor and t.kind in ("appeal", "demand"))
        )
        if inside:
            t = replace(t, governed_by=governor, **effect)  # type: ignore[arg-type]
        if entry.governs == "decline" and t.passive:
            out = [replace(u, governed_by=t.kind, status="declined") if u.governed_by is None else u for u in out]
        elif entry.governs is not None:
            # a governor inside another's scope adds its effect: "declined an invitation to meet"
            effect = {**(effect if inside else {}), **_EFFECT[entry.governs]}
            governor = governor if inside else t.kind
            scope = lex.scope.search(text, t.span.end - offset)
            scope_end = scope.start() if scope else len(text)
        out.append(t)
    return out


def cues(sentence: Sentence, language: str) -> Cues:
    """The cues of a whole sentence: background, rewrite of another outlet, expected, negation, intent."""
    lex = _lexicon(language)
    text = _text(sentence, language)
    found: list[tuple[str, str, Span]] = []
    for name in ("background", "expected", "negation", "intent", "hypothetical"):
        for m in lex.cues[name].finditer(text):
            found.append((name, sentence.text[m.start() : m.end()], _abs(sentence, m.start(), m.end())))
    rewrite_of = None
    rewrite = lex.rewrite.search(text)
    if rewrite:
        key = "o1" if rewrite.group("o1") else "o2"
        outlet = rewrite.group(key)
        rewrite_of = next((v for k, v in lex.outlets.items() if k.lower() == outlet.lower()), outlet)
        start, end = rewrite.span(key)
        found.append(("rewrite", sentence.text[start:end], _abs(sentence, start, end)))
    names = {name for name, _, _ in found}
    return Cues(
        background="background" in names or bool(lex.cues["background_start"].search(text)),
        rewrite_of=rewrite_of,
        expected="expected" in names,
        negation="negation" in names,
        intent="intent" in names,
        hypothetical="hypothetical" in names or _is_question(text),
        question=_is_question(text),
        found=tuple(sorted(found, key=lambda f: f[2].start)),
    )


# "China said on Friday it would add …": "would" as the future of reported speech, not a condition.
_REPORTED = re.compile(
    r"\b(?:said|says|announced|stated|added|confirmed|tweeted|wrote|told)\b(?![^.;?]*\b(?:if|unless)\b)[^.;?]*$",
    re.IGNORECASE,
)


_WOULD = re.compile(r"\bwould\s+$", re.IGNORECASE)
_CONDITION_AFTER = re.compile(r"[^.;?]*?\b(?:if|unless|provided)\b", re.IGNORECASE)


def _demand_modal(lex: _Lexicon, text: str, at: int, kind: str, found: list[tuple[Trigger, Entry]], base: int) -> bool:
    """Whether the only modal before a word of reproach is the "should" of the demand it sits in ("said the United
    States should change its 'misguided mindset'"): the demand's content still reproaches, in the speaker's voice."""
    if kind != "criticism" or not found or found[-1][0].kind != "demand":
        return False
    start, end = found[-1][0].span.start - base, found[-1][0].span.end - base
    cues = list(lex.cues["hypothetical"].finditer(text, 0, at))
    return bool(cues) and all(start <= m.start() < end for m in cues) and not lex.clause.search(text, end, at)


# ", accusing Beijing of …", ", calling it …": a participial clause of the speaker's own, after the reported words
# (", a Chinese spokesman said after the two held talks": the attribution, then the narrator's time clause)
_OWN_CLAUSE = re.compile(
    r",\s+(?:accusing|calling|branding|describing|denouncing|criticizing|criticising|condemning|blaming|warning|telling)\b"
    r"|,\s+(?:[\w.'’-]+\s+){1,6}?(?:said|says|told reporters)\s+(?:after|when|as|before|following)\b"
)


def _hypothetical(lex: _Lexicon, text: str, at: int) -> bool:
    for m in lex.cues["hypothetical"].finditer(text, 0, at):
        own = _OWN_CLAUSE.search(text, m.end())
        if own and own.start() < at:
            continue  # "said the threat could be imminent, accusing Beijing of …": the modal is the report's
        if (
            m.group().lower() == "would"
            and _REPORTED.search(text, max(0, m.start() - 200), m.start())
            and not _CONDITION_AFTER.match(text, at)
        ):
            continue  # (but "said he would meet Dong if Beijing agreed" stays a condition)
        return True
    return False


def _abs(sentence: Sentence, start: int, end: int) -> Span:
    return Span(sentence.span.start + start, sentence.span.start + end)


def _is_question(text: str) -> bool:
    return text.rstrip("\"'”’」』）) ").endswith(("?", "？"))


def _clause_start(lex: _Lexicon, text: str, at: int) -> int:
    start = 0
    for m in lex.clause.finditer(text, 0, at):
        start = m.end()
    return start


def _clause_end(lex: _Lexicon, text: str, at: int) -> int:
    m = lex.clause.search(text, at)
    return m.start() if m else len(text)


def _participle(word: str, language: str) -> bool:
    """Whether a trigger can be passive: any Chinese verb; an English past participle."""
    return language.startswith("zh") or word.lower().endswith(("ed", "en", "wn", "ions", "s"))


def _expected(lex: _Lexicon, before: str, after: str) -> bool:
    if lex.cues["expected"].search(before):
        return True
    return bool(re.match(r"\s*\S*\s*(?:next (?:week|month)|下周|下月)", after, re.IGNORECASE))


_OPEN = "\"“「『'‘"
_CLOSE = "\"”」』'’"


def _quoted_term(text: str, start: int, end: int) -> bool:
    """Whether the quotation marks hold only the trigger's words: a name in quotes (列入“实体清单”), not speech."""
    return start > 0 and text[start - 1] in _OPEN and text[end : end + 1] != "" and text[end] in _CLOSE


def _in_quote(text: str, at: int) -> bool:
    """Whether `at` lies between quotation marks: straight quotes by parity, curly and CJK ones by depth."""
    head = text[:at]
    return (
        head.count('"') % 2 == 1
        or head.count("“") > head.count("”")
        or head.count("「") > head.count("」")
        or head.count("『") > head.count("』")
    )
