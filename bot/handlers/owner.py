"""/siarkan and /statistik for the owners in ADMIN_USER_IDS."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Add the owner command handlers."""
