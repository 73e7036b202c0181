"""Actors in sentences (issue 10): gazetteer names in every script, office holders by date, new officials."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.data import load
from tracker.extract.actors import ActorIndex, find_actors, find_all, holder
from tracker.extract.model import ActorMention, Report, Sentence, Span
from tracker.extract.names import fold, key, slug_for


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.build(load("actors"), load("states"))


def report(text: str, language: str = "en", day: str = "2024-03-01") -> Report:
    return Report(text, language, datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC))


def found(
    index: ActorIndex, text: str, language: str = "en", day: str = "2024-03-01", at: int = 0
) -> list[ActorMention]:
    """The mentions in text, as if it started at offset `at` of a longer report."""
    whole = " " * at + text
    return find_actors(Sentence(text, Span(at, at + len(text))), report(whole, language, day), index)


def slugs(mentions: list[ActorMention]) -> list[str]:
    return [m.slug for m in mentions]


def test_fold_keeps_length_and_unifies_scripts() -> None:
    for text in ("國防部長董軍", "Xí Jìnpíng", "U.S. Defense Secretary", "唐納德・特朗普"):
        assert len(fold(text)) == len(text)
    assert fold("國防部長董軍") == "国防部长董军"
    assert key("Xí  Jìnpíng") == key("xi jinping") == "xi jinping"


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("Lloyd J. Austin III spoke.", "en", "lloyd-austin"),
        ("奥斯汀(Lloyd Austin)表示", "zh", "lloyd-austin"),
        ("洛伊德·奧斯丁表示", "zh", "lloyd-austin"),
        ("習近平表示", "zh", "xi-jinping"),
        ("Xí Jìnpíng said", "en", "xi-jinping"),
        ("Xi Jinping said", "en", "xi-jinping"),
        ("賀錦麗表示", "zh", "kamala-harris"),
        ("川普表示", "zh", "donald-trump"),
        ("Robert O’Brien said", "en", "robert-obrien"),
        ("the PRC said", "en", "CHN"),
        ("美方表示", "zh", "USA"),
    ],
)
def test_aliases_in_every_script(index: ActorIndex, text: str, language: str, slug: str) -> None:
    assert slugs(found(index, text, language))[:1] == [slug]


def test_traditional_is_simplified(index: ActorIndex) -> None:
    trad, simp = found(index, "國防部長董軍表示", "zh"), found(index, "国防部长董军表示", "zh")
    assert trad == [ActorMention("dong-jun", "person", "CHN", Span(4, 6), "董軍", "Minister of National Defense")]
    assert [(m.slug, m.span, m.office) for m in trad] == [(m.slug, m.span, m.office) for m in simp]


def test_ambiguous_name_needs_an_office_word(index: ActorIndex) -> None:
    assert found(index, "他去过奥斯汀。", "zh") == []
    assert slugs(found(index, "美国防长奥斯汀表示", "zh")) == ["lloyd-austin"]
    assert slugs(found(index, "克里米亚局势", "zh")) == []


@pytest.mark.parametrize(
    ("day", "slug"), [("2023-06-01", "li-shangfu"), ("2024-03-01", "dong-jun"), ("2023-11-01", None)]
)
def test_office_holder_on_the_report_date(index: ActorIndex, day: str, slug: str | None) -> None:
    mentions = found(index, "The Chinese defence minister declined.", "en", day)
    assert [m.slug for m in mentions if m.kind == "person"] == ([slug] if slug else [])
    if slug:
        assert mentions[0].office == "Minister of National Defense"
    assert holder(index, "defence minister", "CHN", date.fromisoformat(day)) == slug


@pytest.mark.parametrize(
    ("text", "language", "day", "slug"),
    [
        ("China's defense minister said", "en", "2019-01-01", "wei-fenghe"),
        ("the U.S. defense secretary said", "en", "2022-01-01", "lloyd-austin"),
        ("Pentagon chief said", "en", "2025-03-01", "pete-hegseth"),
        ("中国国防部长表示", "zh", "2024-03-01", "dong-jun"),
        ("美国防长表示", "zh", "2022-01-01", "lloyd-austin"),
        ("美国国防部长表示", "zh", "2019-01-02", "patrick-shanahan"),
        ("中央军委副主席表示", "zh", "2020-01-01", None),  # two vice chairmen at once: no single holder
        ("the chairman of the Joint Chiefs said", "en", "2021-01-08", "mark-milley"),
        ("参联会主席表示", "zh", "2024-03-01", "charles-q-brown"),
        ("China's ambassador to the United States said", "en", "2023-07-12", "xie-feng"),
    ],
)
def test_office_phrases_without_a_name(index: ActorIndex, text: str, language: str, day: str, slug: str | None) -> None:
    persons = [m.slug for m in found(index, text, language, day) if m.kind == "person"]
    assert persons == ([slug] if slug else [])


@pytest.mark.parametrize(
    ("text", "language", "name", "slug", "office", "state"),
    [
        ("Chinese Defense Minister Dong Jun said", "en", "Dong Jun", "dong-jun", "Minister of National Defense", "CHN"),
        ("中国国防部长董军表示", "zh", "董军", "dong-jun", "Minister of National Defense", "CHN"),
        (
            "美军印太司令部司令帕帕罗表示",
            "zh",
            "帕帕罗",
            "samuel-paparo",
            "Commander, U.S. Indo-Pacific Command",
            "USA",
        ),
        (
            "Adm. Samuel Paparo, commander of U.S. Indo-Pacific Command, said",
            "en",
            "Samuel Paparo",
            "samuel-paparo",
            "Commander, U.S. Indo-Pacific Command",
            "USA",
        ),
        ("南部战区司令员吴亚男表示", "zh", "吴亚男", "wu-yanan", "Commander, Southern Theater Command", "CHN"),
    ],
)
def test_title_patterns(
    index: ActorIndex, text: str, language: str, name: str, slug: str, office: str, state: str
) -> None:
    # Known: a normal mention carrying the office.
    [known] = [m for m in found(index, text, language, "2024-09-01") if m.kind == "person"]
    assert (known.slug, known.name, known.office, known.new) == (slug, name, office, False)
    # Not in the gazetteer: a new official with its name, office and state.
    fresh = ActorIndex.build([a for a in load("actors") if a["slug"] != slug], load("states"))
    [new] = [m for m in found(fresh, text, language, "2024-09-01") if m.kind == "person"]
    assert (new.name, new.office, new.state, new.new) == (name, office, state, True)
    assert new.names == {language: name}
    assert new.slug == (slug if language == "en" or state == "CHN" else slug_for(name, False))


def test_new_officials(index: ActorIndex) -> None:
    [m] = found(index, "Assistant Secretary of State Mallory Stewart said", "en")
    assert (m.slug, m.office, m.state, m.new) == ("mallory-stewart", "Assistant Secretary of State", "USA", True)
    [m] = found(index, "外交部副部长郑泽光22日召见", "zh", "2018-09-23")
    assert (m.slug, m.names, m.office, m.state, m.new) == (
        "zheng-zeguang", {"zh": "郑泽光"}, "Vice Minister of Foreign Affairs", "CHN", True)  # fmt: skip
    [m] = [m for m in found(index, "美國聯邦眾議院議長約翰遜（Mike Johnson）訪台", "zh") if m.new]
    assert (m.slug, m.names) == ("mike-johnson", {"zh": "约翰逊", "en": "Mike Johnson"})
    known = found(index, "美國聯邦眾議院議長裴洛西（Nancy Pelosi）訪台", "zh", "2022-08-03")
    assert {(m.slug, m.new) for m in known if m.kind == "person"} == {("nancy-pelosi", False)}
    [m] = found(index, "Gen. Liu Zhenli met", "en")
    assert (m.slug, m.new) == ("liu-zhenli", False)
    # A name the index holds for two actors is no new official either.
    twin = {"slug": "dong-jun-2", "kind": "person", "state": "CHN", "names": {"en": "Dong Jun", "zh": "董军"}}
    shared = ActorIndex.build([*load("actors"), twin], load("states"))
    assert [m for m in found(shared, "中国国防部长董军表示", "zh") if m.new] == []
    # A bare title followed by a noun is no name.
    assert [m for m in found(index, "免去李尚福的國防部部長職務", "zh", "2023-10-25") if m.new] == []


def test_longest_match_and_spans_slice_back(index: ActorIndex) -> None:
    text = "Lloyd J. Austin III met the United States envoy in Washington; Washington said U.S.-China ties matter."
    mentions = found(index, text, "en", at=100)
    assert [m.slug for m in mentions] == ["lloyd-austin", "USA", "USA", "USA", "CHN"]
    whole = " " * 100 + text
    assert [whole[m.span.start : m.span.end] for m in mentions] == [m.name for m in mentions]
    assert mentions[0].name == "Lloyd J. Austin III"
    assert mentions[1].name == "the United States"  # not "United States" inside it
    assert found(index, "中美洲国家", "zh") == []
    assert slugs(found(index, "中美两军", "zh")) == ["CHN", "USA"]


def test_capitals_only_in_political_use(index: ActorIndex) -> None:
    assert slugs(found(index, "Beijing snubbed the offer.", "en")) == ["CHN"]
    assert slugs(found(index, "Blinken traveled to Beijing.", "en")) == []
    assert slugs(found(index, "WASHINGTON, July 12 - talks", "en")) == []
    assert slugs(found(index, "北京以美国对台军售为由", "zh")) == ["CHN", "USA"]
    assert slugs(found(index, "会议在北京举行", "zh")) == []
    assert slugs(found(index, "near the South China Sea", "en")) == []
    assert slugs(found(index, "let us talk", "en")) == []  # "US" only in capitals


def test_short_names_after_a_full_mention(index: ActorIndex) -> None:
    texts = ["Defense Secretary Lloyd Austin met Chinese Ambassador Xie Feng.", "Austin thanked Mr. Xie.", "谢大使表示"]
    sentences, at = [], 0
    for t in texts:
        sentences.append(Sentence(t, Span(at, at + len(t))))
        at += len(t) + 1
    result = find_all(sentences, report(" ".join(texts), "en", "2023-07-12"), index)
    assert [m.slug for m in result[0]] == ["lloyd-austin", "xie-feng"]
    assert [(m.slug, m.name) for m in result[1]] == [("lloyd-austin", "Austin"), ("xie-feng", "Mr. Xie")]
    assert [m.slug for m in result[2]] == ["xie-feng"]
    # Before any full mention a family name is nobody.
    alone = find_all([Sentence("Austin thanked Mr. Xie.", Span(0, 23))], report("x"), index)
    assert alone == [[]]
