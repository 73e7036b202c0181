"""Poll: 200 loopback feeds of 50 items each, polled twice through `Session.poll`, with the poller's peak RSS.

The feeds are served by tests/feedserver.py (ETag on every feed, 304 to a matching If-None-Match) on a thread of
this process; the poll runs in a child process (a fresh SQLite store, or a fresh PostgreSQL schema), subscribed
through OPML, with the default PollOptions (8 workers, 2 at a time per host: every feed is on 127.0.0.1). The
first poll ingests 10,000 new reports, the second is all 304s; peak RSS is the child's ru_maxrss.

Baseline, same run, same server: the raw cost of the same work without tracker, also in a child process: one
httpx.Client and 8 threads fetch the 200 feeds and feedparser.parse() each body (no store, no per-host limit),
then fetch them again with If-None-Match (all 304). `--profile` runs both tracker polls under cProfile
and prints where the time goes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import common
from feedserver import FeedServer, rss, serve

FEEDS = 200
ITEMS = 50
TARGET_FIRST = 30.0
TARGET_SECOND = 3.0
TARGET_RSS_MB = 300
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"

POLL_SNIPPET = r"""
import cProfile, json, pstats, time
from tracker.session import open_session
s = open_session(%(store)r, %(views)r, create=True)
s.init()
added = s.import_opml(open(%(opml)r, "rb").read())["added"]
profile = cProfile.Profile() if %(profile)r else None
t0 = time.perf_counter()
if profile:
    profile.enable()
first = s.poll(extract=False)
if profile:
    profile.disable()
    profile.dump_stats(%(profile)r)
t1 = time.perf_counter()
s.catch_up()  # the read models take in the new reports first, as any read after the poll would
t_catch_up = time.perf_counter() - t1
t1 = time.perf_counter()
extracted = s.extract_reports()
t_extract = time.perf_counter() - t1
t_first = t1 - t0
t1 = time.perf_counter()
if profile:
    profile = cProfile.Profile()
    profile.enable()
second = s.poll()
if profile:
    profile.disable()
    profile.dump_stats(%(profile)r + ".second")
t2 = time.perf_counter()
s.close()
print(json.dumps({"added": added, "first": t_first, "extract": t_extract, "catch_up": t_catch_up, "extracted": extracted,
                  "second": t2 - t1, "first_line": first.line(),
                  "second_line": second.line(), "new": first.new, "not_modified": second.count("not-modified")}))
"""

BASELINE_SNIPPET = r"""
import io, json, time
from concurrent.futures import ThreadPoolExecutor
import feedparser, httpx
urls = json.load(open(%(urls)r))
client = httpx.Client(limits=httpx.Limits(max_connections=16))
def first(url):
    r = client.get(url)
    return url, r.headers["ETag"], len(feedparser.parse(io.BytesIO(r.content)).entries)
def second(got):
    return client.get(got[0], headers={"If-None-Match": got[1]}).status_code
t0 = time.perf_counter()
with ThreadPoolExecutor(8) as pool:
    got = list(pool.map(first, urls))
t1 = time.perf_counter()
with ThreadPoolExecutor(8) as pool:
    statuses = list(pool.map(second, got))
t2 = time.perf_counter()
print(json.dumps({"first": t1 - t0, "second": t2 - t1, "entries": sum(g[2] for g in got),
                  "not_modified": statuses.count(304)}))
"""


def serve_feeds(server: FeedServer) -> list[str]:
    """FEEDS feeds of ITEMS items each, every item its own link and a paragraph of text."""
    urls = []
    for f in range(FEEDS):
        items = [
            (
                f"https://wire{f % 20}.example.org/{f}/{i}",
                f"Feed {f} story {i}: ministers meet",
                f"Story {i} of feed {f}. " + "The foreign ministers met in Beijing and discussed trade. " * 10,
            )
            for i in range(ITEMS)
        ]
        urls.append(server.set(f"/feed/{f}.xml", rss(items, title=f"Bench feed {f}")))
    return urls


def opml(urls: list[str]) -> bytes:
    outlines = "".join(f'<outline text="bench {i}" xmlUrl="{url}"/>' for i, url in enumerate(urls))
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'.encode()


def tracker_poll(store: str, views: str, opml_file: Path, profile: str | None) -> dict[str, Any]:
    code = POLL_SNIPPET % {"store": store, "views": views, "opml": str(opml_file), "profile": profile}
    r = common.python_snippet(code)
    return {**r["json"], "rss_mb": r["rss_mb"], "process_wall": r["wall"]}


def postgres_poll(opml_file: Path, scratch: Path) -> dict[str, Any]:
    import psycopg

    schema = f"bench_poll_{int(time.time())}"
    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        return tracker_poll(f"{PG_URL}?schema={schema}", str(scratch / "pg-views"), opml_file, None)
    finally:
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def rows_for(label: str, t: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        common.row(f"poll {label}: first ({t['new']:,} new)", t["first"], "s", baseline=b["first"],
                   baseline_label="httpx+feedparser", target=f"<= {TARGET_FIRST:.0f}", ok=t["first"] <= TARGET_FIRST),
        common.row(f"poll {label}: second ({t['not_modified']} x 304)", t["second"], "s", baseline=b["second"],
                   baseline_label="httpx, 304s", target=f"<= {TARGET_SECOND:.0f}", ok=t["second"] <= TARGET_SECOND),
        common.row(f"extraction of the first poll's {t['new']:,} reports, {label}", t["extract"], "s",
                   baseline=t["first"], baseline_label="the first poll", target="<= 0.5 x the poll",
                   ok=t["extract"] <= 0.5 * t["first"]),
        common.row(f"poll {label}: peak RSS", t["rss_mb"], "MB", baseline=b["rss_mb"],
                   baseline_label="httpx+feedparser", target=f"<= {TARGET_RSS_MB}", ok=t["rss_mb"] <= TARGET_RSS_MB),
    ]  # fmt: skip


def show(label: str, t: dict[str, Any]) -> None:
    print(f"  tracker ({label}): first {t['first']:.2f} s [{t['first_line']}]")
    print(
        f"  tracker ({label}): read models caught up in {t['catch_up']:.2f} s, then extraction of its reports "
        f"{t['extract']:.2f} s {t['extracted']}"
    )
    print(f"  tracker ({label}): second {t['second']:.2f} s [{t['second_line']}]; peak RSS {t['rss_mb']:.0f} MB")


def main(skip_postgres: bool = False, profile: bool = False, **_: Any) -> dict[str, Any]:
    print(f"poll of {FEEDS} loopback feeds x {ITEMS} items, twice", flush=True)
    result: dict[str, Any] = {"measure": "poll", "feeds": FEEDS, "items": ITEMS}
    with common.temp_dir("poll-") as scratch, serve() as server:
        urls = serve_feeds(server)
        (scratch / "feeds.opml").write_bytes(opml(urls))
        (scratch / "urls.json").write_text(json.dumps(urls))
        stats = str(scratch / "first.prof") if profile else None
        t = tracker_poll(str(scratch / "store"), str(scratch / "store"), scratch / "feeds.opml", stats)
        show("SQLite", t)
        r = common.python_snippet(BASELINE_SNIPPET % {"urls": str(scratch / "urls.json")})
        b = {**r["json"], "rss_mb": r["rss_mb"]}
        print(f"  baseline httpx+feedparser: first {b['first']:.2f} s ({b['entries']:,} entries), second "
              f"{b['second']:.2f} s ({b['not_modified']} x 304); peak RSS {b['rss_mb']:.0f} MB")  # fmt: skip
        result.update(sqlite=t, baseline=b)
        rows = rows_for("SQLite", t, b)
        if stats:
            import pstats

            for which, path in (("first", stats), ("second", stats + ".second")):
                print(f"\n-- profile of the {which} poll (SQLite), by cumulative time --")
                pstats.Stats(path).sort_stats("cumulative").print_stats(30)
        if skip_postgres:
            rows.append(common.row("poll PostgreSQL", None, "s", note="skipped"))
        else:
            try:
                p = postgres_poll(scratch / "feeds.opml", scratch)
                show("PostgreSQL", p)
                result["postgres"] = p
                rows += rows_for("PostgreSQL", p, b)
            except Exception as e:
                print(f"  PostgreSQL: failed: {e}", flush=True)
                result["postgres"] = {"error": str(e)}
                rows.append(common.row("poll PostgreSQL", None, "s", ok=False, note=f"failed: {str(e)[:200]}"))
    result["rows"] = rows
    return result


if __name__ == "__main__":
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile both SQLite polls (cProfile)")
    args = parser.parse_args()
    common.finish(main(skip_postgres=args.skip_postgres, profile=args.profile), args)
