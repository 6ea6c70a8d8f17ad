"""Leitner-box spaced repetition, as pure functions so storage and tests share one rule set.

Boxes 1..5 are "in review"; a right answer in box 5 moves the question to `LEARNED_BOX`, where it
leaves the review queue for good (until the student gets it wrong again, which restarts it at box 1).

Intervals grow roughly ×2–×3 per box. Box 1 is short (10 minutes) so that a question missed in a quiz
can come back in the same study sitting via /ulang; later boxes are days apart so the queue stays small.

Policy (applied by the storage layer): only questions a student has answered wrong at least once enter
the review system; a right answer to a question that has no box yet does nothing, so a quiz answered
right the first time never floods the queue.
"""

from __future__ import annotations

from datetime import datetime, timedelta

MIN_BOX = 1
MAX_REVIEW_BOX = 5
LEARNED_BOX = MAX_REVIEW_BOX + 1
"""Terminal state: a question here is learned and is never due."""

INTERVALS: dict[int, timedelta] = {
    1: timedelta(minutes=10),
    2: timedelta(days=1),
    3: timedelta(days=3),
    4: timedelta(days=7),
    5: timedelta(days=16),
}


def next_box(box: int, correct: bool) -> int:
    """Wrong sends the question back to box 1; right moves it up one box, up to LEARNED_BOX."""
    if not MIN_BOX <= box <= LEARNED_BOX:
        raise ValueError(f"box must be between {MIN_BOX} and {LEARNED_BOX}, got {box}")
    if not correct:
        return MIN_BOX
    return min(box + 1, LEARNED_BOX)


def due_at(box: int, answered_at: datetime) -> datetime:
    """When a question put in `box` at `answered_at` is due again; learned questions are never due."""
    if box == LEARNED_BOX:
        raise ValueError("a learned question is never due")
    try:
        interval = INTERVALS[box]
    except KeyError:
        raise ValueError(f"box must be between {MIN_BOX} and {MAX_REVIEW_BOX}, got {box}") from None
    return answered_at + interval


def is_learned(box: int) -> bool:
    """True once a question has left the review queue."""
    return box >= LEARNED_BOX
