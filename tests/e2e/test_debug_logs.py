"""LOG_LEVEL=DEBUG shows what python-telegram-bot does (it logs every update and every Bot API call
with its parameters and result), never the words students wrote."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

from bot.logs import QUIET_LIBRARIES, LibraryPayloadFilter, setup_logging
from tests.e2e.harness import Bot
from tests.fakes import updates as U

pytestmark = pytest.mark.e2e

BUDI = U.user(3501, "Budi")
WORDS = "rahasiaku"  # in every question below, and in nothing the bot knows or says
QUESTIONS = [f"apa itu ASEAN {WORDS}?", f"{WORDS} zzz qwerty", f"/tanya {WORDS} PBB"]


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The bot's own logging set up at DEBUG into a buffer; the test's logging is restored after."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, {name: logging.getLogger(name).level for name in QUIET_LIBRARIES})
    buffer = io.StringIO()
    setup_logging("DEBUG", stream=buffer)
    try:
        yield buffer
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        handlers, level, levels = saved
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
        for name, value in levels.items():
            logging.getLogger(name).setLevel(value)


async def test_debug_logs_show_the_library_at_work_but_no_students_words(tutor_bot: Bot,
                                                                         debug_log: io.StringIO) -> None:
    for text in QUESTIONS:
        await tutor_bot.say(BUDI, text)
    log = debug_log.getvalue()
    assert "Processing update" in log and "Calling Bot API endpoint `sendMessage`" in log  # DEBUG really on
    assert re.search(r"Processing update <Update \d+, content not logged>", log)
    assert WORDS not in log
    assert all(WORDS not in text for text in tutor_bot.texts_to(BUDI["id"]))  # so the check above means it


def test_the_filter_keeps_plain_arguments_and_other_levels() -> None:
    def record(name: str, level: int, msg: object, args: tuple) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, msg, args, None)

    update = {"message": {"text": "halo"}}
    kept = record("telegram.ext.Updater", logging.DEBUG, "Getting updates: %s after %s s", ([1, 2], 1.5))
    payload = record("telegram.Bot", logging.DEBUG, "Calling `%s` with `%s`", ("sendMessage", update))
    sentence = record("telegram.ext.Application", logging.DEBUG, "Webhook received data: %s", ("apa itu asean",))
    ours = record("bot.handlers", logging.DEBUG, "chat %s: %s", (5, "apa itu asean"))
    warning = record("telegram.ext.Application", logging.WARNING, "%s", ("kept as it is",))
    for each in (kept, payload, sentence, ours, warning):
        assert LibraryPayloadFilter().filter(each)
    assert kept.getMessage() == "Getting updates: [1, 2] after 1.5 s"
    assert payload.getMessage() == "Calling `sendMessage` with `<dict not logged>`"
    assert sentence.getMessage() == "Webhook received data: <str not logged>"
    assert ours.getMessage() == "chat 5: apa itu asean"  # our own code keeps texts out by itself
    assert warning.getMessage() == "kept as it is"
