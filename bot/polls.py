"""The one way a quiz question goes out as a Telegram quiz poll, for quiz sessions and daily broadcasts.

Options, question and explanation are plain text (no parse mode), so content with "<" or "&" is
shown as written; the correct option is the one `prepare_poll` recorded after shuffling.
"""

from __future__ import annotations

from telegram import Bot, InputPollOption, Message, Poll

from bot.core.quiz import PreparedPoll


async def send_quiz_poll(bot: Bot, chat_id: int, poll: PreparedPoll, *, open_period: int | None = None) -> Message:
    """Send `poll` to `chat_id` as a non-anonymous quiz; `open_period` (seconds) closes it by itself."""
    return await bot.send_poll(
        chat_id,
        poll.question,
        [InputPollOption(option, text_parse_mode=None) for option in poll.options],
        is_anonymous=False,
        type=Poll.QUIZ,
        correct_option_ids=[poll.correct_option],  # type: ignore[list-item]  # PTB types ids as Literal[0..11]
        explanation=poll.explanation or None,
        explanation_parse_mode=None,
        question_parse_mode=None,
        open_period=open_period,
    )
