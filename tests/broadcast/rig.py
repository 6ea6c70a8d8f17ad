"""A broadcast rig: a real Store (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set), the fake Bot API
with Telegram's flood limits on, a real `telegram.Bot`, and a clock the test moves by hand.

The `rig` fixture (tests/broadcast/conftest.py) builds one; tests import the types and constants from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from functools import lru_cache

from telegram import Bot

from bot.broadcast.engine import BroadcastEngine, EngineConfig
from bot.core.content import ContentBank, load_bank
from bot.settings import Settings
from bot.storage import Store
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.clock import Clock

# Tests run the fake at 10x Telegram's global rate and the engine proportionally below it, so the
# limits are enforced exactly as in production while a test sends hundreds of messages in a second.
FAKE_PER_SECOND = 300
TEST_CONFIG = EngineConfig(rate=270.0, concurrency=16, backoff=0.01, max_backoff=0.05)
START = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)  # Monday 07:00 WIB


@lru_cache(maxsize=1)
def content_bank() -> ContentBank:
    return load_bank(Settings().resolved_content_dir)


@dataclass
class Rig:
    api: FakeBotApi
    bot: Bot
    store: Store
    url: str
    clock: Clock
    bank: ContentBank
    extra: list[Store] = field(default_factory=list)

    def engine(self, config: EngineConfig = TEST_CONFIG, *, store: Store | None = None,
               holder: str | None = None) -> BroadcastEngine:
        return BroadcastEngine(self.bot, store or self.store, self.bank, config=config, clock=self.clock,
                               holder=holder)

    async def second_store(self) -> Store:
        """Another connection pool to the same database, as a second process would have."""
        other = await Store.open(self.url)
        self.extra.append(other)
        return other

    async def subscribe(self, chat_id: int, at: time = time(7, 0), zone: str = "Asia/Jakarta") -> None:
        kind = "private" if chat_id > 0 else "group"
        await self.store.upsert_chat(chat_id, kind, None if chat_id > 0 else f"Kelas {-chat_id}")
        await self.store.set_subscription(chat_id, at, zone, True)

    def polls_to(self, chat_id: int) -> list[dict]:
        return [m for m in self.api.delivered(chat_id) if "poll" in m]

    def total_polls(self) -> int:
        return len(self.api.calls_of("sendPoll"))
