"""Log redaction: a bot token is hidden wherever it appears, even without being told which one."""

import logging
import sys

import pytest

from bot.logs import QUIET_LIBRARIES, RedactingFilter, quiet_libraries, setup_logging

TOKEN = "1234567890:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_x"


@pytest.mark.parametrize("text", [
    f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getMe",
    f"token={TOKEN}",
    f"{TOKEN} at the start",
])
def test_unknown_tokens_are_redacted_even_inside_urls(text: str) -> None:
    redacted = RedactingFilter().redact(text)
    assert TOKEN not in redacted and TOKEN.split(":")[1] not in redacted and "[REDACTED]" in redacted


def test_record_arguments_and_exceptions_are_redacted() -> None:
    try:
        raise RuntimeError(f"failed https://api.telegram.org/bot{TOKEN}/sendMessage")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "calling %s", (f"bot{TOKEN}",),
                                   exc_info=sys.exc_info())
    RedactingFilter().filter(record)
    assert TOKEN not in record.getMessage() and TOKEN not in (record.exc_text or "")


def test_ordinary_numbers_are_left_alone() -> None:
    assert RedactingFilter().redact("chat_id=-1001234567890 at 12:30") == "chat_id=-1001234567890 at 12:30"


@pytest.fixture
def saved_levels():  # type: ignore[no-untyped-def]
    """Put the root logger and the quieted libraries back as they were."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, {name: logging.getLogger(name).level for name in QUIET_LIBRARIES})
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("saved_levels")
def test_debug_logging_keeps_the_libraries_that_log_urls_at_warning() -> None:
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET)
    setup_logging("DEBUG")
    assert logging.getLogger().level == logging.DEBUG
    assert {name: logging.getLogger(name).getEffectiveLevel() for name in QUIET_LIBRARIES} == dict.fromkeys(
        QUIET_LIBRARIES, logging.WARNING
    )
    assert {"httpx", "httpcore", "tornado.access"} <= set(QUIET_LIBRARIES)


@pytest.mark.usefixtures("saved_levels")
def test_quieting_never_makes_a_library_chattier() -> None:
    logging.getLogger("httpx").setLevel(logging.ERROR)
    quiet_libraries()
    assert logging.getLogger("httpx").level == logging.ERROR
