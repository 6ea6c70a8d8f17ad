"""What a broadcast send is doing right now, so a shutdown can cut short only what is safe to cut.

A send (one chat's quiz, or one recap) runs as its own task, a *flight*. While it waits (for the
pacer, a backoff, PTB's rate limiter or a flood wait) nothing has reached Telegram: cancelling it
loses nothing, its claimed delivery simply stays 'pending' and the next run sends it. While a
request is *on the wire* Telegram may be accepting it: that one must finish and be recorded, or the
next run would send the quiz a second time.

The rate limiter (bot/ratelimit.py) marks the part of a request that is on the wire, and its
`close()` ends every flood wait at once (the request fails with its RetryAfter instead of being
retried), so a shutdown never waits out a long `retry_after`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter


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


def retry_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds (timedelta form with PTB_TIMEDELTA; an int before)."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
