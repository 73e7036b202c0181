"""The HTML report in a real headless Chromium: sections render, hostile text stays text, nothing is fetched."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tracker.reports.html import render_html
from tracker.session import open_session
from tracker.views.changes import changes_since, channel_histories

CHROMIUM = "/usr/bin/chromium"
SECTIONS = ("channels", "index", "sanctions", "interactions", "expected", "offices", "changes")
HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=NetworkTimeServiceQuerying",
]


def _find() -> str | None:
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of a headless Chromium, installed with apt-get once when running as root; else the test is skipped."""
    path = _find()
    if path is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=300, check=False)
            subprocess.run(
                ["apt-get", "install", "-y", "chromium"], env=env, capture_output=True, timeout=900, check=False
            )
            # Best effort: a CJK font so the Chinese channel names render in the screenshot.
            subprocess.run(
                ["apt-get", "install", "-y", "fonts-wqy-zenhei"], env=env, capture_output=True, timeout=300, check=False
            )
        except subprocess.TimeoutExpired:
            pass
        path = _find()
    if path is None:
        pytest.skip(
            f"no Chromium at {CHROMIUM} and it could not be installed (needs root and apt-get with network access)"
        )
    return path


def _run(chromium: str, profile: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _page_requests(net_log: Path) -> list[str]:
    """http(s) URLs the page asked for: requests initiated by a file:// document, not the browser's own."""
    text = net_log.read_text(encoding="utf-8", errors="replace").rstrip()
    if not text.endswith("}"):  # a log cut short on exit: close the events list
        text = text.rstrip(",\n") + "]}"
    log = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log.get("events", []):
        params: dict[str, Any] = event.get("params") or {}
        url = params.get("url", "")
        if event.get("type") != start_job or not url.startswith(("http://", "https://")):
            continue
        if params.get("initiator") != "not an origin" or "file://" in params.get("network_isolation_key", ""):
            urls.append(url)
    return urls


def _report(tmp_path: Path) -> Path:
    session = open_session(str(tmp_path / "store"), create=True)
    try:
        session.init()
        source = {"url": "https://www.reuters.com/x", "outlet": "Reuters", "language": "en"}
        fact = {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "occurred_on": "2023-07-12"}
        session.append([{**fact, "location": "Pentagon", "summary": HOSTILE, "source": source}])
        try:
            from tracker.demo import record_demo
        except ImportError:
            pass
        else:
            record_demo(session)  # its Pentagon meeting corroborates the hostile one, which keeps its summary
        status = session.status(as_of="2023-07-31")
        status["changes"] = changes_since(session.conn, dyad=status["dyad"], since="2023-07-01", as_of="2023-07-31")
        status["channel_history"] = channel_histories(session.conn, dyad=status["dyad"], until="2023-07-31")
    finally:
        session.close()
    assert any(i["summary"] == HOSTILE for i in status["interactions"]), "the hostile summary reaches the report"
    page = tmp_path / "report.html"
    page.write_text(render_html(status), encoding="utf-8")
    return page


def test_report_renders_in_chromium_without_running_or_fetching_anything(chromium: str, tmp_path: Path) -> None:
    """Every section renders, the hostile summary neither runs nor loads, and the page makes no network request."""
    page = _report(tmp_path)

    net_log = tmp_path / "net.json"
    done = _run(chromium, tmp_path / "profile-dom", f"--log-net-log={net_log}", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    parser = _Dom()
    parser.feed(dom)
    ids = {attrs.get("id") for _, attrs in parser.tags}
    assert set(SECTIONS) <= ids, f"missing sections: {set(SECTIONS) - ids}"
    tags = [tag for tag, _ in parser.tags]
    assert "script" not in tags and "img" not in tags
    head_title = re.search(r"<head>.*?<title>(.*?)</title>", dom, flags=re.S)
    assert head_title and "PWNED" not in head_title.group(1)
    assert head_title.group(1).startswith("China–US relations as of 2023-07-31")
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom  # shown as text
    assert dom.count("<svg") == 2
    assert _page_requests(net_log) == []

    artifacts = Path(os.environ.get("TRACKER_ARTIFACTS") or Path(__file__).resolve().parents[1] / "artifacts")
    artifacts.mkdir(parents=True, exist_ok=True)
    shot = artifacts / "report.png"
    shot.unlink(missing_ok=True)
    done = _run(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_net_log_check_sees_a_page_request(chromium: str, tmp_path: Path) -> None:
    """The network check is not vacuous: a page that loads an image shows up as a page request."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><title>control</title><img src="http://tracker-test.invalid/x.png">', encoding="utf-8"
    )
    net_log = tmp_path / "net.json"
    done = _run(chromium, tmp_path / "profile", f"--log-net-log={net_log}", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert _page_requests(net_log) == ["http://tracker-test.invalid/x.png"]
