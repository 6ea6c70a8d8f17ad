"""A clock for tests: aware UTC that only moves when the test says so (inject it as `clock=`)."""

from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    """Aware-UTC time that only moves when the test says so."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
