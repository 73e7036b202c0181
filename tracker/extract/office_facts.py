"""Office changes: who took or left which office, from the verbs wire copy uses.

Pure; the part of tracker.extract.facts that reads an office trigger's scene ("named Li … as defence minister",
任命董军为国防部长, "took over as acting secretary of defense", "replacing Wei", 免去…职务).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from tracker.extract.actors import FORMER
from tracker.extract.decisions_zh import appointment_list
from tracker.extract.facts import NEAR, Built, Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Span
from tracker.extract.names import fold
from tracker.extract.offices import OfficePhrase, find_office_phrases
from tracker.extract.roles import offices_on

__all__ = ["office_changes"]

_STILL = re.compile(r"继续|繼續|仍然|仍|留任|remains?\s+|still\s+")

_WHO = re.compile(r",\s*who\b")
_ADMINISTRATION = re.compile(r"\s*(?:政府|政權|政权|当局|當局|administration\b)", re.I)

_PASSIVE = re.compile(r"\b(?:been|was|were|is|are)\b|被|遭")


_COMMAND_OF = re.compile(r"(?:command|helm) of$|took over$|takes? over$|taking over$", re.I)
# Commands renamed: the office is one ("U.S. Pacific Command" became U.S. Indo-Pacific Command on 2018-05-30).
_RENAMED = {"U.S. Pacific Command": "U.S. Indo-Pacific Command", "Pacific Command": "U.S. Indo-Pacific Command"}

_COMMAND = re.compile(
    r"\s+(?:the\s+)?(?P<unit>(?:U\.S\.\s+)?(?:[A-Z][\w-]*\s+){0,4}(?:Command|Fleet|Forces?|Army|Navy))\b"
)

_RIGHT_AFTER = {
    "en": re.compile(r"\s*(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:acting\s+|interim\s+)?"),
    "zh": re.compile(r"[^，,。；;]{0,2}"),
}

_AS = re.compile(r"\s*(?:as\b|的|为)")
_COMMANDS_ZH = {
    "印太司令部": "Commander, U.S. Indo-Pacific Command",
    "南部战区": "Commander, Southern Theater Command",
    "东部战区": "Commander, Eastern Theater Command",
}
_COMMAND_ZH = re.compile(r"(?:了)?(?:美军|美國|美国|解放军)?(?P<unit>印太司令部|南部战区|东部战区)(?!司令)")
_HOLDING = re.compile(r"(?<!出)(?:担任|擔任)")
_DESCRIBES = re.compile(r"[^，,。；的]{1,14}的")
_AS_BEFORE = re.compile(r"\bas\s+(?:the\s+)?(?:new\s+)?(?:acting\s+|interim\s+)?$")
_AS_RIGHT = re.compile(r"\s*,?\s*as\s+(?:the\s+)?(?:new\s+)?(?:acting\s+|interim\s+)?|[，,]?(?:担任|出任)(?:新一任)?")
_THE_POST = re.compile(r"\s+(?:to|in) (?:the|that) (?:post|job|position|role)\b")

_ACTING = re.compile(r"(?:acting|interim)\s+$|代理$", re.I)

_JOINED = re.compile(r"\s*(?:,|、|和|及|and)?\s*(?:(?:the|a|an)\s+)?(?:and\s+)?", re.I)


# "Since" and 以来 make an office change a point in time; "minutes after Biden was sworn in" still tells it.
_SINCE = re.compile(r"\bsince\s+(?:[\w.'’-]+\s+){1,5}$", re.I)
_SINCE_AFTER = re.compile(r"[^，,。；]{0,24}?(?:以来|以來)")
_ANNOUNCED = re.compile(r"\b(?:would|will|to|plans? to|intends? to)\s+(?:\w+ly\s+)?$", re.I)  # "would step down"


def _announced(t: Trigger, scene: Scene) -> bool:
    local = t.span.start - scene.sentence.span.start
    return t.role == "subject" and bool(_ANNOUNCED.search(scene.sentence.text, max(0, local - 30), local))


def _time_reference(t: Trigger, scene: Scene) -> bool:
    """Whether the office verb only dates something else: "since Biden took office", 沙利文担任…以来."""
    text, base = scene.sentence.text, scene.sentence.span.start
    if scene.language == "zh":
        return bool(_SINCE_AFTER.match(text, t.span.end - base))
    return bool(_SINCE.search(text, max(0, t.span.start - base - 60), t.span.start - base))


def _held(scene: Scene, slug: str, day: date) -> set[str]:
    """The offices the gazetteer has someone holding on a day or the day before (one leaves on its last day)."""
    return set(offices_on(scene.index, slug, day)) | set(offices_on(scene.index, slug, day - timedelta(days=1)))


def _acting(folded: str, p: OfficePhrase) -> str:
    """The office's title, as acting when the text says so ("acting secretary of defense", 代理国防部长)."""
    title = p.title or ""
    if _ACTING.search(folded, max(0, p.start - 8), p.start) and not title.startswith("Acting"):
        return f"Acting {title}"
    return title


def office_changes(kind: str, t: Trigger, scene: Scene, day: date | None = None) -> list[Built]:
    """Who took or left which offices: the person the verb governs ("named Li … as defence minister",
    任命董军为国防部长, 免去李尚福的国务委员、国防部部长职务, "replacing Wei"), the offices named after it."""
    if _time_reference(t, scene) or (kind == "office-left" and _announced(t, scene)):
        return []  # "since Biden took office", 担任…以来: a point in time; "would step down": a leaving still ahead
    if kind == "office-left" and t.role == "object" and _takes_office_zh(t, scene):
        kind, t = "office-assumed", replace(t, role="subject")  # 秦刚于去年12月底接任外长: the subject takes the post
    if scene.language == "zh" and kind == "office-assumed" and (listed := appointment_list(t, scene)):
        return listed  # 决定王毅、魏凤和等为国务委员，魏凤和为国防部部长: each name to each office of its group
    base = scene.sentence.span.start
    # "the Biden administration", 拜登政府: a government, not the person taking or leaving an office
    persons = [
        m for m in scene.mentions
        if m.kind == "person" and not _ADMINISTRATION.match(scene.sentence.text, m.span.end - base)
    ]  # fmt: skip
    after = [m for m in persons if m.span.start >= t.span.start]
    before = [m for m in persons if m.span.end <= t.span.start]
    actor = after[0] if after else before[-1] if before and t.role != "object" else None
    if before and (t.role == "subject" or (t.role != "object" and not after)):
        actor = before[-1]  # "Shanahan took over as …, replacing Mattis", 谢锋…履新: the subject takes it
        if scene.language == "zh":
            # 董军接替李尚福担任国防部长: the object of 接替 is not who takes the office after it
            # 董军接替遭免职的李尚福出任国防部长: the one a 的 clause describes is an object, not the subject
            free = [
                m for m in before if not scene.sentence.text[: m.span.start - base].endswith(("的", "接替", "接任"))
            ]
            actor = free[-1] if free else actor
    if (
        before
        and t.role != "object"
        and _PASSIVE.search(
            scene.sentence.text,
            before[-1].span.end - scene.sentence.span.start,
            t.span.start - scene.sentence.span.start,
        )
    ):
        actor = before[-1]  # "Esper had been 'terminated'", 李尚福遭免职: the person before a passive verb
    if before and t.role != "object" and _WHO.search(scene.sentence.text, before[-1].span.end - scene.sentence.span.start,
                              t.span.start - scene.sentence.span.start):  # fmt: skip
        actor = before[-1]  # "Lloyd Austin, who stepped down": the person the relative clause is about
    text_after = scene.sentence.text[t.span.end - scene.sentence.span.start :]
    if scene.language == "zh" and text_after.startswith("的") and after:
        actor = after[0]  # 遭免职的李尚福: the person the clause describes comes after it
        earlier = max([o.span.end for o in scene.triggers if o.span.end <= t.span.start] or [base])
        if not any(earlier <= d.span.start < t.span.start for d in scene.dates):
            return []  # 接替遭免职的李尚福: a description without a date of its own tells no change
    described = [m for m in after if scene.sentence.text[: m.span.start - scene.sentence.span.start].endswith("的")]
    if scene.language == "zh" and t.role == "object" and described:
        actor = described[0]  # 接替已于1月20日随拜登政府卸任的奥斯汀: the one the 的 clause describes
        if any(o.kind == "office-left" and t.span.end <= o.span.start < actor.span.start for o in scene.triggers):
            return []  # 接替10月遭免职的李尚福: the description's own verb (遭免职) tells the departure, on its date
    if (
        scene.language == "zh" and t.role == "subject" and described
        and _DESCRIBES.match(scene.sentence.text, t.span.end - base) and described[0].span.start - t.span.end <= 16
    ):  # fmt: skip
        actor = described[0]  # 接替去年底出任外交部长的秦刚: who took that office is the one the 的 clause describes
    successor = _successor(t, persons, actor, before, after)
    told_left = False
    if t.role == "object" and t.passive and before and after:
        actor = before[-1]  # "Li … was succeeded by Dong Jun": the subject left
        if kind == "office-left" and any(
            o.kind == "office-left" and o.span.end <= t.span.start and o is not t
            and not re.search("[;；]", scene.sentence.text[o.span.end - base : t.span.start - base])
            for o in scene.triggers
        ):  # fmt: skip
            if any(d.span.start >= t.span.end for d in scene.dates):
                return []  # "Li was removed in October … and was succeeded by Dong in December": told by "removed"
            # "Milley retired on Friday … and was succeeded by Brown": the departure is told by "retired"; this
            # verb tells only who took the office, on the same day
            told_left = True
    if scene.language == "zh" and re.match(r"[^，,。；]{0,12}前[，,]", text_after):
        return []  # 担任国防部长前: "before becoming …" dates something else
    if actor is None and scene.language == "zh":
        actor = _named_in_decision(t, scene)
    if actor is not None and actor.state is None and actor.new:
        actor = _state_from_office(actor, scene)  # "fired Adm. Karen Whitlow as chief of naval operations"
    if actor is None or actor.state is None:
        return []
    if kind == "office-assumed" and _STILL.search(
        scene.sentence.text, max(0, t.span.start - base - 4), t.span.start - base
    ):
        return []  # 继续担任, "remains": holding an office is not taking it up
    folded = fold(scene.sentence.text)
    # An office named without its country ("as defence minister") is the office in the actor's state.
    # 艾斯培…就任国防部长 in a Chinese report: an unqualified office is the actor's state's, not China's.
    phrases = sorted(
        (
            replace(p, state=actor.state) if p.state is None or (not p.qualified and p.state != actor.state) else p
            for p in find_office_phrases(folded, scene.language)
        ),
        key=lambda p: p.start,
    )
    # "a former commander of …", 原太平洋舰队司令: a post held before, not the one taken or left now
    phrases = [p for p in phrases if p.title and not FORMER.search(folded, max(0, p.start - 12), p.start)]
    command = _COMMAND.match(scene.sentence.text, t.span.end - base) if _COMMAND_OF.search(t.text) else None
    command_zh = _COMMAND_ZH.match(folded, t.span.end - base) if scene.language == "zh" else None
    if t.role == "object":
        # "… as defence minister, replacing Wei", 任命董军为国防部长，接替李尚福: the office the subject took.
        subject = persons[0] if persons and persons[0] is not actor else None
        first = subject.span.end - base if subject else 0
        # (not for "Wei was replaced as defence minister by Li": the passive's office is the one after "as")
        offices = [p.title for p in phrases if first <= p.start < t.span.start - base and p.title and not t.passive]
        # 决定魏凤和为国务委员，任命魏凤和为国防部部长，接替常万全: in Chinese the clause right before 接替 names it
        offices = offices[-1:] if scene.language == "zh" else offices[:1]
        if not offices and described and actor is described[0]:
            # 接替自2018年起担任国防部长的魏凤和: the office the 的 clause has the replaced one holding (not one
            # taken since: 接替去年底出任外交部长的秦刚 left another post)
            offices = [
                p.title for p in phrases
                if t.span.end - base <= p.start < actor.span.start - base and p.title
                and _HOLDING.search(scene.sentence.text, t.span.end - base, p.start)
            ][:1]  # fmt: skip
        if not offices:
            # "Liu replaced Li as chief of the Joint Staff Department": the office named "as" after the object
            end = t.span.end - base
            gaps: tuple[int, ...] = (
                actor.span.end - base,
                end,
            )  # "replaced Li as chief …", "was succeeded as secretary of state by"
            if t.passive and successor is not None and successor.span.start >= end:
                gaps += (successor.span.end - base,)  # "Li was succeeded by Dong as defence minister"
            offices = [_acting(folded, p) for p in phrases if p.start >= end
                       and any(g <= p.start and _AS_RIGHT.fullmatch(folded, g, p.start) for g in gaps)][:1]  # fmt: skip
        if not offices and subject is not None and subject.office:
            offices = [subject.office]  # 新任驻美大使谢锋…接替秦刚: the title the subject was named with
        if not offices and day is not None:
            held = sorted(_held(scene, actor.slug, day))
            offices = held if len(held) == 1 else []
    elif command_zh is not None and kind == "office-assumed":
        offices = [_COMMANDS_ZH[command_zh.group("unit")]]  # 接掌印太司令部: the command taken over is the office
    elif command is not None:
        # "assumed command of U.S. Indo-Pacific Command": the command named is the office.
        unit = command.group("unit")
        offices = [f"Commander, {_RENAMED.get(unit, unit)}"]
    elif t.role == "subject":
        # "Shanahan took over as acting secretary of defense", 谢锋…抵美履新: the office right after the verb,
        # else the title the person was named with, else the one the gazetteer has them holding.
        end = t.span.end - base
        right = [p for p in phrases if p.start >= end and _RIGHT_AFTER[scene.language].fullmatch(folded[end : p.start])]
        offices = [_acting(folded, p) for p in right[:1]] or ([actor.office] if actor.office else [])
        if not offices:
            # "took over from Miller as defense secretary", 鲁比奥宣誓就任 (after 布林肯卸任国务卿): the office
            # named "as" later in the clause, else the one office of the actor's state the sentence names
            later = [p for p in phrases if p.start >= end and _AS_BEFORE.search(folded, max(0, p.start - 12), p.start)]
            same = list(dict.fromkeys(p.title for p in phrases if p.state == actor.state and p.title))
            offices = [_acting(folded, p) for p in later[:1]] or (
                same if len(same) == 1 and kind == "office-assumed" else []
            )
        if not offices and kind == "office-left" and day is not None:
            held = sorted(_held(scene, actor.slug, day))
            offices = held if len(held) == 1 else []
    elif (
        kind == "office-left" and actor.office and not _AS.match(scene.sentence.text, actor.span.end - base)
        and not t.text.endswith(" as")  # "stripped Qin Gang of his post as state councillor": the post after "as"
    ):  # fmt: skip
        # "Defense Secretary Mark Esper had been terminated and … Miller … acting secretary": the title the
        # person was named with, not an office named later for someone else.
        offices = [actor.office]
    else:
        # The offices named after the person ("named Li … as defence minister", 免去李尚福的…国防部部长职务).
        start = max(actor.span.end - base, t.span.start - base)
        near = [p for p in phrases if start <= p.start <= start + 2 * NEAR[scene.language] and p.title]
        # A second office only joined to the first (国务委员、国防部长, "… and defence minister"), not
        # the title of someone named later in the sentence ("… when Vice President JD Vance …").
        joined = near[:1]
        for q in near[1:]:
            if not _JOINED.fullmatch(folded[joined[-1].end : q.start]):
                break
            joined.append(q)
        near = joined
        named_as = [p for p in phrases if p.start > start and _AS_BEFORE.search(folded, max(0, p.start - 12), p.start)]
        # "named Qin Gang, its ambassador to Washington, as foreign minister": the office after "as", not the apposition
        if near and named_as and near[0] is not named_as[0] and folded[start : near[0].start].strip().startswith(","):
            near = named_as[:1]
        offices = [_acting(folded, p) for p in near if p.title]
    if not offices and _THE_POST.match(scene.sentence.text, actor.span.end - base):
        # "removed Qin as foreign minister and reappointed Wang Yi to the post": the office named before
        offices = [_acting(folded, p) for p in phrases if p.end <= t.span.start - base][-1:]
    if not offices and kind == "office-left" and day is not None:
        # "X stepped down", "replacing X": the office the gazetteer has X holding that day, when it is one, or
        # the one of them the sentence or the report's earlier office changes name (任命董军为国防部长，接替…的李尚福:
        # Li also sat on the State Council).
        held = sorted(_held(scene, actor.slug, day))
        named = [h for h in held if h in {p.title for p in phrases}]
        told = [h for h in held if h in scene.told_offices]
        offices = held if len(held) == 1 else named if len(named) == 1 else told if len(told) == 1 else []
    if not offices and actor.office:
        offices = [actor.office]
    if not offices:
        return []
    if (
        kind == "office-assumed" and day is not None and not actor.new
        and scene.index.key_of(actor.name) not in scene.index.keys
        and not set(offices) & offices_on(scene.index, actor.slug, day + timedelta(days=7))
    ):  # fmt: skip
        return []  # "印太司令自2021年4月起担任…": the office's holder today is not who took it then
    limit = 1 if t.role == "object" else 2  # named to (or removed from) two offices at once, at most
    out: list[Built] = [
        ({"kind": kind, "actor": actor.slug, "office": office, "state": actor.state}, [actor], "office")
        for office in list(dict.fromkeys(offices))[:limit]
    ]
    others = any(o.kind == "office-assumed" for o in scene.triggers)
    if (
        successor is not None
        and successor.state == actor.state
        and kind == "office-left"
        and not others
        and _dated_in_own_clause(t, scene)
    ):
        # "Davidson succeeds Harris": the successor takes the office the other leaves. Only where the sentence
        # tells no other appointment and no date outside the verb's own clause: a date there is the predecessor's
        # ("who stepped down on Monday", 接替今年6月卸任的崔天凯), not the successor's start; "Brown succeeded
        # Milley as chairman on Friday" dates both.
        out += [({**fact, "kind": "office-assumed", "actor": successor.slug}, [successor], "succession")
                for fact, _, _ in out]  # fmt: skip
    if told_left:
        return [built for built in out if built[0]["kind"] == "office-assumed"]
    return out


_CLAUSE_MARK = re.compile(r"[,，;；]|\b(?:who|which|after|before|when)\b|的")


def _dated_in_own_clause(t: Trigger, scene: Scene) -> bool:
    """Whether every date of the sentence lies in the clause of the verb of succession (none, or "succeeded
    Milley as chairman on Friday"), not in a clause describing someone else's departure."""
    text, base = scene.sentence.text, scene.sentence.span.start
    for d in scene.dates:
        lo, hi = sorted((d.span.start - base, t.span.start - base))
        if d.span.start < t.span.start:
            hi = t.span.start - base
        else:
            lo = t.span.end - base
        if _CLAUSE_MARK.search(text, lo, hi):
            return False
    return True


def _state_from_office(actor: ActorMention, scene: Scene) -> ActorMention:
    """A new person of no known state (a name after a rank) takes the state of the office named "as" right after
    them, when the lexicon implies one."""
    base = scene.sentence.span.start
    folded = fold(scene.sentence.text)
    for p in find_office_phrases(folded, scene.language):
        if p.state and p.title and _AS_RIGHT.fullmatch(folded, actor.span.end - base, p.start):
            return replace(actor, state=p.state)
    return actor


_OFFICE_NEXT_ZH = re.compile(r"(?:了|为|為)?(?:新一任|新任)?")


def _takes_office_zh(t: Trigger, scene: Scene) -> bool:
    """Whether a Chinese verb of succession has an office for its object (接任外长: the subject takes it), not a
    person (接任常万全: the one replaced leaves)."""
    if scene.language != "zh" or not t.text.startswith(("接任", "接替")):
        return False
    base = scene.sentence.span.start
    folded = fold(scene.sentence.text)
    gap = _OFFICE_NEXT_ZH.match(folded, t.span.end - base)
    at = gap.end() if gap else t.span.end - base
    ends = {p.end for p in find_office_phrases(folded, "zh") if p.start == at}
    # (外长 alone is also a mention of its holder that day: a title, not a name)
    return bool(ends) and not any(
        m.kind == "person" and m.span.start == base + at and m.span.end - base not in ends for m in scene.mentions
    )


_DECISION_ZH = re.compile(r"(?:免去|任命|罢免|罷免|撤销|撤銷|解除)了?")


def _named_in_decision(t: Trigger, scene: Scene) -> ActorMention | None:
    """A Chinese official new to the gazetteer, named right after 免去 or 任命 (免去苗华的…职务): a surname-led
    name before 的, 为 or 同志, as a new person of China."""
    from tracker.extract.names import han_name_after, slug_for, to_simplified

    text, base = scene.sentence.text, scene.sentence.span.start
    lead = _DECISION_ZH.match(text, t.span.start - base)
    if lead is None:
        return None
    found = han_name_after(text, lead.end(), foreign=False)
    if found is None or not re.match(r"的|为|為|同志", text[found[1] :]):
        return None
    name = text[found[0] : found[1]]
    span = Span(base + found[0], base + found[1])
    return ActorMention(slug_for(name), "person", "CHN", span, name, None, True, {"zh": to_simplified(name)})


def _successor(
    t: Trigger,
    persons: list[ActorMention],
    actor: ActorMention | None,
    before: list[ActorMention],
    after: list[ActorMention],
) -> ActorMention | None:
    """Who succeeds, for a verb of succession ("succeeds", "replacing", 接替): its subject, or the agent of
    the passive ("was succeeded by Dong Jun")."""
    if t.role != "object":
        return None
    if t.passive:
        return after[0] if before and after else None
    subject = persons[0] if persons else None
    if subject is None or subject is actor or subject not in before:
        return None
    return subject
