"""The `rig` fixture: a broadcast rig (tests/broadcast/rig.py) on each database of `db_url`."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.storage import Store
from tests.broadcast.rig import FAKE_PER_SECOND, START, Rig, content_bank
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.clock import Clock


@pytest.fixture
async def rig(db_url: str, api: FakeBotApi) -> AsyncIterator[Rig]:
    store = await Store.open(db_url)
    api.flood_limits(True, per_second=FAKE_PER_SECOND, per_group_per_minute=20)
    request = HTTPXRequest(connection_pool_size=32)
    async with Bot(api.token, base_url=api.base_url, request=request) as bot:
        built = Rig(api, bot, store, db_url, Clock(START), content_bank())
        try:
            yield built
        finally:
            for other in built.extra:
                await other.close()
            await store.close()
