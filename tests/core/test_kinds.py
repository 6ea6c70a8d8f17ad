"""Which kind a cooperation is: reasoned from the countries a question names, never guessed."""

import shutil
from pathlib import Path

import pytest

from bot.core.content import load_content
from bot.core.conversation import Tutor
from bot.core.kinds import FIELD_ENTRY, KIND_ENTRIES, countries_named, example_asked, field_pick, kind_asked
from bot.core.markup import html_problem
from bot.settings import REPO_CONTENT

SPELLINGS = {"indonesia": "Indonesia", "indo": "Indonesia", "malaysia": "Malaysia", "korea": "Korea Selatan",
             "korea selatan": "Korea Selatan", "korea utara": "Korea Utara", "jepang": "Jepang", "japan": "Jepang"}


def test_countries_are_named_once_each_in_order_and_longest_spelling_first() -> None:
    assert countries_named("Korea Utara, indo dan Korea Selatan; lalu Indonesia lagi", SPELLINGS) == (
        "Korea Utara", "Indonesia", "Korea Selatan")
    assert countries_named("kerja sama antarnegara di Asia", SPELLINGS) == ()


@pytest.mark.parametrize("question", [
    "kerja sama indo sama malaysia tuh termasuk kerja sama apa",
    "Kerja sama antara Indonesia dan Jepang merupakan kerja sama ....",
    "Kerja sama Indonesia-Korea Selatan tergolong kerja sama jenis apa?",
    "Is cooperation between Indonesia and Japan bilateral or multilateral?",
])
def test_two_named_countries_make_a_bilateral_cooperation(question: str) -> None:
    kind = kind_asked(question, SPELLINGS)
    assert kind is not None and kind.name == "bilateral" and len(kind.countries) == 2


@pytest.mark.parametrize("question", [
    "kerja sama Indonesia, Malaysia dan Jepang termasuk kerja sama apa",  # three: regional or multilateral
    "kerja sama Indonesia dan Jepang termasuk kerja sama bidang apa",  # the field, not the kind
    "Indonesia dan Malaysia menandatangani perjanjian tahun berapa",  # not a kind question
    "Negara berikut yang bukan mitra kerja sama bilateral Indonesia adalah ...",
])
def test_no_kind_is_claimed_when_it_does_not_follow(question: str) -> None:
    assert kind_asked(question, SPELLINGS) is None


def test_an_example_of_bilateral_cooperation_is_asked() -> None:
    assert example_asked("Berikut yang merupakan contoh kerja sama bilateral adalah ....") == "bilateral"
    assert example_asked("Berikut contoh kerja sama bilateral, kecuali ....") is None


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor.from_dir(REPO_CONTENT)


def test_the_shipped_bank_has_the_definitions_and_countries() -> None:
    bank, problems = load_content(REPO_CONTENT)
    assert problems == []
    assert all(entry in bank.faq for entry in KIND_ENTRIES.values())
    assert {"Indonesia", "Malaysia", "Jepang", "Amerika Serikat"} <= set(bank.lexicon.countries.values())


def test_the_kind_is_answered_with_its_reason_and_definition(tutor: Tutor) -> None:
    reply = tutor.reply("kak kerja sama indonesia sama singapura itu termasuk kerja sama apa ya")
    assert reply.kind == "answer" and reply.faq_id == KIND_ENTRIES["bilateral"]
    assert reply.text.startswith("Kerja sama Indonesia dan Singapura termasuk <b>kerja sama bilateral</b>")
    assert "Sumber:" in reply.text and html_problem(reply.text) is None
    english = tutor.reply("is cooperation between Indonesia and Australia bilateral or multilateral?", lang="en")
    assert english.text.startswith("Cooperation between Indonesia and Australia is <b>bilateral")


def test_a_pasted_kind_question_gets_the_bilateral_option(tutor: Tutor) -> None:
    reply = tutor.reply("Kerja sama Indonesia dengan Thailand merupakan kerja sama ....\n"
                        "A. regional\nB. multilateral\nC. bilateral\nD. global")
    assert reply.choice == "C" and reply.text.startswith("Jawabannya <b>C. bilateral</b>")
    assert html_problem(reply.text) is None


def test_a_pasted_example_question_gets_the_option_with_two_countries(tutor: Tutor) -> None:
    reply = tutor.reply("Contoh kerja sama bilateral adalah ... A. ASEAN B. Indonesia dengan Filipina C. APEC D. G20")
    assert reply.choice == "B" and "Indonesia dan Filipina termasuk" in reply.text


@pytest.mark.parametrize(("stem", "options", "negated", "index"), [
    ("Contoh kerja sama bidang ekonomi, kecuali", ["ekspor kopi", "penghapusan tarif", "latihan militer", "investasi"],
     True, 2),
    ("Yang bukan kerja sama sektor kesehatan adalah", ["pengiriman vaksin", "festival tari", "bantuan obat"], True, 1),
    ("Contoh kerja sama bidang ekonomi, kecuali", ["AFTA", "MEA", "penghapusan tarif", "latihan militer"], True, 3),
    ("Contoh kerja sama ASEAN di bidang sosial budaya adalah", ["AFTA", "SEA Games", "ASEAN Regional Forum"], False, 1),
    ("Contoh kerja sama di bidang sosial budaya adalah", ["pasar bebas", "pertukaran kesenian", "patroli militer"],
     False, 1),
])
def test_the_option_of_another_field_is_picked_by_its_words(stem: str, options: list[str], negated: bool,
                                                             index: int) -> None:
    pick = field_pick(stem, options, negated)
    assert pick is not None and pick.index == index


@pytest.mark.parametrize(("stem", "options", "negated"), [
    ("Manfaat kerja sama internasional, kecuali", ["ekspor kopi", "latihan militer", "beasiswa"], True),  # no field
    ("Contoh kerja sama bidang ekonomi, kecuali", ["ekspor kopi", "latihan militer", "beasiswa", "AFTA"], True),
    ("Contoh kerja sama bidang pendidikan adalah", ["beasiswa", "pertukaran pelajar", "latihan militer"], False),
    ("Contoh kerja sama bidang ekonomi, kecuali", ["IJEPA", "G20", "APEC", "latihan militer"], True),  # words unknown
])
def test_no_option_is_picked_when_the_words_do_not_decide(stem: str, options: list[str], negated: bool) -> None:
    assert field_pick(stem, options, negated) is None


def test_a_pasted_field_question_gets_the_option_of_another_field(tutor: Tutor) -> None:
    assert FIELD_ENTRY in tutor.bank.faq
    reply = tutor.reply("Kerja sama bidang pendidikan antarnegara berikut, kecuali ....\n"
                        "A. program beasiswa\nB. patroli militer bersama\nC. pertukaran mahasiswa\nD. pelatihan guru")
    assert reply.choice == "B" and "Patroli militer bersama</b> termasuk kerja sama bidang pertahanan" in reply.text
    assert html_problem(reply.text) is None and "Sumber:" in reply.text


def test_a_country_spelt_twice_is_a_content_problem(tmp_path: Path) -> None:
    bank = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, bank)
    with (bank / "lexicon.yaml").open("a", encoding="utf-8") as f:
        f.write("  Malaysia Timur: [malaysia]\n")
    _, problems = load_content(bank)
    assert any("also a spelling of Malaysia" in p.message for p in problems)
