"""Pacing for broadcasts: evenly spaced sends under Telegram's global limit and 20/min per group.

PTB's AIORateLimiter (when the Application has one) still sits underneath; this pacer keeps the
broadcast itself below the global limit (default 27/s of Telegram's 30/s), so replies to students
keep a share of the budget, and it pauses everybody after a 429 instead of letting each worker
discover the flood wait on its own.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

GROUP_WINDOW = 60.0


class Pacer:
    """Hands out send slots: `rate` per second overall, `group_per_minute` per group chat (id < 0)."""

    def __init__(
        self,
        rate: float,
        group_per_minute: int = 20,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self.group_per_minute = group_per_minute
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._groups: dict[int, deque[float]] = {}
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends before then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's turn; returns when one message may go out now."""
        while True:
            async with self._lock:
                now = self._monotonic()
                wait_group = self._group_wait(chat_id, now)
                if wait_group <= 0:
                    slot = max(now, self._next, self._paused_until)
                    self._next = slot + self.interval
                    if chat_id < 0:
                        self._groups.setdefault(chat_id, deque()).append(slot)
            if wait_group > 0:
                await self._sleep(wait_group)
                continue
            if slot > now:
                await self._sleep(slot - now)
            if self._monotonic() + 1e-6 >= self._paused_until:
                return
            # A 429 arrived while we waited for the slot: take a new one after the pause.
            if chat_id < 0:
                self._release_group(chat_id, slot)

    def _group_wait(self, chat_id: int, now: float) -> float:
        if chat_id >= 0:
            return 0.0
        window = self._groups.get(chat_id)
        if window is None:
            if len(self._groups) > 4096:
                self._prune(now)
            return 0.0
        while window and window[0] <= now - GROUP_WINDOW:
            window.popleft()
        if len(window) < self.group_per_minute:
            return 0.0
        return window[0] + GROUP_WINDOW - now

    def _release_group(self, chat_id: int, slot: float) -> None:
        window = self._groups.get(chat_id)
        if window and slot in window:
            window.remove(slot)

    def _prune(self, now: float) -> None:
        """Forget groups with no send in the last minute, so memory follows the rate, not the chat count."""
        for chat_id in [c for c, w in self._groups.items() if not w or w[-1] <= now - GROUP_WINDOW]:
            del self._groups[chat_id]
