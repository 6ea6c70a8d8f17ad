"""`GracefulRateLimiter`: Telegram's flood limits, scoped to what they concern, on PTB's public API only.

A `BaseRateLimiter` of our own (PTB's docs call AIORateLimiter a minimal reference to replace):

- **Budgets.** One token bucket for the whole bot (Telegram: ~30 messages/s), one per group
  (20 messages/min) and one per private chat (about one message a second, in short bursts). Each
  bucket's capacity plus what it refills in the window never exceeds Telegram's count for that
  window, so a burst cannot be followed by a 429 (aiolimiter's leaky bucket, which AIORateLimiter
  uses, lets 20 + 20 messages into one group's minute).
- **Scoped flood waits.** A 429 for a request to a chat that has been busy (a group with a long
  `retry_after`, or a chat that sent several messages just now) pauses that chat only; any other
  429 pauses everybody, as Telegram means it then.
- **No slot held while waiting.** Waiting for a chat's bucket or a chat's flood wait hands the
  update's processing slot back (bot.processor.slot_released), so a busy class never blocks the
  other chats' updates; only the short wait for the global bucket keeps it.
- **Telegram failing for a while.** A 5xx or a connection error is retried with backoff for up to
  `network_window` seconds (about 30), in the same task, so a chat's messages keep their order. A
  send that *timed out* may have been delivered: it is never retried (a retry could say everything
  twice), and the error handler does not apologise for it either. Broadcast sends are left to the
  broadcast engine, which has its own retries and exactly-once bookkeeping.
- **Shutdown.** `close()` ends every flood wait and backoff at once: the request then fails with
  its RetryAfter (or network error) instead of holding the exit. Requests of a broadcast flight
  are marked on the wire only while the HTTP request runs (bot/broadcast/flight.py).

The retry_after of PTB's RetryAfter is read in its timedelta form (PTB_TIMEDELTA, see bot/__init__).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.broadcast.flight import current_flight, on_the_wire, retry_seconds, waiting
from bot.processor import slot_released

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

# Methods that never put anything into a chat: retrying them after a timeout is harmless.
_READ_ONLY_PREFIXES = ("get", "answerCallbackQuery", "answerInlineQuery", "sendChatAction")
# Methods that count against Telegram's per-chat message limits.
_COUNTED_PREFIXES = ("send", "copyMessage", "forwardMessage", "editMessage", "stopPoll")
MAX_BUCKETS = 4096  # idle buckets beyond this are forgotten (memory follows activity, not chat count)


class Bucket:
    """A token bucket with a pause: `capacity` at once, then `rate` per second; FIFO for its waiters."""

    __slots__ = ("_clock", "_last", "_lock", "capacity", "paused_until", "rate", "recent", "tokens", "window")

    def __init__(self, capacity: float, rate: float, window: float, clock: Callable[[], float]) -> None:
        self.capacity = capacity
        self.rate = rate
        self.window = window
        self._clock = clock
        self.tokens = float(capacity)
        self._last = clock()
        self.paused_until = 0.0
        self.recent: deque[float] = deque()  # send times within `window`, for scoping 429s
        self._lock = asyncio.Lock()

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self._last) * self.rate)
        self._last = now

    def wait_time(self, now: float) -> float:
        """Seconds until a token is free (0: now)."""
        self._refill(now)
        token_wait = 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate
        pause = self.paused_until - now
        return max(token_wait, pause, 0.0)

    def take(self, now: float) -> None:
        self.tokens -= 1
        self.recent.append(now)
        self.sent_within(now)

    def sent_within(self, now: float) -> int:
        while self.recent and self.recent[0] <= now - self.window:
            self.recent.popleft()
        return len(self.recent)

    def pause(self, until: float) -> None:
        self.paused_until = max(self.paused_until, until)

    @property
    def idle(self) -> bool:
        now = self._clock()
        return not self._lock.locked() and self.wait_time(now) == 0 and self.tokens >= self.capacity


class GracefulRateLimiter(BaseRateLimiter[int]):
    """Telegram's limits per bot, per group and per private chat; flood waits scoped; see the module doc.

    `rate_limit_args` (an int) overrides how many 429s one request waits out (`max_retries`).
    """

    MARKS_WIRE = True  # the broadcast engine reads this: only the HTTP request is "on the wire"

    def __init__(
        self,
        *,
        max_retries: int = 3,
        overall: tuple[float, float] = (3, 26.0),  # capacity, per second: ≤ 29 in any second (1 spare for jitter)
        group: tuple[float, float] = (3, 17 / 60),  # ≤ 3 + 17 = 20 in any minute, ≤ 3 in a second
        private: tuple[float, float] = (2, 1.0),  # ≤ 3 in any second, one a second sustained
        network_window: float = 30.0,
        first_backoff: float = 0.5,
        max_backoff: float = 8.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_retries = max_retries
        self._clock = monotonic
        self._overall = Bucket(overall[0], overall[1], 1.0, monotonic)
        self._group_spec = group
        self._private_spec = private
        self._chats: dict[int | str, Bucket] = {}
        self.network_window = network_window
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self._closing = asyncio.Event()
        self.flood_waits = {"chat": 0, "global": 0}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close; `close()` is what ends waits."""

    @property
    def closed(self) -> bool:
        return self._closing.is_set()

    def close(self) -> None:
        """Shutdown: stop waiting out 429s and backoffs; such a request now fails with its error."""
        self._closing.set()

    # ------------------------------------------------------------------------------ buckets

    def _bucket(self, chat: int | str) -> Bucket:
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) >= MAX_BUCKETS:
                for key in [k for k, b in self._chats.items() if b.idle]:
                    del self._chats[key]
            is_group = isinstance(chat, str) or chat < 0
            capacity, rate = self._group_spec if is_group else self._private_spec
            bucket = Bucket(capacity, rate, 60.0 if is_group else 2.0, self._clock)
            self._chats[chat] = bucket
        return bucket

    def chat_wait(self, chat_id: int | str) -> float:
        """Seconds until `chat_id` may get its next message (0: at once); for the group outbox."""
        key = _chat_key(chat_id)
        bucket = None if key is None else self._chats.get(key)
        return 0.0 if bucket is None else bucket.wait_time(self._clock())

    async def _sleep(self, seconds: float) -> None:
        """An interruptible sleep: `close()` ends it."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    async def wait_chat(self, chat_id: int | str) -> None:
        """Until `chat_id` may get a message now (or the limiter closes); for the group outbox."""
        while not self.closed and (wait := self.chat_wait(chat_id)) > 0:
            await self._sleep(wait)

    async def _acquire(self, bucket: Bucket) -> None:
        async with bucket._lock:  # FIFO: a chat's messages leave in the order they were asked for
            while True:
                # Once closing, nothing waits: a request over the limit fails with its 429 instead.
                wait = 0.0 if self.closed else bucket.wait_time(self._clock())
                if wait <= 0:
                    bucket.take(self._clock())
                    return
                await self._sleep(wait)

    async def _turn(self, chat: int | str | None, counted: bool) -> None:
        """Wait for this request's turn: its chat's bucket (slot handed back), then the bot's."""
        if chat is not None:
            bucket = self._bucket(chat)
            if counted:
                async with slot_released():
                    await self._acquire(bucket)
            elif bucket.paused_until > self._clock():  # not a message, but the chat is in a flood wait
                await self._wait_pause(bucket, release=True)
        await self._acquire(self._overall)

    def _scope(self, chat: int | str | None, seconds: float) -> Bucket:
        """Which bucket a 429 pauses: the chat's when the chat has been busy, else the whole bot's."""
        if chat is None:
            return self._overall
        bucket = self._bucket(chat)
        now = self._clock()
        is_group = isinstance(chat, str) or chat < 0
        # Busy: more than the chat's sustained rate lately (a student asking once a second is not).
        busy = bucket.sent_within(now) >= (10 if is_group else 3)
        if busy or (is_group and seconds >= 3):
            return bucket
        return self._overall

    # ------------------------------------------------------------------------------ requests

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        max_retries = self._max_retries if rate_limit_args is None else rate_limit_args
        chat = _chat_key(data.get("chat_id"))
        counted = endpoint.startswith(_COUNTED_PREFIXES) and chat is not None
        # getUpdates has its own retry loop (the Updater's); broadcasts have theirs (the engine's).
        retry_network = endpoint != "getUpdates" and current_flight() is None
        flood_waits = 0
        network_deadline: float | None = None
        backoff = self.first_backoff
        while True:
            with waiting():  # in a broadcast flight: everything but the request itself is a wait
                await self._turn(chat, counted)
            try:
                with on_the_wire():
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = retry_seconds(exc)
                scope = self._scope(chat, seconds)
                scope.pause(self._clock() + seconds + 0.1)
                self.flood_waits["global" if scope is self._overall else "chat"] += 1
                if flood_waits >= max_retries or self.closed:
                    log.warning("%s: Telegram's flood limit, retry_after %.0f s; not retried", endpoint, seconds)
                    raise
                flood_waits += 1
                log.info("%s: Telegram's flood limit (%s), retrying in %.1f s", endpoint,
                         "whole bot" if scope is self._overall else "this chat only", seconds)
                with waiting():
                    await self._wait_pause(scope, release=scope is not self._overall)
                if self.closed:
                    raise
            except TimedOut as exc:
                if not endpoint.startswith(_READ_ONLY_PREFIXES) or not retry_network:
                    raise  # possibly delivered: never sent twice
                network_deadline = await self._backoff(endpoint, network_deadline, backoff, exc)
                backoff = min(backoff * 2, self.max_backoff)
            except BadRequest:
                raise  # a NetworkError subclass in PTB, but Telegram's final word
            except NetworkError as exc:
                if not retry_network:
                    raise
                network_deadline = await self._backoff(endpoint, network_deadline, backoff, exc)
                backoff = min(backoff * 2, self.max_backoff)

    async def _wait_pause(self, bucket: Bucket, *, release: bool) -> None:
        """Wait out a flood pause (interruptibly); a chat's pause hands the processing slot back."""
        async with slot_released() if release else contextlib.nullcontext():
            while not self.closed and (left := bucket.paused_until - self._clock()) > 0:
                await self._sleep(left)

    async def _backoff(self, endpoint: str, deadline: float | None, delay: float, exc: NetworkError) -> float:
        """Sleep before retrying a failed request; raises `exc` once `network_window` is used up."""
        now = self._clock()
        if deadline is None:
            deadline = now + self.network_window
        if self.closed or now + delay > deadline:
            log.warning("%s: Telegram unreachable for %.0f s (%s); giving up", endpoint, self.network_window,
                        type(exc).__name__)
            raise exc
        log.info("%s: Telegram did not answer properly (%s); retrying in %.1f s", endpoint, type(exc).__name__,
                 delay)
        async with slot_released():
            await self._sleep(delay)
        if self.closed:
            raise exc
        return deadline


def _chat_key(chat_id: Any) -> int | str | None:
    """chat_id as an int (or "@channel" as given); None when the request has no chat."""
    if chat_id is None or chat_id == "":
        return None
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)
