"""Feed parsing (tracker.feeds.parse): bytes to items, hostile documents refused, never anything fetched."""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.feeds.parse import FeedRefused, Item, ParsedFeed, parse

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"

RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Wire</title><link>https://wire.example/</link><language>en-us</language>
<item>
  <title>Ministry imposes sanctions</title>
  <link>https://wire.example/a/1</link>
  <guid isPermaLink="false">wire-1</guid>
  <pubDate>Tue, 02 Jan 2024 10:00:00 +0200</pubDate>
  <description>&lt;p&gt;The ministry &lt;b&gt;announced&lt;/b&gt;   new&lt;br/&gt;measures &amp;amp; more.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
</item>
<item>
  <title>外交部宣布制裁</title>
  <link>/a/2</link>
  <guid>wire-2</guid>
  <description><![CDATA[<div>外交部 <i>今天</i> 宣布</div>]]></description>
</item>
<item><title>No link</title><link>javascript:alert(1)</link><description>plain</description></item>
</channel></rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">
  <title>新闻</title><link href="https://news.example/"/>
  <id>urn:feed</id><updated>2024-01-03T00:00:00Z</updated>
  <entry>
    <title>北京回应</title><id>urn:entry:1</id>
    <link href="https://news.example/e/1"/>
    <updated>2024-01-03T08:30:00+08:00</updated>
    <content type="html">&lt;p&gt;全文&lt;/p&gt;&lt;p&gt;第二段&lt;/p&gt;</content>
  </entry>
</feed>
""".encode()

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF wire</title><link>https://rdf.example/</link></channel>
  <item rdf:about="https://rdf.example/i/1">
    <title>RDF item</title><link>https://rdf.example/i/1</link>
    <description>Some text</description><dc:date>2024-01-04T12:00:00Z</dc:date>
  </item>
</rdf:RDF>
"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Peer tracker",
        "home_page_url": "https://peer.example/",
        "language": "en",
        "items": [
            {
                "id": "fact-1",
                "url": "https://peer.example/f/1",
                "title": "A fact",
                "content_html": "<p>Fact <em>text</em></p><script>alert(1)</script><style>p{}</style>",
                "date_published": "2024-01-05T09:00:00+01:00",
            },
            {"id": 2, "url": "f/2", "content_text": "  second\n\nfact  ", "language": "zh"},
        ],
    }
).encode()


def test_rss20_items() -> None:
    """An RSS 2.0 feed gives its title, link, language and items with guid, absolute URL and UTC time."""
    feed = parse(RSS20, base_url="https://wire.example/feed.xml")
    assert isinstance(feed, ParsedFeed)
    assert (feed.title, feed.link, feed.language, feed.warning) == ("Wire", "https://wire.example/", "en-us", None)
    first = feed.items[0]
    assert isinstance(first, Item)
    assert first.guid == "wire-1"
    assert first.url == "https://wire.example/a/1"
    assert first.title == "Ministry imposes sanctions"
    assert first.published == datetime(2024, 1, 2, 8, 0, tzinfo=UTC)
    assert first.published.tzinfo is UTC
    assert first.language == "en-us"


def test_html_becomes_text() -> None:
    """Item HTML becomes plain text: tags and scripts gone, entities unescaped, whitespace collapsed."""
    items = parse(RSS20).items
    assert items[0].text == "The ministry announced new measures & more."
    assert items[1].text == "外交部 今天 宣布"
    assert not items[0].truncated


def test_english_and_chinese_titles() -> None:
    """English and Chinese titles come through unchanged."""
    assert [item.title for item in parse(RSS20).items][:2] == ["Ministry imposes sanctions", "外交部宣布制裁"]
    assert parse(ATOM).items[0].title == "北京回应"


def test_relative_links_resolved_or_dropped() -> None:
    """A relative link resolves against base_url, is dropped without one, and a non-http(s) link is dropped."""
    assert parse(RSS20, base_url="https://wire.example/feed.xml").items[1].url == "https://wire.example/a/2"
    assert parse(RSS20).items[1].url is None
    assert parse(RSS20, base_url="https://wire.example/").items[2].url is None


def test_atom_items() -> None:
    """An Atom feed gives items with the feed's xml:lang, content as text and the time in UTC."""
    feed = parse(ATOM)
    assert (feed.title, feed.link, feed.language) == ("新闻", "https://news.example/", "zh")
    (item,) = feed.items
    assert (item.guid, item.url, item.text, item.language) == (
        "urn:entry:1",
        "https://news.example/e/1",
        "全文 第二段",
        "zh",
    )
    assert item.published == datetime(2024, 1, 3, 0, 30, tzinfo=UTC)


def test_rss10_items() -> None:
    """An RSS 1.0 (RDF) feed gives its items with dc:date as the published time."""
    feed = parse(RSS10)
    assert feed.title == "RDF wire"
    (item,) = feed.items
    assert (item.title, item.url, item.text) == ("RDF item", "https://rdf.example/i/1", "Some text")
    assert item.published == datetime(2024, 1, 4, 12, 0, tzinfo=UTC)


def test_json_feed_items() -> None:
    """A JSON Feed gives its items: HTML content as text without scripts, numeric ids as strings, item language over the feed's."""
    feed = parse(JSON_FEED, base_url="https://peer.example/feed.json")
    assert (feed.title, feed.link, feed.language) == ("Peer tracker", "https://peer.example/", "en")
    first, second = feed.items
    assert (first.guid, first.url, first.title, first.text) == (
        "fact-1",
        "https://peer.example/f/1",
        "A fact",
        "Fact text",
    )
    assert first.published == datetime(2024, 1, 5, 8, 0, tzinfo=UTC)
    assert first.published.tzinfo is UTC
    assert (second.guid, second.url, second.title, second.text) == (
        "2",
        "https://peer.example/f/2",
        None,
        "second fact",
    )
    assert (first.language, second.language) == ("en", "zh")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>lol</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
"""


def test_billion_laughs_refused() -> None:
    """A billion-laughs document is refused before any expansion, quickly."""
    started = time.monotonic()
    with pytest.raises(FeedRefused, match="entities"):
        parse(BILLION_LAUGHS)
    assert time.monotonic() - started < 1


def test_billion_laughs_in_utf16_refused() -> None:
    """Entity declarations are found in a UTF-16 document too."""
    with pytest.raises(FeedRefused, match="entities"):
        parse(BILLION_LAUGHS.decode().replace('version="1.0"?', 'version="1.0" encoding="utf-16"?').encode("utf-16"))


def test_xxe_refused_and_file_never_read(tmp_path: Path) -> None:
    """An external entity naming a local file is refused and the file's content appears nowhere."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>
""".encode()
    with pytest.raises(FeedRefused) as refused:
        parse(xxe)
    assert "TOP-SECRET" not in str(refused.value)
    assert "\n" not in str(refused.value)


def test_bytes_naming_a_file_are_not_opened(tmp_path: Path) -> None:
    """Bytes that happen to be a path are parsed as a document, never opened as a file."""
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS20.replace(b"Wire", b"TOP-SECRET"))
    with pytest.raises(FeedRefused):
        parse(str(secret).encode())


def test_str_argument_is_a_type_error() -> None:
    """A str (a URL, a path or a document) is refused with TypeError: parse takes bytes only."""
    with pytest.raises(TypeError, match="takes bytes"):
        parse("https://wire.example/feed.xml")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse(RSS20.decode())  # type: ignore[arg-type]


def test_huge_document_refused_quickly() -> None:
    """A 20 MB document is refused on its size before any parsing."""
    huge = RSS20.replace(b"<channel>", b"<channel>" + b"<item><title>x</title></item>" * 700_000)
    assert len(huge) > 20_000_000
    started = time.monotonic()
    with pytest.raises(FeedRefused, match="too large"):
        parse(huge)
    assert time.monotonic() - started < 1


def test_deep_nesting_refused() -> None:
    """A document nested thousands of elements deep is refused."""
    deep = b"<rss version='2.0'><channel>" + b"<x>" * 5000 + b"</x>" * 5000 + b"</channel></rss>"
    with pytest.raises(FeedRefused, match="nested"):
        parse(deep)


def test_many_unclosed_breaks_are_not_deep() -> None:
    """A long article of unclosed <br> tags in CDATA is not mistaken for deep nesting."""
    body = b"<![CDATA[" + b"line<br>" * 2000 + b"]]>"
    feed = parse(RSS20.replace(b"<description>plain</description>", b"<description>" + body + b"</description>"))
    assert feed.items[2].text.startswith("line line")


def test_html_page_refused() -> None:
    """An HTML page served as a feed is refused as not a feed."""
    page = b"<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Welcome</p></body></html>"
    with pytest.raises(FeedRefused, match="not a feed"):
        parse(page)


def test_wrong_encoding_declaration_still_yields_items() -> None:
    """A feed declared UTF-8 but written in Latin-1 still yields its items, with a one-line warning."""
    latin = RSS20.replace("外交部宣布制裁".encode(), b"Caf\xe9").replace(
        "外交部 <i>今天</i> 宣布".encode(), b"na\xefve"
    )
    feed = parse(latin)
    assert len(feed.items) == 3
    assert feed.items[1].title is not None and feed.items[1].title.startswith("Caf")
    assert feed.warning is not None and "\n" not in feed.warning


def test_undecodable_garbage_refused() -> None:
    """Bytes that are no document at all are refused."""
    with pytest.raises(FeedRefused):
        parse(bytes(range(256)) * 4)


def test_text_capped_with_flag() -> None:
    """Text past max_text is cut and the item says so."""
    item = parse(RSS20, max_text=10).items[0]
    assert item.text == "The minist"
    assert item.truncated


def test_content_hash_stable_and_sensitive() -> None:
    """The same item parsed twice hashes the same; a changed text hashes differently."""
    once, twice = parse(RSS20).items[0], parse(RSS20).items[0]
    changed = parse(RSS20.replace(b"new", b"old")).items[0]
    assert once.content_sha256 == twice.content_sha256
    assert len(once.content_sha256) == 64
    assert changed.content_sha256 != once.content_sha256


def _corpus_files() -> list[Path]:
    if not CORPORA.is_dir():
        pytest.skip(f"no feed corpus at {CORPORA}")
    return sorted(path for path in CORPORA.rglob("*") if path.is_file())


def _parse_all(paths: list[Path]) -> dict[str, int]:
    counts = {"parsed": 0, "refused": 0, "items": 0}
    for path in paths:
        try:
            feed = parse(path.read_bytes(), base_url="http://corpus.example/feed")
        except FeedRefused:
            counts["refused"] += 1
        else:
            counts["parsed"] += 1
            counts["items"] += len(feed.items)
    return counts


def test_corpus_sample_never_crashes() -> None:
    """About 200 corpus feeds chosen with a fixed seed parse or are refused; nothing else is raised."""
    files = _corpus_files()
    counts = _parse_all(random.Random(42).sample(files, min(200, len(files))))
    print(f"corpus sample: {counts}")
    assert counts["parsed"] > counts["refused"]
    assert counts["items"] > 0


@pytest.mark.slow
def test_whole_corpus_never_crashes() -> None:
    """Every corpus feed parses or is refused; the counts are printed."""
    counts = _parse_all(_corpus_files())
    print(f"whole corpus: {counts}")
    assert counts["parsed"] > counts["refused"]
