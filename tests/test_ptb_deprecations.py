"""python-telegram-bot's deprecations stay visible: the bot reads durations in PTB's timedelta form, and a
deprecation that does reach a test fails it (pytest's filterwarnings in pyproject.toml)."""

from __future__ import annotations

import os
import warnings
from datetime import timedelta

import pytest
from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

import bot
from bot.broadcast.flight import retry_seconds


def test_importing_the_bot_opts_in_to_ptb_timedelta_durations() -> None:
    assert bot.__name__ == "bot"  # imported: its module body ran
    assert os.environ.get("PTB_TIMEDELTA") == "true"
    exc = RetryAfter(timedelta(seconds=7))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecation (nor anything else) on the way
        assert exc.retry_after == timedelta(seconds=7)
        assert retry_seconds(exc) == 7.0


def test_a_ptb_deprecation_fails_the_test_that_triggers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the suite's warning filter does: the int form PTB deprecates is an error, not a line in a summary."""
    monkeypatch.setenv("PTB_TIMEDELTA", "false")
    with pytest.raises(PTBDeprecationWarning, match="retry_after"):
        RetryAfter(timedelta(seconds=7))  # its message reads retry_after, in the deprecated int form
