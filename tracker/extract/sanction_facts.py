"""Sanctions and countermeasures a trigger makes: who imposes them on whom, from the sentence's lists.

Pure; the part of tracker.extract.pipeline that reads a sanction's scene (tracker.extract.facts.Scene).
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.extract.facts import NEAR, OTHER_SIDE, REASON_ZH, Built, Scene, first_actor
from tracker.extract.lexicon import Trigger
from tracker.extract.model import DYAD, ActorMention, Span
from tracker.extract.names import fold
from tracker.extract.targets import (
    BACK_REFERENCE_ZH,
    HEAD_OF,
    LIST_END,
    items_after_zh,
    list_start_zh,
    list_targets,
    named_targets,
    reason_items_zh,
    titled_after_zh,
    within,
)

__all__ = ["MEASURE_WORD", "announced_by", "sanctions", "topic_of_remarks"]

# A measure against parties the index may not know ("placed DJI on an investment blacklist", a designation under an
# executive order or the Magnitsky Act, a denial order 拒绝令): the pipeline reads such a report whoever it names.
MEASURE_WORD = re.compile(
    r"sanction|blacklist|entity list|export control list|executive order|magnitsky|制裁|清单|清單|管控名单|管控名單|反制"
    r"|拒绝令|拒絕令"
)
_CLAUSE_ZH = re.compile(r"[，,]")
_REASON_EN = re.compile(r"\b(?:for|over|because|citing|accusing)\b")  # "… on Friday for hosting Tsai": the reason
# The list names its keeper: China's unreliable entity list and export control list, the U.S. Entity and SDN lists.
_LIST_OF = re.compile(r"(unreliable entity list|不可靠实体清单|出口管制管控名单)|(?:entity|sdn) list|实体清单", re.I)
_GOES_ON_ZH = re.compile(r"\s*(?:对|以|因|为|并|将)")
_MECHANISM = re.compile(r"工作机制|工作機制|办公室|辦公室")
_INCLUDING_ZH = re.compile(r"[，,]\s*(?:其中)?(?:包括|分别是|分别为)")
_FIRM_ZH = re.compile(r"(?:公司|集团|集團|研究所|研究院|大学|大學|实验室|實驗室|中心|基金会|基金會)$")
_COUNTED_ZH = re.compile(r"[0-9０-９一二三四五六七八九十百几两]+(?:家|个|名|所)")
_CONTINUED_ZH = re.compile(r"(?:包括|有)$")
# Organs that impose measures: the U.S. departments, China's ministries (searched in folded, lower-case text).
_ORGAN_EN = re.compile(
    r"(?P<us>(?:treasury|commerce|state) department|department of (?:the treasury|commerce|state)|\bofac\b"
    r"|bureau of industry and security)|(?P<cn>(?:chinese |china['’]s )?(?:commerce|foreign) ministry|\bmofcom\b)"
)
_ORGAN_ZH = re.compile(
    r"(?P<us>美国(?:财政部|商务部|国务院))|(?P<cn>(?<!美国)(?<!美)(?:商务部|外交部))"
)  # only the two states of the dyad impose what this tracker records


def sanctions(kind: str, t: Trigger, scene: Scene) -> list[Built]:
    reach = NEAR[scene.language]
    text, base = fold(scene.sentence.text), scene.sentence.span.start  # 對 as 对: same offsets
    if _MECHANISM.match(text, t.span.end - base):
        return []  # 不可靠实体清单工作机制 names the body that announces, not a listing
    parties = [m for m in scene.mentions if m.kind != "state"]
    # A list of targets runs on while each name follows the last closely ("Pompeo … and 27 others, including
    # Robert O'Brien, John Bolton …").
    after: list[ActorMention] = []
    edge = t.span.end
    for m in sorted((m for m in parties if m.span.start >= t.span.end), key=lambda m: m.span.start):
        gap = text[edge - base : m.span.start - base]
        if (
            len(gap) > reach * 3 // 2 or LIST_END.search(gap) or _REASON_EN.search(gap)
            or (scene.language == "zh" and _CLAUSE_ZH.search(gap))
        ):  # fmt: skip
            break  # a Chinese object follows its verb in the clause (制裁李尚福); a list stands before it
        after.append(m)
        edge = m.span.end
    before = [m for m in parties if t.span.start - reach <= m.span.end <= t.span.start]
    if (t.passive or t.background) and before and _post(before[-1], text, base):
        # 他担任装备发展部部长时…遭美国制裁: a body named as someone's post is not who undergoes the sanction; its
        # holder, the person the sentence is about, is
        people = [m for m in parties if m.kind == "person" and m.span.end <= t.span.start]
        before = people[:1]
    targets = after if after and not (t.passive or t.background) else _coordinated(before, text, base) or after
    if scene.language == "zh" and not after and not (t.passive or t.background):
        targets = []  # an active Chinese sanction names its targets after 对 or after the verb, never before
    opening = max(text.rfind(c, 0, t.span.start - base) for c in "，,。；;") + 1
    while scene.language == "zh" and opening > 1 and _GOES_ON_ZH.match(text, opening):
        opening = max(text.rfind(c, 0, opening - 1) for c in "，,。；;") + 1  # 针对美方…，对…实施制裁: one clause
    if scene.language == "zh" and REASON_ZH.match(text, opening):
        return []  # 针对美方…实施制裁，中方决定…: the other side's sanction is the reason given, not news
    imposer, official = _imposer(t, scene, text, base)
    if official is not None and not any(m.span.start >= t.span.end for m in targets):
        targets = [m for m in targets if m.slug != official.slug]
    elif official is not None:
        imposer = None
    continued = _CONTINUED_ZH.search(t.text) is not None
    if continued:
        # 被列入清单的包括 A、B 和 C: the list of the announcement the report has just told, by its announcer.
        imposer = imposer or scene.carried
        targets = items_after_zh(t, scene.sentence, scene.mentions, OTHER_SIDE.get(imposer or ""))
    listing = _LIST_OF.search(fold(t.text))
    if listing:
        # Only the U.S. keeps the Entity List and the SDN list; only China the unreliable entity list.
        imposer = "CHN" if listing.group(1) else "USA"
    if any(m.kind == "organization" and HEAD_OF.match(text, m.span.end - base) for m in targets):
        # "Raytheon Technologies chief executive Greg Hayes": the firm names the person it is sanctioned as head of.
        targets = []
    # Only China keeps an unreliable entity list and speaks of 反制.
    china_only = kind == "countermeasure" or "不可靠" in t.text or "不可靠" in text[: t.span.start - base][-20:]
    by_default = imposer or ("CHN" if china_only else None)
    if by_default and not (t.passive or t.background or continued):
        listed, parents = list_targets(
            t, scene.sentence, scene.mentions, OTHER_SIDE.get(by_default), scene.language, reach
        )
        if scene.language == "zh":
            # A Chinese list stands before its verb (对 A、B、C 实施制裁): every name in it is a target.
            start = list_start_zh(text, t.span.start - base)
            inside = [m for m in parties if start is not None and base + start < m.span.start < t.span.start]
            if inside or listed:
                targets = _merge_spans(inside, listed)
            if start is not None and BACK_REFERENCE_ZH.match(text, start + 1):
                # 针对美国A和B…，中方决定对两机构…采取反制措施: the bodies the reason named
                named = reason_items_zh(scene.sentence, start, OTHER_SIDE.get(by_default)) or [
                    m for m in parties if m.kind == "organization" and m.span.end <= base + start
                ]  # 鉴于A公司…，决定对该公司…: the firms the sentence named before
                if named:
                    targets = _merge_spans(named, [m for m in targets if m.kind == "person"])
                # (else 该公司 stands for a firm an earlier sentence named: tracker.extract.coref)
        else:
            if within(t):
                # "added A and its units to a blacklist, accusing them of supporting the PLA": the list is
                # inside the trigger's words, what follows them is no target; every party named inside is one.
                inside = [m for m in parties if t.span.start <= m.span.start and m.span.end <= t.span.end]
                targets = _merge_spans([m for m in targets if m.span.end <= t.span.end], inside)
            targets = _merge_spans([m for m in targets if m.slug not in parents], [], listed)
    also = _INCLUDING_ZH.match(text, t.span.end - base) if scene.language == "zh" and not continued else None
    if also and not (t.passive or t.background):
        # 将13家美国军工企业列入不可靠实体清单，包括A、B和C: the named members of the counted group
        imposer = imposer or ("CHN" if "不可靠" in t.text else None)
        head = replace(t, span=Span(base + also.start(), base + also.end()))
        named = [
            m
            for m in items_after_zh(head, scene.sentence, scene.mentions, OTHER_SIDE.get(imposer or ""))
            if not m.new or _FIRM_ZH.search(m.name)
        ]  # (包括取消…通话: measures listed, not targets)
        if named:
            targets = [m for m in targets if not _COUNTED_ZH.match(m.name)] + named
    if scene.language == "en" and imposer and not (t.passive or t.background or within(t)):
        # "Senators Marco Rubio and Ted Cruz, Representative Chris Smith": names the index lacks, beside known ones
        more = named_targets(t, scene.sentence, scene.mentions, OTHER_SIDE.get(imposer), NEAR["en"])
        targets = _merge_spans(targets, more) if targets else more
    elif (
        scene.language == "zh" and imposer and not (t.passive or t.background or continued)
        and list_start_zh(text, t.span.start - base) is None
    ):  # fmt: skip
        # 宣布制裁香港特区行政长官林郑月娥等11名官员: titled people right after the verb, with no 对-list before it
        more = titled_after_zh(t, scene.sentence, scene.mentions, OTHER_SIDE.get(imposer))
        targets = _merge_spans(targets, more) if targets else more
    if not targets:
        return []
    lifted = kind == "sanction-lifted"
    out: list[Built] = []
    for target in targets:
        by = imposer or ("CHN" if kind == "countermeasure" else OTHER_SIDE.get(target.state or ""))
        if by is None or by == target.state or target.state not in (None, OTHER_SIDE.get(by)):
            continue  # a sanction of this dyad falls on the other side (not on Russia's arms exporter, the seller)
        fact = {"kind": "sanction-lifted" if lifted else "sanction-imposed", "target": target.slug, "imposed_by": by}
        out.append((fact, [target], "sanction"))
    return out


_AND = re.compile(r"\s*(?:,|、|和|及|与|\band\b|&)\s*(?:(?:both|also)\s+)?", re.I)


def _coordinated(before: list[ActorMention], text: str, base: int) -> list[ActorMention]:
    """The last party before a passive verb with those joined to it ("Wei and Li were sanctioned", 魏凤和、李尚福…遭
    制裁): each undergoes it."""
    chain = before[-1:]
    for m in reversed(before[:-1]):
        if not _AND.fullmatch(text, m.span.end - base, chain[0].span.start - base):
            break
        chain.insert(0, m)
    return chain


# A title after a body's name: the body is a post ("装备发展部部长", "Raytheon chief executive").
_POST_ZH = re.compile(r"(?:的)?副?(?:部长|主任|司令员?|局长|负责人|主席|院长|所长|董事长|总裁|总经理|首长)")


def _post(m: ActorMention, text: str, base: int) -> bool:
    """Whether an organisation is named as the post of a person (its title right after it)."""
    return m.kind == "organization" and bool(
        _POST_ZH.match(text, m.span.end - base) or HEAD_OF.match(text, m.span.end - base)
    )


def announced_by(t: Trigger, scene: Scene) -> str | None:
    """Who announces the sanction of a trigger (a later sentence's list may be the same announcement's)."""
    text, base = fold(scene.sentence.text), scene.sentence.span.start
    listing = _LIST_OF.search(fold(t.text))
    if listing:
        return "CHN" if listing.group(1) else "USA"
    return _imposer(t, scene, text, base)[0]


def _imposer(t: Trigger, scene: Scene, text: str, base: int) -> tuple[str | None, ActorMention | None]:
    """The state that imposes, and the official who announces for it when the subject is one."""
    subject = first_actor(scene)
    if scene.language == "zh":
        # 针对美方…，中方决定对…实施制裁: the state just before the list decides, not the one in the reason.
        start = list_start_zh(text, t.span.start - base)
        end = t.span.start - base if start is None else start
        # Back clause by clause from the list: the nearest state named outside a reason clause (针对美方…).
        own: list[ActorMention] = []
        while end > 0 and not own:
            clause = max(text.rfind(c, 0, end) for c in "，,。；;") + 1
            if not REASON_ZH.match(text, clause):
                own = [
                    m for m in scene.mentions
                    if m.slug in DYAD and base + clause <= m.span.start < base + end
                ]  # fmt: skip  # 以参与对台湾军售为由: a place in the reason, not the imposer
            end = clause - 1
        if not own and start is not None:
            # 外交部宣布对美国A公司采取反制措施: a state inside the list of targets imposes nothing
            subject = next((m for m in scene.mentions if m.span.start < base + start), None)
        subject = own[-1] if own else subject
    if subject is not None and subject.kind == "state" and subject.slug not in DYAD:
        subject = None  # a third state the sentence names (over Taiwan) imposes nothing here
    if t.passive:
        return None, None
    if subject is None or subject.span.start >= t.span.start:
        # "The Treasury Department placed DJI …", 商务部宣布将…列入: the organ that announces is its state's
        organ = _ORGAN_EN.search(text, 0, t.span.start - base) if scene.language == "en" else _ORGAN_ZH.search(
            text, 0, t.span.start - base)  # fmt: skip
        if organ is not None:
            return ("USA" if organ.lastgroup == "us" else "CHN"), None
    if subject is None:
        return None, None
    if subject.kind == "state":
        return subject.slug, None
    if subject.office and subject.state and not t.background and subject.span.end <= t.span.start:
        # "Foreign ministry spokeswoman Hua Chunying named …": an official announces for their state.
        return subject.state, subject
    return None, None


def _merge_spans(*groups: list[ActorMention]) -> list[ActorMention]:
    """Mentions of several lists, once each, in text order (a known name inside a listed name gives way)."""
    out: list[ActorMention] = []
    for m in sorted((m for g in groups for m in g), key=lambda m: (m.span.start, -(m.span.end - m.span.start))):
        if any(o.slug == m.slug or (o.span.start <= m.span.start and m.span.end <= o.span.end) for o in out):
            continue
        out = [o for o in out if not (m.span.start <= o.span.start and o.span.end <= m.span.end)]
        out.append(m)
    return out


# 就美方对…实施制裁发表谈话, 就…制裁一事答记者问: a sanction named as the topic of what a spokesman says
_TOPIC_OPENS_ZH = re.compile(r"就[^，。；,;]{0,40}$")
_TOPIC_CLOSES_ZH = re.compile(
    r"[^，。；,;]{0,12}?(?:发表谈话|發表談話|答记者问|答記者問|一事|问题|問題|提出严正交涉|提出嚴正交涉)"
)


def topic_of_remarks(t: Trigger, scene: Scene) -> bool:
    """Whether a Chinese sanction word is only the topic of a remark (就…实施制裁发表谈话): the remark is the act."""
    if scene.language != "zh":
        return False
    text, base = scene.sentence.text, scene.sentence.span.start
    return bool(
        _TOPIC_OPENS_ZH.search(text, 0, t.span.start - base) and _TOPIC_CLOSES_ZH.match(text, t.span.end - base)
    )
