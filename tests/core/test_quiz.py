"""The quiz engine keeps track of the correct option through the shuffle."""

import random

from bot.core.content import load_bank
from bot.core.quiz import QuizRequest, is_correct, parse_quiz_args, pick_questions, prepare_poll
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
    assert parse_quiz_args(["matematika"], BANK) == "bad_topic"
    assert parse_quiz_args(["²"], BANK) == "bad_topic"  # a superscript is not a count (and no crash)


def test_pick_questions_are_distinct_and_in_topic() -> None:
    chosen = pick_questions(BANK, "asean", 5, random.Random(3))
    assert len(chosen) == 5 and len({q.id for q in chosen}) == 5
    assert all(q.topic == "asean" for q in chosen)
