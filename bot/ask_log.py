"""`ask` keeps its unanswered questions for the teacher, like Telegram and the console, marked "ask".

`ask` is often run from another folder or before the bot ever ran, so it writes only into a database
the bot already uses: it never creates one (see `Store.open_existing`); when there is none it says
once, on standard error, that the question was not kept.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.core.conversation import Reply
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.storage import Store


class AskLog:
    """Stores `ask`'s unanswered replies; opens the database at the first one, and only once."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._runner = asyncio.Runner()
        self._store: Store | None = None
        self._unavailable = False

    def keep(self, reply: Reply) -> None:
        """Store `reply` when it went unanswered and the bot's database exists."""
        if not reply.unanswered or self._unavailable:
            return
        from bot.storage import DatabaseMissing, Store

        if self._store is None:
            try:
                self._store = self._runner.run(
                    Store.open_existing(self._settings.database_url, default_timezone=self._settings.bot_timezone))
            except DatabaseMissing as exc:
                self._give_up(f"{exc}")
                return
            except Exception as exc:  # the answer still counts; say why once
                self._give_up(f"database unavailable ({type(exc).__name__})")
                return
        self._runner.run(self._store.log_unanswered(
            None, reply.question, [(c.faq_id, c.score) for c in reply.candidates], datetime.now(UTC), origin="ask"))

    def _give_up(self, reason: str) -> None:
        self._unavailable = True
        print(f"{reason}: unanswered questions are not kept for the teacher "
              "(`python -m bot run` or `console` creates the database)", file=sys.stderr)

    def close(self) -> None:
        if self._store is not None:
            self._runner.run(self._store.close())
        self._runner.close()
