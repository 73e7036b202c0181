"""Date expressions in English and Chinese, resolved against the publication time in its own zone."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tracker.extract.dates import find_dates
from tracker.extract.dates_zh import chinese_number
from tracker.extract.model import DateMention, Report, Sentence, Span

PREFIX = "Lead sentence. "  # the sentence under test starts after it: spans must be absolute


def dates(text: str, published: str, language: str = "en") -> list[DateMention]:
    report = Report(PREFIX + text, language, datetime.fromisoformat(published))
    found = find_dates(Sentence(text, Span(len(PREFIX), len(PREFIX) + len(text))), report)
    for mention in found:
        assert report.text[mention.span.start : mention.span.end] == mention.text
    return found


def one(text: str, published: str, language: str = "en") -> DateMention:
    found = dates(text, published, language)
    assert len(found) == 1, found
    return found[0]


# (text, published_at, matched text, day, precision, until, expected)
EN = [
    # a Reuters report in Washington's zone, and the same evening in UTC
    ("held a meeting on Wednesday with", "2023-07-12T21:27:00-04:00", "Wednesday", "2023-07-12", "day", None, False),
    ("the Pentagon said on Monday.", "2023-05-30T02:00:00+00:00", "Monday", "2023-05-29", "day", None, False),
    ("agreed on Wednesday to resume", "2023-11-16T04:00:00+00:00", "Wednesday", "2023-11-15", "day", None, False),
    ("after Wednesday's meeting", "2023-07-14T09:00:00+00:00", "Wednesday", "2023-07-12", "day", None, False),
    ("on Thursday, Austin said", "2023-07-12T10:00:00+00:00", "Thursday", "2023-07-06", "day", None, False),
    ("Austin will meet Dong on Thursday", "2023-07-12T10:00:00+00:00", "Thursday", "2023-07-13", "day", None, True),
    (
        "Austin will travel next Wednesday",
        "2023-07-12T10:00:00+00:00",
        "next Wednesday",
        "2023-07-19",
        "day",
        None,
        True,
    ),
    ("he met them last Wednesday", "2023-07-12T10:00:00+00:00", "last Wednesday", "2023-07-05", "day", None, False),
    # evening rule: a Wednesday-evening report's "early Thursday" is the next day, not last week's
    (
        "In a statement early Thursday, the embassy",
        "2023-07-12T21:27:00+00:00",
        "Thursday",
        "2023-07-13",
        "day",
        None,
        False,
    ),
    ("WASHINGTON, July 12 (Reuters) -", "2023-07-12T21:27:00+00:00", "July 12", "2023-07-12", "day", None, False),
    ("talks on July 12, 2023 in", "2024-02-01T00:00:00+00:00", "July 12, 2023", "2023-07-12", "day", None, False),
    ("talks on 12 July 2023 in", "2024-02-01T00:00:00+00:00", "12 July 2023", "2023-07-12", "day", None, False),
    ("talks on Jul. 12 in", "2023-07-20T00:00:00+00:00", "Jul. 12", "2023-07-12", "day", None, False),
    ("called on Oct. 30, 2020 to", "2021-09-15T14:00:00+00:00", "Oct. 30, 2020", "2020-10-30", "day", None, False),
    ("met on Dec. 30 in", "2024-01-02T00:00:00+00:00", "Dec. 30", "2023-12-30", "day", None, False),
    ("will meet on Jan. 5 in", "2023-12-20T00:00:00+00:00", "Jan. 5", "2024-01-05", "day", None, True),
    ("on 2023-07-12 the", "2023-07-20T00:00:00+00:00", "2023-07-12", "2023-07-12", "day", None, False),
    ("talks on July 3-4 in", "2023-07-20T00:00:00+00:00", "July 3-4", "2023-07-03", "day", "2023-07-04", False),
    (
        "from July 30 to Aug. 1",
        "2023-08-20T00:00:00+00:00",
        "July 30 to Aug. 1",
        "2023-07-30",
        "day",
        "2023-08-01",
        False,
    ),
    (
        "talks on Monday and Tuesday at",
        "2024-01-10T15:00:00+00:00",
        "Monday and Tuesday",
        "2024-01-08",
        "day",
        "2024-01-09",
        False,
    ),
    ("the meeting yesterday", "2023-10-25T07:00:00+08:00", "yesterday", "2023-10-24", "day", None, False),
    ("a call today", "2023-10-25T07:00:00+08:00", "today", "2023-10-25", "day", None, False),
    ("a call tonight", "2023-10-25T20:00:00-04:00", "tonight", "2023-10-25", "day", None, False),
    ("met last week", "2023-07-12T10:00:00+00:00", "last week", "2023-07-03", "day", "2023-07-09", False),
    (
        "a visit earlier this week",
        "2022-08-05T09:30:00+00:00",
        "earlier this week",
        "2022-08-01",
        "day",
        "2022-08-04",
        False,
    ),
    ("the forum this week", "2023-05-30T02:00:00+00:00", "this week", "2023-05-29", "day", "2023-06-04", False),
    ("expected to visit next week", "2023-07-12T21:27:00+00:00", "next week", "2023-07-17", "day", "2023-07-23", True),
    ("traveled last month", "2023-01-12T00:00:00+00:00", "last month", "2022-12-01", "month", None, False),
    (
        "visited earlier this month",
        "2023-07-12T00:00:00+00:00",
        "earlier this month",
        "2023-07-01",
        "month",
        None,
        False,
    ),
    ("a visit later this month", "2023-07-12T00:00:00+00:00", "later this month", "2023-07-01", "month", None, True),
    ("a visit next month", "2023-12-12T00:00:00+00:00", "next month", "2024-01-01", "month", None, True),
    ("met earlier this year", "2023-07-12T00:00:00+00:00", "earlier this year", "2023-01-01", "year", None, False),
    ("met last year", "2023-07-12T00:00:00+00:00", "last year", "2022-01-01", "year", None, False),
    ("a forum in June", "2023-07-12T00:00:00+00:00", "June", "2023-06-01", "month", None, False),
    ("a forum in December", "2024-01-12T00:00:00+00:00", "December", "2023-12-01", "month", None, False),
    ("will visit in February", "2024-12-12T00:00:00+00:00", "February", "2025-02-01", "month", None, True),
    ("a forum in June 2023", "2024-07-12T00:00:00+00:00", "June 2023", "2023-06-01", "month", None, False),
    ("sanctioned since 2018 over", "2023-07-12T00:00:00+00:00", "since 2018", "2018-01-01", "year", None, False),
    ("a visit in 2018", "2023-07-12T00:00:00+00:00", "2018", "2018-01-01", "year", None, False),
]

ZH = [
    # a DW report two hours ahead of UTC, after midnight
    ("谢锋週三(7月12日)在五角大厦会晤", "2023-07-13T03:00:00+02:00", "週三(7月12日)", "2023-07-12", "day", None, False),
    ("谢锋週三（7月12日）会晤", "2023-07-13T03:00:00+02:00", "週三（7月12日）", "2023-07-12", "day", None, False),
    ("谢锋7月12日(周三)会晤", "2023-07-13T03:00:00+02:00", "7月12日(周三)", "2023-07-12", "day", None, False),
    ("两国防长16日晚通话", "2024-04-17T08:00:00+08:00", "16日", "2024-04-16", "day", None, False),
    ("两国防长12日晚通话", "2023-07-13T08:00:00+08:00", "12日", "2023-07-12", "day", None, False),
    ("外交部12日宣布", "2024-01-03T08:00:00+08:00", "12日", "2023-12-12", "day", None, False),
    ("外交部31日宣布", "2023-07-05T08:00:00+08:00", "31日", "2023-05-31", "day", None, False),
    ("国防部十二日宣布", "2023-07-13T08:00:00+08:00", "十二日", "2023-07-12", "day", None, False),
    ("双方将于20日举行会谈", "2023-07-13T08:00:00+08:00", "20日", "2023-07-20", "day", None, True),
    ("双方13日通话", "2023-07-12T21:00:00-04:00", "13日", "2023-07-13", "day", None, False),  # evening rule
    ("会谈于2023年7月12日举行", "2024-01-03T08:00:00+08:00", "2023年7月12日", "2023-07-12", "day", None, False),
    (
        "会谈于二〇二三年七月十二日举行",
        "2024-01-03T08:00:00+08:00",
        "二〇二三年七月十二日",
        "2023-07-12",
        "day",
        None,
        False,
    ),
    ("卡尔7月10日在伦敦表示", "2023-07-13T06:00:00+00:00", "7月10日", "2023-07-10", "day", None, False),
    ("9月9日晚，董军通话", "2025-09-09T14:30:00+00:00", "9月9日", "2025-09-09", "day", None, False),
    ("会议3日至4日在檀香山举行", "2024-04-05T09:00:00+08:00", "3日至4日", "2024-04-03", "day", "2024-04-04", False),
    ("会议7月3日至4日举行", "2023-07-05T09:00:00+08:00", "7月3日至4日", "2023-07-03", "day", "2023-07-04", False),
    (
        "会议7月30日至8月1日举行",
        "2023-08-05T09:00:00+08:00",
        "7月30日至8月1日",
        "2023-07-30",
        "day",
        "2023-08-01",
        False,
    ),
    ("美方週三表示", "2023-07-13T03:00:00+02:00", "週三", "2023-07-12", "day", None, False),
    ("美方周三表示", "2023-07-14T03:00:00+08:00", "周三", "2023-07-12", "day", None, False),
    ("美方星期三表示", "2023-07-14T03:00:00+08:00", "星期三", "2023-07-12", "day", None, False),
    ("美方礼拜三表示", "2023-07-14T03:00:00+08:00", "礼拜三", "2023-07-12", "day", None, False),
    ("美方上周五表示", "2023-07-12T10:00:00+08:00", "上周五", "2023-07-07", "day", None, False),
    ("克里下周三访华", "2023-07-12T10:00:00+08:00", "下周三", "2023-07-19", "day", None, True),
    ("人大常委会昨日表决", "2023-10-25T07:00:00+08:00", "昨日", "2023-10-24", "day", None, False),
    ("人大常委会昨天表决", "2023-10-25T07:00:00+08:00", "昨天", "2023-10-24", "day", None, False),
    ("人大常委会前天表决", "2023-10-25T07:00:00+08:00", "前天", "2023-10-23", "day", None, False),
    ("人大常委会今天表决", "2023-10-25T07:00:00+08:00", "今天", "2023-10-25", "day", None, False),
    ("人大常委会今日表决", "2023-10-25T07:00:00+08:00", "今日", "2023-10-25", "day", None, False),
    ("双方上周会谈", "2023-07-12T10:00:00+08:00", "上周", "2023-07-03", "day", "2023-07-09", False),
    ("双方上週会谈", "2023-07-12T10:00:00+08:00", "上週", "2023-07-03", "day", "2023-07-09", False),
    ("双方本周会谈", "2023-07-12T10:00:00+08:00", "本周", "2023-07-10", "day", "2023-07-16", False),
    ("克里预计下週将前往访问", "2023-07-13T06:00:00+00:00", "下週", "2023-07-17", "day", "2023-07-23", True),
    ("克里下周访华", "2023-07-12T10:00:00+08:00", "下周", "2023-07-17", "day", "2023-07-23", True),
    ("布林肯上月访华", "2024-01-12T10:00:00+08:00", "上月", "2023-12-01", "month", None, False),
    ("布林肯上个月访华", "2023-07-12T10:00:00+08:00", "上个月", "2023-06-01", "month", None, False),
    ("克里下月访华", "2023-07-12T10:00:00+08:00", "下月", "2023-08-01", "month", None, True),
    ("耶伦本月稍早访问北京", "2023-07-13T06:00:00+00:00", "本月稍早", "2023-07-01", "month", None, False),
    ("耶伦今年早些时候访华", "2023-07-12T10:00:00+08:00", "今年早些时候", "2023-01-01", "year", None, False),
    ("耶伦今年稍早访华", "2023-07-12T10:00:00+08:00", "今年稍早", "2023-01-01", "year", None, False),
    ("耶伦去年访华", "2023-07-12T10:00:00+08:00", "去年", "2022-01-01", "year", None, False),
    ("2018年因协助进口武器遭制裁", "2023-07-12T10:00:00+08:00", "2018年", "2018-01-01", "year", None, False),
    ("李尚福自2018年起遭制裁", "2023-12-29T18:30:00+08:00", "自2018年起", "2018-01-01", "year", None, False),
    ("2018年9月遭制裁", "2023-12-29T18:30:00+08:00", "2018年9月", "2018-09-01", "month", None, False),
    ("布林肯6月造访中国", "2023-07-13T06:00:00+00:00", "6月", "2023-06-01", "month", None, False),
    ("接替10月遭免职的李尚福", "2023-12-29T18:30:00+08:00", "10月", "2023-10-01", "month", None, False),
    ("当地时间12日，双方会谈", "2023-07-13T06:00:00-04:00", "12日", "2023-07-12", "day", None, False),
    # 北京时间: resolved against the publication in UTC+8 (here already the 1st of August there)
    ("北京时间1日，双方通话", "2023-07-31T17:00:00+00:00", "1日", "2023-08-01", "day", None, False),
    ("当地时间1日，双方通话", "2023-07-31T10:00:00+00:00", "1日", "2023-07-01", "day", None, False),
]


@pytest.mark.parametrize(("text", "published", "matched", "day", "precision", "until", "expected"), EN)
def test_english(
    text: str, published: str, matched: str, day: str, precision: str, until: str | None, expected: bool
) -> None:
    mention = one(text, published)
    assert (mention.text, mention.day, mention.precision, mention.until, mention.expected) == (
        matched,
        date.fromisoformat(day),
        precision,
        until and date.fromisoformat(until),
        expected,
    )
    assert mention.span.start == len(PREFIX) + text.index(matched)


@pytest.mark.parametrize(("text", "published", "matched", "day", "precision", "until", "expected"), ZH)
def test_chinese(
    text: str, published: str, matched: str, day: str, precision: str, until: str | None, expected: bool
) -> None:
    mention = one(text, published, "zh")
    assert (mention.text, mention.day, mention.precision, mention.until, mention.expected) == (
        matched,
        date.fromisoformat(day),
        precision,
        until and date.fromisoformat(until),
        expected,
    )
    assert mention.span.start == len(PREFIX) + text.index(matched)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The two sides may meet again, officials said.", "en"),
        ("He said the talks were useful and constructive.", "en"),
        ("双方进行了六个月的谈判，访问日本。", "zh"),
        ("中方愿同美方一道努力，推动两军关系。", "zh"),
        ("今日美国报道称，双方已恢复沟通。", "zh"),
    ],
)
def test_no_dates(text: str, language: str) -> None:
    assert dates(text, "2023-07-12T10:00:00+00:00", language) == []


def test_several_dates_in_order_with_absolute_spans() -> None:
    text = "Milley called Li on Oct. 30, 2020, and Jan. 8, 2021, his office said on Wednesday."
    found = dates(text, "2021-09-15T14:00:00+00:00")
    assert [(m.text, m.day.isoformat()) for m in found] == [
        ("Oct. 30, 2020", "2020-10-30"),
        ("Jan. 8, 2021", "2021-01-08"),
        ("Wednesday", "2021-09-15"),
    ]
    assert all(m.span.start >= len(PREFIX) for m in found)


def test_weekday_with_explicit_date_is_one_mention() -> None:
    mention = one("met on Wednesday, July 12, at the Pentagon", "2023-07-20T10:00:00+00:00")
    assert (mention.text, mention.day) == ("Wednesday, July 12", date(2023, 7, 12))


def test_resolution_uses_the_reports_zone() -> None:
    # the same instant: Wednesday evening in Washington, Thursday morning in Beijing
    assert one("met on Wednesday", "2023-07-12T21:27:00-04:00").day == date(2023, 7, 12)
    assert one("双方周四会谈", "2023-07-13T09:27:00+08:00", "zh").day == date(2023, 7, 13)
    assert one("会谈于昨天举行", "2023-07-12T21:27:00-04:00", "zh").day == date(2023, 7, 11)
    assert one("会谈于昨天举行", "2023-07-13T09:27:00+08:00", "zh").day == date(2023, 7, 12)


def test_other_chinese_forms() -> None:
    assert one("双方二十一日会谈", "2023-07-22T10:00:00+08:00", "zh").day == date(2023, 7, 21)
    assert one("去年12月会谈", "2023-07-22T10:00:00+08:00", "zh").day == date(2022, 12, 1)
    assert one("会议于２０２３年７月１２日举行", "2023-07-22T10:00:00+08:00", "zh").day == date(2023, 7, 12)
    assert [chinese_number(s) for s in ("12", "十", "十二", "二十一", "三十", "二〇二三", "x")] == [
        12,
        10,
        12,
        21,
        30,
        2023,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "published", "matched", "day", "until", "expected"),
    [
        ("耶伦将于下周三至周五访华", "2024-06-28T09:00:00+08:00", "下周三至周五", "2024-07-03", "2024-07-05", True),
        ("双方上周二至周四在北京会谈", "2024-06-28T09:00:00+08:00", "上周二至周四", "2024-06-18", "2024-06-20", False),
        ("代表团将于周一到星期三访美", "2024-06-26T09:00:00+08:00", "周一到星期三", "2024-07-01", "2024-07-03", True),
    ],
)
def test_a_chinese_weekday_range_is_one_range_of_days(
    text: str, published: str, matched: str, day: str, until: str, expected: bool
) -> None:
    """下周三至周五: Wednesday to Friday of next week, one range (not Wednesday and the publication day)."""
    found = one(text, published, "zh")
    assert (found.text, found.day.isoformat(), found.until and found.until.isoformat(), found.expected) == (
        matched, day, until, expected,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "language", "matched", "day"),
    [
        ("said on Saturday that the meeting a day earlier was good", "2024-06-01T20:00:00+08:00", "en",
         "a day earlier", "2024-05-31"),
        ("双方31日会晤，次日发表声明", "2024-06-02T08:00:00+08:00", "zh", "次日", "2024-06-01"),
        ("the talks the previous day", "2024-06-02T08:00:00+08:00", "en", "the previous day", "2024-06-01"),
    ],
)  # fmt: skip
def test_a_day_counted_from_the_date_before_it(
    text: str, published: str, language: str, matched: str, day: str
) -> None:
    found = [d for d in dates(text, published, language) if d.text == matched]
    assert [d.day.isoformat() for d in found] == [day]


def test_two_days_of_a_month_joined_by_and_are_a_range() -> None:
    found = one("talks on June 3 and 4 in Beijing", "2024-06-12T08:00:00-04:00")
    assert (found.text, found.day.isoformat(), found.until and found.until.isoformat()) == (
        "June 3 and 4", "2024-06-03", "2024-06-04",
    )  # fmt: skip


def test_later_this_year_is_expected_zh() -> None:
    found = one("双方同意今年晚些时候举行会晤", "2024-06-12T08:00:00+08:00", "zh")
    assert (found.text, found.precision, found.expected) == ("今年晚些时候", "year", True)


def test_a_month_followed_by_a_relative_year_is_that_month_of_that_year() -> None:
    def dates(text: str) -> list[tuple[str, str]]:
        report = Report(text, "en", datetime.fromisoformat("2018-11-09T18:00:00-05:00"))
        return [(d.day.isoformat()[:7], d.precision) for d in find_dates(Sentence(text, Span(0, len(text))), report)]

    assert dates("The two first met in June last year.") == [("2017-06", "month")]
    assert dates("They will meet again in March of next year.") == [("2019-03", "month")]
    assert dates("They met last June.") == [("2018-06", "month")]
