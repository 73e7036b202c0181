"""Office words in English and Chinese, mapped to the gazetteer's office strings, and who held them when.

An office phrase is an optional country word and an office word: "the Chinese defence minister",
"U.S. Defense Secretary", 美国防长, 中央军委副主席. Its concept maps, by state, to the office strings
of tracker/data/actors.json; the holder is the one actor holding one of them on the report's date
(since ≤ day < until). Two holders at once (two CMC vice chairmen, four spokespeople) is no holder.
Patterns match the folded text (tracker.extract.names.fold): lower case, simplified characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.extract.names import compile_fast

__all__ = ["CONCEPTS", "OfficePhrase", "find_office_phrases", "office_strings"]

Office = tuple[str, str | None]  # (office, organization or None for any)

# concept -> state -> the gazetteer offices it names; an empty mapping is a title with no tracked holder.
CONCEPTS: dict[str, dict[str, tuple[Office, ...]]] = {
    "defence-minister": {
        "CHN": (("Minister of National Defense", None),),
        "USA": (("Secretary of Defense", None), ("Acting Secretary of Defense", None), ("Secretary of War", None)),
    },
    # 战争部长: the U.S. defence secretary's second title since September 2025, the office of that name
    "war-secretary": {"USA": (("Secretary of War", None),)},
    "foreign-minister": {"CHN": (("Minister of Foreign Affairs", None),), "USA": (("Secretary of State", None),)},
    "secretary-of-state": {"USA": (("Secretary of State", None),)},
    "president": {"CHN": (("President", None),), "USA": (("President", None),)},
    "vice-president": {"CHN": (("Vice President", None),), "USA": (("Vice President", None),)},
    "premier": {"CHN": (("Premier", None),)},
    "vice-premier": {"CHN": (("Vice Premier", None),)},
    "state-councilor": {"CHN": (("State Councilor", None),)},
    "cmc-chairman": {"CHN": (("Chairman of the Central Military Commission", None),)},
    "cmc-vice-chairman": {"CHN": (("Vice Chairman of the Central Military Commission", None),)},
    "cmc-member": {"CHN": (("Member of the Central Military Commission", None),)},
    "joint-chiefs-chairman": {"USA": (("Chairman of the Joint Chiefs of Staff", None),)},
    "joint-staff-chief": {"CHN": (("Chief of the CMC Joint Staff Department", None),)},
    "indopacom-commander": {"USA": (("Commander, U.S. Indo-Pacific Command", None),)},
    "southern-theater-commander": {"CHN": (("Commander, Southern Theater Command", None),)},
    "eastern-theater-commander": {"CHN": (("Commander, Eastern Theater Command", None),)},
    "navy-commander": {"CHN": (("Commander of the PLA Navy", None),)},
    "ambassador": {"CHN": (("Ambassador to the United States", None),), "USA": (("Ambassador to China", None),)},
    "ambassador-to-us": {"CHN": (("Ambassador to the United States", None),)},
    "ambassador-to-china": {"USA": (("Ambassador to China", None),)},
    "national-security-advisor": {
        "USA": (("National Security Advisor", None), ("Acting National Security Advisor", None))
    },
    "treasury-secretary": {"USA": (("Secretary of the Treasury", None),)},
    "commerce-secretary": {"USA": (("Secretary of Commerce", None),)},
    "commerce-minister": {"CHN": (("Minister of Commerce", None),)},
    "trade-representative": {"USA": (("United States Trade Representative", None),)},
    "vice-foreign-minister": {"CHN": (("Vice Minister of Foreign Affairs", None),)},
    "mfa-spokesperson": {"CHN": (("Spokesperson", "Ministry of Foreign Affairs"),)},
    "mnd-spokesperson": {"CHN": (("Spokesperson", "Ministry of National Defense"),)},
    "deputy-defense-secretary": {"USA": (("Deputy Secretary of Defense", None),)},
    "deputy-secretary-of-state": {"USA": (("Deputy Secretary of State", None),)},
    "speaker": {"USA": (("Speaker of the House of Representatives", None),)},
    "climate-envoy": {"USA": (("Special Presidential Envoy for Climate", None),)},
    "assistant-secretary-of-state": {},
    "assistant-secretary-of-defense": {},
    "us-spokesperson": {},
    "chief-of-naval-operations": {},
    "hk-chief-executive": {},
    "cia-director": {},
    "lawmaker": {},
    "senate-leader": {},
    "senator": {},
    "nsc-senior-director": {},
}

# Titles for a new official whose concept has no gazetteer office: the title as the label shows it.
_TITLES = {
    "assistant-secretary-of-state": "Assistant Secretary of State",
    "assistant-secretary-of-defense": "Assistant Secretary of Defense",
    "us-spokesperson": "Spokesperson",
    "chief-of-naval-operations": "Chief of Naval Operations",
    "hk-chief-executive": "Chief Executive of Hong Kong",
    "cia-director": "Director of the Central Intelligence Agency",
    "lawmaker": "Member of Congress",
    "senate-leader": "Senate Majority Leader",
    "senator": "Senator",
    "nsc-senior-director": "Senior Director, National Security Council",
}

_DEF = r"defen[cs]e"
# (pattern, concept, the state the words imply or None). Longer phrases first where one contains another.
EN: list[tuple[str, str, str | None]] = [
    (rf"deputy {_DEF} secretary|deputy secretary of {_DEF}", "deputy-defense-secretary", "USA"),
    (
        rf"(?:deputy )?assistant secretary of {_DEF}(?: for [a-z-]+(?: [a-z-]+){{0,4}})?",
        "assistant-secretary-of-defense",
        "USA",
    ),
    (r"assistant secretary of state(?: for [a-z-]+(?: and [a-z-]+)? affairs)?", "assistant-secretary-of-state", "USA"),
    (r"deputy secretary of state", "deputy-secretary-of-state", "USA"),
    (
        r"vice chair(?:man)? of (?:the |china's )?central military commission|(?:cmc|military commission) vice chair(?:man)?",
        "cmc-vice-chairman",
        "CHN",
    ),
    (r"chair(?:man)? of (?:the |china's )?central military commission", "cmc-chairman", "CHN"),
    (r"member of (?:the |china's )?(?:central military commission|cmc)", "cmc-member", "CHN"),
    (
        r"chair(?:man)? of the (?:u\.s\. )?joint chiefs(?: of staff)?|joint chiefs chair(?:man)?",
        "joint-chiefs-chairman",
        "USA",
    ),
    (r"chief of (?:the )?(?:cmc )?joint staff(?: department)?", "joint-staff-chief", "CHN"),
    (
        r"commander of (?:the )?(?:u\.s\. )?indo-pacific command|indo-pacific (?:command )?(?:commander|chief)",
        "indopacom-commander",
        "USA",
    ),
    (
        r"commander of (?:the )?(?:pla )?southern theat(?:er|re) command|southern theat(?:er|re) (?:command )?commander",
        "southern-theater-commander",
        "CHN",
    ),
    (
        r"commander of (?:the )?(?:pla )?eastern theat(?:er|re) command|eastern theat(?:er|re) (?:command )?commander",
        "eastern-theater-commander",
        "CHN",
    ),
    (
        r"commander of the (?:pla |people's liberation army |chinese )?navy|(?:pla )?navy commander",
        "navy-commander",
        "CHN",
    ),
    (r"chief of naval operations", "chief-of-naval-operations", "USA"),
    (r"cia (?:director|chief)|director of (?:the )?(?:cia|central intelligence agency)", "cia-director", "USA"),
    (
        r"(?:hong kong|hksar) chief executive|chief executive of (?:the )?(?:hong kong|hksar)(?: special administrative region)?",
        "hk-chief-executive",
        "CHN",
    ),
    (r"ambassador to the (?:united states|u\.s\.)", "ambassador-to-us", "CHN"),
    (r"ambassador to (?:china|beijing)", "ambassador-to-china", "USA"),
    (r"vice (?:foreign minister|minister of foreign affairs)|deputy foreign minister", "vice-foreign-minister", "CHN"),
    (
        r"(?:white house|state department|pentagon|national security council|nsc) (?:spokes(?:person|man|woman)"
        r"|press secretary)|white house press secretary",
        "us-spokesperson",
        "USA",
    ),
    (r"foreign ministry spokes(?:person|man|woman)", "mfa-spokesperson", "CHN"),
    (rf"{_DEF} ministry spokes(?:person|man|woman)", "mnd-spokesperson", "CHN"),
    (rf"{_DEF} minister|minister of (?:national )?{_DEF}", "defence-minister", None),
    (
        rf"{_DEF} secretary|secretary of {_DEF}|{_DEF} chief|pentagon chief|secretary of war|war secretary",
        "defence-minister",
        "USA",
    ),
    (r"foreign minister|minister of foreign affairs", "foreign-minister", None),
    (r"secretary of state", "secretary-of-state", "USA"),
    (r"treasury secretary|secretary of the treasury", "treasury-secretary", "USA"),
    (r"commerce secretary|secretary of commerce", "commerce-secretary", "USA"),
    # "Chinese Commerce Minister Wang Wentao": China's counterpart of the Commerce Secretary
    (r"commerce minister|minister of commerce", "commerce-minister", "CHN"),
    (r"trade representative", "trade-representative", "USA"),
    (r"national security advis[eo]r", "national-security-advisor", "USA"),
    (r"(?:house )?speaker(?: of the house(?: of representatives)?)?", "speaker", "USA"),
    (r"climate envoy", "climate-envoy", "USA"),
    # "Rep. Adam Smith", "Sen. Steve Daines": a member of Congress (no gazetteer office), named by the title
    (r"(?:rep|sen)\.|senator|congress(?:man|woman)", "lawmaker", "USA"),
    (r"vice premier", "vice-premier", "CHN"),
    (r"state councill?or", "state-councilor", "CHN"),
    (r"vice president", "vice-president", None),
    (r"president", "president", None),
    (r"premier", "premier", "CHN"),
    (r"ambassador", "ambassador", None),
]
ZH: list[tuple[str, str, str | None]] = [
    (r"(?:中央)?军委副主席|中央军事委员会副主席", "cmc-vice-chairman", "CHN"),
    (r"(?:中央军事委员会|中央军委|军委)委员", "cmc-member", "CHN"),
    (r"(?:中央)?军委主席", "cmc-chairman", "CHN"),
    (r"参联会主席|参谋长联席会议主席", "joint-chiefs-chairman", "USA"),
    (r"(?:军委)?联合参谋部参谋长", "joint-staff-chief", "CHN"),
    (r"印太司令部司令(?!部)|印太司令(?![部官])", "indopacom-commander", "USA"),
    (r"南部战区司令员?", "southern-theater-commander", "CHN"),
    (r"东部战区司令员?", "eastern-theater-commander", "CHN"),
    (r"海军司令员?", "navy-commander", "CHN"),
    (r"驻美(?:国)?大使(?!馆)", "ambassador-to-us", "CHN"),
    (r"驻(?:华|中国)大使(?!馆)", "ambassador-to-china", "USA"),
    (r"外交部副部长", "vice-foreign-minister", "CHN"),
    (r"白宫(?:发言人|新闻秘书)|国务院发言人|五角大楼发言人|国家安全委员会发言人", "us-spokesperson", "USA"),
    (r"外交部(?:新闻)?发言人", "mfa-spokesperson", "CHN"),
    (r"国防部(?:新闻)?发言人", "mnd-spokesperson", "CHN"),
    (r"常务副国防部长|国防部副部长", "deputy-defense-secretary", None),
    (r"常务副国务卿|副国务卿", "deputy-secretary-of-state", "USA"),
    (r"助理国务卿", "assistant-secretary-of-state", "USA"),
    (r"(?:美国)?(?:中央情报局|中情局)局长", "cia-director", "USA"),
    # 国防部负责中国事务的副助理部长: a portfolio may stand between the department and the title
    (r"助理国防部长|国防部(?:负责[^，。、的]{1,10}的)?副?助理部长", "assistant-secretary-of-defense", "USA"),
    (r"战争部长", "war-secretary", "USA"),
    (r"国防部部?长|防长", "defence-minister", None),
    (r"外交部部?长|外长", "foreign-minister", None),
    (r"国务卿", "secretary-of-state", "USA"),
    # 美国总统气候问题特使克里: the envoy's title holds 总统, which alone would be the president's
    (r"(?:总统)?气候(?:变化)?(?:问题|事务)?特使", "climate-envoy", "USA"),
    (r"(?:总统)?国家安全(?:事务)?(?:助理|顾问)|国安顾问", "national-security-advisor", "USA"),
    (r"国家副主席", "vice-president", "CHN"),
    (r"国家主席", "president", "CHN"),
    (r"副总统", "vice-president", None),
    (r"总统", "president", None),
    (r"国务院副总理|副总理", "vice-premier", "CHN"),
    (r"国务院总理|总理", "premier", "CHN"),
    (r"国务委员", "state-councilor", "CHN"),
    (r"财政部长|财长", "treasury-secretary", None),
    (r"商务部长", "commerce-secretary", None),
    (r"贸易代表", "trade-representative", "USA"),
    (r"(?:联邦)?众议院议长|众院议长", "speaker", "USA"),
    (r"大使(?!馆)", "ambassador", None),
    # 参议院多数党领袖舒默, 共和党参议员克雷坡: the Senate's titles, American in this dyad's news
    (r"(?:联邦)?参议院多数党领袖", "senate-leader", "USA"),
    (r"(?:联邦)?参议员", "senator", "USA"),
    # 白宫国家安全会议中国事务高级主任贝兰德: a portfolio between the council and the title
    (
        r"(?:白宫)?(?:国家安全会议|国家安全委员会|国安会)[^，。、；（(]{0,12}?(?:高级|资深)主任",
        "nsc-senior-director",
        "USA",
    ),
]
_EN_QUAL = r"(?:the\s+)?(?:(?P<qc>chinese|china's|china|pla|beijing's)|(?P<qu>u\.s\.|us|american|america's|united states'?|washington's))\s+"
_ZH_QUAL = r"(?:(?P<qc>中国|中方|解放军|中)|(?P<qu>美国|美方|美军|美))"


def _compile(patterns: list[tuple[str, str, str | None]], qualifier: str, latin: bool) -> re.Pattern[str]:
    body = "|".join(f"(?P<o{i}>{p})" for i, (p, _, _) in enumerate(patterns))
    if latin:
        return compile_fast(rf"(?<![\w.])(?:{qualifier})?(?:{body})(?![\w])")
    return compile_fast(rf"(?:{qualifier})?(?:{body})")


_EN_RE = _compile(EN, _EN_QUAL, latin=True)
_ZH_RE = _compile(ZH, _ZH_QUAL, latin=False)
# Every phrase holds one of these words within WINDOW characters of its start: the long alternations
# are tried only there (scanning every position costs ~0.2 ms a sentence; this, a tenth of it).
_EN_KEY = re.compile(
    r"minister|secretary|chair|chief|commander|ambassador|spokes|advis[eo]r|representative|speaker|envoy|premier|councill?or"
    r"|president|member|director|rep\.|sen\.|senator|congress"
)
_ZH_KEY = re.compile(
    r"长|主席|司令|大使|发言人|国务卿|总统|总理|委员|顾问|助理|代表|议长|特使|秘书|议员|领袖|国家安全会议|国家安全委员会|国安会"
)
_WINDOW = {"en": 48, "zh": 12}


def _scan(regex: re.Pattern[str], keys: re.Pattern[str], folded: str, window: int) -> list[re.Match[str]]:
    """regex.finditer(folded), trying only the positions within `window` before a key word."""
    found: list[re.Match[str]] = []
    last = 0
    for lo, hi in _windows(keys, folded, window):
        pos = max(lo, last)
        while pos <= hi:
            # the leftmost match starting in [pos, hi] is the one trying each position in turn would find
            m = regex.search(folded, pos)
            if m is None or m.start() > hi:
                break
            found.append(m)
            pos = last = m.end()
    return found


def _windows(keys: re.Pattern[str], folded: str, window: int) -> list[tuple[int, int]]:
    """The [start - window, start] ranges before each key word, merged where they touch or overlap."""
    out: list[tuple[int, int]] = []
    for k in keys.finditer(folded):
        lo, hi = max(0, k.start() - window), k.start()
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


@dataclass(frozen=True)
class OfficePhrase:
    """An office phrase found in a folded text: its local span, concept and the state it names (or None)."""

    start: int
    end: int
    concept: str
    state: str | None
    qualified: bool  # a country word stood before the office word

    @property
    def title(self) -> str | None:
        """The gazetteer office it names for its state (or the title label), else None."""
        offices = CONCEPTS[self.concept].get(self.state or "", ())
        if offices:
            return offices[0][0]
        return _TITLES.get(self.concept)


def find_office_phrases(folded: str, language: str) -> list[OfficePhrase]:
    """Every office phrase in a folded text, with its state: the country word's, else the one the words
    imply, else (in a Chinese report) China for an office China has, else the only state that has it."""
    found: list[OfficePhrase] = []
    for regex, table, keys, window in ((_EN_RE, EN, _EN_KEY, _WINDOW["en"]), (_ZH_RE, ZH, _ZH_KEY, _WINDOW["zh"])):
        for m in _scan(regex, keys, folded, window):
            group = m.lastgroup or ""
            if not group.startswith("o"):
                continue
            _, concept, implied = table[int(group[1:])]
            qualifier = "CHN" if m.group("qc") else "USA" if m.group("qu") else None
            states = CONCEPTS[concept]
            state = qualifier or implied
            if state is None:
                if language == "zh" and regex is _ZH_RE and "CHN" in states:
                    state = "CHN"
                elif len(states) == 1:
                    state = next(iter(states))
            found.append(OfficePhrase(m.start(), m.end(), concept, state, qualifier is not None))
    return found


def concept_of(words: str) -> tuple[str, str | None] | None:
    """The concept and implied state of office words given whole ("defence minister", 国防部长), else None."""
    for regex, table in ((_EN_RE, EN), (_ZH_RE, ZH)):
        m = regex.fullmatch(words)
        if m and (m.lastgroup or "").startswith("o"):
            _, concept, implied = table[int((m.lastgroup or "o0")[1:])]
            qualifier = "CHN" if m.group("qc") else "USA" if m.group("qu") else None
            return concept, qualifier or implied
    return None


def office_strings(concept: str, state: str | None) -> tuple[Office, ...]:
    """The gazetteer offices a concept names in a state."""
    return CONCEPTS.get(concept, {}).get(state or "", ())


def holds(record: dict[str, str | None], on: date) -> bool:
    """Whether an office record (since, until as ISO dates) covers a day: since ≤ day < until."""
    since, until = record.get("since"), record.get("until")
    if since and date.fromisoformat(since) > on:
        return False
    return not (until and date.fromisoformat(until) <= on)
