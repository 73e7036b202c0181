"""References back to an actor named in an earlier sentence of the same report.

Wire copy names a person in full once and then says "He met Dong on Friday", "the minister told reporters",
他强调; a company named once becomes "the company", "the firm", 该公司. Each such reference becomes a mention
of the actor it stands for, so that the facts of its sentence have their parties:

- a person pronoun (He/She opening a sentence or its first clause; 他/她 opening a clause) is the last person
  named before it in its sentence (特朗普会后表示，他将访问中国), else the first person of the latest earlier
  sentence that names one (wire style puts the subject first), leaving out persons its own sentence names
  (in "He told Austin …" he is not Austin);
- a title noun ("the minister", "the secretary", "the ambassador", "the envoy") is the latest person named
  before whose offices on the report's date hold that word;
- "the company", "the firm", 该公司, 该企业 are the latest organisation named before;
- "the spokesperson", 该发言人 is the state of the latest spokesperson named ("a Pentagon spokesperson").

Pure; a step of tracker.extract.pipeline between finding actors and reading triggers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tracker.extract.actors import ActorIndex
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Sentence, Span
from tracker.extract.names import has_han
from tracker.extract.roles import offices_on

__all__ = ["actors_wanted", "resolve_references"]

# "He", "Later, he", "On Friday she": a pronoun as the subject at the head of the sentence.
_PRONOUN_EN = re.compile(
    r"^[\"'“‘]?(?:(?:On|Later|Earlier|Then|Also|And|But|Separately)\b(?:\s+(?:on\s+)?[A-Z]\w+)?,?\s+"
    r"|(?:[A-Z][\w.]*\s+){0,3}[\w.]+,\s+)?(?P<p>[Hh]e|[Ss]he)\b(?!['’])"
)
# "…, he said, but urged …": the teller told mid-sentence is the speaker of the words around him
_SAID_PRONOUN_EN = re.compile(r",\s+(?P<p>he|she)\s+(?:said|added)\b")
# 他/她 opening a sentence or a clause (他9日表示, …，他强调), not 他们, 其他, 他国, 他人.
_PRONOUN_ZH = re.compile(r"(?:^|[，,；;：:“「])(?P<p>[他她])(?![们們国國人方])")
_TITLE_EN = re.compile(
    r"\bthe (?:(?:chinese|u\.s\.|american|top|new|defen[cs]e|foreign|senior) ){0,2}"
    r"(?P<p>minister|secretary|ambassador|envoy|diplomat)\b(?! (?:of|for|to)\b)",
    re.IGNORECASE,
)
_TITLE_OFFICE = {
    "minister": ("Minister",),
    "secretary": ("Secretary",),
    "ambassador": ("Ambassador",),
    "envoy": ("Envoy", "Ambassador"),
    "diplomat": ("Minister of Foreign Affairs", "Secretary of State", "Director of the Office of the Central"),
}
_FIRM = re.compile(
    r"\b[Tt]he (?:company|firm|contractor|manufacturer|group)\b(?!['’]s (?:chief|ceo|head|founder)| of\b)"
    r"|该(?:公司|企业|集团)|該(?:公司|企業|集團)"
)


# "for the two to meet", "the two men spoke", 两人通话: the pair of people the latest earlier sentence names
_PAIR = re.compile(
    r"\b[Tt]he (?:two|pair)(?: (?:men|women|leaders|ministers|officials|diplomats|generals|defen[cs]e chiefs|envoys))?"
    r"(?= (?:to|met|meet|held|hold|had|have|spoke|speak|talked|agreed|also|shook|last|first|were|are|did|will|would|"
    r"sat|exchanged|discussed)\b|[,.;])"
    r"|(?<![一-龥])(?:两人|兩人|二人)"
)
_VOICE = re.compile(r"\b[Tt]he (?:ministry |department |pentagon )?spokes(?:person|man|woman)\b|该发言人|該發言人")


def resolve_references(
    sentences: Sequence[Sentence], found: list[list[ActorMention]], index: ActorIndex, on: date
) -> list[list[ActorMention]]:
    """Each sentence's mentions plus the actors its pronouns, title nouns and "the company" refer back to."""
    out: list[list[ActorMention]] = []
    people: list[list[ActorMention]] = []  # persons of each earlier sentence, in order
    firms: list[ActorMention] = []
    voices: list[ActorMention] = []  # a spokesperson's words are their state's ("a Pentagon spokesperson")
    for sentence, mentions in zip(sentences, found, strict=True):
        extra = _references(sentence, mentions, people, firms, index, on)
        if voices:
            extra += [
                replace(voices[-1], span=Span(sentence.span.start + m.start(), sentence.span.start + m.end()))
                for m in _VOICE.finditer(sentence.text)
                if not any(o.span.start <= sentence.span.start + m.start() < o.span.end for o in [*mentions, *extra])
            ]
        merged = sorted([*mentions, *extra], key=lambda m: m.span.start) if extra else mentions
        out.append(merged)
        persons = [m for m in merged if m.kind == "person"]
        if persons:
            people.append(persons)
        firms.extend(m for m in merged if m.kind == "organization")
        voices.extend(m for m in merged if m.kind == "state" and m.office)
    return out


def _references(
    sentence: Sentence,
    mentions: list[ActorMention],
    people: list[list[ActorMention]],
    firms: list[ActorMention],
    index: ActorIndex,
    on: date,
) -> list[ActorMention]:
    text, base = sentence.text, sentence.span.start
    taken = [m.span for m in mentions if m.kind != "state"]  # "the top U.S. diplomat" holds a state's name
    here = {m.slug for m in mentions}
    extra: list[ActorMention] = []

    def add(antecedent: ActorMention, start: int, end: int) -> None:
        span = Span(base + start, base + end)
        if any(span.start < t.end and t.start < span.end for t in taken):
            return
        extra.append(replace(antecedent, span=span, name=text[start:end]))
        taken.append(span)

    if people:
        pronouns = (
            [_PRONOUN_EN.match(text), *_SAID_PRONOUN_EN.finditer(text)]
            if not has_han(text[:40])
            else list(_PRONOUN_ZH.finditer(text))
        )
        for m in pronouns:
            if m is None:
                continue
            # 特朗普会后表示，他将…: a pronoun after a person its own sentence names is that person
            own = [p for p in mentions if p.kind == "person" and p.span.end <= base + m.start("p")]
            antecedent = own[-1] if own else next((p for p in people[-1] if p.slug not in here), None)
            if antecedent is not None:
                add(antecedent, m.start("p"), m.end("p"))
        for m in _PAIR.finditer(text):
            named = {p.slug for p in mentions if p.kind == "person"}
            first = {p.slug for p in mentions if p.kind == "person" and p.span.end <= base + m.start()}
            pair = _pair_before(people, named, index, on, first)
            if pair is not None and not _own_pair(mentions, base + m.start(), index, on):
                middle = (m.start() + m.end()) // 2
                add(pair[0], m.start(), middle)
                add(pair[1], middle, m.end())
        if not has_han(text[:40]):
            for antecedent, m in _surnames(text, people, here):
                add(antecedent, m.start(), m.end())
        for m in _TITLE_EN.finditer(text):
            words = _TITLE_OFFICE[m.group("p").lower()]
            for persons in reversed(people):
                holder = next((p for p in persons if p.slug not in here and _holds(p, words, index, on)), None)
                if holder is not None:
                    add(holder, m.start(), m.end())
                    break
    for m in _PAIR.finditer(text):
        # "between Presidents Biden and Xi, at which the two leaders agreed", "Wei told Austin …, a spokesman said
        # after the two held talks": the pair its own sentence names before it
        own_pair = _own_pair(mentions, base + m.start(), index, on)
        if own_pair is not None:
            middle = (m.start() + m.end()) // 2
            add(own_pair[0], m.start(), middle)
            add(own_pair[1], middle, m.end())
    if firms:
        for m in _FIRM.finditer(text):
            antecedent = next((f for f in reversed(firms) if f.slug not in here), None)
            if antecedent is not None:
                add(antecedent, m.start(), m.end())
    return extra


def _surnames(text: str, people: list[list[ActorMention]], here: set[str]) -> list[tuple[ActorMention, re.Match[str]]]:
    """ "Zheng said …" after "Vice Foreign Minister Zheng Zeguang": a surname alone (a Chinese name's first word,
    another's last) of one person an earlier sentence named in full."""
    by_surname: dict[str, set[str]] = {}
    found: dict[str, ActorMention] = {}
    for persons in people:
        for p in persons:
            words = p.name.split()
            if len(words) < 2 or p.slug in here:
                continue
            surname = words[0] if p.state == "CHN" else words[-1]
            if surname[:1].isupper() and surname.isalpha():
                by_surname.setdefault(surname, set()).add(p.slug)
                found[surname] = p
    out = []
    for surname, slugs in by_surname.items():
        if len(slugs) == 1:
            out += [(found[surname], m) for m in re.finditer(rf"\b{surname}\b(?![ -][A-Z])", text)]
    return out


def _own_pair(
    mentions: list[ActorMention], at: int, index: ActorIndex, on: date
) -> tuple[ActorMention, ActorMention] | None:
    """The two people of different states a sentence names before `at` (a spokesperson left out), if just two."""
    return _pair_before([[p for p in mentions if p.kind == "person" and p.span.end <= at]], set(), index, on)


def _pair_before(
    people: list[list[ActorMention]], here: set[str], index: ActorIndex, on: date, first: set[str] | None = None
) -> tuple[ActorMention, ActorMention] | None:
    """The two people of different states the latest of the last three sentences naming more than one person names,
    when it names just two (the current sentence naming none of them, or only them: "Esper said the two had …")."""
    for earlier in reversed(people[-3:]):
        # ("Wei urged Esper …, spokesman Wu Qian told reporters": who tells the encounter is none of the pair)
        persons = list({p.slug: p for p in earlier if not _holds(p, ("Spokes",), index, on)}.values())
        if len(persons) == 1:
            continue  # "'…,' Austin said in his speech": one of the pair named again alone
        pair = {p.slug for p in persons}
        if len(persons) > 2 and first and len(here) == 1 and here == first and here <= pair:
            # "Hegseth met Dong …, a day after Trump and Xi met. Hegseth said the two had agreed …": the one named
            # again before it and the first person of the other side named with him
            one = next(p for p in persons if p.slug in here)
            other = next((p for p in persons if p.state not in (None, one.state)), None)
            return (one, other) if other is not None and persons.index(other) < 3 else None
        if len(persons) != 2 or persons[0].state == persons[1].state or (pair & here and not here <= pair):
            return None
        return persons[0], persons[1]
    return None


def _holds(person: ActorMention, words: tuple[str, ...], index: ActorIndex, on: date) -> bool:
    offices = offices_on(index, person.slug, on) | ({person.office} if person.office else set())
    return any(w.lower() in o.lower() for o in offices for w in words)


# A spokesperson named in a sentence without a fact may speak for their state in the next ("The spokesperson …").
_SPOKESPERSON = re.compile(r"spokes|发言人|發言人")


def actors_wanted(sentences: Sequence[Sentence], triggered: Sequence[Sequence[Trigger]]) -> list[bool]:
    """The sentences whose actors matter: those with triggers or a spokesperson, and the two before a sentence
    that says "the two" or 两人 (the pair is named there: "Austin and Dong attended the forum. The two met …")."""
    wanted = [bool(t) or _SPOKESPERSON.search(s.text) is not None for s, t in zip(sentences, triggered, strict=True)]
    for i, (s, t) in enumerate(zip(sentences, triggered, strict=True)):
        if t and i and _PAIR.search(s.text):
            wanted[max(0, i - 2) : i] = [True] * (i - max(0, i - 2))
    return wanted
