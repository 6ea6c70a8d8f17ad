"""Two `python -m bot run` processes on one database (webhook mode behind a load balancer) send each
daily quiz exactly once: only the holder of the "daily-broadcast" lease schedules broadcasts.

Both processes are real subprocesses against one fake Bot API and one database (a SQLite file, and a
fresh PostgreSQL database when TEST_POSTGRES_URL is set). The chats' daily time is a few minutes ago,
so each process's start-up tick finds every quiz due (missed runs < 2 h late are sent on start-up).
Readiness, the polls and each process's first tick are awaited as events (fake-server calls and the
processes' log lines, read from their stderr pipes as they come), never slept for.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.broadcast import LEASE_NAME
from bot.storage import Store
from bot.storage.models import Lease
from tests.fakes.bot_api import FakeBotApi
from tests.test_runner import _OURS, REPO, SECRET, STARTUP_TIMEOUT, BotProcess, free_port, run_health

BROADCAST_TIMEOUT = 30.0
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
PRIVATE_IDS = [7_000 + i for i in range(20)]
GROUP_IDS = [-1_001_500_000_000 - i for i in range(14)] + [-400_000 - i for i in range(6)]
DUE_IDS = PRIVATE_IDS + GROUP_IDS  # 40 chats whose quiz is due at start-up
NOT_DUE_IDS = [8_001, -1_001_600_000_001]  # their time is hours away: nothing may reach them

READY_RE = re.compile(r"daily quiz scheduler ready \(holder (\S+)\)")
LEADER_RE = re.compile(r"broadcast lease: (\S+) now schedules daily quizzes")
SKIPPED_RE = re.compile(r"broadcast tick skipped: lease held by (\S+); (\S+) waits")
REPORT_RE = re.compile(r"daily broadcast: \{'sent': (\d+)")


@dataclass
class LoggedBot(BotProcess):
    """A bot process whose stderr is read line by line as it comes (and copied to `stderr_file`)."""

    name: str = ""
    lines: list[str] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def _read(self, stream: asyncio.StreamReader) -> None:
        with self.stderr_file.open("ab") as copy:
            async for raw in stream:
                copy.write(raw)
                copy.flush()
                self.lines.append(raw.decode(errors="replace").rstrip("\n"))
                self._wake()
        self._wake()

    def _wake(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def line(self, *patterns: re.Pattern[str]) -> re.Match[str]:
        """The first log line matching any of `patterns`, waiting for it to be written."""
        seen = 0
        while True:
            for text in self.lines[seen:]:
                for pattern in patterns:
                    if match := pattern.search(text):
                        return match
            seen = len(self.lines)
            if self.reader is not None and self.reader.done():
                raise AssertionError(f"bot {self.name}: its log ended without {[p.pattern for p in patterns]}")
            await self._changed.wait()

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return [m for text in self.lines if (m := pattern.search(text))]


async def start_bot(name: str, api: FakeBotApi, url: str, tmp_path: Path) -> LoggedBot:
    """`python -m bot run` in webhook mode on its own port, LOG_LEVEL=INFO, against `url`."""
    home = tmp_path / name
    home.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in _OURS}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        DATABASE_URL=url,
        PORT=str(port),
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
        WEBHOOK_SECRET=SECRET,
        LOG_LEVEL="INFO",
        PYTHONPATH=str(REPO),
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=home, env=env, limit=1 << 20,  # cwd: no developer .env
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    bot = LoggedBot(proc, home / "bot.log", port, env, name=name)
    assert proc.stderr is not None
    bot.reader = asyncio.create_task(bot._read(proc.stderr))
    return bot


async def until_all(bots: list[LoggedBot], event: Awaitable[Any], timeout: float) -> Any:  # noqa: ASYNC109
    """Await `event`, failing at once (with the logs) if any bot exits first, or after `timeout`."""
    waiting = asyncio.ensure_future(event)
    exits = {asyncio.ensure_future(bot.proc.wait()): bot for bot in bots}
    try:
        done, _ = await asyncio.wait({waiting, *exits}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in exits:
            task.cancel()
    if waiting in done:
        return waiting.result()
    waiting.cancel()
    dead = [bot for task, bot in exits.items() if task in done]
    reason = f"bot {dead[0].name} exited with {dead[0].proc.returncode}" if dead else f"nothing after {timeout} s"
    logs = "\n".join(f"--- bot {bot.name}:\n" + "\n".join(bot.lines[-40:]) for bot in bots)
    pytest.fail(f"{reason}; logs:\n{logs}")


async def cleanup(bots: list[LoggedBot]) -> None:
    """Kill whatever still runs (only after a failure) and drain the log readers."""
    for bot in bots:
        if bot.proc.returncode is None:
            bot.proc.kill()
            await asyncio.wait_for(bot.proc.wait(), 10)
    for bot in bots:
        if bot.reader is not None:
            try:
                await asyncio.wait_for(bot.reader, 10)
            except TimeoutError:
                bot.reader.cancel()


def due_time(zone: str, now: datetime) -> time:
    """A daily time 3 minutes ago in `zone`: due at start-up. Just after local midnight it is yesterday's
    23:5x, whose run (for yesterday) is just as due; no Indonesian zone has DST to shift it."""
    local = (now - timedelta(minutes=3)).astimezone(ZoneInfo(zone))
    return time(local.hour, local.minute)


async def prepare(url: str) -> None:
    """Migrate the fresh database and subscribe the chats, before any bot starts."""
    now = datetime.now(UTC)
    store = await Store.open(url)
    try:
        for i, chat_id in enumerate(DUE_IDS + NOT_DUE_IDS):
            zone = ZONES[i % len(ZONES)]
            kind = "private" if chat_id > 0 else ("supergroup" if chat_id < -1_000_000_000_000 else "group")
            await store.upsert_chat(chat_id, kind, None if chat_id > 0 else f"Kelas {-chat_id % 1000}")
            at = due_time(zone, now) if chat_id in DUE_IDS else due_time(zone, now + timedelta(hours=6))
            await store.set_subscription(chat_id, at, zone, True)
    finally:
        await store.close()


async def lease_rows(url: str) -> list[tuple[str, str]]:
    store = await Store.open(url, migrate=False)
    try:
        async with store.engine.connect() as conn:
            return [(row.name, row.holder) for row in await conn.execute(select(Lease.name, Lease.holder))]
    finally:
        await store.close()


async def test_two_processes_send_each_daily_quiz_once(api: FakeBotApi, db_url: str,
                                                       tmp_path: Path) -> None:
    await prepare(db_url)
    bots: list[LoggedBot] = []
    try:
        for name in ("a", "b"):
            bots.append(await start_bot(name, api, db_url, tmp_path))

        # Both up: each set its webhook (the load balancer would spread updates over both) and is healthy.
        await until_all(bots, api.wait_for_method("setWebhook", count=2, timeout=STARTUP_TIMEOUT), STARTUP_TIMEOUT)
        for bot in bots:
            code, report = await until_all(bots, run_health(bot), 40)
            assert (code, report["status"], report["failing"]) == (0, "ok", []), (bot.name, report)

        # Every due chat gets its poll.
        await until_all(bots, api.wait_for(lambda c: c.method == "sendPoll", count=len(DUE_IDS),
                                           timeout=BROADCAST_TIMEOUT), BROADCAST_TIMEOUT + 1)

        # Both processes have ticked: one took the lease, the other skipped because of it.
        holders = {}
        outcome = {}
        for bot in bots:
            holders[bot.name] = (await until_all(bots, bot.line(READY_RE), BROADCAST_TIMEOUT))[1]
            outcome[bot.name] = await until_all(bots, bot.line(LEADER_RE, SKIPPED_RE), BROADCAST_TIMEOUT)
        leaders = [bot for bot in bots if outcome[bot.name].re is LEADER_RE]
        assert len(leaders) == 1, {name: m.group(0) for name, m in outcome.items()}
        leader = leaders[0]
        follower = next(bot for bot in bots if bot is not leader)
        assert holders[leader.name] != holders[follower.name]
        assert outcome[leader.name].group(1) == holders[leader.name]
        assert outcome[follower.name].groups() == (holders[leader.name], holders[follower.name])

        # The database agrees: one lease row, held by the leader.
        assert await lease_rows(db_url) == [(LEASE_NAME, holders[leader.name])]

        # Stop the follower first (the leader must not hand over mid-test), then the leader.
        assert await follower.stop(signal.SIGTERM) == 0
        assert await leader.stop(signal.SIGTERM) == 0
        await cleanup(bots)
    finally:
        await cleanup(bots)

    for chat_id in DUE_IDS:
        assert len(api.calls_of("sendPoll", chat_id=chat_id, ok=None)) == 1, chat_id
        assert [m for m in api.delivered(chat_id) if "poll" in m], chat_id
        assert api.stats.delivered_per_chat[chat_id] == 1, chat_id  # the poll and nothing else
    for chat_id in NOT_DUE_IDS:
        assert api.stats.delivered_per_chat[chat_id] == 0, chat_id
    assert len(api.calls_of("sendPoll", ok=None)) == len(DUE_IDS)
    client_errors = [(c.method, c.error_code, c.description) for c in api.calls
                     if c.error_code is not None and 400 <= c.error_code < 500]
    assert client_errors == []

    # Only the leader ever held the lease or sent; it gave the lease back on SIGTERM.
    assert [m.group(1) for m in leader.matches(LEADER_RE)] == [holders[leader.name]]
    assert follower.matches(LEADER_RE) == []
    assert sum(int(m.group(1)) for m in leader.matches(REPORT_RE)) == len(DUE_IDS)
    assert follower.matches(REPORT_RE) == []
    for bot in bots:
        log = "\n".join(bot.lines)
        assert "broadcast lease: lost" not in log
        assert "stopped cleanly" in log
        assert " ERROR " not in log and " WARNING " not in log, log
        assert api.token not in log and SECRET not in log
    assert await lease_rows(db_url) == []
