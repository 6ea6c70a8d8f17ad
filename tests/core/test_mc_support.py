"""Reading how much of an option a sentence states: numbers, denials, titles, spellings, clauses."""

import pytest

from bot.core.content import load_bank
from bot.core.mc_support import affirmed_part, between, clauses, counts, other_occasion, sequence, support
from bot.core.normalize import Normalizer
from bot.core.pasted import Option
from bot.settings import REPO_CONTENT


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return Normalizer(load_bank(REPO_CONTENT).lexicon)


def _states(norm: Normalizer, option: str, sentence: str) -> float:
    option_tokens = frozenset(sequence(option, norm))
    return support(Option("A", option), sentence, frozenset(norm.tokens(sentence)), option_tokens)


def test_a_number_option_is_stated_only_with_its_exact_number(norm: Normalizer) -> None:
    sentence = "Deklarasi Bangkok ditandatangani pada 8 Agustus 1967."
    assert _states(norm, "8 Agustus 1967", sentence) == 1.0
    assert _states(norm, "8 Agustus 1966", sentence) == 0.0


def test_a_sentence_that_names_an_option_to_deny_it_does_not_state_it(norm: Normalizer) -> None:
    assert _states(norm, "New York", "Mahkamah Internasional tidak berkantor di New York.") < 1.0
    assert _states(norm, "New York", "Markas besar PBB berada di New York.") == 1.0


def test_a_title_before_a_name_and_an_old_spelling_still_state_the_person(norm: Normalizer) -> None:
    assert _states(norm, "Haji Agus Salim", "Diplomat senior Agus Salim memimpin misi ke Mesir.") == 1.0
    assert _states(norm, "Sutan Syahrir", "Perdana Menteri Sutan Sjahrir berpidato di PBB.") > 0.7


def test_a_year_elsewhere_marks_another_occasion() -> None:
    assert other_occasion(frozenset({"1961"}), frozenset(), "KTT ke-10 diadakan di Jakarta tahun 1992.")
    assert not other_occasion(frozenset({"1961"}), frozenset(), "KTT pertama diadakan di Beograd tahun 1961.")


def test_the_lead_before_a_colon_belongs_to_every_clause(norm: Normalizer) -> None:
    parts = clauses("Anggota komisi: Australia yang dipilih Indonesia; Belgia yang dipilih Belanda", norm)
    assert [text for text, _ in parts] == ["Australia yang dipilih Indonesia", "Belgia yang dipilih Belanda"]
    assert all("komisi" in words for _, words in parts)


def test_the_affirmed_part_drops_the_negated_clause() -> None:
    assert affirmed_part("Letaknya di Den Haag, bukan di New York") == "Letaknya di Den Haag"
    assert affirmed_part("Letaknya di Den Haag") == ""


def test_a_count_is_a_number_before_the_noun_it_counts() -> None:
    assert counts("6", "organ", "PBB punya enam organ utama.") and counts("6", "organ", "PBB punya 6 organ utama.")
    assert not counts("7", "organ", "Pasal 7 menyebut enam organ utama.")


def test_roman_ordinals_tell_numbered_events_apart(norm: Normalizer) -> None:
    sentence = "Agresi Militer Belanda II, mulai 19 Desember 1948"
    assert other_occasion(frozenset(), frozenset({"1"}), sentence, norm.ordinals(sentence))
    assert not other_occasion(frozenset(), frozenset({"2"}), sentence, norm.ordinals(sentence))


def test_a_period_typed_with_a_hyphen_is_the_banks_period_with_a_dash(norm: Normalizer) -> None:
    sentence = "Indonesia sudah 4 kali menjadi anggota tidak tetap Dewan Keamanan PBB: 1973–1974, 1995–1996"
    assert _states(norm, "1973-1974", sentence) == 1.0  # the "tidak" of "tidak tetap" denies nothing here
    assert _states(norm, "2011-2012", sentence) == 0.0


def test_an_english_title_and_a_country_after_of_still_state_the_person(norm: Normalizer) -> None:
    sentence = "GNB dipelopori oleh lima tokoh: Josip Broz Tito (Yugoslavia), Jawaharlal Nehru (India) dan lainnya."
    assert _states(norm, "President Josip Broz Tito of Yugoslavia", sentence) == 1.0
    assert _states(norm, "Prime Minister Jawaharlal Nehru of India", sentence) == 1.0
    assert _states(norm, "Nehru of India", sentence) == 1.0  # one word, with its country beside it


def test_a_word_before_of_is_no_name_without_its_country(norm: Normalizer) -> None:
    assert _states(norm, "Council of Europe", "Security Council punya 15 anggota.") < 1.0


def test_the_no_of_a_law_number_is_no_denial(norm: Normalizer) -> None:
    sentence = "Proses pengesahan (ratifikasi) perjanjian internasional di Indonesia (UU No. 24 Tahun 2000):"
    assert _states(norm, "ratification", sentence) >= 0.75  # all of it, in another language
    assert _states(norm, "ratification", "Perjanjian ini tidak memerlukan ratifikasi.") < 0.5


def test_a_place_named_as_one_end_of_a_span_is_a_reference_point() -> None:
    assert between("Yogyakarta", "Tempat netral antara Jakarta dan Yogyakarta ini diusulkan Maria Ulfah Santoso.")
    assert between("Jakarta", "Tempat netral antara Jakarta dan Yogyakarta.")
    assert between("Yogyakarta", "a neutral place between Jakarta and Yogyakarta")
    assert not between("Kuningan, Jawa Barat", "Perundingan diadakan di Linggarjati, Kuningan, Jawa Barat.")
    assert not between("Yogyakarta", "Ibu kota pindah ke Yogyakarta, antara lain karena Jakarta diduduki.")


def test_two_words_of_the_language_are_not_two_spellings_of_one(norm: Normalizer) -> None:
    sentence = "Gedung kedutaan tidak boleh dimasuki aparat negara penerima tanpa izin kepala perwakilan."
    assert _states(norm, "boleh membeli tanah tanpa izin di negara penerima", sentence) < 0.75  # "tanah" is no "tanpa"
    assert _states(norm, "Sjahrir", "Sutan Syahrir memimpin delegasi Indonesia.") > 0.5  # old spelling of a name


def test_refusing_is_the_opposite_of_doing(norm: Normalizer) -> None:
    sentence = "Adam Malik ikut menandatangani Deklarasi Bangkok."
    assert _states(norm, "menolak menandatangani Deklarasi Bangkok", sentence) < 0.5
    assert _states(norm, "menandatangani Deklarasi Bangkok", sentence) == 1.0


def test_being_free_of_something_is_not_having_it(norm: Normalizer) -> None:
    sentence = "Tantangan MEA: persaingan tenaga kerja asing makin ketat."
    assert _states(norm, "Indonesia bebas dari persaingan tenaga kerja asing", sentence) < 0.5
