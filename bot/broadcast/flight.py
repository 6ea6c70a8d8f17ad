"""What a broadcast send is doing right now, so a shutdown can cut short only what is safe to cut.

A send (one chat's quiz, or one recap) runs as its own task, a *flight*. While it waits (for the
pacer, a backoff, PTB's rate limiter or a flood wait) nothing has reached Telegram: cancelling it
loses nothing, its claimed delivery simply stays 'pending' and the next run sends it. While a
request is *on the wire* Telegram may be accepting it: that one must finish and be recorded, or the
next run would send the quiz a second time.

`GracefulRateLimiter` is PTB's AIORateLimiter with two additions: it tells the current flight when
a request is on the wire, and `close()` ends every flood wait at once (the request fails with its
RetryAfter instead of being retried), so a shutdown never waits out a long `retry_after`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


class Abandoned(BaseException):
    """Raised inside a flight the shutdown gave up on, at its next wait (BaseException, like
    CancelledError, so no `except Exception` on the way swallows it)."""


class Flight:
    """One send in progress: how many waits and requests on the wire it is in."""

    __slots__ = ("abandoned", "task", "waits", "wire")

    def __init__(self, *, abandoned: bool = False) -> None:
        self.waits = 0
        self.wire = 0
        self.abandoned = abandoned
        self.task: asyncio.Task[Any] | None = None

    @property
    def waiting_only(self) -> bool:
        """Waiting, with nothing on the wire: cancelling it now cannot lose or duplicate a message."""
        return self.waits > 0 and self.wire == 0

    def abandon(self) -> None:
        """Shutdown: cancel it if it is waiting; otherwise it stops at its next wait."""
        self.abandoned = True
        if self.waiting_only and self.task is not None and not self.task.done():
            self.task.cancel()


_CURRENT: ContextVar[Flight | None] = ContextVar("broadcast_flight", default=None)


def current_flight() -> Flight | None:
    """The flight of the running task, None outside broadcasts (handlers, jobs)."""
    return _CURRENT.get()


def enter_flight(flight: Flight) -> None:
    """Make `flight` the current one for the rest of this task (call first thing in the task)."""
    _CURRENT.set(flight)
    flight.task = asyncio.current_task()


@contextlib.contextmanager
def waiting() -> Iterator[None]:
    """Around a wait for a rate limit or a backoff; raises Abandoned instead once the flight is given up."""
    flight = _CURRENT.get()
    if flight is None:
        yield
        return
    if flight.abandoned:
        raise Abandoned
    flight.waits += 1
    try:
        yield
    finally:
        flight.waits -= 1


@contextlib.contextmanager
def on_the_wire() -> Iterator[None]:
    """Around one HTTP request to Telegram. A 429 for a flight given up meanwhile ends it (the request
    was refused, so nothing was sent) instead of waiting out the flood."""
    flight = _CURRENT.get()
    if flight is None:
        yield
        return
    flight.wire += 1
    try:
        yield
    except RetryAfter as exc:
        if flight.abandoned:
            raise Abandoned from exc
        raise
    finally:
        flight.wire -= 1


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)


class GracefulRateLimiter(AIORateLimiter):
    """AIORateLimiter (same limits, same retries) that marks broadcast requests on the wire and whose
    flood waits end at `close()`. The retry loop is PTB's, with the sleep made interruptible."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._closing = asyncio.Event()

    @property
    def closed(self) -> bool:
        return self._closing.is_set()

    def close(self) -> None:
        """Shutdown: stop waiting out 429s; a request refused with 429 now fails with its RetryAfter."""
        self._closing.set()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        async def wired(*a: Any, **kw: Any) -> bool | dict[str, Any] | list[dict[str, Any]]:
            with on_the_wire():
                return await callback(*a, **kw)

        max_retries = rate_limit_args or self._max_retries
        chat_id = data.get("chat_id")
        chat = chat_id is not None
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        group: int | str | bool = chat_id if (isinstance(chat_id, int) and chat_id < 0) or isinstance(
            chat_id, str) else False
        with waiting():  # in a broadcast flight: everything here but `wired` is a wait
            for attempt in range(max_retries + 1):
                try:
                    return await self._run_request(
                        chat=chat, group=group, allow_paid_broadcast=data.get("allow_paid_broadcast", False),
                        callback=wired, args=args, kwargs=kwargs,
                    )
                except RetryAfter as exc:
                    if attempt == max_retries or self.closed:
                        log.warning("%s: Telegram's flood limit, retry_after %s s; not retried", endpoint,
                                    _seconds(exc.retry_after))
                        raise
                    pause = _seconds(exc.retry_after) + 0.1
                    log.info("%s: Telegram's flood limit, retrying in %.1f s", endpoint, pause)
                    self._retry_after_event.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._closing.wait(), pause)
                    if self.closed:
                        raise
                finally:
                    self._retry_after_event.set()
        raise AssertionError("unreachable")  # pragma: no cover
