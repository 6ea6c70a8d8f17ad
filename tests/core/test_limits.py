"""The core's mirrored limits must equal python-telegram-bot's constants."""

from telegram.constants import InlineKeyboardButtonLimit, InlineQueryLimit, MessageLimit, PollLimit

from bot.core import limits


def test_limits_match_telegram_constants() -> None:
    assert limits.MAX_MESSAGE_LENGTH == MessageLimit.MAX_TEXT_LENGTH
    assert limits.MAX_POLL_QUESTION == PollLimit.MAX_QUESTION_LENGTH
    assert limits.MIN_POLL_QUESTION == PollLimit.MIN_QUESTION_LENGTH
    assert limits.MAX_POLL_OPTION == PollLimit.MAX_OPTION_LENGTH
    assert limits.MIN_POLL_OPTION == PollLimit.MIN_OPTION_LENGTH
    assert limits.MIN_POLL_OPTIONS >= PollLimit.MIN_OPTION_NUMBER  # a quiz needs at least one wrong option
    assert limits.MAX_POLL_OPTIONS == PollLimit.MAX_OPTION_NUMBER
    assert limits.MAX_EXPLANATION == PollLimit.MAX_EXPLANATION_LENGTH
    assert limits.MAX_EXPLANATION_LINE_FEEDS == PollLimit.MAX_EXPLANATION_LINE_FEEDS
    assert limits.MAX_CALLBACK_DATA == InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    assert limits.MAX_INLINE_RESULTS == InlineQueryLimit.RESULTS
