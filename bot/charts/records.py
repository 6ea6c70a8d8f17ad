"""What the pictures show, as plain frozen records: no Telegram objects, no database rows.

The handlers and `python -m bot stats` fill these from aggregate queries; `bot.charts.draw` turns
them into PNGs, possibly in another process, so every record must pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TopicScore:
    """Answers and right answers for one topic; `name` is already in the reader's language."""

    name: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> int:
        """Whole percent right (0 with no answers)."""
        return round(100 * self.correct / self.answered) if self.answered else 0


@dataclass(frozen=True)
class ReviewBoxes:
    """How many questions sit in each review stage: just missed, being learned, learned."""

    new: int = 0
    learning: int = 0
    learned: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.learned


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class MissedQuestion:
    """A question the class often gets wrong; `label` is a short form of the question."""

    question_id: str
    label: str
    answer: str
    wrong: int
    answered: int


@dataclass(frozen=True)
class ClassPicture:
    """A class (one group) over the last days: participation, topics, most missed, review backlog."""

    title: str
    participation: tuple[DayCount, ...]  # distinct students who answered, per local day
    topics: tuple[TopicScore, ...]  # weakest first
    missed: tuple[MissedQuestion, ...]
    backlog: ReviewBoxes
    students: int


@dataclass(frozen=True)
class StudentPicture:
    """A student's progress card."""

    name: str
    topics: tuple[TopicScore, ...]
    active_days: frozenset[date]  # local days with at least one answer in the window
    last_day: date  # the calendar ends on this day (today in the student's zone)
    window_days: int
    boxes: ReviewBoxes
    streak: int


@dataclass(frozen=True)
class BotPicture:
    """The whole bot for the owners, per local day."""

    days: tuple[date, ...]
    active_chats: tuple[int, ...]
    answers: tuple[int, ...]
    unanswered: tuple[int, ...]
    stale_facts: int | None = None
