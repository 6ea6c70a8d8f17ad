"""Topic names as students type them after /kuis: ids, labels, parts of names, abbreviations, typos."""

import pytest

from bot.core.content import load_bank
from bot.core.quiz import parse_quiz_args
from bot.core.topic_names import TopicMatch, key, match_topic, typing_name
from bot.settings import REPO_CONTENT

BANK = load_bank(REPO_CONTENT)


@pytest.mark.parametrize(("typed", "topic"), [
    ("kaa", "kaa-gnb"), ("KAA", "kaa-gnb"), ("gnb", "kaa-gnb"), ("kaa gnb", "kaa-gnb"), ("KAA & GNB", "kaa-gnb"),
    ("KAA dan Gerakan Non-Blok", "kaa-gnb"), ("non blok", "kaa-gnb"), ("konferensi asia afrika", "kaa-gnb"),
    ("asean", "asean"), ("Asean", "asean"), ("asaen", "asean"), ("aseaan", "asean"), ("asen", "asean"),
    ("pbb", "pbb"), ("PBB", "pbb"), ("un", "pbb"), ("United Nations", "pbb"), ("Perserikatan Bangsa-Bangsa", "pbb"),
    ("indonesia pbb", "indonesia-pbb"), ("Indonesia di PBB", "indonesia-pbb"),
    ("kerja sama", "kerja-sama"), ("kerjasama", "kerja-sama"), ("Kerja Sama Bilateral", "bilateral"),
    ("bilatral", "bilateral"), ("regionl", "regional"), ("oki", "oki"), ("g20", "ekonomi-global"),
    ("opec", "ekonomi-global"), ("kmb", "diplomasi-kemerdekaan"), ("linggarjati", "diplomasi-kemerdekaan"),
    ("hukum laut", "wawasan-nusantara"), ("bebas aktif", "bebas-aktif"), ("diplomasi", "diplomasi"),
])
def test_names_students_type_find_the_topic(typed: str, topic: str) -> None:
    assert match_topic(BANK, typed) == TopicMatch(topic)


@pytest.mark.parametrize("typed", ["matematika", "astronomi", "marsupial", "fisika", "sepak bola", "ppkn", "²", "", "x"])
def test_other_subjects_name_no_topic(typed: str) -> None:
    assert match_topic(BANK, typed) == TopicMatch(None, ())


@pytest.mark.parametrize(("typed", "candidates"), [
    ("indonesia", {"indonesia-pbb", "tokoh-diplomasi"}),
    ("internasional", {"kerja-sama", "hubungan-internasional"}),
    ("kerja", {"kerja-sama", "bilateral", "regional", "multilateral", "oki"}),
])
def test_a_name_several_topics_share_asks_which(typed: str, candidates: set[str]) -> None:
    found = match_topic(BANK, typed)
    assert found.topic is None and set(found.candidates) == candidates


def test_every_topic_has_a_typing_name_that_leads_back_to_it() -> None:
    for topic in BANK.topics:
        name = typing_name(BANK, topic)
        assert not any(word.isdecimal() for word in name.split()), name  # /kuis would take it as the count
        assert parse_quiz_args(name.split(), BANK).topic == topic  # type: ignore[union-attr]
    assert typing_name(BANK, "kaa-gnb") == "kaa"


def test_key_ignores_case_accents_and_punctuation() -> None:
    assert key("Non-Blok  (GNB)") == "non blok gnb" == key("non blok gnb")
    assert key("Diplomasi 1945–49") == "diplomasi 1945 49"
