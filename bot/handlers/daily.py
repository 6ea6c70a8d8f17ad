"""/harian and /zona: per-chat daily-quiz schedule."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Add the daily-quiz command handlers."""
