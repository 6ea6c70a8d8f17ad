"""Numbered-statement questions: each statement judged, the option naming exactly the right ones chosen."""

import pytest

from bot.core.conversation import Tutor
from bot.core.markup import html_problem
from bot.core.mc_statements import asks_order, choose
from bot.core.numbered import Listed
from bot.core.pasted import Option, Pasted
from bot.settings import REPO_CONTENT

OPTIONS = Pasted("…", (Option("A", "1 dan 2"), Option("B", "2 dan 3"), Option("C", "1 dan 3"), Option("D", "1, 2, dan 3")))
FIT = Listed("Pernyataan yang sesuai ditunjukkan nomor ....", ("satu", "dua", "tiga"))
UNFIT = Listed("Pernyataan yang tidak sesuai ditunjukkan nomor ....", ("satu", "dua", "tiga"))


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor.from_dir(REPO_CONTENT)


def test_the_option_left_when_the_judgements_rule_out_the_others() -> None:
    # 3 is stated, 1 is not at all, 2 is in between: only "2 dan 3" holds 3 without 1
    choice = choose(FIT, OPTIONS, [(0.05, 0), (0.3, 1), (0.8, 2)])
    assert choice.option is not None and choice.option.letter == "B" and choice.evidence == 2


def test_statements_that_do_not_fit_are_asked_for_by_a_negated_question() -> None:
    choice = choose(UNFIT, OPTIONS, [(0.05, 0), (0.8, 1), (0.1, 2)])
    assert choice.option is not None and choice.option.letter == "C"  # 1 and 3 are not stated, 2 is


def test_undecided_statements_leave_the_fitting_options_open() -> None:
    choice = choose(FIT, OPTIONS, [(0.3, 0), (0.8, 1), (0.3, 2)])  # only 2 is clear: A, B and D all hold it
    assert choice.option is None
    assert [o.letter for o in choice.remaining] == ["A", "B", "D"] and [o.letter for o in choice.ruled_out] == ["C"]


def test_nothing_is_chosen_when_the_bank_states_none_of_the_statements() -> None:
    assert choose(FIT, OPTIONS, [(0.05, 0), (0.1, 1), (0.0, -1)]).option is None


def test_options_ordering_the_same_statements_ask_for_an_order() -> None:
    ordered = Pasted("…", (Option("A", "1, 2, dan 3"), Option("B", "2, 1, dan 3"), Option("C", "3, 1, dan 2")))
    assert asks_order(FIT, ordered)
    assert not asks_order(FIT, OPTIONS)


def test_a_worksheet_of_statements_gets_the_combination_that_fits(tutor: Tutor) -> None:
    reply = tutor.reply("Cermati pernyataan di bawah ini.\n1) Indonesia bergabung dengan salah satu blok militer\n"
                        "2) Indonesia tidak memihak Blok Barat maupun Blok Timur\n3) Indonesia aktif ikut menjaga perdamaian dunia\n"
                        "Pernyataan yang sesuai dengan politik luar negeri bebas aktif adalah nomor ....\n"
                        "A. 1 dan 2\nB. 2 dan 3\nC. 1 dan 3\nD. 1, 2, dan 3")
    assert reply.kind == "answer" and reply.choice == "B"
    assert reply.text.startswith("Jawabannya <b>B. 2 dan 3</b>")
    assert "Pernyataan yang sesuai: nomor <b>2 dan 3</b>." in reply.text and "Sumber:" in reply.text
    assert html_problem(reply.text) is None


def test_the_statement_that_does_not_fit(tutor: Tutor) -> None:
    reply = tutor.reply("Perhatikan pernyataan berikut!\n1) Indonesia tidak memihak blok mana pun\n"
                        "2) Indonesia bergabung dengan pakta militer\n3) Indonesia aktif menjaga perdamaian dunia\n"
                        "Pernyataan yang tidak sesuai dengan politik luar negeri bebas aktif ditunjukkan nomor ....\n"
                        "A. 1\nB. 2\nC. 3\nD. 1 dan 3")
    assert reply.choice == "B" and "Pernyataan yang tidak sesuai: nomor <b>2</b>." in reply.text


def test_a_chronological_order_is_not_guessed(tutor: Tutor) -> None:
    reply = tutor.reply("Urutkan peristiwa berikut secara kronologis! 1) Perjanjian Renville 2) Perjanjian Linggarjati "
                        "3) Konferensi Meja Bundar Urutan yang benar ditunjukkan nomor .... A. 1, 2, dan 3 B. 2, 1, dan 3 "
                        "C. 3, 1, dan 2 D. 2, 3, dan 1")
    assert reply.pasted and reply.choice is None and reply.kind != "answer"

