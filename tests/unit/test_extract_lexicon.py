"""Sentences, triggers, cues, channels and places of extraction (issue 10), in English and Chinese."""

from __future__ import annotations

import pytest

from tracker.extract.lexicon import Trigger, cues, find_channels, find_places, find_triggers
from tracker.extract.lexicon_zh import simplify
from tracker.extract.model import Sentence, Span
from tracker.extract.sentences import split


def s(text: str, offset: int = 0) -> Sentence:
    return Sentence(text, Span(offset, offset + len(text)))


def triggers(text: str, language: str = "en") -> list[Trigger]:
    return find_triggers(s(text), language)


def one(text: str, kind: str, language: str = "en") -> Trigger:
    found = [t for t in triggers(text, language) if t.kind == kind]
    assert len(found) == 1, (kind, triggers(text, language))
    return found[0]


def texts(text: str, language: str) -> list[str]:
    return [x.text for x in split(text, language)]


# sentences


def test_english_abbreviations_initials_and_decimals_do_not_split() -> None:
    """Titles, months, "No.", initials, dotted acronyms and decimals stay inside their sentence."""
    text = (
        "Lt. Gen. John Smith met Mr. Li and Dr. Wu at No. 5 St. James on Jan. 8 in the U.S. capital. "
        "Lloyd J. Austin said growth was 3.5 percent. Adm. Paparo called."
    )
    assert texts(text, "en") == [
        "Lt. Gen. John Smith met Mr. Li and Dr. Wu at No. 5 St. James on Jan. 8 in the U.S. capital.",
        "Lloyd J. Austin said growth was 3.5 percent.",
        "Adm. Paparo called.",
    ]


def test_english_splits_after_an_acronym_when_a_sentence_starts_and_keeps_closing_quotes() -> None:
    """ "U.S. The" ends a sentence; a closing quote after the period belongs to the sentence it closes."""
    assert texts('He flew to the U.S. The talks began. "It was unusual." Sun said so!', "en") == [
        "He flew to the U.S.",
        "The talks began.",
        '"It was unusual."',
        "Sun said so!",
    ]


def test_chinese_ends_with_closing_marks_and_quotes_are_kept_whole() -> None:
    """。！？ end a sentence with the quote or bracket after them; a 。 inside “…” does not."""
    text = "他说：“会谈很好。双方满意。”外交部表示欢迎！是否恢复？（完）"
    assert texts(text, "zh") == ["他说：“会谈很好。双方满意。”", "外交部表示欢迎！", "是否恢复？", "（完）"]


def test_paragraph_breaks_split_and_spans_slice_back() -> None:
    """A newline always ends a sentence; every span slices the text back to the sentence."""
    text = "  Austin met Dong in Singapore\n\nThey spoke for an hour. 董军表示\n美方应停止。"
    parts = split(text, "en") + split(text, "zh")
    assert [p.text for p in split(text, "en")] == [
        "Austin met Dong in Singapore",
        "They spoke for an hour.",
        "董军表示",
        "美方应停止。",
    ]
    for p in parts:
        assert text[p.span.start : p.span.end] == p.text


# triggers: every kind in both languages

EN_KINDS = [
    ("Austin met Dong Jun in Singapore.", "meeting"),
    ("Austin and Dong held talks in Singapore.", "talks"),
    ("Austin spoke by video with Dong.", "call"),
    ("Kahl told a forum in London that China stalled.", "statement"),
    ("The two sides agreed to resume military talks.", "intent-to-meet"),
    ("Biden called for more military dialogue.", "appeal"),
    ("Xie demanded that Washington lift the sanctions.", "demand"),
    ("The ministry condemned the arms sale.", "criticism"),
    ("China refused the request.", "meeting-declined"),
    ("The navies held joint exercises.", "military-cooperation"),
    ("The United States sanctioned Li Shangfu.", "sanction-imposed"),
    ("Washington lifted sanctions on the institute.", "sanction-lifted"),
    ("Beijing vowed countermeasures.", "countermeasure"),
    ("China suspended the talks.", "channel-suspended"),
    ("The two militaries resumed talks.", "channel-resumed"),
    ("Military communications have stalled.", "channel-stalled"),
    ("Xi appointed Dong Jun.", "office-assumed"),
    ("Li Shangfu was removed as defense minister.", "office-left"),
]
ZH_KINDS = [
    ("董军在新加坡会见奥斯汀。", "meeting"),
    ("双方举行会谈。", "talks"),
    ("董军与赫格塞思视频通话。", "call"),
    ("卡尔在伦敦的论坛上表示。", "statement"),
    ("双方同意恢复两军对话。", "intent-to-meet"),
    ("中方呼吁加强沟通。", "appeal"),
    ("谢锋要求美方移除障碍。", "demand"),
    ("外交部谴责美方售台武器。", "criticism"),
    ("中方拒绝了会晤请求。", "meeting-declined"),
    ("两军举行联合演习。", "military-cooperation"),
    ("商务部将该公司列入不可靠实体清单。", "sanction-imposed"),
    ("美方解除对该所的制裁。", "sanction-lifted"),
    ("中方对洛克希德·马丁公司采取反制措施。", "countermeasure"),
    ("中方宣布暂停两军对话。", "channel-suspended"),
    ("两军恢复了对话。", "channel-resumed"),
    ("双方军事沟通继续停滞。", "channel-stalled"),
    ("人大常委会任命董军为国防部长。", "office-assumed"),
    ("人大常委会免去李尚福的国防部部长职务。", "office-left"),
]


@pytest.mark.parametrize(("text", "kind"), EN_KINDS + ZH_KINDS)
def test_each_kind_is_triggered_in_both_languages(text: str, kind: str) -> None:
    """Each kind of the lexicon is found by a plain sentence in English and in Chinese, as occurred."""
    language = "en" if text.isascii() else "zh"
    t = one(text, kind, language)
    assert t.status == "occurred"
    assert not (t.negated or t.hypothetical or t.quoted)


def test_visited_received_and_hosted_give_the_subjects_role() -> None:
    """ "hosted" makes the subject host, "visited" and "was received by" the guest, 应约 the invited side."""
    assert one("Chase hosted Song at the Pentagon.", "meeting").role == "host"
    assert one("Kerry visited Beijing.", "meeting").role == "guest"
    received = one("Austin was received by Dong.", "meeting")
    assert (received.role, received.passive) == ("guest", True)
    assert one("董军应约与奥斯汀视频通话。", "call", "zh").role == "invited"
    assert one("Milley twice called his Chinese counterpart.", "call").role == "initiator"
    assert one("China named Dong Jun as minister, replacing Li Shangfu.", "office-left").role == "object"


# context: negation, hypothesis, quotation, expectation, background


def test_negation_in_both_languages() -> None:
    """ "did not meet", 未会晤 and 未有宣布新任 are negated; a plain meeting is not."""
    assert one("Austin did not meet Dong in Singapore.", "meeting").negated
    assert one("奥斯汀未与董军会晤。", "meeting", "zh").negated
    assert one("會議未有宣布新任國防部長人選。", "office-assumed", "zh").negated
    assert not one("Austin met Dong.", "meeting").negated


def test_negation_inside_a_pattern_s_optional_words() -> None:
    """ "who have not held talks": the pattern's gap words may swallow the negation, which still negates."""
    assert one("The two envoys, who have not held talks since May, attended the forum.", "talks").negated
    assert one("The ministers have never held talks in person.", "talks").negated
    assert not one("The ministers have held talks twice this year.", "talks").negated


def test_hypothetical_conditions_questions_and_wishes() -> None:
    """ "would", "if", 除非, a question, and sought meetings are hypothetical."""
    assert one("The meeting would be a prerequisite for talks to resume.", "channel-resumed").hypothetical
    assert one("If they met, it would help.", "meeting").hypothetical
    assert one("除非华府取消对李尚福的制裁。", "sanction-lifted", "zh").hypothetical
    assert one("这是否意味，两国将恢复停滞多时的军事对话？", "channel-resumed", "zh").hypothetical
    assert one("两国恢复军事对话？", "channel-resumed", "zh").hypothetical
    assert not one("两国恢复军事对话。", "channel-resumed", "zh").hypothetical


def test_a_quoted_demand_is_the_speakers_not_an_act_of_the_other_side() -> None:
    """ "urged the U.S. to meet", 要求美方…, 美方应停止 and verbs inside quotes are quoted, not acts."""
    found = triggers("Xie urged the U.S. to meet China halfway.")
    assert [(t.kind, t.quoted) for t in found] == [("demand", False), ("meeting", True)]
    assert found[1].governed_by == "demand"
    zh = [t for t in find_triggers(s("董军表示，美方应停止在台海问题上的错误言行。"), "zh") if t.role != "readout"]
    assert [(t.kind, t.quoted) for t in zh] == [("demand", False), ("channel-suspended", True)]
    assert one('Sun said "the two sides must resume talks" soon.', "channel-resumed").quoted
    assert one("他说“两军将恢复对话”。", "channel-resumed", "zh").quoted


def test_agreeing_to_resume_is_intent_and_resuming_is_a_resumption() -> None:
    """ "agreed to resume" is intent-to-meet (036) and what it covers is expected; "resumed" is a resumption."""
    found = triggers("Biden and Xi agreed on Wednesday to resume communications, including talks between commanders.")
    assert [t.kind for t in found] == ["intent-to-meet", "talks"]
    assert found[1].status == "expected" and found[1].governed_by == "intent-to-meet"
    assert one("The two militaries resumed talks on Monday.", "channel-resumed").status == "occurred"
    zh = find_triggers(s("双方同意恢复两军高层沟通。"), "zh")
    assert [t.kind for t in zh] == ["intent-to-meet"]
    assert cues(s("双方同意恢复两军高层沟通。"), "zh").intent


def test_expected_declined_and_cancelled_statuses() -> None:
    """ "is expected to visit", 将访问 are expected; what a refusal covers is declined; what is called off cancelled."""
    assert one("Kerry is expected to visit next week.", "meeting").status == "expected"
    assert one("克里预计下周将访问北京。", "meeting", "zh").status == "expected"
    declined = triggers("China declined a U.S. invitation for Austin to meet Li.")
    assert [(t.kind, t.status) for t in declined][-1] == ("meeting", "declined")
    passive = triggers("此前美国国防部曾希望让两国防长会晤，遭到中方拒绝。", "zh")
    assert (passive[0].kind, passive[0].status) == ("meeting", "declined")
    cancelled = triggers("国防部宣布推迟原定近期举行的中美两军联合参谋部对话机制会议。", "zh")
    assert all(t.status == "cancelled" for t in cancelled) and cancelled
    assert one("China was cancelling a planned call.", "channel-suspended").status == "cancelled"


def test_background_and_passive_sanctions() -> None:
    """ "has been sanctioned since 2018" and 自2018年起即遭美国制裁 are background and passive; a new one is not."""
    old = one("Li Shangfu has been sanctioned since 2018.", "sanction-imposed")
    assert old.background and old.passive
    zh = one("李尚福自2018年起即遭美国制裁。", "sanction-imposed", "zh")
    assert zh.background and zh.passive
    new = one("The United States on Thursday imposed sanctions on Li.", "sanction-imposed")
    assert not (new.background or new.passive)


def test_trigger_spans_are_absolute_and_slice_back_in_traditional_text() -> None:
    """Spans count from the report's start; traditional text is matched, its own characters returned."""
    text = "標題。\n中國外交部宣布取消中美國防部工作會晤。"
    for sentence in split(text, "zh"):
        for t in find_triggers(sentence, "zh"):
            assert text[t.span.start : t.span.end] == t.text
    t = find_triggers(split(text, "zh")[1], "zh")[0]
    assert (t.kind, t.text, t.status) == ("channel-suspended", "取消", "cancelled")
    assert simplify("會晤國防部長") == "会晤国防部长"
    assert one("中方拒絕了會晤的請求。", "meeting-declined", "zh").text == "拒絕"


# cues


def test_rewrite_cue_names_the_outlet() -> None:
    """路透社报道, 据路透社, "according to Reuters" and "Reuters reported" give the outlet; a dateline does not."""
    assert cues(s("（德国之声中文网）路透社报道，谢锋会晤了拉特纳。"), "zh").rewrite_of == "Reuters"
    assert cues(s("據路透社，雙方會晤。"), "zh").rewrite_of == "Reuters"
    assert cues(s("The two met, according to Reuters."), "en").rewrite_of == "Reuters"
    assert cues(s("Bloomberg reported the call."), "en").rewrite_of == "Bloomberg"
    assert cues(s("WASHINGTON, July 12 (Reuters) - They met."), "en").rewrite_of is None


def test_sentence_cues() -> None:
    """Background, expected and negation cues of a whole sentence, with the words that gave them."""
    c = cues(s("Li has been sanctioned since 2018 and will not travel."), "en")
    assert c.background and c.expected and c.negation and not c.intent
    assert ("background", "since", Span(23, 28)) in c.found
    zh = cues(s("此前，双方曾会晤。"), "zh")
    assert zh.background and not zh.expected
    assert cues(s("两国将恢复军事对话？"), "zh").question


# channels and places


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("They agreed to hold talks between theater commanders.", "theater-commanders"),
        ("China cancelled a planned call between theatre commanders.", "theater-commanders"),
        ("美中海上军事安全磋商工作小组会议在檀香山举行。", "mmca"),
        ("They held the Military Maritime Consultative Agreement meetings.", "mmca"),
        ("the first defense policy coordination talks since 2020", "dpct"),
        ("取消中美國防部工作會晤", "dpct"),
        ("The defense telephone link was used.", "defense-telephone-link"),
        ("They set up a hotline.", "defense-telephone-link"),
        ("两国防长在新加坡会晤。", "defense-ministers"),
        ("a defense minister-level meeting with Austin", "defense-ministers"),
        ("the defense ministers' talks resumed", "defense-ministers"),
        ("talks between the chiefs of defense", "chiefs-of-defense"),
        ("The CJCS spoke with the head of the Joint Staff Department.", "chiefs-of-defense"),
        ("推迟中美两军联合参谋部对话机制会议", "joint-staff-dialogue"),
        ("戰區領導通話", "theater-commanders"),
    ],
)
def test_channels_by_name_alias_and_paraphrase(text: str, slug: str) -> None:
    """Catalogue names and aliases, and paraphrases of them, in both languages, give the channel's slug."""
    sentence = s(text, 100)
    found = find_channels(sentence, "zh" if not text.isascii() else "en")
    assert [f[0] for f in found] == [slug]
    span = found[0][1]
    assert span.start >= 100 and text[span.start - 100 : span.end - 100]


def test_a_paraphrase_covers_the_whole_phrase() -> None:
    """ "talks between theater commanders" is one channel mention, spanning the whole phrase."""
    text = "They agreed to hold talks between theater commanders."
    [(slug, span)] = find_channels(s(text), "en")
    assert (slug, text[span.start : span.end]) == ("theater-commanders", "talks between theater commanders")


def test_climate_talks_and_a_lone_defence_minister_are_no_channel() -> None:
    """Climate talks are not in the catalogue; 美国防长奥斯汀 names a minister, not the channel."""
    assert find_channels(s("中方同时宣布暂停中美气候变化商谈。"), "zh") == []
    assert find_channels(s("美国防长奥斯汀对此表示遗憾。"), "zh") == []


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("谢锋在五角大厦会晤了拉特纳。", ["pentagon"]),
        ("两国防长在新加坡“香格里拉对话”上会晤。", ["singapore", "singapore"]),
        ("会议在夏威夷檀香山舉行。", ["honolulu", "honolulu"]),
        ("奥斯汀在寮國永珍出席会议。", ["vientiane"]),
        ("谢锋在华盛顿，布林肯在北京。", ["washington", "beijing"]),
        ("They met in Honolulu and later in Washington, D.C.", ["honolulu", "washington"]),
        ("Talks at the Shangri-La Dialogue in Singapore.", ["singapore", "singapore"]),
        ("They met in 万象.", ["vientiane"]),
    ],
)
def test_places_in_both_languages(text: str, slugs: list[str]) -> None:
    """Known places and the names standing for them, traditional or simplified, with spans slicing back."""
    found = find_places(s(text, 7), "en" if text.isascii() else "zh")
    assert [f[0] for f in found] == slugs
    for _, span in found:
        assert text[span.start - 7 : span.end - 7]


def test_traditional_folds_without_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without OpenCC the built-in table still folds the lexicon's traditional characters, keeping length."""
    from tracker.extract import lexicon_zh

    monkeypatch.setattr(lexicon_zh, "_opencc", lambda: None)
    assert lexicon_zh.simplify("中方拒絕會晤，國防部長董軍") == "中方拒绝会晤，国防部长董军"
