"""The seed story (DESIGN and ../shared/corpus): the 12 July 2023 Pentagon meeting and its context.

Facts with their source URLs only; no article text ships. Recorded through the same
Session.append call the CLI's `tracker append` uses.
"""

from __future__ import annotations

from typing import Any

from events.commands import Outcome
from tracker.session import Session

__all__ = ["DEMO_AS_OF", "FACTS", "record_demo"]

DEMO_AS_OF = "2023-07-31"

REUTERS = {
    "url": "https://www.reuters.com/world/chinas-ambassador-us-holds-rare-meeting-pentagon-2023-07-12/",
    "outlet": "Reuters",
    "language": "en",
    "published_at": "2023-07-12T21:27:00Z",
    "title": "China's ambassador to US holds rare meeting at Pentagon",
}
DW = {
    "url": "https://www.dw.com/zh/中国驻美大使罕见造访五角大楼/a-66218787",
    "outlet": "Deutsche Welle",
    "language": "zh",
    "published_at": "2023-07-13T06:00:00Z",
    "title": "中国驻美大使罕见造访五角大楼",
    "derived_from": REUTERS["url"],
}
STATE_2018 = {
    "url": "https://2017-2021.state.gov/caatsa-section-231-imposition-of-sanctions-on-chinese-entity/",
    "outlet": "U.S. Department of State",
    "language": "en",
    "published_at": "2018-09-20T00:00:00Z",
    "title": 'CAATSA Section 231 "Imposition of Sanctions on Chinese Entity"',
}
MFA_2022 = {
    "url": "https://www.fmprc.gov.cn/mfa_eng/wjbxw/202208/t20220805_10735706.html",
    "outlet": "Ministry of Foreign Affairs of the PRC",
    "language": "en",
    "published_at": "2022-08-05T00:00:00Z",
    "title": "China Announces Countermeasures in Response to Nancy Pelosi's Visit to Taiwan",
}
DOD_2022 = {
    "url": "https://www.defense.gov/News/Releases/Release/Article/3224894/readout-of-secretary-of-defense-lloyd-j-austin-iiis-meeting-with-peoples-republic/",
    "outlet": "U.S. Department of Defense",
    "language": "en",
    "published_at": "2022-11-22T00:00:00Z",
    "title": "Readout of Secretary of Defense Lloyd J. Austin III's Meeting With People's Republic of China Minister of National Defense Wei Fenghe",
}
REUTERS_2023_05 = {
    "url": "https://www.reuters.com/world/china-declines-us-defense-meeting-singapore-pentagon-2023-05-29/",
    "outlet": "Reuters",
    "language": "en",
    "published_at": "2023-05-29T00:00:00Z",
    "title": "China declines U.S. request for defense chiefs to meet in Singapore, Pentagon says",
}
STATE_2023_06 = {
    "url": "https://www.state.gov/secretary-blinkens-meeting-with-peoples-republic-of-china-state-councilor-and-foreign-minister-qin-gang/",
    "outlet": "U.S. Department of State",
    "language": "en",
    "published_at": "2023-06-18T00:00:00Z",
    "title": "Secretary Blinken's Meeting with PRC State Councilor and Foreign Minister Qin Gang",
}
TREASURY_2023_07 = {
    "url": "https://home.treasury.gov/news/press-releases/jy1612",
    "outlet": "U.S. Department of the Treasury",
    "language": "en",
    "published_at": "2023-07-07T00:00:00Z",
    "title": "Readout: Secretary Yellen's Meeting with Premier Li Qiang",
}

FACTS: list[dict[str, Any]] = [
    {"kind": "channel-suspended", "channel": "theater-commanders", "occurred_on": "2022-08-05", "by": "CHN",
     "reason": "countermeasure to Speaker Pelosi's visit to Taiwan", "source": MFA_2022},
    {"kind": "channel-suspended", "channel": "dpct", "occurred_on": "2022-08-05", "by": "CHN",
     "reason": "countermeasure to Speaker Pelosi's visit to Taiwan", "source": MFA_2022},
    {"kind": "channel-suspended", "channel": "mmca", "occurred_on": "2022-08-05", "by": "CHN",
     "reason": "countermeasure to Speaker Pelosi's visit to Taiwan", "source": MFA_2022},
    {"kind": "meeting", "participants": ["Lloyd Austin", "Wei Fenghe"], "occurred_on": "2022-11-22",
     "location": "Siem Reap", "channel": "defense-ministers",
     "summary": "Austin and Wei meet on the sidelines of the ASEAN Defence Ministers' Meeting-Plus", "source": DOD_2022},
    {"kind": "sanction-imposed", "target": "Li Shangfu", "imposed_by": "USA", "authority": "U.S. Department of State",
     "program": "CAATSA Section 231", "legal_basis": "Countering America's Adversaries Through Sanctions Act, section 231",
     "reason": "purchase of Su-35 combat aircraft and S-400 equipment from Rosoboronexport",
     "occurred_on": "2018-09-20", "sources": [STATE_2018, REUTERS]},
    {"kind": "sanction-imposed", "target": "CMC Equipment Development Department", "imposed_by": "USA",
     "authority": "U.S. Department of State", "program": "CAATSA Section 231",
     "legal_basis": "Countering America's Adversaries Through Sanctions Act, section 231",
     "reason": "purchase of Su-35 combat aircraft and S-400 equipment from Rosoboronexport",
     "occurred_on": "2018-09-20", "sources": [STATE_2018]},
    {"kind": "meeting-declined", "participants": ["Lloyd Austin", "Li Shangfu"], "initiator": "CHN",
     "recipient": "Lloyd Austin", "occurred_on": "2023-05-29", "location": "Singapore", "channel": "defense-ministers",
     "summary": "China declines Austin's request to meet Li Shangfu at the Shangri-La Dialogue",
     "sources": [REUTERS_2023_05, REUTERS]},
    {"kind": "meeting", "participants": ["Antony Blinken", "Qin Gang"], "initiator": "Antony Blinken",
     "occurred_on": "2023-06-18", "location": "Beijing",
     "summary": "Blinken visits Beijing, the first U.S. secretary of state in China since 2018",
     "sources": [STATE_2023_06, REUTERS]},
    {"kind": "meeting", "participants": ["Janet Yellen", "Li Qiang"], "initiator": "Janet Yellen",
     "occurred_on": "2023-07-07", "location": "Beijing", "summary": "Yellen visits China",
     "sources": [TREASURY_2023_07, REUTERS]},
    {"kind": "statement", "participants": ["Colin Kahl"], "recipient": "CHN", "occurred_on": "2023-07-10",
     "location": "London",
     "summary": "Kahl: the U.S. reached out to thicken crisis channels and Beijing serially pushed us off",
     "source": REUTERS},
    {"kind": "meeting", "participants": ["Xie Feng", "Ely Ratner"], "initiator": "USA", "occurred_on": "2023-07-12",
     "location": "Pentagon", "summary": "Ambassador Xie meets Assistant Secretary Ratner at the Pentagon for about 90 minutes",
     "source": REUTERS},
    {"kind": "meeting", "participants": ["谢锋", "拉特纳"], "occurred_on": "2023-07-12", "location": "五角大厦",
     "summary": "中国驻美大使谢锋在五角大厦会晤美国助理国防部长拉特纳", "source": DW},
    {"kind": "demand", "participants": ["Xie Feng"], "recipient": "USA", "occurred_on": "2023-07-12",
     "location": "Pentagon",
     "summary": "Xie asks the U.S. side to take action to remove obstacles and manage differences", "source": REUTERS},
    {"kind": "channel-stalled", "channel": "defense-ministers", "occurred_on": "2023-07-12",
     "reason": "military communications have stalled", "source": REUTERS},
    {"kind": "meeting", "status": "expected", "participants": ["John Kerry"], "recipient": "CHN",
     "occurred_on": "2023-07-16", "until": "2023-07-19", "location": "Beijing",
     "summary": "Climate envoy Kerry is expected to visit China next week",
     "source": REUTERS},
]  # fmt: skip


def record_demo(session: Session) -> list[Outcome]:
    """Load reference data and append the seed story, one fact at a time, as a user would."""
    session.init()
    outcomes: list[Outcome] = []
    for fact in FACTS:
        outcomes.extend(session.append([dict(fact)]))
    return outcomes
