"""Logging: one line per event, optional JSON, and no secret ever printed.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so the httpx and
httpcore loggers are held at WARNING (`quiet_libraries`, the one place that sets library log
levels) and every record passes through a redacting filter that replaces the token (and any
other secret) wherever it appears, at every level.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

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


def setup_logging(level: str = "INFO", fmt: str = "text", secrets: list[str] | None = None) -> RedactingFilter:
    """Configure the root logger once; returns the filter so tests can check it."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    redactor = RedactingFilter(secrets)
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
