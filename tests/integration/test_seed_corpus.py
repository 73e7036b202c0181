"""The demo's facts are grounded in the seed story in ../shared/corpus (skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED
from tracker.demo import DW, REUTERS, record_demo
from tracker.session import open_session

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the seed corpus is not at {CORPUS} (it ships beside the repository, not in it)"
)


def _text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def test_reuters_and_dw_name_the_same_meeting() -> None:
    """Both reports name the two principals and the place of the 12 July meeting, in their own language."""
    reuters, dw = _text("2023-07-12-reuters-en.txt"), _text("2023-07-13-dw-zh.txt")
    for name in ("Xie Feng", "Ely Ratner", "Pentagon", "July 12", "Li Shangfu", "Kerry", "Yellen", "Blinken", "Kahl"):
        assert name in reuters, name
    for name in ("谢锋", "拉特纳", "五角大厦", "7月12日", "李尚福", "克里", "耶伦", "布林肯", "卡尔"):
        assert name in dw, name


def test_the_corpus_names_resolve_to_the_demo_actors(tmp_path: Path) -> None:
    """Every Chinese name the DW text uses for the demo's people resolves to the same actor as its English name."""
    session = open_session(str(tmp_path / "store"), create=True)
    try:
        record_demo(session)
        pairs = [("谢锋", "Xie Feng"), ("拉特纳", "Ely Ratner"), ("李尚福", "Li Shangfu"), ("奥斯汀", "Lloyd Austin"),
                 ("布林肯", "Antony Blinken"), ("耶伦", "Janet Yellen"), ("克里", "John Kerry"), ("卡尔", "Colin Kahl")]  # fmt: skip
        for zh, en in pairs:
            assert zh in _text("2023-07-13-dw-zh.txt")
            assert session.actor(zh)["id"] == session.actor(en)["id"], zh
        meeting = next(
            i
            for i in session.status(as_of="2023-07-31")["interactions"]
            if i["occurred_on"] == "2023-07-12" and i["kind"] == "meeting"
        )
        assert [s["url"] for s in meeting["sources"]] == [REUTERS["url"], DW["url"]]
    finally:
        session.close()
