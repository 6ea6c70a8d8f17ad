"""How students type becomes comparable tokens, without touching protected acronyms."""

import pytest

from bot.core.content import load_bank
from bot.core.normalize import Normalizer
from bot.settings import REPO_CONTENT


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return Normalizer(load_bank(REPO_CONTENT).lexicon)


def test_slang_and_compounds(norm: Normalizer) -> None:
    assert norm.tokens("kerjasama yg gmn") == norm.tokens("kerja sama yang bagaimana")
    assert norm.tokens("knp brp dgn") == norm.tokens("kenapa berapa dengan")


def test_reduplication_and_elongation(norm: Normalizer) -> None:
    assert norm.tokens("negara2") == norm.tokens("negara-negara") == norm.tokens("negara")
    assert norm.tokens("kenapaaa") == norm.tokens("kenapa")


def test_number_words(norm: Normalizer) -> None:
    assert norm.tokens("dua negara") == norm.tokens("2 negara")


def test_protected_acronyms_survive(norm: Normalizer) -> None:
    for word in ("PBB", "OKI", "G20", "ASEAN", "WHO", "HAM", "DK"):
        assert norm.tokens(word) == [word.lower()]


def test_stemming_meets_word_forms(norm: Normalizer) -> None:
    assert norm.tokens("didirikan") == norm.tokens("berdiri") == norm.tokens("mendirikan")


def test_aspect_words_stay_apart(norm: Normalizer) -> None:
    """Founders (who) are not the founding (when/where); a movement is not "bergerak di bidang"."""
    assert norm.tokens("pendiri") == norm.tokens("pendirinya") != norm.tokens("berdiri")
    assert norm.tokens("Gerakan Non-Blok")[0] != norm.tokens("bergerak")[0]


def test_english_who_is_a_question_word_but_WHO_is_the_agency(norm: Normalizer) -> None:
    assert norm.tokens("who founded ASEAN")[0] == norm.tokens("siapa")[0]
    assert "who" in norm.tokens("apa itu WHO")
    assert "who" in norm.tokens("what is WHO")


def test_domain_words_are_not_deleted(norm: Normalizer) -> None:
    tokens = norm.tokens("kerja sama luar negeri antara dua negara")
    for word in ("kerja", "sama", "luar", "antar"):  # the lexicon reads "antara" as "antar"
        assert word in tokens


def test_un_is_pbb_only_in_english(norm: Normalizer) -> None:
    assert "pbb" in norm.tokens("what is the main purpose of the UN")
    assert "pbb" not in norm.tokens("kapan UN SMP dimulai")  # Ujian Nasional
