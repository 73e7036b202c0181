"""Chinese date expressions, simplified and traditional, Arabic, full-width or Chinese numerals (see `dates`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from tracker.extract.dates_en import (
    Clock,
    Handler,
    Hit,
    add_months,
    cue_before,
    hit,
    monday,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    safe_date,
    scan,
)
from tracker.extract.names import compile_fast

__all__ = ["chinese_number", "scan_zh"]

_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_number(s: str) -> int | None:
    """The value of "12", "１２", "十二", "二十一", "三十" or, digit by digit, "二〇二三"; None if not a number."""
    s = s.translate(_FULLWIDTH)
    if s.isdigit():
        return int(s)
    if "十" not in s:
        if s and all(c in _DIGITS for c in s):
            return int("".join(str(_DIGITS[c]) for c in s))
        return None
    tens, _, units = s.partition("十")
    t = _DIGITS.get(tens, -1) if tens else 1
    u = _DIGITS.get(units, -1) if units else 0
    return None if t < 0 or u < 0 else t * 10 + u


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_N = r"[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二两兩三四五六七八九]"
_Y = r"(?:([0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年|(今年|去年|明年|前年))"
_TO = r"\s*(?:至|到|－|-|—|–|~|～)\s*"
# 将 is "will", but also the general of 上将/中将/少将 and 将军/将领 (帕帕罗上将9日…): not a future cue there.
_FUTURE_ZH = re.compile(
    r"(?<![上中少大准武名])[将將](?![军軍领領])|计划|計劃|预计|預計|拟|擬|定于|定於|预定|預定|有望|打算|要在|下周|下週"
)
_CLAUSE_ZH = re.compile(r"[，。；：！？,;:!?“”\"]")
_WEEK = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


_YEARS_AGO = {"两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _year(m_year: str | None, m_rel: str | None, clock: Clock) -> int | None:
    if m_year:
        return chinese_number(m_year)
    if m_rel:
        if m_rel[0] in _YEARS_AGO:  # 两年前的8月: counted back from the report's year
            return clock.today.year - _YEARS_AGO[m_rel[0]]
        return clock.today.year + {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[m_rel]
    return None


def _future(text: str, start: int) -> bool:
    return cue_before(text, start, _FUTURE_ZH, _CLAUSE_ZH, window=30)


# 原定7日举行的会晤 (the meeting planned for the 7th): the plan may lie ahead or just behind the report.
_PLANNED_ZH = re.compile(r"原定|原计划|原計劃|本定|原本计划|原本計劃")


def _planned_day(clock: Clock, day: int) -> date | None:
    """D日 after 原定: the planned day nearest the publication day, this side of it or the other."""
    options = [d for d in (_day_of_month(clock, day, True), _day_of_month(clock, day, False)) if d]
    return min(options, key=lambda d: abs((d - clock.today).days), default=None)


def _day_of_month(clock: Clock, day: int, future: bool) -> date | None:
    """12日: the 12th of the publication's month, or of the previous month if that is after publication (the day
    after an evening publication stays in the month); with a future cue, the coming 12th."""
    today = clock.today
    first = date(today.year, today.month, 1)
    if future:
        for k in range(3):
            m = add_months(first, k)
            d = safe_date(m.year, m.month, day)
            if d and d >= today:
                return d
        return None
    horizon = today + timedelta(days=1) if clock.evening else today
    for k in range(4):
        m = add_months(date(horizon.year, horizon.month, 1), -k)
        d = safe_date(m.year, m.month, day)
        if d and d <= horizon:
            return d
    return None


def _evening_next(d: date, clock: Clock) -> bool:
    return clock.evening and d == clock.today + timedelta(days=1)


def _full(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    """[年]M月D日[至[M月]D日], [年]M月, and D日[至D日]: groups y, rel, month, day, month2, day2."""
    g = m.groupdict()
    year = _year(g.get("y"), g.get("rel"), clock)
    month = chinese_number(g["mo"]) if g.get("mo") else None
    day = chinese_number(g["d"]) if g.get("d") else None
    future = _future(text, m.start())
    first: date | None
    if month is None and day is not None:
        planned = cue_before(text, m.start(), _PLANNED_ZH, _CLAUSE_ZH, window=12)
        first = _planned_day(clock, day) if planned else _day_of_month(clock, day, future)
    elif month is not None and day is not None:
        first = safe_date(year, month, day) if year else resolve_month_day(clock, month, day, future)
    elif month is not None and 1 <= month <= 12:
        d = date(year, month, 1) if year else resolve_month(clock, month, future)
        yield hit(m.start(), m.end(), d, "month", clock)
        return
    else:
        return
    if first is None:
        return
    expected = False if _evening_next(first, clock) else None
    if g.get("d2"):
        month2 = chinese_number(g["mo2"]) if g.get("mo2") else first.month
        day2 = chinese_number(g["d2"])
        if month2 is None or day2 is None:
            return
        last = safe_date(first.year + (month2 < first.month), month2, day2)
        if last is None or last <= first:
            return
        yield hit(m.start(), m.end(), first, "day", clock, until=last, expected=expected)
        return
    yield hit(m.start(), m.end(), first, "day", clock, expected=expected)


def _month_day(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    """本月2日 (this month's 2nd), 上月28日 (last month's 28th)."""
    day = chinese_number(m["d"])
    first = clock.today.replace(day=1)
    if m["which"].startswith("上"):
        first = add_months(first, -1)
    found = safe_date(first.year, first.month, day) if day else None
    if found is not None:
        yield hit(m.start(), m.end(), found, "day", clock)


def _year_only(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    year = _year(m["y"], m["rel"], clock)
    if year is None or not 1900 <= year <= 2100:
        return
    expected = {"今年早些时候": False, "今年早些時候": False, "今年稍早": False, "今年初": False, "今年晚些时候": True,
                "今年晚些時候": True}.get((m["rel"] or "") + (m["tail"] or ""))  # fmt: skip
    if m["tail"] in ("底", "年底"):  # 去年底: the year's last month
        yield hit(m.start(), m.end(), date(year, 12, 1), "month", clock)
        return
    yield hit(m.start(), m.end(), date(year, 1, 1), "year", clock, expected=expected)


def _relative(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    t = clock.today
    w = m[0]
    if w in _DAY_WORDS:
        yield hit(m.start(), m.end(), t + timedelta(days=_DAY_WORDS[w]), "day", clock)
        return
    head = w[0]
    if w[-1] in "月" or "月" in w:
        k = {"上": -1, "下": 1}.get(head, 0)
        yield hit(m.start(), m.end(), add_months(t, k), "month", clock, expected=k > 0)
        return
    mon = monday(t)
    if head in "上":
        yield hit(m.start(), m.end(), mon - timedelta(days=7), "day", clock, until=mon - timedelta(days=1))
    elif head == "下":
        nxt = mon + timedelta(days=7)
        yield hit(m.start(), m.end(), nxt, "day", clock, until=nxt + timedelta(days=6), expected=True)
    elif "早" in w:  # 本周早些时候, 本周稍早: Monday to the day before publication
        yield hit(m.start(), m.end(), mon, "day", clock, until=max(mon, t - timedelta(days=1)), expected=False)
    else:
        yield hit(m.start(), m.end(), mon, "day", clock, until=mon + timedelta(days=6), expected=False)


_DAY_WORDS = {
    "前天": -2,
    "前日": -2,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "今天": 0,
    "今日": 0,
    "今晚": 0,
    "今晨": 0,
    "明天": 1,
    "明日": 1,
}


def _weekday(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    modifier = {"上": "last", "下": "next", "本": "this", "这": "this", "這": "this"}.get(m[1] or "", "")
    wd = _WEEK[m[2]]
    if modifier in ("last", "next"):  # 上周三 / 下周三: the Wednesday of last / next week
        day = monday(clock.today) + timedelta(days=wd + (7 if modifier == "next" else -7))
        expected = modifier == "next"
    else:
        day, expected = resolve_weekday(clock, wd, _future(text, m.start()), modifier)
    yield hit(m.start(), m.end(), day, "day", clock, weekday=True, expected=expected)


def _weekday_range(m: re.Match[str], text: str, clock: Clock) -> Iterator[Hit]:
    """下周三至周五, 周二至周四: the days of one week from the first weekday to the second."""
    first = next(_weekday(m, text, clock), None)
    span = _WEEK[m[3]] - _WEEK[m[2]]
    if first is None or span <= 0:
        return
    yield hit(m.start(), m.end(), first.day, "day", clock, until=first.day + timedelta(days=span),
              expected=first.expected)  # fmt: skip


_NUM_Y = r"(?P<y>[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年"
_REL_Y = r"(?P<rel>今年|去年|明年|前年|[两兩二三四五]年前的?)"
_NOT_NUM = r"(?![0-9０-９一二三四五六七八九十])"
_DAY_MARK = r"[日号號]"
_WEEKDAY = r"(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])"
PATTERNS_ZH: list[tuple[re.Pattern[str], Handler]] = [
    (compile_fast(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)"), _full),
    # 2023年7月12日, 去年12月3日, 7月3日至4日, 7月30日至8月1日
    (
        compile_fast(
            rf"(?:{_NUM_Y}|{_REL_Y})?(?P<mo>{_N})月(?P<d>{_N}){_DAY_MARK}"
            rf"(?:{_TO}(?:(?P<mo2>{_N})月)?(?P<d2>{_N}){_DAY_MARK})?"
        ),
        _full,
    ),
    # 本月2日, 上月28日: a day of this month or the last
    (compile_fast(rf"(?P<which>本月|这个月|這個月|上月|上个月|上個月)(?P<d>{_N}){_DAY_MARK}"), _month_day),
    # 3日至4日, 3至4日
    (
        compile_fast(
            rf"(?<![0-9０-９月])(?P<d>[0-9０-９]{{1,2}}|[一二三]?十[一二三四五六七八九]?){_DAY_MARK}?{_TO}"
            rf"(?:(?P<mo2>{_N})月)?(?P<d2>{_N}){_DAY_MARK}"
        ),
        _full,
    ),
    # 12日, 十二日 (not 日元 yen, not 日本 Japan)
    (
        compile_fast(
            rf"(?<![0-9０-９月])(?P<d>[0-9０-９]{{1,2}}|[一二三]?十[一二三四五六七八九]?){_DAY_MARK}(?![元本])"
        ),
        _full,
    ),
    # 2018年9月, 去年12月, 6月, 6月份
    (compile_fast(rf"(?:{_NUM_Y}|{_REL_Y})?(?P<mo>{_N})月(?:份)?{_NOT_NUM}"), _full),
    # 2018年, 自2018年起, 2018年以来, 去年, 今年早些时候
    (
        compile_fast(
            rf"(?:自|从|從)?(?:{_NUM_Y}|{_REL_Y})(?P<tail>早些时候|早些時候|晚些时候|晚些時候|稍早|初|以来|以來|起|年底|底)?(?![0-9０-９一二三四五六七八九十月代度])"
        ),
        _year_only,
    ),
    (
        compile_fast(r"前天|前日|昨天|昨日|昨晚|今天|今日(?!美国|美國|俄罗斯|俄羅斯|头条)|今晚|今晨|明天|明日"),
        _relative,
    ),
    (
        compile_fast(rf"(上|下|本|这|這)?(?:个|個)?{_WEEKDAY}{_TO}(?:周|週|星期|礼拜|禮拜)?([一二三四五六日天])"),
        _weekday_range,
    ),
    (compile_fast(rf"(上|下|本|这|這)?(?:个|個)?{_WEEKDAY}"), _weekday),
    (compile_fast(r"(?:上|下)(?:个|個)?月|本月(?:早些时候|早些時候|稍早|初)?|这个月|這個月"), _relative),
    (
        compile_fast(
            r"(?:上|下)(?:个|個)?(?:周|週|星期|礼拜|禮拜)(?![一二三四五六日天年])"
            r"|(?:本|这|這)(?:个|個)?(?:周|週|星期)(?:早些时候|早些時候|稍早)?(?![一二三四五六日天年])"
        ),
        _relative,
    ),
]


def scan_zh(text: str, clock: Clock) -> list[Hit]:
    """The Chinese date expressions of a sentence."""
    return scan(text, clock, PATTERNS_ZH)
