"""Shutdown under Telegram's flood control with PTB's rate limiter in the loop, as in production:
the GracefulRateLimiter retries 429s like AIORateLimiter, and a shutdown ends its flood waits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest
from telegram.error import RetryAfter
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.broadcast.engine import BroadcastEngine
from bot.ratelimit import GracefulRateLimiter
from tests.broadcast.rig import START, TEST_CONFIG, Rig


@pytest.fixture
async def ext_bot(rig: Rig) -> AsyncIterator[ExtBot]:  # type: ignore[type-arg]
    limiter = GracefulRateLimiter(max_retries=3)
    request = HTTPXRequest(connection_pool_size=32)
    async with ExtBot(rig.api.token, base_url=rig.api.base_url, request=request, rate_limiter=limiter) as bot:
        yield bot


async def test_the_limiter_still_waits_out_a_short_flood(rig: Rig, ext_bot: ExtBot) -> None:  # type: ignore[type-arg]
    rig.api.fail_next("sendMessage", 429, retry_after=1)
    message = await ext_bot.send_message(1, "halo")
    assert message.text == "halo"
    assert [c.ok for c in rig.api.calls_of("sendMessage", ok=None)] == [False, True]


async def test_closing_the_limiter_ends_a_long_flood_wait_at_once(rig: Rig, ext_bot: ExtBot) -> None:  # type: ignore[type-arg]
    rig.api.fail_next("sendMessage", 429, retry_after=20)
    reply = asyncio.create_task(ext_bot.send_message(2, "jawaban untuk siswa"))
    await rig.api.wait_for_method("sendMessage", ok=False)
    done, _ = await asyncio.wait({reply}, timeout=0.2)
    assert not done  # waiting out the 20 s
    loop = asyncio.get_running_loop()
    started = loop.time()
    ext_bot.rate_limiter.close()  # type: ignore[union-attr]
    with pytest.raises(RetryAfter):
        await asyncio.wait_for(reply, timeout=5)
    assert loop.time() - started < 5
    assert rig.api.calls_of("sendMessage") == []  # never sent, so never sent twice


async def test_stop_ends_a_broadcast_held_in_ptbs_flood_wait_and_a_restart_sends_the_rest(
        rig: Rig, ext_bot: ExtBot) -> None:  # type: ignore[type-arg]
    chats = list(range(1, 41))
    for chat_id in chats:
        await rig.subscribe(chat_id)
    rig.api.flood_limits(True, per_second=3, retry_after=20)
    engine = BroadcastEngine(ext_bot, rig.store, rig.bank, config=replace(TEST_CONFIG, concurrency=8), clock=rig.clock)
    task = asyncio.create_task(engine.run_due(START))
    await rig.api.wait_for_method("sendPoll", ok=False)  # PTB's limiter now holds every request for 20 s

    engine.stop()
    done, _ = await asyncio.wait({task}, timeout=0.3)
    assert not done
    loop = asyncio.get_running_loop()
    started = loop.time()
    engine.abandon_waits()  # what the runner does when the shutdown grace is over
    ext_bot.rate_limiter.close()  # type: ignore[union-attr]
    report = await asyncio.wait_for(task, timeout=5)
    assert loop.time() - started < 5  # the flood wait alone is 20 s
    assert report.abandoned >= 1 and report.failed == 0
    delivered = [c for c in chats if rig.polls_to(c)]
    assert report.sent == len(delivered) < len(chats)

    rig.api.flood_limits(True, per_second=300, per_group_per_minute=20)
    later = await rig.engine().run_due(START + timedelta(minutes=10))
    assert later.sent == len(chats) - len(delivered)
    assert all(len(rig.polls_to(c)) == 1 for c in chats)
