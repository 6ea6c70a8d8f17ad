"""Log redaction: a bot token is hidden wherever it appears, even without being told which one."""

import logging
import sys

import pytest

from bot.logs import RedactingFilter

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
