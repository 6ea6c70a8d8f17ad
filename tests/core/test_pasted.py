"""Reading pasted multiple-choice questions: every common layout of stem and options."""

import pytest

from bot.core.pasted import parse


@pytest.mark.parametrize("text", [
    "ASEAN didirikan pada tanggal ...\nA. 17 Agustus 1945\nB. 8 Agustus 1967\nC. 24 Oktober 1945\nD. 1 Mei 1970",
    "ASEAN didirikan pada tanggal ... a. 17 Agustus 1945 b. 8 Agustus 1967 c. 24 Oktober 1945 d. 1 Mei 1970",
    "ASEAN didirikan pada tanggal ... (a) 17 Agustus 1945 (b) 8 Agustus 1967 (c) 24 Oktober 1945 (d) 1 Mei 1970",
    "ASEAN didirikan pada tanggal ...\n1) 17 Agustus 1945\n2) 8 Agustus 1967\n3) 24 Oktober 1945\n4) 1 Mei 1970",
    "ASEAN didirikan pada tanggal ... A) 17 Agustus 1945 B) 8 Agustus 1967 C) 24 Oktober 1945 D) 1 Mei 1970 E) 1999",
    "ASEAN didirikan pada tanggal ...\n[A] 17 Agustus 1945\n[B] 8 Agustus 1967\n[C] 24 Oktober 1945\n[D] 1 Mei 1970",
    "ASEAN didirikan pada tanggal ... [a] 17 Agustus 1945 [b] 8 Agustus 1967 [c] 24 Oktober 1945 [d] 1 Mei 1970",
])
def test_layouts_parse(text: str) -> None:
    pasted = parse(text)
    assert pasted is not None
    assert pasted.stem.startswith("ASEAN didirikan pada tanggal")
    assert [o.letter for o in pasted.options][:4] == ["A", "B", "C", "D"]
    assert pasted.options[1].text == "8 Agustus 1967"
    assert pasted.options[1].shown == ("2" if "2)" in text else "B")  # numbered options keep their numbers


@pytest.mark.parametrize("text", [
    "Sekjen PBB pertama adalah?\n• Trygve Lie\n• U Thant\n• Kofi Annan\n• Ban Ki-moon",
    "Sekjen PBB pertama adalah ....\n  • A. Trygve Lie\n  • B. U Thant\n  • C. Kofi Annan\n  • D. Ban Ki-moon",
    "Sekjen PBB pertama adalah ....\n- Trygve Lie\n- U Thant\n- Kofi Annan",
    "Sekjen PBB pertama adalah:\n• Trygve Lie\n• U Thant\n• Kofi Annan",  # an unfinished sentence before its colon
])
def test_bulleted_options_with_or_without_letters(text: str) -> None:
    pasted = parse(text)
    assert pasted is not None and pasted.stem.startswith("Sekjen PBB pertama")
    assert [(o.letter, o.text) for o in pasted.options][:2] == [("A", "Trygve Lie"), ("B", "U Thant")]


@pytest.mark.parametrize("text", ["Sebutkan 3 contoh kerja sama regional!\n- ASEAN\n- APEC\n- Uni Eropa",
                                  "contoh kerja sama regional:\n- ASEAN\n- APEC\n- Uni Eropa"])
def test_a_bulleted_list_of_the_students_own_is_not_options(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize("text", ["apa itu asean", "Sebutkan 3 bentuk kerja sama!", "UU No. 37 Tahun 1999 isinya apa",
                                  "jelaskan a. bilateral"])
def test_ordinary_questions_are_not_multiple_choice(text: str) -> None:
    assert parse(text) is None


def test_a_question_after_its_options_is_part_of_the_stem() -> None:
    pasted = parse("Perhatikan lomba berikut:\nA. catur\nB. bulu tangkis\nC. renang\nD. lari\n"
                   "Lomba yang dimainkan di atas papan adalah ....")
    assert pasted is not None and [o.text for o in pasted.options] == ["catur", "bulu tangkis", "renang", "lari"]
    assert pasted.stem == "Perhatikan lomba berikut: Lomba yang dimainkan di atas papan adalah ...."


def test_options_in_two_columns_are_read_by_their_letters() -> None:
    pasted = parse("Negara yang dijuluki Negeri Gajah Putih adalah ...\nA. Malaysia   C. Thailand\n"
                   "B. Singapura   D. Brunei Darussalam")
    assert pasted is not None and pasted.stem == "Negara yang dijuluki Negeri Gajah Putih adalah ..."
    assert [(o.letter, o.text) for o in pasted.options] == [("A", "Malaysia"), ("B", "Singapura"), ("C", "Thailand"),
                                                            ("D", "Brunei Darussalam")]


def test_bullets_under_a_stem_that_breaks_off_are_options() -> None:
    """"… are in" then four bullet lines: the stem stops where its answer would follow."""
    pasted = parse("UNESCO's headquarters are in\n- Geneva\n- Paris\n- Rome\n- Vienna")
    assert pasted is not None and [o.text for o in pasted.options] == ["Geneva", "Paris", "Rome", "Vienna"]
    assert parse("Contoh kerja sama regional\n- ASEAN\n- APEC\n- Uni Eropa") is None  # a finished phrase: a list


def test_the_stem_keeps_its_lines_so_a_chatty_first_line_stays_apart() -> None:
    pasted = parse("kak tolong ya\nKerja sama dua negara disebut ...\nA. bilateral\nB. regional\nC. multilateral")
    assert pasted is not None and pasted.stem == "kak tolong ya\nKerja sama dua negara disebut ..."


def test_options_without_marks_one_per_line_after_a_quiz_stem() -> None:
    pasted = parse("The World Trade Organisation came into existence from _________.\n\n1st January 1995\n\n"
                   "1st June 1995\n\n1st July 1995\n\n1st March 1995")
    assert pasted is not None
    assert pasted.stem.startswith("The World Trade Organisation")
    assert [(o.letter, o.text) for o in pasted.options] == [
        ("A", "1st January 1995"), ("B", "1st June 1995"), ("C", "1st July 1995"), ("D", "1st March 1995")]


def test_options_marked_by_a_bare_capital_letter() -> None:
    pasted = parse('What is meant by "persona non grata"?\nA An unwelcome person\nB A secret identity\n'
                   "C A list of people in a play\nD A diplomat's family")
    assert pasted is not None
    assert [o.letter for o in pasted.options] == ["A", "B", "C", "D"]
    assert pasted.options[0].text == "An unwelcome person"


@pytest.mark.parametrize("text", [
    "Tolong jelaskan tentang ASEAN dong kak?\nmakasih\nsemangat\nhehe",  # chat lines are no options
    "Jelaskan tiga manfaat kerja sama ASEAN bagi Indonesia adalah ....\nekonomi\npendidikan\nbudaya",  # an essay
    "Kapan ASEAN berdiri?\nASEAN\nOPEC\nOKI",  # a stem too short to be a worksheet's
    "Organisasi negara Asia Tenggara yang berdiri 1967 namanya apa sih?\nasean\nopec\noki",  # no quiz stem
    "Aku lagi belajar PKn.\nBab hubungan internasional.\nGuru bilang ada ujian minggu depan.\n"
    "Yang paling sering keluar apa ya ....\nASEAN\nPBB\nOKI",  # a chat of many lines
])
def test_lines_under_a_chat_or_an_essay_question_are_not_options(text: str) -> None:
    assert parse(text) is None


def test_numbered_statements_stay_in_the_stem_and_the_lettered_combinations_are_the_options() -> None:
    pasted = parse("Perhatikan pernyataan berikut!\n1) Indonesia keluar dari PBB\n2) Konfrontasi dengan Malaysia\n"
                   "3) Indonesia ikut mendirikan ASEAN\nPernyataan yang benar tentang masa Orde Lama ditunjukkan nomor ....\n"
                   "A. 1 dan 2\nB. 1 dan 3\nC. 2 dan 3\nD. 1, 2, dan 3")
    assert pasted is not None
    assert [o.text for o in pasted.options] == ["1 dan 2", "1 dan 3", "2 dan 3", "1, 2, dan 3"]
    assert "2) Konfrontasi dengan Malaysia" in pasted.stem and pasted.stem.endswith("ditunjukkan nomor ....")


def test_inline_statements_and_english_combinations() -> None:
    pasted = parse("Consider the following statements: 1. It was founded in 1967. 2. Its seat is in Jakarta. "
                   "Which of the statements given above is/are correct? [A] 1 only [B] 2 only [C] Both 1 and 2 "
                   "[D] Neither 1 nor 2")
    assert pasted is not None
    assert [o.text for o in pasted.options] == ["1 only", "2 only", "Both 1 and 2", "Neither 1 nor 2"]
