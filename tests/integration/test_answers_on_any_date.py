"""Right answers on any date (issue 8, points 1–6): no hindsight, overdue expectations, one
definition of "changed", each report's own account, channel sources on the timeline, one
announcement counted once. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re

from tracker.demo import DEMO_AS_OF, record_demo
from tracker.reports.render import render_status, render_timeline
from tracker.session import Session

REUTERS = {"url": "https://www.reuters.com/a", "outlet": "Reuters", "language": "en", "published_at": "2023-07-12"}
AP = {"url": "https://apnews.com/b", "outlet": "AP", "language": "en", "published_at": "2023-07-14"}
LATER = {"url": "https://example.org/later", "outlet": "X", "language": "en", "published_at": "2023-09-01"}

MEETING = {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12",
           "location": "Pentagon", "summary": "Xie meets Ratner", "source": REUTERS}  # fmt: skip
KERRY = {"kind": "meeting", "status": "expected", "participants": ["John Kerry"], "recipient": "CHN",
         "occurred_on": "2023-07-16", "until": "2023-07-19", "location": "Beijing", "source": REUTERS}  # fmt: skip


def _dates(data: object) -> set[str]:
    text = json.dumps(data, ensure_ascii=False)
    return set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text))


def test_the_demo_as_of_july_2023_shows_nothing_later(session: Session) -> None:
    """As of 2023-07-31 no section of the demo, in any format, shows a date after it; offices end blank."""
    record_demo(session)
    status = session.status(as_of=DEMO_AS_OF, since="2018-01-01")
    shown = {k: v for k, v in status.items() if k not in ("generated_at", "channel_history")}
    assert max(_dates(shown)) <= DEMO_AS_OF
    li = [o for o in status["offices"] if o["actor"]["id"] == "li-shangfu"]
    assert li and all(o["until"] is None for o in li)
    for fmt in ("text", "markdown", "html"):
        rendered = render_status({**status, "generated_at": None}, fmt)
        later = {d for d in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", rendered) if d > DEMO_AS_OF}
        assert not later, (fmt, later)


def test_an_expected_interaction_past_its_date_is_overdue(session: Session) -> None:
    """Kerry's 16–19 July visit is expected on the 19th, overdue on the 31st, and moves once confirmed."""
    session.append([dict(KERRY)])
    assert [e["status"] for e in session.status(as_of="2023-07-19")["expected"]] == ["expected"]
    assert [e["status"] for e in session.status(as_of="2023-07-31")["expected"]] == ["overdue"]
    text = render_status(session.status(as_of="2023-07-31"), "text")
    assert "Overdue" in text
    session.append([{**KERRY, "status": "occurred", "occurred_on": "2023-07-17", "source": AP}])
    july = session.status(as_of="2023-07-31")
    assert july["expected"] == []
    assert [i["occurred_on"] for i in july["interactions"]] == ["2023-07-17"]
    # As of the day before it happened, it was still only expected.
    assert [e["status"] for e in session.status(as_of="2023-07-16")["expected"]] == ["expected"]


def test_an_expectation_announced_later_is_not_known_earlier(session: Session) -> None:
    """An expected visit first reported in September is not in the July report."""
    session.append([{**KERRY, "occurred_on": "2023-10-01", "until": None, "source": LATER}])
    assert session.status(as_of="2023-07-31")["expected"] == []
    assert len(session.status(as_of="2023-09-15")["expected"]) == 1


def test_changes_go_by_the_facts_dates_within_the_window(session: Session) -> None:
    """--changes-since with --as-of lists only interactions dated in (since, as_of], none recorded later."""
    session.append(
        [
            {**MEETING},
            {**MEETING, "kind": "call", "occurred_on": "2023-08-20", "source": LATER},
            {**MEETING, "kind": "call", "occurred_on": "2023-06-20", "source": LATER},
        ]
    )
    status = session.status(as_of="2023-07-31", changes_since="2023-07-01")
    assert [i["occurred_on"] for i in status["changes"]["interactions"]] == ["2023-07-12"]
    assert max(_dates(status["changes"])) <= "2023-07-31"


def test_a_second_report_keeps_its_own_account(session: Session) -> None:
    """A report a day later, elsewhere, corroborates, but what it said is kept and the disagreement shows."""
    session.append([dict(MEETING)])
    out = session.append([{**MEETING, "occurred_on": "2023-07-13", "location": "Beijing", "summary": "Other words",
                           "source": AP}])  # fmt: skip
    assert out[0].action == "corroborated"
    assert out[0].differs == ["occurred_on", "location"]
    [meeting] = session.status(as_of="2023-07-31")["interactions"]
    assert meeting["disputed"] == ["occurred_on", "location"]
    # The first report says what the record says; the second's own account is shown.
    assert "account" not in meeting["sources"][0]
    said = meeting["sources"][1]["account"]
    assert (said["occurred_on"], said["location"], said["summary"]) == ("2023-07-13", "beijing", "Other words")
    history = session.history(meeting["id"])
    assert history[-1]["data"]["account"]["location"] == "beijing"


def test_the_timeline_keeps_the_sources_of_channel_events(session: Session) -> None:
    """A channel suspension on the timeline carries its source, as `channels show` does."""
    mfa = "https://www.fmprc.gov.cn/x"
    session.append([{"kind": "channel-suspended", "channel": "mmca", "occurred_on": "2022-08-05", "by": "CHN",
                     "source": mfa}])  # fmt: skip
    [row] = session.timeline(kind="channel-suspended")
    assert row["sources"] == [mfa]
    assert mfa in render_timeline([row], "csv")


def test_one_announcement_counts_once_in_the_index(session: Session) -> None:
    """Three channels suspended by one statement on one day are one announcement in the index, three facts."""
    mfa = {"url": "https://www.fmprc.gov.cn/countermeasures", "outlet": "MFA", "language": "en"}
    session.append(
        [
            {"kind": "channel-suspended", "channel": slug, "occurred_on": "2022-08-05", "by": "CHN", "source": mfa}
            for slug in ("theater-commanders", "dpct", "mmca")
        ]
    )
    [august] = [m for m in session.status(as_of="2022-08-31")["index"] if m["month"] == "2022-08"]
    assert (august["events"], august["facts"], august["goldstein_sum"]) == (1, 3, -7.0)


def test_a_handover_known_only_to_its_year_lists_both_holders_that_year(session: Session) -> None:
    """A term ending sometime in a year is listed through that year, beside the one that began in it."""
    session.append(
        [
            {"kind": "office-assumed", "actor": "Xie Feng", "office": "Test Chief", "occurred_on": "2017-08",
             "source": "https://example.org/a"},
            {"kind": "office-left", "actor": "Xie Feng", "office": "Test Chief", "occurred_on": "2022",
             "source": "https://example.org/b"},
            {"kind": "office-assumed", "actor": "Ely Ratner", "office": "Test Chief", "occurred_on": "2022",
             "source": "https://example.org/c"},
        ]
    )  # fmt: skip

    def holders(day: str) -> list[str]:
        return [o["actor"]["id"] for o in session.status(as_of=day)["offices"] if o["office"] == "Test Chief"]

    assert holders("2021-06-30") == ["xie-feng"]
    assert sorted(holders("2022-06-30")) == ["ely-ratner", "xie-feng"]
    assert holders("2023-06-30") == ["ely-ratner"]
