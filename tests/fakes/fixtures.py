"""Pytest fixtures for the fake Bot API; import them into a conftest with
``from tests.fakes.fixtures import bot_api, ptb_bot  # noqa: F401``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from tests.fakes.bot_api import FakeBotApi


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """A started fake server, stopped after the test."""
    async with FakeBotApi() as api:
        yield api


@pytest.fixture
async def ptb_bot(bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    """A real, initialized ``telegram.Bot`` pointed at the fake."""
    async with Bot(bot_api.token, base_url=bot_api.base_url) as bot:
        yield bot
