"""Streak maths over the set of local dates on which a student answered at least one question.

Kept pure (dates in, ints out) so the timezone decision stays with the caller: storage converts
answer timestamps to the student's local dates first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive days ending today, or ending yesterday (today's answer may still come)."""
    seen = set(days)
    if today in seen:
        cursor = today
    elif today - _ONE_DAY in seen:
        cursor = today - _ONE_DAY
    else:
        return 0
    streak = 0
    while cursor in seen:
        streak += 1
        cursor -= _ONE_DAY
    return streak


def best_streak(days: Iterable[date]) -> int:
    """Longest run of consecutive days ever."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == _ONE_DAY else 1
        best = max(best, run)
        previous = day
    return best


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, best) in one pass over the caller's iterable."""
    seen = set(days)
    return current_streak(seen, today), best_streak(seen)
