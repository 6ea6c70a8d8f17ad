"""Tutor Diplomasi: a Telegram tutor on international cooperation and Indonesian diplomacy."""

import os

__version__ = "0.1.0"

# python-telegram-bot gives durations such as RetryAfter.retry_after as timedelta once PTB_TIMEDELTA is
# set, and warns on every int it hands out otherwise. We read the timedelta form everywhere
# (bot.broadcast.flight.retry_seconds), so opt in and keep the next deprecation visible.
os.environ.setdefault("PTB_TIMEDELTA", "true")
