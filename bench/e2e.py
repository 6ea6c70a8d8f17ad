"""End-to-end benchmark: students' questions through the fake Bot API server into the real bot.

Two phases on one running bot (long polling, flood limits off on both sides):
- latency: one question at a time, time from `inject` to the fake receiving the reply;
- throughput: a burst of `n_updates` questions from many students, replies per second.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.core.content import load_bank
from bot.settings import Settings
from tests.fakes import updates as U
from tests.fakes.bot_api import FakeBotApi

STUDENTS = 200
LATENCY_SAMPLES_MAX = 500


def _questions(settings: Settings) -> list[str]:
    """Realistic student questions: the content's own variants, plus a few it cannot answer."""
    bank = load_bank(settings.resolved_content_dir)
    questions = [v for entry in bank.faq.values() for v in entry.variants[:2]]
    return [*questions, "resep rendang", "siapa pemain bola terbaik", "apa itu"]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(n_updates: int) -> dict[str, Any]:
    """Run both phases; returns updates/s and p50/p99 latency in milliseconds."""
    ptb_logger = logging.getLogger("telegram")
    saved_level = ptb_logger.level
    ptb_logger.setLevel(logging.WARNING)  # PTB's per-request DEBUG lines would dominate the timings
    try:
        return await _run(n_updates)
    finally:
        ptb_logger.setLevel(saved_level)


async def _run(n_updates: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi() as api:
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None, telegram_bot_token=api.token, telegram_api_base_url=api.base_url,
                database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
            )
            questions = _questions(settings)
            app = build_application(settings, rate_limit=False)
            await app.initialize()
            assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
            await app.post_init(app)
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            await app.start()
            try:
                latencies = await _latency(api, questions, min(n_updates, LATENCY_SAMPLES_MAX))
                rate = await _throughput(api, questions, n_updates)
            finally:
                await app.updater.stop()
                await app.stop()
                await app.shutdown()
                await app.post_shutdown(app)
            errors = sum(1 for c in api.calls if not c.ok)
    return {
        "updates_per_s": round(rate, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 2),
        "p99_ms": round(1000 * _percentile(latencies, 0.99), 2),
        "rejected_calls": errors,
    }


async def _latency(api: FakeBotApi, questions: list[str], samples: int) -> list[float]:
    latencies: list[float] = []
    for i in range(samples):
        student = U.user(10_000 + i % STUDENTS, f"Siswa {i % STUDENTS}")
        mark = api.mark()
        started = time.monotonic()
        api.inject(U.message(U.private_chat(student), student, questions[i % len(questions)]))
        call = await api.wait_for_method("sendMessage", chat_id=student["id"], since=mark, timeout=30)
        latencies.append(call.at - started)
    return latencies


async def _throughput(api: FakeBotApi, questions: list[str], n_updates: int) -> float:
    mark = api.mark()
    started = time.monotonic()
    for i in range(n_updates):
        student = U.user(20_000 + i % STUDENTS, f"Siswa {i % STUDENTS}")
        api.inject(U.message(U.private_chat(student), student, questions[(i * 7) % len(questions)]))
    last = await api.wait_for_method("sendMessage", since=mark, count=n_updates, timeout=max(60, n_updates / 10))
    return n_updates / (last.at - started)


if __name__ == "__main__":
    print(asyncio.run(run(500)))
