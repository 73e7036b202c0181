"""The reports read model on a real store (SQLite and PostgreSQL): ingest, revise, seen by two feeds,
counts per feed, full-text search in English and Chinese, and search kept through rebuild, catch-up
and `--known-at` views."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from events.commands import IngestReport
from events.ids import report_id
from tracker.errors import UsageError
from tracker.session import Session
from tracker.views import Views, open_views, views_known_at
from tracker.views import reports as report_queries

WIRE = "https://www.state.gov/feed/"
MFA = "https://www.mfa.gov.cn/rss/zh.xml"
MEETING = "https://www.reuters.com/world/austin-dong-shangri-la/"
XINHUA = "https://www.news.cn/world/20240531/abc/c.html"
LIST_KEYS = ["id", "url", "title", "outlet", "language", "published_at", "feeds", "versions", "truncated",
             "ingested_at"]  # fmt: skip
EN_TEXT = "Defense Secretary Lloyd Austin met Chinese Defense Minister Dong Jun in Singapore on Friday."
ZH_TEXT = "美国国防部长奥斯汀5月31日在新加坡与中国国防部长董军举行会晤，双方就两军关系交换了意见。"
PUBLISHED = datetime(2024, 5, 31, 9, 30, tzinfo=UTC)


def _feeds(session: Session) -> tuple[str, str]:
    wire = session.add_feed(WIRE, name="state-dept", language="en").fact_id
    mfa = session.add_feed(MFA, name="mfa-zh", language="zh").fact_id
    return wire, mfa


def _ingest(
    session: Session, key: str, feed: str, text: str, *, sha: str = "v1", title: str | None = "Austin meets Dong",
    language: str = "en", published: datetime | None = PUBLISHED, truncated: bool = False,
) -> str:  # fmt: skip
    command = IngestReport(key, feed, title, "Reuters", language, published, sha, text, truncated)
    return session._execute([command])[0].action


def _ids(found: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [r["id"] for r in found]


def test_an_ingested_report_is_listed_and_shown(session: Session) -> None:
    """One report: listed with the documented keys and its feed's name; shown by id prefix or URL with its text."""
    wire, _ = _feeds(session)
    assert _ingest(session, MEETING, wire, EN_TEXT, truncated=True) == "ingested"
    [listed] = session.reports()
    assert list(listed) == LIST_KEYS
    assert listed["id"] == str(report_id(MEETING))
    assert (listed["url"], listed["title"], listed["outlet"], listed["language"]) == (
        MEETING, "Austin meets Dong", "Reuters", "en")  # fmt: skip
    assert (listed["feeds"], listed["versions"], listed["truncated"]) == (["state-dept"], 1, True)
    assert listed["truncated"] is True  # a JSON boolean, not SQLite's 1
    assert datetime.fromisoformat(listed["published_at"]) == PUBLISHED
    shown = session.report(listed["id"][:8])
    assert {k: shown[k] for k in LIST_KEYS} == listed
    assert (shown["text"], shown["derived_from"], shown["revised_at"]) == (EN_TEXT, None, None)
    assert session.report(MEETING) == shown == session.report(listed["id"].upper())


def test_newest_first_and_limit(session: Session) -> None:
    """Reports come newest first by publication (else ingestion), at most --limit of them."""
    wire, _ = _feeds(session)
    _ingest(session, "https://a.example/old", wire, "old", published=datetime(2024, 1, 1, tzinfo=UTC))
    _ingest(session, "https://a.example/new", wire, "new", published=datetime(2024, 6, 1, tzinfo=UTC))
    _ingest(session, "https://a.example/undated", wire, "undated", published=None)  # ingested 2024-01-01 later
    assert [r["url"] for r in session.reports()] == [
        "https://a.example/new", "https://a.example/undated", "https://a.example/old"]  # fmt: skip
    assert [r["url"] for r in session.reports(limit=1)] == ["https://a.example/new"]


def test_a_revision_replaces_the_text_and_what_search_finds(session: Session) -> None:
    """A new version: its text shown, versions counted, the old words no longer found and the new ones found."""
    wire, _ = _feeds(session)
    _ingest(session, MEETING, wire, "Austin met Dong in Singapore.")
    assert _ingest(session, MEETING, wire, "Austin met Dong Jun at the Shangri-La Dialogue.", sha="v2",
                   title=None) == "revised"  # fmt: skip
    shown = session.report(MEETING)
    assert shown["text"] == "Austin met Dong Jun at the Shangri-La Dialogue."
    assert (shown["versions"], shown["content_sha256"], shown["title"]) == (2, "v2", "Austin meets Dong")
    assert shown["revised_at"] is not None
    assert session.search_reports("Singapore") == []
    assert _ids(session.search_reports("Shangri")) == [shown["id"]]
    assert _ids(session.search_reports('"Austin meets"')) == [shown["id"]]  # the title kept is still searched


def test_a_report_seen_by_two_feeds_is_one_report_counted_in_each(session: Session) -> None:
    """The same item in two feeds is one report carried by both; counts_by_feed and --feed see it in each."""
    wire, mfa = _feeds(session)
    _ingest(session, MEETING, wire, EN_TEXT)
    assert _ingest(session, MEETING, mfa, EN_TEXT) == "seen"
    _ingest(session, XINHUA, mfa, ZH_TEXT, language="zh")
    assert report_queries.counts_by_feed(session.conn) == {wire: 1, mfa: 2}
    assert session.report(MEETING)["feeds"] == ["state-dept", "mfa-zh"]
    assert [r["url"] for r in session.reports(feed="state-dept")] == [MEETING]
    assert sorted(r["url"] for r in session.reports(feed=MFA)) == sorted([MEETING, XINHUA])
    assert len(session.reports()) == 2


def test_a_revision_from_another_feed_adds_that_feed(session: Session) -> None:
    """New content first seen in a second feed is a revision, and that feed now carries the report too."""
    wire, mfa = _feeds(session)
    _ingest(session, MEETING, wire, EN_TEXT)
    assert _ingest(session, MEETING, mfa, EN_TEXT + " Updated.", sha="v2") == "revised"
    assert session.report(MEETING)["feeds"] == ["state-dept", "mfa-zh"]
    assert report_queries.counts_by_feed(session.conn) == {wire: 1, mfa: 1}


def test_search_in_english(session: Session) -> None:
    """Words in any case, all of them; a phrase in quotes; a prefix; a snippet marks the match."""
    wire, _ = _feeds(session)
    _ingest(session, MEETING, wire, EN_TEXT)
    _ingest(session, "https://a.example/other", wire, "Austin spoke about trade.", title="Trade")
    assert len(session.search_reports("austin")) == 2
    [hit] = session.search_reports("Austin singapore")
    assert hit["url"] == MEETING and list(hit)[: len(LIST_KEYS)] == LIST_KEYS
    assert "[Singapore]" in hit["snippet"]
    assert _ids(session.search_reports('"Dong Jun"')) == [hit["id"]]
    assert session.search_reports('"Jun Dong"') == []
    assert _ids(session.search_reports("Singap*")) == [hit["id"]]
    assert session.search_reports("Singap") == []  # a word is a word: no match inside words without *
    assert _ids(session.search_reports("minister OR nothing")) == []  # OR is a word, not an operator


def test_search_in_chinese_inside_sentences(session: Session) -> None:
    """Chinese words are found inside a sentence, two characters too; the characters must stand together."""
    _, mfa = _feeds(session)
    _ingest(session, XINHUA, mfa, ZH_TEXT, title="中美防长举行会晤", language="zh")
    _ingest(session, "https://a.example/zh2", mfa, "外交部发言人就台湾问题答记者问。", title="发言人", language="zh")
    [hit] = session.search_reports("国防部长")
    assert hit["url"] == XINHUA
    assert "[国防部长]" in hit["snippet"] and "\u200b" not in hit["snippet"]
    assert _ids(session.search_reports("会晤")) == [hit["id"]]  # two characters: what trigram cannot find
    assert _ids(session.search_reports("董军 Singapore")) == []  # every word must appear
    assert _ids(session.search_reports("奥斯汀 董军")) == [hit["id"]]
    assert session.search_reports("部国") == []  # both characters appear, not together
    assert _ids(session.search_reports("台湾")) == [str(report_id("https://a.example/zh2"))]
    # Traditional and simplified characters are one: 國防部長 finds 国防部长.
    assert _ids(session.search_reports("國防部長")) == [hit["id"]]
    # The text shown is the text ingested, without the separators of the index.
    assert session.report(XINHUA)["text"] == ZH_TEXT


def test_full_width_and_mixed_script_queries(session: Session) -> None:
    """A full-width Latin query finds the ASCII word (NFKC on both sides); Latin inside Chinese is a word."""
    _, mfa = _feeds(session)
    _ingest(session, XINHUA, mfa, "美国F-35战机与ＡＳＥＡＮ成员国", language="zh")
    assert len(session.search_reports("ＡＳＥＡＮ")) == len(session.search_reports("asean")) == 1
    assert len(session.search_reports("F-35")) == 1 and len(session.search_reports("战机")) == 1


@pytest.mark.parametrize("query", ["", "   ", '"', "*", '""', '" *', "-", "()", "^"])
def test_a_query_of_nothing_or_only_syntax_is_a_usage_error(session: Session, query: str) -> None:
    """Nothing to search for is one UsageError, never an sqlite3 error."""
    with pytest.raises(UsageError):
        session.search_reports(query)


@pytest.mark.parametrize("query", ['"Austin', 'Austin"', "NEAR(Austin", "title:Austin", "Austin AND", "a*b*", "NOT"])
def test_fts_syntax_in_a_query_is_text(session: Session, query: str) -> None:
    """Unbalanced quotes, operators and column filters are searched as words, not parsed: no error."""
    wire, _ = _feeds(session)
    _ingest(session, MEETING, wire, EN_TEXT)
    assert isinstance(session.search_reports(query), list)


def test_bad_ids_feeds_and_limits_are_usage_errors(session: Session) -> None:
    """An unknown, short or ambiguous id, an unknown feed and a limit under 1 are each one UsageError."""
    wire, _ = _feeds(session)
    _ingest(session, MEETING, wire, EN_TEXT)
    with pytest.raises(UsageError, match="no report"):
        session.report("ffffffff")
    with pytest.raises(UsageError, match="at least 6"):
        session.report("0de3")
    with pytest.raises(UsageError, match="at least 6"):
        session.report("%%%%%%%")
    with pytest.raises(UsageError, match="no feed named"):
        session.reports(feed="nowhere")
    with pytest.raises(UsageError, match="--limit"):
        session.reports(limit=0)
    with pytest.raises(UsageError, match="--limit"):
        session.search_reports("Austin", limit=0)


def test_an_ambiguous_prefix_is_a_usage_error(session: Session) -> None:
    """Two reports whose ids share their first 6 characters (ad5975, found by search): that prefix names neither."""
    wire, _ = _feeds(session)
    for url in ("https://a.example/5702", "https://a.example/7312"):
        _ingest(session, url, wire, "text")
    with pytest.raises(UsageError, match="ambiguous"):
        session.report("ad5975")
    assert session.report(str(report_id("https://a.example/7312"))[:9])["url"] == "https://a.example/7312"


def test_rebuild_and_a_fresh_catch_up_keep_search_working(
    session: Session, make_session: Callable[..., Session], tmp_path: Path
) -> None:
    """After `projections rebuild` (bulk: index built at the end) and in views caught up from nothing,
    search finds the latest text, not the revised-away one, and a report ingested afterwards too."""
    wire, mfa = _feeds(session)
    _ingest(session, MEETING, wire, "Austin met Dong in Singapore.")
    _ingest(session, MEETING, mfa, "Austin met Dong Jun at the Shangri-La Dialogue.", sha="v2")
    _ingest(session, XINHUA, mfa, ZH_TEXT, language="zh")
    session.rebuild()
    assert _ids(session.search_reports("Shangri")) == [str(report_id(MEETING))]
    assert session.search_reports("Singapore") == []
    assert _ids(session.search_reports("会晤")) == [str(report_id(XINHUA))]
    _ingest(session, "https://a.example/after", wire, "Blinken visited Beijing.", title="Blinken")
    assert len(session.search_reports("Blinken Beijing")) == 1
    other = make_session(views=tmp_path / "other-views")
    assert len(other.search_reports("Blinken")) == 1 and len(other.search_reports("会晤")) == 1
    assert other.search_reports("Singapore") == []
    assert report_queries.counts_by_feed(other.conn) == report_queries.counts_by_feed(session.conn)
    tables = session.projections_status()["tables"]
    assert tables["report_search"] == 3 and not any(t.startswith("report_search_fts") for t in tables)


def test_known_at_views_search_only_what_was_recorded(session: Session) -> None:
    """Read models built in memory up to a time (`--known-at`) index the text known then, not later revisions."""
    wire, _ = _feeds(session)
    _ingest(session, MEETING, wire, "Austin met Dong in Singapore.")
    limit = datetime.fromisoformat(session.report(MEETING)["ingested_at"])
    _ingest(session, MEETING, wire, "Austin met Dong Jun at the Shangri-La Dialogue.", sha="v2")
    _ingest(session, XINHUA, wire, ZH_TEXT)
    then = views_known_at(session.store.read_batch, limit, now=session.now())
    try:
        assert _ids(report_queries.search(then.conn, "Singapore")) == [str(report_id(MEETING))]
        assert report_queries.search(then.conn, "Shangri") == [] and report_queries.search(then.conn, "会晤") == []
    finally:
        then.close()


def test_views_whose_creation_was_cut_short_are_set_aside(sqlite_session: Session, tmp_path: Path) -> None:
    """A views file with tables but no version (created up to its FTS indexes only) is set aside and built anew."""
    path = tmp_path / "cut" / "views.db"
    views = Views(path)
    views.conn.execute("PRAGMA user_version = 0")
    views.close()
    reopened, aside = open_views(path, sqlite_session.now)
    try:
        assert aside is not None and aside.exists()
        assert reopened.conn.execute("SELECT count(*) FROM report_search_fts").fetchone()[0] == 0
    finally:
        reopened.close()
