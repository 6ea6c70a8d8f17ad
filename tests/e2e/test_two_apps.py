"""Two bot processes on one database (webhook mode behind a load balancer), in one test process:
each application polls its own fake Bot API, both use the same database (SQLite file, and
PostgreSQL when TEST_POSTGRES_URL is set). What one process changes, the other must see."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.handlers.memory import LANGUAGE_TTL, MEMORY_KEY, ChatMemory
from bot.services import services_of
from tests.e2e.harness import Bot, make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.e2e

BUDI = U.user(111, "Budi")
GURU = U.user(500, "Bu Guru")
GROUP = U.group_chat(-5001, "Kelas 9A")


class Clock:
    """The monotonic clock of a process's ChatMemory, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Process:
    bot: Bot
    clock: Clock


@pytest.fixture
async def processes(db_url: str, tmp_path: Path) -> AsyncIterator[tuple[Process, Process]]:
    started: list[Process] = []
    servers: list[FakeBotApi] = []
    try:
        for _ in range(2):
            api = FakeBotApi()
            await api.__aenter__()
            servers.append(api)
            settings = make_settings(api, tmp_path / "unused.db", database_url=db_url)
            app = await start_bot(settings)
            clock = Clock()
            services_of(app).extras[MEMORY_KEY] = ChatMemory(clock=clock)
            started.append(Process(Bot(api, app, settings), clock))
        yield started[0], started[1]
    finally:
        for process in started:
            await stop_bot(process.bot.app)
        for api in servers:
            await api.__aexit__(None, None, None)


async def test_a_private_language_choice_in_one_process_reaches_the_other(
        processes: tuple[Process, Process]) -> None:
    a, b = processes
    before = await b.bot.say(BUDI, "/help")
    assert "commands" not in before.text  # Indonesian; b now holds Budi's (absent) choice
    chosen = await a.bot.say(BUDI, "/bahasa en")
    assert "English" in chosen.text
    b.clock.now += LANGUAGE_TTL
    after = await b.bot.say(BUDI, "/help")
    assert "commands" in after.text


async def test_a_group_language_choice_in_one_process_reaches_the_other(
        processes: tuple[Process, Process]) -> None:
    a, b = processes
    a.bot.api.set_admins(GROUP["id"], [GURU["id"]])
    before = await b.bot.say(BUDI, "/help", chat=GROUP)
    assert "commands" not in before.text
    done = await a.bot.say(GURU, "/bahasa en", chat=GROUP)
    assert "English" in done.text
    b.clock.now += LANGUAGE_TTL
    after = await b.bot.say(BUDI, "/help", chat=GROUP)
    assert "commands" in after.text
