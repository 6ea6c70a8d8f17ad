"""The webhook port as a stranger sees it: wrong-secret requests are refused and summed up in at most
one log line a minute (the clock is injected), and no response names the server's exact version."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from tornado.httpserver import HTTPServer

from bot.runner import HEALTH_PATH, SECRET_HEADER, Mode, make_web_app
from bot.services import TutorApplication
from tests.e2e.harness import make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.test_runner import SECRET, free_port

HOOK_PATH = "/telegram/hook"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def webhook(tmp_path: Path) -> AsyncIterator[tuple[str, TutorApplication, Clock, HTTPServer]]:
    """The real bot behind our webhook server on 127.0.0.1; yields the server's base URL."""
    async with FakeBotApi() as api:
        app = await start_bot(make_settings(api, tmp_path / "tutor.db"))
        port = free_port()
        clock = Clock()
        mode = Mode(webhook=True, listen="127.0.0.1", port=port, path=HOOK_PATH,
                    url=f"https://bot.example.org{HOOK_PATH}", secret=SECRET)
        web_app = make_web_app(app, mode, clock=clock)
        server = HTTPServer(web_app)
        server.listen(port, address="127.0.0.1")
        try:
            yield f"http://127.0.0.1:{port}", app, clock, web_app
        finally:
            server.stop()
            await server.close_all_connections()
            await stop_bot(app)


async def knock(session: aiohttp.ClientSession, url: str, times: int) -> None:
    update = {"update_id": 1, **U.message(U.private_chat(U.user(5)), U.user(5), "/start")}
    for _ in range(times):
        async with session.post(url, json=update, headers={SECRET_HEADER: "guess"}) as response:
            assert response.status == 403


async def test_refused_webhook_requests_are_summed_up_at_most_once_a_minute(
        webhook: tuple, caplog: pytest.LogCaptureFixture) -> None:
    base, _, clock, web_app = webhook
    caplog.set_level(logging.WARNING, logger="bot.runner")

    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "bot.runner" and "secret token" in r.getMessage()]

    async with aiohttp.ClientSession() as session:
        await knock(session, base + HOOK_PATH, 40)
        assert len(lines()) == 1  # the first one says it at once; the next 39 are counted
        clock.now += 30
        await knock(session, base + HOOK_PATH, 20)
        assert len(lines()) == 1
        clock.now += 31
        await knock(session, base + HOOK_PATH, 1)
        assert len(lines()) == 2 and lines()[1].endswith("; 60 in the last 61 s")
        assert "127.0.0.1" in lines()[1]
        clock.now += 5
        await knock(session, base + HOOK_PATH, 3)
    assert len(lines()) == 2
    web_app.settings["refused_webhooks"].flush()  # what the server does when it stops
    assert len(lines()) == 3 and lines()[2].endswith("; 3 in the last 5 s")
    assert web_app.settings["refused_webhooks"].total == 64


async def test_no_response_names_the_server_version(webhook: tuple) -> None:
    base, *_ = webhook
    async with aiohttp.ClientSession() as session:
        requests = [session.get(base + HEALTH_PATH), session.post(base + HOOK_PATH, data=b"{}"),
                    session.get(base + "/no/such/path"), session.get(base + HOOK_PATH)]
        statuses = []
        for request in requests:
            async with request as response:
                statuses.append(response.status)
                server = response.headers.get("Server", "")
                assert "Tornado" not in server and not any(ch.isdigit() for ch in server), server
    assert statuses == [200, 403, 404, 405]
