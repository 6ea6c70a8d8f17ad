"""The quiz engine keeps track of the correct option through the shuffle."""

import random

import pytest

from bot.core.content import load_bank
from bot.core.quiz import (
    QuizRequest,
    TopicChoice,
    is_correct,
    parse_choice,
    parse_quiz_args,
    pick_questions,
    prepare_poll,
)
from bot.settings import REPO_CONTENT

BANK = load_bank(REPO_CONTENT)


def test_shuffled_options_keep_the_right_answer() -> None:
    rng = random.Random(1)
    for question in BANK.quiz.values():
        poll = prepare_poll(question, rng)
        assert poll.options[poll.correct_option] == question.options[question.answer]
        assert sorted(poll.options) == sorted(question.options)
        assert is_correct(poll.option_order, poll.correct_option, question.answer)
        wrong = (poll.correct_option + 1) % len(poll.options)
        assert not is_correct(poll.option_order, wrong, question.answer)


def test_correct_position_varies() -> None:
    rng = random.Random(2)
    question = next(iter(BANK.quiz.values()))
    assert len({prepare_poll(question, rng).correct_option for _ in range(40)}) > 1


def test_parse_args() -> None:
    assert parse_quiz_args([], BANK) == QuizRequest(None, 5)
    assert parse_quiz_args(["asean", "3"], BANK) == QuizRequest("asean", 3)
    assert parse_quiz_args(["PBB"], BANK) == QuizRequest("pbb", 5)
    assert parse_quiz_args(["bilatral"], BANK) == QuizRequest("bilateral", 5)
    assert parse_quiz_args(["99"], BANK) == "bad_count"
    assert parse_quiz_args(["matematika"], BANK) == TopicChoice("matematika", (), 5)
    assert parse_quiz_args(["²"], BANK) == TopicChoice("²", (), 5)  # a superscript is not a count (and no crash)


def test_parse_args_takes_the_names_students_type() -> None:
    assert parse_quiz_args(["kaa"], BANK) == QuizRequest("kaa-gnb", 5)
    assert parse_quiz_args(["gnb", "3"], BANK) == QuizRequest("kaa-gnb", 3)
    assert parse_quiz_args(["Kerja", "Sama", "Bilateral"], BANK) == QuizRequest("bilateral", 5)
    choice = parse_quiz_args(["indonesia", "4"], BANK)
    assert isinstance(choice, TopicChoice) and choice.count == 4
    assert set(choice.candidates) == {"indonesia-pbb", "tokoh-diplomasi"}


@pytest.mark.parametrize(("text", "index"), [
    ("1", 0), ("4", 3), ("A", 0), ("b", 1), ("c.", 2), ("(d)", 3), ("d)", 3), ("[a]", 0), ("jawabannya B", 1),
    ("Jawabannya: c", 2), ("jawaban saya a", 0), ("aku pilih C", 2), ("kak jawabannya b ya", 1), ("pilihan 3", 2),
    ("the answer is D", 3), ("kayaknya c deh", 2),
])
def test_choices_as_students_write_them(text: str, index: int) -> None:
    assert parse_choice(text, 4) == index


@pytest.mark.parametrize("text", ["5", "0", "e", "apa itu asean", "ya", "a a", "B. jakarta", "", "jawabannya"])
def test_what_picks_no_option(text: str) -> None:
    assert parse_choice(text, 4) is None


def test_pick_questions_are_distinct_and_in_topic() -> None:
    chosen = pick_questions(BANK, "asean", 5, random.Random(3))
    assert len(chosen) == 5 and len({q.id for q in chosen}) == 5
    assert all(q.topic == "asean" for q in chosen)
