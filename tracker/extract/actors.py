"""Actors in a sentence: gazetteer names in every script, office holders on the report's date, new officials.

`ActorIndex.build(actors, states)` indexes every name and alias in folded form (names.fold: simplified
Chinese, case and pinyin tones folded) in one regex alternation per script. `find_actors` returns the
non-overlapping mentions of one sentence, longest first, with absolute spans:

- a gazetteer name ("Lloyd Austin", 奥斯汀, 國防部長董軍's 董軍, "Xí Jìnpíng");
- a state: its names and aliases, 中美/美中 as both; Washington, Beijing, 华盛顿, 华府 and 北京 only in
  political use — not after a place word (in, at, to, visited, 在, 赴, 抵达, 驻 …), not an upper-case
  dateline, not "Beijing time"/北京时间. Demonyms ("Chinese", "American") are not mentions;
- an office phrase without a name ("the Chinese defence minister", 美国防长) as its holder on the report's
  date, `office` set to the gazetteer office; with a name beside it ("U.S. Defense Secretary Jim Mattis",
  "Xie Feng, China's ambassador", 美国防长奥斯汀) the name carries the office and the phrase is spent;
- a new official: a title with a name not in the index ("Assistant Secretary of State Mallory Stewart",
  外交部副部长郑泽光), `new` with its names, office and the state of the title's country word.

A name in AMBIGUOUS (奥斯汀 is also Austin, Texas; 克里 starts 克里米亚) counts only with an office phrase
within a few characters or the same actor named in brackets beside it. `resolve_short_names` then finds
family names after a full mention in the same report ("Austin", "Mr. Xie", "Gen. Li", 谢大使).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tracker.extract import names as nm
from tracker.extract.model import ActorMention, Report, Sentence, Span
from tracker.extract.new_officials import full_name, nicknamed, replaced_name, spoken_again, title_name
from tracker.extract.offices import OfficePhrase, concept_of, find_office_phrases, holds, office_strings

__all__ = ["AMBIGUOUS", "FORMER", "ActorIndex", "find_actors", "find_all", "holder", "resolve_short_names"]

# Names that are also common words or places: they need an office word nearby.
AMBIGUOUS = frozenset(
    ["奥斯汀", "克里", "布朗", "卡尔", "米勒", "凯恩", "米利", "哈里斯", "康达", "蔡斯", "希克斯", "万斯", "彭斯", "戴维森"]
)  # fmt: skip
# State names that are also cities: a state only in political use.
CAPITALS = {"washington": "USA", "beijing": "CHN", "华盛顿": "USA", "华府": "USA", "北京": "CHN"}
_PLACE_BEFORE_EN = re.compile(
    r"(?:\b(?:in|at|to|from|near|into|via|outside|around|visit|visited|visits|visiting|left|leave|reach|reached)|,)\s*$"
)
_PLACE_BEFORE_ZH = re.compile(r"(?:在|于|赴|到|抵|抵达|访问|访问了|访|前往|飞往|离开|来|回|驻|从)$")
_PLACE_AFTER = re.compile(r"(?:\s*,?\s*d\.c\.|\s+time\b|时间|市)")
PAIRS = {"中美": ("CHN", "USA"), "美中": ("USA", "CHN")}  # one word, two states
_NEAR = 4  # characters between an ambiguous name and an office word
_RANKED = re.compile(r"^(?:上将|中将|少将)|将军$")
_GAP_BEFORE_NAME = re.compile(r"\s*,?\s*(?:the\s+)?(?:" + nm.RANK + r"\s+)?$|(?:上将|中将|少将)?$", re.IGNORECASE)
_SEA = re.compile(r"\s+seas?\b|海峡|海峽")
_GAP_AFTER_NAME = re.compile(r"^(?:\s*,\s*(?:the\s+|a\s+)?|(?:上将|中将|少将)?)$")
_ZH_TITLES = r"部长|大使|上将|中将|少将|主席|副主席|司令员?|将军|先生|女士|发言人|总理|国务委员|防长|外长|国务卿|特使"
_EN_TITLES = r"(?:Mr|Mrs|Ms|Dr|Gen|Adm|Col|Secretary|Minister|General|Admiral|Ambassador)\.?\s+"


_AS_OFFICE = re.compile(r"\bas\s+(?:the\s+)?(?:new\s+|next\s+)?(?:acting\s+|interim\s+)?(?:[\w.]+['’]s\s+)?$|[为為]$")
_INSTITUTION_AFTER = re.compile(r"图书馆|基金会|研究所|研究院|中心|大学|府(?!官)|学院")
FORMER = re.compile(
    r"(?:\bformer|\bex-|\bthen-|\bprevious|原|前任|(?<![日此之目以先提当當])前)\s*(?:(?:chinese|u\.s\.|us|american|中国|美国|美军)\s*)?$"
)


@dataclass(frozen=True)
class Entry:
    """An indexed actor."""

    slug: str
    kind: str
    state: str | None
    name: str
    family_en: str | None = None  # folded: "austin", "dong"
    family_zh: str | None = None  # a Chinese official's surname: 董


@dataclass
class ActorIndex:
    """Every name of every actor, folded, and every office with its dates; built once per session."""

    keys: dict[str, list[Entry]] = field(default_factory=dict)
    by_slug: dict[str, Entry] = field(default_factory=dict)
    offices: list[tuple[str, str | None, str | None, dict[str, Any], str]] = field(default_factory=list)
    upper: set[str] = field(default_factory=set)  # keys of acronyms, matched only in upper case (US, PRC)
    latin: re.Pattern[str] | None = None
    han: re.Pattern[str] | None = None
    matched: dict[str, str] = field(default_factory=dict)  # nm.key of each matched text, as met
    han_names: dict[str, list[str]] = field(default_factory=dict)  # each actor's Chinese names, folded

    def key_of(self, text: str) -> str:
        """nm.key(text), remembered: the regexes match the same few texts again and again."""
        found = self.matched.get(text)
        if found is None:
            found = self.matched[text] = nm.key(text)
        return found

    @classmethod
    def build(cls, actors: list[dict[str, Any]], states: list[dict[str, Any]]) -> ActorIndex:
        """An index from records shaped like tracker/data/actors.json and states.json."""
        index = cls()
        for record in [*states, *actors]:
            names = record.get("names") or {}
            chinese = record.get("state") == "CHN" and record["kind"] == "person"
            en = names.get("en") or record["slug"]
            zh = names.get("zh")
            family = nm.family_name(en, chinese) if record["kind"] == "person" else None
            zh_family = nm.to_simplified(zh[:1]) if chinese and zh else None
            entry = Entry(record["slug"], record["kind"], record.get("state"), en, family and nm.key(family), zh_family)
            index.by_slug[entry.slug] = entry
            for name in [*names.values(), *(record.get("aliases") or [])]:
                index._add(name, entry)
                if nm.has_han(name):
                    index.han_names.setdefault(entry.slug, []).append(nm.key(name))
            for office in record.get("offices") or []:
                index.offices.append(
                    (office["office"], office.get("organization"), office.get("state"), office, entry.slug)
                )
        for word, state in CAPITALS.items():
            if state in index.by_slug:
                index._add(word, index.by_slug[state])
        index._compile()
        return index

    def _add(self, name: str, entry: Entry) -> None:
        k = nm.key(name)
        if len(k) < 2:
            return
        refs = self.keys.setdefault(k, [])
        if entry not in refs:
            refs.append(entry)
        letters = name.replace(".", "")
        if letters.isupper() and len(letters) <= 4 and not nm.has_han(name):
            self.upper.add(k)

    def _compile(self) -> None:
        han = sorted((k for k in [*self.keys, *PAIRS] if nm.has_han(k)), key=len, reverse=True)
        latin = sorted((k for k in self.keys if not nm.has_han(k)), key=len, reverse=True)
        alternation = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in latin)
        self.latin = nm.compile_fast(rf"(?<![\w.])(?:{alternation})(?![\w])")
        self.han = nm.compile_fast("|".join(re.escape(k) for k in han))

    def held(self, offices: Sequence[tuple[str, str | None]], state: str | None, on: date) -> str | None:
        """The one actor holding any of these offices of a state on a day, else None."""
        found = {
            slug
            for office, organization, st, record, slug in self.offices
            for want, want_org in offices
            if office == want and (want_org is None or organization == want_org) and st == state and holds(record, on)
        }
        return found.pop() if len(found) == 1 else None


def holder(index: ActorIndex, office_words: str, state: str | None, on: date) -> str | None:
    """Who held an office on a day: office words in either language ("defence minister", 国防部长) or a
    gazetteer office string ("Minister of National Defense"); state None takes the state the words imply."""
    concept = concept_of(nm.key(office_words))
    if concept is None:
        return index.held([(office_words, None)], state, on)
    name, implied = concept
    state = state or implied
    return index.held(office_strings(name, state), state, on)


def _political(folded: str, text: str, start: int, end: int) -> bool:
    """Whether a capital's name at [start, end) names the state rather than the city."""
    if text[start:end].isupper() and len(text[start:end]) > 2:
        return False  # a dateline: WASHINGTON, July 12
    before = _PLACE_BEFORE_ZH if nm.has_han(folded[start:end]) else _PLACE_BEFORE_EN
    # Only the words just before matter; searching the whole prefix made long reports quadratic.
    return not before.search(folded, max(0, start - 40), start) and not _PLACE_AFTER.match(folded, end)


def _names(sentence: Sentence, folded: str, index: ActorIndex) -> list[ActorMention]:
    text, base, found = sentence.text, sentence.span.start, []
    for regex in (index.latin, index.han):
        for m in regex.finditer(folded) if regex else ():
            k, (s, e) = m.group(), m.span()
            if k in PAIRS:
                if folded[e : e + 1] != "洲":  # 中美洲 is Central America
                    for i, state in enumerate(PAIRS[k]):
                        entry = index.by_slug.get(state)
                        if entry:
                            found.append(
                                ActorMention(state, "state", state, Span(base + s + i, base + s + i + 1), text[s + i])
                            )
                continue
            key = index.key_of(k)
            entries = index.keys.get(key, [])
            if len({x.slug for x in entries}) != 1:
                continue  # unknown or shared by two actors
            if key in index.upper and not text[s:e].replace(".", "").isupper():
                continue
            if key in CAPITALS and not _political(folded, text, s, e):
                continue
            x = entries[0]
            if x.kind == "state" and _SEA.match(folded, e):
                continue  # the South China Sea, 台湾海峡 (a place, not Taiwan)
            found.append(ActorMention(x.slug, x.kind, x.state, Span(base + s, base + e), text[s:e]))
    return found


def find_actors(
    sentence: Sentence, report: Report, index: ActorIndex, named: frozenset[str] = frozenset()
) -> list[ActorMention]:
    """The actors a sentence names, non-overlapping (longest first), in order, with absolute spans. `named`:
    people the report has already named for certain (奥斯汀 after 美国国防部长奥斯汀 needs no office word again)."""
    text, base = sentence.text, sentence.span.start
    folded = nm.fold(text)
    on = report.published_at.date()
    mentions = _names(sentence, folded, index) + (
        replaced_name(sentence, index) if report.language == "zh" else nicknamed(sentence, index)
    )
    phrases = find_office_phrases(folded, report.language)
    spent: list[Span] = []
    # 雷根总统图书馆, 总统府: an office word inside an institution's name is no title
    phrases = [p for p in phrases if not _INSTITUTION_AFTER.match(folded, p.end)]
    for phrase in phrases:
        office = phrase.title
        for i, m in enumerate(mentions):
            if m.kind != "person":
                continue
            s, e = m.span.start - base, m.span.end - base
            before = s >= phrase.end and _GAP_BEFORE_NAME.match(folded[phrase.end : s]) and s - phrase.end < 24
            # ("Scott Bessent, Trade Representative Jamieson Greer and …": a title with its own name is the next item)
            gap = folded[e : phrase.start]
            after = e <= phrase.start and bool(_GAP_AFTER_NAME.match(gap))
            after = after and not (gap.strip() == "," and title_name(phrase, sentence, index, on) is not None)
            if before or after:
                if not phrase.qualified and m.state and m.state != phrase.state:
                    # 美国新任国防部长赫格塞思: an unqualified office word is the office of the person's state
                    office = replace(phrase, state=m.state).title or office
                mentions[i] = replace(m, office=office or text[phrase.start : phrase.end])
                spent.append(Span(base + phrase.start, base + phrase.end))
                break
        else:
            new = title_name(phrase, sentence, index, on)
            if new is not None:
                mentions.append(new)
                spent.append(Span(base + phrase.start, base + phrase.end))
                continue
            if FORMER.search(folded, max(0, phrase.start - 12), phrase.start):
                continue  # "a former commander of …", 原太平洋舰队司令: a past post, not today's holder
            if _AS_OFFICE.search(folded, max(0, phrase.start - 16), phrase.start):
                continue  # "stepped down as secretary of state", 任命董军为国防部长: the office, not its holder
            if phrase.concept.endswith("spokesperson"):
                # "a defence ministry spokesman said", 外交部发言人宣布: the state speaks, not a person
                state = index.by_slug.get(phrase.state or "")
                if state is not None:
                    mentions.append(
                        ActorMention(state.slug, "state", state.slug, Span(base + phrase.start, base + phrase.end),
                                     text[phrase.start : phrase.end], office)
                    )  # fmt: skip
                continue
            slug = index.held(office_strings(phrase.concept, phrase.state), phrase.state, on)
            if slug is not None:
                entry = index.by_slug[slug]
                phrase_text = text[phrase.start : phrase.end]
                mentions.append(
                    ActorMention(
                        slug, entry.kind, entry.state, Span(base + phrase.start, base + phrase.end), phrase_text, office
                    )
                )
    for s, e in nm.ranked_names(text):
        if nm.key(text[s:e]) not in index.keys:
            name = text[s:e]
            # "Lt. Col. Ann Reyes, a Pentagon spokeswoman": the office in apposition tells her state
            apposed = [p.state for p in phrases if p.state and 0 < p.start - e <= 16 and "," in text[e : p.start]]
            home = apposed[0] if apposed else None
            mentions.append(
                ActorMention(
                    nm.slug_for(name), "person", home, Span(base + s, base + e), name, None, True, {"en": name}
                )
            )
    mentions = [m for m in mentions if m.slug in named or _confirmed(m, mentions, phrases, folded, base)]
    return _longest(mentions, spent)


def _confirmed(
    m: ActorMention, mentions: list[ActorMention], phrases: list[OfficePhrase], folded: str, base: int
) -> bool:
    """An ambiguous name counts only with an office word near it or the same actor named beside it."""
    if nm.key(m.name) not in AMBIGUOUS or m.office:
        return True
    s, e = m.span.start - base, m.span.end - base
    if any(p.end >= s - _NEAR and p.start <= e + _NEAR for p in phrases) or _RANKED.search(
        folded[max(0, s - 2) : e + 2]
    ):
        return True  # 空军上将布朗, 布朗将军: a military rank names a person, not a colour or a place
    return any(o.slug == m.slug and o is not m and 0 <= o.span.start - m.span.end <= 3 for o in mentions)


def _longest(mentions: list[ActorMention], spent: list[Span]) -> list[ActorMention]:
    """Non-overlapping mentions, longest first (a spent office phrase blocks what lies inside it)."""
    taken: list[Span] = []
    kept: list[ActorMention] = []
    for m in sorted(mentions, key=lambda m: (-(m.span.end - m.span.start), m.span.start)):
        if any(m.span.start < t.end and t.start < m.span.end for t in taken):
            continue
        if any(sp.start <= m.span.start and m.span.end <= sp.end for sp in spent):
            continue
        taken.append(m.span)
        kept.append(m)
    return sorted(kept, key=lambda m: m.span.start)


def resolve_short_names(
    found: Sequence[tuple[Sentence, list[ActorMention]]], index: ActorIndex
) -> list[list[ActorMention]]:
    """Each sentence's mentions plus family names of people named in full earlier in the report:
    "Austin", "Milley's", "Mr. Xie", "Gen. Li", and in Chinese a surname with a title (谢大使, 董部长).
    A family name two people share is left alone; a new official named by title (郑泽光) speaks later by that name."""
    seen_en: dict[str, set[str]] = {}
    seen_zh: dict[str, set[str]] = {}
    new_names: dict[str, ActorMention] = {}
    out: list[list[ActorMention]] = []
    for sentence, mentions in found:
        text, base = sentence.text, sentence.span.start
        folded = nm.fold(text)
        extra: list[ActorMention] = []
        for table, regex in ((seen_en, _family_regex(seen_en, False)), (seen_zh, _family_regex(seen_zh, True))):
            for m in regex.finditer(folded) if regex else ():
                slugs = table[m.group("f")]
                span = Span(base + m.start(), base + m.end())
                if len(slugs) != 1 or any(
                    span.start < o.span.end and o.span.start < span.end for o in [*mentions, *extra]
                ):
                    continue
                if not nm.has_han(m.group("f")) and not text[m.start("f")].isupper():
                    continue
                entry = index.by_slug[next(iter(slugs))]
                extra.append(ActorMention(entry.slug, entry.kind, entry.state, span, text[m.start() : m.end()]))
        extra += spoken_again(sentence, new_names, [*mentions, *extra])
        out.append(sorted([*mentions, *extra], key=lambda x: x.span.start))
        for mention in mentions:
            if mention.new and mention.kind == "person" and full_name(mention.name):
                new_names.setdefault(mention.name, mention)
            person = index.by_slug.get(mention.slug)
            if person and person.kind == "person":
                if person.family_en:
                    seen_en.setdefault(person.family_en, set()).add(person.slug)
                if person.family_zh:
                    seen_zh.setdefault(person.family_zh, set()).add(person.slug)
    return out


def _family_regex(seen: dict[str, set[str]], han: bool) -> re.Pattern[str] | None:
    if not seen:
        return None
    alternation = "|".join(re.escape(k) for k in sorted(seen, key=len, reverse=True))
    if han:
        return re.compile(rf"(?P<f>{alternation})(?:{_ZH_TITLES})")
    return re.compile(rf"(?<![\w.])(?:(?i:{_EN_TITLES}))?(?P<f>{alternation})(?![\w])")


_QUALIFIED_OFFICE = re.compile(
    r"(?:chinese|china['’]s|u\.s\.|\bus\b|american|\bpla\b|中国|中方|美国|美方|美军|解放军|中國|美國)"
    r"[^.。;；]{0,40}?(?:minister|secretary|commander|ambassador|spokes|chair|general|admiral|envoy|adviser|advisor"
    r"|部长|部長|司令|大使|发言人|發言人|主席|防长|防長|外长|外長|将军|將軍|特使)",
    re.IGNORECASE,
)


# Searched in the folded (lower-case) text: IGNORECASE on a Unicode pattern is several times slower.
_COUNTRY_WORD = re.compile(r"chin|u\.s\.|\bus\b|americ|\bpla\b|[中美]")


def names_anyone(text: str, report: Report, index: ActorIndex) -> bool:
    """Whether a text names any actor the index knows, or an office of either state: a cheap gate, so that a
    report naming nobody is not read sentence by sentence."""
    folded = nm.fold(text)
    whole = Sentence(text, Span(0, len(text)))
    if any(_confirmed(m, [], [], folded, 0) for m in _names(whole, folded, index)) or nicknamed(whole, index):
        return True  # (Charles "CQ" Brown: a known name only with its nickname left out)
    return bool(_COUNTRY_WORD.search(folded) and _QUALIFIED_OFFICE.search(text))


def find_all(
    sentences: Sequence[Sentence], report: Report, index: ActorIndex, needed: Sequence[bool] | None = None
) -> list[list[ActorMention]]:
    """find_actors over every sentence of a report, then resolve_short_names.

    Sentences not `needed` (no fact can come from them) get only the names the index holds, which is all
    that short names later in the report need: no office phrases, new officials or office holders.
    """
    found = []
    named: set[str] = set()
    for i, s in enumerate(sentences):
        if needed is None or needed[i]:
            mentions = find_actors(s, report, index, frozenset(named))
        else:
            folded = nm.fold(s.text)
            ok = [m for m in _names(s, folded, index) if m.slug in named or _confirmed(m, [], [], folded, s.span.start)]
            mentions = _longest(ok, [])
        named.update(m.slug for m in mentions if m.kind == "person" and not m.new)
        found.append((s, mentions))
    return resolve_short_names(found, index)
