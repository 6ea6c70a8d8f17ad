"""Run the real Application against the fake Bot API server, and talk to it like students do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.broadcast import TICK_JOB
from bot.processor import ChatOrderedProcessor
from bot.settings import Settings
from tests.fakes import updates as U
from tests.fakes.bot_api import Call, FakeBotApi

JSON = dict[str, Any]


def make_settings(api: FakeBotApi, db_file: Path, **overrides: Any) -> Settings:
    """Settings pointing at the fake server and a SQLite file; no .env is read."""
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_api_base_url": api.base_url,
        "database_url": f"sqlite:///{db_file}",
        "group_quiz_open_period": 5,
        "quiz_length": 3,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def start_bot(settings: Settings, *, minute_ticks: bool = True, **kwargs: Any) -> Application:  # type: ignore[type-arg]
    """Build and start the application as `run_polling` does (initialize, post_init, poll, start).

    minute_ticks=False takes the scheduler's minute tick off the JobQueue before it starts, so a test
    that moves the clock and runs the tick itself is never raced by the start-up tick (which fires
    half a second after start-up, whatever the test's clock says)."""
    app = build_application(settings, **kwargs)
    await app.initialize()
    assert app.post_init is not None and app.updater is not None
    await app.post_init(app)
    if not minute_ticks:
        assert app.job_queue is not None
        for job in app.job_queue.get_jobs_by_name(TICK_JOB):
            job.schedule_removal()
        assert not app.job_queue.get_jobs_by_name(TICK_JOB)
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    return app


async def stop_bot(app: Application) -> None:  # type: ignore[type-arg]
    """Stop as `run_polling` does: polling, the application, shutdown, then post_shutdown."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)


@dataclass
class Bot:
    """A running bot plus helpers that inject updates and wait for what the bot does."""

    api: FakeBotApi
    app: Application  # type: ignore[type-arg]
    settings: Settings
    extra_ok_errors: list[str] = field(default_factory=list)  # methods a test makes fail on purpose

    async def send(self, update: JSON, method: str = "sendMessage", chat_id: int | None = None,
                   count: int = 1) -> Call:
        """Inject an update and wait for the `count`-th `method` call (to `chat_id`) after it."""
        mark = self.api.mark()
        self.api.inject(update)
        return await self.api.wait_for_method(method, chat_id=chat_id, since=mark, count=count)

    async def say(self, user: JSON, text: str, chat: JSON | None = None, **kwargs: Any) -> Call:
        """A user writes `text` (private by default); returns the bot's first sendMessage to that chat."""
        chat = chat or U.private_chat(user)
        return await self.send(U.message(chat, user, text, **kwargs), chat_id=chat["id"])

    async def processed(self, update: JSON) -> None:
        """Inject an update and wait until the bot has handled it (and every update before it):
        updates run concurrently across chats, so the processor says when it is through."""
        update_id = self.api.inject(update)
        processor = self.app.update_processor
        assert isinstance(processor, ChatOrderedProcessor)
        await processor.wait_processed(update_id)

    def failed_calls(self) -> list[Call]:
        """Calls the fake rejected (Telegram would have too)."""
        return [c for c in self.api.calls if not c.ok and c.method not in ("getUpdates", *self.extra_ok_errors)]

    def texts_to(self, chat_id: int, since: int = 0) -> list[str]:
        return [c.text or "" for c in self.api.calls_of("sendMessage", chat_id=chat_id, since=since)]
