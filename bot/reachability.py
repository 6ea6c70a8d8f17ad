"""Telegram out of reach, said in words: no network at start-up or while polling.

PTB reports such failures as `NetworkError("httpx.ConnectError: All connection attempts failed")`,
and its Updater logs a traceback for every failed getUpdates. An operator needs one line saying that
Telegram cannot be reached, where the bot tried, and that it keeps trying by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut

from bot.transport import Vitals

log = logging.getLogger("bot.runner")

STARTUP_RETRY_SECONDS = 30.0


def is_unreachable(exc: BaseException) -> bool:
    """A failure of the network or of Telegram's servers, not an answer from Telegram."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


def in_words(exc: BaseException) -> str:
    """"the connection failed", "no answer in time" …, without library class names."""
    if isinstance(exc, TimedOut):
        return "no answer in time"
    cause = type(exc.__cause__).__name__ if exc.__cause__ is not None else ""
    if "Connect" in cause:
        return "the connection failed"
    if "Proxy" in cause:
        return "the proxy failed"
    if "Protocol" in cause or "Read" in cause or "Write" in cause:
        return "the connection broke off"
    return "no proper answer"


def telegram_host(api_base_url: str) -> str:
    """Where the bot sends its requests (host and port of TELEGRAM_API_BASE_URL), never the token."""
    return urlsplit(api_base_url).netloc or api_base_url


def startup_unreachable(exc: BaseException, api_base_url: str) -> str:
    return (f"Telegram cannot be reached at {telegram_host(api_base_url)} ({in_words(exc)}): is this machine "
            f"online? The bot tries again in {STARTUP_RETRY_SECONDS:.0f} s (Ctrl-C to stop)")


def polling_error_logger(api_base_url: str, vitals: Vitals | None) -> Callable[[TelegramError], None]:
    """getUpdates' error callback: one warning per outage (not one traceback per attempt)."""
    reported = False
    reported_after: float | None = None  # the last successful fetch when this outage was reported

    def on_error(exc: TelegramError) -> None:
        nonlocal reported, reported_after
        if not is_unreachable(exc):
            log.error("fetching updates failed (%s: %s); the bot keeps trying", type(exc).__name__, exc.message)
            return
        last_fetch = vitals.fetch_ok_at if vitals is not None else None
        if reported and reported_after == last_fetch:  # no update fetched since: the same outage
            log.debug("Telegram still cannot be reached (%s)", in_words(exc))
            return
        reported, reported_after = True, last_fetch
        log.warning("Telegram cannot be reached at %s (%s); the bot keeps trying and goes on when it answers",
                    telegram_host(api_base_url), in_words(exc))

    return on_error


class UnreachableInWords(logging.Filter):
    """The library's records about Telegram out of reach (e.g. the last getUpdates at shutdown): one line
    in words at WARNING, instead of an ERROR with a traceback ending in httpx.ConnectError."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None or not record.name.startswith("telegram") or not is_unreachable(exc):
            return True
        first_sentence = record.getMessage().split(". ", 1)[0].rstrip(".")
        record.msg, record.args = f"{first_sentence}: Telegram cannot be reached ({in_words(exc)})", None
        record.exc_info, record.exc_text = None, None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True
