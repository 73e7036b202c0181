"""The labelled evaluation set for rule-based extraction holds together.

It checks the file, not an extractor: every line parses, names only known actors (or declares
new ones), uses the fact kinds, statuses, precisions and channels of the contract, and keeps
enough reports in each language and split. The vocabulary comes from the code and the shipped
reference data, so a renamed kind or channel fails here instead of silently drifting.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from events.vocab import INTERACTION_KINDS, INTERACTION_STATUSES, PRECISIONS
from tracker.data import load
from tracker.input.facts import CHANNEL_KINDS, FACT_KINDS

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "labelled.jsonl"
DEV2 = HERE / "labelled_dev2.jsonl"  # a second development split, written after the first
DEV3 = HERE / "labelled_dev3.jsonl"  # a third, on the kinds extraction got wrong
DEV4 = HERE / "labelled_dev4.jsonl"  # a fourth, written apart from the extractor
DEV5 = HERE / "labelled_dev5.jsonl"  # a fifth, also written apart
DEV6 = HERE / "labelled_dev6.jsonl"  # a sixth, written apart from the extractor
DEV7 = HERE / "labelled_dev7.jsonl"  # a seventh, written apart and scored once before tuning
DEV8 = HERE / "labelled_dev8.jsonl"  # an eighth, written apart and scored once before tuning
DEV9 = HERE / "labelled_dev9.jsonl"  # a ninth, written blind and scored once before tuning
DEV10 = HERE / "labelled_dev10.jsonl"  # a tenth, written blind and scored once before tuning
DEV11 = HERE / "labelled_dev11.jsonl"  # an eleventh, written blind and scored once before tuning
DEV12 = HERE / "labelled_dev12.jsonl"  # a twelfth, written blind and scored once before tuning
DEV13 = HERE / "labelled_dev13.jsonl"  # a thirteenth, written blind and scored once before tuning
SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"

REQUIRED = ("id", "split", "language", "outlet", "url", "published_at", "title", "derived_from", "hard", "facts")
SPLITS = ("dev", *(f"dev{n}" for n in range(2, 14)), "test")
LANGUAGES = ("en", "zh")
SANCTION_KINDS = ("sanction-imposed", "sanction-lifted")
OFFICE_KINDS = ("office-assumed", "office-left")
DATE_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
URL = re.compile(r"^https://[a-z0-9.-]*example\.(org|com|cn)/\S+$")
SLUG = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|[A-Z]{3})$")
TRADITIONAL_ONLY = set("國軍與會議長務參謀視頻話對東協關")


def _reports() -> list[dict[str, Any]]:
    lines = [
        line
        for path in (LABELLED, DEV2, DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, DEV9, DEV10, DEV11, DEV12, DEV13)
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    reports = []
    for number, line in enumerate(lines, 1):
        assert line.strip(), f"line {number} is blank"
        try:
            reports.append(json.loads(line))
        except json.JSONDecodeError as error:  # pragma: no cover - the message is the point
            pytest.fail(f"line {number} is not JSON: {error}")
    return reports


REPORTS = _reports()
# Actors, states and the organisations the gazetteer knows (firms and units sanctioned by name).
KNOWN_SLUGS = (
    {a["slug"] for a in load("actors")}
    | {s["slug"] for s in load("states")}
    | {o["slug"] for o in load("organizations")}
)
CHANNELS = {c["slug"] for c in load("channels")}


def _is_seed(report: dict[str, Any]) -> bool:
    return "corpus_file" in report


def _parse_date(value: str, precision: str) -> date:
    assert precision in PRECISIONS, f"precision {precision!r} is not one of {PRECISIONS}"
    assert DATE_FORMS[precision].match(value), f"{value!r} is not a {precision}-precision date"
    padded = {"day": value, "month": f"{value}-01", "year": f"{value}-01-01"}[precision]
    return date.fromisoformat(padded)


def _slugs(report: dict[str, Any]) -> set[str]:
    return KNOWN_SLUGS | {a["slug"] for a in report.get("new_actors", [])}


def test_ids_are_unique_and_required_keys_present() -> None:
    ids = Counter(r.get("id") for r in REPORTS)
    assert not [i for i, n in ids.items() if n > 1], "duplicate ids"
    for report in REPORTS:
        missing = [key for key in REQUIRED if key not in report]
        assert not missing, f"{report.get('id')}: missing {missing}"
        assert ("text" in report) != _is_seed(report), f"{report['id']}: needs text or corpus_file, not both"
        if "text" in report:
            assert report["text"].strip(), f"{report['id']}: empty text"
        assert report["split"] in SPLITS, report["id"]
        assert report["language"] in LANGUAGES, report["id"]
        assert isinstance(report["hard"], list), report["id"]
        assert isinstance(report["facts"], list), report["id"]


def test_urls_published_times_and_rewrites() -> None:
    urls = {r["url"] for r in REPORTS}
    assert len(urls) == len(REPORTS), "two reports share a url"
    for report in REPORTS:
        assert URL.match(report["url"]), f"{report['id']}: {report['url']} is not an example.* https url"
        published = datetime.fromisoformat(report["published_at"])
        assert published.tzinfo is not None, f"{report['id']}: published_at has no zone"
        assert date(2018, 1, 1) <= published.date() <= date(2025, 12, 31), report["id"]
        derived = report["derived_from"]
        if derived is not None:
            assert derived in urls and derived != report["url"], f"{report['id']}: derived_from is not in the set"
            assert "rewrite" in report["hard"], f"{report['id']}: a rewrite should be tagged"


def test_new_actors_are_declared_properly() -> None:
    for report in REPORTS:
        for actor in report.get("new_actors", []):
            assert {"slug", "names", "office", "state"} <= set(actor), f"{report['id']}: {actor}"
            assert SLUG.match(actor["slug"]), f"{report['id']}: bad slug {actor['slug']!r}"
            # An actor declared new here may have joined the gazetteer since: the declaration then changes nothing.
            assert actor["names"].get("en"), f"{report['id']}: {actor['slug']} needs an English name"
            assert actor["state"] in KNOWN_SLUGS, f"{report['id']}: unknown state {actor['state']}"


def _check_fact(report: dict[str, Any], fact: dict[str, Any]) -> None:
    where = f"{report['id']} {fact.get('kind')}"
    kind = fact.get("kind")
    assert kind in FACT_KINDS, f"{where}: unknown kind; kinds: {', '.join(FACT_KINDS)}"
    slugs = _slugs(report)
    precision = fact.get("precision", "day")
    first = _parse_date(fact["occurred_on"], precision)
    if "until" in fact:
        assert precision == "day", f"{where}: a range needs day precision"
        assert _parse_date(fact["until"], "day") >= first, f"{where}: until before occurred_on"
    if "background" in fact:
        assert isinstance(fact["background"], bool), where
    if "channel" in fact:
        assert fact["channel"] in CHANNELS, f"{where}: {fact['channel']!r} is not a catalogue channel"
    named: list[str] = []
    if kind in INTERACTION_KINDS:
        assert fact["status"] in INTERACTION_STATUSES, f"{where}: status {fact['status']!r}"
        assert fact["participants"], f"{where}: no participants"
        named = [*fact["participants"], *(fact[k] for k in ("initiator", "recipient") if k in fact)]
        if INTERACTION_KINDS[kind].family in ("meet", "call"):
            assert len(set(named)) >= 2, f"{where}: meetings, calls and talks need two parties"
    elif kind in SANCTION_KINDS:
        named = [fact["target"], fact["imposed_by"]]
    elif kind in CHANNEL_KINDS:
        assert fact["channel"], where
        named = [fact["by"]] if "by" in fact else []
    elif kind in OFFICE_KINDS:
        assert fact["office"].strip(), where
        named = [fact["actor"], fact["state"]]
    unknown = [slug for slug in named if slug not in slugs]
    assert not unknown, f"{where}: {unknown} neither in the gazetteer nor in new_actors"


def test_facts_use_the_contract_vocabulary() -> None:
    for report in REPORTS:
        for fact in report["facts"]:
            _check_fact(report, fact)


def test_not_facts_say_why() -> None:
    for report in REPORTS:
        for wrong in report.get("not_facts", []):
            assert wrong.get("kind") in FACT_KINDS, f"{report['id']}: unknown kind {wrong.get('kind')!r}"
            assert str(wrong.get("why", "")).strip(), f"{report['id']}: a not_fact needs a why"
            if "channel" in wrong:
                assert wrong["channel"] in CHANNELS, report["id"]


def _same(want: Any, have: Any) -> bool:
    if isinstance(want, list) and isinstance(have, list):
        return set(want) == set(have)
    return bool(want == have)


def test_no_trap_matches_a_labelled_fact() -> None:
    # A trap is scored against predictions by its kind and the fields it gives; one that fits a
    # fact of its own report would count the right prediction as an error.
    for report in REPORTS:
        for wrong in report.get("not_facts", []):
            fields = {k: v for k, v in wrong.items() if k not in ("why", "kind")}
            for fact in report["facts"]:
                fits = fact["kind"] == wrong["kind"] and all(_same(v, fact.get(k)) for k, v in fields.items())
                assert not fits, f"{report['id']}: the trap {wrong['why']!r} matches a labelled fact"


def test_size_languages_and_splits() -> None:
    others = [r for r in REPORTS if not _is_seed(r)]
    assert len(others) >= 60
    languages = Counter(r["language"] for r in others)
    assert languages["en"] >= 25 and languages["zh"] >= 25, languages
    splits = Counter(r["split"] for r in REPORTS)
    assert splits["dev"] >= 10 and splits["test"] > splits["dev"], splits
    assert all(r["split"] == "dev" for r in REPORTS if _is_seed(r)), "the seed texts belong to dev"
    for split in {r["split"] for r in REPORTS}:
        assert {r["language"] for r in REPORTS if r["split"] == split} == set(LANGUAGES), split


def test_hard_cases_are_covered() -> None:
    tags = Counter(tag for r in REPORTS for tag in r["hard"])
    for tag in (
        "background",
        "rewrite",
        "expected",
        "negation",
        "new-official",
        "traditional",
        "relative-date",
        "timezone",
        "quoted-demand",
        "intent",
    ):
        assert tags[tag] >= 1, f"no report tagged {tag!r}"
    assert any(f.get("background") for r in REPORTS for f in r["facts"])
    assert sum(len(r.get("not_facts", [])) for r in REPORTS) >= 20
    for report in REPORTS:
        if "traditional" in report["hard"] and "text" in report:
            assert set(report["text"]) & TRADITIONAL_ONLY, f"{report['id']}: tagged traditional, none found"


def test_seed_texts_are_present() -> None:
    seeds = [r for r in REPORTS if _is_seed(r)]
    assert {r["corpus_file"] for r in seeds} == {"2023-07-12-reuters-en.txt", "2023-07-13-dw-zh.txt"}
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the seed texts are read from ../shared/corpus, which this checkout lacks")
    for report in seeds:
        path = CORPUS / report["corpus_file"]
        assert path.is_file(), f"{report['id']}: {path} is missing"
        assert path.read_text(encoding="utf-8").strip(), path
