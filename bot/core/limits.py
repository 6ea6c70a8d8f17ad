"""Telegram's limits, mirrored here so the core stays free of the `telegram` import.

`tests/core/test_limits.py` asserts every value against `telegram.constants`, so a change
in python-telegram-bot's constants fails the tests instead of silently drifting.
"""

MAX_MESSAGE_LENGTH = 4096  # MessageLimit.MAX_TEXT_LENGTH
MAX_POLL_QUESTION = 300  # PollLimit.MAX_QUESTION_LENGTH
MIN_POLL_QUESTION = 1  # PollLimit.MIN_QUESTION_LENGTH
MAX_POLL_OPTION = 100  # PollLimit.MAX_OPTION_LENGTH
MIN_POLL_OPTION = 1  # PollLimit.MIN_OPTION_LENGTH
MIN_POLL_OPTIONS = 2  # stricter than PollLimit.MIN_OPTION_NUMBER (1 in PTB 22.8): a quiz needs a wrong option
MAX_POLL_OPTIONS = 12  # PollLimit.MAX_OPTION_NUMBER
MAX_EXPLANATION = 200  # PollLimit.MAX_EXPLANATION_LENGTH
MAX_EXPLANATION_LINE_FEEDS = 2  # PollLimit.MAX_EXPLANATION_LINE_FEEDS
MAX_CALLBACK_DATA = 64  # InlineKeyboardButtonLimit.MAX_CALLBACK_DATA (bytes)
MAX_INLINE_RESULTS = 50  # InlineQueryLimit.RESULTS

# Our own content rules (quality bar, not Telegram's).
MAX_ANSWER_VISIBLE = 1000
MIN_VARIANTS = 6
MAX_FAQ_QUESTION = 120
MAX_TOPIC_SHORT = 20
MAX_CARD_SAY = 600  # a fact card's sentence: one short answer
