"""Concurrent update processing that keeps each chat's order (`ChatOrderedProcessor`).

PTB's own `SimpleUpdateProcessor` runs any `max_concurrent_updates` updates at once in whatever
order they finish: two messages of one student could be answered the wrong way round, and two
answers to one private quiz poll could race. This processor gives every update a *lane*:

- one lane per chat (`effective_chat`), so a chat's updates run strictly one after another, in
  the order Telegram delivered them;
- a poll answer carries no chat: it goes to its voter's lane, which is the voter's private chat
  (user id == private chat id), so a private quiz session sees its answers and messages in order;
- updates without chat or user (e.g. `poll` state changes) share one lane.
- the two migration service messages (old group: migrate_to_chat_id, new supergroup:
  migrate_from_chat_id) both go to the new chat's lane, so the move is never done twice at once.

Different lanes run in parallel, at most `running` at a time. Waiting for one's turn in a lane
does *not* hold a running slot (PTB's base class takes its semaphore before calling us, so it is
given a generous bound that only caps memory; our own bound is taken when the update's turn has
come). A handler that must wait for Telegram (a chat's rate-limit slot, a flood wait, a retry
backoff) can hand its slot back meanwhile with `slot_released()` (the rate limiter does).

Why a lane is a chain of futures: each update waits only for the one before it in the same chat,
memory is one entry per chat with updates in flight, and ordering needs no extra bookkeeping.

`processed_through` is the highest update id below which every update handed to the processor has
finished; the health check reads the age of the oldest update still unprocessed.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

DEFAULT_RUNNING = 64  # updates handled at the same moment
DEFAULT_ADMITTED = 4096  # updates held (running or waiting their turn); only bounds memory

_NO_CHAT = ("none", 0)


class _Slot:
    """The running slot of one update, so waits on Telegram can hand it back for a while."""

    __slots__ = ("held", "semaphore")

    def __init__(self, semaphore: asyncio.Semaphore) -> None:
        self.semaphore = semaphore
        self.held = False


_SLOT: ContextVar[_Slot | None] = ContextVar("update_slot", default=None)


@contextlib.asynccontextmanager
async def slot_released() -> AsyncIterator[None]:
    """Around a wait that concerns only this chat: other chats' updates may run meanwhile."""
    slot = _SLOT.get()
    if slot is None or not slot.held:
        yield
        return
    slot.held = False
    slot.semaphore.release()
    try:
        yield
    finally:
        await slot.semaphore.acquire()
        slot.held = True


def lane_of(update: object) -> tuple[str, int]:
    """The lane an update is ordered in (see the module docstring)."""
    if not isinstance(update, Update):
        return _NO_CHAT
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        return ("chat", int(message.migrate_to_chat_id))
    chat = update.effective_chat
    if chat is not None:
        return ("chat", chat.id)
    answer = update.poll_answer
    if answer is not None:
        if answer.user is not None:
            return ("chat", answer.user.id)  # the voter's private chat
        if answer.voter_chat is not None:
            return ("chat", answer.voter_chat.id)
    user = update.effective_user
    if user is not None:
        return ("chat", user.id)  # inline queries and the like: the user's private lane
    return _NO_CHAT


class ChatOrderedProcessor(BaseUpdateProcessor):
    """In order per chat, in parallel across chats, at most `running` at a time."""

    def __init__(self, running: int = DEFAULT_RUNNING, admitted: int = DEFAULT_ADMITTED,
                 *, monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(max(admitted, running))
        self.running = running
        self._monotonic = monotonic
        self._run_slots = asyncio.Semaphore(running)
        self._lanes: dict[tuple[str, int], tuple[asyncio.Future[None], int]] = {}
        self._in_flight: dict[int, float] = {}  # update id -> when it was handed to us
        self._max_seen = -1
        self._changed = asyncio.Event()
        self.handled = 0

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free: Application.stop already waited for every update task."""

    # -------------------------------------------------------------------------------- ordering

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # Everything up to the first await runs in arrival order (PTB starts one task per update in
        # queue order and its semaphore is far from full), so the lane's chain is in arrival order.
        key = lane_of(update)
        update_id = update.update_id if isinstance(update, Update) else None
        if update_id is not None:
            self._in_flight[update_id] = self._monotonic()
            self._max_seen = max(self._max_seen, update_id)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        before, queued = self._lanes.get(key, (None, 0))
        self._lanes[key] = (done, queued + 1)
        slot = _Slot(self._run_slots)
        started = False
        try:
            if before is not None:
                await asyncio.shield(before)
            await self._run_slots.acquire()
            slot.held = True
            token = _SLOT.set(slot)
            started = True
            try:
                await coroutine
            finally:
                _SLOT.reset(token)
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled before its turn: never started, nothing to warn about
            if slot.held:
                slot.held = False
                self._run_slots.release()
            if not done.done():
                done.set_result(None)
            tail, count = self._lanes[key]
            if count <= 1:
                del self._lanes[key]
            else:
                self._lanes[key] = (tail, count - 1)
            if update_id is not None:
                self._in_flight.pop(update_id, None)
            self.handled += 1
            self._changed.set()
            self._changed = asyncio.Event()

    # -------------------------------------------------------------------------------- observing

    @property
    def processed_through(self) -> int:
        """Every update with a smaller id handed to the processor has finished (-1: none yet)."""
        if self._in_flight:
            return min(self._in_flight) - 1
        return self._max_seen

    def oldest_unprocessed_age(self) -> float:
        """Seconds the oldest update still waiting or running has been with us (0 when none)."""
        if not self._in_flight:
            return 0.0
        return max(0.0, self._monotonic() - min(self._in_flight.values()))

    @property
    def lanes(self) -> int:
        """Chats with updates in flight (memory follows this, not the number of chats ever seen)."""
        return len(self._lanes)

    async def wait_processed(self, update_id: int, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        """Return once update `update_id` (and every earlier one we were given) has finished."""
        async with asyncio.timeout(timeout):
            while self.processed_through < update_id:
                await self._changed.wait()


def detach_from_slot() -> None:
    """Call first thing in a task started from a handler: the task must not hand back (or think it
    holds) the handler's processing slot it inherited with the context."""
    _SLOT.set(None)
