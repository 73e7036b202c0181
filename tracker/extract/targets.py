"""New people a sanction names that the index does not know ("sanction … Greg Hayes and Ted Colbert").

Pure; part of tracker.extract.facts' sanctions.
"""

from __future__ import annotations

import re

from tracker.extract.firm_names import GLOSS_AFTER, LEAD_ZH, firm_names, without_gloss
from tracker.extract.lexicon import Trigger
from tracker.extract.model import ActorMention, Sentence, Span
from tracker.extract.names import SURNAMES
from tracker.extract.spread_names import spread_mentions
from tracker.extract.targets_en import _ADDED, _NAMED, _NOT_A_TARGET, LIST_END, _firm_en, english_targets

__all__ = [
    "BACK_REFERENCE_ZH",
    "HEAD_OF",
    "LIST_END",
    "items_after_zh",
    "list_start_zh",
    "list_targets",
    "named_targets",
    "reason_items_zh",
    "titled_after_zh",
    "within",
]

# A run of capitalised words after a sanction word: a person or firm, maybe after a title ("sanction Raytheon
# chief executive Greg Hayes and Ted Colbert", "on Hong Kong Chief Executive Carrie Lam").
_WORD = r"[A-Z](?:[a-z]+(?:[A-Z][a-z]+)?|['’][A-Z][a-z]+)(?:-[A-Z][a-z]+)?"  # Lee, McKinnon, O'Dell, Jean-Luc
_NAME = re.compile(rf"(?<![\w.&'’]){_WORD}(?:(?:\s+(?:for|of))?\s+(?:[A-Z]\.\s+)?{_WORD})+(?![\w&])")
# "Secretary for Security John Lee": a title's portfolio after "for"/"of" is no reason clause
_PORTFOLIO = re.compile(r"(?:for|of)\s+[A-Z]")
# ("… and Wang Mingshan under the Global Magnitsky Act": the law a designation is made under names no target)
_NAMES_END = re.compile(
    r"\b(?:after|when|as|while|before|since|because|but|for|over|under|citing|accusing|saying)\b|[;；。]"
)
# Title words a name follows that the office lexicon (tracker.extract.offices) has no concept for.
_TITLE_WORD_EN = re.compile(
    r"(?:Representatives?|Senators?|Congress(?:wo)?man|Governor|Ambassador|Mayor|Judge|Chief|Executive|Secretary"
    r"|Minister|Director|Deputy|Vice|Assistant|Under|Chair(?:man|woman)?|President|Premier|Commissioner|Commander"
    r"|General|Admiral|Head|Envoy|Advis[eo]r|Spokes(?:man|woman|person)|Officer|Leader|Lawmaker|Legislator|Member"
    r"|Attorney|Prosecutor|Councill?or|Party|Speaker|Lt|Col|Gen|Adm|Maj)"
)
# "and 10 other senior Hong Kong and mainland Chinese officials": a counted group names no one (the words that
# describe it are no names); a list after it ("…, including A and B") still does.
_COUNTED_EN = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens of|a number of)\s+"
    r"(?:other|more|additional)\s+[^,;]{0,80}?\b(?:officials|people|individuals|persons|entities|executives"
    r"|lawmakers|others|figures|leaders)\b"
)
# Places and groups whose names are no target's ("Hong Kong", "Xinjiang").
_PLACE_EN = re.compile(r"\b(?:Hong Kong|Kong|Macau|Macao|Xinjiang|Tibet|Uyghur|Uighur|Mainland)\b")
# "director of the Tarim Farming and Reclamation Corps": words after "of the", "in" are a body's or a place's
_OF_THE = re.compile(r"\b(?:of|in|at|from)\s+(?:the\s+)?$")
# A body's head word ends no person's name ("the Xinjiang Production and Construction Corps").
_BODY_EN = re.compile(
    r"\b(?:Corps|Bureau|Office|Committee|Police|Army|Navy|Forces?|Agency|Administration|Court|Government|Province"
    r"|Region|Authority|Ministry|Department|Commission|Council)$"
)
HEAD_OF = re.compile(r"\s*(?:'s\s+)?(?:chief executive|ceo|chairman|president|head|chief)\b", re.I)


def named_targets(
    t: Trigger, sentence: Sentence, mentions: list[ActorMention], state: str | None, reach: int
) -> list[ActorMention]:
    """New people a sanction names right after its verb, not in the index, as new actors of the other side."""
    from tracker.extract.names import slug_for

    text, base = sentence.text, sentence.span.start
    local = t.span.end - base
    window = text[local : local + reach * 2]
    stop = _NAMES_END.search(window)
    while (
        stop
        and _PORTFOLIO.match(window, stop.start())
        and _TITLE_WORD_EN.fullmatch((window[: stop.start()].split() or [""])[-1])
    ):
        stop = _NAMES_END.search(window, stop.end())
    window = window[: stop.start()] if stop else window
    window = _COUNTED_EN.sub(lambda c: " " * len(c.group()), window)
    taken = [(m.span.start - base, m.span.end - base) for m in mentions]
    found = []
    for m in _NAME.finditer(window):
        start, end = local + m.start(), local + m.end()
        name = _after_title(m.group())  # "Representative Chris Smith": the title is no part of the name
        start = end - len(name)
        if (
            _NOT_A_TARGET.search(name) or _PLACE_EN.search(name) or _BODY_EN.search(name) or _firm_en(name)
            or _OF_THE.search(window, max(0, m.start() - 12), m.start())
            or any(s < end and start < e for s, e in taken)
            or not 2 <= len(name.split()) <= 3
        ):  # fmt: skip
            continue
        found.append(
            ActorMention(
                slug_for(name), "person", state, Span(base + start, base + end), name, None, True, {"en": name}
            )
        )
    return found


def _after_title(run: str) -> str:
    """The name at the end of a run of capitalised words, after its last title: an office phrase of the lexicon
    ("Treasury Secretary", "Chief of Naval Operations") or a title word ("Hong Kong Chief Executive Carrie Lam")."""
    from tracker.extract.names import fold
    from tracker.extract.offices import find_office_phrases

    cut = max((p.end for p in find_office_phrases(fold(run), "en")), default=0)
    for w in re.finditer(r"\S+", run):
        if w.start() >= cut and _TITLE_WORD_EN.fullmatch(w.group().rstrip(".")):
            cut = w.end()
    rest = run[cut:].strip()
    if cut and re.match(r"(?:for|of)\s", rest):
        rest = " ".join(rest.split()[-2:])  # "Secretary for Security John Lee": the portfolio, then the name
    return rest


# -- lists of firms and people a sanction names ------------------------------------------------------------------

_UNITS_ZH = re.compile(r"^(?:旗下|下属|子公司|的子公司)")
_FIRM_WORD_ZH = re.compile(
    rf"(?:公司|集团|研究所|研究院|大学|实验室|中心|工厂|企业|图书馆|基金会|协会|学会|委员会){GLOSS_AFTER}$"
)
# 对两机构及其负责人: the bodies are those the reason clause names (针对美国 A 和 B 为…提供平台)
BACK_REFERENCE_ZH = re.compile(
    r"(?:[两二三四五六七八九十几]|上述|有关|相关|该|这些?)(?:家|个|所)?(?:机构|实体|组织|公司|企业)"
)
_REASON_ITEMS_ZH = re.compile(
    r"(?:针对|就)(?:美国|美方|中国|中方)?(?P<items>[^，。；]{2,60}?)(?:为|以|就|对|在|提供|违反|不顾|的)"
)
# Where a Chinese list of targets starts: 对 X、Y 实施制裁, 将 X、Y 列入….
_LIST_START_ZH = re.compile(r"[将把]|(?<![针面反应绝])对(?![等台华外此话于])")
_SPLIT_ZH = re.compile(r"以及|、|，|,|和|及")
_VERB_END_ZH = re.compile(r"(?:实施|采取|列入|纳入|加入|予以|进行|宣布|决定|对等|相应|必要的?|坚决|非法|单边|所谓)+$")
_LEAD_ZH = LEAD_ZH
# 无人机企业Skydio公司, 军工企业洛克希德·马丁公司: what the firm is, before its name
_DESCRIPTOR_ZH = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:企业|制造商|生产商|厂商|承包商|军火商)|^智库")
# Characters of transliterated foreign names (克鲁兹, 布朗巴克, 史密斯): a run of them after a title is a name.
_TRANSLIT = frozenset(
    "阿埃艾安昂奥澳巴拜班邦包保鲍贝本比彼毕宾波伯博布查达戴丹当道德登迪蒂丁东杜多厄恩尔法凡范菲费芬丰佛夫福弗盖甘冈高戈格根贡"
    "古瓜圭哈海汉豪赫黑亨洪胡华怀惠霍基吉加贾杰金卡凯坎康考柯科可克肯库夸奎昆拉莱赖兰朗劳勒雷蕾黎里理利莉连列林琳刘龙卢鲁伦罗洛"
    "马玛迈麦曼梅门蒙孟米密敏明莫默姆穆纳娜南内尼涅宁努诺欧帕派潘庞佩彭皮平珀普奇齐恰乔切钦琴丘萨塞赛桑瑟森沙莎尚舍什施史斯"
    "松苏索塔泰坦汤唐陶特提廷图托瓦万威韦维温沃乌伍西希锡夏谢辛休许雅亚扬耶伊因英尤于约泽扎詹兹佐顿"
)
_TITLE_END_ZH = re.compile(
    r"(?:议员|大使|部长|主席|官员|主任|秘书|代表|特使|助理|司令|局长|署长|总裁|首席执行官|董事长|人员|规划师|顾问|书记|厅长"
    r"|负责人|主管)[”\"』」]?$"
)


def within(t: Trigger) -> bool:
    """Whether a sanction's trigger holds its list of targets ("added A, B and C to its Entity List")."""
    return bool(_ADDED.match(t.text) or _NAMED.match(t.text))


# Nouns of a class of targets, never a name (有关个人和实体, 军工企业, 相关官员).
_GENERIC_ZH = re.compile(
    r"(?:有关|相关|其他|其它|部分|其|该|这些)?(?:军工|国防)?(?:个人|实体|人员|机构|组织|企业|公司|团体|官员|单位|高管|负责人)"
)
_COUNT_ZH = re.compile(
    r"^其?(?:下属|旗下|所属|附属|关联)?(?:的)?[0-9０-９一二三四五六七八九十百千几两多]+(?:家|个|名|所|位)"
)
_COLLECTIVE_ZH = re.compile(r"等[^，。；、]{0,30}?(?:组织|机构|实体|团体)$")
_SPREAD_ZH = re.compile(r"位于|设在|在")  # 位于济南、深圳和郑州的国家超级计算中心: one name spread over places


_TITLE_IN_ZH = re.compile(
    r".*(?:议员|大使|[部省市县州局厅院校]长|主席|主任|特首|行政长官|署长|总裁|首席执行官|董事长|书记|负责人|主管|司令员?|将军)"
)


def items_after_zh(
    t: Trigger, sentence: Sentence, mentions: list[ActorMention], state: str | None
) -> list[ActorMention]:
    """The targets a Chinese list names after its trigger (…的包括 A公司、B中心、C，以及 D): known actors, and
    new firms and bodies — a name with a firm word, or any short name of the list — up to the sentence's end."""
    from tracker.extract.names import fold, has_han, slug_for, to_simplified

    original, base = sentence.text, sentence.span.start
    text = fold(original)
    begin = t.span.end - base
    stop = re.compile(r"[。；;！？]").search(text, begin)
    end = stop.start() if stop else len(text)
    found: list[ActorMention] = []
    pos, spread, spread_from = begin, False, begin
    for m in [*_SPLIT_ZH.finditer(text, begin, end), None]:
        s, e = pos, (m.start() if m else end)
        pos = m.end() if m else end
        piece = text[s:e].strip()
        if _SPREAD_ZH.match(piece) or spread:
            spread_from = spread_from if spread else s
            spread = "的" not in piece  # the spread name ends with the item that holds 的
            found.extend([] if spread else spread_mentions(original, spread_from, e, base, state))
            continue
        known = [k for k in mentions if k.kind != "state" and base + s <= k.span.start and k.span.end <= base + e]
        if known:
            found.extend(known)
            continue
        for lead_re in (_LEAD_ZH, _DESCRIPTOR_ZH):
            lead = lead_re.match(piece)
            if lead and len(piece) - lead.end() >= 2:
                s, piece = s + lead.end(), piece[lead.end() :]
        if (
            not (has_han(piece) and 3 <= len(piece) <= 24)
            or "的" in piece
            or "等" in piece
            or _GENERIC_ZH.fullmatch(piece)
        ):
            continue
        kind = "organization"
        title = _TITLE_IN_ZH.search(piece)
        if title and not _FIRM_WORD_ZH.search(piece) and 2 <= len(piece) - title.end() <= 5:
            # 香港特首林郑月娥, 参议员卢比奥: the person after the title
            kind, s, piece = "person", s + title.end(), piece[title.end() :]
        name = original[s : s + len(piece)]
        found.append(
            ActorMention(
                slug_for(name, chinese_name_order=kind == "person" and name[:1] in SURNAMES), kind, state,
                Span(base + s, base + s + len(piece)), name, None, True, {"zh": to_simplified(name)},
            )
        )  # fmt: skip
    return found


_OBJECT_END_ZH = re.compile(r"[，,。；;！？]|等|的|以|因|为")


def titled_after_zh(
    t: Trigger, sentence: Sentence, mentions: list[ActorMention], state: str | None
) -> list[ActorMention]:
    """New people a Chinese sanction names by title right after its verb (制裁香港特区行政长官林郑月娥等11名官员): the
    name after each title of the object, up to 等 or the clause's end, as a new person of the other side."""
    from tracker.extract.names import fold, slug_for, to_simplified

    original, base = sentence.text, sentence.span.start
    text = fold(original)
    begin = t.span.end - base
    stop = _OBJECT_END_ZH.search(text, begin)
    end = stop.start() if stop else len(text)
    found: list[ActorMention] = []
    pos = begin
    for m in [*_SPLIT_ZH.finditer(text, begin, end), None]:
        s, e = pos, (m.start() if m else end)
        pos = m.end() if m else end
        title = _TITLE_IN_ZH.match(text, s, e)
        if title is None or not 2 <= e - title.end() <= 4 or _FIRM_WORD_ZH.search(text, s, e):
            continue
        if any(k.span.start < base + e and base + title.end() < k.span.end for k in mentions if k.kind != "state"):
            continue  # the index knows who it is
        name = original[title.end() : e]
        found.append(
            ActorMention(
                slug_for(name, chinese_name_order=name[:1] in SURNAMES), "person", state,
                Span(base + title.end(), base + e), name, None, True, {"zh": to_simplified(name)},
            )
        )  # fmt: skip
    return found


def reason_items_zh(sentence: Sentence, before: int, state: str | None) -> list[ActorMention]:
    """The bodies a reason clause names before `before` (针对美国哈德逊研究所和里根图书馆为…提供平台), as new
    organisations of `state`: the targets of a sanction that refers back to them (对两机构…采取反制措施)."""
    from tracker.extract.names import fold, slug_for, to_simplified

    original, base = sentence.text, sentence.span.start
    text = fold(original)
    found: list[ActorMention] = []
    for m in _REASON_ITEMS_ZH.finditer(text, 0, before):
        pos = m.start("items")
        for piece in re.split(r"和|、|及|与", m.group("items")):
            start = text.index(piece, pos)
            pos = start + len(piece)
            if _FIRM_WORD_ZH.search(piece) and 3 <= len(piece) <= 24:
                name = original[start : start + len(piece)]
                found.append(
                    ActorMention(
                        slug_for(name, chinese_name_order=False), "organization", state,
                        Span(base + start, base + start + len(piece)), name, None, True, {"zh": to_simplified(name)},
                    )
                )  # fmt: skip
    return found


def list_start_zh(text: str, local: int) -> int | None:
    """Where a Chinese list of targets before the verb at local starts (the 对 of 对 A、B 实施制裁), else None."""
    clause = max(text.rfind(c, 0, local) for c in "。；;：:")
    starts = [m.start() for m in _LIST_START_ZH.finditer(text, clause + 1, local)]
    return starts[-1] if starts else None


def list_targets(
    t: Trigger, sentence: Sentence, mentions: list[ActorMention], state: str | None, language: str, reach: int
) -> tuple[list[ActorMention], set[str]]:
    """Firms and people a sanction lists that the index does not know, as new actors of the other side, and the
    slugs of known parents whose units are listed instead ("three units of Lockheed Martin - A, B and C")."""
    from tracker.extract.names import fold, has_han, slug_for, to_simplified

    text, base = sentence.text, sentence.span.start
    taken = [(m.span.start - base, m.span.end - base) for m in mentions]
    found: list[ActorMention] = []
    parents: set[str] = set()
    if language == "zh" or has_han(t.text):
        original, text = text, fold(text)  # one form for 對/对, 爾/尔; same offsets, names from the original
        local = t.span.start - base
        start = list_start_zh(text, local)
        if start is None:
            return [], set()
        begin = start + 1
        segment = _VERB_END_ZH.sub("", text[begin:local])
        chunks: list[tuple[int, int]] = []
        pos = begin
        for m in _SPLIT_ZH.finditer(segment):
            chunks.append((pos, begin + m.start()))
            pos = begin + m.end()
        chunks.append((pos, begin + len(segment)))
        # A、B、C等…非政府组织: a list its collective noun closes names bodies, each item one (人权观察, 自由之家)
        bodies = bool(_COLLECTIVE_ZH.search(segment))
        merged: list[tuple[int, int]] = []
        for i, (s, e) in enumerate(chunks):
            if bodies and (i + 1 == len(chunks) or text[e : chunks[i + 1][0]] in "、，,"):
                # (but 国际共和研究所 split at 和 is still joined to what follows)
                if merged and merged[-1][1] < 0:
                    s = -merged.pop()[1] - 1
                merged.append((s, e))
                continue
            if merged and merged[-1][1] < 0:
                s = -merged.pop()[1] - 1  # joined to the chunk before ("波音防务、空间与安全集团")
            piece = text[s:e]
            nxt = text[chunks[i + 1][0] : chunks[i + 1][1]] if i + 1 < len(chunks) else ""
            if (
                not _FIRM_WORD_ZH.search(re.sub(r"等.*$", "", piece))
                and _FIRM_WORD_ZH.search(re.sub(r"等.*$", "", nxt))
                and not all(ch in _TRANSLIT or ch == "·" for ch in piece)
                and not any(a <= s and e <= b for a, b in taken)
            ):
                merged.append((s, -(s + 1)))
                continue
            merged.append((s, e))
        for s, e in merged:
            piece = text[s:e]
            cut = piece.find("等")
            if cut >= 0:
                e, piece = s + cut, piece[:cut]
            # 激活对某某通讯的拒绝令: the one object of a denial order is a firm or a person, with or without 公司
            denial = "拒绝令" in fold(t.text) and len(merged) == 1 and piece.endswith("的")
            if denial:
                e, piece = e - 1, piece[:-1]
            if "的" in piece:
                s, piece = s + piece.rfind("的") + 1, piece[piece.rfind("的") + 1 :]
            for lead_re in (_LEAD_ZH, _DESCRIPTOR_ZH):
                lead = lead_re.match(piece)
                if lead and len(piece) - lead.end() >= 2:
                    s, piece = s + lead.end(), piece[lead.end() :]
            if len(piece) < 2 or _GENERIC_ZH.fullmatch(piece) or _COUNT_ZH.match(piece):
                continue  # (美方个人和实体, 其70家关联企业: a class or a count of targets, no name)
            inside = [(a, b) for a, b in taken if s <= a and b <= e]
            if (
                _FIRM_WORD_ZH.search(piece)
                or (denial and 2 <= len(piece) <= 24)
                or (
                    bodies
                    and not inside
                    and 2 <= len(piece) <= 8
                    and has_han(piece)
                    and not _TITLE_END_ZH.search(piece)
                )
            ):
                shortest = 2 if bodies else 3  # (企业 alone is no name; 人权观察 in a list of bodies is)
                if any(a <= s and e <= b for a, b in taken) or not shortest <= len(without_gloss(piece)) <= 24:
                    continue
                kind, name_span = "organization", (s, e)
            else:
                # A person: the run of transliteration characters that ends the chunk, after a title.
                n = e
                while n > s and (text[n - 1] in _TRANSLIT or text[n - 1] == "·"):
                    n -= 1
                if e - n < 2 or (n > s and not _TITLE_END_ZH.search(text[s:n])):
                    # A Chinese name after a title (“中国政策首席规划师”余茂春): a surname and one or two more.
                    n = next((e - k for k in (3, 2) if e - k > s and text[e - k] in SURNAMES), e)
                    if n == e or not _TITLE_END_ZH.search(text[s:n]):
                        continue
                if any(a <= n and e <= b for a, b in inside):
                    continue  # the index knows the whole name
                kind, name_span = "person", (n, e)
            name = original[name_span[0] : name_span[1]]
            slug, names = firm_names(name) if kind == "organization" else (slug_for(name, False), {"zh": name})
            found.append(
                ActorMention(
                    slug, kind, state, Span(base + name_span[0], base + name_span[1]), name, None, True,
                    {**names, "zh": to_simplified(names["zh"])},
                )
            )  # fmt: skip
        return found, parents
    return english_targets(t, sentence, mentions, state, reach, taken)
