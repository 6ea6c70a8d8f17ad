"""Fixtures: a fake Bot API server and the real bot polling it, on a fresh SQLite file per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes.bot_api import FakeBotApi


@pytest.fixture
async def tutor_bot(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Bot]:
    """The running bot; fails the test if any Bot API call was rejected (invalid HTML, limits…)."""
    settings = make_settings(api, tmp_path / "tutor.db")
    app = await start_bot(settings)
    running = Bot(api, app, settings)
    try:
        yield running
    finally:
        await stop_bot(app)
    assert not running.failed_calls(), [(c.method, c.description) for c in running.failed_calls()]
