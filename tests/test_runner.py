"""`python -m bot run` as operators run it: long polling and webhook against the fake Bot API, the
webhook's secret, /healthz, `python -m bot health`, and a clean exit 0 on SIGTERM and SIGINT.

The bot runs as a real subprocess; readiness is the fake server seeing the bot's first long poll
(or its setWebhook call), and the exit is awaited with a deadline, never slept for.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from tornado.httpserver import HTTPServer

from bot.broadcast.engine import EngineConfig
from bot.core import schedule
from bot.logs import RedactingFilter
from bot.runner import HEALTH_PATH, SECRET_HEADER, Mode, StartupError, log_secrets, make_web_app, mode_of
from bot.services import services_of
from bot.settings import Settings
from bot.storage import Store
from tests.e2e.harness import make_settings, start_bot, stop_bot
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

STARTUP_TIMEOUT = 60.0  # imports, migrations and getMe on a slow CI machine
STOP_DEADLINE = 10.0  # what the issue promises for SIGTERM
SECRET = "s3cret-Webhook_value"
REPO = Path(__file__).resolve().parent.parent
# Settings the subprocess must not inherit from the developer's shell.
_OURS = {"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "DATABASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT",
         "LOG_LEVEL", "LOG_FORMAT", "CONTENT_DIR", "ADMIN_USER_IDS", "BOT_TIMEZONE"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BotProcess:
    proc: asyncio.subprocess.Process
    stderr_file: Path
    port: int
    env: dict[str, str]

    def stderr(self) -> str:
        return self.stderr_file.read_text(errors="replace")

    async def until(self, event: Awaitable[Any], timeout: float = STARTUP_TIMEOUT) -> None:  # noqa: ASYNC109
        """Wait for `event`, failing at once (with the bot's log) if the process dies first."""
        waiting = asyncio.ensure_future(event)
        exited = asyncio.ensure_future(self.proc.wait())
        done, _ = await asyncio.wait({waiting, exited}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if waiting not in done:
            waiting.cancel()
            exited.cancel()
            reason = f"exited with {self.proc.returncode}" if exited in done else f"not ready after {timeout} s"
            pytest.fail(f"bot {reason}; its log:\n{self.stderr()[-4000:]}")
        exited.cancel()
        waiting.result()

    async def stop(self, sig: int = signal.SIGTERM) -> int:
        """Send `sig` and return the exit code, failing if it takes longer than the promised deadline."""
        self.proc.send_signal(sig)
        try:
            return await asyncio.wait_for(self.proc.wait(), STOP_DEADLINE)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
            pytest.fail(f"bot did not exit within {STOP_DEADLINE} s of {sig!r}; log:\n{self.stderr()[-4000:]}")


async def start_process(api: FakeBotApi, tmp_path: Path, **extra: str) -> BotProcess:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in _OURS}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        DATABASE_URL=f"sqlite:///{tmp_path}/db/tutor.db",
        PORT=str(port),
        LOG_LEVEL="DEBUG",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    stderr_file = tmp_path / "bot.log"
    with stderr_file.open("wb") as err:
        # cwd=tmp_path: no .env of the developer's is read.
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=err,
        )
    return BotProcess(proc, stderr_file, port, env)


@pytest.fixture
async def processes() -> AsyncIterator[list[BotProcess]]:
    """Kills any bot a failed test left running."""
    started: list[BotProcess] = []
    yield started
    for bot in started:
        if bot.proc.returncode is None:
            bot.proc.kill()
            await bot.proc.wait()


async def run_health(bot: BotProcess) -> tuple[int, dict[str, Any]]:
    """`python -m bot health` with the bot's settings, as Docker's HEALTHCHECK runs it."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "health", cwd=bot.stderr_file.parent, env=bot.env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode is not None
    return proc.returncode, json.loads(out) if out.strip() else {}


async def subscribe_due_a_minute_ago(tmp_path: Path, chats: list[int]) -> date:
    """Private chats whose daily quiz was due a minute ago, so the bot's first tick sends it; their day."""
    due_at = datetime.now(UTC) - timedelta(minutes=1)
    due = schedule.to_local(due_at, "Asia/Jakarta").time().replace(second=0, microsecond=0)
    db = await Store.open(f"sqlite:///{tmp_path}/db/tutor.db")
    try:
        for chat_id in chats:
            await db.upsert_chat(chat_id, "private", None)
            await db.set_subscription(chat_id, due, "Asia/Jakarta", True)
    finally:
        await db.close()
    return schedule.local_day(due_at, "Asia/Jakarta")


async def restart_and_check_each_got_one_quiz(
        api: FakeBotApi, tmp_path: Path, processes: list[BotProcess], chats: list[int], day: date) -> None:
    """Start the bot again; every chat ends with exactly one daily quiz, and the database says so."""
    again = await start_process(api, tmp_path)
    processes.append(again)
    await again.until(api.wait_for_method("sendPoll", count=len(chats), timeout=STARTUP_TIMEOUT))
    assert await again.stop(signal.SIGTERM) == 0
    assert all(len(api.calls_of("sendPoll", chat_id=c)) == 1 for c in chats)
    db = await Store.open(f"sqlite:///{tmp_path}/db/tutor.db")
    try:
        assert all([await db.daily_done(chat_id, day) for chat_id in chats])
    finally:
        await db.close()


def start_update(user_id: int) -> dict[str, Any]:
    user = U.user(user_id, f"Siswa {user_id}")
    return U.message(U.private_chat(user), user, "/start")


async def test_polling_serves_reports_healthy_and_exits_0_on_sigterm(api: FakeBotApi, tmp_path: Path,
                                                                      processes: list[BotProcess]) -> None:
    bot = await start_process(api, tmp_path)
    processes.append(bot)
    await bot.until(api.wait_for_long_poll(timeout=STARTUP_TIMEOUT))
    assert api.calls_of("deleteWebhook")  # polling clears a webhook left from webhook mode
    assert not api.calls_of("setWebhook", ok=None)

    mark = api.mark()
    api.inject(start_update(501))
    await bot.until(api.wait_for_method("sendMessage", chat_id=501, since=mark, timeout=30))

    code, report = await run_health(bot)
    assert (code, report["status"], report["failing"]) == (0, "ok", [])
    assert all(report[field] for field in ("bot", "database", "updates", "telegram", "scheduler", "broadcast"))

    assert await bot.stop(signal.SIGTERM) == 0
    log = bot.stderr()
    assert "stopped cleanly" in log
    assert "DEBUG" in log  # the level really was DEBUG, where PTB logs every request
    assert api.token not in log
    assert api.token.split(":", 1)[1] not in log

    code, _ = await run_health(bot)
    assert code == 1  # nobody answers once the bot is gone


async def test_sigint_also_stops_cleanly(api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]) -> None:
    bot = await start_process(api, tmp_path, LOG_LEVEL="INFO", LOG_FORMAT="json")
    processes.append(bot)
    await bot.until(api.wait_for_long_poll(timeout=STARTUP_TIMEOUT))
    assert await bot.stop(signal.SIGINT) == 0
    lines = [json.loads(line) for line in bot.stderr().splitlines() if line.strip()]
    assert any(entry["message"] == "stopped cleanly" for entry in lines)  # JSON, one object per line


async def post_update(session: aiohttp.ClientSession, url: str, update: dict[str, Any],
                      secret: str | None) -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with session.post(url, json={"update_id": 10_000 + update["message"]["chat"]["id"], **update},
                            headers=headers) as response:
        return response.status


async def test_webhook_needs_the_secret_serves_healthz_and_drains_on_sigterm(
        api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]) -> None:
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    bot = await start_process(api, tmp_path, WEBHOOK_URL=hook, WEBHOOK_SECRET=SECRET, PORT=str(port))
    processes.append(bot)
    await bot.until(api.wait_for_method("setWebhook", timeout=STARTUP_TIMEOUT))
    assert api.webhook == {"url": hook, "secret_token": SECRET}
    assert not api.calls_of("getUpdates", ok=None)  # webhook mode never polls

    async with aiohttp.ClientSession() as session:
        assert await post_update(session, hook, start_update(601), None) == 403
        assert await post_update(session, hook, start_update(602), "not-the-secret") == 403
        mark = api.mark()
        assert await post_update(session, hook, start_update(603), SECRET) == 200
        await bot.until(api.wait_for_method("sendMessage", chat_id=603, since=mark, timeout=30))
        # Updates are handled in order, so the refused ones would have been answered by now.
        assert not api.calls_of("sendMessage", chat_id=601, ok=None)
        assert not api.calls_of("sendMessage", chat_id=602, ok=None)

        async with session.get(f"http://127.0.0.1:{port}{HEALTH_PATH}") as response:
            assert response.status == 200
            body = await response.json()
            assert (body["status"], body["failing"]) == ("ok", [])
        code, report = await run_health(bot)
        assert code == 0 and report["status"] == "ok"

        # An update accepted right before SIGTERM is still answered before the process exits.
        assert await post_update(session, hook, start_update(604), SECRET) == 200
    assert await bot.stop(signal.SIGTERM) == 0
    assert api.calls_of("sendMessage", chat_id=604)
    log = bot.stderr()
    assert api.token not in log and SECRET not in log
    assert "stopped cleanly" in log


async def test_webhook_without_a_secret_refuses_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in _OURS}
    env.update(TELEGRAM_BOT_TOKEN="123456:" + "A" * 35, WEBHOOK_URL="https://bot.example.org/hook",
               DATABASE_URL=f"sqlite:///{tmp_path}/t.db", PYTHONPATH=str(REPO))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert err.decode().strip().startswith("WEBHOOK_SECRET is required with WEBHOOK_URL")


def settings_with(**values: Any) -> Settings:
    return Settings(_env_file=None, telegram_bot_token="123456:" + "A" * 35, **values)  # type: ignore[call-arg]


def test_mode_follows_webhook_url() -> None:
    assert mode_of(settings_with()) == Mode(webhook=False, listen="127.0.0.1", port=8080)
    mode = mode_of(settings_with(webhook_url="https://bot.example.org/tg/x/", webhook_secret="abc_DEF-1", port=9000))
    assert (mode.webhook, mode.listen, mode.port, mode.path, mode.secret) == (True, "0.0.0.0", 9000, "/tg/x", "abc_DEF-1")
    assert mode_of(settings_with(webhook_url="https://bot.example.org", webhook_secret="abc")).path == "/"
    for bad in ("has space", "bad!char", "x" * 257):
        with pytest.raises(StartupError):
            mode_of(settings_with(webhook_url="https://bot.example.org/hook", webhook_secret=bad))
    with pytest.raises(StartupError, match="health"):
        mode_of(settings_with(webhook_url="https://bot.example.org/healthz", webhook_secret="abc"))


async def test_healthz_is_503_when_the_database_is_down(api: FakeBotApi, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    app = await start_bot(make_settings(api, tmp_path / "tutor.db"))
    port = free_port()
    server = HTTPServer(make_web_app(app, Mode(webhook=False, listen="127.0.0.1", port=port)))
    server.listen(port, address="127.0.0.1")
    url = f"http://127.0.0.1:{port}{HEALTH_PATH}"
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                assert response.status == 200

            async def read_only(*args: object) -> None:
                raise OSError("attempt to write a readonly database")

            monkeypatch.setattr(services_of(app).store, "write_probe", read_only)
            async with session.get(url) as response:
                assert response.status == 503
                body = await response.json()
                assert (body["status"], body["database"], body["failing"]) == ("unavailable", False, ["database"])
            monkeypatch.undo()
            await stop_bot(app)
            async with session.get(url) as response:
                assert response.status == 503
                body = await response.json()
                assert body["bot"] is False and body["scheduler"] is False
    finally:
        server.stop()
        await server.close_all_connections()
        if app.running:
            await stop_bot(app)


def test_the_database_password_never_reaches_the_log() -> None:
    settings = settings_with(database_url="postgresql://tutor:p%40ss-W0rd!@db.example.org:5432/tutor",
                             webhook_secret="abc_DEF-1")
    redactor = RedactingFilter(log_secrets(settings))
    record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "cannot reach %s (login %s)",
                               (settings.database_url, "p@ss-W0rd!"), None)
    redactor.filter(record)
    line = record.getMessage()
    assert "W0rd" not in line and "p%40ss" not in line and "p@ss" not in line
    assert "postgresql://tutor:[REDACTED]@db.example.org:5432/tutor" in line  # the rest stays readable
    assert set(log_secrets(settings)) == {"123456:" + "A" * 35, "abc_DEF-1", "p%40ss-W0rd!", "p@ss-W0rd!"}
    assert log_secrets(settings_with(database_url="sqlite:///data/tutor.db")) == ["123456:" + "A" * 35]


async def test_sigterm_during_a_long_flood_wait_exits_in_time_and_a_restart_sends_the_rest_once(
        api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]) -> None:
    chats = list(range(7001, 7031))
    day = await subscribe_due_a_minute_ago(tmp_path, chats)
    # A 429 storm: beyond 3 messages a second Telegram answers "retry after 20".
    api.flood_limits(True, per_second=3, retry_after=20)
    bot = await start_process(api, tmp_path)
    processes.append(bot)
    await bot.until(api.wait_for_method("sendPoll", ok=False, timeout=STARTUP_TIMEOUT))

    loop = asyncio.get_running_loop()
    signalled = loop.time()
    assert await bot.stop(signal.SIGTERM) == 0  # fails past STOP_DEADLINE (10 s)
    assert loop.time() - signalled < 20  # the flood wait did not run out: the stop cut it short
    assert "stopped cleanly" in bot.stderr()
    first = {c: len(api.calls_of("sendPoll", chat_id=c)) for c in chats}
    assert 0 < sum(first.values()) < len(chats) and max(first.values()) == 1

    # Back with Telegram calm again: the missed-run look-back sends every quiz left, none twice.
    api.flood_limits(False)
    await restart_and_check_each_got_one_quiz(api, tmp_path, processes, chats, day)


async def test_kill_9_mid_broadcast_then_a_restart_sends_the_rest_and_repeats_none(
        api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]) -> None:
    workers = EngineConfig().concurrency  # what `python -m bot run` uses
    chats = list(range(8001, 8001 + workers + 30))
    day = await subscribe_due_a_minute_ago(tmp_path, chats)

    async with api.gated("sendPoll") as gate:
        bot = await start_process(api, tmp_path)
        processes.append(bot)
        await bot.until(gate.until_waiting(workers, timeout=STARTUP_TIMEOUT))  # every worker has claimed a chat
        await gate.allow(10)
        await bot.until(api.wait_for_method("sendPoll", count=10, timeout=STARTUP_TIMEOUT))
        # The ten workers whose quiz went through recorded it and are now sending to their next chat.
        await bot.until(gate.until_waiting(workers))
        bot.proc.kill()  # SIGKILL: no handler runs, nothing is flushed
        assert await bot.proc.wait() == -signal.SIGKILL
    # Leaving the gate fails the requests the dead process had in flight: Telegram never got them,
    # and their deliveries stay claimed ('pending') in the database.
    first = {c: len(api.calls_of("sendPoll", chat_id=c)) for c in chats}
    assert sum(first.values()) == 10 and max(first.values()) == 1

    await restart_and_check_each_got_one_quiz(api, tmp_path, processes, chats, day)


def test_a_bad_webhook_secret_says_what_is_wrong() -> None:
    hook = "https://bot.example.org/hook"
    with pytest.raises(StartupError) as info:
        mode_of(settings_with(webhook_url=hook, webhook_secret="bad secret!"))
    assert str(info.value).startswith("WEBHOOK_SECRET is invalid: it contains '!', a space; use only A-Z a-z 0-9 _ -")
    assert "bad secret" not in str(info.value) and "required" not in str(info.value)
    with pytest.raises(StartupError, match="is 300 characters long; Telegram accepts at most 256"):
        mode_of(settings_with(webhook_url=hook, webhook_secret="x" * 300))


def test_a_plain_http_webhook_url_is_refused_unless_loopback() -> None:
    for url in ("http://bot.example.org/hook", "http://10.0.0.5:8080/hook"):
        with pytest.raises(StartupError) as info:
            mode_of(settings_with(webhook_url=url, webhook_secret="abc"))
        assert str(info.value) == ("WEBHOOK_URL must be an https:// URL: Telegram only delivers updates to HTTPS "
                                   "(put a TLS proxy in front of the bot)")
    for url in ("http://127.0.0.1:8443/hook", "http://localhost:8443/hook", "http://[::1]:8443/hook"):
        assert mode_of(settings_with(webhook_url=url, webhook_secret="abc")).webhook


async def test_run_with_a_bad_webhook_secret_exits_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in _OURS}
    env.update(TELEGRAM_BOT_TOKEN="123456:" + "A" * 35, WEBHOOK_URL="https://bot.example.org/hook",
               WEBHOOK_SECRET="bad secret!", DATABASE_URL=f"sqlite:///{tmp_path}/t.db", PYTHONPATH=str(REPO))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("WEBHOOK_SECRET is invalid: it contains '!', a space")


async def wait_for_log(bot: BotProcess, text: str, timeout: float) -> None:  # noqa: ASYNC109
    """Until the bot's log (a file it appends to) shows `text`; fails at once if the bot exits."""

    async def shown() -> None:
        while text not in bot.stderr():  # noqa: ASYNC110 - another process writes the file: no event to await
            await asyncio.sleep(0.2)

    await bot.until(shown(), timeout)


NETWORK_WINDOW = 30.0  # how long a request is retried before the start-up gives up on it (bot/ratelimit.py)


async def test_no_network_at_start_up_is_said_in_words_and_retried(api: FakeBotApi, tmp_path: Path,
                                                                   processes: list[BotProcess]) -> None:
    closed = free_port()  # nothing listens there: every request fails to connect, as without network
    bot = await start_process(api, tmp_path, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{closed}/bot", LOG_LEVEL="INFO")
    processes.append(bot)
    await wait_for_log(bot, f"Telegram cannot be reached at 127.0.0.1:{closed} (the connection failed)",
                       STARTUP_TIMEOUT + NETWORK_WINDOW)
    assert await bot.stop(signal.SIGTERM) == 0  # the wait before the next attempt ends at once
    log = bot.stderr()
    assert "The bot tries again in 30 s" in log
    assert "httpx" not in log and "ConnectError" not in log and "could not start" not in log


async def test_losing_telegram_while_polling_is_one_line_in_words(api: FakeBotApi, tmp_path: Path,
                                                                  processes: list[BotProcess]) -> None:
    bot = await start_process(api, tmp_path, LOG_LEVEL="INFO")
    processes.append(bot)
    await bot.until(api.wait_for_long_poll(timeout=STARTUP_TIMEOUT))
    await api.stop()  # the Bot API goes away: the long poll in flight breaks off, the next one cannot connect
    await wait_for_log(bot, f"Telegram cannot be reached at 127.0.0.1:{api.port} (the connection ", 60)
    assert await bot.stop(signal.SIGTERM) == 0
    log = bot.stderr()
    said = [line for line in log.splitlines() if "Telegram cannot be reached at" in line]
    assert said[0].endswith(("(the connection failed); the bot keeps trying and goes on when it answers",
                             "(the connection broke off); the bot keeps trying and goes on when it answers"))
    assert log.count("Telegram cannot be reached") <= 2  # the outage, and the last getUpdates at the stop
    assert "httpx" not in log and "ConnectError" not in log and "Traceback" not in log
    assert "Exception happened while polling" not in log
