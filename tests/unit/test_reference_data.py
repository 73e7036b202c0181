"""The reference data in tracker/data holds together, and carries the fact-checked corrections."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from events.commands import ImposeSanction, ReportInteraction
from events.values import normalise
from tracker.data import load
from tracker.demo import FACTS, REUTERS
from tracker.input.facts import parse_fact
from tracker.input.gazetteer import ActorRef, ChannelRef, Gazetteer

CONTRACT_CHANNELS = (
    "defense-ministers",
    "chiefs-of-defense",
    "dpct",
    "mmca",
    "theater-commanders",
    "defense-telephone-link",
    "arms-control",
)
NEW_CHANNELS = ("joint-staff-dialogue", "diplomatic-security-dialogue", "crisis-communications-wg")
PRECISIONS = ("day", "month", "year")
# Names two actors may share on purpose, normalised; none so far.
SHARED_NAMES: set[str] = set()
# Office dates on the first of a month that are known to be that very day, so carry no precision:
# (slug, office, "since" or "until", date).
FIRST_OF_MONTH_DAYS = {
    # Confirmed by the Senate (56-43) and sworn in by Vice President Pence on 1 February 2017.
    ("rex-tillerson", "Secretary of State", "since", "2017-02-01"),
    # On 23 December 2018 Trump brought Mattis's departure forward from 28 February to 1 January 2019...
    ("jim-mattis", "Secretary of Defense", "until", "2019-01-01"),
    # ...and named Shanahan Acting Secretary of Defense from 1 January 2019.
    ("patrick-shanahan", "Acting Secretary of Defense", "since", "2019-01-01"),
    # The Chairman's term begins by law on 1 October of an odd-numbered year (10 U.S.C. 152(a)(1));
    # the swearing-in ceremonies (Milley 30 September 2019, Brown 29 September 2023) came before it.
    ("joseph-dunford", "Chairman of the Joint Chiefs of Staff", "since", "2015-10-01"),
    ("mark-milley", "Chairman of the Joint Chiefs of Staff", "since", "2019-10-01"),
    ("charles-q-brown", "Chairman of the Joint Chiefs of Staff", "since", "2023-10-01"),
    # On 1 May 2025 Trump moved Waltz out (to be nominated to the UN)...
    ("mike-waltz", "National Security Advisor", "until", "2025-05-01"),
    # ...and named Rubio interim National Security Advisor the same day.
    ("marco-rubio", "Acting National Security Advisor", "since", "2025-05-01"),
}


def _actors() -> list[dict[str, Any]]:
    return [*load("states"), *load("actors")]


def _actor(slug: str) -> dict[str, Any]:
    return next(a for a in _actors() if a["slug"] == slug)


def _names(item: dict[str, Any]) -> list[str]:
    return [item["slug"], *item["names"].values(), *item.get("aliases", [])]


def _offices(slug: str, office: str) -> list[dict[str, Any]]:
    return [o for o in _actor(slug)["offices"] if o["office"] == office]


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _gazetteer() -> Gazetteer:
    actors = [
        (name, ActorRef(a["slug"], a["slug"], a["kind"], a.get("state"), a["names"]["en"]))
        for a in _actors()
        for name in _names(a)
    ]
    channels = [
        (name, ChannelRef(c["slug"], c["slug"], c["dyad"], c["names"]["en"]))
        for c in load("channels")
        for name in _names(c)
    ]
    return Gazetteer.build(actors, channels)


def _demo_commands() -> list[Any]:
    gazetteer = _gazetteer()
    return [parse_fact(dict(fact), gazetteer) for fact in FACTS]


def test_every_office_ends_after_it_begins() -> None:
    """Every office's since is a full ISO date, and its until, when given, is a later one."""
    for actor in _actors():
        for office in actor.get("offices", []):
            since = _day(office["since"])
            if office.get("until"):
                assert _day(office["until"]) > since, (actor["slug"], office["office"])


def test_office_date_precisions_fit_their_dates() -> None:
    """A since or until marked month or year precision is a known precision and falls on the first of its period."""
    for actor in _actors():
        for office in actor.get("offices", []):
            for end in ("since", "until"):
                precision = office.get(f"{end}_precision")
                if precision is None:
                    continue
                assert precision in PRECISIONS, (actor["slug"], office["office"], end)
                day = _day(office[end])
                assert precision == "day" or day.day == 1, (actor["slug"], office["office"], end)
                assert precision != "year" or day.month == 1, (actor["slug"], office["office"], end)


def test_office_dates_on_the_first_of_a_month_carry_a_precision_or_are_known_days() -> None:
    """Each since or until on the first of a month has a month or year precision or is a listed known day, and each listed day still is one."""
    known_days = set()
    for actor in _actors():
        for office in actor.get("offices", []):
            for end in ("since", "until"):
                if office.get(end) and _day(office[end]).day == 1 and office.get(f"{end}_precision", "day") == "day":
                    known_days.add((actor["slug"], office["office"], end, office[end]))
    assert known_days - FIRST_OF_MONTH_DAYS == set()
    assert FIRST_OF_MONTH_DAYS - known_days == set()


def test_no_two_actors_share_a_normalised_name() -> None:
    """No slug, name or alias, once normalised, names two different actors unless listed as intended."""
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in _actors():
        for name in _names(actor):
            owners[normalise(name)].add(actor["slug"])
    shared = {name: slugs for name, slugs in owners.items() if len(slugs) > 1 and name not in SHARED_NAMES}
    assert shared == {}


def test_no_two_channels_share_a_normalised_name() -> None:
    """No slug, name or alias, once normalised, names two different channels."""
    owners: dict[str, set[str]] = defaultdict(set)
    for channel in load("channels"):
        for name in _names(channel):
            owners[normalise(name)].add(channel["slug"])
    assert {name: slugs for name, slugs in owners.items() if len(slugs) > 1} == {}


def test_every_channel_has_english_and_chinese_names() -> None:
    """Every channel has a non-empty English and Chinese name, a dyad and a level."""
    for channel in load("channels"):
        assert channel["names"].get("en", "").strip(), channel["slug"]
        assert channel["names"].get("zh", "").strip(), channel["slug"]
        assert channel["dyad"] == "CHN-USA", channel["slug"]
        assert channel.get("level"), channel["slug"]


def test_contract_channel_slugs_are_kept_and_new_channels_exist() -> None:
    """The contract's channel slugs are all still there, and so are the three channels added."""
    slugs = [c["slug"] for c in load("channels")]
    assert len(slugs) == len(set(slugs))
    assert set(CONTRACT_CHANNELS) <= set(slugs)
    assert set(NEW_CHANNELS) <= set(slugs)


def test_channel_names_from_chinese_readouts_resolve() -> None:
    """The MND's names for the DPCT and for the chiefs' calls, and the new channels' Chinese names, find their channels."""
    gazetteer = _gazetteer()
    expected = {
        "国防部工作会晤": "dpct",
        "中美国防部工作会晤": "dpct",
        "联合参谋部参谋长与参联会主席通话": "chiefs-of-defense",
        "两军总参谋长通话": "chiefs-of-defense",
        "联合参谋部对话机制": "joint-staff-dialogue",
        "外交安全对话": "diplomatic-security-dialogue",
        "危机沟通工作组": "crisis-communications-wg",
    }
    assert {name: gazetteer.channel(name, "CHN-USA").slug for name in expected} == expected


def test_kahl_holds_office_through_the_vilnius_summit() -> None:
    """Kahl is Under Secretary of Defense for Policy on 2023-07-10 and is not recorded leaving before 2023-07-12."""
    (term,) = _offices("colin-kahl", "Under Secretary of Defense for Policy")
    assert _day(term["since"]) <= date(2023, 7, 10)
    assert term.get("until") is None or _day(term["until"]) >= date(2023, 7, 12)


def test_chase_current_title_is_open_only_with_a_note() -> None:
    """Chase's last title either has an end date or a note saying the tenure ended on a day not known."""
    (term,) = _offices("michael-chase", "Deputy Assistant Secretary of Defense for China, Taiwan and Mongolia")
    assert term.get("until") or "ended" in term.get("note", "")


def test_hegseth_holds_secretary_of_war_beside_secretary_of_defense() -> None:
    """Hegseth holds Secretary of War (战争部长) from 2025-09-05, and Secretary of Defense is still open."""
    (war,) = _offices("pete-hegseth", "Secretary of War")
    (defense,) = _offices("pete-hegseth", "Secretary of Defense")
    assert (war["since"], war.get("until"), war.get("office_zh")) == ("2025-09-05", None, "战争部长")
    assert defense.get("until") is None and _day(defense["since"]) < _day(war["since"])


def test_us_ambassadors_to_china_are_dated_from_their_swearing_in() -> None:
    """Branstad, Burns and Perdue start on the days they were sworn in."""
    starts = {
        slug: _offices(slug, "Ambassador to China")[0]["since"]
        for slug in ("terry-branstad", "nicholas-burns", "david-perdue")
    }
    assert starts == {"terry-branstad": "2017-05-24", "nicholas-burns": "2022-01-25", "david-perdue": "2025-05-07"}


def test_yang_jiechi_office_starts_no_earlier_than_the_commission() -> None:
    """Yang Jiechi's Central Foreign Affairs Commission office starts in March 2018, when the Commission was created."""
    (term,) = _offices("yang-jiechi", "Director of the Office of the Central Foreign Affairs Commission")
    assert _day(term["since"]) >= date(2018, 3, 1)
    assert term.get("since_precision") == "month"


def test_equipment_development_department_is_a_chinese_organization() -> None:
    """The CMC Equipment Development Department is an organization of China, known as 装备发展部."""
    edd = _actor("cmc-equipment-development-department")
    assert (edd["kind"], edd["state"]) == ("organization", "CHN")
    assert "装备发展部" in _names(edd)


def test_added_officials_exist_with_their_names() -> None:
    """The officials the fact check asked for are registered, the Chinese ones with Chinese names and pinyin."""
    chinese = {"huang-xueping": "黄雪平", "song-yanchao": "宋延超", "ci-guowei": "慈国巍", "wang-xiubin": "王秀斌",
               "xie-zhenhua": "解振华", "ma-zhaoxu": "马朝旭", "sun-xiaobo": "孙晓波"}  # fmt: skip
    for slug, zh in chinese.items():
        actor = _actor(slug)
        assert (actor["kind"], actor["state"], actor["names"]["zh"]) == ("person", "CHN", zh), slug
        assert actor["names"].get("pinyin"), slug
    for slug in ("randall-schriver", "chad-sbragia", "david-helvey", "elbridge-colby"):
        actor = _actor(slug)
        assert (actor["kind"], actor["state"]) == ("person", "USA"), slug


def test_every_demo_fact_resolves_against_the_reference_data() -> None:
    """Each demo fact parses into a command with every actor, channel and place name known."""
    assert len(_demo_commands()) == len(FACTS)


def test_demo_records_both_caatsa_sanctions() -> None:
    """The demo imposes the 2018 CAATSA sanction on Li Shangfu and on the Equipment Development Department alike."""
    sanctions = [c for c in _demo_commands() if isinstance(c, ImposeSanction) and c.program == "CAATSA Section 231"]
    assert sorted(c.target for c in sanctions) == ["cmc-equipment-development-department", "li-shangfu"]
    assert {(c.authority, c.imposed_by, c.effective_on) for c in sanctions} == {
        ("U.S. Department of State", "USA", date(2018, 9, 20))
    }


def test_demo_kerry_visit_is_expected_from_the_16th_to_the_19th() -> None:
    """Kerry's expected visit runs from 2023-07-16 until 2023-07-19."""
    (kerry,) = [c for c in _demo_commands() if isinstance(c, ReportInteraction) and c.participants == ["john-kerry"]]
    assert (kerry.status, kerry.occurred_on, kerry.until) == ("expected", date(2023, 7, 16), date(2023, 7, 19))


def test_demo_blinken_meets_qin_gang_on_one_day() -> None:
    """Blinken's talks with Qin Gang are one day, 2023-06-18."""
    (talks,) = [c for c in _demo_commands() if isinstance(c, ReportInteraction) and "qin-gang" in c.participants]
    assert (talks.occurred_on, talks.until) == (date(2023, 6, 18), None)


def test_demo_xie_ratner_meeting_was_initiated_by_the_us_side() -> None:
    """The Reuters report of the Pentagon meeting has a U.S. initiator, whom the Pentagon's invitation makes the host."""
    reuters = [
        c
        for c, fact in zip(_demo_commands(), FACTS, strict=True)
        if isinstance(c, ReportInteraction) and fact.get("source") is REUTERS and c.kind == "meeting"
    ]
    (meeting,) = [c for c in reuters if set(c.participants) == {"xie-feng", "ely-ratner"}]
    assert meeting.initiator is not None
    assert meeting.initiator_state == "USA"
