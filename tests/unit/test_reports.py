"""The report renderers: escaping of hostile strings, table shape, order, and CSV round trips."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tracker.reports.charts import channel_timeline_svg, index_chart_svg
from tracker.reports.common import parse_day, safe_url
from tracker.reports.html import render_html
from tracker.reports.markdown import escape_markdown, render_markdown, render_timeline_markdown
from tracker.reports.spans import channel_spans
from tracker.reports.text import render_text, render_timeline_csv, render_timeline_text

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PIPES = "| pipes |"
LINK = "](javascript:alert(1))"
EVIL = f"{SCRIPT} {IMG} {PIPES} {LINK} `code` back\\slash a & b\nsecond line"


def _status(**extra: Any) -> dict[str, Any]:
    interaction = {
        "id": "i1",
        "kind": "meeting",
        "status": "occurred",
        "cameo": "042",
        "goldstein": 1.9,
        "occurred_on": "2023-07-12",
        "precision": "day",
        "until": None,
        "participants": [
            {"id": "xie-feng", "name": "Xie Feng", "state": "CHN"},
            {"id": "evil", "name": IMG, "state": "USA"},
        ],
        "location": "Pentagon " + PIPES,
        "channel": None,
        "summary": EVIL,
        "sources": [
            {"url": "https://www.reuters.com/x?a=1&b=(2)", "outlet": "Reuters " + SCRIPT, "language": "en"},
            {"url": "javascript:alert(1)", "outlet": "Evil outlet", "language": "en"},
            {"url": 'https://evil.example/"onmouseover="alert(1)', "outlet": "Quote", "language": "en"},
            {
                "url": "https://www.dw.com/zh/a-1",
                "outlet": "DW",
                "language": "zh",
                "derived_from": "https://www.reuters.com/x",
            },
        ],
    }
    status: dict[str, Any] = {
        "dyad": "CHN-USA",
        "as_of": "2023-07-31",
        "known_at": None,
        "generated_at": "2023-08-01T00:00:00+00:00",
        "window": {"since": "2023-01-01", "until": "2023-07-31"},
        "channels": [
            {
                "id": "c-mmca",
                "slug": "mmca",
                "name": "MMCA " + SCRIPT,
                "names": {"en": "MMCA", "zh": "海上军事安全磋商机制"},
                "status": "suspended",
                "since": "2022-08-05",
                "last_contact": None,
                "sources": ["javascript:alert(1)", "https://www.fmprc.gov.cn/x"],
            },
            {
                "id": "c-dm",
                "slug": "defense-ministers",
                "name": "Defense ministers' talks",
                "names": {"en": "Defense ministers' talks", "zh": "防长会谈"},
                "status": "stalled",
                "since": "2023-07-12",
                "last_contact": "2023-03-01",
                "sources": [],
            },
        ],
        "sanctions": [
            {
                "id": "s1",
                "imposed_by": "USA",
                "authority": "State " + PIPES,
                "program": "CAATSA 231",
                "target": {"id": "li-shangfu", "name": "Li Shangfu"},
                "target_state": "CHN",
                "since": "2018-09-20",
                "status": "active",
                "sources": ["https://2017-2021.state.gov/x"],
            },
            {
                "id": "s2",
                "imposed_by": "CHN",
                "authority": "MOFCOM",
                "program": "Unreliable Entity List",
                "target": {"id": "acme", "name": "Acme " + LINK},
                "target_state": "USA",
                "since": "2023-02-16",
                "lifted_on": "2023-06-01",
                "status": "lifted",
                "sources": [],
            },
        ],
        "interactions": [interaction],
        "expected": [
            {**interaction, "id": "e1", "status": "expected", "occurred_on": "2023-08-02", "summary": "Kerry visit"}
        ],
        "offices": [
            {
                "actor": {"id": "xie-feng", "name": "Xie Feng"},
                "office": "Ambassador " + SCRIPT,
                "state": "CHN",
                "since": "2023-05-23",
                "until": None,
            }
        ],
        "index": [
            {"month": "2023-05", "events": 1, "goldstein_sum": -5.0, "goldstein_mean": -5.0},
            {"month": "2023-07", "events": 2, "goldstein_sum": 3.8, "goldstein_mean": 1.9},
        ],
        "review_pending": 0,
        "feeds": [],
        "changes": {
            "since": "2023-07-01",
            "channels": [
                {
                    "id": "c-dm",
                    "slug": "defense-ministers",
                    "name": "DM " + IMG,
                    "from": "active",
                    "to": "stalled",
                    "on": "2023-07-12",
                }
            ],
            "sanctions": [
                {"id": "s2", "target": {"id": "acme", "name": "Acme"}, "event": "lifted", "on": "2023-07-02"}
            ],
            "interactions": [
                {
                    "id": "i1",
                    "kind": "meeting",
                    "occurred_on": "2023-07-12",
                    "summary": SCRIPT,
                    "recorded_at": "2023-07-13T06:00:00+00:00",
                }
            ],
            "corrections": [
                {"id": "i9", "event": "InteractionRetracted", "recorded_at": "2023-07-14T00:00:00+00:00", "reason": IMG}
            ],
        },
    }
    status.update(extra)
    return status


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


_MD_LINK = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)*)\]\(([^)\s]*)\)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_escapes_hostile_strings() -> None:
    """No raw tag, javascript: link or unescaped bracket from a source survives into the Markdown."""
    md = render_markdown(_status())
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert\\(1)&lt;/script&gt;" in md or "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "a &amp; b" in md and "back\\\\slash" in md and "\\`code\\`" in md
    destinations = [m.group(2) for m in _MD_LINK.finditer(md)]
    assert destinations, "sources render as links"
    assert all(d.startswith(("https://", "http://")) for d in destinations)
    assert not any("javascript" in d for d in destinations)
    assert "https://www.reuters.com/x?a=1&b=%282%29" in destinations
    assert "https://evil.example/%22onmouseover=%22alert%281%29" in destinations
    assert "\\]\\(javascript" not in md and "\\](javascript:alert(1))" in md


def test_markdown_table_rows_keep_their_columns() -> None:
    """Pipes and newlines inside cells never add a column or break a row."""
    md = render_markdown(_status())
    for block in md.split("\n\n"):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if not lines:
            continue
        width = len(_UNESCAPED_PIPE.findall(lines[0]))
        assert all(len(_UNESCAPED_PIPE.findall(line)) == width for line in lines), block


def test_markdown_tables_have_header_separators() -> None:
    """Every table's header row is followed by a GFM separator row."""
    md = render_markdown(_status())
    lines = md.splitlines()
    headers = [
        i for i, line in enumerate(lines) if line.startswith("| ") and (i == 0 or not lines[i - 1].startswith("|"))
    ]
    assert len(headers) >= 7
    for i in headers:
        assert re.fullmatch(r"\|(---\|)+", lines[i + 1]), lines[i : i + 2]
        assert lines[i].count(" | ") + 1 == lines[i + 1].count("---")


def test_markdown_has_sections_and_what_changed() -> None:
    """The Markdown report has every section, sources as links and a What changed table when changes are given."""
    md = render_markdown(_status())
    for heading in (
        "## Military channels",
        "## Sanctions",
        "## Interactions",
        "## Expected interactions",
        "## Office holders",
        "## What changed since 2023-07-01",
    ):
        assert heading in md
    assert "[Reuters &lt;script&gt;alert" in md
    assert "DW (rewrite)" in md
    assert "What changed" not in render_markdown(_status(changes=None))


def test_escape_markdown_is_one_line() -> None:
    """Newlines and control characters never reach a Markdown cell."""
    assert escape_markdown("a\nb\r\nc\x1b[2Jd") == "a b c\\[2Jd"


def test_html_escapes_hostile_strings() -> None:
    """The HTML has no script, image or event-handler attribute, and links only to http(s) or its own sections."""
    html = render_html(_status())
    parsed = _parse(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input"}
    for tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "src" not in attrs
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("https://", "http://", "#")), href
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert 'https://evil.example/"onmouseover="alert(1)' in hrefs  # one attribute, quotes kept inside it
    assert not any("javascript" in (h or "") for h in hrefs)
    text = "".join(parsed.text)
    assert SCRIPT in text and IMG in text and PIPES in text
    assert "&lt;script&gt;" in html


def test_html_has_every_section() -> None:
    """Each section the browser test looks for carries its id."""
    ids = {attrs.get("id") for _, attrs in _parse(render_html(_status())).tags}
    assert {"channels", "index", "sanctions", "interactions", "expected", "offices", "changes"} <= ids
    assert "changes" not in {attrs.get("id") for _, attrs in _parse(render_html(_status(changes=None))).tags}


def test_html_is_self_contained_and_printable() -> None:
    """The HTML loads nothing, forbids scripts by policy, and has A4 print rules."""
    html = render_html(_status())
    assert "url(" not in html and "@import" not in html and "<link" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "@page { size: A4" in html and "@media print" in html
    assert html.count("<svg") == 2


def test_html_sanctions_show_active_and_lifted() -> None:
    """Both active and lifted sanctions appear, active first."""
    html = render_html(_status())
    section = html[html.index('id="sanctions"') : html.index("</section>", html.index('id="sanctions"'))]
    assert section.index("Li Shangfu") < section.index("Acme")
    assert "status-active" in section and "status-lifted" in section and "lifted 2023-06-01" in section


def test_channel_timeline_draws_spans_from_history() -> None:
    """With a channel history the timeline shows each status change as a span and each contact as a marker."""
    history = {
        "c-dm": [
            {"on": "2022-11-22", "status": "contact"},
            {"on": "2023-03-01", "status": "contact"},
            {"on": "2023-07-12", "status": "stalled"},
        ],
        "c-mmca": [{"on": "2022-08-05", "status": "suspended"}, {"on": "2023-05-01", "status": "resumed"}],
    }
    svg = channel_timeline_svg(_status()["channels"], "2023-01-01", "2023-07-31", history)
    assert svg.count('class="span suspended"') == 1 and svg.count('class="span active"') == 2
    assert svg.count('class="span stalled"') == 1
    assert svg.count('class="contact"') == 2  # one in the window, one in the legend
    assert "<script" not in svg and "MMCA &lt;script&gt;" in svg
    html = render_html(_status(channel_history=history))
    assert 'class="span stalled"' in html


def test_channel_spans_fall_back_to_current_status() -> None:
    """Without a history a channel is unknown until its status date, then in its current status."""
    since, until = parse_day("2023-01-01"), parse_day("2023-07-31")
    assert since and until
    spans, contacts = channel_spans(
        {"status": "stalled", "since": "2023-07-12", "last_contact": "2023-03-01"}, None, since, until
    )
    assert [(s.status, s.start.isoformat(), s.end.isoformat()) for s in spans] == [
        ("unknown", "2023-01-01", "2023-07-12"),
        ("stalled", "2023-07-12", "2023-07-31"),
    ]
    assert [c.isoformat() for c in contacts] == ["2023-03-01"]
    spans, _ = channel_spans({"status": "suspended", "since": "2022-08-05"}, None, since, until)
    assert [s.status for s in spans] == ["suspended"]


def test_index_chart_draws_cooperation_up_and_conflict_down() -> None:
    """The monthly chart has a bar per month of the window: conflict below the axis, cooperation above, with counts."""
    svg = index_chart_svg(_status()["index"], "2023-01-01", "2023-07-31")
    assert svg.count("<rect") == 7
    assert svg.count('class="bar negative"') == 1
    assert ">2</text>" in svg and ">1</text>" in svg
    assert index_chart_svg([], None, None) == ""


def test_plain_text_report_is_aligned_and_clean() -> None:
    """The plain text report has no escape codes, keeps hostile text literal and aligns columns."""
    status = _status()
    status["interactions"][0]["summary"] = "clear\x1b[2J screen " + SCRIPT
    out = render_text(status, color=False)
    assert "\x1b" not in out
    assert SCRIPT in out
    lines = out.splitlines()
    header = lines.index(next(line for line in lines if line.startswith("Imposed by")))
    for name in ("Target", "Program", "Authority", "Since", "Status"):
        column = lines[header].index(name)
        assert lines[header + 1][column - 2 : column + 1] == "  -", name
        assert all(len(row) > column and row[column - 1] == " " for row in lines[header + 2 : header + 4])


def test_color_text_report_uses_rich_without_markup_injection() -> None:
    """With colour on, the report has ANSI colour and a summary's rich markup prints as written."""
    status = _status()
    status["interactions"][0]["summary"] = "[bold red]not markup[/]"
    out = render_text(status, color=True, width=400)
    assert "\x1b[" in out
    assert "[bold red]not markup[/]" in out


def test_plain_text_does_not_import_rich() -> None:
    """Rendering plain text leaves rich unimported, so the append path never pays for it."""
    code = (
        "import sys; from tracker.reports.text import render_text, render_timeline_csv;"
        "render_text({'dyad': 'CHN-USA', 'as_of': '2023-07-31'}, color=False); render_timeline_csv([]);"
        "assert 'rich' not in sys.modules, 'rich imported'"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, timeout=30)


TIMELINE = [
    {"id": "b", "occurred_on": "2023-07-12", "type": "interaction", "kind": "meeting", "dyad": "CHN-USA", "code": "042", "goldstein": 1.9, "summary": 'Xie, Ratner "meet"\nat ' + SCRIPT, "sources": ["https://www.reuters.com/x", "https://www.dw.com/zh/中国/a-1"]},
    {"id": "a", "occurred_on": "2022-08-05", "type": "channel", "kind": "channel-suspended", "dyad": "CHN-USA", "code": "164", "goldstein": -7.0, "summary": "MMCA suspended | talks", "sources": []},
    {"id": "c", "occurred_on": "2023-07-12", "type": "interaction", "kind": "demand", "dyad": "CHN-USA", "code": "1054", "goldstein": -5.0, "summary": "=HYPERLINK(\"http://x\")", "sources": ["javascript:alert(1)"]},
    {"id": "d", "occurred_on": "2018-09-20", "type": "sanction", "kind": "sanction-imposed", "dyad": "CHN-USA", "code": "163", "goldstein": -8.0, "summary": "CAATSA", "sources": ["https://2017-2021.state.gov/x"]},
]  # fmt: skip


def test_timelines_stay_in_date_order() -> None:
    """Text and Markdown timelines list facts oldest first, same-day facts in the order given."""
    for out in (render_timeline_text(TIMELINE), render_timeline_markdown(TIMELINE)):
        dates = re.findall(r"^\|? ?(\d{4}-\d{2}-\d{2})", out, flags=re.M)
        assert dates == ["2018-09-20", "2022-08-05", "2023-07-12", "2023-07-12"]
        assert out.index("Ratner") < out.index("HYPERLINK")
    md = render_timeline_markdown(TIMELINE)
    assert "<script" not in md and "javascript" not in md and "MMCA suspended \\| talks" in md
    assert re.search(r"^\|(---\|){8}$", md, flags=re.M)


def test_timeline_csv_parses_back() -> None:
    """The CSV timeline reads back with the csv module: same rows, in date order, quotes and newlines intact."""
    rows = list(csv.DictReader(io.StringIO(render_timeline_csv(TIMELINE))))
    assert [r["id"] for r in rows] == ["d", "a", "b", "c"]
    assert list(rows[0]) == ["id", "occurred_on", "type", "kind", "dyad", "code", "goldstein", "summary", "sources"]
    assert rows[2]["summary"] == TIMELINE[0]["summary"]
    assert rows[2]["sources"].split(" ") == TIMELINE[0]["sources"]
    assert float(rows[1]["goldstein"]) == -7.0
    assert rows[3]["summary"].startswith("'=HYPERLINK")  # a spreadsheet must not run it


def test_safe_url_allows_only_http() -> None:
    """Only absolute http(s) URLs become links."""
    assert safe_url("https://www.reuters.com/x") == "https://www.reuters.com/x"
    assert safe_url("HTTP://example.com") == "HTTP://example.com"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "//evil.com",
        "/x",
        "https://a b",
        "https://x\ny",
        None,
        3,
    ):
        assert safe_url(bad) is None, bad
