"""Name normalisation for matching: one form for every script, case and tone, same length as the text.

`fold` maps a text to its matching form character by character, so an offset in the folded text is the
same offset in the original: traditional Chinese becomes simplified (OpenCC, t2s), Latin letters lose
case and tone marks ("Xí Jìnpíng" → "xi jinping"), curly quotes and the many middle dots become one.
`key` is `fold` plus collapsed whitespace, for the index's keys. `slug_for` names a new actor.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from events.ids import slugify
from tracker.extract.lexicon_zh import simplify

__all__ = [
    "family_name",
    "fold",
    "han_name_after",
    "has_han",
    "is_han",
    "key",
    "latin_gloss",
    "latin_name_after",
    "latin_name_before",
    "ranked_names",
    "slug_for",
    "to_simplified",
]

# Middle dots used between parts of a transliterated name (唐纳德·特朗普), and quote variants.
_PUNCT = {
    "・": "·",
    "•": "·",
    "‧": "·",
    "∙": "·",
    "．": "·",
    "’": "'",
    "‘": "'",
    "\u3000": " ",
    "\u00a0": " ",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _PUNCT.items()}
    # Latin letters with diacritics (pinyin tones: āáǎà, ü stays ü→u) to their base letter, one for one.
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[code] = base
    return table


_TABLE = _build_table()


@cache
def _converter() -> Any:
    import opencc  # traditional → simplified; loaded on first use (about 10 ms)

    return opencc.OpenCC("t2s")


def is_han(ch: str) -> bool:
    """Whether a character is a CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def has_han(text: str) -> bool:
    """Whether a text holds any CJK ideograph."""
    return _HAN.search(text) is not None


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified, keeping the length (and so every offset)."""
    if not has_han(text):
        return text
    convert = _converter().convert
    out = convert(text)
    if len(out) == len(text):
        return str(out)
    # A phrase conversion changed the length: fall back to one character at a time.
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The matching form of a text, as long as the text: simplified, case-folded, without tone marks.

    Cached: each stage (actors, offices, channels) folds the same sentence again.
    """
    out = to_simplified(text).translate(_TABLE)
    lowered = out.lower()
    if len(lowered) == len(out):
        return lowered
    return "".join(c if len(c := ch.lower()) == 1 else ch for ch in out)


def key(name: str) -> str:
    """The index key of a name: folded, with whitespace collapsed and trimmed."""
    return " ".join(fold(name).split())


_SUFFIXES = {"jr", "jr.", "sr.", "ii", "iii", "iv"}
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯")


def slug_for(name: str, chinese_name_order: bool = True) -> str:
    """The slug of a new actor: its Latin name hyphenated; a Chinese name by its pinyin, surname first.

    郑泽光 → zheng-zeguang (as the gazetteer spells Chinese officials). A transliterated foreign name
    (帕帕罗, with `chinese_name_order` False) has no reliable Latin form: it gets a stable hash slug.
    """
    if not has_han(name):
        return slugify(re.sub(r"['’]", "", name))  # O'Dell → odell, as the gazetteer spells robert-obrien
    from pypinyin import lazy_pinyin  # large dictionary: loaded only when a new Chinese name is met

    if not chinese_name_order or "·" in name:
        # 克鲁兹 → kelu-zi would split a foreign name as if Chinese: its parts (by ·) in pinyin, run together.
        return slugify(" ".join("".join(lazy_pinyin(to_simplified(part))) for part in name.split("·")))

    name = to_simplified(name)
    cut = 2 if name.startswith(_COMPOUND_SURNAMES) and len(name) > 2 else 1
    family, given = lazy_pinyin(name[:cut]), lazy_pinyin(name[cut:])
    return slugify("".join(family) + " " + "".join(given))


def family_name(en: str, chinese_order: bool) -> str | None:
    """The family name of a Latin name: the first word of a Chinese name, else the last (without Jr./III)."""
    words = [w for w in en.replace(",", " ").split() if w.casefold() not in _SUFFIXES]
    words = [w for w in words if not re.fullmatch(r"[A-Z]\.?", w) and '"' not in w]
    if len(words) < 2:
        return None
    return words[0] if chinese_order else words[-1]


# --- the shape of a name after (or before) a title, for officials not in the gazetteer ---------------

_LATIN_WORD = r"[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?"
LATIN_NAME = rf"{_LATIN_WORD}(?:\s+[A-Z]\.)?(?:\s+{_LATIN_WORD}){{1,2}}(?:,?\s+Jr\.)?"
RANK = (
    r"(?:(?:Lt\.|Lieutenant|Maj\.|Major|Brig\.|Brigadier|Rear|Vice)\s+)?"
    r"(?:Gen\.|General|Adm\.|Admiral|Col\.|Colonel|Adm|Gen)(?=\s)"
)
_AFTER_TITLE = re.compile(rf"\s+(?:{RANK}\s+)?(?P<name>{LATIN_NAME})(?![\w-])")
_BEFORE_TITLE = re.compile(rf"(?:(?<![\w.]){RANK}\s+)?(?P<name>{LATIN_NAME}),\s*(?:the\s+)?$")
_RANKED = re.compile(rf"(?<![\w.])(?:{RANK})\s+(?P<name>{LATIN_NAME})(?![\w-])")
# Words that end a Chinese name after a title: verbs, particles, and nouns that follow a bare title.
_ZH_STOP = re.compile(
    r"表示|会见|会晤|会谈|与|和|同|在|于|说|称|指出|强调|就|对|向|将|已|也|曾|则|及|等|的|率|访|召|出席|参加|进行|"
    r"抵达|前往|宣布|发表|通话|视频|举行|致|接见|职务|人选|一职|级|们|期间|办公室|上将|中将|少将|大将|今|昨|本|日"
    r"|首次|首度|此访|此行|上任|就任|此前|上月|上周|下周|下月|近日|日前|当天|当日|以来|以後|以后|之后|之前"
)
SURNAMES = _SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施文牛樊葛"
    "邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟"
    "臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝常"
)


_APPOSED = re.compile(rf",\s+(?:{RANK}\s+)?(?P<name>{LATIN_NAME})(?![\w-])")
_DEFINITE = re.compile(r"\bthe\s+$", re.I)


def latin_name_apposed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a name in apposition after a definite title ("the chief of naval operations, Adm. Lisa
    Franchetti"), else None: the title at [start, end) names the person after its comma."""
    if not _DEFINITE.search(text, max(0, start - 6), start):
        return None
    m = _APPOSED.match(text, end)
    return m.span("name") if m else None


def latin_name_after(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a capitalised name (optionally after a rank) starting at pos, else None."""
    m = _AFTER_TITLE.match(text, pos)
    return m.span("name") if m else None


def latin_name_before(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a name standing in apposition before pos ("Samuel Paparo, " + title), else None."""
    m = _BEFORE_TITLE.search(text, max(0, pos - 80), pos)
    return m.span("name") if m else None


def ranked_names(text: str) -> list[tuple[int, int]]:
    """The spans of names after a military rank ("Gen. Liu Zhenli", "Adm. Samuel Paparo")."""
    return [m.span("name") for m in _RANKED.finditer(text)]


# Title words that end a title a foreign name follows (…特使, …顾问): no transliterated name holds them.
_INNER_TITLE = re.compile(r".*(?:特使|顾问|代表|主任|助理|秘书|大使|部长|议员|局长|司令|发言人)")


def han_name_after(text: str, pos: int, foreign: bool) -> tuple[int, int] | None:
    """The span of a Chinese name right after a title, else None.

    A Chinese name is 2–3 characters from a known surname; a transliterated foreign name (`foreign`)
    runs up to 6 characters a part, parts joined by ·. Either stops at a verb or particle (表示, 与, 在…).
    """
    limit = 6 if foreign else 3
    end = pos
    while end < len(text) and end - pos < 20:
        ch = text[end]
        if is_han(ch) or (ch == "·" and foreign and end > pos):
            end += 1
        else:
            break
    inner = _INNER_TITLE.search(simplify(text[pos:end])) if foreign else None
    if inner is not None:
        # 美国总统气候问题特使克里: a longer title goes on after the office phrase; the name follows its title word
        pos += inner.end()
    # Stop words are listed simplified: fold the run so 以來, 會見 stop a traditional name too.
    stop = _ZH_STOP.search(simplify(text[pos:end]))
    if stop:
        end = pos + stop.start()
    parts = text[pos:end].split("·")
    if not parts or any(len(p) < 1 for p in parts):
        return None
    if len(parts[0]) > limit:
        end = pos + limit
    if end - pos < 2 or (not foreign and text[pos] not in _SURNAMES):
        return None
    return pos, end


def latin_gloss(text: str, pos: int) -> str | None:
    """A Latin name in brackets right after pos (裴洛西（Nancy Pelosi）), else None."""
    m = re.compile(rf"\s*[（(](?P<name>{LATIN_NAME})[）)]").match(text, pos)
    return m.group("name") if m else None


# --- compiling with a first-character filter ---------------------------------------------------------------

_P = re._parser  # type: ignore[attr-defined]
_C = re._constants  # type: ignore[attr-defined]


def _seq_first(items: Any) -> tuple[list[str], bool] | None:
    """The character-class parts a sequence can start with, and whether it can match empty; None if any."""
    parts: list[str] = []
    for op, av in items:
        got = _item_first(op, av)
        if got is None:
            return None
        parts += got[0]
        if not got[1]:
            return parts, False
    return parts, True


def _item_first(op: Any, av: Any) -> tuple[list[str], bool] | None:
    if op is _C.LITERAL:
        return [f"\\U{av:08x}"], False
    if op is _C.IN:
        out = []
        for o, a in av:
            if o is _C.LITERAL:
                out.append(f"\\U{a:08x}")
            elif o is _C.RANGE:
                out.append(f"\\U{a[0]:08x}-\\U{a[1]:08x}")
            else:
                return None  # a negated set, a category: anything
        return out, False
    if op is _C.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None  # case-insensitive inside only: the outer class would not be
        return _seq_first(av[3])
    if op is _C.BRANCH:
        parts, empty = [], False
        for alternative in av[1]:
            got = _seq_first(alternative)
            if got is None:
                return None
            parts += got[0]
            empty = empty or got[1]
        return parts, empty
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        got = _seq_first(av[2])
        return None if got is None else (got[0], got[1] or av[0] == 0)
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return [], True  # zero-width: what follows starts the match
    return None


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), led by a look-ahead for the characters a match can start with.

    The same matches (the look-ahead only skips positions where no match can start), found without trying
    every alternative of a long alternation at every position.
    """
    compiled = re.compile(pattern, flags)
    first = _seq_first(_P.parse(pattern, flags))
    if first is None or first[1] or not first[0]:
        return compiled
    try:
        return re.compile(f"(?=[{''.join(sorted(set(first[0])))}])(?:{pattern})", flags)
    except re.error:
        return compiled
