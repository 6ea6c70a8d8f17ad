"""/healthz field by field: each turns the check unhealthy (503 from the endpoint) when what it watches
fails. The bot runs against the fake Bot API; time for the health check's ages is moved forward by
a controllable clock instead of waiting."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram.ext import Application
from tornado.httpserver import HTTPServer

import bot.broadcast
import bot.health
from bot.health import VITALS_KEY, DatabaseFile
from bot.runner import HEALTH_PATH, Mode, check_health, make_web_app
from bot.services import services_of
from bot.transport import Vitals
from tests.e2e.harness import make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi
from tests.test_runner import free_port

POLLING = Mode(webhook=False, listen="127.0.0.1", port=0)
BUDI = U.user(3101, "Budi")


class Later:
    """The vitals' clock, `ahead` seconds in the future."""

    def __init__(self, vitals: Vitals) -> None:
        self.real = vitals.clock
        self.ahead = 0.0
        vitals.clock = self

    def __call__(self) -> float:
        return self.real() + self.ahead


@pytest.fixture
async def app(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    # The tests drive the scheduler (ensure_lease, send_today) themselves: a minute tick on the real
    # clock would send the 07:00 quiz on its own when the suite runs between 07:00 and 09:00 WIB.
    application = await start_bot(make_settings(api, tmp_path / "tutor.db"), minute_ticks=False)
    try:
        await api.wait_for_long_poll()
        yield application
    finally:
        await stop_bot(application)


async def report(app: Application) -> dict[str, Any]:  # type: ignore[type-arg]
    return await check_health(app, POLLING)


async def test_all_fields_healthy_then_the_endpoint_says_503_with_the_failing_field(
        app: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    healthy = await report(app)
    assert healthy["failing"] == [] and healthy["status"] == "ok"
    assert set(healthy) == {"status", "failing", "bot", "database", "updates", "telegram", "scheduler", "broadcast",
                            "database_problem", "database_write_age_s", "oldest_unprocessed_age_s", "last_fetch_age_s",
                            "telegram_ok_age_s"}  # booleans and ages, nothing else
    port = free_port()
    server = HTTPServer(make_web_app(app, Mode(webhook=False, listen="127.0.0.1", port=port)))
    server.listen(port, address="127.0.0.1")
    try:
        db_file = tmp_path / "tutor.db"
        db_file.rename(tmp_path / "moved.db")  # deleted under the running bot (it keeps writing into the void)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}{HEALTH_PATH}") as response:
                assert response.status == 503
                body = await response.json()
        assert body["failing"] == ["database"] and body["database"] is False
        assert body["database_problem"] == "file_missing"
    finally:
        server.stop()


async def test_database_file_deleted_under_the_running_bot(
        app: Application, api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[type-arg]
    """SQLite keeps writing into the unlinked file (the write probe passes): the file check notices,
    says why in the report, and logs one error however often the check runs."""
    assert (await report(app))["database_problem"] is None
    caplog.set_level(logging.ERROR, logger="bot.health")
    (tmp_path / "tutor.db").unlink()
    mark = api.mark()
    api.inject(U.message(U.private_chat(BUDI), BUDI, "apa itu ASEAN?"))  # still answered meanwhile
    await api.wait_for_method("sendMessage", chat_id=BUDI["id"], since=mark)
    # Whether a fresh pooled connection has meanwhile made a new, empty file under the old name depends
    # on the SQLAlchemy/aiosqlite versions (the lowest allowed ones do): either way it is not the
    # bot's database any more, and the report says so.
    problems = set()
    for _ in range(3):
        result = await report(app)
        assert result["database"] is False and result["failing"] == ["database"]
        problems.add(result["database_problem"])
    assert len(problems) == 1 and problems <= {"file_missing", "file_replaced"}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "bot.health"]
    assert len(errors) == 1
    assert ("deleted" in errors[0].getMessage() or "replaced" in errors[0].getMessage())
    assert "tutor.db" in errors[0].getMessage()


async def test_database_file_replaced_under_the_running_bot(app: Application, tmp_path: Path) -> None:  # type: ignore[type-arg]
    db_file = tmp_path / "tutor.db"
    db_file.rename(tmp_path / "old.db")
    db_file.write_bytes(b"")  # a fresh empty file where the bot's database was
    result = await report(app)
    assert result["failing"] == ["database"] and result["database_problem"] == "file_replaced"


async def test_database_write_failing(app: Application, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    async def read_only(*args: object) -> None:
        raise OSError("attempt to write a readonly database")

    monkeypatch.setattr(services_of(app).store, "write_probe", read_only)
    result = await report(app)
    assert result["failing"] == ["database"] and result["database_problem"] == "write_failed"


async def test_updates_not_fetched(app: Application, api: FakeBotApi) -> None:  # type: ignore[type-arg]
    later = Later(app.bot_data[VITALS_KEY])
    api.outage(502, seconds=60, methods=("getUpdates",))  # Telegram fails every poll meanwhile
    mark = api.mark()
    await api.wait_for_method("getUpdates", since=mark, ok=False)
    later.ahead = 120
    result = await report(app)
    assert result["updates"] is False and "updates" in result["failing"]
    assert result["last_fetch_age_s"] >= 120


async def test_unreadable_updates_are_skipped_logged_once_and_unhealthy_while_they_repeat(
        app: Application, api: FakeBotApi, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[type-arg]
    caplog.set_level(logging.ERROR, logger="bot.transport")
    api.inject_unreadable_poll_answer("no-poll", BUDI, [0])
    mark = api.mark()
    api.inject(U.message(U.private_chat(BUDI), BUDI, "apa itu ASEAN?"))  # the rest is still answered
    await api.wait_for_method("sendMessage", chat_id=BUDI["id"], since=mark)
    assert (await report(app))["updates"] is True  # one stray update is not an outage
    for _ in range(3):
        api.inject_unreadable_poll_answer("no-poll", BUDI, [1])
    mark = api.mark()
    api.inject(U.message(U.private_chat(BUDI), BUDI, "apa itu PBB?"))
    await api.wait_for_method("sendMessage", chat_id=BUDI["id"], since=mark)
    unreadable_lines = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert len(unreadable_lines) == 1  # logged once, with the kind and id only
    assert "poll_answer" in unreadable_lines[0].getMessage() and "no-poll" not in unreadable_lines[0].getMessage()
    assert app.bot_data[VITALS_KEY].unreadable["poll_answer"] == 4
    assert api.pending_updates == 0  # the offset moved past every one of them
    result = await report(app)
    assert result["updates"] is False and result["failing"] == ["updates"]


async def test_telegram_unreachable(app: Application, api: FakeBotApi,  # type: ignore[type-arg]
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.health, "PROBE_TIMEOUT", 0.5)
    later = Later(app.bot_data[VITALS_KEY])
    later.ahead = bot.health.TELEGRAM_STALE + 1
    api.outage(500, seconds=60, methods=("getMe",))
    result = await report(app)
    assert result["telegram"] is False and "telegram" in result["failing"]


async def test_scheduler_lease_not_renewed(app: Application, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    engine = bot.broadcast.engine_of(app)
    assert engine is not None
    await engine.ensure_lease()
    assert (await report(app))["scheduler"] is True

    async def unwritable(*args: object, **kwargs: object) -> bool:
        raise OSError("disk full")

    monkeypatch.setattr(services_of(app).store, "acquire_lease", unwritable)
    await engine.ensure_lease()  # what every minute tick does: fails now
    later = Later(app.bot_data[VITALS_KEY])
    later.ahead = bot.health.LEASE_STALE + 1
    assert "scheduler" in (await report(app))["failing"]


async def test_broadcast_stuck(app: Application, api: FakeBotApi) -> None:  # type: ignore[type-arg]
    engine = bot.broadcast.engine_of(app)
    assert engine is not None
    store = services_of(app).store
    from datetime import time

    await store.upsert_chat(4001, "private", None)
    await store.set_subscription(4001, time(7, 0), "Asia/Jakarta", True)
    async with api.gated("sendPoll") as gate:
        run = asyncio.create_task(engine.send_today())
        await gate.until_waiting(1)  # the send hangs at Telegram
        later = Later(app.bot_data[VITALS_KEY])
        later.ahead = bot.health.BROADCAST_STALE + 1
        result = await report(app)
        assert result["broadcast"] is False and "broadcast" in result["failing"]
        await gate.allow(1)
        await run
    later.ahead = 0
    assert (await report(app))["broadcast"] is True


async def test_webhook_refuses_an_unreadable_update_counts_it_and_logs_its_kind_once(
        app: Application, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[type-arg]
    caplog.set_level(logging.ERROR, logger="bot.transport")
    port = free_port()
    mode = Mode(webhook=True, listen="127.0.0.1", port=port, path="/hook", url="https://x.example/hook",
                secret="s3cret")
    server = HTTPServer(make_web_app(app, mode))
    server.listen(port, address="127.0.0.1")
    unreadable = U.poll_answer("p-9", BUDI, [0])
    del unreadable["poll_answer"]["option_persistent_ids"]
    try:
        async with aiohttp.ClientSession() as session:
            for update_id in (901, 902):
                async with session.post(f"http://127.0.0.1:{port}/hook", json={"update_id": update_id, **unreadable},
                                        headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"}) as response:
                    assert response.status == 400
    finally:
        server.stop()
    assert app.bot_data[VITALS_KEY].unreadable["poll_answer"] == 2
    lines = [r.getMessage() for r in caplog.records if "could not be read" in r.getMessage()]
    assert len(lines) == 1 and "webhook" in lines[0] and "901" in lines[0]


def test_a_new_file_under_the_old_name_is_noticed_even_with_the_old_inode_number(tmp_path: Path) -> None:
    """Filesystems hand a freed inode number straight to the next file (ext4 does): a deleted database
    replaced by an empty one of the same name must not pass as the original."""
    db_file = tmp_path / "tutor.db"
    db_file.write_bytes(b"the bot's data")
    watched = DatabaseFile(str(db_file))
    try:
        assert watched.problem() is None
        db_file.unlink()
        db_file.write_bytes(b"")
        assert watched.problem() == "file_replaced"
        db_file.unlink()
        assert watched.problem() == "file_missing"
    finally:
        watched.close()


async def test_repeated_getupdates_failures_back_off_instead_of_spinning(
        app: Application, api: FakeBotApi) -> None:  # type: ignore[type-arg]
    await api.wait_for_long_poll()
    outage = api.outage(500, methods=("getUpdates",))
    mark = api.mark()
    api.inject(U.message(U.private_chat(BUDI), BUDI, "apa itu ASEAN?"))  # breaks the long poll in flight
    await api.wait_for_method("getUpdates", ok=False, count=4, since=mark, timeout=30)
    failed = [c.at for c in api.calls[mark:] if c.method == "getUpdates" and not c.ok]
    gaps = [later - earlier for earlier, later in pairwise(failed)]
    assert min(gaps) >= 0.5 and gaps[-1] > gaps[0], gaps  # waits between tries, longer each time
    outage.end()
    await api.wait_for_method("sendMessage", chat_id=BUDI["id"], since=mark, timeout=30)  # and goes on after
