"""Streaks from sets of local dates."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.streaks import best_streak, current_streak, streaks

TODAY = date(2026, 3, 10)


def days_back(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=o) for o in offsets]


def test_empty_history() -> None:
    assert current_streak([], TODAY) == 0
    assert best_streak([]) == 0
    assert streaks([], TODAY) == (0, 0)


def test_streak_including_today() -> None:
    assert current_streak(days_back(0, 1, 2), TODAY) == 3


def test_yesterday_keeps_the_streak_alive() -> None:
    assert current_streak(days_back(1, 2, 3, 4), TODAY) == 4


def test_gap_of_two_days_breaks_it() -> None:
    assert current_streak(days_back(2, 3, 4), TODAY) == 0


def test_duplicates_and_order_do_not_matter() -> None:
    history = days_back(0, 0, 2, 1, 1)
    assert current_streak(history, TODAY) == 3
    assert best_streak(history) == 3


def test_best_streak_can_be_in_the_past() -> None:
    history = days_back(0, 10, 11, 12, 13, 20, 21)
    assert streaks(history, TODAY) == (1, 4)


def test_month_and_year_boundaries() -> None:
    history = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 2, 28), date(2026, 3, 1)]
    assert best_streak(history) == 3
    assert current_streak(history, date(2026, 3, 2)) == 2


def test_accepts_a_generator_once() -> None:
    assert streaks((d for d in days_back(0, 1)), TODAY) == (2, 2)
