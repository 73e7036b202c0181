"""The parts of a candidate fact besides its parties: its date, status, place and confidence.

Pure; helpers of tracker.extract.pipeline's `_candidates`, reading one sentence's scene.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from tracker.extract.facts import INTERACTIONS, NEAR, Built, Scene
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, DateMention, Report
from tracker.extract.protest_dates import reproach_day
from tracker.extract.weekday_ahead import ahead_if_expected

__all__ = [
    "COMPARISON",
    "compared",
    "confidence",
    "date_of",
    "iso",
    "per_channel",
    "period_end",
    "place_near",
    "status_of",
]

# "The first visit since 2014", 2019年以来首次: a date that only compares.
_SUBORDINATE = re.compile(r"\b(?:before|until)\b")
_RELATIVE = re.compile(r",\s*(?:who|whom|which|where)\b[^,;]*,")
_SAID_ON = re.compile(r"\b(?:said|says|told (?:reporters|\w+)|announced|added)\s+(?:on\s+)?$")
_SINCE_ZH = re.compile(r"(?:自|从|從)$")
_RELATIVE_EN = re.compile(r"[^,;]{0,60}?,\s+(?:who|whose)\b")
COMPARISON = re.compile(r"^(?:since|自)|(?:以来|以來)$", re.IGNORECASE)
# "White House national security adviser", "Pentagon press secretary": the place names an office, not a venue
_TITLE_AFTER = re.compile(
    r"\s+(?:national security|press secretary|spokes|official|officials|adviser|advisor|chief|aide|envoy|counsel)", re.I
)
_TELLS = re.compile(r"\s*(?:said|says|announced|told|表示|说|說|称|稱|宣布)")


def _clause_opening(scene: Scene, t: Trigger) -> int:
    """The absolute offset where the trigger's clause opens (after the last comma or semicolon before it)."""
    text, base = scene.sentence.text, scene.sentence.span.start
    return base + max(text.rfind(c, 0, t.span.start - base) for c in "，,；;：:") + 1


# 推迟原定2月5日至6日的北京之行, "postponed the trip scheduled for Feb. 5-6": the planned days, just after the word
_PLANNED = re.compile(
    r"(?:(?:原定|原訂|原计划|原計劃|原先预定)[于於]?|\b(?:originally |had been |was |were )?(?:planned|scheduled|set) for"
    r"|\b(?:due|set|scheduled|planned) to (?:open|begin|start|be held|take place)(?: in [A-Z][\w-]+)?)\s*(?:on\s+)?$",
    re.I,
)


def calls_off_channel(triggers: tuple[Trigger, ...]) -> bool:
    """Whether a word of the sentence calls off a whole channel (取消, "cancelled"): a postponed round (推迟,
    "put off") is its own cancelled encounter, not the channel's suspension."""
    return any(o.kind == "channel-suspended" for o in triggers)


def _planned_days(t: Trigger, scene: Scene) -> DateMention | None:
    """A called-off encounter's planned date: what the cancelled or postponed contact is dated on (convention)."""
    if t.status != "cancelled" or t.kind not in ("meeting", "call", "talks"):
        return None
    base = scene.sentence.span.start
    for d in scene.dates:
        if _PLANNED.search(scene.sentence.text, max(0, d.span.start - base - 30), d.span.start - base):
            return d
    return None


def date_of(t: Trigger, scene: Scene, report: Report, last: DateMention | None) -> tuple[DateMention, bool]:
    """`_date_of`, with a bare weekday of an event told as still to come taken as the coming one."""
    when, dated = reproach_day(t, scene, report, last) or _date_of(t, scene, report, last)
    return ahead_if_expected(when, t.status, report.published_at.date()), dated


def _date_of(t: Trigger, scene: Scene, report: Report, last: DateMention | None) -> tuple[DateMention, bool]:
    """The date nearest the trigger in its sentence (for an announcement, the sentence's first date: "China
    said on Friday it was cancelling …"), else the report's last date, else its publication day."""
    if t.kind == "channel-stalled" and not any(d.precision == "day" for d in scene.dates):
        # "Communications have stalled": an assessment of the channel as the report stands.
        return DateMention(report.published_at.date(), "day", scene.sentence.span), True
    if scene.dates:
        planned = _planned_days(t, scene)
        if planned is not None:
            return planned, True
        if (
            scene.language == "zh"
            and t.kind == "office-left"
            and scene.sentence.text.startswith("的", t.span.end - scene.sentence.span.start)
        ):
            # 接替10月遭免职的李尚福: a clause describing someone dates its own verb
            opening = _clause_opening(scene, t)
            own = [d for d in scene.dates if opening <= d.span.start and d.span.end <= t.span.start]
            if own:
                return own[-1], True
        local = t.span.end - scene.sentence.span.start
        relative = _RELATIVE_EN.match(scene.sentence.text, local) if scene.language != "zh" else None
        if (
            t.kind == "office-left" and t.role == "object" and scene.language == "zh"
            and all(_SINCE_ZH.search(scene.sentence.text, 0, d.span.start - scene.sentence.span.start)
                    for d in scene.dates if d.span.start >= t.span.end)
            and all(d.span.start >= t.span.end for d in scene.dates)
        ) or (
            # "Qin replaces Wang Yi, who had held the post since 2013 and was promoted in October": the relative
            # clause dates the one replaced, not the replacement
            t.kind == "office-left" and t.role == "object" and relative is not None
            and all(d.span.start - scene.sentence.span.start >= relative.end() for d in scene.dates)
        ):  # fmt: skip
            # 李尚福接替自2018年起担任国防部长的魏凤和: "since 2018" dates the tenure, not the replacement
            return (last, False) if last is not None else (DateMention(report.published_at.date(), "day",
                                                                         scene.sentence.span), False)  # fmt: skip
        if t.kind in ("office-assumed", "office-left") and not t.background:
            # "stepped down on Monday and was succeeded by Rubio, who was sworn in on Tuesday", 鲁比奥21日宣誓就任:
            # an office change is dated by the date of its own clause
            lo, hi = _clause_span(scene, t)
            own = [d for d in scene.dates if lo <= d.span.start and d.span.end <= hi]
            if own:
                return min(own, key=lambda d: abs(d.span.start - t.span.start)), True
            text, base = scene.sentence.text, scene.sentence.span.start
            semi = [i for i in (text.find(c, t.span.end - base) for c in "；;") if i >= 0]
            if semi and all(d.span.start >= base + min(semi) for d in scene.dates):
                # "stripped Qin of his post …; Qin was replaced … in July": July is the other clause's
                return (last, False) if last is not None else (
                    DateMention(report.published_at.date(), "day", scene.sentence.span), False)  # fmt: skip
        if t.kind in _VERDICTS and not t.background and _all_reported(scene, t):
            # 声明说，7月21日，美方…严重违反国际法: the date opens the content told, the verdict is the statement's own
            return (last, False) if last is not None else (
                DateMention(report.published_at.date(), "day", scene.sentence.span), False)  # fmt: skip
        if t.kind not in INTERACTIONS and not t.background:
            # An announcement is dated by its day: "approved earlier this month, … said on Friday" is Friday.
            pool = _own_part(scene.dates, scene, t) if scene.language == "zh" else _outside_aside(scene, t)
            return next((d for d in pool if d.precision == "day"), pool[0]), True
        # "The first visit since 2014", 2019年以来首次: a comparison, never the date of what happened now.
        # An interaction is never dated by a comparison; a background sanction is ("under sanctions since 2018").
        compares = t.background and t.kind not in INTERACTIONS
        dates = scene.dates if compares else [d for d in scene.dates if not compared(d, scene)]
        if not dates:
            # 马蒂斯是2014年以来首位访华的美国防长: only a comparison, so the visit is the one the report tells
            return (last, False) if last is not None else (
                DateMention(report.published_at.date(), "day", scene.sentence.span), False)  # fmt: skip
        if t.kind == "meeting-declined" and any(d.until is None for d in dates):
            dates = [d for d in dates if d.until is None]  # a refusal is announced on a day, not over a week
        base = scene.sentence.span.start
        aside = [(base + m.start(), base + m.end()) for m in _RELATIVE.finditer(scene.sentence.text)]
        outside = [d for d in dates if not any(s <= d.span.start < e and not s <= t.span.start < e for s, e in aside)]
        if not outside and last is not None and t.kind in INTERACTIONS:
            return last, False  # "concerns about PLA activity, where China held drills last week, …": the drills'
        dates = outside or dates  # "Austin, who served as defense secretary until January, met Dong on Friday"
        dates = [d for d in dates if not _owned(d, t, scene)] or dates
        sub = _SUBORDINATE.search(scene.sentence.text, t.span.end - base)
        if sub and any(d.span.start < base + sub.start() for d in dates):
            # "their last meeting before Trump returns to the White House in January": that clause's date
            dates = [d for d in dates if d.span.start < base + sub.start()]
        told = [
            d
            for d in dates
            if d.span.end <= t.span.start and _SAID_ON.search(scene.sentence.text, 0, d.span.start - base)
        ]
        if t.kind != "meeting-declined" and told and len(told) < len(dates):
            # "Austin said on Saturday that his meeting with Dong a day earlier …": the day of the saying
            dates = [d for d in dates if d not in told]
        if scene.language == "zh":
            dates = _own_part(dates, scene, t)
            # A Chinese time phrase stands before its verb (帕帕罗9日与吴亚男通话，恢复2022年8月中断的通话): the
            # nearest date before the trigger in its clause, else the nearest.
            opening = _clause_opening(scene, t)
            before = [d for d in dates if opening <= d.span.start and d.span.end <= t.span.start]
            if before:
                return before[-1], True
            cleft = [
                d for d in dates if _CLEFT_ZH.fullmatch(scene.sentence.text, t.span.end - base, d.span.start - base)
            ]
            if cleft:
                return cleft[0], True  # 米利上一次与李作成通话是在7月7日: the date the verb's 是在 gives is its own
            if last is not None and all(d.span.start >= t.span.end for d in dates):
                # 双方同意…落实两国元首9月10日通话精神: a date after the verb dates its object, not the verb
                return last, False
        return _narrowest(min(dates, key=lambda d: abs(d.span.start - t.span.start)), dates), True
    if last is not None:
        return last, False
    day = report.published_at.date()
    return DateMention(day, "day", scene.sentence.span), False


def _outside_aside(scene: Scene, t: Trigger) -> list[DateMention]:
    """The sentence's dates outside a relative aside that does not hold the trigger ("Li, who became minister in
    March, was sanctioned by Washington in 2018": March is the aside's), else all of them."""
    base = scene.sentence.span.start
    aside = [(base + m.start(), base + m.end()) for m in _RELATIVE.finditer(scene.sentence.text)]
    outside = [d for d in scene.dates if not any(s <= d.span.start < e and not s <= t.span.start < e for s, e in aside)]
    return outside or scene.dates


# The kinds a speaker's words make (a verdict on the other side), and the speech verb that opens what is told
_VERDICTS = ("criticism", "demand")
_TELLS_ZH = re.compile(r"(?:说|說|表示|指出|称|稱)[，,：:]\s*$")


def _all_reported(scene: Scene, t: Trigger) -> bool:
    """Whether every date of a Chinese sentence stands right after a speech verb (说，7月21日…) and before the
    trigger: a date told as part of what was said, not the day of saying."""
    if scene.language != "zh" or not scene.dates:
        return False
    text, base = scene.sentence.text, scene.sentence.span.start
    return all(d.span.end <= t.span.start and _TELLS_ZH.search(text, 0, d.span.start - base) for d in scene.dates)


def _own_part(dates: list[DateMention], scene: Scene, t: Trigger) -> list[DateMention]:
    """The dates of the semicolon-delimited part holding the trigger, when it has any (2月，A会晤在北京举行；5月，B会议召开:
    May is the second part's)."""
    text, base = scene.sentence.text, scene.sentence.span.start
    local = t.span.start - base
    start = max(text.rfind(c, 0, local) for c in "；;") + 1
    ends = [i for i in (text.find(c, local) for c in "；;") if i >= 0]
    end = min(ends) if ends else len(text)
    return [d for d in dates if start <= d.span.start - base < end] or dates


def compared(d: DateMention, scene: Scene) -> bool:
    """Whether a date only compares: "since 2014", 2019年以来, 今年1月就任以来 (a verb between the date and 以来)."""
    after = d.span.end - scene.sentence.span.start
    return bool(COMPARISON.search(d.text) or _SINCE_AFTER.match(scene.sentence.text, after))


# 通话是在7月7日, 会面则是于6月: a cleft sentence puts the verb's own date after it
_CLEFT_ZH = re.compile(r"\s*(?:则|則)?是(?:在|于|於)?\s*")
# (按照两国元首去年11月巴厘岛会晤共识: the date of the meeting whose consensus is followed, no date of the act)
_SINCE_AFTER = re.compile(
    r"[^，。；,;]{0,16}?(?:以来|以來|(?:会晤|會晤|会谈|會談|通话|通話|会见|會見)(?:达成的|達成的)?(?:重要)?共[识識])"
)


def _owned(d: DateMention, t: Trigger, scene: Scene) -> bool:
    """Whether an English date stands right after another verb of the sentence, a clause away from the trigger
    ("communications cut off last year, in four hours of talks"): that verb's time, not the trigger's."""
    if scene.language == "zh":
        return False
    base = scene.sentence.span.start
    lo, hi = sorted((d.span.end, t.span.start) if t.span.start >= d.span.end else (t.span.end, d.span.start))
    if not re.search(r"[,;]", scene.sentence.text[lo - base : hi - base]):
        return False  # "rejected a U.S. request in 2023 for a meeting": in the trigger's own clause, the date is its
    return any(
        o is not t and o.span.end <= d.span.start
        and _RIGHT_AFTER.fullmatch(scene.sentence.text, o.span.end - base, d.span.start - base)
        for o in scene.triggers
    )  # fmt: skip


_RIGHT_AFTER = re.compile(r"\s*(?:in |on )?")


def _clause_span(scene: Scene, t: Trigger) -> tuple[int, int]:
    """The absolute [start, end) of the trigger's clause (between commas, semicolons and the sentence's ends)."""
    text, base = scene.sentence.text, scene.sentence.span.start
    after = [i for i in (text.find(c, t.span.end - base) for c in "，,；;。") if i >= 0]
    return _clause_opening(scene, t), base + (min(after) if after else len(text))


def _narrowest(chosen: DateMention, dates: list[DateMention]) -> DateMention:
    """A range ("next week", 下周) gives way to days the sentence names inside it ("next week, … from April 24
    to 26"): the more specific date, still as ahead as the range was."""
    if chosen.until is None:
        return chosen
    inside = [
        d for d in dates
        if d is not chosen and d.precision == "day" and chosen.day <= d.day and (d.until or d.day) <= chosen.until
    ]  # fmt: skip
    if not inside:
        return chosen
    return replace(inside[0], expected=inside[0].expected or chosen.expected)


def per_channel(facts: list[Built], scene: Scene) -> list[Built]:
    """An agreement to resume several channels is one intent a channel (the agreement itself occurred)."""
    channels: list[str | None] = list(dict.fromkeys(c for c, _ in scene.channels))
    out: list[Built] = []
    for fact, used, rule in facts:
        fact["status"] = "occurred"
        for channel in channels or [fact.get("channel")]:
            out.append(({**fact, "channel": channel} if channel else dict(fact), used, rule))
    return out


def status_of(t: Trigger, when: DateMention) -> str:
    """The trigger's own status (its tense, a refusal, a cancellation), or expected when its date is ahead."""
    if t.status != "occurred":
        return t.status
    return "expected" if when.expected else "occurred"


def place_near(t: Trigger, scene: Scene) -> str | None:
    reach = NEAR[scene.language]
    near = [
        slug for slug, span in scene.places
        if abs(span.start - t.span.start) <= reach
        and not any(m.span.start <= span.start < m.span.end for m in scene.mentions)  # "a Pentagon spokesperson"
        and not _TELLS.match(scene.sentence.text, span.end - scene.sentence.span.start)  # "The Pentagon said"
        and not _TITLE_AFTER.match(scene.sentence.text, span.end - scene.sentence.span.start)  # "White House adviser"
    ]  # fmt: skip
    return near[0] if near else None


def iso(when: DateMention) -> str:
    if when.precision == "year":
        return f"{when.day.year:04d}"
    if when.precision == "month":
        return f"{when.day.year:04d}-{when.day.month:02d}"
    return when.day.isoformat()


def confidence(fact: dict[str, Any], used: list[ActorMention], dated: bool, background: bool) -> float:
    score = 0.95
    if not dated:
        score -= 0.2
    if any(m.new for m in used):
        score -= 0.1
    if fact.get("participants") and all(p in ("CHN", "USA") for p in fact["participants"]):
        score -= 0.1
    if background:
        score -= 0.3
    return max(0.05, round(score, 3))


def period_end(when: DateMention) -> date | None:
    """The last day of a month or year a date names; None for a day."""
    if when.precision == "year":
        return date(when.day.year, 12, 31)
    if when.precision == "month":
        following = date(when.day.year + when.day.month // 12, when.day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return None
