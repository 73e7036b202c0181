"""Lists of firms a sanction names in English ("added A Co, B Corp and C to the Entity List", "sanctioned U.S.
drone maker Skydio"): each item a target, as a new organisation of the other side.

Pure; part of tracker.extract.targets' list_targets.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Sentence, Span

__all__ = ["LIST_END", "english_targets"]

LIST_END = re.compile(r"\b(?:after|when|as|while|before|since|because|but|accusing|saying|citing)\b|[;；。]")
_NOT_A_TARGET = re.compile(
    r"Taiwan|China|Chinese|United|States|America|Beijing|Washington|Defen[cs]e|Ministry|Department"
    r"|Foreign|State|Council|Commission|Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday"
)
# A firm's name ends with one of these words ("Lockheed Martin Aeronautics", "通用原子航空系统公司").
_FIRM_WORD_EN = re.compile(
    r"\b(?:Corp(?:oration)?\.?|Inc\.?|Co\.?|Company|Ltd\.?|LLC|Institutes?|Cent(?:er|re)s?|Academy|Systems|Technologies|Technology|Aeronautics|Space"
    r"|Defen[cs]e|Industries|Group|Solutions|Operations|International|Dynamics|Atomics|Electronics|Aerospace"
    r"|Laborator(?:y|ies)|Holdings|Manufacturing|Armaments|Security|Control|Missiles|Sciences|Communications"
    r"|Networks|Robotics|Semiconductors?|Shipbuilding|Institute|Academy|University|Endowment for \w+|Foundation|Fund"
    r"|Watch|House|Council|Association|Society|Library|Congress)$"
)
# what an item is, told between commas ("a unit of …", "the drone maker"): no item of the list
_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:unit|subsidiary|division|arm|affiliate|maker|manufacturer|operator)"
    r"(?:\s+of\s+[^,;.]{1,70}?)?(?=,)"
)
# a person's post told between commas ("A, chair of the B Commission, C, China director at D, and E"): no item
_POST_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the|former|[A-Z][\w.-]*)\s+){0,3}?(?i:chair(?:man|woman)?|director|head|president|founder"
    r"|secretary|minister|member|editor|professor|fellow|commissioner|spokes(?:man|woman|person)|advis[eo]r"
    r"|executive|officer|leader)\s+(?:of|at|for)\s+[^,;]{1,80}?(?=,)"
)
# a name's short form in brackets just after it
_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
# an item's lower-case description before its name, inside a list (not its first item)
# (no verb or preposition: ", retaliating for Washington's move" ends the list)
_LOWER_LEAD = re.compile(
    r"(?:(?!(?:and|or|the|for|to|of|on|in|with|over|against|by|at|from|who|which|that|as)\b)[a-z][\w-]*(?<!ing)(?<!ed)\s+)"
    r"{1,3}(?=[A-Z])"
)
# A commission or committee named by its remit ("Commission on International Religious Freedom"): a body.
_ON_REMIT_EN = re.compile(r"\b(?:Commission|Committee) on (?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w'-]*$")
# A body named by its head word first ("Institute of Applied Optics", "Center for Strategic Studies").
_FIRM_HEAD_EN = re.compile(
    r"(?:Institute|Academy|University|Cent(?:er|re)|Bureau|Laboratory|College|School|Foundation|Council)\s+(?:of|for)\s+[A-Z]"
)
# (an item may open with an ordinal: "the 48th Research Institute of …")
# (and "Commission on …" goes on with its remit)
_FIRM_ITEM_EN = re.compile(
    r"(?:[A-Z][\w'&.-]*|\d+(?:st|nd|rd|th)\b|&)(?:\s+(?:[A-Z0-9][\w'&.-]*|&|and|of|for)|(?:(?<=Commission)|(?<=Committee))\s+on)*"
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_ADDED = re.compile(
    r"(?:add(?:s|ed|ing)?|put(?:s|ting)?|plac(?:e|es|ed|ing))\s+(?P<list>.*?)\s+(?:to|on)\s+(?:the\s+|its\s+|an?\s+)?"
    r"(?:so-called\s+)?(?:trade\s+|export\s+|investment\s+)?(?:(?:entity|sdn|unreliable entity|export control|sanctions)\s+list|blacklist)$",
    re.I | re.S,
)
_ITEM_TAIL = re.compile(r"(?:\s+(?:and|of|for|&))+$")
_OWNER = re.compile(r"(?:China|Beijing|the United States|America|Washington)['’]s\s+")
_NAMED = re.compile(r"nam(?:e|es|ed|ing)\s+(?P<list>.*?)\s+(?:among|as)\s+\S.*sanctioned$", re.I | re.S)
# "three units of Lockheed Martin - …": the parent names whose units are listed, not a target itself.
_UNITS_OF = re.compile(r"(?:units?|subsidiar(?:y|ies)|affiliates?|divisions?|arms?)\s+of\s+(?:the\s+)?$", re.I)
_SUFFIX = re.compile(r",?\s+(?:Corp(?:oration)?\.?|Inc\.?|Co\.?|Company|Ltd\.?|LLC)$")
# "U.S. drone maker Skydio", "defence contractor Anduril": a descriptor vouches for the firm's name after it.
_DESCRIPTOR = re.compile(
    r"(?:[\w.-]+\s+){0,4}?"
    r"(?:maker|makers|company|companies|firm|firms|contractor|contractors|manufacturer|manufacturers|supplier"
    r"|suppliers|producer|producers|giant|start-?up|entities)(?:,?\s+(?:including|such as|namely))?\s+",
)
_ITEM_DESCRIPTOR = re.compile(
    r"(?<![A-Za-z])(?:(?!(?:and|or|the|an?)\b)(?-i:[a-z][\w-]*)\s+){0,2}(?:chipmakers?|makers?|compan(?:y|ies)|firms?"
    r"|giants?|manufacturers?|suppliers?|contractors?|producers?|operators?|developers?)\s+(?=[A-Z])"
)  # ("A and the battery company B": the article stays, to part the two items)
# "added 28 entities to its Entity List, among them A and B": the members of the group, after the trigger
# (after a date or a place: "… to its Entity List on Monday, including A, B and C")
_MEMBERS_AFTER = re.compile(
    r"(?:\s+(?:on|last|this|in)\s+[\w ]{1,20}?)?\s*,\s*(?:including|among them|among which|such as|namely)\s+", re.I
)
# "12 Chinese companies, including A and B", "entities such as A": the list after its head.
_INCLUDING = re.compile(r"^[^A-Z]*?(?:including|such as|among them|namely)\s+")
# Words that go on a name across an "and" ("Science and Technology"): no new item after them.
_NAME_AND = re.compile(
    r"\s+and\s+(?=(?:Technology|Technologies|Engineering|Development|Research|Industry|Trade"
    r"|Innovation|Control|Security|Defen[cs]e|Space)\b)"
)


def _firm_en(item: str) -> bool:
    words = item.split()
    return bool(
        _FIRM_WORD_EN.search(item) or _FIRM_HEAD_EN.match(item) or _ON_REMIT_EN.search(item) or "&" in item
        or (len(words) == 1 and _ACRONYM.fullmatch(item))
    )  # fmt: skip


def _items_en(window: str, vouched: bool = False) -> list[tuple[int, int]]:
    """The spans of the comma/"and" separated items of a list at the start of window (relative to it)."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(window):
        m = re.compile(r"\s*(?:,\s*)?(?:and\s+|&\s+)?(?:the\s+)?[-–—]?\s*").match(window, pos)
        start = m.end() if m else pos
        described = _LOWER_LEAD.match(window, start) if pos else None
        if described and _FIRM_ITEM_EN.match(window, described.end()):
            start = described.end()  # ", religious freedom ambassador Sam Brownback and …": the name after its words
        item = _FIRM_ITEM_EN.match(window, start)
        if item is None:
            break
        text = item.group()
        # "A and B" at the end of a list: the last "and" before a capitalised word separates two items.
        end = item.end()
        tail = _ITEM_TAIL.search(text)
        if tail:  # "A and the B": the item stops before its "and", which separates
            text, end = text[: tail.start()], item.start() + tail.start()
        if " and " in text and not re.match(r"\s*,\s*(?:and\s+)?(?:the\s+)?[A-Z]", window[end:]):
            # The list's last "and": "A, B and C", "A and B" (not "Missiles and Fire Control, …"); where a firm
            # ends before an "and", there ("… Technology Co and Shanxi … Science and Technology Group Co").
            firm = [c.start() for c in re.finditer(" and ", text) if _firm_en(text[: c.start()])]
            if not firm and vouched:
                # "Skydio and BRINC Drones" in a list the syntax vouches for: the last "and" between two names
                firm = [c.start() for c in re.finditer(" and ", text) if not _NAME_AND.match(text, c.start())][-1:]
            end = start + firm[0] if firm else end
        short = _SHORT_FORM.match(window, end)
        # "Semiconductor Manufacturing International Corp (SMIC)": the firm by the short form it goes by
        out.append((short.start(1), short.end(1)) if short else (start, end))
        pos = short.end() if short else end
        aside = _APPOSITIVE.match(window, pos) or _POST_APPOSITIVE.match(window, pos)
        if aside:
            pos = aside.end()  # "A Group, a unit of state-owned B Co, and C": the parent only describes A
        if not re.match(r"\s*(?:,|and\b|&|[-–—])", window[pos:]):
            break
    return out


def english_targets(
    t: Trigger,
    sentence: Sentence,
    mentions: list[ActorMention],
    state: str | None,
    reach: int,
    taken: list[tuple[int, int]],
    listed: bool = False,
) -> tuple[list[ActorMention], set[str]]:
    """The firms an English sanction lists that the index does not know, and the known parents whose units are
    listed instead. Inside "added … to the Entity List" (or after a descriptor: "U.S. drone maker Skydio") the
    syntax vouches for every capitalised item, as it does after "The companies are" (`listed`); elsewhere an item
    needs a firm word (Corp, Institute, Systems)."""
    from tracker.extract.names import slug_for

    text, base = sentence.text, sentence.span.start
    found: list[ActorMention] = []
    parents: set[str] = set()
    local = t.span.end - base
    window = text[local : local + reach * 3]
    inner = _ADDED.match(t.text) or _NAMED.match(t.text)
    if inner:
        # "added A Co, B Corp and C Institute to its Entity List": the list is inside the trigger's words.
        local = t.span.start - base + inner.start("list")
        window = text[local : t.span.start - base + inner.end("list")]
    stop = LIST_END.search(window)
    if stop:
        window = window[: stop.start()]
    lead = re.match(r"\s*(?:on|against|to|targeting|include|including)?\s*", window)
    offset = lead.end() if lead else 0
    vouched = bool(inner) or listed
    described = _DESCRIPTOR.match(window.lower(), offset)
    if described and described.end() > offset:
        offset, vouched = described.end(), True
    including = _INCLUDING.match(window[offset:])
    if including and inner:
        offset += including.end()
    for known in mentions:
        s = known.span.start - base
        if known.kind == "organization" and local <= s and _UNITS_OF.search(text, max(0, s - 30), s):
            parents.add(known.slug)
            after = re.match(r"\s*(?:[-–—:(]|,\s*(?:namely|including))\s*", text[known.span.end - base :])
            if after:
                offset = known.span.end - base + after.end() - local
    if vouched:
        # "including chipmaker SMIC and drone maker DJI": each item's descriptor, blanked (offsets kept)
        window = _ITEM_DESCRIPTOR.sub(lambda m: " " * len(m.group()), window)
    for s, e in _items_en(window[offset:], vouched):
        s, e = local + offset + s, local + offset + e
        name = _ITEM_TAIL.sub("", text[s:e].strip().rstrip(".,"))
        e = s + len(name)
        own = _OWNER.match(name)  # "China's Academy of …": the owner's name is no part of the firm's
        if own and len(own.group()) < len(name):
            s, name = s + own.end(), name[own.end() :]
        for part in _around_known(text, s, e, taken):
            s, e = part
            name = text[s:e]
            if not (vouched or _firm_en(name)) or (_NOT_A_TARGET.search(name) and not _firm_en(name)):
                continue
            if any(a <= s and e <= b for a, b in taken):
                continue
            bare = _SUFFIX.sub("", name)
            if any(a == s and b == s + len(bare) for a, b in taken):
                continue  # "Lockheed Martin Corp": the known Lockheed Martin, named with its company word
            # "Huawei Technologies Co Ltd", "… Co., Ltd.": a doubled legal form keeps its first word only
            plain = bare if _SUFFIX.search(bare) else name
            found.append(
                ActorMention(
                    slug_for(name), "organization", state, Span(base + s, base + e), name, None, True, {"en": plain}
                )
            )
    after = _MEMBERS_AFTER.match(text, t.span.end - base) if inner else None
    if after:
        head = replace(t, span=Span(t.span.end, base + after.end()), text=after.group())
        more, _ = english_targets(head, sentence, mentions, state, reach, taken, listed=True)
        found += more
    return found, parents


_JOINT = re.compile(r"^[\s,]*(?:(?:and|&)\s+)?(?:the\s+)?|[\s,]*(?:(?:and|&)\s*)?$")


def _around_known(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An item's parts outside the known names it holds ("Lockheed Martin and Orion Dynamics": Orion Dynamics),
    the item itself when it holds none; a known name inside is a list's item of its own, not part of a name."""
    # (a known name after "of"/"on" is the name's remit: "Commission on China", "Bank of China")
    inside = sorted((a, b) for a, b in taken if s <= a and b <= e and (a, b) != (s, e)
                    and not re.search(r"\s(?:of|on)\s$", text[max(s, a - 4) : a]))  # fmt: skip
    if not inside or not any(" and " in text[max(s, a - 5) : b + 5] or "," in text[max(s, a - 2) : b + 2]
                             for a, b in inside):  # fmt: skip
        return [(s, e)]  # ("Lockheed Martin Missiles and Fire Control": a known parent inside a unit's name)
    out, pos = [], s
    for a, b in [*inside, (e, e)]:
        piece = text[pos:a]
        lead = len(piece) - len(piece.lstrip(" ,")) if piece else 0
        piece = _JOINT.sub("", piece)
        if piece:
            start = text.index(piece, pos + lead)
            out.append((start, start + len(piece)))
        pos = max(pos, b)
    return out
