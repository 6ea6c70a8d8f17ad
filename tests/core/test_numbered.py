"""Numbered statements in a pasted question, and options naming combinations of them."""

import pytest

from bot.core.numbered import combination, listed, names_combinations


@pytest.mark.parametrize(("text", "numbers"), [
    ("1 dan 2", {1, 2}),
    ("1, 2, dan 4", {1, 2, 4}),
    ("1), 3) dan 4)", {1, 3, 4}),
    ("(2) dan (4)", {2, 4}),
    ("1 and 3 only", {1, 3}),
    ("2 only", {2}),
    ("Both 1 and 2", {1, 2}),
    ("Neither 1 nor 2", set()),
    ("3 saja", {3}),
])
def test_combinations_name_their_statements(text: str, numbers: set[int]) -> None:
    assert combination(text) == frozenset(numbers)


@pytest.mark.parametrize("text", ["8 Agustus 1967", "Dewan Keamanan", "12 mil", "1945"])
def test_other_options_name_no_combination(text: str) -> None:
    assert combination(text) is None


def test_a_count_is_not_a_combination() -> None:
    assert not names_combinations(["4", "5", "6", "7"])  # "Jumlah organ utama PBB …"
    assert names_combinations(["1 dan 2", "2 dan 3", "1 dan 3", "3 saja"])
    assert names_combinations(["1 only", "2 only", "Both 1 and 2", "Neither 1 nor 2"])


def test_statements_on_their_own_lines_with_the_question_after() -> None:
    found = listed("Cermati pernyataan berikut.\n1) Indonesia tidak memihak blok mana pun\n2) Indonesia ikut pakta militer\n"
                   "Pernyataan yang sesuai dengan politik bebas aktif ditunjukkan nomor ....")
    assert found is not None
    assert found.items == ("Indonesia tidak memihak blok mana pun", "Indonesia ikut pakta militer")
    assert found.question == "Cermati pernyataan berikut. Pernyataan yang sesuai dengan politik bebas aktif ditunjukkan nomor ...."


def test_statements_on_one_line_end_where_the_question_begins() -> None:
    found = listed("Perhatikan data berikut! 1) ASEAN 2) OKI 3) APEC Yang termasuk kerja sama regional ditunjukkan oleh nomor ...")
    assert found is not None
    assert found.items == ("ASEAN", "OKI", "APEC")
    assert found.question == "Perhatikan data berikut! Yang termasuk kerja sama regional ditunjukkan oleh nomor ..."


def test_a_stem_without_two_numbered_statements_lists_none() -> None:
    assert listed("ASEAN didirikan pada tahun ....") is None
    assert listed("1) ASEAN berdiri 1967") is None


def test_a_question_opening_word_ends_the_last_statement_even_after_a_capitalized_name() -> None:
    found = listed("Urutkan! 1) Perjanjian Renville 2) Konferensi Meja Bundar Urutan yang benar ditunjukkan nomor ....")
    assert found is not None and found.items == ("Perjanjian Renville", "Konferensi Meja Bundar")
