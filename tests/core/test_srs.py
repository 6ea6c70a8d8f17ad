"""Leitner rules: wrong → box 1, right → one box up, past the last box → learned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core import srs

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_wrong_always_restarts_at_box_one() -> None:
    for box in range(srs.MIN_BOX, srs.LEARNED_BOX + 1):
        assert srs.next_box(box, False) == 1


def test_right_moves_up_one_box_until_learned() -> None:
    assert [srs.next_box(b, True) for b in range(1, srs.LEARNED_BOX + 1)] == [2, 3, 4, 5, 6, 6]
    assert srs.LEARNED_BOX == srs.MAX_REVIEW_BOX + 1 == 6
    assert srs.is_learned(srs.next_box(srs.MAX_REVIEW_BOX, True))
    assert not srs.is_learned(srs.MAX_REVIEW_BOX)


def test_intervals_grow_and_box_one_is_same_sitting() -> None:
    dues = [srs.due_at(b, T0) - T0 for b in range(1, srs.MAX_REVIEW_BOX + 1)]
    assert dues[0] == timedelta(minutes=10)
    assert dues == sorted(dues) and len(set(dues)) == len(dues)
    assert dues[1:] == [timedelta(days=d) for d in (1, 3, 7, 16)]


def test_due_at_keeps_the_time_zone_and_rejects_bad_boxes() -> None:
    assert srs.due_at(2, T0).tzinfo is UTC
    with pytest.raises(ValueError):
        srs.due_at(srs.LEARNED_BOX, T0)
    for bad in (0, 7, -1):
        with pytest.raises(ValueError):
            srs.next_box(bad, True)
    with pytest.raises(ValueError):
        srs.due_at(0, T0)
