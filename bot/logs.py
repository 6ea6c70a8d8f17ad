"""Logging: one line per event, optional JSON, and no secret ever printed.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so the httpx and
httpcore loggers are held at WARNING (`quiet_libraries`, the one place that sets library log
levels) and every record passes through a redacting filter that replaces the token (and any
other secret) wherever it appears, at every level.

At DEBUG, python-telegram-bot logs every update it processes and every Bot API call with its
parameters and result, and aiosqlite every statement with its values: students' messages in full.
Those payloads are replaced by their type (`LibraryPayloadFilter`, for every logger but our own),
so LOG_LEVEL=DEBUG shows what the libraries do, never what students wrote.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TextIO

# Libraries whose INFO lines are noise or leak secrets: httpx/httpcore log Bot API URLs (with the
# token), tornado.access one line per webhook request, apscheduler one line per job run.
QUIET_LIBRARIES = ("httpx", "httpcore", "tornado.access", "apscheduler")

_TOKEN_RE = re.compile(r"(?<!\d)\d{6,12}:[A-Za-z0-9_-]{30,}")  # also inside ".../bot123:AA.../getMe"


class RedactingFilter(logging.Filter):
    """Replaces secrets in the formatted message and in exception text."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self.secrets = [s for s in (secrets or []) if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        return _TOKEN_RE.sub("[REDACTED]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message or record.args:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


_PLAIN_ARG = re.compile(r"[\w.:/@`'-]{0,200}")  # an endpoint name, a URL, an id: never a sentence


def _without_payload(value: object) -> object:
    """Numbers and single words stay; anything that could carry a message (an Update, a dict of
    request parameters, a JSON string, a sentence) becomes its type."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple) and all(isinstance(item, int) for item in value):
        return value  # e.g. the update ids of a getUpdates answer
    if isinstance(value, str) and _PLAIN_ARG.fullmatch(value):
        return value
    update_id = getattr(value, "update_id", None)  # an Update: its id is what debugging needs
    if isinstance(update_id, int):
        return f"<{type(value).__name__} {update_id}, content not logged>"
    return f"<{type(value).__name__} not logged>"


class LibraryPayloadFilter(logging.Filter):
    """Keeps the libraries' DEBUG lines and drops the payloads they carry (see the module docstring).
    Our own code (`bot.*`) keeps texts out of its log lines by itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG or record.name.partition(".")[0] == "bot":
            return True
        if not isinstance(record.msg, str):
            record.msg, record.args = _without_payload(record.msg), None
        elif isinstance(record.args, Mapping):
            record.args = {key: _without_payload(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_without_payload(value) for value in record.args)
        return True


class ThrottledLog:
    """One log line per `interval` seconds for an event that can repeat with every message or request
    (a database refusing bookkeeping writes, strangers knocking on the webhook): the first occurrence
    is logged at once, later ones are counted and reported with the next line due (or by `flush`
    at shutdown), so nobody can flood the log and nothing goes unmentioned."""

    def __init__(self, logger: logging.Logger, level: int = logging.WARNING, interval: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.logger = logger
        self.level = level
        self.interval = interval
        self.clock = clock
        self.total = 0  # every occurrence since start-up
        self._held = 0  # occurrences not reported yet
        self._latest: tuple[str, tuple[object, ...]] = ("", ())
        self._last: float | None = None

    def note(self, message: str, *args: object) -> bool:
        """Count one occurrence; True when it was logged (with how many were held back before it)."""
        self.total += 1
        self._held += 1
        self._latest = (message, args)
        if self._last is not None and self.clock() - self._last < self.interval:
            return False
        self._report()
        return True

    def flush(self) -> None:
        """At shutdown: report the occurrences still held back, if any."""
        if self._held:
            self._report()

    def _report(self) -> None:
        message, args = self._latest
        now = self.clock()
        if self._held > 1 or self._last is not None:
            message += "; %d in the last %d s"
            args = (*args, self._held, round(now - (self._last if self._last is not None else now)))
        self._last, self._held = now, 0
        self.logger.log(self.level, message, *args)


class JsonFormatter(logging.Formatter):
    """One JSON object per line for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            payload["exc"] = record.exc_text
        return json.dumps(payload, ensure_ascii=False)


class OneLineFormatter(logging.Formatter):
    """Tracebacks folded into the same line, so one event is one line."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace("\n", " | ")


def setup_logging(level: str = "INFO", fmt: str = "text", secrets: list[str] | None = None,
                  stream: TextIO | None = None) -> RedactingFilter:
    """Configure the root logger once (to stderr unless `stream`); returns the filter so tests can check it."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    redactor = RedactingFilter(secrets)
    handler.addFilter(LibraryPayloadFilter())  # first: the redactor merges the arguments into the message
    handler.addFilter(redactor)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(OneLineFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    quiet_libraries()
    return redactor


def quiet_libraries() -> None:
    """Hold QUIET_LIBRARIES at WARNING or above, whatever the root level (a stricter level stays)."""
    for name in QUIET_LIBRARIES:
        library = logging.getLogger(name)
        if library.getEffectiveLevel() < logging.WARNING:
            library.setLevel(logging.WARNING)
