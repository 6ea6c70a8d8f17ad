"""Plain frozen records returned by `Store`, so callers never hold ORM objects bound to a session.

List fields are plain lists (callers compare them with lists); treat them as read-only.
All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time


class SessionBusy(Exception):
    """The chat already has an active group quiz; only one group round runs per chat."""

    def __init__(self, chat_id: int, session_id: int) -> None:
        super().__init__(f"chat {chat_id} already has an active group session {session_id}")
        self.chat_id = chat_id
        self.session_id = session_id


@dataclass(frozen=True, slots=True)
class ChatRecord:
    id: int
    type: str
    title: str | None
    language: str | None
    timezone: str | None
    active: bool
    migrated_to: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: int
    chat_id: int
    user_id: int | None
    kind: str
    question_ids: list[str]
    position: int
    correct: int
    answered: int
    active: bool
    started_at: datetime
    finished_at: datetime | None

    @property
    def current_question_id(self) -> str | None:
        """The question at `position`, or None when every question was asked."""
        if 0 <= self.position < len(self.question_ids):
            return self.question_ids[self.position]
        return None

    @property
    def done(self) -> bool:
        """True when the position ran past the last question."""
        return self.position >= len(self.question_ids)


@dataclass(frozen=True, slots=True)
class PollRecord:
    poll_id: str
    chat_id: int
    message_id: int
    question_id: str
    topic: str
    correct_option: int
    option_order: list[int]
    kind: str
    session_id: int | None
    delivery_id: int | None
    sent_at: datetime
    closes_at: datetime | None
    closed_at: datetime | None


@dataclass(frozen=True, slots=True)
class AnswerResult:
    poll: PollRecord
    correct: bool
    first: bool


@dataclass(frozen=True, slots=True)
class PollResults:
    poll_id: str
    answered: int
    correct: int
    correct_user_ids: list[int] = field(default_factory=list)
    """Users who answered right, earliest answer first."""

    @property
    def first_correct(self) -> list[int]:
        """Alias of `correct_user_ids` (the contract calls them "first correct user ids")."""
        return self.correct_user_ids


@dataclass(frozen=True, slots=True)
class UserStats:
    user_id: int
    answered: int
    correct: int
    per_topic: dict[str, tuple[int, int]]
    current_streak: int
    best_streak: int

    @property
    def accuracy(self) -> float:
        """Share of right answers, 0.0 when nothing was answered yet."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class LeaderRow:
    user_id: int
    name: str
    correct: int
    answered: int


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    chat_id: int
    local_time: time
    timezone: str
    enabled: bool
    updated_at: datetime
    chat_type: str | None = None
    language: str | None = None
    """Chat language, joined in so the broadcast needs no extra query per chat."""


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    id: int
    chat_id: int
    day: date
    kind: str
    state: str
    attempts: int
    poll_id: str | None
    message_id: int | None
    error: str | None
    created_at: datetime
    sent_at: datetime | None
    recapped_at: datetime | None


@dataclass(frozen=True, slots=True)
class DailyPick:
    """The next daily question of a chat and the rotation cycle it belongs to (see Store.pick_daily_question)."""

    question_id: str
    cycle: int


@dataclass(frozen=True, slots=True)
class BotStats:
    chats_by_type: dict[str, int]
    active_subscriptions_by_type: dict[str, int]
    deliveries_today: dict[str, int]
    answers_today: int
    accuracy_per_topic: dict[str, tuple[int, int]]
    most_missed: list[tuple[str, int, int]]
    top_unanswered: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One "Laporkan kesalahan": what it is about (kind, ref), who wrote it and what they said."""

    id: int
    kind: str
    ref: str
    chat_id: int
    user_id: int
    text: str
    state: str
    created_at: datetime
    updated_at: datetime
