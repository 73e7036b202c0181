"""Round 7b, on invented reports: a refusal told in the pluperfect, "first since" comparisons (the encounter compared
with, a date before 以来, a carried-over "since 2014"), a first of one mode, a threat that is no demand, an
unnamed successor, and a date inside a relative clause."""

from __future__ import annotations

from tests.unit.extract_run import run
from tracker.extract.encounter_cues import compared
from tracker.extract.lexicon import find_triggers
from tracker.extract.model import Candidate, Sentence, Span


def facts(found: list[Candidate], kind: str) -> list[dict[str, object]]:
    return [c.fact for c in found if c.kind == kind]


def test_a_pluperfect_refusal_is_dated_by_the_month_and_asks_for_the_counterpart() -> None:
    found = run(
        "U.S. Defense Secretary Lloyd Austin and his Chinese counterpart Li Shangfu shook hands in Singapore on "
        "Friday. China had declined Austin's invitation to meet at the forum, the Pentagon said on Monday.", "en",
        "2023-06-03T16:00:00+08:00",
    )  # fmt: skip
    refused = facts(found, "meeting-declined")
    assert [(f["participants"], f["occurred_on"], f["precision"]) for f in refused] == [
        (["lloyd-austin", "li-shangfu"], "2023-05", "month")
    ]


def test_the_encounter_a_first_since_compares_with_is_only_compared_zh() -> None:
    text = "这是两国元首在巴厘岛会晤以来的首次面对面会晤。"
    sentence = Sentence(text, Span(0, len(text)))
    triggers = [t for t in find_triggers(sentence, "zh") if t.kind == "meeting"]
    assert [compared(t, sentence) for t in triggers] == [True, False]


def test_the_encounter_a_first_since_compares_with_is_no_fact_en() -> None:
    found = run(
        "Joe Biden will meet Xi Jinping in San Francisco next week, the first such meeting since they held talks in "
        "Bali in November 2022.", "en", "2023-11-10T09:00:00-05:00",
    )  # fmt: skip
    assert [f["status"] for f in facts(found, "meeting")] == ["expected"]


def test_a_date_before_a_verb_and_yilai_only_compares() -> None:
    found = run(
        "国防部长董军9日应约与美国战争部长赫格塞思视频通话。这是赫格塞思今年1月就任以来两国防长首次通话。", "zh",
        "2025-09-09T22:00:00+08:00",
    )  # fmt: skip
    assert [(f["participants"], f["occurred_on"]) for f in facts(found, "call")] == [
        (["dong-jun", "pete-hegseth"], "2025-09-09")
    ]


def test_a_since_year_is_not_carried_to_the_next_sentence() -> None:
    found = run(
        "Chinese President Xi Jinping hosted U.S. Defense Secretary Jim Mattis in Beijing. Mattis is the first U.S. "
        "defense secretary to visit China since 2014. He described his talks with Wei Fenghe as 'very good.'", "en",
        "2018-06-27T19:00:00+08:00",
    )  # fmt: skip
    assert [f["occurred_on"] for f in facts(found, "meeting")] == ["2018-06-27", "2018-06-27"]


def test_a_first_in_person_meeting_does_not_resume_the_channel() -> None:
    met = "U.S. Defense Secretary Lloyd Austin met Chinese Defense Minister Dong Jun on Friday in Singapore, "
    found = run(met + "their first face-to-face talks in 18 months.", "en", "2024-05-31T18:00:00+08:00")
    assert facts(found, "channel-resumed") == []
    found = run(met + "their first talks in 18 months.", "en", "2024-05-31T18:00:00+08:00")
    assert [f["channel"] for f in facts(found, "channel-resumed")] == ["defense-ministers"]


def test_must_pay_a_price_is_a_threat_no_demand() -> None:
    summons = "外交部副部长谢锋2日召见美国驻华大使伯恩斯，提出严正交涉。"
    found = run(summons + "谢锋指出，美方必须为自己的错误付出代价。", "zh", "2022-08-03T00:30:00+08:00")
    assert facts(found, "demand") == []
    found = run(summons + "谢锋指出，美方必须立即停止售台武器。", "zh", "2022-08-03T00:30:00+08:00")
    assert len(facts(found, "demand")) == 1


def test_an_unnamed_successor_assumes_no_office() -> None:
    found = run(
        "全国人大常委会24日表决通过，免去李尚福的国防部长职务。李尚福两个月未公开露面，新任国防部长人选亦未有公布。", "zh",
        "2023-10-24T20:00:00+08:00",
    )  # fmt: skip
    assert facts(found, "office-assumed") == []


def test_a_date_in_a_where_clause_is_that_clauses() -> None:
    found = run(
        "Lloyd Austin met Dong Jun in Singapore on Friday. Austin raised concerns about PLA activity around Taiwan, "
        "where China held large-scale drills last week, a Pentagon statement said.", "en",
        "2024-05-31T18:00:00+08:00",
    )  # fmt: skip
    assert [f["occurred_on"] for f in facts(found, "criticism")] == ["2024-05-31"]


def test_the_play_with_fire_warning_formula_is_no_criticism_but_an_accusation_is() -> None:
    call = "国家主席习近平28日同美国总统拜登通电话。"
    found = run(call + "习近平警告美方，玩火必自焚。", "zh", "2022-07-29T09:00:00+08:00")
    assert facts(found, "criticism") == []
    found = run(call + "习近平指出，美方一些人是在玩火。", "zh", "2022-07-29T09:00:00+08:00")
    assert [f["participants"] for f in facts(found, "criticism")] == [["xi-jinping"]]


def test_opposing_any_such_acts_is_a_position_but_opposing_the_other_sides_act_a_criticism() -> None:
    call = "国防部长董军9日与美国国防部长奥斯汀视频通话。"
    found = run(call + "董军表示，中方坚决反对任何纵容支持“台独”的言行。", "zh", "2024-04-16T22:00:00+08:00")
    assert [c.kind for c in found if c.kind in ("statement", "criticism")] == ["statement"]
    found = run(call + "董军表示，中方坚决反对美方售台武器。", "zh", "2024-04-16T22:00:00+08:00")
    assert [c.kind for c in found if c.kind in ("statement", "criticism")] == ["criticism"]
