"""The one quiz-poll sender (bot/polls.py), as the fake Bot API receives it."""

from __future__ import annotations

from telegram import Bot

from bot.core.quiz import PreparedPoll
from bot.polls import send_quiz_poll
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

POLL = PreparedPoll(
    question_id="q-asean", topic="asean", question="[1/3] ASEAN <berdiri> & di mana?",
    options=("Jakarta", "Bangkok <Thailand>", "Manila"), correct_option=1, option_order=(2, 0, 1),
    explanation="Deklarasi Bangkok, 8 Agustus 1967 & <bukan> Jakarta",
)


async def test_a_quiz_poll_is_plain_text_non_anonymous_with_the_recorded_correct_option(
    api: FakeBotApi, ptb_bot: Bot
) -> None:
    student = U.user(5, "Budi")
    api.inject(U.message(U.private_chat(student), student, "hai"))
    message = await send_quiz_poll(ptb_bot, 5, POLL, open_period=30)
    assert message.poll is not None and message.poll.question == POLL.question
    [call] = api.calls_of("sendPoll")
    params = call.params  # as the fake decoded them
    assert params["type"] == "quiz" and params["is_anonymous"] is False
    assert params["correct_option_ids"] == [1] and int(params["open_period"]) == 30
    assert [option["text"] for option in params["options"]] == list(POLL.options)
    assert params["explanation"] == POLL.explanation
    for key in ("question_parse_mode", "explanation_parse_mode", "parse_mode"):
        assert params.get(key) in (None, ""), key  # "<" and "&" are shown as written, never parsed as HTML
    assert [o.text for o in message.poll.options] == list(POLL.options)


async def test_without_an_open_period_the_poll_stays_open(api: FakeBotApi, ptb_bot: Bot) -> None:
    student = U.user(5, "Budi")
    api.inject(U.message(U.private_chat(student), student, "hai"))
    await send_quiz_poll(ptb_bot, 5, POLL)
    [call] = api.calls_of("sendPoll")
    assert "open_period" not in call.params
