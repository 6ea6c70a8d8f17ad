"""Broadcast benchmark: n subscribed chats (80% private, 20% groups), one daily run through the fake
Bot API with Telegram's flood limits on (30/s overall, 20/min per group).

The fake server runs in a child process, which also fills the database, so the peak memory measured
here is the broadcasting process's alone: the growth of its peak RSS (ru_maxrss) during the
broadcast, which stays flat in n because subscriptions are streamed from the database and the worker
pool is bounded. (tracemalloc would say the same but slows the sender enough to skew the ratio.)
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.broadcast.engine import BroadcastEngine, EngineConfig
from bot.core.content import load_bank
from bot.settings import Settings
from bot.storage import Store
from bot.storage.models import Chat, Subscription

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-fake-token-abcdefghij"
RUN_AT = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)  # 07:00 WIB
TELEGRAM_RATE = 30

_CHILD = r"""
import asyncio, json, sys
from bench.broadcast import subscribe_all
from tests.fakes.bot_api import FakeBotApi

async def main():
    await subscribe_all(sys.argv[1], int(sys.argv[2]))
    async with FakeBotApi() as api:
        api.flood_limits(True, per_second=30, per_group_per_minute=20)
        print(api.port, flush=True)
        expected = json.loads(await asyncio.to_thread(sys.stdin.readline))
        per_chat = api.stats.delivered_per_chat
        print(json.dumps({
            "missed": sum(1 for c in expected if per_chat[c] == 0),
            "duplicates": sum(1 for c in expected if per_chat[c] > 1),
            "unexpected": sum(1 for c in per_chat if c not in set(expected)),
            "too_many_requests": api.stats.too_many_requests,
        }), flush=True)

asyncio.run(main())
"""


def chat_ids(n: int) -> list[int]:
    """80% private chats, 10% basic groups, 10% supergroups."""
    groups = n // 5
    basic = groups // 2
    private = list(range(1_000_001, 1_000_001 + n - groups))
    return [*private, *(-(500_000 + i) for i in range(basic)),
            *(-(1_000_000_000_000 + i) for i in range(groups - basic))]


async def subscribe_all(url: str, n: int) -> None:
    """Create the database with `n` subscribed chats (bulk insert; the child process does it)."""
    store = await Store.open(url)
    try:
        await _subscribe(store, chat_ids(n))
    finally:
        await store.close()


async def _subscribe(store: Store, ids: list[int]) -> None:
    now = datetime.now(UTC)
    chats = [{"id": c, "type": "private" if c > 0 else ("group" if c > -1_000_000_000_000 else "supergroup"),
              "title": None if c > 0 else f"Kelas {c}", "active": True, "created_at": now, "updated_at": now}
             for c in ids]
    subs = [{"chat_id": c, "local_time": "07:00", "timezone": "Asia/Jakarta", "enabled": True,
             "created_at": now, "updated_at": now} for c in ids]
    async with store.engine.begin() as conn:
        for i in range(0, len(ids), 2000):
            await conn.execute(insert(Chat), chats[i:i + 2000])
            await conn.execute(insert(Subscription), subs[i:i + 2000])


async def run(n_chats: int) -> dict:
    """Broadcast to `n_chats` and return elapsed, ideal, ratio, missed, duplicates, 429s, peak memory."""
    ids = chat_ids(n_chats)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _CHILD, url, str(n_chats), cwd=ROOT,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        assert child.stdout is not None and child.stdin is not None
        port = int((await child.stdout.readline()).decode())
        store = await Store.open(url)
        try:
            bank = load_bank(Settings().resolved_content_dir)
            request = HTTPXRequest(connection_pool_size=64)
            async with Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request) as bot:
                engine = BroadcastEngine(bot, store, bank, config=EngineConfig(), clock=lambda: RUN_AT)
                base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                started = time.perf_counter()
                report = await engine.run_due(RUN_AT)
                elapsed = time.perf_counter() - started
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        finally:
            await store.close()
        child.stdin.write((json.dumps(ids) + "\n").encode())
        await child.stdin.drain()
        counts = json.loads((await child.stdout.readline()).decode())
        await child.wait()
    ideal = n_chats / TELEGRAM_RATE
    return {
        "elapsed_s": round(elapsed, 1),
        "ideal_s": round(ideal, 1),
        "ratio": round(elapsed / ideal, 3),
        "sent": report.sent,
        "missed": counts["missed"],
        "duplicates": counts["duplicates"],
        "429s": counts["too_many_requests"],
        "peak_rss_growth_mb": round((peak - base) / 1024, 1),
        "peak_rss_mb": round(peak / 1024, 1),
    }


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1000]:
        print(size, asyncio.run(run(size)), flush=True)
