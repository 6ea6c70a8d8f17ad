"""Numbered-statement questions: each statement judged, the option naming exactly the right ones chosen."""

import pytest

from bot.core.conversation import Tutor
from bot.core.markup import html_problem
from bot.core.mc_statements import asks_order, choose, chronology, first_date
from bot.core.numbered import Listed
from bot.core.pasted import Option, Pasted
from bot.settings import REPO_CONTENT

OPTIONS = Pasted("…", (Option("A", "1 dan 2"), Option("B", "2 dan 3"), Option("C", "1 dan 3"), Option("D", "1 saja")))
SINGLE = Pasted("…", (Option("A", "1"), Option("B", "2"), Option("C", "3"), Option("D", "1 dan 3")))
FIT = Listed("Pernyataan yang sesuai ditunjukkan nomor ....", ("satu", "dua", "tiga"))
UNFIT = Listed("Pernyataan yang tidak sesuai ditunjukkan nomor ....", ("satu", "dua", "tiga"))


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor.from_dir(REPO_CONTENT)


def test_the_one_option_naming_every_stated_statement() -> None:
    choice = choose(FIT, OPTIONS, [(0.05, 0), (0.8, 1), (0.9, 2)])
    assert choice.option is not None and choice.option.letter == "B" and choice.evidence == 2


def test_a_negated_question_asks_for_the_option_naming_none_of_them() -> None:
    choice = choose(UNFIT, SINGLE, [(0.8, 0), (0.1, 1), (0.9, 2)])
    assert choice.option is not None and choice.option.letter == "B"


def test_a_statement_the_bank_does_not_state_decides_nothing() -> None:
    # only 2 is stated; that 1 and 3 are not is no reason to call them wrong: A and B both remain
    choice = choose(FIT, OPTIONS, [(0.0, -1), (0.8, 1), (0.0, -1)])
    assert choice.option is None
    assert [o.letter for o in choice.remaining] == ["A", "B"] and [o.letter for o in choice.ruled_out] == ["C", "D"]


def test_nothing_is_chosen_when_the_bank_states_none_of_the_statements() -> None:
    assert choose(FIT, OPTIONS, [(0.3, 0), (0.1, 1), (0.0, -1)]).option is None


def test_options_ordering_the_same_statements_ask_for_an_order() -> None:
    ordered = Pasted("…", (Option("A", "1, 2, dan 3"), Option("B", "2, 1, dan 3"), Option("C", "3, 1, dan 2")))
    assert asks_order(FIT, ordered)
    assert not asks_order(FIT, OPTIONS)


def test_a_worksheet_of_statements_gets_the_combination_that_fits(tutor: Tutor) -> None:
    reply = tutor.reply("Perhatikan pernyataan berikut!\n1) PBB berdiri pada 24 Oktober 1945\n"
                        "2) Markas besar PBB berada di Jenewa\n3) Indonesia menjadi anggota PBB ke-60\n"
                        "Pernyataan yang benar ditunjukkan oleh nomor ....\nA. 1 dan 2\nB. 1 dan 3\nC. 2 dan 3\nD. 2 saja")
    assert reply.kind == "answer" and reply.choice == "B"
    assert reply.text.startswith("Jawabannya <b>B. 1 dan 3</b>")
    assert "Pernyataan yang sesuai: nomor <b>1 dan 3</b>." in reply.text and "Sumber:" in reply.text
    assert html_problem(reply.text) is None


def test_the_statement_that_does_not_fit(tutor: Tutor) -> None:
    reply = tutor.reply("Perhatikan pernyataan berikut!\n1) ASEAN didirikan pada 8 Agustus 1967\n"
                        "2) Sekretariat ASEAN berada di Jakarta\n3) ASEAN didirikan di Manila\n"
                        "Pernyataan yang tidak benar ditunjukkan oleh nomor ....\nA. 1\nB. 2\nC. 3\nD. 1 dan 2")
    assert reply.choice == "C" and "Pernyataan yang tidak sesuai: nomor <b>3</b>." in reply.text


def test_under_a_question_naming_a_subject_a_statement_must_be_about_it(tutor: Tutor) -> None:
    """"IA-CEPA" is stated by its own card, but not as regional cooperation."""
    reply = tutor.reply("Perhatikan organisasi berikut!\n1) ASEAN\n2) IA-CEPA\n3) APEC\n4) IJEPA\n"
                        "Yang termasuk kerja sama regional ditunjukkan oleh nomor ....\n"
                        "A. 1 dan 2\nB. 1 dan 3\nC. 2 dan 4\nD. 3 dan 4")
    assert reply.choice == "B"


@pytest.mark.parametrize(("text", "date"), [
    ("8 Desember 1947", (1947, 12, 8)),
    ("Perundingan November 1946; disetujui 15 November 1946", (1946, 11, 0)),
    ("23 Agustus – 2 November 1949", (1949, 8, 23)),
    ("14–24 April 1946", (1946, 4, 14)),
    ("1955", (1955, 0, 0)),
    ("tanpa tanggal", None),
])
def test_the_first_date_a_text_gives(text: str, date: tuple[int, int, int] | None) -> None:
    assert first_date(text) == date


def test_events_are_ordered_by_their_dates_only_when_every_one_is_known_and_apart() -> None:
    ordered = Pasted("…", (Option("A", "1, 2, 3"), Option("B", "2, 1, 3"), Option("C", "3, 1, 2")))
    events = Listed("Urutan peristiwa secara kronologis adalah ....", ("Renville", "Linggarjati", "KMB"))
    choice = chronology(events, ordered, [(1947, 12, 8), (1946, 11, 0), (1949, 8, 23)])
    assert choice.option is not None and choice.option.letter == "B"
    assert chronology(events, ordered, [(1947, 12, 8), None, (1949, 8, 23)]).option is None  # one is not dated
    assert chronology(events, ordered, [(1949, 0, 0), (1946, 11, 0), (1949, 5, 7)]).option is None  # "1949" or May?
    backwards = Listed("Urutan dari peristiwa yang terakhir adalah ....", events.items)
    assert chronology(backwards, ordered, [(1947, 12, 8), (1946, 11, 0), (1949, 8, 23)]).option is None


def test_a_chronological_order_from_the_events_cards(tutor: Tutor) -> None:
    reply = tutor.reply("Urutkan peristiwa berikut secara kronologis! 1) Perjanjian Renville 2) Perjanjian Linggarjati "
                        "3) Konferensi Meja Bundar Urutan yang benar ditunjukkan nomor .... A. 1, 2, dan 3 B. 2, 1, dan 3 "
                        "C. 3, 1, dan 2 D. 2, 3, dan 1")
    assert reply.choice == "B" and "Urutannya menurut tanggal peristiwanya:" in reply.text
    assert reply.text.index("Linggarjati:") < reply.text.index("Renville:") < reply.text.index("Meja Bundar:")
    assert html_problem(reply.text) is None


def test_an_event_no_card_dates_leaves_the_order_open(tutor: Tutor) -> None:
    reply = tutor.reply("Perhatikan peristiwa berikut! 1) Agresi Militer Belanda II 2) Perjanjian Renville 3) KMB "
                        "Urutan kronologisnya .... A. 1, 2, 3 B. 2, 1, 3 C. 3, 2, 1 D. 2, 3, 1")
    assert reply.pasted and reply.choice is None

