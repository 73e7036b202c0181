"""The names of a firm a Chinese text lists: its Chinese name, and the Latin name it gives beside it.

护盾人工智能公司（Shield AI）glosses the firm's own name in brackets; Group W公司 writes it in Latin letters with
a Chinese company word after it. Either Latin name is the firm's English name and gives its slug (shield-ai,
group-w), as the gazetteer spells firms; a name in Chinese only is slugged by its pinyin.

Pure; part of tracker.extract.targets' lists of targets.
"""

from __future__ import annotations

import re

from tracker.extract.names import has_han, slug_for, to_simplified

__all__ = ["GLOSS_AFTER", "LEAD_ZH", "firm_names", "without_gloss"]

# A Latin gloss in brackets closing a name: 护盾人工智能公司（Shield AI）
GLOSS_AFTER = r"(?:\s*[（(][A-Za-z][^（()）]{0,60}[）)])?"
_GLOSS = re.compile(r"\s*[（(](?P<en>[A-Za-z][^（()）]{0,60}?)\s*[）)]\s*$")
# Group W公司, SpaceX公司: a Latin name with a Chinese company word after it
_LATIN_FIRM = re.compile(r"(?P<en>[A-Za-z][\w .&'-]*?)\s*(?:公司|集团|集團|股份有限公司|有限公司)$")
# 美方/中国 before a name tells its state; a bare 中 or 美 does only before a class word (美企, 中企, 美军工企业):
# 中科寒武纪, 中兴通讯, 美光科技 are firms' own names.
LEAD_ZH = re.compile(r"^(?:美国|美方|中国|中方|美國|中國|美(?=[军軍企籍])|中(?=[企籍]))")


def firm_names(name: str) -> tuple[str, dict[str, str]]:
    """The slug and the names ({zh, en}) of a firm a Chinese list names as `name` (bracketed gloss included)."""
    gloss = _GLOSS.search(name)
    zh = name[: gloss.start()] if gloss else name
    en = gloss["en"].strip() if gloss else None
    if en is None and (latin := _LATIN_FIRM.fullmatch(zh)) and not has_han(latin["en"]):
        en = latin["en"].strip()
    names = {"zh": to_simplified(zh)}
    if en:
        names["en"] = en
        return slug_for(en), names
    return slug_for(zh, chinese_name_order=False), names


def without_gloss(piece: str) -> str:
    """A listed item without the Latin gloss closing it (its Chinese name's length is the name's)."""
    return _GLOSS.sub("", piece)
