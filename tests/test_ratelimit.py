"""GracefulRateLimiter against the fake Bot API: flood waits scoped to what they concern, budgets that
stay inside Telegram's limits, retries while Telegram fails for a while, no resend after a timeout."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import TimedOut
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.ratelimit import GracefulRateLimiter
from tests.fakes.bot_api import FakeBotApi

GROUP = -1001234


def make_bot(api: FakeBotApi, limiter: GracefulRateLimiter, read_timeout: float = 5.0) -> ExtBot:  # type: ignore[type-arg]
    request = HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)
    return ExtBot(api.token, base_url=api.base_url, request=request, rate_limiter=limiter)


async def test_a_groups_flood_wait_delays_that_group_only(api: FakeBotApi) -> None:
    api.flood_limits(True, per_second=30, per_group_per_minute=3, retry_after=20)  # a group over its limit
    limiter = GracefulRateLimiter(max_retries=1)
    async with make_bot(api, limiter) as bot:
        group_sends = [asyncio.create_task(bot.send_message(GROUP, f"jawaban {i}")) for i in range(4)]
        await api.wait_for_method("sendMessage", chat_id=GROUP, ok=False)  # the 4th: 429, retry after 20 s
        loop = asyncio.get_running_loop()
        started = loop.time()
        for chat in range(1, 11):  # other students meanwhile: answered at once
            await bot.send_message(chat, "jawaban pribadi")
        assert loop.time() - started < 3
        assert not all(task.done() for task in group_sends)  # the group still waits its 20 s
        assert limiter.flood_waits == {"chat": 1, "global": 0}
        for task in group_sends:
            task.cancel()
        await asyncio.gather(*group_sends, return_exceptions=True)


async def test_a_global_flood_wait_pauses_everyone(api: FakeBotApi) -> None:
    limiter = GracefulRateLimiter(max_retries=2)
    async with make_bot(api, limiter) as bot:
        api.fail_next("sendMessage", 429, retry_after=2)  # a quiet chat refused: the bot as a whole is over
        first = asyncio.create_task(bot.send_message(1, "satu"))
        refused = await api.wait_for_method("sendMessage", ok=False)
        async with asyncio.timeout(5):
            # the 429's answer has reached the limiter (it offers no event for this; bounded by the timeout)
            while not limiter.flood_waits["global"]:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        await bot.send_message(2, "dua")
        [second] = api.calls_of("sendMessage", chat_id=2)
        assert second.at - refused.at >= 2.0  # chat 2 waited out the bot-wide pause too
        assert (await first).text == "satu"
        assert limiter.flood_waits == {"chat": 0, "global": 1}


async def test_budgets_keep_a_burst_inside_telegrams_limits(api: FakeBotApi) -> None:
    api.flood_limits(True, per_second=30, per_group_per_minute=20, per_chat_per_second=3, retry_after=30)
    limiter = GracefulRateLimiter(max_retries=0)
    async with make_bot(api, limiter) as bot:
        # 3 messages to a group at once, then 6 to one private chat (2 at once, then paced): never a 429
        await asyncio.gather(*(bot.send_message(GROUP, f"jawaban {i}") for i in range(3)))
        assert limiter.chat_wait(GROUP) > 2  # the group's next message waits for its budget
        await asyncio.gather(*(bot.send_message(7, f"bagian {i}") for i in range(6)))
        assert api.stats.too_many_requests == 0
        assert [c.text for c in api.calls_of("sendMessage", chat_id=7)] == [f"bagian {i}" for i in range(6)]


async def test_5xx_and_connection_errors_are_retried_in_order(api: FakeBotApi) -> None:
    limiter = GracefulRateLimiter(first_backoff=0.05, max_backoff=0.2)
    async with make_bot(api, limiter) as bot:
        outage = api.outage(500, count=4)
        await bot.send_message(3, "pertama")
        await bot.send_message(3, "kedua")
        assert outage.hit == 4
        assert [c.text for c in api.calls_of("sendMessage", chat_id=3)] == ["pertama", "kedua"]


async def test_retries_stop_after_the_network_window(api: FakeBotApi) -> None:
    limiter = GracefulRateLimiter(first_backoff=0.05, max_backoff=0.1, network_window=0.5)
    async with make_bot(api, limiter) as bot:
        api.outage(502, seconds=30)
        with pytest.raises(Exception, match="Bad Gateway"):
            await bot.send_message(3, "tidak sampai")
        assert len(api.calls_of("sendMessage", ok=False)) >= 3


async def test_a_timed_out_send_is_not_sent_again(api: FakeBotApi) -> None:
    limiter = GracefulRateLimiter(first_backoff=0.05)
    async with make_bot(api, limiter, read_timeout=0.3) as bot:
        api.outage(hang=1.0, count=1)  # Telegram is slow, but the message does arrive
        with pytest.raises(TimedOut):
            await bot.send_message(4, "jawaban")
        await api.wait_for_method("sendMessage", chat_id=4)
        assert [c.text for c in api.calls_of("sendMessage", chat_id=4, ok=None)] == ["jawaban"]


async def test_close_ends_a_chats_flood_wait(api: FakeBotApi) -> None:
    api.flood_limits(True, per_second=30, per_group_per_minute=1, retry_after=30)
    limiter = GracefulRateLimiter(max_retries=3)
    async with make_bot(api, limiter) as bot:
        await bot.send_message(GROUP, "satu")
        waiting = asyncio.create_task(bot.send_message(GROUP, "dua"))
        await api.wait_for_method("sendMessage", chat_id=GROUP, ok=False)
        limiter.close()
        with pytest.raises(Exception, match="Flood control"):
            await asyncio.wait_for(waiting, 5)


async def test_buckets_follow_activity_not_every_chat_ever_seen() -> None:
    """Spam from 10,000 chats (each writes once, a few a second): the per-chat buckets stay bounded;
    idle ones are forgotten."""
    from bot.ratelimit import MAX_BUCKETS

    now = [0.0]
    limiter = GracefulRateLimiter(overall=(1e9, 1e9), monotonic=lambda: now[0])

    async def sent() -> bool:
        return True

    largest = 0
    for i in range(10_000):
        now[0] += 0.05
        for endpoint in ("sendMessage", "getChatMember"):
            await limiter.process_request(sent, (), {}, endpoint, {"chat_id": 10_000 + i}, None)
        largest = max(largest, len(limiter._chats))
    assert largest <= MAX_BUCKETS
